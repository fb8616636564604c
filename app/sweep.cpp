#include "app/sweep.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "app/model_flag.hpp"
#include "app/plan_source.hpp"

namespace loadtwin::app {
namespace {

// One point: the plan with every swept value set, replicated with the sweep's one seed.
std::optional<SweepPoint> run_point(SweepOptions const& o, std::vector<double> const& coordinates,
                                    SweepResult& out) {
  SweepPoint point;
  auto overrides = o.overrides;
  for (std::size_t i = 0; i < o.varies.size(); ++i) {
    std::string const value = o.varies[i].format(coordinates[i]);
    point.params.emplace_back(o.varies[i].path, value);
    overrides.push_back(o.varies[i].path + "=" + value);
  }
  auto loaded = load_plan(o.plan_path, overrides, core::PlanUse::run, model_edit(o.model_path));
  if (!loaded.plan) {
    out.error = loaded.error;
    return std::nullopt;
  }
  point.coordinates = coordinates;
  point.result = sim::run_replications(*loaded.plan, o.replication);
  if (o.on_point) o.on_point(++out.points_run);
  return point;
}

bool stopped(SweepOptions const& o) { return o.replication.stop && o.replication.stop->load(); }

void grid(SweepOptions const& o, std::size_t axis, std::vector<double>& at, SweepResult& out) {
  if (!out.error.empty() || stopped(o)) return;
  if (axis == o.varies.size()) {
    auto point = run_point(o, at, out);
    if (point && !stopped(o)) out.points.push_back(std::move(*point));
    return;
  }
  for (double x : o.varies[axis].values()) {
    at.push_back(x);
    grid(o, axis + 1, at, out);
    at.pop_back();
  }
}

double pass_probability(SweepPoint const& p, std::size_t threshold) {
  return p.result.thresholds.empty() ? 0 : p.result.thresholds[threshold].pass_probability;
}

std::string finding(Boundary const& b, Vary const& v, bool passes_low) {
  std::string const level = fmt::format("{:.0f}%", 100 * b.confidence);
  if (!b.value) {
    return fmt::format("{} {}: pass probability stays on one side of {} over {} = {}..{}", b.metric,
                       b.expression, level, v.path, v.format(v.from), v.format(v.to));
  }
  return fmt::format(
      "{} {} {} {} of runs from {} = {}", b.metric, b.expression,
      passes_low ? "starts failing: it passes in fewer than" : "starts passing in at least", level,
      v.path, *b.value);
}

// Bisects between two grid neighbours on opposite sides of `level`.
Boundary bisect(SweepOptions const& o, std::size_t t, double level, SweepResult& out) {
  Vary const& v = o.varies[0];
  auto const& first = out.points.front().result.thresholds[t];
  Boundary b{v.path, first.metric, first.expression, level, std::nullopt, {}};
  std::size_t i = 0;
  while (i + 1 < out.points.size() && (pass_probability(out.points[i], t) >= level) ==
                                          (pass_probability(out.points[i + 1], t) >= level)) {
    ++i;
  }
  bool const passes_low = pass_probability(out.points.front(), t) >= level;
  if (i + 1 >= out.points.size()) {
    b.finding = finding(b, v, passes_low);
    return b;
  }
  double lo = out.points[i].coordinates[0], hi = out.points[i + 1].coordinates[0];
  bool const lo_passes = pass_probability(out.points[i], t) >= level;
  double const tolerance = o.tolerance.value_or(v.step / 32);
  while (hi - lo > tolerance && !stopped(o)) {
    double mid = (lo + hi) / 2;
    if (v.duration) mid = std::round(mid);
    if (v.integer) mid = std::round(mid);
    if (mid <= lo || mid >= hi) break;
    auto point = run_point(o, {mid}, out);
    if (!point) break;
    ((pass_probability(*point, t) >= level) == lo_passes ? lo : hi) = mid;
  }
  b.value = v.format(lo_passes ? hi : lo);
  b.finding = finding(b, v, lo_passes);
  return b;
}

}  // namespace

SweepResult run_sweep(SweepOptions const& o) {
  SweepResult out;
  std::vector<double> at;
  grid(o, 0, at, out);
  out.interrupted = stopped(o);
  if (!out.error.empty() || out.interrupted || !o.find_boundary || out.points.empty()) return out;
  std::vector<double> levels{0.5};
  if (o.confidence != 0.5) levels.push_back(o.confidence);
  for (std::size_t t = 0; t < out.points.front().result.thresholds.size(); ++t) {
    for (double level : levels) out.boundaries.push_back(bisect(o, t, level, out));
  }
  out.interrupted = stopped(o);
  return out;
}

}  // namespace loadtwin::app
