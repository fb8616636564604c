#pragma once
// What `calibrate` keeps of per-request records (SPEC "Calibration"): a compact row per
// request -- its times, sizes and outcome -- and a bounded sample of its token gaps, read
// as a stream so that a million records fit in memory. The records of several files are
// kept apart by file index: the server-side reconstruction (active streams, queue waits)
// is per run.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/report/records_io.hpp"
#include "core/run/request_record.hpp"

namespace loadtwin::core {

// One request, times in ns from its run's start (-1 = absent).
struct CalRecord {
  std::int64_t sent = 0, headers = -1, first_text = -1, end = -1;
  std::uint32_t input_tokens = 0;  // 0 = not reported
  std::uint32_t output_tokens = 0;
  std::uint32_t in_flight = 0;
  std::uint32_t gap_begin = 0;  // into CalibrationInput::gaps
  std::uint16_t file = 0;
  std::uint8_t gap_count = 0;
  bool ends_in_sample = false;  // the last sampled delta is the reply's last (its size is cut)
  RequestKind exec = RequestKind::simple_query;
  RecordOutcome outcome = RecordOutcome::ok;
  std::optional<ErrorReason> reason;
  std::int16_t status = 0;
};

struct CalibrationInput {
  std::vector<std::string> files;
  std::vector<RecordsHeader> headers;  // by file
  std::vector<CalRecord> records;      // file by file, in file order
  std::vector<float> gaps;             // ns between consecutive deltas (at most a few per request)
  std::vector<std::uint32_t> delta_tokens;  // tokens of deltas after the first (sampled alike)
  std::uint64_t skipped = 0;                // aborted records (no samples)
};

// Gaps and delta tokens kept per request: enough for the fit, bounded in memory.
inline constexpr std::uint8_t gaps_per_request = 16;

// Reads every file; nullopt and `error` ("FILE:LINE: what", or what mixes) on the first
// problem. Files of different plans or seeds are refused unless `allow_mixed`.
std::optional<CalibrationInput> read_calibration_input(std::vector<std::string> const& files,
                                                       bool allow_mixed, std::string& error);

// Adds one record of file `file` (tests build inputs without files).
void add_calibration_record(CalibrationInput& input, RequestRecord const& record,
                            std::uint16_t file);

}  // namespace loadtwin::core
