#pragma once
// `loadtwin sim [PLAN]`: flags, run, outputs, exit code.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "app/outputs.hpp"
#include "app/segment_flags.hpp"
#include "app/run_flags.hpp"

namespace loadtwin::app {

struct SimFlags {
  std::string plan;
  std::string model;  // --model FILE
  std::uint64_t seed = 1;
  std::vector<std::string> overrides;
  std::uint64_t max_events = 0;  // 0 = the default bound
  std::uint64_t runs = 1;
  unsigned threads = 0;  // 0 = every core
  std::string json;
  double min_pass_probability = 0.95;
  OutputFlags output;
  SegmentFlags segment;
  std::string start_at;  // --start-at: recorded in the part, no wait (app/start_at.hpp)
  RunFlags run;  // k6's --vus, --duration, ... (app/run_flags.hpp)
};

void add_sim_command(CLI::App& app, SimFlags& flags);
// Runs the command; returns the process exit code.
int run_sim_command(SimFlags const& flags);

}  // namespace loadtwin::app
