#include "core/calibrate/calibrate_sample.hpp"

#include <fmt/format.h>

#include "core/calibrate/bootstrap.hpp"

namespace loadtwin::core {
namespace {

constexpr std::size_t plot_points = 400;

std::vector<double> param_values(DistributionFit const& fit) {
  std::vector<double> out;
  for (auto const& [name, value] : fit.params) out.push_back(value);
  return out;
}

}  // namespace

void describe_fit(std::vector<double> const& sorted, Distribution const& model, double scale,
                  QuantityFit& fit) {
  for (double p : {0.5, 0.9, 0.95, 0.99}) {
    fit.quantiles.push_back(
        {p, sample_quantile(sorted, p) * scale, model_quantile(model, p) * scale});
  }
  std::size_t const points = std::min(plot_points, sorted.size());
  for (std::size_t i = 0; i < points; ++i) {
    double const p = (static_cast<double>(i) + 0.5) / static_cast<double>(points);
    fit.plot_data.push_back(sample_quantile(sorted, p) * scale);
  }
  fit.plot_model = scale_distribution(model, scale);
}

std::optional<Distribution> fit_sample_quantity(SampleQuantity const& q,
                                                CalibrationOptions const& options,
                                                Calibration& out) {
  QuantityFit fit;
  fit.name = q.name;
  std::vector<double> values = q.values(all_units(q.units), std::nullopt);
  fit.samples = values.size();
  if (values.size() < options.min_samples) {
    fit.note = fmt::format("too few samples ({} < {})", values.size(), options.min_samples);
    out.quantities.push_back(std::move(fit));
    return std::nullopt;
  }
  DistributionFit const chosen = fit_distribution(values, q.resolution);  // sorts values
  auto const estimator = [&](std::vector<std::uint32_t> const& units, std::uint32_t replicate) {
    auto sample = q.values(units, replicate);
    if (sample.empty()) return std::vector<double>{};
    return param_values(fit_family(chosen.family, sample));
  };
  auto const full = param_values(chosen);
  auto const intervals = bootstrap_intervals(
      q.units, full, estimator, {q.name, options.seed, options.bootstrap, options.bootstrap_cap});
  for (std::size_t i = 0; i < full.size(); ++i) {
    fit.params.push_back({chosen.params[i].first, full[i] * q.report_scale,
                          intervals[i].first * q.report_scale, intervals[i].second * q.report_scale,
                          q.unit});
  }
  fit.fitted = true;
  fit.family = std::string(to_string(chosen.family));
  fit.ks = chosen.ks;
  describe_fit(values, chosen.dist, q.report_scale, fit);
  out.quantities.push_back(std::move(fit));
  return chosen.dist;
}

}  // namespace loadtwin::core
