#pragma once
// `loadtwin inspect [PLAN] [--json]`: a plan's scenarios, max VUs and span, and the
// iterations, requests, tokens and cost one sim run expects (app/inspect.hpp). Text by
// default; `--json` prints one JSON object on stdout.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "app/inspect.hpp"

namespace loadtwin::app {

struct InspectFlags {
  std::string plan;  // "" = the embedded baseline
  std::vector<std::string> overrides;
  std::uint64_t seed = 1;
  bool json = false;
};

void add_inspect_command(CLI::App& app, InspectFlags& flags);
// 0, or 104 for an invalid plan or flag.
int run_inspect_command(InspectFlags const& flags);

// The inspection as text (the command's default output) and as JSON (--json).
std::string render_inspection_text(PlanInspection const& inspection, std::string const& plan);
std::string render_inspection_json(PlanInspection const& inspection, std::string const& plan);

}  // namespace loadtwin::app
