#include "core/run/budget_guard.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace loadtwin::core {

double token_cost(TokenPrices const& prices, double input_tokens, double output_tokens) {
  return (input_tokens * prices.input_per_mtok + output_tokens * prices.output_per_mtok) / 1e6;
}

BudgetConfig budget_share(BudgetConfig const& budget, std::size_t workers) {
  if (workers <= 1) return budget;
  BudgetConfig share = budget;
  auto const split = [workers](std::optional<std::uint64_t>& limit) {
    if (limit) limit = std::max<std::uint64_t>(1, *limit / workers);
  };
  split(share.max_requests);
  split(share.max_input_tokens);
  split(share.max_output_tokens);
  if (share.max_cost) *share.max_cost /= static_cast<double>(workers);
  return share;
}

double BudgetGuard::cost() const {
  if (!budget_.prices) return 0;
  return token_cost(*budget_.prices, static_cast<double>(input_tokens_),
                    static_cast<double>(output_tokens_));
}

void BudgetGuard::request_started() {
  ++requests_;
  check();
}

void BudgetGuard::reply_usage(std::uint64_t input_tokens, std::uint64_t output_tokens) {
  input_tokens_ += input_tokens;
  output_tokens_ += output_tokens;
  check();
}

void BudgetGuard::check() {
  if (reached()) return;
  if (budget_.max_requests && requests_ >= *budget_.max_requests) {
    limit_ = fmt::format("max_requests={} reached ({} requests started)", *budget_.max_requests,
                         requests_);
  } else if (budget_.max_input_tokens && input_tokens_ >= *budget_.max_input_tokens) {
    limit_ = fmt::format("max_input_tokens={} reached ({} input tokens reported)",
                         *budget_.max_input_tokens, input_tokens_);
  } else if (budget_.max_output_tokens && output_tokens_ >= *budget_.max_output_tokens) {
    limit_ = fmt::format("max_output_tokens={} reached ({} output tokens reported)",
                         *budget_.max_output_tokens, output_tokens_);
  } else if (budget_.max_cost && cost() >= *budget_.max_cost) {
    limit_ = fmt::format("max_cost={:.2f} reached (${:.2f} of reported tokens)", *budget_.max_cost,
                         cost());
  } else {
    return;
  }
  if (on_reached_) on_reached_();
}

}  // namespace loadtwin::core
