#pragma once
// Keyed bootstrap (calibrate): replicate r of quantity Q resamples with the stream
// rng_for(seed, {fnv1a64(Q), r, 0}), so the same records give the same intervals. Above
// `cap` units a replicate resamples a fixed systematic subsample of `cap` units and the
// spread is scaled by sqrt(cap / n) (m-out-of-n bootstrap), keeping the cost bounded.
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace loadtwin::core {

struct BootstrapSpec {
  std::string_view quantity;
  std::uint64_t seed = 1;
  std::uint32_t replicates = 200;
  std::size_t cap = 20000;
};

// Parameters estimated from a set of unit indices (with repeats) in bootstrap replicate
// `replicate` (0-based).
using Estimator = std::function<std::vector<double>(std::vector<std::uint32_t> const& units,
                                                    std::uint32_t replicate)>;

// 95% intervals, one per parameter of `full` (the estimate on all n units).
std::vector<std::pair<double, double>> bootstrap_intervals(std::size_t n,
                                                           std::vector<double> const& full,
                                                           Estimator const& estimate,
                                                           BootstrapSpec const& spec);

// Every unit index 0..n-1 once.
std::vector<std::uint32_t> all_units(std::size_t n);

}  // namespace loadtwin::core
