#include "app/sweep_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "app/runs_report.hpp"
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

std::string xml_escape(std::string const& text) {
  std::string out;
  for (char c : text) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

// One plot: x = first swept parameter; pass probability (left axis, 0..1) and the statistic
// p50 with its p5..p95 band ends (right axis); the limit as a dashed line.
std::string svg_plot(SweepResult const& r, std::size_t t, Vary const& v) {
  double const w = 640, h = 300, left = 60, right = 70, top = 30, bottom = 40;
  // With several swept parameters, plot the slice where the others keep their first values.
  std::vector<SweepPoint> pts;
  for (auto const& p : r.points) {
    if (std::equal(p.coordinates.begin() + 1, p.coordinates.end(),
                   r.points.front().coordinates.begin() + 1)) {
      pts.push_back(p);
    }
  }
  double const x0 = pts.front().coordinates[0],
               x1 = std::max(pts.back().coordinates[0], x0 + 1e-12);
  double stat_max = 0;
  for (auto const& p : pts) stat_max = std::max(stat_max, p.result.thresholds[t].p95);
  auto const expr = core::parse_threshold_expr(pts.front().result.thresholds[t].expression).expr;
  double const limit = expr ? expr->limit : 0;
  stat_max = std::max({stat_max, limit * 1.1, 1e-12});
  auto const px = [&](double x) { return left + (x - x0) / (x1 - x0) * (w - left - right); };
  auto const py_prob = [&](double p) { return top + (1 - p) * (h - top - bottom); };
  auto const py_stat = [&](double s) { return top + (1 - s / stat_max) * (h - top - bottom); };
  auto const& first = pts.front().result.thresholds[t];
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}">)"
      "\n<title>{} {}</title>\n"
      R"(<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#999"/>)"
      "\n",
      w, h, w, h, xml_escape(first.metric), xml_escape(first.expression), left, top,
      w - left - right, h - top - bottom);
  std::string prob_line, stat_line;
  for (auto const& p : pts) {
    auto const& tr = p.result.thresholds[t];
    prob_line += fmt::format("{:.1f},{:.1f} ", px(p.coordinates[0]), py_prob(tr.pass_probability));
    stat_line += fmt::format("{:.1f},{:.1f} ", px(p.coordinates[0]), py_stat(tr.p50));
  }
  svg += fmt::format(R"(<polyline points="{}" fill="none" stroke="#1f77b4" stroke-width="2"/>)"
                     "\n",
                     prob_line);
  svg += fmt::format(R"(<polyline points="{}" fill="none" stroke="#d62728" stroke-width="2"/>)"
                     "\n",
                     stat_line);
  svg += fmt::format(
      R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#d62728" stroke-dasharray="6,4"/>)"
      "\n",
      left, py_stat(limit), w - right, py_stat(limit));
  svg += fmt::format(R"(<text x="{}" y="{}" font-size="12">{}</text>)"
                     "\n",
                     left, h - 10,
                     xml_escape(fmt::format("{}: {} .. {}", v.path, v.format(x0), v.format(x1))));
  svg += fmt::format(R"(<text x="5" y="{}" font-size="11" fill="#1f77b4">pass 100%</text>)"
                     "\n",
                     top + 4);
  svg += fmt::format(R"(<text x="5" y="{}" font-size="11" fill="#1f77b4">0%</text>)"
                     "\n",
                     h - bottom);
  svg += fmt::format(R"(<text x="{}" y="{}" font-size="11" fill="#d62728">{}</text>)"
                     "\n",
                     w - right + 4, top + 4, xml_escape(stat_text(first, stat_max)));
  svg += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="11" fill="#d62728">limit {}</text>)"
                     "\n",
                     w - right + 4, py_stat(limit), xml_escape(stat_text(first, limit)));
  return svg + "</svg>\n";
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
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"/>"
      "<title>loadtwin sweep</title></head>\n<body>\n";
  out += fmt::format(
      "<h1>loadtwin sweep</h1>\n<p>{} runs per point, seed {}, common random numbers "
      "across points. Blue: pass probability (0 to 100%). Red: the tested statistic "
      "(median over runs); dashed: the threshold's limit.</p>\n",
      runs, seed);
  if (!r.boundaries.empty()) {
    out += "<h2>Findings</h2>\n<ul>\n";
    for (auto const& b : r.boundaries) out += "<li>" + xml_escape(b.finding) + "</li>\n";
    out += "</ul>\n";
  }
  if (!r.points.empty() && !varies.empty()) {
    for (std::size_t t = 0; t < r.points.front().result.thresholds.size(); ++t) {
      auto const& first = r.points.front().result.thresholds[t];
      out += "<h2>" + xml_escape(first.metric + " " + first.expression) + "</h2>\n";
      out += svg_plot(r, t, varies.front());
    }
  }
  return out + "</body>\n</html>\n";
}

}  // namespace loadtwin::app
