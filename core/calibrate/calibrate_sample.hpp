#pragma once
// One calibrated quantity that is a distribution of per-request (or per-gap) values: the
// family by KS distance on all units, its parameters' bootstrap intervals, data-vs-model
// quantiles and plot points (calibrate_parts).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/calibrate/calibrate.hpp"
#include "core/calibrate/fit_distribution.hpp"

namespace loadtwin::core {

// The sample of a set of unit indices (with repeats), in the model's unit (ns or count), for
// bootstrap replicate `replicate` (nullopt: the fit on every unit).
using SampleOf = std::function<std::vector<double>(std::vector<std::uint32_t> const&,
                                                   std::optional<std::uint32_t> replicate)>;

struct SampleQuantity {
  std::string name;
  std::size_t units = 0;
  SampleOf values;
  double report_scale = 1e-6;  // model unit -> reported unit (ns -> ms)
  std::string unit = "ms";
  double resolution = 0;  // a spread at or below it is a constant
};

// Fits and appends the QuantityFit; the fitted distribution (model unit) when fitted.
std::optional<Distribution> fit_sample_quantity(SampleQuantity const& q,
                                                CalibrationOptions const& options,
                                                Calibration& out);

// The p50/p90/p95/p99 rows and plot points of a sorted sample against a model.
void describe_fit(std::vector<double> const& sorted, Distribution const& model, double scale,
                  QuantityFit& fit);

}  // namespace loadtwin::core
