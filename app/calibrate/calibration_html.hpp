#pragma once
// calibrate --html: one self-contained page (no script, no network) with, per fitted
// distribution, a Q-Q plot (data quantiles against the model's) and the two CDFs, plus the
// estimates table. Inline SVG; the reports' Chart.js page style can replace it once merged.
#include <string>
#include <vector>

#include "core/calibrate/calibrate.hpp"

namespace loadtwin::app {

std::string calibration_html(core::Calibration const& calibration,
                             std::vector<std::string> const& files);

}  // namespace loadtwin::app
