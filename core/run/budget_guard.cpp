#include "core/run/budget_guard.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>
#include <vector>

namespace loadtwin::core {

double token_cost(TokenPrices const& prices, double input_tokens, double output_tokens) {
  return (input_tokens * prices.input_per_mtok + output_tokens * prices.output_per_mtok) / 1e6;
}

BudgetConfig budget_segment_share(BudgetConfig const& budget, ExecutionTuple const& segment) {
  if (segment.whole()) return budget;
  BudgetConfig share = budget;
  auto const scale = [&segment](std::optional<std::uint64_t>& limit) {
    if (!limit) return;
    auto const value = static_cast<std::int64_t>(
        std::min<std::uint64_t>(*limit, std::numeric_limits<std::int64_t>::max()));
    limit = static_cast<std::uint64_t>(segment.scale(value));
  };
  scale(share.max_requests);
  scale(share.max_input_tokens);
  scale(share.max_output_tokens);
  if (share.max_cost) {
    *share.max_cost *= boost::rational_cast<double>(segment.segment().to - segment.segment().from);
  }
  return share;
}

std::string budget_share_note(BudgetConfig const& budget, BudgetConfig const& share) {
  std::vector<std::string> wholes;
  auto const note = [&wholes](char const* name, auto const& whole, auto const& part) {
    if (whole && part && *whole != *part) wholes.push_back(fmt::format("{}={}", name, *whole));
  };
  note("max_requests", budget.max_requests, share.max_requests);
  note("max_input_tokens", budget.max_input_tokens, share.max_input_tokens);
  note("max_output_tokens", budget.max_output_tokens, share.max_output_tokens);
  note("max_cost", budget.max_cost, share.max_cost);
  if (wholes.empty()) return "";
  return fmt::format(" (this segment's share of {})", fmt::join(wholes, ", "));
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
  limit_ += share_note_;
  if (on_reached_) on_reached_();
}

}  // namespace loadtwin::core
