#pragma once
// Parts on disk (SPEC "Execution segments and merge"): one JSON object, gzip when the file
// name ends in .gz (read either way, told by the content). Versioned by "loadtwin_part";
// exact: integers for every count and nanosecond, counter sums in the shortest decimal that
// reads back to the same double, trends as (value ns, count) runs in value order, and the
// plan's document itself, so `merge` needs nothing but the parts. The reader never trusts
// its input: every problem is "FILE: what (at JSON path)".
//
//   {"loadtwin_part": 1, "version": "0.9.0", "plan_sha256": "…", "seed": 1,
//    "sequence": "0,1/2,1", "mode": "sim", "dialect": "anthropic",
//    "segments": [{"segment": "0:1/2", "start_planned": null, "start_actual": "…Z",
//                  "clock_offset_ns": 0, "duration_ns": …, "stop": "completed",
//                  "stop_message": "", "abort_at_ns": null, "abort_thresholds": []}],
//    "duration_ns": …, "stop": "completed",
//    "records": {records header}, "records_path": null,
//    "scenarios": [{"name": "a", "iterations_started": …, …, "errors_by_reason": {…}}],
//    "gauges": {"vus": [t_ns, value, …], "vus_allocated": [t_ns, value, …]},
//    "metrics": [{"name": "http_reqs", "type": "counter", "sum": 12, "samples": 12},
//                {"name": "errors", "type": "rate", "trues": 1, "total": 12},
//                {"name": "vus", "type": "gauge", "last": 0, "min": 0, "max": 2, "samples": 3},
//                {"name": "http_req_duration", "type": "trend", "count": 12,
//                 "runs": [value_ns, count, …]}],
//    "plan": {the plan document}}
#include <optional>
#include <string>
#include <string_view>

#include "core/report/part.hpp"

namespace loadtwin::core {

std::string render_part(Part const& part);
// Nullopt and `error` (without a file name) when `text` is not a valid part.
std::optional<Part> parse_part(std::string_view text, std::string& error);

// Writes `part` to `path` (gzip for .gz); false and `error` when it cannot.
bool write_part_file(std::string const& path, Part const& part, std::string& error);
// Reads a part file (plain or gzip); nullopt and `error` ("FILE: what") when it cannot.
std::optional<Part> read_part_file(std::string const& path, std::string& error);

}  // namespace loadtwin::core
