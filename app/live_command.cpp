#include "app/live_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "app/model_flag.hpp"
#include "app/plan_source.hpp"
#include "app/replay.hpp"
#include "core/report/report_text.hpp"
#include "live/http_transport.hpp"
#include "live/live_run.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::app {
namespace {

double stat_of(core::MetricSummary const& m, std::string const& stat) {
  for (auto const& [k, v] : m.trend) {
    if (k == stat) return v;
  }
  return 0;
}

// Metric by metric, live vs sim percentiles side by side.
void print_comparison(core::Summary const& live, core::Summary const& sim) {
  std::cout << "\n  LIVE vs SIM (same plan, seed " << live.seed << ")\n";
  std::cout << fmt::format("    {:<44} {:>8} {:>12} {:>12}\n", "metric", "stat", "live", "sim");
  for (auto const& l : live.metrics) {
    if (l.type != core::MetricType::trend || !l.is_time) continue;
    for (auto const& s : sim.metrics) {
      if (s.name != l.name) continue;
      for (auto const& [stat, value] : l.trend) {
        std::cout << fmt::format("    {:<44} {:>8} {:>12} {:>12}\n", l.name, stat,
                                 core::humanize_ms(value), core::humanize_ms(stat_of(s, stat)));
      }
    }
  }
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
                 "afterwards, run the plan in sim and compare percentiles");
  add_output_flags(live, f.output);
  add_run_flags(live, f.run);
}

int run_live_command(LiveFlags const& f) {
  if (f.base_url.empty() && !f.mock) return usage_error("live needs --base-url URL or --mock");
  if (auto error = no_summary_conflict(f.run, f.output)) return usage_error(*error);
  RunOutputs outputs;
  if (auto error = check_output_flags(f.output, outputs)) return usage_error(*error);
  auto loaded =
      load_plan(f.plan, f.overrides, core::PlanUse::run, model_edit(f.model, run_flags_edit(f.run)));
  if (!loaded.plan) return usage_error(loaded.error);
  live::LiveOptions options;
  options.seed = f.seed;
  if (!f.base_url.empty()) {
    std::string error;
    if (!live::parse_base_url(f.base_url, error)) return usage_error("--base-url: " + error);
    options.base_url = f.base_url;
  }
  char const* env_key = std::getenv("ANTHROPIC_API_KEY");
  options.api_key = !f.api_key.empty() ? f.api_key : env_key ? env_key : "loadtwin";
  if (!f.timeout.empty()) {
    auto const t = core::parse_duration(f.timeout);
    if (!t || t->count() == 0)
      return usage_error("--timeout expects a duration like 2s, got '" + f.timeout + "'");
    options.timeout = *t;
  }
  options.max_trend_samples = f.output.max_trend_samples;
  options.no_data_fail = f.output.no_data == "fail";
  options.progress = f.output.quiet               ? live::LiveOptions::Progress::none
                     : isatty(STDERR_FILENO) != 0 ? live::LiveOptions::Progress::terminal
                                                  : live::LiveOptions::Progress::lines;
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
  int const code =
      finish_run(*result.summary, with_no_summary(f.output, f.run), outputs,
                 "live → " + result.target,
                 replay_command(f.plan, f.seed, f.overrides, model_words(f.model, run_flag_words(f.run))));
  if (f.compare_sim) {
    auto const sim = sim::run_sim(*loaded.plan, {.seed = f.seed});
    print_comparison(*result.summary, sim.summary);
  }
  return code;
}

}  // namespace loadtwin::app
