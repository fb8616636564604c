#pragma once
// JUnit XML for CI dashboards: one testcase per threshold, a <failure> for each failed one.
#include <string>

#include "core/report/summary.hpp"

namespace loadtwin::core {

std::string render_junit(Summary const& summary);

}  // namespace loadtwin::core
