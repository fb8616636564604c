#include "app/outputs.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <vector>

#include "core/exit_code.hpp"
#include "core/report/report_html.hpp"
#include "core/report/report_junit.hpp"

namespace loadtwin::app {
namespace {

bool write_file(std::string const& path, std::string const& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

}  // namespace

int usage_error(std::string const& message) {
  std::cerr << "loadtwin: " << message << (message.ends_with('\n') ? "" : "\n");
  return static_cast<int>(core::ExitCode::invalid_plan);
}

void add_output_flags(CLI::App* cmd, OutputFlags& f) {
  cmd->add_option("--summary-export", f.summary_export, "write k6's summary-export JSON to FILE");
  cmd->add_option("--out", f.outs,
                  "json=FILE: k6-style NDJSON samples; requests=FILE: per-request records "
                  "(gzip when FILE ends in .gz); part=FILE: this run's part for loadtwin "
                  "merge (with --segment); repeatable");
  cmd->add_option("--junit", f.junit, "write JUnit XML, one testcase per threshold, to FILE");
  cmd->add_option("--html", f.html,
                  "write a self-contained HTML report (thresholds, time series, TTFT "
                  "histogram, scenarios) to FILE");
  cmd->add_option("--no-data", f.no_data,
                  "thresholds on metrics with no samples: fail (default) | pass (k6)")
      ->check(CLI::IsMember({"pass", "fail"}));
  cmd->add_option("--start-time", f.start_time,
                  "NDJSON time origin in sim, RFC 3339 (default 1970-01-01T00:00:00Z)");
  cmd->add_option("--max-trend-samples", f.max_trend_samples,
                  "engine bound: samples per trend sink (default 100000000)");
  cmd->add_flag("-q,--quiet", f.quiet, "print no summary or progress");
  cmd->add_flag("--no-color", f.no_color, "no ANSI colours");
}

namespace {

// `kind=FILE` values' files.
std::vector<std::string> out_paths(std::vector<std::string> const& outs) {
  std::vector<std::string> paths;
  for (auto const& out : outs) {
    if (auto const eq = out.find('='); eq != std::string::npos) paths.push_back(out.substr(eq + 1));
  }
  return paths;
}

}  // namespace

std::optional<std::string> shared_output_path(std::vector<std::string> const& paths) {
  namespace fs = std::filesystem;
  std::set<fs::path> seen;
  for (auto const& path : paths) {
    if (path.empty()) continue;
    // Absolute first: weakly_canonical keeps a path relative when none of it exists yet.
    std::error_code ec;
    fs::path resolved = fs::absolute(path, ec);
    if (!ec) resolved = fs::weakly_canonical(resolved, ec);
    if (ec) resolved = fs::path(path).lexically_normal();
    if (!seen.insert(resolved).second) return path + " is named by two outputs: give each its own";
  }
  return std::nullopt;
}

std::optional<std::string> check_output_flags(OutputFlags const& flags, RunOutputs& outputs) {
  auto paths = out_paths(flags.outs);
  paths.insert(paths.end(), {flags.summary_export, flags.junit, flags.html});
  if (auto problem = shared_output_path(paths)) return problem;
  if (auto problem = outputs.open(flags.outs, flags.start_time)) return problem;
  for (auto const* path : {&flags.summary_export, &flags.junit, &flags.html}) {
    if (path->empty()) continue;
    if (auto problem = check_writable(*path)) return problem;
  }
  if (!flags.html.empty()) outputs.collect_series();
  return std::nullopt;
}

int finish_run(core::Summary const& summary, OutputFlags const& f, RunOutputs& outputs,
               std::string const& mode, std::string const& replay) {
  auto const code = core::exit_code(summary);
  core::TextStyle style{!f.no_color && isatty(STDOUT_FILENO) != 0, mode, ""};
  if (code != core::ExitCode::ok) style.replay = replay;
  if (!f.quiet) core::render_text(summary, style, std::cout);
  std::cout.flush();
  if (auto problem = outputs.finish()) return usage_error(*problem);
  if (!f.summary_export.empty() &&
      !write_file(f.summary_export, core::render_summary_export(summary))) {
    return usage_error(f.summary_export + ": cannot write the summary export");
  }
  if (!f.junit.empty() && !write_file(f.junit, core::render_junit(summary))) {
    return usage_error(f.junit + ": cannot write the JUnit report");
  }
  if (!f.html.empty() && !write_file(f.html, core::render_run_html(summary, outputs.series()))) {
    return usage_error(f.html + ": cannot write the HTML report");
  }
  if (code != core::ExitCode::ok && f.quiet) {
    if (!summary.stop_message.empty()) std::cerr << summary.stop_message << "\n";
    std::cerr << "replay: " << replay << "\n";
  }
  for (auto const& v : summary.verdicts) {
    if (!v.passed) {
      std::cerr << "✗ " << v.key << " " << v.source << " — observed "
                << core::describe_observed(v, summary.time_unit)
                << (v.no_samples ? " (no samples)" : "") << "\n";
    }
  }
  return static_cast<int>(code);
}

}  // namespace loadtwin::app
