#include "app/calibrate/calibration_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/calibrate/fit_distribution.hpp"

namespace loadtwin::app {
namespace {

constexpr double width = 360, height = 260, margin = 44;

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

struct Axes {
  double x0, x1, y0, y1;
  [[nodiscard]] double px(double x) const {
    return margin + (x - x0) / (x1 - x0 == 0 ? 1 : x1 - x0) * (width - 1.5 * margin);
  }
  [[nodiscard]] double py(double y) const {
    return height - margin - (y - y0) / (y1 - y0 == 0 ? 1 : y1 - y0) * (height - 1.5 * margin);
  }
};

std::string frame(Axes const& a, std::string const& title, std::string const& xlabel,
                  std::string const& ylabel) {
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}">)"
      R"(<rect x="{2}" y="{3}" width="{4}" height="{5}" fill="#fafafa" stroke="#999"/>)"
      R"(<text x="{6}" y="16" text-anchor="middle" font-size="13">{7}</text>)"
      R"(<text x="{6}" y="{1}" dy="-6" text-anchor="middle" font-size="11">{8}</text>)"
      R"svg(<text x="12" y="{9}" transform="rotate(-90 12 {9})" text-anchor="middle" )svg"
      R"(font-size="11">{10}</text>)",
      width, height, margin, margin / 2, width - 1.5 * margin, height - 1.5 * margin, width / 2,
      escape(title), escape(xlabel), height / 2, escape(ylabel));
  for (int i = 0; i <= 4; ++i) {
    double const x = a.x0 + (a.x1 - a.x0) * i / 4, y = a.y0 + (a.y1 - a.y0) * i / 4;
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" font-size="9">{:.4g})"
                       R"(</text>)",
                       a.px(x), height - margin + 12, x);
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end" font-size="9">{:.4g})"
                       R"(</text>)",
                       margin - 3, a.py(y) + 3, y);
  }
  return svg;
}

std::string polyline(std::vector<std::pair<double, double>> const& points, Axes const& a,
                     std::string_view colour, std::string_view dash = "") {
  std::string pts;
  for (auto const& [x, y] : points) pts += fmt::format("{:.1f},{:.1f} ", a.px(x), a.py(y));
  return fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="1.6" )"
                     R"(stroke-dasharray="{}"/>)",
                     pts, colour, dash);
}

// An axis range that is not a point: a constant's plots are centred on it.
std::pair<double, double> padded(double lo, double hi) {
  if (hi > lo) return {lo, hi};
  double const pad = std::max(1.0, std::abs(lo) * 0.05);
  return {lo - pad, hi + pad};
}

std::string qq_plot(core::QuantityFit const& q) {
  std::vector<std::pair<double, double>> points;
  std::size_t const n = q.plot_data.size();
  for (std::size_t i = 0; i < n; ++i) {
    double const p = (static_cast<double>(i) + 0.5) / static_cast<double>(n);
    points.emplace_back(core::model_quantile(*q.plot_model, p), q.plot_data[i]);
  }
  auto const [lo, hi] = padded(std::min(points.front().first, points.front().second),
                               std::max(points.back().first, points.back().second));
  Axes const a{lo, hi, lo, hi};
  std::string svg = frame(a, q.name + ": Q-Q", "model quantile", "data quantile");
  svg += polyline({{lo, lo}, {hi, hi}}, a, "#999", "4 3");
  for (auto const& [x, y] : points) {
    svg += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="1.8" fill="#1f77b4"/>)", a.px(x),
                       a.py(y));
  }
  return svg + "</svg>";
}

std::string cdf_plot(core::QuantityFit const& q, std::string const& unit) {
  std::size_t const n = q.plot_data.size();
  auto const [lo, hi] = padded(q.plot_data.front(), q.plot_data.back());
  Axes const a{lo, hi, 0, 1};
  std::vector<std::pair<double, double>> data, model;
  for (std::size_t i = 0; i < n; ++i) {
    data.emplace_back(q.plot_data[i], (static_cast<double>(i) + 0.5) / static_cast<double>(n));
  }
  for (int i = 0; i <= 200; ++i) {
    double const x = a.x0 + (a.x1 - a.x0) * i / 200;
    model.emplace_back(x, core::model_cdf(*q.plot_model, x));
  }
  std::string svg = frame(a, q.name + ": CDF", unit, "F(x)");
  svg += polyline(data, a, "#1f77b4") + polyline(model, a, "#d62728", "5 3");
  svg += fmt::format(R"(<text x="{:.0f}" y="{:.0f}" font-size="10" fill="#1f77b4">data</text>)"
                     R"(<text x="{:.0f}" y="{:.0f}" font-size="10" fill="#d62728">model</text>)",
                     width - 80, margin + 10, width - 80, margin + 24);
  return svg + "</svg>";
}

std::string estimates_table(core::Calibration const& c) {
  std::string html =
      "<table><tr><th>quantity</th><th>samples</th><th>family</th><th>parameter</th>"
      "<th>estimate</th><th>95% interval</th><th>KS</th><th>note</th></tr>";
  for (auto const& q : c.quantities) {
    std::string const ks = q.ks ? fmt::format("{:.4f}", *q.ks) : "";
    if (q.params.empty()) {
      html += fmt::format(
          "<tr><td>{}</td><td>{}</td><td></td><td></td><td></td><td></td>"
          "<td></td><td>{}</td></tr>",
          q.name, q.samples, escape(q.note));
    }
    for (auto const& p : q.params) {
      html += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.6g} {}</td>"
          "<td>[{:.6g}, {:.6g}]</td><td>{}</td><td>{}</td></tr>",
          q.name, q.samples, q.family, p.name, p.estimate, p.unit, p.lo, p.hi, ks, escape(q.note));
    }
  }
  return html + "</table>";
}

}  // namespace

std::string calibration_html(core::Calibration const& c, std::vector<std::string> const& files) {
  std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>loadtwin calibration</title>"
      "<style>body{font-family:sans-serif;margin:20px;color:#222}table{border-collapse:collapse;"
      "font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:left}"
      ".plots{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 22px}</style></head><body>"
      "<h1>loadtwin calibration</h1><p>Records: ";
  for (auto const& f : files) html += "<code>" + escape(f) + "</code> ";
  html += fmt::format("</p><p>Load levels (requests in flight at send: requests): ");
  for (auto const& [level, n] : c.load_levels) html += fmt::format("{}: {}; ", level - 1, n);
  html += c.load_identifiable ? "load dependence fitted.</p>"
                              : "fewer than 3 load levels: load dependence not identifiable.</p>";
  html += "<h2>Estimates</h2>" + estimates_table(c) + "<h2>Fits</h2>";
  for (auto const& q : c.quantities) {
    if (!q.fitted || !q.plot_model || q.plot_data.size() < 2) continue;
    std::string const unit = q.params.empty() ? "" : q.params.front().unit;
    html += fmt::format("<h3>{} ({}, {} samples, KS {:.4f})</h3><div class=\"plots\">", q.name,
                        q.family, q.samples, q.ks.value_or(0));
    html += qq_plot(q) + cdf_plot(q, unit) + "</div>";
  }
  return html + "</body></html>\n";
}

}  // namespace loadtwin::app
