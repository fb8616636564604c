#pragma once
// `loadtwin calibrate RECORD... [--plan PLAN] -o MODEL.json [--diagnostics FILE.json]
// [--html FILE.html]`: fits the model from per-request records (SPEC "Calibration").
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace loadtwin::app {

struct CalibrateFlags {
  std::vector<std::string> records;
  std::string plan;  // optional: its model gives the fields the records cannot
  std::string output;
  std::string diagnostics;
  std::string html;
  std::uint64_t seed = 1;  // keys the bootstrap
  std::uint32_t bootstrap = 200;
  std::uint32_t min_samples = 30;
  bool mixed = false;
  bool quiet = false;
};

void add_calibrate_command(CLI::App& app, CalibrateFlags& flags);
// Runs the command; 0, or 104 with a message naming the file (and line) at fault.
int run_calibrate_command(CalibrateFlags const& flags);

}  // namespace loadtwin::app
