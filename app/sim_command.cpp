#include "app/sim_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

#include "app/memory_check.hpp"
#include "app/model_flag.hpp"
#include "app/plan_source.hpp"
#include "app/progress.hpp"
#include "app/replay.hpp"
#include "app/runs_report.hpp"
#include "app/start_at.hpp"
#include "core/report/part_io.hpp"
#include "core/plan/scenario_outline.hpp"
#include "core/random.hpp"
#include "core/run/memory_estimate.hpp"
#include "sim/replications.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::app {

void add_sim_command(CLI::App& app, SimFlags& f) {
  auto* sim =
      app.add_subcommand("sim", "Run PLAN on the virtual clock (default: the embedded baseline)");
  sim->add_option("PLAN", f.plan, "plan file (JSON); omit for models/baseline.json");
  add_model_flag(sim, f.model);
  sim->add_option("--seed", f.seed, "seed of every random draw (default 1)");
  sim->add_option("--set", f.overrides, "override a plan field: PATH=VALUE (repeatable)");
  sim->add_option("--max-events", f.max_events, "engine bound: simulated events (default 2e9)");
  sim->add_option("--runs", f.runs, "seeded replications: pass probability of each threshold")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000}));
  sim->add_option("--threads", f.threads, "threads for --runs (default: every core)");
  sim->add_option("--json", f.json, "with --runs: write the results as JSON to FILE");
  sim->add_option("--min-pass-probability", f.min_pass_probability,
                  "with --runs: exit 99 when a threshold's lower 95% bound is below this (0.95)")
      ->check(CLI::Range(0.0, 1.0));
  add_output_flags(sim, f.output);
  add_segment_flags(sim, f.segment);
  add_start_at_flag(sim, f.start_at);
  add_run_flags(sim, f.run);
}

namespace {

std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) { interrupted = true; }

// Flags besides the plan, seed and --set that a replay needs: engine bounds and the segment.
std::vector<std::string> bound_flags(SimFlags const& f) {
  std::vector<std::string> bounds = segment_replay_flags(f.segment);
  if (!f.model.empty()) bounds.insert(bounds.end(), {"--model", f.model});
  if (f.max_events != 0)
    bounds.insert(bounds.end(), {"--max-events", std::to_string(f.max_events)});
  if (f.output.max_trend_samples != 100'000'000) {
    bounds.insert(bounds.end(),
                  {"--max-trend-samples", std::to_string(f.output.max_trend_samples)});
  }
  return bounds;
}

// What the replay line carries besides plan, seed and --set: engine bounds, k6 run flags.
std::vector<std::string> replay_flags(SimFlags const& f) {
  auto words = bound_flags(f);
  auto const run_words = run_flag_words(f.run);
  words.insert(words.end(), run_words.begin(), run_words.end());
  return words;
}

// More threads than cores or runs only costs memory (each holds a whole simulation), and a
// huge --threads must not exhaust the process: clamped to both.
unsigned replication_threads(SimFlags const& f) {
  unsigned const cores = std::max(1U, std::thread::hardware_concurrency());
  std::uint64_t const wanted = f.threads ? f.threads : cores;
  return static_cast<unsigned>(std::min<std::uint64_t>({wanted, 4ULL * cores, f.runs}));
}

// `sim --runs N`: replications on every core; Ctrl-C stops starting runs and reports the
// completed ones (exit 105).
int run_replications_command(SimFlags const& f, core::Plan const& plan,
                             core::ExecutionTuple const& segment) {
  if (!f.output.summary_export.empty() || !f.output.outs.empty() || !f.output.junit.empty() ||
      !f.output.html.empty()) {
    return usage_error(
        "--summary-export, --out, --junit and --html describe one run: with --runs use --json");
  }
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  sim::ReplicationOptions options;
  options.seed = f.seed;
  options.runs = f.runs;
  options.threads = replication_threads(f);
  options.sim = {f.seed, f.output.max_trend_samples,
                 f.max_events ? f.max_events : sim::default_events_max, f.output.no_data == "fail",
                 segment};
  options.stop = &interrupted;
  ProgressLine progress("runs", progress_wanted(f.output.quiet));
  options.on_progress = [&progress, total = f.runs](std::uint64_t done) {
    progress.update(static_cast<double>(done) / static_cast<double>(total),
                    fmt::format("{}/{} runs", done, total));
  };
  auto const result = sim::run_replications(plan, options);
  progress.finish();
  if (!f.json.empty()) {
    std::ofstream out(f.json, std::ios::binary | std::ios::trunc);
    out << render_runs_json(result, f.seed);
    if (!out.flush()) return usage_error(f.json + ": cannot write");
  }
  if (!f.output.quiet) render_runs_text(result, f.seed, f.min_pass_probability, std::cout);
  int const code = runs_exit_code(result, f.min_pass_probability, interrupted.load());
  if (result.first_failing_run) {
    std::cout << "\n  replay the first failing run (k = " << *result.first_failing_run << "): "
              << replay_command(f.plan, core::replication_seed(f.seed, *result.first_failing_run),
                                f.overrides, replay_flags(f))
              << "\n\n";
  }
  return code;
}

}  // namespace

int run_sim_command(SimFlags const& f) {
  std::string segment_error;
  auto const segment = segment_from_flags(f.segment, segment_error);
  if (!segment) return usage_error(segment_error);
  if (auto error = no_summary_conflict(f.run, f.output)) return usage_error(*error);
  RunOutputs outputs;
  if (auto error = check_output_flags(f.output, outputs)) return usage_error(*error);
  auto loaded = load_plan(f.plan, f.overrides, core::PlanUse::run,
                          model_edit(f.model, run_flags_edit(f.run)));
  if (!loaded.plan) return usage_error(loaded.error);
  bool const replications = f.runs > 1 || !f.json.empty();
  if (auto refusal = memory_refusal(*loaded.plan, core::sim_bytes_per_vu(),
                                    replications ? replication_threads(f) : 1)) {
    return usage_error(*refusal);
  }
  if (replications) return run_replications_command(f, *loaded.plan, *segment);
  std::optional<std::int64_t> start_at;
  if (!f.start_at.empty()) {
    std::string error;
    start_at = parse_start_at(f.start_at, wall_clock_ns(), error);
    if (!start_at) return usage_error(error);
  }
  sim::SimOptions options{f.seed, f.output.max_trend_samples,
                          f.max_events ? f.max_events : sim::default_events_max,
                          f.output.no_data == "fail", *segment};
  ProgressLine progress("sim", progress_wanted(f.output.quiet));
  auto const total = core::plan_max_duration(*loaded.plan);
  options.on_progress = [&progress, total](core::Duration reached) {
    progress.update(
        total.count() > 0 ? core::to_ms(reached) / core::to_ms(total) : 0,
        fmt::format("virtual {} of {}",
                    core::format_duration(std::chrono::floor<std::chrono::seconds>(reached)),
                    core::format_duration(total)));
  };
  std::optional<std::string> attach_error;
  RunIdentity const identity{.mode = "sim",
                             .dialect = "anthropic",
                             .segment = to_string(segment->segment()),
                             .sequence = to_string(segment->sequence())};
  std::optional<core::Part> part;
  auto result = sim::run_sim(
      *loaded.plan, options,
      [&](core::TestRun& run) {
        attach_error = outputs.attach(run, *loaded.plan, identity, std::nullopt);
      },
      [&](core::TestRun const& run) {
        if (outputs.part_path().empty()) return;
        // sim starts on the barrier's instant: the offset is 0 by construction.
        std::int64_t const start = start_at.value_or(outputs.start_ns());
        core::PartIdentity const part_identity{
            *segment, "sim", "anthropic", start_at, start, "",
            outputs.records_header(run.seed(), *loaded.plan, identity, start),
            outputs.wants_records() ? std::optional(outputs.records_path()) : std::nullopt};
        part = core::make_part(run, *loaded.plan, part_identity);
      });
  progress.finish();
  if (attach_error) return usage_error(*attach_error);
  if (part) {
    part->runs.front().stop_message = result.summary.stop_message;
    std::string error;
    if (!core::write_part_file(outputs.part_path(), *part, error)) return usage_error(error);
  }
  return finish_run(result.summary, with_no_summary(f.output, f.run), outputs, "sim",
                    replay_command(f.plan, f.seed, f.overrides, replay_flags(f)));
}

}  // namespace loadtwin::app
