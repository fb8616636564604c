#pragma once
// The in-run spend guard (SPEC "Budget"): counts requests as they start and the tokens
// replies report, and says -- once -- when a limit is reached, so the run starts no further
// request. Live only: sim's pre-flight estimate must see the whole plan.
#include <cstdint>
#include <functional>
#include <string>

#include "core/plan/plan.hpp"

namespace loadtwin::core {

class BudgetGuard {
 public:
  // `on_reached` runs once, when the first limit is reached.
  BudgetGuard(BudgetConfig const& budget, std::function<void()> on_reached)
      : budget_(budget), on_reached_(std::move(on_reached)) {}

  void request_started();
  // The tokens one reply reported (usage); either may be absent (0).
  void reply_usage(std::uint64_t input_tokens, std::uint64_t output_tokens);

  [[nodiscard]] bool reached() const { return !limit_.empty(); }
  // "max_requests=5000 reached (5000 requests started)", or "" while within the budget.
  [[nodiscard]] std::string const& limit() const { return limit_; }
  [[nodiscard]] std::uint64_t requests() const { return requests_; }
  [[nodiscard]] std::uint64_t input_tokens() const { return input_tokens_; }
  [[nodiscard]] std::uint64_t output_tokens() const { return output_tokens_; }
  [[nodiscard]] double cost() const;

 private:
  void check();

  BudgetConfig budget_;
  std::function<void()> on_reached_;
  std::uint64_t requests_ = 0;
  std::uint64_t input_tokens_ = 0;
  std::uint64_t output_tokens_ = 0;
  std::string limit_;
};

// One of `workers` equal shares of every limit (counts rounded down, at least 1), so
// workers that each keep to their share keep to the budget together.
BudgetConfig budget_share(BudgetConfig const& budget, std::size_t workers);

// Dollars for `input` and `output` tokens at `prices`.
double token_cost(TokenPrices const& prices, double input_tokens, double output_tokens);

}  // namespace loadtwin::core
