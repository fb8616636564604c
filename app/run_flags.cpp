#include "app/run_flags.hpp"

#include <iostream>

namespace loadtwin::app {

void add_run_flags(CLI::App* cmd, RunFlags& f) {
  cmd->add_option("-u,--vus", f.vus, "k6 shortcut: VUs of the default scenario")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}));
  cmd->add_option("-d,--duration", f.duration,
                  "k6 shortcut: run a constant-vus \"default\" scenario this long (replaces "
                  "the plan's scenarios)");
  cmd->add_option("-i,--iterations", f.iterations,
                  "k6 shortcut: shared-iterations \"default\" scenario (replaces scenarios)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000'000}));
  cmd->add_option("-s,--stage", f.stages,
                  "k6 shortcut: DURATION:TARGET ramping-vus stage, repeatable (replaces "
                  "scenarios)");
  cmd->add_option("--exec", f.exec,
                  "request kind of the shortcut scenario: simple_query (default), tool_call, "
                  "invalid_request");
  cmd->add_option("--tag", f.tags,
                  "NAME=VALUE on every sample, repeatable (replaces "
                  "options.tags, as in k6)");
  cmd->add_option("--summary-trend-stats", f.summary_trend_stats,
                  "trend columns of the summary, e.g. avg,p(95),p(99)");
  cmd->add_flag("--no-thresholds", f.no_thresholds, "evaluate no threshold (k6's flag)");
  cmd->add_flag("--no-summary", f.no_summary, "print no end-of-test summary (k6's flag)");
}

core::CliOptions to_cli_options(RunFlags const& f) {
  core::CliOptions o;
  if (f.vus != 0) o.vus = f.vus;
  if (!f.duration.empty()) o.duration = f.duration;
  if (f.iterations != 0) o.iterations = f.iterations;
  o.stages = f.stages;
  if (!f.exec.empty()) o.exec = f.exec;
  o.tags = f.tags;
  if (!f.summary_trend_stats.empty()) o.summary_trend_stats = f.summary_trend_stats;
  o.no_thresholds = f.no_thresholds;
  return o;
}

DocumentEdit run_flags_edit(RunFlags const& f) {
  auto const options = to_cli_options(f);
  if (!core::any_cli_option(options)) return {};
  return [options](boost::json::value& doc, std::vector<core::PlanError>& errors) {
    auto result = core::apply_cli_options(doc, options);
    for (auto const& w : result.warnings) std::cerr << "loadtwin: warning: " << w << "\n";
    for (auto& e : result.errors) errors.push_back(std::move(e));
  };
}

std::vector<std::string> run_flag_words(RunFlags const& f) {
  std::vector<std::string> words;
  auto const add = [&](char const* flag, std::string const& value) {
    words.insert(words.end(), {flag, value});
  };
  if (f.vus != 0) add("--vus", std::to_string(f.vus));
  if (!f.duration.empty()) add("--duration", f.duration);
  if (f.iterations != 0) add("--iterations", std::to_string(f.iterations));
  for (auto const& s : f.stages) add("--stage", s);
  if (!f.exec.empty()) add("--exec", f.exec);
  for (auto const& t : f.tags) add("--tag", t);
  if (!f.summary_trend_stats.empty()) add("--summary-trend-stats", f.summary_trend_stats);
  if (f.no_thresholds) words.emplace_back("--no-thresholds");
  return words;
}

std::optional<std::string> no_summary_conflict(RunFlags const& f, OutputFlags const& output) {
  if (!f.no_summary || output.summary_export.empty()) return std::nullopt;
  return "--no-summary also disables --summary-export in k6; to write the export without "
         "printing the summary use --quiet";
}

OutputFlags with_no_summary(OutputFlags output, RunFlags const& f) {
  output.quiet = output.quiet || f.no_summary;
  return output;
}

}  // namespace loadtwin::app
