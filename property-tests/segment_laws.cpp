// Laws of execution segments (SPEC "Execution segments and merge", REFERENCE §8).
//
// Striping: over any sequence, the segments' ScaleInt64(v) sum to v, each is monotone in v,
// and the owned global indices below v partition 0..v-1.
//
// Sim: for plans whose requests do not interact, running every segment of a sequence and
// taking the union of the requests sent gives exactly the unsegmented run: the same
// (scenario, draw key, sent instant, end instant, outcome) multiset. It holds for
// constant-vus, ramping-vus, per-vu-iterations, and constant- and ramping-arrival-rate that
// drop nothing. Documented exceptions, where the union legitimately differs:
//  - shared-iterations: each segment works through a fixed quota with its own VUs, not one
//    shared pool, so which VU runs which iteration (and when) differs; the total number of
//    iterations is conserved (tested below).
//  - drops: each segment's arrival-rate VU pool is its own share, so where VUs run short the
//    segments drop different ticks than one pool would (k6 measured the same).
//  - server coupling: max_concurrent queueing and slowdown_per_active_stream depend on the
//    other segments' requests, which a segmented sim cannot see; the plans here have none.
//  - abortOnFail: each segment aborts on its own samples; the plans here have no thresholds.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

#include "core/plan/plan_json.hpp"
#include "core/run/run.hpp"
#include "core/run/segment.hpp"
#include "sim/sim_server.hpp"
#include "sim/simulator.hpp"
#include "stat_scale.hpp"

namespace loadtwin::sim {
namespace {

using core::ExecutionSegment;
using core::ExecutionTuple;
using core::Rational;

// A random sequence of 1-4 segments covering 0..1, with lengths numerator/sum (k6's
// generateRandomSequence).
std::vector<ExecutionSegment> random_sequence() {
  auto const numerators = *rc::gen::container<std::vector<std::int64_t>>(
      *rc::gen::inRange<std::size_t>(1, 5), rc::gen::inRange<std::int64_t>(1, 7));
  std::int64_t const sum = std::accumulate(numerators.begin(), numerators.end(), 0LL);
  std::vector<ExecutionSegment> sequence;
  std::int64_t done = 0;
  for (auto n : numerators) {
    sequence.push_back({Rational(done, sum), Rational(done + n, sum)});
    done += n;
  }
  return sequence;
}

std::vector<ExecutionTuple> tuples_of(std::vector<ExecutionSegment> const& sequence) {
  std::vector<ExecutionTuple> tuples;
  for (auto const& segment : sequence) {
    std::string error;
    auto t = ExecutionTuple::make(segment, sequence, error);
    RC_ASSERT(t.has_value());
    tuples.push_back(*t);
  }
  return tuples;
}

// What the union law compares: one request as the transport saw it.
struct SentRequest {
  std::string scenario;
  std::uint64_t key_a = 0, key_b = 0;
  std::int64_t sent_ns = 0, end_ns = 0;
  int outcome = -1, status = 0;
  auto tie() const { return std::tie(scenario, key_a, key_b, sent_ns, end_ns, outcome, status); }
  bool operator<(SentRequest const& o) const { return tie() < o.tie(); }
  bool operator==(SentRequest const& o) const { return tie() == o.tie(); }
};

// A Transport decorator that records every request's key, send and end, then forwards.
class RecordingTransport final : public core::Transport {
 public:
  RecordingTransport(core::Transport& inner, core::Scheduler& clock, std::vector<SentRequest>& log)
      : inner_(inner), clock_(clock), log_(log) {}
  core::RequestHandle send(core::RequestSpec const& request,
                           core::StreamObserver& observer) override {
    log_.push_back({std::string(request.scenario), request.key.a, request.key.b,
                    core::since_start(clock_.now()).count()});
    taps_.push_back(std::make_unique<Tap>(observer, log_, log_.size() - 1));
    return inner_.send(request, *taps_.back());
  }
  void abort(core::RequestHandle request) override { inner_.abort(request); }

 private:
  struct Tap final : core::StreamObserver {
    Tap(core::StreamObserver& to, std::vector<SentRequest>& log, std::size_t at)
        : to_(to), log_(log), at_(at) {}
    void on_event(core::StreamEvent const& event) override { to_.on_event(event); }
    void on_end(core::RequestOutcome const& outcome) override {
      log_[at_].end_ns = core::since_start(outcome.at).count();
      log_[at_].outcome = static_cast<int>(outcome.kind);
      log_[at_].status = outcome.status;
      to_.on_end(outcome);
    }
    core::StreamObserver& to_;
    std::vector<SentRequest>& log_;
    std::size_t at_;
  };
  core::Transport& inner_;
  core::Scheduler& clock_;
  std::vector<SentRequest>& log_;
  std::deque<std::unique_ptr<Tap>> taps_;
};

struct SegmentRun {
  std::vector<SentRequest> requests;
  std::vector<core::ScenarioReport> scenarios;
};

SegmentRun run_segment(core::Plan const& plan, std::uint64_t seed, ExecutionTuple const& t) {
  SegmentRun out;
  Simulator simulator;
  SimServer server(simulator, plan.model, seed);
  RecordingTransport recorder(server, simulator, out.requests);
  core::TestRun run(plan, simulator, recorder,
                    core::RunOptions{seed, 100'000'000, std::nullopt, t, std::nullopt});
  run.start();
  auto const stop = simulator.run([&run] { return run.finished(); }, 50'000'000);
  RC_ASSERT(stop == Simulator::Stop::done);
  out.scenarios = run.scenario_reports();
  return out;
}

std::string random_model() {
  int const ftd = *rc::gen::inRange(1, 300);
  return fmt::format(R"("model": {{
      "first_token_delay": {{"dist": "uniform", "min": "{}ms", "max": "{}ms"}},
      "token_interval": {{"dist": "exponential", "mean": "{}ms"}},
      "tokens_per_response": {{"dist": "uniform", "min": 1, "max": 12}},
      "tool_call_delay": {{"dist": "uniform", "min": "50ms", "max": "400ms"}},
      "network_rtt": {{"dist": "uniform", "min": "{}ms", "max": "8ms"}},
      "stream_error_rate": {}, "error_rate": {}}})",
                     ftd, ftd + *rc::gen::inRange(0, 100), *rc::gen::inRange(1, 20),
                     *rc::gen::inRange(0, 3), *rc::gen::inRange(0, 5) / 100.0,
                     *rc::gen::inRange(0, 20) / 100.0);
}

// Fields every scenario shares: exec, startTime, gracefulStop, maybe a think time.
std::string common_fields() {
  auto const exec = *rc::gen::element<std::string>("simple_query", "tool_call");
  std::string think;
  if (*rc::gen::arbitrary<bool>()) {
    think = fmt::format(R"(, "think_time": {{"dist": "uniform", "min": "0ms", "max": "{}ms"}})",
                        *rc::gen::inRange(1, 200));
  }
  return fmt::format(R"("exec": "{}", "startTime": "{}ms", "gracefulStop": "{}ms"{})", exec,
                     *rc::gen::inRange(0, 1000), *rc::gen::inRange(0, 400), think);
}

std::string random_stages(int max_target) {
  int const n = *rc::gen::inRange(1, 4);
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += ", ";
    out += fmt::format(R"({{"duration": "{}ms", "target": {}}})", *rc::gen::inRange(0, 2500),
                       *rc::gen::inRange(0, max_target + 1));
  }
  return "[" + out + "]";
}

// One scenario of an executor whose union law holds. Arrival rates get as many VUs as the
// run can have ticks, so no segment ever drops.
std::string random_scenario(int kind) {
  std::string const common = common_fields();
  switch (kind) {
    case 0:
      return fmt::format(R"({{"executor": "constant-vus", "vus": {}, "duration": "{}ms", {}}})",
                         *rc::gen::inRange(1, 21), *rc::gen::inRange(1000, 4000), common);
    case 1:
      return fmt::format(
          R"({{"executor": "ramping-vus", "startVUs": {}, "stages": {},
               "gracefulRampDown": "{}ms", {}}})",
          *rc::gen::inRange(1, 6), random_stages(20), *rc::gen::inRange(0, 500), common);
    case 2:
      return fmt::format(
          R"({{"executor": "per-vu-iterations", "vus": {}, "iterations": {},
               "maxDuration": "{}ms", {}}})",
          *rc::gen::inRange(1, 16), *rc::gen::inRange(1, 10), *rc::gen::inRange(1000, 3000),
          common);
    case 3: {
      int const rate = *rc::gen::inRange(1, 60);
      int const vus = 3 * rate + 2 + *rc::gen::inRange(0, 4);  // > every tick of 3 s
      return fmt::format(
          R"({{"executor": "constant-arrival-rate", "rate": {}, "duration": "{}ms",
               "preAllocatedVUs": {}, "maxVUs": {}, {}}})",
          rate, *rc::gen::inRange(1000, 3000), vus, vus + *rc::gen::inRange(0, 3), common);
    }
    default: {
      int const vus = 40 * 8 + 2;  // rates <= 40/s over <= 7.5 s of stages
      return fmt::format(
          R"({{"executor": "ramping-arrival-rate", "startRate": {}, "stages": {},
               "preAllocatedVUs": {}, "maxVUs": {}, {}}})",
          *rc::gen::inRange(0, 41), random_stages(40), vus, vus, common);
    }
  }
}

std::string random_segment_plan_json() {
  int const count = *rc::gen::inRange(1, 4);
  std::string scenarios;
  for (int i = 0; i < count; ++i) {
    if (i > 0) scenarios += ", ";
    scenarios += fmt::format(R"("s{}": {})", i, random_scenario(*rc::gen::inRange(0, 5)));
  }
  return fmt::format(R"({{{}, "options": {{"timeout": "{}ms", "scenarios": {{{}}}}}}})",
                     random_model(), *rc::gen::inRange(200, 1500), scenarios);
}

}  // namespace

RC_GTEST_PROP(segment_scale_law, shares_sum_to_v_are_monotone_and_partition_the_indices, ()) {
  auto const tuples = tuples_of(random_sequence());
  auto const v = *rc::gen::inRange<std::int64_t>(0, 3000);
  auto const more = v + *rc::gen::inRange<std::int64_t>(0, 100'000);
  std::int64_t sum = 0;
  std::vector<std::uint64_t> owned;
  for (auto const& t : tuples) {
    sum += t.scale(v);
    RC_ASSERT(t.scale(v) <= t.scale(more));
    for (std::int64_t local = 0; local < t.scale(v); ++local) {
      owned.push_back(t.global_index(static_cast<std::uint64_t>(local)));
    }
    // The next own element is at or beyond v: scale counts exactly the owned below v.
    RC_ASSERT(t.global_index(static_cast<std::uint64_t>(t.scale(v))) >=
              static_cast<std::uint64_t>(v));
  }
  RC_ASSERT(sum == v);
  std::sort(owned.begin(), owned.end());
  std::vector<std::uint64_t> all(static_cast<std::size_t>(v));
  std::iota(all.begin(), all.end(), std::uint64_t{0});
  RC_ASSERT(owned == all);
}

RC_GTEST_PROP(segment_scale_law, re_striped_shares_still_sum_to_w, ()) {
  auto const tuples = tuples_of(random_sequence());
  auto const by = *rc::gen::inRange<std::int64_t>(1, 200);
  auto const w = *rc::gen::inRange<std::int64_t>(0, 5000);
  std::int64_t sum = 0;
  for (auto const& t : tuples) {
    auto const re = t.resegment(by);
    RC_ASSERT(re.has_value() == (t.scale(by) > 0));
    if (re) sum += re->scale(w);
  }
  RC_ASSERT(sum == w);
}

RC_GTEST_PROP(segment_union_law, segments_together_send_exactly_the_unsegmented_requests,
              (std::uint64_t seed)) {
  auto const json = random_segment_plan_json();
  auto const parsed = core::parse_plan(json);
  RC_ASSERT(parsed.plan.has_value());
  auto const& plan = *parsed.plan;
  // Arrival rates must drop nothing for the law to hold (the plans are built so);
  // per-vu-iterations may drop what maxDuration cuts, the same in both.
  auto const check_no_drops = [](SegmentRun const& run) {
    for (auto const& r : run.scenarios) {
      bool const open = r.executor == core::ExecutorKind::constant_arrival_rate ||
                        r.executor == core::ExecutorKind::ramping_arrival_rate;
      RC_ASSERT(!open || r.counters.iterations_dropped == 0U);
    }
  };
  auto whole = run_segment(plan, seed, ExecutionTuple{});
  check_no_drops(whole);
  std::vector<SentRequest> merged;
  for (auto const& t : tuples_of(random_sequence())) {
    auto part = run_segment(plan, seed, t);
    check_no_drops(part);
    merged.insert(merged.end(), part.requests.begin(), part.requests.end());
  }
  std::sort(whole.requests.begin(), whole.requests.end());
  std::sort(merged.begin(), merged.end());
  RC_ASSERT(merged.size() == whole.requests.size());
  RC_ASSERT(merged == whole.requests);
}

RC_GTEST_PROP(segment_union_law, shared_iterations_conserve_the_total, (std::uint64_t seed)) {
  // Quotas, not one pool: only the total is the same (when maxDuration leaves time).
  int const vus = *rc::gen::inRange(1, 9);
  int const iterations = vus + *rc::gen::inRange(0, 40);
  auto const parsed = core::parse_plan(fmt::format(
      R"({{{}, "options": {{"timeout": "500ms", "scenarios": {{"s": {{
          "executor": "shared-iterations", "vus": {}, "iterations": {}, "maxDuration": "10m",
          "exec": "simple_query"}}}}}}}})",
      random_model(), vus, iterations));
  RC_ASSERT(parsed.plan.has_value());
  std::uint64_t started = 0;
  std::size_t requests = 0;
  for (auto const& t : tuples_of(random_sequence())) {
    auto const part = run_segment(*parsed.plan, seed, t);
    for (auto const& r : part.scenarios) started += r.counters.iterations_started;
    requests += part.requests.size();
  }
  RC_ASSERT(started == static_cast<std::uint64_t>(iterations));
  RC_ASSERT(requests == static_cast<std::size_t>(iterations));
}

}  // namespace loadtwin::sim
