// PartRun: a part read as a run (part_merge.hpp), and what merge says about its segments.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/report/part_merge.hpp"
#include "core/report/report_text.hpp"

namespace loadtwin::core {

PartRun::PartRun(Part const& part, Plan const& plan)
    : part_(part),
      plan_(plan),
      metrics_(UINT64_MAX),  // merged trends may hold more than one run's bound
      thresholds_(plan, metrics_) {
  load_sinks(part);
  replay_gauges(part);
  for (auto const& config : plan.scenarios) {
    ScenarioReport report{config.name, config.executor, config.exec, {}};
    for (auto const& s : part.scenarios) {
      if (s.name == config.name) report.counters = s.counters;
    }
    scenarios_.push_back(std::move(report));
  }
  for (auto const& s : part.scenarios) {
    bool const known = std::any_of(plan.scenarios.begin(), plan.scenarios.end(),
                                   [&s](ScenarioConfig const& c) { return c.name == s.name; });
    if (!known && problem_.empty()) problem_ = "scenario " + s.name + " is not in the plan";
  }
}

void PartRun::load_sinks(Part const& part) {
  for (auto const& s : part.sinks) {
    SinkEntry* entry = metrics_.find(s.name);
    if (entry == nullptr || entry->sink.index() != s.sink.index()) {
      if (problem_.empty()) {
        problem_ =
            fmt::format("metric {} is not one this plan's run has (or of another type)", s.name);
      }
      continue;
    }
    if (!std::holds_alternative<GaugeSink>(s.sink)) entry->sink = s.sink;
  }
}

// The summed step functions, instant by instant, through the gauges a run samples with.
void PartRun::replay_gauges(Part const& part) {
  VuGauges gauges(metrics_, nullptr);
  auto const& active = part.vus;
  auto const& allocated = part.vus_allocated;
  std::size_t i = 0, j = 0;
  std::int64_t last_active = 0, last_allocated = 0;
  while (i < active.size() || j < allocated.size()) {
    bool const take_active =
        j == allocated.size() || (i < active.size() && active[i].at <= allocated[j].at);
    Instant const at = take_active ? active[i].at : allocated[j].at;
    for (; i < active.size() && active[i].at == at; ++i) {
      gauges.add_active(at, static_cast<int>(active[i].value - last_active));
      last_active = active[i].value;
    }
    for (; j < allocated.size() && allocated[j].at == at; ++j) {
      gauges.add_allocated(at, static_cast<int>(allocated[j].value - last_allocated));
      last_allocated = allocated[j].value;
    }
    gauges.flush();
  }
}

RunView PartRun::view() const {
  return RunView{metrics_, thresholds_, scenarios_, part_.duration(), part_.stop(), part_.seed};
}

Summary PartRun::summarize(bool no_data_fail) const {
  Summary summary = core::summarize(view(), plan_, no_data_fail);
  summary.simulated = part_.mode == "sim";
  summary.stop_message = describe_stops(part_);
  return summary;
}

std::string describe_stops(Part const& part) {
  if (part.runs.size() == 1) return part.runs.front().stop_message;
  std::string out;
  bool aborted = false;
  for (auto const& r : part.runs) {
    if (r.stop == StopReason::none) continue;
    if (!out.empty()) out += "\n  ";
    if (r.stop == StopReason::threshold_abort) {
      aborted = true;
      out += fmt::format("segment {} aborted at {} on its own samples (abortOnFail: {})", r.segment,
                         humanize_ms(to_ms(r.abort_at.value_or(r.duration))),
                         r.abort_thresholds.empty()
                             ? std::string("?")
                             : fmt::format("{}", fmt::join(r.abort_thresholds, ", ")));
    } else if (r.stop_message.starts_with(stop_name(r.stop))) {  // "budget stop: ..." says it
      out += fmt::format("segment {} {}", r.segment, r.stop_message);
    } else {
      out += fmt::format("segment {} {}{}{}", r.segment, stop_name(r.stop),
                         r.stop_message.empty() ? "" : ": ", r.stop_message);
    }
  }
  if (aborted) {
    out +=
        "\n  each segment aborts on its own samples: the merged verdict covers what every "
        "segment measured until it stopped";
  }
  return out;
}

std::string describe_clock_offsets(Part const& part) {
  bool const barrier = std::all_of(part.runs.begin(), part.runs.end(),
                                   [](SegmentRun const& r) { return r.planned_ns.has_value(); });
  if (!barrier || part.runs.empty()) return "";
  std::string out = "clock offsets (start actual - planned):";
  std::int64_t worst = 0;
  for (auto const& r : part.runs) {
    out += fmt::format(" {} {:+.3f}ms", r.segment, static_cast<double>(r.clock_offset_ns()) / 1e6);
    worst = std::max(worst, std::abs(r.clock_offset_ns()));
  }
  return out + fmt::format("; largest {:.3f}ms", static_cast<double>(worst) / 1e6);
}

std::string start_barrier_warning(Part const& part) {
  if (part.runs.size() < 2 || part.mode != "live") return "";
  std::vector<std::string> without;
  std::int64_t earliest = part.runs.front().actual_ns, latest = earliest;
  bool differ = false;
  for (auto const& r : part.runs) {
    if (!r.planned_ns) without.push_back(r.segment);
    differ = differ || r.planned_ns != part.runs.front().planned_ns;
    earliest = std::min(earliest, r.actual_ns);
    latest = std::max(latest, r.actual_ns);
  }
  if (!differ && without.empty()) return "";
  std::string const spread = fmt::format("their clocks started {:.3f} s apart",
                                         static_cast<double>(latest - earliest) / 1e9);
  if (without.size() == part.runs.size()) {
    return "no segment ran with --start-at, so the segments did not start together: " + spread;
  }
  if (!without.empty()) {
    return fmt::format(
        "segment{} {} ran without --start-at, so the segments did not start "
        "together: {}",
        without.size() == 1 ? "" : "s", fmt::join(without, ", "), spread);
  }
  return "the segments' --start-at barriers differ, so they did not start together: " + spread;
}

}  // namespace loadtwin::core
