#pragma once
// calibrate's first-token fit: the load slowdown k, the per-1k-input-token cost b and the
// residual delay distribution, from text streams (first_text - headers = (D + b*x)*(1 +
// k*(a-1)), x = input tokens / 1000, a = active streams at t0).
#include <cstdint>
#include <optional>
#include <vector>

#include "core/calibrate/calibration_input.hpp"
#include "core/calibrate/fit_distribution.hpp"
#include "core/calibrate/server_view.hpp"

namespace loadtwin::core {

struct DelayFit {
  double slowdown = 0;  // k (0 when load is not fitted)
  double per_1k = 0;    // ns per 1000 input tokens (0 when input does not vary)
  bool input_varies = false;
  std::vector<double> residuals;  // ns: D per request
  DistributionFit dist;
};

// Fits over `units` (indices into `streams`, with repeats). `fit_load`: estimate k (else
// 0); `family`: refit that family (a bootstrap replicate) instead of choosing one.
DelayFit fit_first_token(CalibrationInput const& input, ServerView const& view,
                         std::vector<std::size_t> const& streams,
                         std::vector<std::uint32_t> const& units, bool fit_load,
                         std::optional<Family> family, double resolution);

// 1 + k * (active - 1).
inline double slowdown_factor(double k, std::uint32_t active) {
  return 1.0 + k * (static_cast<double>(active < 1 ? 1 : active) - 1.0);
}

}  // namespace loadtwin::core
