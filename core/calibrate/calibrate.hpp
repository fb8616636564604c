#pragma once
// `loadtwin calibrate`'s fits (SPEC "Calibration"): from per-request records to a model
// block and, per fitted quantity, its estimate, 95% bootstrap interval, sample count, KS
// distance and data-vs-model quantiles -- or why it cannot be fitted from these records.
//
// What the records identify (playback: core/model/playback.hpp):
//   headers - sent        = network rtt + queue wait     (headers are written at t0)
//   first_text - headers  = (first_token_delay + per_1k * input/1000) * slowdown(active)
//   delta gaps            = token_interval * slowdown(active)
//   end - headers         = tool_call_delay * slowdown(active)       (tool_call)
// where active = streams the server served at t0, reconstructed per run from every stream's
// [headers - rtt/2, end - rtt/2]. Load dependence needs >= 3 load levels (in_flight at send).
// Bootstrap replicates resample requests with keyed randomness: same records, same output.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calibrate/calibration_input.hpp"
#include "core/plan/plan.hpp"

namespace loadtwin::core {

struct ParamEstimate {
  std::string name;  // "median", "per_1k", "rate_529", ...
  double estimate = 0;
  double lo = 0, hi = 0;  // 95% interval
  std::string unit;       // "ms", "tokens", "" (a plain number)
};

struct QuantileRow {
  double p = 0, data = 0, model = 0;
};

struct QuantityFit {
  std::string name{};  // the model field(s) it sets
  std::uint64_t samples = 0;
  bool fitted = false;
  std::string note{};    // why not fitted, or what to know
  std::string family{};  // distributions only
  std::vector<ParamEstimate> params{};
  std::optional<double> ks{};
  std::vector<QuantileRow> quantiles{};      // p50, p90, p95, p99
  std::vector<double> plot_data{};           // sorted, at most 400 points (in the param unit)
  std::optional<Distribution> plot_model{};  // in the same unit
};

struct CalibrationOptions {
  std::uint32_t bootstrap = 200;      // replicates
  std::uint32_t min_samples = 30;     // per quantity and per load level
  std::uint64_t seed = 1;             // keys the bootstrap
  std::size_t bootstrap_cap = 20000;  // requests per replicate (m-out-of-n above it)
};

struct Calibration {
  ModelConfig model;
  std::vector<std::string> fields;  // model fields fitted (written to the model file)
  std::vector<QuantityFit> quantities;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> load_levels;  // in_flight+1, requests
  bool load_identifiable = false;
};

Calibration calibrate(CalibrationInput const& input, CalibrationOptions const& options);

// Wilson score interval of k successes in n at 95%.
std::pair<double, double> wilson_interval(std::uint64_t k, std::uint64_t n);

}  // namespace loadtwin::core
