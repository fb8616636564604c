#include "app/sweep_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "app/model_flag.hpp"
#include "app/outputs.hpp"
#include "app/progress.hpp"
#include "app/replay.hpp"
#include "app/sweep.hpp"
#include "app/sweep_report.hpp"
#include "core/exit_code.hpp"
#include "core/random.hpp"

namespace loadtwin::app {
namespace {

std::atomic<bool> sweep_interrupted{false};
extern "C" void on_sweep_interrupt(int) { sweep_interrupted = true; }

bool write_text(std::string const& path, std::string const& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

int exit_code(SweepResult const& r, double min_pass) {
  if (r.interrupted) return static_cast<int>(core::ExitCode::interrupted);
  for (auto const& p : r.points) {
    if (p.result.engine_bound) return static_cast<int>(core::ExitCode::engine_bound);
    for (auto const& t : p.result.thresholds) {
      if (t.ci95.first < min_pass) return static_cast<int>(core::ExitCode::thresholds_failed);
    }
  }
  return 0;
}

// Progress over the grid: points done plus the current point's share of its runs (bisection
// steps past the grid hold at 99%).
void watch_sweep(SweepOptions& options, ProgressLine& progress) {
  std::size_t grid_points = 1;
  for (auto const& v : options.varies) grid_points *= v.values().size();
  auto points_done = std::make_shared<std::atomic<std::size_t>>(0);
  auto const runs = options.replication.runs;
  options.on_point = [points_done](std::size_t done) { *points_done = done; };
  options.replication.on_progress = [&progress, points_done, grid_points,
                                     runs](std::uint64_t runs_done) {
    double const done = static_cast<double>(points_done->load()) +
                        static_cast<double>(runs_done) / static_cast<double>(runs);
    progress.update(
        std::min(0.99, done / static_cast<double>(grid_points)),
        fmt::format("point {}/{}", std::min(points_done->load() + 1, grid_points), grid_points));
  };
}

}  // namespace

void add_sweep_command(CLI::App& app, SweepFlags& f) {
  auto* sweep =
      app.add_subcommand("sweep", "What-if grid: replications at every point of --vary ranges");
  sweep->add_option("PLAN", f.plan, "plan file (JSON); omit for models/baseline.json");
  add_model_flag(sweep, f.model);
  sweep->add_option("--vary", f.varies, "PATH=FROM..TO:STEP (repeatable)")->required();
  sweep->add_option("--runs", f.runs, "replications per point (default 100)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{10'000'000}));
  sweep->add_option("--seed", f.seed, "seed; the same seeds at every point (default 1)");
  sweep->add_option("--set", f.overrides, "override a plan field: PATH=VALUE (repeatable)");
  sweep->add_option("--threads", f.threads, "threads (default: every core)");
  sweep->add_option("--csv", f.csv, "write one row per point and threshold to FILE");
  sweep->add_option("--json", f.json, "write the results as JSON to FILE");
  sweep->add_option(
      "--html", f.html,
      "write a self-contained HTML report to FILE (charts; heatmaps with two --vary)");
  sweep->add_flag("--find-boundary", f.find_boundary,
                  "bisect where each threshold's pass probability crosses 50% and --confidence");
  sweep->add_option("--confidence", f.confidence, "second crossing level (default 0.95)")
      ->check(CLI::Range(0.0, 1.0));
  sweep->add_option("--tolerance", f.tolerance,
                    "bisection tolerance in the parameter's unit (ns for durations)");
  sweep
      ->add_option("--min-pass-probability", f.min_pass_probability,
                   "exit 99 when a threshold's lower 95% bound is below this (default 0.95)")
      ->check(CLI::Range(0.0, 1.0));
  sweep->add_flag("-q,--quiet", f.quiet, "print no table");
}

int run_sweep_command(SweepFlags const& f) {
  SweepOptions options;
  options.plan_path = f.plan;
  options.model_path = f.model;
  options.overrides = f.overrides;
  for (auto const& text : f.varies) {
    std::string error;
    auto v = parse_vary(text, error);
    if (!v) return usage_error(error);
    options.varies.push_back(*v);
  }
  if (f.find_boundary && options.varies.size() != 1) {
    return usage_error("--find-boundary takes exactly one --vary");
  }
  std::signal(SIGINT, on_sweep_interrupt);
  std::signal(SIGTERM, on_sweep_interrupt);
  options.replication.seed = f.seed;
  options.replication.runs = f.runs;
  unsigned const cores = std::max(1U, std::thread::hardware_concurrency());
  options.replication.threads = static_cast<unsigned>(
      std::min<std::uint64_t>({f.threads ? f.threads : cores, 4ULL * cores, f.runs}));
  options.replication.sim.seed = f.seed;
  options.replication.stop = &sweep_interrupted;
  options.find_boundary = f.find_boundary;
  options.confidence = f.confidence;
  if (f.tolerance > 0) options.tolerance = f.tolerance;
  ProgressLine progress("sweep", progress_wanted(f.quiet));
  watch_sweep(options, progress);
  auto const result = run_sweep(options);
  progress.finish();
  if (!result.error.empty()) return usage_error(result.error);
  if (!f.quiet) render_sweep_text(result, std::cout);
  bool ok = true;
  if (!f.csv.empty()) ok = write_text(f.csv, render_sweep_csv(result)) && ok;
  if (!f.json.empty()) ok = write_text(f.json, render_sweep_json(result, f.runs, f.seed)) && ok;
  if (!f.html.empty())
    ok = write_text(f.html, render_sweep_html(result, options.varies, f.runs, f.seed)) && ok;
  if (!ok) return usage_error("cannot write a sweep report");
  for (auto const& p : result.points) {  // replay the first failing run of the first failing point
    if (!p.result.first_failing_run) continue;
    auto overrides = f.overrides;
    for (auto const& [k, v] : p.params) overrides.push_back(k + "=" + v);
    std::cout << "  replay the first failing run: "
              << replay_command(f.plan, core::replication_seed(f.seed, *p.result.first_failing_run),
                                overrides, model_words(f.model, {}))
              << "\n";
    break;
  }
  return exit_code(result, f.min_pass_probability);
}

}  // namespace loadtwin::app
