#pragma once
// `loadtwin sim [PLAN]`: flags, run, outputs, exit code.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace loadtwin::app {

struct SimFlags {
  std::string plan;
  std::uint64_t seed = 1;
  std::vector<std::string> overrides;
  std::string summary_export;
  std::vector<std::string> outs;  // "json=FILE"
  std::string junit;
  std::string no_data = "pass";
  std::string start_time;
  std::uint64_t max_trend_samples = 100'000'000;
  std::uint64_t max_events = 0;  // 0 = the default bound
  bool quiet = false;
  bool no_color = false;
};

void add_sim_command(CLI::App& app, SimFlags& flags);
// Runs the command; returns the process exit code.
int run_sim_command(SimFlags const& flags);

}  // namespace loadtwin::app
