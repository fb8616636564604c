#include "app/live_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "app/compare_sim.hpp"
#include "app/memory_check.hpp"
#include "app/model_flag.hpp"
#include "app/plan_source.hpp"
#include "app/replay.hpp"
#include "core/exit_code.hpp"
#include "core/report/report_text.hpp"
#include "core/run/memory_estimate.hpp"
#include "live/http_transport.hpp"
#include "live/live_run.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::app {
namespace {

// LiveOptions from the flags; the problem (a usage error) otherwise.
std::optional<std::string> live_options(LiveFlags const& f, live::LiveOptions& options) {
  options.seed = f.seed;
  if (!f.base_url.empty()) {
    std::string error;
    if (!live::parse_base_url(f.base_url, error)) return "--base-url: " + error;
    options.base_url = f.base_url;
  }
  char const* env_key = std::getenv("ANTHROPIC_API_KEY");
  options.api_key = !f.api_key.empty() ? f.api_key : env_key ? env_key : "loadtwin";
  if (!f.timeout.empty()) {
    auto const t = core::parse_duration(f.timeout);
    if (!t || t->count() == 0) {
      return "--timeout expects a duration like 2s, got '" + f.timeout + "'";
    }
    options.timeout = *t;
  }
  options.max_trend_samples = f.output.max_trend_samples;
  options.no_data_fail = f.output.no_data == "fail";
  options.progress = f.output.quiet               ? live::LiveOptions::Progress::none
                     : isatty(STDERR_FILENO) != 0 ? live::LiveOptions::Progress::terminal
                                                  : live::LiveOptions::Progress::lines;
  return std::nullopt;
}

// The twin check after the run: 99 when the twin differs and the run itself passed.
int compare_after(LiveFlags const& f, core::Plan plan, live::LiveOptions const& options,
                  core::Summary const& live, RecordCollector const& records, int code) {
  auto const tolerance = parse_twin_tolerance(f.twin_tolerance);
  if (options.timeout) plan.timeout = *options.timeout;  // sim plays the same timeout
  bool const holds = compare_with_sim(plan, f.seed, live, records.records, *tolerance, std::cout);
  return !holds && code == 0 ? static_cast<int>(core::ExitCode::thresholds_failed) : code;
}

}  // namespace

void add_live_command(CLI::App& app, LiveFlags& f) {
  auto* live = app.add_subcommand("live", "Run PLAN in real time against a Messages-API server");
  live->add_option("PLAN", f.plan, "plan file (JSON); omit for models/baseline.json");
  add_model_flag(live, f.model);
  live->add_option("--seed", f.seed, "seed (sent to the server as draw keys; default 1)");
  live->add_option("--set", f.overrides, "override a plan field: PATH=VALUE (repeatable)");
  auto* url =
      live->add_option("--base-url", f.base_url, "server to drive, http://HOST:PORT[/prefix]");
  live->add_flag("--mock", f.mock, "start the mock in-process on a free port and drive it")
      ->excludes(url);
  live->add_option("--api-key", f.api_key, "x-api-key (default: $ANTHROPIC_API_KEY)");
  live->add_option("--timeout", f.timeout,
                   "per-request timeout, a duration (default options.timeout, 60s)");
  live->add_flag("--compare-sim", f.compare_sim,
                 "afterwards, run the plan in sim and say whether the twin holds, request by "
                 "request (exit 99 when it differs)");
  live->add_option("--twin-tolerance", f.twin_tolerance,
                   "with --compare-sim: event error allowed at p99 and at most (default 2ms,5ms)");
  add_output_flags(live, f.output);
  add_run_flags(live, f.run);
}

int run_live_command(LiveFlags const& f) {
  if (f.base_url.empty() && !f.mock) return usage_error("live needs --base-url URL or --mock");
  if (!parse_twin_tolerance(f.twin_tolerance)) {
    return usage_error("--twin-tolerance expects P99[,MAX] durations like 2ms,5ms, got '" +
                       f.twin_tolerance + "'");
  }
  if (auto error = no_summary_conflict(f.run, f.output)) return usage_error(*error);
  RunOutputs outputs;
  if (auto error = check_output_flags(f.output, outputs)) return usage_error(*error);
  auto loaded = load_plan(f.plan, f.overrides, core::PlanUse::run,
                          model_edit(f.model, run_flags_edit(f.run)));
  if (!loaded.plan) return usage_error(loaded.error);
  if (auto refusal = memory_refusal(*loaded.plan, core::live_bytes_per_vu)) {
    return usage_error(*refusal);
  }
  live::LiveOptions options;
  if (auto error = live_options(f, options)) return usage_error(*error);
  RecordCollector records;
  if (f.compare_sim) outputs.add_record_observer(&records);
  std::optional<std::string> attach_error;
  auto result = live::run_live(*loaded.plan, options, [&](core::TestRun& run) {
    auto const wall = std::chrono::system_clock::now().time_since_epoch();
    attach_error =
        outputs.attach(run, *loaded.plan, RunIdentity{.mode = "live"},
                       std::chrono::duration_cast<std::chrono::nanoseconds>(wall).count());
  });
  if (attach_error) return usage_error(*attach_error);
  if (!result.summary) {
    std::cerr << "loadtwin live: " << result.error << "\n";
    return 1;  // flags were validated above: this is a runtime failure (e.g. the mock's bind)
  }
  int const code = finish_run(
      *result.summary, with_no_summary(f.output, f.run), outputs, "live → " + result.target,
      replay_command(f.plan, f.seed, f.overrides, model_words(f.model, run_flag_words(f.run))));
  if (!f.compare_sim) return code;
  return compare_after(f, *loaded.plan, options, *result.summary, records, code);
}

}  // namespace loadtwin::app
