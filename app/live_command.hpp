#pragma once
// `loadtwin live PLAN (--base-url URL | --mock)`: the plan in real time over real sockets.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "app/live_target.hpp"
#include "app/outputs.hpp"
#include "app/run_flags.hpp"
#include "app/segment_flags.hpp"

namespace loadtwin::app {

struct LiveFlags {
  std::string plan;
  std::string model;  // --model FILE
  std::uint64_t seed = 1;
  std::vector<std::string> overrides;
  std::string base_url;
  bool mock = false;
  TargetFlags target;  // --dialect, --api-key-env, --header, TLS, --allow-remote, budget
  std::string timeout;
  bool compare_sim = false;
  SegmentFlags segment;   // --segment / --execution-segment(-sequence)
  std::string start_at;   // --start-at (app/start_at.hpp)
  unsigned workers = 0;   // --workers; 0 = the default (see default_workers)
  std::string twin_tolerance = "2ms,5ms";
  OutputFlags output;
  RunFlags run;  // k6's --vus, --duration, ... (app/run_flags.hpp)
};

void add_live_command(CLI::App& app, LiveFlags& flags);
// --workers when not given: 1 for a segmented run (every process must split the same way),
// else the cores -- less one left to the in-process mock's thread with --mock.
unsigned default_workers(LiveFlags const& flags, unsigned cores);
int run_live_command(LiveFlags const& flags);

}  // namespace loadtwin::app
