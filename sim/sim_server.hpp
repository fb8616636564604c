#pragma once
// The simulated server: implements core::Transport by playing each request's
// core::ResponseScript on the virtual clock (SPEC "Timing model"): validation and injected
// errors answered at once, FIFO queueing behind max_concurrent, and stream cuts. When each
// part is written and received -- rtt/2 each way, the load slowdown, the slot's release --
// is core::ReplyTimeline's, the playback the live mock uses too.
//
// Performance: a streamed reply is not one event per token. The server wakes the client at
// the first delta (so TTFT samples land on time for abortOnFail) and at the end, and each
// wake-up delivers every event due by then with its own arrival time. An abort delivers the
// events that arrived strictly before it, so no sample is lost or invented.
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "core/model/playback.hpp"
#include "core/model/timing_model.hpp"
#include "core/plan/plan.hpp"
#include "core/run/delta_batch.hpp"
#include "core/scheduler.hpp"
#include "core/transport.hpp"

namespace loadtwin::sim {

class SimServer final : public core::Transport {
 public:
  SimServer(core::Scheduler& scheduler, core::ModelConfig const& model, std::uint64_t seed);
  core::RequestHandle send(core::RequestSpec const& request,
                           core::StreamObserver& observer) override;
  void abort(core::RequestHandle request) override;
  [[nodiscard]] std::uint32_t active_streams() const { return active_; }
  [[nodiscard]] std::size_t queue_depth() const { return queue_.size(); }
  [[nodiscard]] std::size_t in_flight() const { return in_flight_; }

 private:
  enum class State : std::uint8_t { free, to_server, queued, streaming, answered };
  struct Request {
    State state = State::free;
    std::uint32_t generation = 0;
    core::StreamObserver* observer = nullptr;
    core::ResponseScript script;
    std::optional<core::ReplyTimeline> timeline;  // once the reply is decided
    std::size_t delivered = 0;                    // script events already reported
    bool headers_sent = false;
    bool answer_injected = false;  // an at-once reply's: its status came from the error draw
    int answer_status = 0;
    bool holds_slot = false;
    std::optional<core::TimerId> client_timer, server_timer;
  };

  Request* find(core::RequestHandle handle);
  core::RequestHandle handle_of(std::uint32_t index) const;
  void arrived(std::uint32_t index);
  void answer_at_once(std::uint32_t index, int status, bool injected);
  void answered(std::uint32_t index);
  void start_stream(std::uint32_t index);
  void release_slot(std::uint32_t index);
  void wake(std::uint32_t index);
  void deliver_until(Request& r, core::Instant limit, bool inclusive);
  // The content deltas due from r.delivered on, in one batch; false when one is not due.
  bool deliver_deltas(Request& r, core::Instant limit, bool inclusive);
  void finish(std::uint32_t index, core::RequestOutcome const& outcome);

  core::Scheduler& scheduler_;
  core::ModelConfig const& model_;
  std::uint64_t seed_;
  std::vector<Request> requests_;
  std::vector<std::uint32_t> free_;
  std::deque<std::uint32_t> queue_;
  std::vector<core::TimedDelta> batch_;  // deliver_deltas' buffer, reused
  std::uint32_t active_ = 0;
  std::size_t in_flight_ = 0;
};

}  // namespace loadtwin::sim
