#pragma once
// The one playback of a ResponseScript (SPEC "One twin"), shared by sim::SimServer and the
// live mock so that they cannot drift apart. Pure functions of the script and two instants:
//
//   client sends ──rtt/2──▶ arrival ──queue──▶ t0 (slot granted) ── script offsets ──▶ writes
//                                                                            │ rtt/2
//                                                                            ▼ client receives
//
// Every reply -- a stream, an injected error, a 400, a full queue -- reaches the client rtt/2
// after the server writes it. A streamed reply holds its slot from t0 until its last event
// is written (server time). The mock, which sits at the client's end of a zero-delay
// loopback, writes each part at its client time and frees the slot at the server time; sim
// delivers each event at its client time. Offsets of a stream are scaled by the load
// slowdown drawn at t0 (slowdown_scale).
#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/model/timing_model.hpp"
#include "core/plan/plan.hpp"
#include "core/time.hpp"

namespace loadtwin::core {

// Half of the request's drawn round trip: the delay each way.
constexpr Duration half_rtt(ResponseScript const& script) { return script.network_rtt / 2; }

// When a request the client finished sending at `sent` reaches the server.
constexpr Instant server_arrival(ResponseScript const& script, Instant sent) {
  return sent + half_rtt(script);
}

// The load slowdown of a stream that starts while `active_streams` (itself included) hold a
// slot: 1 + slowdown_per_active_stream * (active_streams - 1).
double slowdown_scale(ModelConfig const& model, std::uint32_t active_streams);

// When each part of one reply is written and received. A value type: cheap to copy, no
// allocation, keeps no reference to the script; asked per event.
class ReplyTimeline {
 public:
  // A reply written at once when the request arrives (no slot): a 400, an injected error, a
  // full queue.
  static ReplyTimeline at_once(ResponseScript const& script, Instant arrival);
  // A 200 reply whose slot was granted at `t0`, its offsets scaled by `scale`.
  static ReplyTimeline stream(ResponseScript const& script, Instant t0, double scale);

  // The status line, headers and the opening events (message_start...): written at t0.
  [[nodiscard]] Instant headers_written() const { return t0_; }
  [[nodiscard]] Instant headers_received() const { return t0_ + half_; }
  // Script event `index` (at_once replies have none).
  [[nodiscard]] Instant written(ScriptEvent const& event) const {
    return t0_ + scaled_offset(event.offset, scale_);
  }
  [[nodiscard]] Instant received(ScriptEvent const& event) const { return written(event) + half_; }
  // For a loop over many events: with no slowdown, received(e) is received_base() + e.offset.
  [[nodiscard]] bool unscaled() const { return scale_ == 1.0; }
  [[nodiscard]] Instant received_base() const { return t0_ + half_; }
  // When the last event is written and received (the headers for a reply without events).
  [[nodiscard]] Instant last_written() const {
    return holds_slot_ ? t0_ + scaled_offset(last_offset_, scale_) : t0_;
  }
  [[nodiscard]] Instant last_received() const { return last_written() + half_; }
  // When the slot is freed (server time); nullopt when the reply took no slot.
  [[nodiscard]] std::optional<Instant> slot_release() const;

 private:
  ReplyTimeline(ResponseScript const& script, Instant t0, double scale, bool holds_slot);
  Instant t0_;
  Duration last_offset_;  // of the script's last event (0 without events)
  Duration half_;
  double scale_;
  bool holds_slot_;
};

}  // namespace loadtwin::core
