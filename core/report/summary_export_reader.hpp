#pragma once
// Reads a summary-export back into a Summary, for `loadtwin report`: loadtwin's own (its
// top-level "loadtwin" object carries the verdicts with observed values, the scenarios and
// the run's identity) or k6's legacy one (verdicts from the inverted booleans, observed
// values taken from the metric's exported statistics where they hold them).
#include <optional>
#include <string>
#include <string_view>

#include "core/report/summary.hpp"

namespace loadtwin::core {

// nullopt and `error` ("NAME: what", or NAME:LINE:COL for bad JSON) when `text` is not a
// summary-export.
std::optional<Summary> parse_summary_export(std::string_view text, std::string const& name,
                                            std::string& error);

}  // namespace loadtwin::core
