#pragma once
// The in-run spend guard (SPEC "Budget"): counts requests as they start and the tokens
// replies report, and says -- once -- when a limit is reached, so the run starts no further
// request. Live only: sim's pre-flight estimate must see the whole plan.
#include <cstdint>
#include <functional>
#include <string>

#include "core/plan/plan.hpp"
#include "core/run/segment.hpp"

namespace loadtwin::core {

class BudgetGuard {
 public:
  // `on_reached` runs once, when the first limit is reached. `share_note` ends the limit's
  // sentence when `budget` is a segment's share of the plan's.
  BudgetGuard(BudgetConfig const& budget, std::function<void()> on_reached,
              std::string share_note = {})
      : budget_(budget), on_reached_(std::move(on_reached)), share_note_(std::move(share_note)) {}

  // Before the first request: a share of 0 (a segment too small for any of a limit) is
  // reached before anything starts.
  void check_at_start() { check(); }

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
  std::string share_note_;
  std::uint64_t requests_ = 0;
  std::uint64_t input_tokens_ = 0;
  std::uint64_t output_tokens_ = 0;
  std::string limit_;
};

// A segment's share of every limit, so the segments of a split run (processes, machines or
// --workers threads), each keeping to its share, keep to the budget together: counts by k6's
// ScaleInt64 (the shares of one sequence's segments sum to the limit; a share may be 0),
// dollars by the segment's length. The whole test's budget is returned as it is.
BudgetConfig budget_segment_share(BudgetConfig const& budget, ExecutionTuple const& segment);
// " (this segment's share of max_requests=10)" for the limits a share changed; "" otherwise.
std::string budget_share_note(BudgetConfig const& budget, BudgetConfig const& share);

// Dollars for `input` and `output` tokens at `prices`.
double token_cost(TokenPrices const& prices, double input_tokens, double output_tokens);

}  // namespace loadtwin::core
