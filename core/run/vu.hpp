#pragma once
// One virtual user: runs iterations (one request, then optional think time) through the
// Scheduler and Transport seams, and tells its executor when each one ends.
#include <cstdint>
#include <optional>

#include "core/run/request_recorder.hpp"
#include "core/run/scenario_context.hpp"

namespace loadtwin::core {

class Vu;

// Why a running iteration is cut short.
enum class Cut : std::uint8_t {
  graceful,  // a deadline after a non-zero grace period (gracefulStop, gracefulRampDown)
  hard,      // a deadline with zero grace: the user asked for a hard cut
  abort,     // Ctrl-C, abortOnFail, an engine bound
};

class IterationListener {
 public:
  virtual ~IterationListener() = default;
  // Called when an iteration of `vu` completed or was interrupted, at scheduler time `now`.
  // May start the VU's next iteration synchronously.
  virtual void on_iteration_end(Vu& vu, Instant now, bool interrupted) = 0;
};

class Vu final : public StreamObserver, public DeltaBatchObserver {
 public:
  Vu(ScenarioContext& context, IterationListener& owner, std::uint32_t index);
  ~Vu() override;
  Vu(Vu const&) = delete;
  Vu& operator=(Vu const&) = delete;

  // Starts an iteration now. `slot` is its scheduled start (arrival-rate executors); `row`
  // a trace row's sizes (the request's input tokens and max_tokens).
  void start_iteration(DrawKey key, std::optional<Instant> slot = std::nullopt,
                       TraceRow const* row = nullptr);
  // Interrupts the running iteration: its request is aborted and recorded as `cut` says
  // (SPEC "Interrupted requests"), and the owner hears on_iteration_end(interrupted = true).
  void interrupt(Cut cut);
  [[nodiscard]] bool busy() const { return state_ != State::idle; }
  [[nodiscard]] std::uint32_t index() const { return index_; }
  // Iterations this VU has started (the next one's number).
  [[nodiscard]] std::uint64_t iterations_started() const { return iterations_started_; }
  // Cancels the timeout timer, which stays armed while the VU is idle (the scenario ended).
  void disarm();

  void on_event(StreamEvent const& event) override;
  DeltaBatchObserver* delta_batch() override { return this; }
  void on_text_deltas(std::span<TimedDelta const> deltas) override {
    recorder_.on_text_deltas(deltas);
  }
  void on_end(RequestOutcome const& outcome) override;

 private:
  // The scenario's request.body or corpus entry for this request, and its headers.
  void choose_body(RequestSpec& spec);
  enum class State : std::uint8_t { idle, requesting, thinking };
  void arm_timeout();
  void timeout_due();
  void timeout_fired();
  void think_done();
  void end_iteration(Instant now);

  ScenarioContext& context_;
  IterationListener& owner_;
  RequestRecorder recorder_;
  std::uint32_t index_;
  State state_ = State::idle;
  std::optional<EndCause> cutting_;  // set while interrupt() aborts the request
  bool timed_out_ = false;
  bool request_open_ = false;  // sent, and on_end not heard yet
  std::uint64_t iterations_started_ = 0;
  DrawKey key_;
  Instant iteration_start_{};
  RequestHandle request_ = 0;
  // The timeout is a lazy timer: a request does not set and cancel one of its own. One
  // timer stays armed, and when it fires for an earlier request it moves on to the
  // running request's deadline, in the FIFO place that request reserved when it started --
  // so a timeout runs exactly where an eager one would. Most requests end long before
  // their timeout: they cost no timer at all.
  std::optional<TimerId> timeout_timer_;
  std::uint64_t timer_place_ = 0;     // the armed timer's place
  Instant deadline_{};                // the running request's timeout
  std::uint64_t deadline_place_ = 0;  // and its reserved place
  std::optional<TimerId> think_timer_;
};

}  // namespace loadtwin::core
