#pragma once
// `loadtwin merge PART...`: one verdict from the parts of a split run (SPEC "Execution
// segments and merge"). Checks that the parts share plan, seed and sequence and cover it
// exactly once (104 naming the gap, overlap or odd part; a repeated part is kept once with
// a warning), then prints the summary and writes the exports with the code a single run
// uses; exit 0, 99 (a threshold failed or a segment aborted), 105/107/108 when a segment was
// interrupted, hit an engine bound or reached its budget share.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace loadtwin::app {

struct MergeFlags {
  std::vector<std::string> parts;
  std::string summary_export;
  std::string junit;
  std::string html;  // the merged run's report; its time series from the parts' records
  std::vector<std::string> outs;  // part=FILE (the merged part), requests=FILE
  std::string no_data = "fail";
  bool quiet = false;
  bool no_color = false;
};

void add_merge_command(CLI::App& app, MergeFlags& flags);
// Runs the command; returns the process exit code.
int run_merge_command(MergeFlags const& flags);

}  // namespace loadtwin::app
