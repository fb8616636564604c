#pragma once
// `loadtwin sweep PLAN --vary PATH=FROM..TO:STEP [--vary ...] --runs N`: the what-if grid.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace loadtwin::app {

struct SweepFlags {
  std::string plan;
  std::string model;  // --model FILE
  std::uint64_t seed = 1;
  std::vector<std::string> overrides;
  std::vector<std::string> varies;
  std::uint64_t runs = 100;
  unsigned threads = 0;
  std::string csv, json, html;
  bool find_boundary = false;
  double confidence = 0.95;
  double tolerance = 0;  // 0 = STEP/32
  double min_pass_probability = 0.95;
  bool quiet = false;
};

void add_sweep_command(CLI::App& app, SweepFlags& flags);
int run_sweep_command(SweepFlags const& flags);

}  // namespace loadtwin::app
