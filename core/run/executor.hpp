#pragma once
// Executor: drives one scenario's VUs through the Scheduler (k6 lib/executor). One
// implementation serves sim and live; only the Scheduler and Transport behind it differ.
//
// Life of a scenario (k6 helpers.go getDurationContexts):
//   start() at startTime -> iterations start while t < regular end (closed loop; strict)
//   regular end (Phase::deadline): no new iterations; running ones may finish and count
//   regular end + gracefulStop (Phase::deadline, after): running iterations are interrupted
//   finished: once no VU is busy after the regular end (or when the work ran out early)
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/run/scenario_context.hpp"
#include "core/run/scenario_share.hpp"
#include "core/run/vu.hpp"

namespace loadtwin::core {

class Executor : public IterationListener {
 public:
  // `share` is this instance's part of the scenario (the whole of it unless segmented).
  Executor(ScenarioContext& context, std::function<void()> on_finished, ScenarioShare share);
  ~Executor() override;
  Executor(Executor const&) = delete;
  Executor& operator=(Executor const&) = delete;

  // Called once, at the scenario's startTime.
  virtual void start() = 0;
  // Stops starting iterations and interrupts every running one now (abortOnFail, Ctrl-C).
  void stop_now();
  // Ends the regular phase now (a budget stop): no new iterations; running ones finish
  // within gracefulStop, as at the scenario's own end.
  void end_now();
  [[nodiscard]] bool finished() const { return finished_; }
  [[nodiscard]] ScenarioContext& context() { return context_; }

 protected:
  // A new VU (counts in vus_max); `active` also counts it in vus. The n-th VU allocated is
  // the segment's n-th own VU: its draws are keyed on that VU's global index.
  Vu& allocate_vu(bool active);
  void set_active(Vu& vu, bool active);
  // Schedules the regular end and the gracefulStop expiry.
  void schedule_end(Instant regular_end, Duration graceful_stop);
  // A timer owned by the executor: cancelled when it finishes or is destroyed.
  void schedule(Instant when, Phase phase, std::function<void()> fire);
  // Finishes the executor when nothing is left to wait for.
  void maybe_finish();
  // A stop or budget stop came in while this executor was starting its VUs (the first
  // requests of one loop can reach a budget): the rest of the loop starts nothing.
  [[nodiscard]] bool stopped_early() const { return stopped_ || ended_early_; }
  [[nodiscard]] bool may_start(Instant now) const {
    return !regular_over_ && !stopped_ && !ended_early_ && now < regular_end_;
  }
  [[nodiscard]] DrawKey closed_loop_key(Vu const& vu) const {
    return DrawKey{context_.scenario_hash, global_vu_[vu.index()], vu.iterations_started()};
  }
  void record_dropped(Instant now, std::uint64_t count);
  // Hooks: the regular end passed (e.g. count iterations never attempted); whether the
  // executor still has iterations to start before its regular end.
  virtual void on_regular_end(Instant /*now*/) {}
  [[nodiscard]] virtual bool work_left() const { return true; }

  ScenarioContext& context_;
  ScenarioShare const share_;
  std::vector<std::unique_ptr<Vu>> vus_;
  Instant regular_end_{};
  bool regular_over_ = false;
  bool stopped_ = false;
  bool ended_early_ = false;  // end_now(): the regular end was moved to that instant

 private:
  void regular_end_fired();
  void hard_end_fired();

  std::function<void()> on_finished_;
  std::vector<bool> active_;
  std::vector<std::uint64_t> global_vu_;  // by local VU index
  std::vector<TimerId> timers_;
  bool finished_ = false;
};

// The k6 executor for `context.config.executor`, or one that finishes at its start without
// running anything when `context.segment` leaves it no work (k6 HasWork false).
std::unique_ptr<Executor> make_executor(ScenarioContext& context,
                                        std::function<void()> on_finished);

}  // namespace loadtwin::core
