#pragma once
// Helpers for simulation tests: parse a plan or fail the test, find metrics in a summary.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/plan/plan_json.hpp"
#include "core/report/summary.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::sim::testing {

inline core::Plan plan_or_die(std::string const& json, std::vector<std::string> const& sets = {}) {
  auto parsed = core::parse_plan(json, sets);
  if (!parsed.plan) ADD_FAILURE() << core::format_plan_errors("test plan", parsed.errors);
  return parsed.plan.value_or(core::Plan{});
}

inline core::MetricSummary const* metric(core::Summary const& s, std::string const& name) {
  for (auto const& m : s.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

inline double trend(core::Summary const& s, std::string const& name, std::string const& stat) {
  auto const* m = metric(s, name);
  if (m == nullptr) return -1;
  for (auto const& [k, v] : m->trend) {
    if (k == stat) return v;
  }
  return -1;
}

inline core::ScenarioCounters counters(core::Summary const& s, std::string const& scenario) {
  for (auto const& r : s.scenarios) {
    if (r.name == scenario) return r.counters;
  }
  ADD_FAILURE() << "no scenario " << scenario;
  return {};
}

// A plan with one scenario, no errors, constant delays: first token 100 ms, 10 tokens 10 ms
// apart (a simple_query takes 190 ms), tool calls 500 ms.
inline std::string one_scenario(std::string const& scenario_json,
                                std::string const& model_extra = "") {
  return R"({"model": {"first_token_delay": "100ms", "token_interval": "10ms",
                       "tokens_per_response": 10, "tool_call_delay": "500ms",
                       "error_rate": 0)" +
         model_extra + R"(},
             "options": {"scenarios": {"s": )" +
         scenario_json + "}}}";
}

}  // namespace loadtwin::sim::testing
