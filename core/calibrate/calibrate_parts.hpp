#pragma once
// calibrate's quantities, one function each (calibrate.cpp runs them in order). Each
// appends its QuantityFit to the calibration and, when fitted, sets its model field(s).
#include <cstdint>
#include <vector>

#include "core/calibrate/calibrate.hpp"
#include "core/calibrate/server_view.hpp"

namespace loadtwin::core {

// Live records carry the clock's noise (SPEC "One twin": <= 2 ms at p99 per event); a
// spread below the resolution is a constant.
inline constexpr double live_clock_noise = 2e6;  // ns
inline constexpr double live_resolution = 1e6;   // ns
inline constexpr double sim_resolution = 1e3;    // ns

struct CalibrationState {
  CalibrationInput const& input;
  CalibrationOptions const& options;
  Calibration& out;
  ServerView view;
  bool live = false;
  double noise = 0, resolution = 0;
  std::vector<std::size_t> text;       // ok simple_query streams with a first token
  std::vector<std::size_t> tool;       // ok tool_call streams
  double slowdown = 0;                 // k, once fitted (else 0)
  std::vector<double> slowdown_draws;  // k of each bootstrap replicate of the first-token fit
  // The k a replicate deflates with (its own draw, so k's uncertainty reaches the intervals
  // of every delay it scales); nullopt: the full fit's.
  [[nodiscard]] double slowdown_at(std::optional<std::uint32_t> replicate) const {
    if (!replicate || *replicate >= slowdown_draws.size()) return slowdown;
    return slowdown_draws[*replicate];
  }
};

void fit_network_rtt(CalibrationState& s);
void fit_first_token_delay(CalibrationState& s);
void fit_token_interval(CalibrationState& s);
void fit_counts(CalibrationState& s);  // tokens_per_response, tokens_per_delta
void fit_tool_call_delay(CalibrationState& s);
void fit_error_rates(CalibrationState& s);
void fit_stream_cuts(CalibrationState& s);
void fit_max_concurrent(CalibrationState& s);

}  // namespace loadtwin::core
