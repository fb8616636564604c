#include "app/sweep_html.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cmath>

#include "core/metrics/threshold_expr.hpp"
#include "core/report/html_page.hpp"

namespace loadtwin::embedded {
extern char const sweep_report_js[];
extern std::size_t const sweep_report_js_size;
}  // namespace loadtwin::embedded

namespace loadtwin::app {
namespace {

namespace json = boost::json;

// The index of `x` among `values` (the grid's own values, so the nearest is the one).
std::size_t index_of(std::vector<double> const& values, double x) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    if (std::abs(values[i] - x) < std::abs(values[best] - x)) best = i;
  }
  return best;
}

// Points of the slice where every parameter past the first two keeps its first value.
bool in_slice(SweepPoint const& p, std::vector<Vary> const& varies) {
  for (std::size_t d = 2; d < varies.size() && d < p.coordinates.size(); ++d) {
    if (index_of(varies[d].values(), p.coordinates[d]) != 0) return false;
  }
  return true;
}

json::array params_json(std::vector<Vary> const& varies) {
  json::array out;
  for (auto const& v : varies) {
    json::array labels;
    for (double x : v.values()) labels.emplace_back(v.format(x));
    out.push_back(json::object{{"path", v.path}, {"values", std::move(labels)}});
  }
  return out;
}

double limit_of(std::string const& expression) {
  auto const parsed = core::parse_threshold_expr(expression);
  return parsed.expr ? parsed.expr->limit : 0;
}

// One vary: the threshold's series along the parameter, in grid order.
json::object line_json(SweepResult const& r, std::size_t t, Vary const& v) {
  auto const values = v.values();
  json::array pass(values.size()), low(values.size()), high(values.size()), p5(values.size()),
      p50(values.size()), p95(values.size());
  for (auto const& p : r.points) {
    auto const i = index_of(values, p.coordinates[0]);
    auto const& tr = p.result.thresholds[t];
    pass[i] = tr.pass_probability, low[i] = tr.ci95.first, high[i] = tr.ci95.second;
    p5[i] = tr.p5, p50[i] = tr.p50, p95[i] = tr.p95;
  }
  return json::object{{"pass", std::move(pass)},    {"ci_low", std::move(low)},
                      {"ci_high", std::move(high)}, {"p5", std::move(p5)},
                      {"p50", std::move(p50)},      {"p95", std::move(p95)}};
}

// Two or more varies: grid[y][x] of pass probability (-1 where no point ran).
std::vector<std::vector<double>> grid_of(SweepResult const& r, std::size_t t,
                                         std::vector<Vary> const& varies) {
  auto const xs = varies[0].values(), ys = varies[1].values();
  std::vector<std::vector<double>> grid(ys.size(), std::vector<double>(xs.size(), -1));
  for (auto const& p : r.points) {
    if (!in_slice(p, varies)) continue;
    grid[index_of(ys, p.coordinates[1])][index_of(xs, p.coordinates[0])] =
        p.result.thresholds[t].pass_probability;
  }
  return grid;
}

json::object heatmap_json(SweepResult const& r, std::size_t t, std::vector<Vary> const& varies) {
  auto const grid = grid_of(r, t, varies);
  json::array cells;
  for (auto const& row : grid) {
    json::array out;
    for (double p : row) out.push_back(p < 0 ? json::value(nullptr) : json::value(p));
    cells.push_back(std::move(out));
  }
  json::array segments;
  for (auto const& s : boundary_segments(grid, 0.5)) {
    segments.push_back(json::array{s[0], s[1], s[2], s[3]});
  }
  return json::object{{"cells", std::move(cells)}, {"boundary", std::move(segments)}};
}

}  // namespace

std::vector<std::array<double, 4>> boundary_segments(std::vector<std::vector<double>> const& grid,
                                                     double level) {
  std::vector<std::array<double, 4>> out;
  auto const differs = [level](double a, double b) {
    return a >= 0 && b >= 0 && (a >= level) != (b >= level);
  };
  for (std::size_t y = 0; y < grid.size(); ++y) {
    for (std::size_t x = 0; x < grid[y].size(); ++x) {
      double const cx = static_cast<double>(x), cy = static_cast<double>(y);
      if (x + 1 < grid[y].size() && differs(grid[y][x], grid[y][x + 1])) {
        out.push_back({cx + 0.5, cy - 0.5, cx + 0.5, cy + 0.5});
      }
      if (y + 1 < grid.size() && differs(grid[y][x], grid[y + 1][x])) {
        out.push_back({cx - 0.5, cy + 0.5, cx + 0.5, cy + 0.5});
      }
    }
  }
  return out;
}

json::object sweep_page_data(SweepResult const& r, std::vector<Vary> const& varies,
                             std::uint64_t runs, std::uint64_t seed) {
  json::array thresholds;
  if (!r.points.empty() && !varies.empty()) {
    for (std::size_t t = 0; t < r.points.front().result.thresholds.size(); ++t) {
      auto const& first = r.points.front().result.thresholds[t];
      json::object o{{"metric", first.metric},
                     {"expression", first.expression},
                     {"is_time", first.is_time},
                     {"limit", limit_of(first.expression)}};
      if (varies.size() == 1) {
        o["line"] = line_json(r, t, varies[0]);
      } else {
        o["heatmap"] = heatmap_json(r, t, varies);
      }
      thresholds.push_back(std::move(o));
    }
  }
  return json::object{{"runs", runs},
                      {"seed", seed},
                      {"params", params_json(varies)},
                      {"thresholds", std::move(thresholds)}};
}

std::string render_sweep_page(SweepResult const& r, std::vector<Vary> const& varies,
                              std::uint64_t runs, std::uint64_t seed) {
  std::string out = core::html_page_open("loadtwin sweep");
  out += fmt::format(
      "<h1>loadtwin sweep</h1>\n<p class=\"meta\">{} runs per point, seed {}, the same seeds "
      "at every point (common random numbers).</p>\n",
      runs, seed);
  if (varies.size() > 2) {
    out +=
        "<p class=\"note\">More than two parameters: the heatmaps show the first two, with "
        "the others at their first value.</p>\n";
  }
  if (!r.boundaries.empty()) {
    out += "<h2>Findings</h2>\n<ul id=\"findings\">\n";
    for (auto const& b : r.boundaries) out += "<li>" + core::html_escape(b.finding) + "</li>\n";
    out += "</ul>\n";
  }
  out += "<h2>Thresholds</h2>\n<div id=\"plots\"></div>\n";
  if (r.points.empty()) out += "<p class=\"note\">No point completed.</p>\n";
  out += core::html_data_block("sweep-data", sweep_page_data(r, varies, runs, seed));
  out += core::html_script({embedded::sweep_report_js, embedded::sweep_report_js_size});
  return out + core::html_page_close();
}

}  // namespace loadtwin::app
