#include "app/compare_sim.hpp"

#include <fmt/format.h>

#include <map>

#include "core/report/report_text.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::app {
namespace {

core::MetricSummary const* find_metric(core::Summary const& s, std::string const& name) {
  for (auto const& m : s.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

void print_percentiles(core::Summary const& sim, core::Summary const& live, std::ostream& out) {
  out << fmt::format("    {:<46} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "metric", "p50 sim",
                     "p50 live", "p95 sim", "p95 live", "p99 sim", "p99 live");
  for (auto const& l : live.metrics) {
    if (!l.has_thresholds || l.type != core::MetricType::trend) continue;
    auto const* s = find_metric(sim, l.name);
    if (s == nullptr) continue;
    auto const show = [&l](double v) {
      return l.is_time ? core::humanize_ms(v) : fmt::format("{:.4g}", v);
    };
    out << fmt::format("    {:<46} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", l.name,
                       show(s->p50), show(l.p50), show(s->p95), show(l.p95), show(s->p99),
                       show(l.p99));
  }
}

// "ok", "error:<reason>", "interrupted", "aborted", "dropped" -> count, over all scenarios.
std::map<std::string, std::uint64_t> outcome_counts(core::Summary const& s) {
  std::map<std::string, std::uint64_t> out;
  for (auto const& sc : s.scenarios) {
    auto const& c = sc.counters;
    out["ok"] += c.requests_ok;
    out["interrupted"] += c.requests_interrupted;
    out["aborted"] += c.requests_aborted;
    out["dropped iterations"] += c.iterations_dropped;
    for (std::size_t i = 0; i < c.errors_by_reason.size(); ++i) {
      if (c.errors_by_reason[i] == 0) continue;
      out["error: " + std::string(to_string(static_cast<core::ErrorReason>(i)))] +=
          c.errors_by_reason[i];
    }
  }
  return out;
}

void print_outcomes(core::Summary const& sim, core::Summary const& live, std::ostream& out) {
  auto const a = outcome_counts(sim), b = outcome_counts(live);
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> both;
  for (auto const& [k, v] : a) both[k].first = v;
  for (auto const& [k, v] : b) both[k].second = v;
  out << fmt::format("\n    {:<46} {:>10} {:>10}\n", "outcome", "sim", "live");
  for (auto const& [k, v] : both) {
    out << fmt::format("    {:<46} {:>10} {:>10}\n", k, v.first, v.second);
  }
}

void print_verdicts(core::Summary const& sim, core::Summary const& live, std::ostream& out) {
  out << fmt::format("\n    {:<8} {:<8} threshold\n", "sim", "live");
  for (std::size_t i = 0; i < live.verdicts.size() && i < sim.verdicts.size(); ++i) {
    auto const& v = live.verdicts[i];
    out << fmt::format("    {:<8} {:<8} {} {}\n", sim.verdicts[i].passed ? "pass" : "fail",
                       v.passed ? "pass" : "fail", v.key, v.source);
  }
}

}  // namespace

std::optional<core::TwinTolerance> parse_twin_tolerance(std::string const& text) {
  auto const comma = text.find(',');
  auto const p99 = core::parse_duration(text.substr(0, comma));
  if (!p99) return std::nullopt;
  core::TwinTolerance t{*p99, std::max(*p99, core::TwinTolerance{}.max)};
  if (comma != std::string::npos) {
    auto const max = core::parse_duration(text.substr(comma + 1));
    if (!max || *max < *p99) return std::nullopt;
    t.max = *max;
  }
  return t;
}

bool compare_with_sim(core::Plan const& plan, std::uint64_t seed, core::Summary const& live,
                      std::vector<core::RequestRecord> const& live_records,
                      core::TwinTolerance tolerance, std::ostream& out) {
  RecordCollector sim_records;
  auto const sim = sim::run_sim(plan, {.seed = seed}, [&](core::TestRun& run) {
                     run.set_record_observer(&sim_records);
                   }).summary;
  out << "\n  TWIN CHECK: live vs sim (same plan, seed " << seed << ")\n";
  print_percentiles(sim, live, out);
  print_outcomes(sim, live, out);
  print_verdicts(sim, live, out);
  auto const comparison = core::compare_twin(sim_records.records, live_records, tolerance);
  out << "\n  " << core::describe_twin(comparison, tolerance) << "\n";
  for (auto const& d : comparison.differences) out << "    " << d << "\n";
  out << "\n";
  return comparison.holds;
}

}  // namespace loadtwin::app
