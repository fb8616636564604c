#include "app/inspect_command.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <iostream>

#include "app/outputs.hpp"
#include "app/plan_source.hpp"
#include "core/plan/json_pretty.hpp"

namespace loadtwin::app {
namespace {

namespace json = boost::json;

constexpr char const* cost_note =
    "cost needs token prices in the plan (budget.prices, SPEC \"Budget\")";

std::string span_text(core::ScenarioOutline const& o) {
  return fmt::format("{}{} + gracefulStop {}", o.duration_is_bound ? "at most " : "",
                     core::format_duration(o.duration), core::format_duration(o.graceful_stop));
}

std::string cost_text(PlanInspection const& in) {
  return in.cost ? fmt::format("${:.2f}", *in.cost) : std::string(cost_note);
}

json::object usage_json(ExpectedUsage const& u) {
  return json::object{{"iterations", u.iterations},
                      {"requests", u.requests},
                      {"input_tokens", u.input_tokens},
                      {"output_tokens", u.output_tokens}};
}

}  // namespace

void add_inspect_command(CLI::App& app, InspectFlags& f) {
  auto* inspect = app.add_subcommand(
      "inspect", "What a plan will do: VUs, duration, expected requests, tokens and cost");
  inspect->add_option("PLAN", f.plan, "plan file (JSON); omit for models/baseline.json");
  inspect->add_option("--seed", f.seed, "seed of the sim run behind the expected figures (1)");
  inspect->add_option("--set", f.overrides, "override a plan field: PATH=VALUE (repeatable)");
  inspect->add_flag("--json", f.json, "print the inspection as one JSON object");
}

std::string render_inspection_text(PlanInspection const& in, std::string const& plan) {
  std::string out = fmt::format(
      "\n  loadtwin inspect {} — expected figures from one sim run (seed {})\n\n", plan, in.seed);
  for (auto const& s : in.scenarios) {
    auto const& o = s.outline;
    auto const& e = s.expected;
    out += fmt::format("  {}: {}, exec {}, max {} VUs, starts at {}, runs {}\n", o.name,
                       core::to_string(o.executor), core::to_string(o.exec), o.max_vus,
                       core::format_duration(o.start_time), span_text(o));
    out +=
        fmt::format("    expected: {} iterations, {} requests, {} input tokens, {} output tokens\n",
                    e.iterations, e.requests, e.input_tokens, e.output_tokens);
  }
  auto const& t = in.total;
  out += fmt::format("\n  total: at most {} VUs at once, ends by {}\n", in.max_vus,
                     core::format_duration(in.max_duration));
  out +=
      fmt::format("    expected: {} iterations, {} requests, {} input tokens, {} output tokens\n",
                  t.iterations, t.requests, t.input_tokens, t.output_tokens);
  return out + "    cost: " + cost_text(in) + "\n\n";
}

std::string render_inspection_json(PlanInspection const& in, std::string const& plan) {
  json::array scenarios;
  for (auto const& s : in.scenarios) {
    auto const& o = s.outline;
    scenarios.push_back(json::object{{"name", o.name},
                                     {"executor", core::to_string(o.executor)},
                                     {"exec", core::to_string(o.exec)},
                                     {"max_vus", o.max_vus},
                                     {"start_time", core::format_duration(o.start_time)},
                                     {"duration", core::format_duration(o.duration)},
                                     {"duration_is_max", o.duration_is_bound},
                                     {"graceful_stop", core::format_duration(o.graceful_stop)},
                                     {"ends_by", core::format_duration(o.end())},
                                     {"expected", usage_json(s.expected)}});
  }
  json::object total = usage_json(in.total);
  total["max_vus"] = in.max_vus;
  total["ends_by"] = core::format_duration(in.max_duration);
  total["cost"] = in.cost ? json::value(*in.cost) : json::value(nullptr);
  json::object root{{"plan", plan},
                    {"seed", in.seed},
                    {"scenarios", std::move(scenarios)},
                    {"total", std::move(total)}};
  if (!in.cost) root["cost_note"] = cost_note;
  return core::render_json_pretty(root) + "\n";
}

int run_inspect_command(InspectFlags const& f) {
  auto loaded = load_plan(f.plan, f.overrides);
  if (!loaded.plan) return usage_error(loaded.error);
  auto const inspection = inspect_plan(*loaded.plan, f.seed);
  std::cout << (f.json ? render_inspection_json(inspection, loaded.display_name)
                       : render_inspection_text(inspection, loaded.display_name));
  return 0;
}

}  // namespace loadtwin::app
