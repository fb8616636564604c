#include "core/calibrate/calibrate_delay.hpp"

#include <cmath>

#include "core/calibrate/least_squares.hpp"

namespace loadtwin::core {
namespace {

struct Point {
  double y, x, a;  // delay ns, input k-tokens, active - 1
};

constexpr double slowdown_max = 10;
constexpr int bisection_steps = 40;

// The coefficient on a of z = c0 + c1 x + c2 a, z = y / (1 + k a): zero at the true k,
// where the deflated delay no longer depends on the load.
std::optional<double> load_trend(std::vector<Point> const& points, bool input_varies, double k) {
  LeastSquares ls(input_varies ? 3 : 2);
  for (auto const& p : points) {
    double const z = p.y / (1.0 + k * p.a);
    if (input_varies) {
      ls.add({1.0, p.x, p.a}, z);
    } else {
      ls.add({1.0, p.a}, z);
    }
  }
  auto const c = ls.solve();
  if (!c) return std::nullopt;
  return c->back();
}

// k of y = (D + b x)(1 + k a): the root of load_trend by bisection on [0, slowdown_max];
// 0 when the delay does not grow with load.
std::optional<double> slowdown_of(std::vector<Point> const& points, bool input_varies) {
  auto const at_zero = load_trend(points, input_varies, 0);
  if (!at_zero) return std::nullopt;
  if (*at_zero <= 0) return 0.0;
  double lo = 0, hi = slowdown_max;
  for (int i = 0; i < bisection_steps; ++i) {
    double const mid = (lo + hi) / 2;
    auto const trend = load_trend(points, input_varies, mid);
    if (!trend) return std::nullopt;
    (*trend > 0 ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace

DelayFit fit_first_token(CalibrationInput const& input, ServerView const& view,
                         std::vector<std::size_t> const& streams,
                         std::vector<std::uint32_t> const& units, bool fit_load,
                         std::optional<Family> family, double resolution) {
  std::vector<Point> points;
  points.reserve(units.size());
  double min_x = INFINITY, max_x = -INFINITY;
  for (std::uint32_t u : units) {
    CalRecord const& r = input.records[streams[u]];
    double const x = static_cast<double>(r.input_tokens) / 1000.0;
    points.push_back({static_cast<double>(r.first_text - r.headers), x,
                      static_cast<double>(view.active[streams[u]]) - 1.0});
    min_x = std::min(min_x, x), max_x = std::max(max_x, x);
  }
  DelayFit fit;
  fit.input_varies = max_x > min_x;
  if (fit_load) fit.slowdown = slowdown_of(points, fit.input_varies).value_or(0.0);
  if (fit.input_varies) {
    LeastSquares ls(2);
    for (auto const& p : points) ls.add({1.0, p.x}, p.y / (1.0 + fit.slowdown * p.a));
    if (auto c = ls.solve()) fit.per_1k = std::max(0.0, (*c)[1]);
  }
  fit.residuals.reserve(points.size());
  for (auto const& p : points) {
    fit.residuals.push_back(p.y / (1.0 + fit.slowdown * p.a) - fit.per_1k * p.x);
  }
  std::vector<double> values = fit.residuals;
  fit.dist = family ? fit_family(*family, values) : fit_distribution(values, resolution);
  return fit;
}

}  // namespace loadtwin::core
