#include "app/report_command.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/file_text.hpp"
#include "app/outputs.hpp"
#include "app/run_outputs.hpp"
#include "core/report/report_html.hpp"
#include "core/report/series_readers.hpp"
#include "core/report/summary_export_reader.hpp"

namespace loadtwin::app {

void add_report_command(CLI::App& app, ReportFlags& f) {
  auto* report = app.add_subcommand(
      "report", "Write a self-contained HTML report of a run from its --summary-export");
  report->add_option("RESULT", f.result, "the run's summary-export JSON (loadtwin's or k6's)")
      ->required();
  report->add_option("-o,--output", f.output, "the HTML file to write")->required();
  report->add_option("--samples", f.samples,
                     "the run's NDJSON samples (--out json=FILE): VUs, requests, errors and "
                     "first-token series");
  report->add_option("--records", f.records,
                     "the run's per-request records (--out requests=FILE, .gz too): every "
                     "series but VUs; used when --samples is not given");
  report->add_flag("-q,--quiet", f.quiet, "print nothing on success");
}

namespace {

// The time series from --samples, else --records, else none (an empty series).
std::optional<core::RunSeries> read_series(ReportFlags const& f, std::string& error) {
  if (!f.samples.empty()) {
    std::ifstream in(f.samples, std::ios::binary);
    if (!in) {
      error = f.samples + ": cannot read";
      return std::nullopt;
    }
    return core::read_series_ndjson(in, f.samples, error);
  }
  if (!f.records.empty()) return core::read_series_records(f.records, error);
  core::RunSeries none;
  none.source = "none";
  return none;
}

}  // namespace

int run_report_command(ReportFlags const& f) {
  if (auto problem = check_writable(f.output)) return usage_error(*problem);
  std::string error;
  auto const text = read_file_text(f.result);
  if (!text) return usage_error(f.result + ": cannot read");
  auto const summary = core::parse_summary_export(*text, f.result, error);
  if (!summary) return usage_error(error);
  auto const series = read_series(f, error);
  if (!series) return usage_error(error);
  std::string const html = core::render_run_html(*summary, *series);
  std::ofstream out(f.output, std::ios::binary | std::ios::trunc);
  out << html;
  if (!out.flush()) return usage_error(f.output + ": cannot write the HTML report");
  if (!f.quiet) {
    std::cout << fmt::format("wrote {} ({:.0f} KB)\n", f.output,
                             static_cast<double>(html.size()) / 1024);
  }
  return 0;
}

}  // namespace loadtwin::app
