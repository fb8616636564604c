#include "app/live_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "app/compare_sim.hpp"
#include "app/memory_check.hpp"
#include "app/model_flag.hpp"
#include "app/plan_source.hpp"
#include "app/replay.hpp"
#include "app/start_at.hpp"
#include "app/worker_outputs.hpp"
#include "core/exit_code.hpp"
#include "core/report/part_io.hpp"
#include "core/report/part_merge.hpp"
#include "core/report/report_text.hpp"
#include "core/run/memory_estimate.hpp"
#include "core/run/segment_split.hpp"
#include "live/http_transport.hpp"
#include "live/live_run.hpp"
#include "live/live_workers.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::app {
namespace {

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
  auto* url = live->add_option("--base-url", f.base_url,
                               "server to drive, http(s)://HOST[:PORT][/prefix] (default "
                               "target.base_url; a non-loopback host needs --allow-remote)");
  live->add_flag("--mock", f.mock, "start the mock in-process on a free port and drive it")
      ->excludes(url);
  add_target_flags(live, f.target);
  live->add_option("--timeout", f.timeout,
                   "per-request timeout, a duration (default options.timeout, 60s)");
  live->add_flag("--compare-sim", f.compare_sim,
                 "afterwards, run the plan in sim and say whether the twin holds, request by "
                 "request (exit 99 when it differs; one unsegmented worker)");
  live->add_option("--twin-tolerance", f.twin_tolerance,
                   "with --compare-sim: event error allowed at p99 and at most (default 2ms,5ms)");
  live->add_option("--workers", f.workers,
                   "threads, each running one segment of the plan, merged in memory (default: "
                   "the cores, less one with --mock; 1 with --segment or --compare-sim)")
      ->check(CLI::Range(1U, 1024U));
  add_output_flags(live, f.output);
  add_segment_flags(live, f.segment);
  add_start_at_flag(live, f.start_at);
  add_run_flags(live, f.run);
}

unsigned default_workers(LiveFlags const& f, unsigned cores) {
  bool const segmented = !f.segment.segment.empty() || !f.segment.execution_segment.empty();
  if (segmented || f.compare_sim) return 1;
  cores = std::max(1U, cores);
  return f.mock ? std::max(1U, cores - 1) : cores;
}

namespace {

// Everything but the segment, start and progress: validated flags as run_live's options.
std::optional<live::LiveOptions> live_options(LiveFlags const& f, ResolvedTarget const& target,
                                              std::string& error) {
  live::LiveOptions options;
  options.seed = f.seed;
  if (!target.base_url.empty()) {
    if (!live::parse_base_url(target.base_url, error)) {
      error = "--base-url: " + error;
      return std::nullopt;
    }
    options.base_url = target.base_url;
  }
  options.api_key = target.api_key;
  options.dialect = target.dialect;
  options.headers = target.headers;
  options.tls = target.tls;
  options.send_draw_key = !target.remote;  // SPEC: the draw key goes to loopback only
  options.budget = target.budget;
  if (!f.timeout.empty()) {
    auto const t = core::parse_duration(f.timeout);
    if (!t || t->count() == 0) {
      error = "--timeout expects a duration like 2s, got '" + f.timeout + "'";
      return std::nullopt;
    }
    options.timeout = *t;
  }
  options.max_trend_samples = f.output.max_trend_samples;
  options.no_data_fail = f.output.no_data == "fail";
  options.progress = f.output.quiet               ? live::LiveOptions::Progress::none
                     : isatty(STDERR_FILENO) != 0 ? live::LiveOptions::Progress::terminal
                                                  : live::LiveOptions::Progress::lines;
  return options;
}

// What one live command runs: the plan, its share, its start, its outputs.
struct LiveRun {
  LiveFlags const& flags;
  core::Plan const& plan;
  live::LiveOptions options;
  core::ExecutionTuple segment;
  RunOutputs& outputs;
  RunIdentity identity;
  std::vector<std::string> notices{};  // the target's (remote host, --insecure)
  std::vector<std::string> secrets{};  // never printed: the API key
  RecordCollector records{};           // --compare-sim: the run's records (one worker only)
};

std::vector<std::string> live_replay_words(LiveFlags const& f) {
  auto words = segment_replay_flags(f.segment);
  auto const run_words = run_flag_words(f.run);
  words.insert(words.end(), run_words.begin(), run_words.end());
  return model_words(f.model, std::move(words));
}

int finish_live(LiveRun const& r, core::Summary const& summary, std::string const& target,
                std::optional<core::Part> const& part) {
  if (part) {
    std::string error;
    if (!core::write_part_file(r.outputs.part_path(), *part, error)) return usage_error(error);
  }
  auto const& f = r.flags;
  core::Summary shown = summary;
  shown.notices.insert(shown.notices.begin(), r.notices.begin(), r.notices.end());
  for (auto& notice : shown.notices) notice = redact(notice, r.secrets);
  shown.stop_message = redact(shown.stop_message, r.secrets);
  int const code =
      finish_run(shown, with_no_summary(f.output, f.run), r.outputs, "live → " + target,
                 replay_command(f.plan, f.seed, f.overrides, live_replay_words(f)));
  if (!f.compare_sim) return code;
  return compare_after(f, r.plan, r.options, summary, r.records, code);
}

core::PartIdentity part_identity(LiveRun const& r, core::ExecutionTuple const& segment,
                                 std::int64_t actual_ns, std::uint64_t seed) {
  return core::PartIdentity{
      segment, "live", r.identity.dialect, r.options.start_at_ns, actual_ns, "",
      // the records file's own header: its offsets count from the actual start
      r.outputs.records_header(seed, r.plan, r.identity, actual_ns),
      r.outputs.wants_records() ? std::optional(r.outputs.records_path()) : std::nullopt};
}

// One worker on this thread: run_live as before, plus the part.
int run_single(LiveRun& r) {
  if (r.flags.compare_sim) r.outputs.add_record_observer(&r.records);
  std::optional<std::string> attach_error;
  std::int64_t actual_ns = 0;
  std::optional<core::Part> part;
  auto result = live::run_live(
      r.plan, r.options,
      [&](core::TestRun& run) {
        actual_ns = wall_clock_ns();
        attach_error = r.outputs.attach(run, r.plan, r.identity, actual_ns);
      },
      [&](core::TestRun const& run) {
        if (r.outputs.part_path().empty()) return;
        part = core::make_part(run, r.plan, part_identity(r, r.segment, actual_ns, run.seed()));
      });
  if (attach_error) return usage_error(*attach_error);
  if (!result.summary) {
    std::cerr << "loadtwin live: " << result.error << "\n";
    return 1;  // flags were validated above: this is a runtime failure (e.g. the mock's bind)
  }
  if (part) part->runs.front().stop_message = result.summary->stop_message;
  return finish_live(r, *result.summary, result.target, part);
}

// N workers on N threads, merged in memory with merge's code.
int run_workers(LiveRun& r, std::vector<core::ExecutionTuple> const& segments) {
  // The workers start at one instant: --start-at, or just after their threads exist.
  if (!r.options.start_at_ns) r.options.start_at_ns = wall_clock_ns() + 50'000'000;
  std::int64_t const start = *r.options.start_at_ns;
  WorkerOutputs shared;
  if (auto problem =
          shared.open(r.outputs, r.plan,
                      r.outputs.records_header(r.flags.seed, r.plan, r.identity, start), start)) {
    return usage_error(*problem);
  }
  std::vector<std::optional<core::Part>> parts(segments.size());
  std::vector<std::int64_t> actual(segments.size());
  live::WorkerHooks hooks;
  hooks.attach = [&](std::size_t i, core::TestRun& run) {
    actual[i] = wall_clock_ns();
    shared.attach(run);
  };
  hooks.finished = [&](std::size_t i, core::TestRun const& run) {
    parts[i] = core::make_part(run, r.plan, part_identity(r, segments[i], actual[i], run.seed()));
  };
  auto const result = live::run_live_workers(r.plan, r.options, segments, hooks);
  if (auto problem = shared.finish()) return usage_error(*problem);
  if (r.outputs.wants_series()) r.outputs.adopt_series(shared.merged_series());
  std::vector<core::Part const*> merged_from;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!result.error.empty() || !result.workers[i].summary || !parts[i]) {
      std::cerr << "loadtwin live: "
                << (result.error.empty() ? result.workers[i].error : result.error) << "\n";
      return 1;
    }
    parts[i]->runs.front().stop_message = result.workers[i].summary->stop_message;
    merged_from.push_back(&*parts[i]);
  }
  core::Part merged = core::merge_parts(merged_from, r.plan);
  merged.sequence = to_string(segments.front().sequence());
  merged.records_header = r.outputs.records_header(r.flags.seed, r.plan, r.identity, start);
  if (r.outputs.wants_records()) merged.records_path = r.outputs.records_path();
  core::PartRun const run(merged, r.plan);
  auto summary = run.summarize(r.options.no_data_fail);
  for (auto const& worker : result.workers) {  // first failures, rate limits: once each
    for (auto const& notice : worker.summary->notices) {
      if (std::find(summary.notices.begin(), summary.notices.end(), notice) ==
          summary.notices.end()) {
        summary.notices.push_back(notice);
      }
    }
  }
  return finish_live(r, summary, result.target,
                     r.outputs.part_path().empty() ? std::nullopt : std::optional(merged));
}

// The flags only live has, checked before anything runs; the problem otherwise.
std::optional<std::string> live_flag_problem(LiveFlags const& f) {
  if (!parse_twin_tolerance(f.twin_tolerance)) {
    return "--twin-tolerance expects P99[,MAX] durations like 2ms,5ms, got '" + f.twin_tolerance +
           "'";
  }
  bool const segmented = !f.segment.segment.empty() || !f.segment.execution_segment.empty();
  if (f.compare_sim && (segmented || f.workers > 1)) {
    return "--compare-sim compares one unsegmented run: it takes no --segment and no "
           "--workers above 1";
  }
  return no_summary_conflict(f.run, f.output);
}

}  // namespace

int run_live_command(LiveFlags const& f) {
  if (auto problem = live_flag_problem(f)) return usage_error(*problem);
  std::string error;
  auto const segment = segment_from_flags(f.segment, error);
  if (!segment) return usage_error(error);
  std::optional<std::int64_t> start_at;
  if (!f.start_at.empty() && !(start_at = parse_start_at(f.start_at, wall_clock_ns(), error))) {
    return usage_error(error);
  }
  if (start_at) {
    if (auto late = past_start_warning(*start_at, wall_clock_ns()); !late.empty()) {
      std::cerr << "loadtwin live: warning: " << late << "\n";
    }
  }
  unsigned const workers =
      f.workers ? f.workers : default_workers(f, std::thread::hardware_concurrency());
  auto segments = core::split_segment(*segment, workers, error);
  if (!segments) return usage_error("--workers " + std::to_string(workers) + ": " + error);
  RunOutputs outputs;
  if (auto problem = check_output_flags(f.output, outputs)) return usage_error(*problem);
  auto loaded = load_plan(f.plan, f.overrides, core::PlanUse::run,
                          model_edit(f.model, run_flags_edit(f.run)));
  if (!loaded.plan) return usage_error(loaded.error);
  if (auto refusal = memory_refusal(*loaded.plan, core::live_bytes_per_vu)) {
    return usage_error(*refusal);
  }
  auto const target = resolve_target(f.target, f.base_url, f.mock, *loaded.plan, error);
  if (!target) return usage_error(error);
  if (target->remote) {
    if (auto refusal = budget_preflight(*loaded.plan, f.seed, f.target, std::cout)) {
      return usage_error(*refusal);
    }
  }
  auto options = live_options(f, *target, error);
  if (!options) return usage_error(error);
  bool const https = options->base_url && options->base_url->starts_with("https://");
  if (auto problem = live::check_tls_options(options->tls); https && !problem.empty()) {
    return usage_error(problem);
  }
  options->segment = *segment;
  options->start_at_ns = start_at;
  LiveRun run{f,
              *loaded.plan,
              *options,
              *segment,
              outputs,
              RunIdentity{.mode = "live",
                          .segment = to_string(segment->segment()),
                          .sequence = to_string(segment->sequence())},
              target->notices,
              {target->api_key}};
  if (workers == 1) return run_single(run);
  return run_workers(run, *segments);
}

}  // namespace loadtwin::app
