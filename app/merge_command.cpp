#include "app/merge_command.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/background_records.hpp"
#include "app/merge_inputs.hpp"
#include "app/outputs.hpp"
#include "app/replay.hpp"
#include "core/plan/plan_json.hpp"
#include "core/report/part_io.hpp"
#include "core/report/part_merge.hpp"
#include "core/report/records_io.hpp"
#include "core/report/report_html.hpp"
#include "core/report/series_readers.hpp"

namespace loadtwin::app {
namespace {

struct MergeOuts {
  std::string part;
  std::string requests;
};

std::optional<std::string> parse_outs(std::vector<std::string> const& outs, MergeOuts& into) {
  for (auto const& out : outs) {
    auto const eq = out.find('=');
    std::string const kind = out.substr(0, eq);
    std::string const path = eq == std::string::npos ? "" : out.substr(eq + 1);
    if ((kind != "part" && kind != "requests") || path.empty()) {
      return "merge --out expects part=FILE or requests=FILE, got '" + out + "'";
    }
    (kind == "part" ? into.part : into.requests) = path;
    if (auto problem = check_writable(path)) return problem;
  }
  return std::nullopt;
}

// `--out requests=FILE`: every kept part's records (checked by check_records_files), in
// segment order, under one header. Written beside FILE and renamed into place at the end, so
// a failure leaves no partial file and an existing FILE as it was.
std::optional<std::string> merge_records(std::vector<core::NamedPart const*> const& parts,
                                         std::string const& path) {
  namespace fs = std::filesystem;
  core::RecordsHeader header = parts.front()->part.records_header;
  header.segment = "0:1";
  header.sequence = parts.front()->part.sequence;
  fs::path const target(path);
  std::string const partial =
      (target.parent_path() / (".partial-" + target.filename().string())).string();
  auto const fail = [&partial](std::string problem) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    return std::optional(std::move(problem));
  };
  std::string error;
  auto writer = open_records_writer(partial, header, error);
  if (!writer) return fail(error);
  for (auto const* p : parts) {
    auto reader = core::RecordsReader::open(find_records_file(*p).path, error);
    if (!reader) return fail(error);
    while (auto record = reader->next()) writer->on_record(*record);
    if (!reader->error().empty()) return fail(reader->error());
  }
  if (!writer->close()) return fail(path + ": write failed");
  std::error_code ec;
  fs::rename(partial, target, ec);
  if (ec) return fail(path + ": " + ec.message());
  return std::nullopt;
}

// Reads every part; all problems at once.
std::optional<std::string> read_parts(std::vector<std::string> const& paths,
                                      std::vector<core::NamedPart>& parts) {
  std::string errors;
  for (auto const& path : paths) {
    std::string error;
    auto part = core::read_part_file(path, error);
    if (part) {
      parts.push_back({path, std::move(*part)});
    } else {
      errors += error + "\n";
    }
  }
  if (errors.empty()) return std::nullopt;
  return errors;
}

std::vector<std::string> merge_words(MergeFlags const& f) {
  std::vector<std::string> words{"loadtwin", "merge"};
  for (auto const& p : f.parts) words.push_back(shell_quote(p));
  return words;
}

// --html: the report of the merged summary, rendered before any file is written. Its time
// series come from every part's records or from none: a series missing some parts would
// show a load the run never had.
std::optional<std::string> render_merged_html(std::vector<core::NamedPart const*> const& parts,
                                              core::Part const& merged,
                                              core::Summary const& summary, std::string& html) {
  std::vector<std::string> records;
  for (auto const* p : parts) {
    if (p->part.records_path) records.push_back(find_records_file(*p).path);
  }
  core::RunSeries series;
  if (records.size() == parts.size()) {
    std::string error;
    auto read = core::read_series_records(records, error);
    if (!read) return "--html: " + error;
    series = std::move(*read);
    // Records carry no VU counts; the parts' step functions do (summed over the segments).
    for (auto const& step : merged.vus) {
      series.add_vus(core::since_start(step.at), static_cast<double>(step.value));
    }
  } else {
    std::cerr << "loadtwin merge: --html without time series: not every part wrote "
                 "per-request records (--out requests=)\n";
  }
  html = core::render_run_html(summary, series);
  return std::nullopt;
}

// The summary and the exports, with finish_run like sim and live.
int report(MergeFlags const& f, core::Part const& merged, core::Summary const& summary,
           std::size_t count) {
  if (!f.quiet) {
    std::cout << fmt::format("\n  merged {} part{} of sequence {} (plan {}…)\n", count,
                             count == 1 ? "" : "s", merged.sequence,
                             merged.plan_sha256.substr(0, 12));
    if (auto offsets = core::describe_clock_offsets(merged); !offsets.empty()) {
      std::cout << "  " << offsets << "\n";
    }
  }
  if (auto apart = core::start_barrier_warning(merged); !apart.empty()) {
    std::cerr << "loadtwin merge: warning: " << apart << "\n";
  }
  OutputFlags flags;
  flags.summary_export = f.summary_export;
  flags.junit = f.junit;
  flags.no_data = f.no_data;
  flags.quiet = f.quiet;
  flags.no_color = f.no_color;
  RunOutputs none;
  return finish_run(summary, flags, none, "merge (" + merged.mode + ")",
                    fmt::format("{}", fmt::join(merge_words(f), " ")));
}

}  // namespace

void add_merge_command(CLI::App& app, MergeFlags& f) {
  auto* merge = app.add_subcommand(
      "merge", "Merge the parts of a split run (--out part=) into one summary and verdict");
  merge->add_option("PART", f.parts, "part files written by sim/live --out part=FILE")->required();
  merge->add_option("--summary-export", f.summary_export, "write k6's summary-export JSON to FILE");
  merge->add_option("--junit", f.junit, "write JUnit XML, one testcase per threshold, to FILE");
  merge->add_option("--html", f.html,
                    "write the merged run's HTML report to FILE (time series from the parts' "
                    "per-request records, when every part wrote them)");
  merge->add_option("--out", f.outs,
                    "part=FILE: the merged part; requests=FILE: every part's per-request "
                    "records in one file (gzip for .gz); repeatable");
  merge
      ->add_option("--no-data", f.no_data,
                   "thresholds on metrics with no samples: fail (default) | pass (k6)")
      ->check(CLI::IsMember({"pass", "fail"}));
  merge->add_flag("-q,--quiet", f.quiet, "print no summary");
  merge->add_flag("--no-color", f.no_color, "no ANSI colours");
}

namespace {

// The part whose sinks the plan does not declare, by name (a merged part mixes them all).
std::string part_problem(std::vector<core::NamedPart const*> const& parts, core::Plan const& plan,
                         std::string const& merged_problem) {
  for (auto const* p : parts) {
    core::PartRun const one(p->part, plan);
    if (!one.problem().empty()) return p->name + ": " + one.problem();
  }
  return "merge: " + merged_problem;
}

// Every check that can fail, before anything is written.
std::optional<std::string> check_before_writing(MergeFlags const& f, MergeOuts const& outs,
                                                std::vector<core::NamedPart> const& parts,
                                                std::vector<core::NamedPart const*> const& kept) {
  std::vector<core::NamedPart const*> inputs;
  for (auto const& p : parts) inputs.push_back(&p);
  if (auto clash = output_overwrites_input(
          {f.summary_export, f.junit, f.html, outs.part, outs.requests}, inputs)) {
    return clash;
  }
  bool const records_needed = !outs.requests.empty();
  if (records_needed || !f.html.empty()) return check_records_files(kept, records_needed);
  return std::nullopt;
}

}  // namespace

int run_merge_command(MergeFlags const& f) {
  MergeOuts outs;
  if (auto problem = parse_outs(f.outs, outs)) return usage_error(*problem);
  if (auto problem =
          shared_output_path({f.summary_export, f.junit, f.html, outs.part, outs.requests})) {
    return usage_error(*problem);
  }
  for (auto const* path : {&f.summary_export, &f.junit, &f.html}) {
    if (path->empty()) continue;
    if (auto problem = check_writable(*path)) return usage_error(*problem);
  }
  std::vector<core::NamedPart> parts;
  if (auto problem = read_parts(f.parts, parts)) return usage_error(*problem);
  auto const coverage = core::check_coverage(parts);
  for (auto const& w : coverage.warnings) std::cerr << "loadtwin merge: warning: " << w << "\n";
  if (!coverage.errors.empty()) {
    return usage_error(fmt::format("merge: {}", fmt::join(coverage.errors, "\n  ")));
  }
  std::vector<core::Part const*> kept;
  std::vector<core::NamedPart const*> kept_named;
  for (std::size_t i : coverage.kept) {
    kept.push_back(&parts[i].part);
    kept_named.push_back(&parts[i]);
  }
  auto const parsed = core::parse_plan(kept.front()->plan_document);
  if (!parsed.plan) {
    return usage_error(kept_named.front()->name +
                       ": its plan no longer loads: " + parsed.errors.front().message);
  }
  core::Part const merged = core::merge_parts(kept, *parsed.plan);
  core::PartRun const run(merged, *parsed.plan);
  if (!run.problem().empty()) {
    return usage_error(part_problem(kept_named, *parsed.plan, run.problem()));
  }
  if (auto problem = check_before_writing(f, outs, parts, kept_named)) {
    return usage_error(*problem);
  }
  auto const summary = run.summarize(f.no_data == "fail");
  std::string html;
  if (!f.html.empty()) {
    if (auto problem = render_merged_html(kept_named, merged, summary, html))
      return usage_error(*problem);
  }
  if (!outs.requests.empty()) {
    if (auto problem = merge_records(kept_named, outs.requests)) return usage_error(*problem);
  }
  std::string error;
  if (!outs.part.empty() && !core::write_part_file(outs.part, merged, error)) {
    return usage_error(error);
  }
  if (!f.html.empty()) {
    std::ofstream out(f.html, std::ios::binary | std::ios::trunc);
    if (!(out << html).flush()) return usage_error(f.html + ": cannot write the HTML report");
  }
  return report(f, merged, summary, kept.size());
}

}  // namespace loadtwin::app
