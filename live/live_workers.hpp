#pragma once
// `live --workers N`: N segments of one plan on N threads of one process. Each worker is a
// run_live of its own -- its own io_context, AsioScheduler, HttpTransport and TestRun, so
// core stays single-threaded per worker -- started at one instant. The calling thread is
// the coordinator: it owns SIGINT/SIGTERM (a Ctrl-C sets a flag that every worker polls;
// a second one exits at once) and draws the one progress bar from what the workers publish.
// The in-process mock (--mock) is started once and shared by all workers.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "live/live_run.hpp"

namespace loadtwin::live {

struct WorkerHooks {
  // On worker `index`'s thread, before its TestRun starts / after it ended.
  std::function<void(std::size_t index, core::TestRun&)> attach;
  std::function<void(std::size_t index, core::TestRun const&)> finished;
};

struct WorkersResult {
  std::vector<LiveResult> workers;  // by worker index
  std::string error;                // why it could not start (the mock's bind, a bad URL)
  std::string target;               // the base URL driven
  bool interrupted = false;         // a Ctrl-C stopped the workers
};

// Runs `segments[i]` on worker i with `options` (its segment, signals, progress and stop
// fields are set per worker). Every worker starts its clock at options.start_at_ns, or at
// one instant just after all threads exist when that is unset.
WorkersResult run_live_workers(core::Plan const& plan, LiveOptions const& options,
                               std::vector<core::ExecutionTuple> const& segments,
                               WorkerHooks const& hooks);

}  // namespace loadtwin::live
