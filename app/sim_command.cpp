#include "app/sim_command.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "app/plan_source.hpp"
#include "app/replay.hpp"
#include "core/exit_code.hpp"
#include "core/report_json.hpp"
#include "core/report_junit.hpp"
#include "core/report_text.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::app {
namespace {

int fail(std::string const& message) {
  std::cerr << "loadtwin: " << message << (message.ends_with('\n') ? "" : "\n");
  return static_cast<int>(core::ExitCode::invalid_plan);
}

bool write_file(std::string const& path, std::string const& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

}  // namespace

void add_sim_command(CLI::App& app, SimFlags& f) {
  auto* sim =
      app.add_subcommand("sim", "Run PLAN on the virtual clock (default: the embedded baseline)");
  sim->add_option("PLAN", f.plan, "plan file (JSON); omit for models/baseline.json");
  sim->add_option("--seed", f.seed, "seed of every random draw (default 1)");
  sim->add_option("--set", f.overrides, "override a plan field: PATH=VALUE (repeatable)");
  sim->add_option("--summary-export", f.summary_export, "write k6's summary-export JSON to FILE");
  sim->add_option("--out", f.outs, "json=FILE: k6-style NDJSON samples");
  sim->add_option("--junit", f.junit, "write JUnit XML, one testcase per threshold, to FILE");
  sim->add_option("--no-data", f.no_data, "thresholds on metrics with no samples: pass|fail")
      ->check(CLI::IsMember({"pass", "fail"}));
  sim->add_option("--start-time", f.start_time,
                  "NDJSON time origin, RFC 3339 (default 1970-01-01T00:00:00Z)");
  sim->add_option("--max-trend-samples", f.max_trend_samples,
                  "engine bound: samples per trend sink (default 100000000)");
  sim->add_option("--max-events", f.max_events, "engine bound: simulated events (default 2e9)");
  sim->add_flag("--quiet", f.quiet, "print no summary");
  sim->add_flag("--no-color", f.no_color, "no ANSI colours");
}

int run_sim_command(SimFlags const& f) {
  std::string ndjson_path;
  for (auto const& out : f.outs) {
    if (!out.starts_with("json=") || out.size() == 5) {
      return fail("--out expects json=FILE, got '" + out + "'");
    }
    ndjson_path = out.substr(5);
  }
  std::int64_t start_ns = 0;
  if (!f.start_time.empty()) {
    auto parsed = core::parse_rfc3339(f.start_time);
    if (!parsed) return fail("--start-time expects RFC 3339 like 2024-01-02T03:04:05Z");
    start_ns = *parsed;
  }
  auto loaded = load_plan(f.plan, f.overrides);
  if (!loaded.plan) return fail(loaded.error);
  std::ofstream ndjson;
  std::unique_ptr<core::NdjsonWriter> writer;
  if (!ndjson_path.empty()) {
    ndjson.open(ndjson_path, std::ios::binary | std::ios::trunc);
    if (!ndjson) return fail(ndjson_path + ": cannot open for writing");
  }
  sim::SimOptions options{f.seed, f.max_trend_samples,
                          f.max_events ? f.max_events : sim::default_events_max,
                          f.no_data == "fail"};
  auto result = sim::run_sim(*loaded.plan, options, [&](core::TestRun& run) {
    if (!ndjson_path.empty()) {
      writer = std::make_unique<core::NdjsonWriter>(ndjson, run.thresholds(), start_ns);
      run.metrics().set_observer(writer.get());
    }
  });
  auto const code = core::exit_code(result.summary);
  core::TextStyle style{!f.no_color && isatty(STDOUT_FILENO) != 0, "sim", ""};
  std::vector<std::string> bounds;
  if (f.max_events != 0)
    bounds.insert(bounds.end(), {"--max-events", std::to_string(f.max_events)});
  if (f.max_trend_samples != 100'000'000) {
    bounds.insert(bounds.end(), {"--max-trend-samples", std::to_string(f.max_trend_samples)});
  }
  if (code != core::ExitCode::ok)
    style.replay = replay_command(f.plan, f.seed, f.overrides, bounds);
  if (!f.quiet) core::render_text(result.summary, style, std::cout);
  std::cout.flush();
  if (ndjson_path.size() && !ndjson.flush()) return fail(ndjson_path + ": write failed");
  if (!f.summary_export.empty() &&
      !write_file(f.summary_export, core::render_summary_export(result.summary))) {
    return fail(f.summary_export + ": cannot write the summary export");
  }
  if (!f.junit.empty() && !write_file(f.junit, core::render_junit(result.summary))) {
    return fail(f.junit + ": cannot write the JUnit report");
  }
  if (code != core::ExitCode::ok && f.quiet) std::cerr << "replay: " << style.replay << "\n";
  for (auto const& v : result.summary.verdicts) {
    if (!v.passed) {
      std::cerr << "✗ " << v.key << " " << v.source << " — observed "
                << core::describe_observed(v, result.summary.time_unit) << "\n";
    }
  }
  return static_cast<int>(code);
}

}  // namespace loadtwin::app
