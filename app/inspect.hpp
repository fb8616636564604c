#pragma once
// `loadtwin inspect`: what a plan will do (SPEC "convert, inspect, report") -- per scenario
// its executor, max VUs and span (core/plan/scenario_outline.hpp), and from one sim run
// with the given seed the expected iterations, requests, input and output tokens, and the
// cost at the plan's prices.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/plan/scenario_outline.hpp"

namespace loadtwin::app {

// Dollars per million tokens (SPEC "Budget": budget.prices).
using TokenPrices = core::TokenPrices;

// The plan's budget.prices, or nullopt when it has none.
std::optional<TokenPrices> plan_prices(core::Plan const& plan);

// What one sim run sent and what the replies reported. Input tokens count requests answered
// with a 2xx (usage is reported, and billed, only there), using the mock's estimate of the
// exec's request body; output tokens are what the run's output_tokens metric counts.
struct ExpectedUsage {
  std::uint64_t iterations = 0;  // completed, as the iterations metric counts them
  std::uint64_t requests = 0;    // sent
  std::uint64_t input_tokens = 0;
  std::uint64_t output_tokens = 0;
};

struct ScenarioInspection {
  core::ScenarioOutline outline;
  ExpectedUsage expected;
};

struct PlanInspection {
  std::uint64_t seed = 1;
  std::vector<ScenarioInspection> scenarios;
  ExpectedUsage total;
  std::uint32_t max_vus = 0;
  core::Duration max_duration{0};
  std::optional<TokenPrices> prices;
  std::optional<double> cost;  // dollars, when the plan has prices
};

PlanInspection inspect_plan(core::Plan const& plan, std::uint64_t seed);

// Dollars for `usage` at `prices`.
double cost_of(ExpectedUsage const& usage, TokenPrices const& prices);

// The input tokens the mock reports for one request of `kind` (its body / 4 + 1).
std::uint32_t request_input_tokens(core::RequestKind kind);

}  // namespace loadtwin::app
