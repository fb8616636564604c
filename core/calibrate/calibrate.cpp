#include "core/calibrate/calibrate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/calibrate/bootstrap.hpp"
#include "core/calibrate/calibrate_delay.hpp"
#include "core/calibrate/calibrate_parts.hpp"
#include "core/calibrate/server_view.hpp"

namespace loadtwin::core {
namespace {

// Load levels: requests by in_flight + 1 at send; a level counts with >= min_samples.
void count_levels(CalibrationInput const& input, CalibrationOptions const& options,
                  Calibration& out) {
  std::map<std::uint32_t, std::uint64_t> levels;
  for (auto const& r : input.records) {
    if (is_stream(r)) ++levels[r.in_flight + 1];
  }
  std::size_t identified = 0;
  for (auto const& [level, n] : levels) {
    out.load_levels.emplace_back(level, n);
    if (n >= options.min_samples) ++identified;
  }
  out.load_identifiable = identified >= 3;
}

bool all_sim(CalibrationInput const& input) {
  return std::all_of(input.headers.begin(), input.headers.end(),
                     [](RecordsHeader const& h) { return h.mode == "sim"; });
}

}  // namespace

std::pair<double, double> wilson_interval(std::uint64_t k, std::uint64_t n) {
  if (n == 0) return {0.0, 1.0};
  double constexpr z = 1.959963984540054;
  double const nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
  double const denom = 1 + z * z / nn;
  double const center = (p + z * z / (2 * nn)) / denom;
  double const half = z / denom * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn));
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

Calibration calibrate(CalibrationInput const& input, CalibrationOptions const& options) {
  Calibration out;
  CalibrationState state{input, options, out, {}, false, 0, 0, {}, {}, 0, {}};
  state.live = !all_sim(input);
  state.noise = state.live ? live_clock_noise : 0.0;
  state.resolution = state.live ? live_resolution : sim_resolution;
  state.view = reconstruct_server(input, state.noise);
  count_levels(input, options, out);
  for (std::size_t i = 0; i < input.records.size(); ++i) {
    CalRecord const& r = input.records[i];
    if (r.outcome != RecordOutcome::ok || !is_stream(r)) continue;
    if (r.exec == RequestKind::simple_query && r.first_text >= 0) state.text.push_back(i);
    if (r.exec == RequestKind::tool_call && r.end >= 0) state.tool.push_back(i);
  }
  fit_network_rtt(state);
  fit_first_token_delay(state);
  fit_token_interval(state);
  fit_counts(state);
  fit_tool_call_delay(state);
  fit_error_rates(state);
  fit_stream_cuts(state);
  fit_max_concurrent(state);
  return out;
}

}  // namespace loadtwin::core
