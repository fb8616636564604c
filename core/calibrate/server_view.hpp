#pragma once
// The server's side of recorded runs, reconstructed from the client's times (calibrate):
// network round trips, queue waits and the streams active at each stream's start. A stream
// holds a slot from t0 = headers - rtt/2 (headers are written when the slot is granted) to
// its last write, end - rtt/2 (SPEC "One twin"); rtt is taken as its median.
#include <cstdint>
#include <vector>

#include "core/calibrate/calibration_input.hpp"

namespace loadtwin::core {

struct ServerView {
  std::vector<double> rtt_samples;    // ns: headers - sent of replies that cannot have waited
  double rtt_median = 0;              // ns (the lowest time to headers when no sample)
  std::vector<std::uint32_t> active;  // by record: streams at its t0, itself included (0: none)
  std::vector<double> busy_at_wait;   // per request that waited: streams busy when it arrived
  std::uint64_t streams = 0;
  std::uint32_t max_active = 0;
};

// `noise` is the clock's noise in ns (0 for sim records): a request waited when its time to
// headers exceeds the rtt samples' p99 by more than that.
ServerView reconstruct_server(CalibrationInput const& input, double noise);

// A stream for the reconstruction: a 200 with headers.
bool is_stream(CalRecord const& r);

}  // namespace loadtwin::core
