#include "app/runs_report.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <optional>

#include "core/exit_code.hpp"
#include "core/plan/json_pretty.hpp"
#include "core/report/report_text.hpp"

namespace loadtwin::app {
namespace {

std::string stat(sim::ThresholdRuns const& t, double v) {
  return t.is_time ? core::humanize_ms(v) : fmt::format("{:.4g}", v);
}

bool passes(sim::ThresholdRuns const& t, double min_pass_probability) {
  return t.ci95.first >= min_pass_probability;
}

// The fewest runs, all passing, whose 95% lower bound reaches `min_pass` (nullopt: none can,
// as for 100%). Wilson's bound for n of n grows with n, so bisect.
std::optional<std::uint64_t> runs_needed(double min_pass) {
  auto const shows = [min_pass](std::uint64_t n) { return sim::wilson95(n, n).first >= min_pass; };
  std::uint64_t hi = 1;
  while (!shows(hi)) {
    if (hi > (std::uint64_t{1} << 40)) return std::nullopt;
    hi *= 2;
  }
  std::uint64_t lo = hi / 2;  // !shows(lo) unless lo == 0
  while (lo + 1 < hi) {
    std::uint64_t const mid = lo + (hi - lo) / 2;
    (shows(mid) ? hi : lo) = mid;
  }
  return hi;
}

// "✓", "✗", or the inconclusive verdict when the runs could never have shown `min_pass`.
std::string verdict(sim::ThresholdRuns const& t, double min_pass) {
  if (passes(t, min_pass)) return "✓";
  bool const could_pass = t.ci95.second >= min_pass;
  auto const needed = runs_needed(min_pass);
  if (could_pass && (!needed || t.runs < *needed)) {
    std::string const need =
        needed ? fmt::format("need ≥ {}", *needed) : std::string("no number of runs can");
    return fmt::format("inconclusive ({} runs cannot show ≥ {:.2f}%; {})", t.runs, 100 * min_pass,
                       need);
  }
  return "✗";
}

}  // namespace

void render_runs_text(sim::ReplicationResult const& r, std::uint64_t seed, double min_pass,
                      std::ostream& out) {
  out << fmt::format(
      "\n  loadtwin sim — {} runs, seed {} (run k uses replication_seed(seed, k))\n\n",
      r.runs_completed, seed);
  for (auto const& t : r.thresholds) {
    out << fmt::format(
        "    {} {} {} passes in {:.2f}% [{:.2f}%, {:.2f}%] of runs; statistic "
        "p5={} p50={} p95={}\n",
        verdict(t, min_pass), t.metric, t.expression, 100 * t.pass_probability, 100 * t.ci95.first,
        100 * t.ci95.second, stat(t, t.p5), stat(t, t.p50), stat(t, t.p95));
  }
  out << fmt::format(
      "\n  a threshold fails when the lower bound of its 95% interval is below {:.2f}%\n",
      100 * min_pass);
}

boost::json::object threshold_runs_json(sim::ThresholdRuns const& t) {
  namespace json = boost::json;
  return json::object{{"metric", t.metric},
                      {"expression", t.expression},
                      {"pass_probability", t.pass_probability},
                      {"ci95", json::array{t.ci95.first, t.ci95.second}},
                      {"statistic", json::object{{"p5", t.p5}, {"p50", t.p50}, {"p95", t.p95}}}};
}

std::string render_runs_json(sim::ReplicationResult const& r, std::uint64_t seed) {
  namespace json = boost::json;
  json::array thresholds;
  for (auto const& t : r.thresholds) thresholds.push_back(threshold_runs_json(t));
  json::object root{{"runs", r.runs_completed},
                    {"seed", seed},
                    {"points", json::array{json::object{{"params", json::object{}},
                                                        {"thresholds", std::move(thresholds)}}}}};
  return core::render_json_compact(root) + "\n";
}

int runs_exit_code(sim::ReplicationResult const& r, double min_pass, bool interrupted) {
  if (interrupted) return static_cast<int>(core::ExitCode::interrupted);
  if (r.engine_bound) return static_cast<int>(core::ExitCode::engine_bound);
  for (auto const& t : r.thresholds) {
    if (!passes(t, min_pass)) return static_cast<int>(core::ExitCode::thresholds_failed);
  }
  return 0;
}

}  // namespace loadtwin::app
