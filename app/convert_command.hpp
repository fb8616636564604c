#pragma once
// `loadtwin convert SCRIPT.k6.js [-o PLAN.json]`: a plan from a k6 script's options, or from
// the JSON `k6 inspect SCRIPT` prints (SCRIPT "-" reads stdin). The rules are in
// app/convert/options_to_plan.hpp; warnings go to stderr, refusals exit 104, and the plan
// is written only when it loads as `loadtwin sim` would load it.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace loadtwin::app {

struct ConvertFlags {
  std::string input;                     // SCRIPT, or "-" for stdin
  std::string output;                    // -o; "" or "-" = stdout
  std::vector<std::string> env;          // -e NAME=VALUE
  std::vector<std::string> exec_map;     // --exec-map NAME=KIND
  std::vector<std::string> think_times;  // --think-time NAME=DURATION
  std::string model;                     // --model FILE (a plan or a model object)
  bool quiet = false;
};

void add_convert_command(CLI::App& app, ConvertFlags& flags);
// Runs the command; returns the process exit code (0, or 104 for every refusal).
int run_convert_command(ConvertFlags const& flags);

}  // namespace loadtwin::app
