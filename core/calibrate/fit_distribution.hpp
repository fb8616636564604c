#pragma once
// Fits one model distribution to a sample (SPEC "Calibration"): constant, normal, lognormal
// or empirical, the family chosen by Kolmogorov-Smirnov distance. An empirical fit matches
// its own data by construction, so it is chosen only when every parametric family is
// rejected by the KS test at 1% (Boost.Math's Kolmogorov-Smirnov distribution); a sample
// whose p1..p99 spread is below `resolution` or 0.5% of its median is a constant.
#include <string>
#include <string_view>
#include <vector>

#include "core/model/distribution.hpp"

namespace loadtwin::core {

enum class Family { constant, normal, lognormal, empirical };
std::string_view to_string(Family family);

struct DistributionFit {
  Family family = Family::constant;
  Distribution dist = ConstantDist{};
  double ks = 0;  // sup |F_data - F_model|
  // The family's parameters by name (constant: value; normal: mean, stddev; lognormal:
  // median, p99; empirical: mean), in the sample's unit.
  std::vector<std::pair<std::string, double>> params;
};

// Chooses the family and fits it. `values` must not be empty; it is sorted in place.
DistributionFit fit_distribution(std::vector<double>& values, double resolution);
// Refits `family` (chosen once on the whole sample) to a bootstrap resample, sorted in place.
DistributionFit fit_family(Family family, std::vector<double>& values);

// The same distribution with every value multiplied by `factor` (ns -> ms, say).
Distribution scale_distribution(Distribution const& dist, double factor);
// The model's CDF at x (empirical: the step function of its samples).
double model_cdf(Distribution const& dist, double x);
// The model's quantile at p in (0, 1).
double model_quantile(Distribution const& dist, double p);
// KS distance between a sorted sample and a model.
double ks_distance(std::vector<double> const& sorted, Distribution const& dist);
// k6's percentile of a sorted sample (i = p*(n-1), linear between neighbours).
double sample_quantile(std::vector<double> const& sorted, double p);

}  // namespace loadtwin::core
