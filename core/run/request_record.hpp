#pragma once
// One request as the per-request records hold it (SPEC "Per-request records"): who sent it,
// every timestamp, how it ended. The recorder fills one per request, sim and live alike; the
// records writer and reader (core/report/records_*.hpp) carry it to and from JSON lines, for
// `calibrate`, `validate`, `merge` and the twin check.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/request_kind.hpp"
#include "core/stream_event.hpp"
#include "core/time.hpp"

namespace loadtwin::core {

enum class RecordOutcome : std::uint8_t {
  ok,           // the exchange was what `expect` asks for
  error,        // an errors=1 sample (reason says why)
  interrupted,  // cut by a deadline (gracefulStop, maxDuration, gracefulRampDown)
  aborted,      // cut by Ctrl-C, abortOnFail or an engine bound: no samples at all
};

constexpr std::string_view to_string(RecordOutcome outcome) {
  switch (outcome) {
    case RecordOutcome::ok:
      return "ok";
    case RecordOutcome::error:
      return "error";
    case RecordOutcome::interrupted:
      return "interrupted";
    case RecordOutcome::aborted:
      return "aborted";
  }
  return "?";
}

constexpr std::optional<RecordOutcome> parse_record_outcome(std::string_view text) {
  for (auto o : {RecordOutcome::ok, RecordOutcome::error, RecordOutcome::interrupted,
                 RecordOutcome::aborted}) {
    if (to_string(o) == text) return o;
  }
  return std::nullopt;
}

// A content delta after the first: when it arrived (from `sent`) and the tokens it carried.
struct DeltaRecord {
  Duration offset{0};
  std::uint32_t tokens = 1;
  friend bool operator==(DeltaRecord const&, DeltaRecord const&) = default;
};

struct RequestRecord {
  std::string scenario;
  RequestKind exec = RequestKind::simple_query;
  std::optional<std::uint64_t> vu;       // global VU index (closed-loop executors)
  std::optional<std::uint64_t> arrival;  // global arrival index (arrival-rate executors)
  std::uint64_t iteration = 0;           // of that VU (0 for arrivals)
  std::string key;                       // the draw key, "<scenario>/<a>/<b>"
  std::optional<std::uint32_t> corpus;   // 0-based corpus entry sent
  Instant intended{};                    // the slot (arrival-rate) or the iteration start
  Instant sent{};
  std::optional<Instant> headers;
  std::optional<Instant> first_text;  // the first non-empty text delta
  std::vector<DeltaRecord> deltas;    // every content delta after the first
  std::optional<Instant> end;
  int status = 0;  // 0 = no response
  RecordOutcome outcome = RecordOutcome::ok;
  std::optional<ErrorReason> reason;
  std::optional<std::uint32_t> input_tokens;
  std::optional<std::uint32_t> output_tokens;
  std::uint64_t in_flight = 0;  // requests in flight when this one was sent, itself excluded
  HeaderList ratelimit;         // retry-after and rate-limit headers of the reply
  friend bool operator==(RequestRecord const&, RequestRecord const&) = default;
};

// What a records file says about the run that wrote it (its first line).
struct RecordsHeader {
  int format = 1;           // "loadtwin_records"
  std::string version;      // loadtwin's version
  std::string plan_sha256;  // of the plan as run (overrides applied)
  std::uint64_t seed = 1;
  std::string segment;       // "0:1" when not segmented
  std::string sequence;      // the execution segment sequence, "" when none
  std::string start;         // RFC 3339 wall clock of the run's start
  std::string mode = "sim";  // "sim" or "live"
  std::string dialect = "anthropic";
  friend bool operator==(RecordsHeader const&, RecordsHeader const&) = default;
};

// Receives each request's record as it ends (TestRun::set_record_observer).
class RecordObserver {
 public:
  virtual ~RecordObserver() = default;
  virtual void on_record(RequestRecord const& record) = 0;
};

}  // namespace loadtwin::core
