#include "core/run/executor.hpp"

#include "core/assert.hpp"
#include "core/run/executors/arrival_rate.hpp"
#include "core/run/executors/constant_vus.hpp"
#include "core/run/executors/iterations.hpp"
#include "core/run/executors/ramping_vus.hpp"
#include "core/run/executors/trace.hpp"

namespace loadtwin::core {

namespace {

// A scenario this segment has no share of: it finishes as soon as it starts.
class NoWork final : public Executor {
 public:
  using Executor::Executor;
  void start() override {
    regular_over_ = true;
    maybe_finish();
  }
  void on_iteration_end(Vu& /*vu*/, Instant /*now*/, bool /*interrupted*/) override {
    LT_ASSERT(false, "an executor without work ran an iteration");
  }
};

}  // namespace

Executor::Executor(ScenarioContext& context, std::function<void()> on_finished, ScenarioShare share)
    : context_(context), share_(std::move(share)), on_finished_(std::move(on_finished)) {}

Executor::~Executor() {
  for (TimerId t : timers_) context_.scheduler.cancel(t);
}

Vu& Executor::allocate_vu(bool active) {
  auto const index = static_cast<std::uint32_t>(vus_.size());
  vus_.push_back(std::make_unique<Vu>(context_, *this, index));
  active_.push_back(false);
  global_vu_.push_back(context_.segment.global_index(index));
  ++context_.counters.vus_max;
  context_.gauges.add_allocated(context_.scheduler.now(), 1);
  if (active) set_active(*vus_.back(), true);
  return *vus_.back();
}

void Executor::set_active(Vu& vu, bool active) {
  if (active_[vu.index()] == active) return;
  active_[vu.index()] = active;
  context_.gauges.add_active(context_.scheduler.now(), active ? 1 : -1);
}

void Executor::schedule_end(Instant regular_end, Duration graceful_stop) {
  regular_end_ = regular_end;
  auto& s = context_.scheduler;
  timers_.push_back(s.at(regular_end, Phase::deadline, [this] { regular_end_fired(); }));
  timers_.push_back(
      s.at(regular_end + graceful_stop, Phase::deadline, [this] { hard_end_fired(); }));
}

void Executor::schedule(Instant when, Phase phase, std::function<void()> fire) {
  timers_.push_back(context_.scheduler.at(when, phase, std::move(fire)));
}

void Executor::regular_end_fired() {
  regular_over_ = true;
  on_regular_end(context_.scheduler.now());
  maybe_finish();
}

void Executor::hard_end_fired() {
  stopped_ = true;
  Cut const cut = context_.config.graceful_stop.count() > 0 ? Cut::graceful : Cut::hard;
  for (auto& vu : vus_) vu->interrupt(cut);
  maybe_finish();
}

void Executor::stop_now() {
  if (finished_) return;
  stopped_ = true;
  for (auto& vu : vus_) vu->interrupt(Cut::abort);
  maybe_finish();
}

void Executor::end_now() {
  if (finished_ || regular_over_ || ended_early_) return;
  ended_early_ = true;  // may_start() is false from this instant on
  for (TimerId t : timers_) context_.scheduler.cancel(t);
  timers_.clear();
  schedule_end(context_.scheduler.now(), context_.config.graceful_stop);
}

void Executor::record_dropped(Instant now, std::uint64_t count) {
  if (count == 0) return;
  context_.counters.iterations_dropped += count;
  context_.metrics.add(context_.tags.base_route(MetricId::dropped_iterations), now,
                       static_cast<double>(count));
}

void Executor::maybe_finish() {
  if (finished_) return;
  if (!regular_over_ && !stopped_ && work_left()) return;
  for (auto const& vu : vus_) {
    if (vu->busy()) return;
  }
  finished_ = true;
  for (TimerId t : timers_) context_.scheduler.cancel(t);
  timers_.clear();
  for (auto& vu : vus_) {
    set_active(*vu, false);
    vu->disarm();  // its lazy timeout timer (a real clock must not wait for it)
  }
  context_.gauges.add_allocated(context_.scheduler.now(), -static_cast<int>(vus_.size()));
  on_finished_();
}

std::unique_ptr<Executor> make_executor(ScenarioContext& context,
                                        std::function<void()> on_finished) {
  auto share = scenario_share(context.config, context.segment);
  auto done = std::move(on_finished);
  if (!share.has_work) return std::make_unique<NoWork>(context, std::move(done), share);
  switch (context.config.executor) {
    case ExecutorKind::constant_vus:
      return std::make_unique<ConstantVus>(context, std::move(done), std::move(share));
    case ExecutorKind::ramping_vus:
      return std::make_unique<RampingVus>(context, std::move(done), std::move(share));
    case ExecutorKind::constant_arrival_rate:
    case ExecutorKind::ramping_arrival_rate:
      return std::make_unique<ArrivalRate>(context, std::move(done), std::move(share));
    case ExecutorKind::per_vu_iterations:
    case ExecutorKind::shared_iterations:
      return std::make_unique<Iterations>(context, std::move(done), std::move(share));
    case ExecutorKind::trace:
      return std::make_unique<TraceReplay>(context, std::move(done), std::move(share));
  }
  return nullptr;
}

}  // namespace loadtwin::core
