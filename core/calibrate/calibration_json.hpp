#pragma once
// calibrate's outputs as JSON: the model block (only the fields it fitted, in the plan's
// syntax, so it drops into a plan or goes to --model) and the diagnostics document (per
// quantity: samples, estimate, 95% interval, KS distance, data vs model quantiles).
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/calibrate/calibrate.hpp"

namespace loadtwin::core {

// A delay distribution in the plan's syntax (duration strings) or a count's (numbers).
boost::json::value distribution_json(Distribution const& dist, bool durations);
// "105.25ms": a duration string exact to the nanosecond.
std::string duration_text(double ns);

boost::json::object model_json(Calibration const& calibration);
boost::json::object diagnostics_json(Calibration const& calibration,
                                     std::vector<std::string> const& files);

}  // namespace loadtwin::core
