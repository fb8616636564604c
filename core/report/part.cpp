#include "core/report/part.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/version.hpp"

namespace loadtwin::core {
namespace {

// Worst first: the exit code's precedence (summary.hpp exit_code).
constexpr std::array<std::pair<StopReason, std::string_view>, 5> stop_names{{
    {StopReason::interrupted, "interrupted"},
    {StopReason::engine_bound, "engine_bound"},
    {StopReason::budget, "budget"},
    {StopReason::threshold_abort, "threshold_abort"},
    {StopReason::none, "completed"},
}};

std::size_t severity(StopReason stop) {
  for (std::size_t i = 0; i < stop_names.size(); ++i) {
    if (stop_names[i].first == stop) return i;
  }
  return 0;  // an unknown reason counts as the worst
}

}  // namespace

std::string_view stop_name(StopReason stop) { return stop_names[severity(stop)].second; }

std::optional<StopReason> parse_stop_name(std::string_view text) {
  for (auto const& [stop, name] : stop_names) {
    if (name == text) return stop;
  }
  return std::nullopt;
}

Duration Part::duration() const {
  if (runs.empty()) return Duration{0};
  std::int64_t first = runs.front().clock_offset_ns(), last = first;
  for (auto const& r : runs) {
    first = std::min(first, r.clock_offset_ns());
    last = std::max(last, r.clock_offset_ns() + r.duration.count());
  }
  return Duration{last - first};
}

StopReason Part::stop() const {
  StopReason worst = StopReason::none;
  for (auto const& r : runs) {
    if (severity(r.stop) < severity(worst)) worst = r.stop;
  }
  return worst;
}

Part make_part(TestRun const& run, Plan const& plan, PartIdentity const& identity) {
  Part part;
  part.version = std::string(loadtwin_version);
  part.plan_sha256 = plan.sha256;
  part.plan_document = plan.document;
  part.seed = run.seed();
  part.sequence = to_string(identity.segment.sequence());
  part.mode = identity.mode;
  part.dialect = identity.dialect;
  part.runs.push_back(SegmentRun{to_string(identity.segment.segment()), identity.planned_start_ns,
                                 identity.actual_start_ns, run.duration(), run.stop_reason(),
                                 identity.stop_message, run.abort_at(), run.abort_thresholds()});
  for (SinkEntry const* entry : run.metrics().entries()) {
    part.sinks.push_back(PartSink{entry->name, entry->sink});
  }
  part.vus = run.gauges().active_series();
  part.vus_allocated = run.gauges().allocated_series();
  part.scenarios = run.scenario_reports();
  part.records_header = identity.records_header;
  part.records_path = identity.records_path;
  return part;
}

}  // namespace loadtwin::core
