#pragma once
// The end-of-test summary in k6 v0.48's (legacy) layout: one line per metric padded with
// dots, submetrics indented under their parent, ✓/✗ on thresholded metrics; then a
// THRESHOLDS block naming each failing threshold's observed value, and loadtwin's own
// accounting (iterations started/completed/interrupted/dropped per scenario).
#include <ostream>
#include <string>

#include "core/report/summary.hpp"

namespace loadtwin::core {

struct TextStyle {
  bool color = false;
  std::string mode = "sim";  // "sim" or "live": what the header says
  std::string replay;        // the command that replays a failing run ("" = none)
};

void render_text(Summary const& summary, TextStyle const& style, std::ostream& out);

// k6's humanised duration for a millisecond value: "144.56ms", "1.08s", "1m30s", "850µs".
// With a fixed unit ("s", "ms", "us") every value is written in that unit.
std::string humanize_ms(double ms, std::string const& fixed_unit = "");

// "p(95)=612.4ms", "rate=0.14%", "count=3": a verdict's observed value as the summary shows it.
std::string describe_observed(ThresholdVerdict const& verdict, std::string const& time_unit);

}  // namespace loadtwin::core
