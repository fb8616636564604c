#pragma once
// run_live: one run of a plan in real time -- the same TestRun, executors, VUs, recorder and
// thresholds as sim, on AsioScheduler + HttpTransport instead of Simulator + SimServer.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/plan/plan.hpp"
#include "core/report/summary.hpp"
#include "core/run/run.hpp"

namespace loadtwin::live {

struct LiveOptions {
  std::uint64_t seed = 1;
  std::optional<std::string> base_url;  // nullopt: start the mock in-process on a free port
  std::string api_key;
  std::optional<core::Duration> timeout;  // overrides options.timeout
  std::uint64_t max_trend_samples = 100'000'000;
  bool no_data_fail = true;  // SPEC "No data": a threshold with no samples fails
  enum class Progress { none, lines, terminal } progress = Progress::none;
  bool handle_signals = true;  // SIGINT/SIGTERM: stop, keep the partial summary (exit 105)
};

struct LiveResult {
  std::optional<core::Summary> summary;  // empty when the run could not start
  std::string error;                     // why it could not start (bad URL, mock bind...)
  std::string target;                    // the base URL driven
};

LiveResult run_live(core::Plan const& plan, LiveOptions const& options,
                    std::function<void(core::TestRun&)> const& attach = {});

// The plan's nominal length: max over scenarios of startTime + duration (stages, maxDuration).
core::Duration nominal_duration(core::Plan const& plan);

}  // namespace loadtwin::live
