#include "core/calibrate/bootstrap.hpp"

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>

#include "core/calibrate/fit_distribution.hpp"
#include "core/random.hpp"

namespace loadtwin::core {

std::vector<std::uint32_t> all_units(std::size_t n) {
  std::vector<std::uint32_t> units(n);
  for (std::size_t i = 0; i < n; ++i) units[i] = static_cast<std::uint32_t>(i);
  return units;
}

std::vector<std::pair<double, double>> bootstrap_intervals(std::size_t n,
                                                           std::vector<double> const& full,
                                                           Estimator const& estimate,
                                                           BootstrapSpec const& spec) {
  std::vector<std::pair<double, double>> out(full.size(), {0.0, 0.0});
  if (n == 0 || spec.replicates == 0) return out;
  std::size_t const m = std::min(n, spec.cap);
  std::vector<std::uint32_t> base(m);
  for (std::size_t i = 0; i < m; ++i) base[i] = static_cast<std::uint32_t>(i * n / m);
  std::vector<std::vector<double>> draws(full.size());
  std::vector<std::uint32_t> units(m);
  for (std::uint32_t r = 0; r < spec.replicates; ++r) {
    Rng rng = rng_for(spec.seed, DrawKey{fnv1a64(spec.quantity), r, 0}, DrawPurpose::response);
    boost::random::uniform_int_distribution<std::size_t> pick(0, m - 1);
    for (auto& u : units) u = base[pick(rng)];
    auto const params = estimate(units, r);
    for (std::size_t p = 0; p < full.size() && p < params.size(); ++p)
      draws[p].push_back(params[p]);
  }
  double const scale = std::sqrt(static_cast<double>(m) / static_cast<double>(n));
  for (std::size_t p = 0; p < full.size(); ++p) {
    auto& d = draws[p];
    std::erase_if(d, [](double v) { return !std::isfinite(v); });
    if (d.empty()) {
      out[p] = {full[p], full[p]};
      continue;
    }
    std::sort(d.begin(), d.end());
    double const center = sample_quantile(d, 0.5);
    double const lo = sample_quantile(d, 0.025), hi = sample_quantile(d, 0.975);
    out[p] = {full[p] - (center - lo) * scale, full[p] + (hi - center) * scale};
  }
  return out;
}

}  // namespace loadtwin::core
