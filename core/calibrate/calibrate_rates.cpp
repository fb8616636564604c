// calibrate's counts and rates: tokens per response and per delta, error rates per status
// (Wilson intervals), stream cuts, and the concurrency limit.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/calibrate/calibrate_parts.hpp"
#include "core/calibrate/calibrate_sample.hpp"
#include "core/calibrate/fit_distribution.hpp"

namespace loadtwin::core {
namespace {

constexpr double count_resolution = 0.5;  // integer counts: no spread means a constant

// An injected or unexpected error status answered by the server (not a 400 to a bad
// request, not a broken connection).
bool is_error_status(CalRecord const& r) {
  return r.status != 0 && r.status != 200 && r.exec != RequestKind::invalid_request && r.reason &&
         (*r.reason == ErrorReason::injected_status || *r.reason == ErrorReason::unexpected_status);
}

QuantityFit rate_fit(std::string name, std::uint64_t k, std::uint64_t n, std::string param) {
  QuantityFit fit{.name = std::move(name), .samples = n, .fitted = n > 0};
  auto const [lo, hi] = wilson_interval(k, n);
  double const rate = n == 0 ? 0.0 : static_cast<double>(k) / static_cast<double>(n);
  fit.params.push_back({std::move(param), rate, lo, hi, ""});
  if (n == 0) fit.note = "no requests that could show it";
  return fit;
}

}  // namespace

void fit_counts(CalibrationState& s) {
  auto const tokens = [&s](std::vector<std::uint32_t> const& units, auto) {
    std::vector<double> v;
    v.reserve(units.size());
    for (auto u : units) {
      auto const n = s.input.records[s.text[u]].output_tokens;
      if (n > 0) v.push_back(n);
    }
    return v;
  };
  SampleQuantity q{"tokens_per_response", s.text.size(), tokens, 1.0, "tokens", count_resolution};
  if (auto dist = fit_sample_quantity(q, s.options, s.out)) {
    s.out.model.tokens_per_response = *dist;
    s.out.fields.push_back("tokens_per_response");
  }
  auto const per_delta = [&s](std::vector<std::uint32_t> const& units, auto) {
    std::vector<double> v;
    for (auto u : units) {
      CalRecord const& r = s.input.records[s.text[u]];
      // A reply's last delta holds what is left of tokens_per_response: not a full draw.
      std::uint32_t const full = r.gap_count - (r.ends_in_sample ? 1U : 0U);
      for (std::uint32_t g = 0; g < full; ++g) {
        v.push_back(s.input.delta_tokens[r.gap_begin + g]);
      }
    }
    return v;
  };
  SampleQuantity d{"tokens_per_delta", s.text.size(), per_delta, 1.0, "tokens", count_resolution};
  if (auto dist = fit_sample_quantity(d, s.options, s.out)) {
    s.out.model.tokens_per_delta = *dist;
    s.out.fields.push_back("tokens_per_delta");
  }
}

void fit_error_rates(CalibrationState& s) {
  std::uint64_t n = 0, errors = 0;
  std::map<int, std::uint64_t> by_status;
  for (auto const& r : s.input.records) {
    if (r.exec == RequestKind::invalid_request || r.status == 0) continue;
    ++n;
    if (is_error_status(r)) ++by_status[r.status], ++errors;
  }
  QuantityFit total = rate_fit("error_rate", errors, n, "rate");
  int top_status = 0;
  std::uint64_t top = 0;
  for (auto const& [status, k] : by_status) {
    auto fit = rate_fit("error_rate", k, n, fmt::format("rate_{}", status));
    total.params.push_back(fit.params.front());
    if (k > top) top = k, top_status = status;
  }
  if (by_status.size() > 1) {
    total.note =
        fmt::format("the model has one error_status: {} (the most frequent) carries the total rate",
                    top_status);
  }
  s.out.quantities.push_back(std::move(total));
  if (n == 0) return;
  s.out.model.error_rate = static_cast<double>(errors) / static_cast<double>(n);
  s.out.fields.push_back("error_rate");
  if (top_status != 0) {
    s.out.model.error_status = top_status;
    s.out.fields.push_back("error_status");
  }
}

void fit_stream_cuts(CalibrationState& s) {
  std::uint64_t n = 0, cut = 0;
  for (auto const& r : s.input.records) {
    if (r.exec != RequestKind::simple_query || r.status != 200) continue;
    if (r.outcome != RecordOutcome::ok && r.outcome != RecordOutcome::error) continue;
    ++n;
    if (r.reason == ErrorReason::stream_error_event) ++cut;
  }
  s.out.quantities.push_back(rate_fit("stream_error_rate", cut, n, "rate"));
  if (n == 0) return;
  s.out.model.stream_error_rate = static_cast<double>(cut) / static_cast<double>(n);
  s.out.fields.push_back("stream_error_rate");
}

void fit_max_concurrent(CalibrationState& s) {
  QuantityFit fit{.name = "max_concurrent", .samples = s.view.busy_at_wait.size()};
  if (!s.out.load_identifiable) {
    fit.note = "not identifiable from these records (fewer than 3 load levels)";
  } else if (s.view.busy_at_wait.size() < 3) {
    fit.note = fmt::format(
        "not identifiable from these records: no request queued; the server served up to {} "
        "streams at once (max_concurrent is at least that, or unlimited)",
        s.view.max_active);
  } else {
    std::vector<double> busy = s.view.busy_at_wait;
    std::sort(busy.begin(), busy.end());
    double const estimate = std::round(sample_quantile(busy, 0.5));
    fit.fitted = true;
    fit.note = "streams busy when a request had to queue";
    fit.params.push_back({"slots", estimate, std::floor(sample_quantile(busy, 0.025)),
                          std::ceil(sample_quantile(busy, 0.975)), "streams"});
    if (estimate >= 1) {
      s.out.model.max_concurrent = static_cast<std::uint32_t>(estimate);
      s.out.fields.push_back("max_concurrent");
    }
  }
  s.out.quantities.push_back(std::move(fit));
}

}  // namespace loadtwin::core
