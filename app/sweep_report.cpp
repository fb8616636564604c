#include "app/sweep_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "app/runs_report.hpp"
#include "app/sweep_html.hpp"
#include "core/metrics/threshold_expr.hpp"
#include "core/plan/json_pretty.hpp"
#include "core/report/report_text.hpp"

namespace loadtwin::app {
namespace {

std::string params_text(SweepPoint const& p) {
  std::string out;
  for (auto const& [k, v] : p.params) out += (out.empty() ? "" : " ") + k + "=" + v;
  return out;
}

std::string stat_text(sim::ThresholdRuns const& t, double v) {
  return t.is_time ? core::humanize_ms(v) : fmt::format("{:.4g}", v);
}

}  // namespace

void render_sweep_text(SweepResult const& r, std::ostream& out) {
  for (auto const& p : r.points) {
    out << "\n  " << params_text(p) << "\n";
    for (auto const& t : p.result.thresholds) {
      out << fmt::format("    {} {}: passes {:.1f}% [{:.1f}%, {:.1f}%], statistic p50 {}\n",
                         t.metric, t.expression, 100 * t.pass_probability, 100 * t.ci95.first,
                         100 * t.ci95.second, stat_text(t, t.p50));
    }
  }
  if (!r.boundaries.empty()) out << "\n  FINDINGS\n";
  for (auto const& b : r.boundaries) out << "    " << b.finding << "\n";
  out << "\n";
}

std::string render_sweep_csv(SweepResult const& r) {
  std::string out;
  if (r.points.empty()) return out;
  for (auto const& [k, v] : r.points.front().params) out += k + ",";
  out += "metric,expression,pass_probability,ci95_low,ci95_high,p5,p50,p95\n";
  for (auto const& p : r.points) {
    for (auto const& t : p.result.thresholds) {
      for (auto const& [k, v] : p.params) out += v + ",";
      out += fmt::format("\"{}\",\"{}\",{},{},{},{},{},{}\n", t.metric, t.expression,
                         t.pass_probability, t.ci95.first, t.ci95.second, t.p5, t.p50, t.p95);
    }
  }
  return out;
}

std::string render_sweep_json(SweepResult const& r, std::uint64_t runs, std::uint64_t seed) {
  namespace json = boost::json;
  json::array points;
  for (auto const& p : r.points) {
    json::object params;
    for (auto const& [k, v] : p.params) params[k] = v;
    json::array thresholds;
    for (auto const& t : p.result.thresholds) thresholds.push_back(threshold_runs_json(t));
    points.push_back(
        json::object{{"params", std::move(params)}, {"thresholds", std::move(thresholds)}});
  }
  json::object root{{"runs", runs}, {"seed", seed}, {"points", std::move(points)}};
  if (!r.boundaries.empty()) {
    json::array boundaries;
    for (auto const& b : r.boundaries) {
      json::value value = b.value ? json::value(*b.value) : json::value(nullptr);
      boundaries.push_back(json::object{{"param", b.param},
                                        {"metric", b.metric},
                                        {"expression", b.expression},
                                        {"value", value},
                                        {"confidence", b.confidence}});
    }
    root["boundaries"] = std::move(boundaries);
  }
  return core::render_json_compact(root) + "\n";
}

std::string render_sweep_html(SweepResult const& r, std::vector<Vary> const& varies,
                              std::uint64_t runs, std::uint64_t seed) {
  return render_sweep_page(r, varies, runs, seed);
}

}  // namespace loadtwin::app
