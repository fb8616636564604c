#pragma once
// `loadtwin validate PLAN --model MODEL.json --record RECORD [--runs N] [--max-error E]`:
// predicts a held-out run with sim replications and scores the prediction (SPEC
// "Calibration"); exit 99 beyond --max-error or when an SLO verdict disagrees.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace loadtwin::app {

struct ValidateFlags {
  std::string plan;
  std::string model;
  std::string record;
  std::vector<std::string> overrides;
  std::uint64_t runs = 100;
  std::uint64_t seed = 1;
  double max_error = 0.10;
  std::string json;
  bool quiet = false;
};

void add_validate_command(CLI::App& app, ValidateFlags& flags);
// Runs the command; 0 when the prediction holds, 99 when it does not, 104 on bad input.
int run_validate_command(ValidateFlags const& flags);

}  // namespace loadtwin::app
