#pragma once
// `loadtwin sweep`: replications at every point of a parameter grid, with common random
// numbers (the same seeds at every point, so differences come from the parameter, not from
// noise), and optional bisection for the value where a threshold's pass probability
// crosses a level.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/sweep_grid.hpp"
#include "sim/replications.hpp"

namespace loadtwin::app {

struct SweepPoint {
  std::vector<std::pair<std::string, std::string>> params;  // path -> value as written
  std::vector<double> coordinates;                          // the numeric values (ns for durations)
  sim::ReplicationResult result;
};

struct Boundary {
  std::string param, metric, expression;
  double confidence = 0.5;
  std::optional<std::string> value;  // first value on the failing side; nullopt: no crossing
  std::string finding;               // the plain-language sentence for the report
};

struct SweepOptions {
  std::string plan_path;
  std::string model_path;  // --model FILE ("" = the plan's)
  std::vector<std::string> overrides;
  std::vector<Vary> varies;
  sim::ReplicationOptions replication;  // runs, threads, seed, bounds, stop flag
  bool find_boundary = false;
  double confidence = 0.95;
  std::optional<double> tolerance;            // default STEP/32
  std::function<void(std::size_t)> on_point;  // points finished so far (grid and bisection)
};

struct SweepResult {
  std::vector<SweepPoint> points;
  std::vector<Boundary> boundaries;
  bool interrupted = false;
  std::string error;           // a point's plan did not validate (exit 104)
  std::size_t points_run = 0;  // grid points plus bisection steps
};

SweepResult run_sweep(SweepOptions const& options);

}  // namespace loadtwin::app
