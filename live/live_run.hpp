#pragma once
// run_live: one run of a plan in real time -- the same TestRun, executors, VUs, recorder and
// thresholds as sim, on AsioScheduler + HttpTransport instead of Simulator + SimServer.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/plan/plan.hpp"
#include "core/report/summary.hpp"
#include "core/run/run.hpp"
#include "live/tls_options.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace loadtwin::live {

// What one worker of live --workers publishes for the coordinator's progress bar.
struct Published {
  std::atomic<std::int64_t> elapsed_ns{0};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> errors{0};
  std::atomic<bool> finished{false};
};

struct LiveOptions {
  std::uint64_t seed = 1;
  std::optional<std::string> base_url;  // nullopt: start the mock in-process on a free port
  std::string api_key;
  std::string dialect = "anthropic";  // wire::find_client_dialect name
  TlsClientOptions tls;
  core::HeaderList headers;               // sent on every request (target.headers, --header)
  bool send_draw_key = true;              // loadtwin-draw-key: loopback targets only
  std::optional<core::Duration> timeout;  // overrides options.timeout
  std::uint64_t max_trend_samples = 100'000'000;
  bool no_data_fail = true;  // SPEC "No data": a threshold with no samples fails
  enum class Progress { none, lines, terminal } progress = Progress::none;
  bool handle_signals = true;      // SIGINT/SIGTERM: stop, keep the partial summary (exit 105)
  core::ExecutionTuple segment{};  // the share of the plan to run (--segment)
  std::optional<std::int64_t> start_at_ns;   // wall clock (ns since epoch) to start at
  std::atomic<bool> const* stop = nullptr;   // set by another thread: stop as Ctrl-C does
  Published* publish = nullptr;              // live --workers: progress for the one bar
  std::optional<core::BudgetConfig> budget;  // enforced during the run (exit 108)
};

struct LiveResult {
  std::optional<core::Summary> summary;  // empty when the run could not start
  std::string error;                     // why it could not start (bad URL, mock bind...)
  std::string target;                    // the base URL driven
};

// `attach` runs before the TestRun starts; `finished` after it ended, before it is destroyed.
LiveResult run_live(core::Plan const& plan, LiveOptions const& options,
                    std::function<void(core::TestRun&)> const& attach = {},
                    std::function<void(core::TestRun const&)> const& finished = {});

// Waits until the wall clock reads `start_ns` (--start-at), returning early once `stopped`
// says so; with `ioc`, runs its handlers (signals) while it waits. Wakes within about 0.1 ms
// of the instant: the last 2 ms are spent polling.
void wait_for_start(std::int64_t start_ns, std::function<bool()> const& stopped,
                    boost::asio::io_context* ioc = nullptr);

// The plan's nominal length: max over scenarios of startTime + duration (stages, maxDuration).
core::Duration nominal_duration(core::Plan const& plan);

}  // namespace loadtwin::live
