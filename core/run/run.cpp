#include "core/run/run.hpp"

namespace loadtwin::core {

// Threshold checks for abortOnFail run every 2 s of test time from t = 2 s (k6 engine.go).
constexpr Duration threshold_period = seconds(2);

struct TestRun::ScenarioState {
  ScenarioCounters counters;
  std::unique_ptr<ScenarioTags> tags;
  std::unique_ptr<ScenarioContext> context;
  std::unique_ptr<Executor> executor;
  bool started = false;
};

namespace {

TagSet scenario_base_tags(Plan const& plan, ScenarioConfig const& scenario) {
  TagSet tags;
  for (auto const& [k, v] : plan.tags) tags.set(k, v);
  for (auto const& [k, v] : scenario.tags) tags.set(k, v);
  tags.set("scenario", scenario.name);
  return tags;
}

}  // namespace

TestRun::TestRun(Plan const& plan, Scheduler& scheduler, Transport& transport, RunOptions options)
    : plan_(plan),
      scheduler_(scheduler),
      transport_(transport),
      options_(options),
      metrics_(options.max_trend_samples),
      thresholds_(plan, metrics_),
      gauges_(metrics_, &scheduler_) {
  if (plan.goodput) shared_.goodput = &*plan.goodput;
  if (options_.budget && options_.budget->any_limit()) {
    // A segment keeps to its share, so a split run keeps to the plan's budget together.
    auto const share = budget_segment_share(*options_.budget, options_.segment);
    budget_.emplace(
        share, [this] { budget_stop(); }, budget_share_note(*options_.budget, share));
    shared_.budget = &*budget_;
  }
  for (auto const& config : plan.scenarios) {
    auto state = std::make_unique<ScenarioState>();
    state->tags = std::make_unique<ScenarioTags>(metrics_, scenario_base_tags(plan, config),
                                                 config.exec, config.expect);
    state->context = std::make_unique<ScenarioContext>(
        ScenarioContext{config, scheduler_, transport_, metrics_, *state->tags, state->counters,
                        gauges_, shared_, options_.seed, fnv1a64(config.name),
                        options_.timeout.value_or(plan.timeout), options_.segment});
    state->executor = make_executor(*state->context, [this] { scenario_finished(); });
    scenarios_.push_back(std::move(state));
  }
}

TestRun::~TestRun() {
  if (watch_timer_) scheduler_.cancel(*watch_timer_);
}

void TestRun::start() {
  Instant const now = scheduler_.now();
  running_ = scenarios_.size();
  for (auto& s : scenarios_) {
    ScenarioState* state = s.get();
    scheduler_.at(now + s->context->config.start_time, Phase::arrival, [state, this] {
      if (stop_reason_ != StopReason::none) return;
      state->started = true;
      state->executor->start();
    });
  }
  watch_timer_ =
      scheduler_.at(now + threshold_period, Phase::evaluation, [this] { watch_thresholds(); });
  if (budget_) budget_->check_at_start();
  if (running_ == 0) scenario_finished();
}

void TestRun::watch_thresholds() {
  watch_timer_.reset();
  if (finished_) return;
  gauges_.flush();  // the vus gauges of this instant, settled
  if (thresholds_.abort_due(since_start(scheduler_.now()))) {
    abort_at_ = since_start(scheduler_.now());
    abort_thresholds_ = thresholds_.aborting(*abort_at_);
    stop(StopReason::threshold_abort);
    return;
  }
  watch_timer_ = scheduler_.at(scheduler_.now() + threshold_period, Phase::evaluation,
                               [this] { watch_thresholds(); });
}

void TestRun::scenario_finished() {
  if (running_ > 0) --running_;
  if (running_ > 0 || finished_) return;
  finished_ = true;
  end_ = scheduler_.now();
  gauges_.flush();
  if (watch_timer_) scheduler_.cancel(*watch_timer_);
  watch_timer_.reset();
}

void TestRun::budget_stop() {
  if (finished_ || stop_reason_ != StopReason::none) return;
  stop_reason_ = StopReason::budget;
  for (auto& s : scenarios_) {
    if (s->executor->finished()) continue;
    // One that has not started never will; running ones wind down as at their regular end.
    if (s->started) {
      s->executor->end_now();
    } else {
      s->executor->stop_now();
    }
  }
}

void TestRun::stop(StopReason reason) {
  // A budget stop winds down; Ctrl-C or an engine bound during it still cuts at once.
  if (finished_ || (stop_reason_ != StopReason::none && stop_reason_ != StopReason::budget)) {
    return;
  }
  stop_reason_ = reason;
  for (auto& s : scenarios_) {
    if (s->executor->finished()) continue;
    // A scenario that has not started yet finishes without running (k6: test aborted).
    s->executor->stop_now();
  }
  // Executors that never started have no VUs: stop_now() finished them at once.
}

Duration TestRun::duration() const { return since_start(finished_ ? end_ : scheduler_.now()); }

std::vector<ScenarioReport> TestRun::scenario_reports() const {
  std::vector<ScenarioReport> out;
  for (auto const& s : scenarios_) {
    out.push_back({s->context->config.name, s->context->config.executor, s->context->config.exec,
                   s->counters});
  }
  return out;
}

}  // namespace loadtwin::core
