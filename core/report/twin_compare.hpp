#pragma once
// Does the twin hold? Two runs of one plan and seed -- sim and live against the mock --
// compared request by request (SPEC "One twin"): the same requests (by draw key), each with
// the same outcome, reason and status, and each event (headers, first text, every delta,
// the end) at the same offset from its request's `sent`, within the clock's noise.
#include <cstdint>
#include <string>
#include <vector>

#include "core/run/request_record.hpp"
#include "core/time.hpp"

namespace loadtwin::core {

// How far live may be from sim: at the 99th percentile of every event, and at most.
struct TwinTolerance {
  Duration p99 = ms(2);
  Duration max = ms(5);
};

struct TwinComparison {
  std::uint64_t matched = 0;                          // requests present on both sides
  std::uint64_t sim_only = 0;                         // requests sim sent and live did not
  std::uint64_t live_only = 0;                        // and the other way round
  std::uint64_t outcome_mismatches = 0;               // outcome, reason or status differ
  std::uint64_t events = 0;                           // event offsets compared
  Duration error_p50{0}, error_p99{0}, error_max{0};  // |live - sim| over those events
  std::string worst;                     // where error_max is: "a/0/3 first text +1.2ms"
  std::vector<std::string> differences;  // the first few, for people
  bool holds = false;
};

// Compares by draw key; aborted requests (Ctrl-C) are left out on both sides.
TwinComparison compare_twin(std::vector<RequestRecord> const& sim,
                            std::vector<RequestRecord> const& live, TwinTolerance tolerance);

// "twin holds (N requests, event error p99 0.4ms, max 1.2ms)" or "twin differs: ...".
std::string describe_twin(TwinComparison const& comparison, TwinTolerance tolerance);

}  // namespace loadtwin::core
