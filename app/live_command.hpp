#pragma once
// `loadtwin live PLAN (--base-url URL | --mock)`: the plan in real time over real sockets.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "app/outputs.hpp"

namespace loadtwin::app {

struct LiveFlags {
  std::string plan;
  std::uint64_t seed = 1;
  std::vector<std::string> overrides;
  std::string base_url;
  bool mock = false;
  std::string api_key;
  std::string timeout;
  bool compare_sim = false;
  OutputFlags output;
};

void add_live_command(CLI::App& app, LiveFlags& flags);
int run_live_command(LiveFlags const& flags);

}  // namespace loadtwin::app
