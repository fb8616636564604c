#pragma once
// Rebuilds a run's 1 s windows after the run, for `loadtwin report`: from k6-style NDJSON
// samples (`--out json`, every series including VUs) or from per-request records
// (`--out requests`, everything but VUs: records carry no VU counts). Bad input is a
// located error ("FILE:LINE: what"), never a crash.
#include <istream>
#include <optional>
#include <string>

#include "core/report/records_io.hpp"
#include "core/report/run_series.hpp"

namespace loadtwin::core {

// NDJSON "Point" lines of vus, http_reqs, errors and first_token_latency; "Metric" lines and
// other metrics are skipped. Offsets run from the earliest Point's time (the vus sample at
// the start, in runs loadtwin wrote). `name` is the file's name in messages.
std::optional<RunSeries> read_series_ndjson(std::istream& in, std::string const& name,
                                            std::string& error);

// Adds one record as the run's samples would have: a finished (ok or error) request at its
// end, an error (or an interrupted request with a reason) by reason at its end, and its first
// token at the instant it arrived.
void add_record_to_series(RunSeries& series, RequestRecord const& record);

// Every record of a records file (plain or gzip).
std::optional<RunSeries> read_series_records(std::string const& path, std::string& error);
// The same over several files (the parts of a split run) into one series.
std::optional<RunSeries> read_series_records(std::vector<std::string> const& paths,
                                             std::string& error);

}  // namespace loadtwin::core
