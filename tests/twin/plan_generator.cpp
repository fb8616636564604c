#include "plan_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/model/distribution.hpp"
#include "core/random.hpp"
#include "core/run/arrival_schedule.hpp"
#include "core/run/vu_schedule.hpp"

namespace loadtwin::twin {
namespace {

namespace json = boost::json;

// Draws for the generator: integers and choices from one keyed stream.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(core::mix64(seed ^ 0x7477696e)) {}
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(rng_.uniform01() * static_cast<double>(hi - lo + 1));
  }
  bool chance(double p) { return rng_.uniform01() < p; }
  // A duration between lo and hi ms, to the microsecond: round values would put many events
  // of a plan on one instant, which the ambiguity check then has to skip.
  std::string ms(std::int64_t lo, std::int64_t hi) {
    return fmt::format("{}us", between(lo * 1000, hi * 1000));
  }

 private:
  core::Rng rng_;
};

// A delay: a constant, or one of the distributions, around `lo`..`hi` ms.
json::value delay(Draw& d, std::int64_t lo, std::int64_t hi, bool constant_only) {
  if (constant_only || d.chance(0.4)) return json::value(d.ms(lo, hi));
  switch (d.between(0, 3)) {
    case 0:
      return json::object{{"dist", "uniform"}, {"min", d.ms(lo, lo)}, {"max", d.ms(hi, hi)}};
    case 1:
      return json::object{{"dist", "normal"}, {"mean", d.ms(lo, hi)}, {"stddev", d.ms(1, lo / 3)}};
    case 2:
      return json::object{{"dist", "lognormal"}, {"median", d.ms(lo, lo)}, {"p99", d.ms(hi, hi)}};
    default:
      return json::object{{"dist", "exponential"}, {"mean", d.ms(lo, hi)}};
  }
}

// Queues and the slowdown make the order of near-simultaneous events matter; such plans use
// constant delays so the ambiguity check can see every server-side instant.
json::object model(Draw& d, bool coupled) {
  json::object m{
      {"first_token_delay", delay(d, 20, 120, coupled)},
      {"token_interval", delay(d, 5, 20, coupled)},
      {"tokens_per_response", d.between(2, 15)},
      {"tool_call_delay", delay(d, 40, 250, coupled)},
      {"error_rate", d.chance(0.5) ? 0.0 : 0.05 * static_cast<double>(d.between(1, 5))},
      {"error_status", json::array{500, 529, 429, 404}[d.between(0, 3)]},
      {"network_rtt", d.chance(0.4) ? json::value("0ms") : delay(d, 2, 40, coupled)},
      {"stream_error_rate", d.chance(0.6) ? 0.0 : 0.1 * static_cast<double>(d.between(1, 3))}};
  if (coupled && d.chance(0.7)) m["max_concurrent"] = d.between(1, 3);
  if (coupled && m.contains("max_concurrent") && d.chance(0.3)) m["max_queue"] = d.between(1, 2);
  if (coupled && d.chance(0.5)) m["slowdown_per_active_stream"] = 0.05 * d.between(1, 6);
  return m;
}

json::object executor(Draw& d, bool coupled) {
  std::string const duration = d.ms(1000, 2000);
  // Coupled plans use arrival rates: distinct, evenly spaced slots keep the queue's order.
  switch (coupled ? d.between(2, 3) : d.between(0, 5)) {
    case 0:
      return {{"executor", "constant-vus"}, {"vus", d.between(1, 4)}, {"duration", duration}};
    case 1:
      return {
          {"executor", "ramping-vus"},
          {"startVUs", d.between(0, 2)},
          {"gracefulRampDown", d.ms(0, 300)},
          {"stages",
           json::array{json::object{{"duration", d.ms(200, 600)}, {"target", d.between(1, 4)}},
                       json::object{{"duration", d.ms(200, 600)}, {"target", d.between(0, 3)}}}}};
    case 2:
      return {{"executor", "constant-arrival-rate"},
              {"rate", d.between(3, 12)},
              {"duration", duration},
              {"preAllocatedVUs", d.between(1, 4)},
              {"maxVUs", d.between(4, 6)}};
    case 3:
      return {
          {"executor", "ramping-arrival-rate"},
          {"startRate", d.between(0, 5)},
          {"preAllocatedVUs", d.between(1, 3)},
          {"maxVUs", d.between(3, 6)},
          {"stages",
           json::array{json::object{{"duration", d.ms(300, 700)}, {"target", d.between(3, 12)}},
                       json::object{{"duration", d.ms(300, 700)}, {"target", d.between(1, 8)}}}}};
    case 4:
      return {{"executor", "per-vu-iterations"},
              {"vus", d.between(1, 3)},
              {"iterations", d.between(1, 5)},
              {"maxDuration", "2s"}};
    default:
      return {{"executor", "shared-iterations"},
              {"vus", d.between(1, 3)},
              {"iterations", d.between(3, 8)},
              {"maxDuration", "2s"}};
  }
}

json::object scenario(Draw& d, bool coupled, std::int64_t index) {
  json::object s = executor(d, coupled);
  std::string const kinds[] = {"simple_query", "tool_call", "invalid_request"};
  std::string const exec = kinds[d.between(0, 2)];
  s["exec"] = exec;
  // Staggered starts keep two scenarios' slots apart; zero-time loops need a think time.
  s["startTime"] = fmt::format("{}us", index * 37'311);
  if (exec == "invalid_request" || d.chance(0.3)) s["think_time"] = d.ms(10, 60);
  if (d.chance(0.3)) s["gracefulStop"] = d.ms(0, 300);
  return s;
}

}  // namespace

std::string generate_plan(std::uint64_t seed, std::uint64_t variant) {
  // Variant 0 is the seed's original plan, so seeds kept as regressions keep their plans.
  Draw d(variant == 0 ? seed : core::mix64(seed) ^ core::mix64(variant));
  bool const coupled = d.chance(0.35);
  json::object scenarios;
  std::int64_t const count = d.between(1, 2);
  for (std::int64_t i = 0; i < count; ++i) {
    scenarios[fmt::format("s{}", i)] = scenario(d, coupled, i);
  }
  json::object plan{{"model", model(d, coupled)},
                    {"options", json::object{{"scenarios", std::move(scenarios)}}}};
  return json::serialize(plan);
}

}  // namespace loadtwin::twin

namespace loadtwin::twin {
namespace {

// A scenario's think time when it is constant (the generator's are), else none.
core::Duration constant_think(core::ScenarioConfig const& s) {
  if (!s.think_time) return core::Duration{0};
  return core::constant_duration_of(*s.think_time).value_or(core::Duration{0});
}

core::Duration regular_length(core::ScenarioConfig const& s) {
  switch (s.executor) {
    case core::ExecutorKind::ramping_vus:
    case core::ExecutorKind::ramping_arrival_rate:
      return core::total_duration(s.stages);
    case core::ExecutorKind::per_vu_iterations:
    case core::ExecutorKind::shared_iterations:
      return s.max_duration;
    default:
      return s.duration;
  }
}

// Every instant at which a scenario's rules change for a VU that ends a request then:
// regular ends, gracefulStop expiries, ramp steps and graceful ramp-down steps.
std::vector<core::Instant> schedule_instants(core::Plan const& plan) {
  std::vector<core::Instant> out;
  for (auto const& s : plan.scenarios) {
    auto const start = core::at_offset(s.start_time);
    auto const end = start + regular_length(s);
    out.insert(out.end(), {end, end + s.graceful_stop});
    if (s.executor != core::ExecutorKind::ramping_vus) continue;
    auto const raw = core::vu_steps(s.start_vus, s.stages);
    auto const total = core::total_duration(s.stages);
    for (auto const& step : raw) {
      if (step.offset.count() > 0) out.push_back(start + step.offset);
    }
    for (auto const& step :
         core::graceful_vu_steps(raw, s.graceful_ramp_down, total + s.graceful_stop)) {
      if (step.offset.count() > 0) out.push_back(start + step.offset);
    }
  }
  return out;
}

core::Duration gap(core::Instant a, core::Instant b) { return a > b ? a - b : b - a; }

// The real clock runs a closed loop a little late every iteration (delivery, wake-ups), so
// the k-th iteration of a VU may start up to k * per_iteration behind sim's: the margin
// around deadlines grows with it.
constexpr core::Duration per_iteration_lateness = core::ms(1) / 2;

std::string deadline_ambiguity(core::Plan const& plan, std::vector<core::RequestRecord> const& sim,
                               core::Duration margin) {
  auto const instants = schedule_instants(plan);
  for (auto const& r : sim) {
    // An interrupted request ends at its deadline by definition (its own end is unknown).
    if (!r.end || r.outcome == core::RecordOutcome::interrupted) continue;
    core::Duration think{0};
    for (auto const& s : plan.scenarios) {
      if (s.name == r.scenario) think = constant_think(s);
    }
    auto const drift = per_iteration_lateness * static_cast<std::int64_t>(r.iteration + 1);
    for (auto const at : {*r.end, *r.end + think}) {
      for (auto const deadline : instants) {
        if (gap(at, deadline) < margin + drift) {
          return fmt::format("{} ends {:.3f}ms from a deadline or ramp step", r.key,
                             core::to_ms(gap(at, deadline)));
        }
      }
    }
  }
  return "";
}

// Every slot of an arrival-rate scenario, from the executor's own schedule.
std::vector<core::Instant> arrival_slots(core::ScenarioConfig const& s) {
  std::vector<core::Instant> out;
  auto const start = core::at_offset(s.start_time);
  bool const ramping = s.executor == core::ExecutorKind::ramping_arrival_rate;
  for (std::uint64_t i = 0; out.size() < 100'000; ++i) {
    auto const offset = ramping ? core::ramping_arrival(s.start_rate, s.time_unit, s.stages, i + 1)
                                : core::constant_arrival(s.rate, s.time_unit, s.duration, i);
    if (!offset) break;
    out.push_back(start + *offset);
  }
  return out;
}

// A slot takes an idle VU or is dropped (and a VU is added): a request of the scenario
// that ends -- or ends its think time -- within `margin` of a slot may free its VU before
// the slot in sim and after it live.
std::string arrival_ambiguity(core::Plan const& plan, std::vector<core::RequestRecord> const& sim,
                              core::Duration margin) {
  for (auto const& s : plan.scenarios) {
    if (s.executor != core::ExecutorKind::constant_arrival_rate &&
        s.executor != core::ExecutorKind::ramping_arrival_rate) {
      continue;
    }
    auto const slots = arrival_slots(s);
    auto const think = constant_think(s);
    for (auto const& r : sim) {
      if (r.scenario != s.name || !r.end || r.outcome == core::RecordOutcome::interrupted) continue;
      for (auto const at : {*r.end, *r.end + think}) {
        for (auto const slot : slots) {
          if (gap(at, slot) < margin) {
            return fmt::format("{} frees its VU {:.3f}ms from an arrival slot", r.key,
                               core::to_ms(gap(at, slot)));
          }
        }
      }
    }
  }
  return "";
}

// Shared iterations go to whichever VU is free first: two VUs freed within `margin` of each
// other while iterations remain may take them in the other order live. Exact ties are not
// ambiguous: sim and live both hand them out in the order the VUs were started.
std::string shared_iterations_ambiguity(core::Plan const& plan,
                                        std::vector<core::RequestRecord> const& sim,
                                        core::Duration margin) {
  for (auto const& s : plan.scenarios) {
    if (s.executor != core::ExecutorKind::shared_iterations) continue;
    auto const think = constant_think(s);
    std::vector<std::pair<core::Instant, std::uint64_t>> frees;  // when, which VU
    core::Instant last_start{};
    for (auto const& r : sim) {
      if (r.scenario != s.name) continue;
      last_start = std::max(last_start, r.intended);
      if (r.end && r.vu && r.outcome != core::RecordOutcome::interrupted) {
        frees.emplace_back(*r.end + think, *r.vu);
      }
    }
    std::sort(frees.begin(), frees.end());
    for (std::size_t i = 0; i + 1 < frees.size() && frees[i].first <= last_start + margin; ++i) {
      auto const& [at, vu] = frees[i];
      auto const& [next_at, next_vu] = frees[i + 1];
      if (next_vu != vu && next_at != at && next_at - at < margin) {
        return fmt::format("VUs {} and {} of {} are freed {:.3f}ms apart with iterations left", vu,
                           next_vu, s.name, core::to_ms(next_at - at));
      }
    }
  }
  return "";
}

// With a queue or the slowdown, which request gets a slot, and at what scale, depends on
// the order of arrivals, grants and releases: none may fall within `margin` of another --
// except a grant at the very instant of a release, which is the queue handing the slot on.
enum class ServerEvent : std::uint8_t { arrival, grant, release };

struct Timed {
  core::Instant at;
  ServerEvent kind;
  std::string const* key;
  friend bool operator<(Timed const& a, Timed const& b) { return a.at < b.at; }
};

std::vector<Timed> server_events(std::vector<core::RequestRecord> const& sim, core::Duration half) {
  std::vector<Timed> events;
  for (auto const& r : sim) {
    events.push_back({r.sent + half, ServerEvent::arrival, &r.key});
    if (r.status == 200 && r.headers && r.end) {
      events.push_back({*r.headers - half, ServerEvent::grant, &r.key});
      events.push_back({*r.end - half, ServerEvent::release, &r.key});
    }
  }
  std::sort(events.begin(), events.end());
  return events;
}

std::string server_ambiguity(core::Plan const& plan, std::vector<core::RequestRecord> const& sim,
                             core::Duration margin) {
  auto const& m = plan.model;
  if (!m.max_concurrent && m.slowdown_per_active_stream == 0) return "";
  auto const rtt = core::constant_duration_of(m.network_rtt);
  if (!rtt) return "the queue or slowdown needs a constant rtt to be judged";
  auto const events = server_events(sim, *rtt / 2);
  for (std::size_t i = 0; i < events.size(); ++i) {
    for (std::size_t j = i + 1; j < events.size() && events[j].at - events[i].at < margin; ++j) {
      auto const& a = events[i];
      auto const& b = events[j];
      bool const handoff = a.at == b.at &&
                           (a.kind == ServerEvent::release) != (b.kind == ServerEvent::release) &&
                           (a.kind == ServerEvent::grant || b.kind == ServerEvent::grant);
      if (*a.key == *b.key || handoff) continue;
      return fmt::format("server events of {} and {} are {:.3f}ms apart", *a.key, *b.key,
                         core::to_ms(b.at - a.at));
    }
  }
  return "";
}

}  // namespace

std::string ambiguity(core::Plan const& plan, std::vector<core::RequestRecord> const& sim,
                      core::Duration margin) {
  auto why = deadline_ambiguity(plan, sim, margin);
  if (why.empty()) why = arrival_ambiguity(plan, sim, margin);
  if (why.empty()) why = shared_iterations_ambiguity(plan, sim, margin);
  if (why.empty()) why = server_ambiguity(plan, sim, margin);
  return why;
}

}  // namespace loadtwin::twin
