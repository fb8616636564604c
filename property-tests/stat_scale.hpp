#pragma once
// LOADTWIN_STAT_SCALE (default 1) scales the size of statistical and property tests down,
// e.g. 0.1 under sanitizers, so CI stays within its budget.
#include <algorithm>
#include <cstdlib>

namespace loadtwin::testing {

inline double stat_scale() {
  char const* text = std::getenv("LOADTWIN_STAT_SCALE");
  double const scale = text ? std::atof(text) : 1.0;
  return std::clamp(scale, 0.01, 1.0);
}

inline int scaled(int n) { return std::max(1, static_cast<int>(n * stat_scale())); }

}  // namespace loadtwin::testing
