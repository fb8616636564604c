#pragma once
// `loadtwin report RESULT.json -o REPORT.html [--samples NDJSON] [--records FILE]`: the HTML
// report of a finished run (core/report/report_html.hpp) from its summary-export, with the
// time series and histogram rebuilt from the run's NDJSON samples (every series) or, when
// there are none, its per-request records (every series but VUs).
#include <CLI/CLI.hpp>
#include <string>

namespace loadtwin::app {

struct ReportFlags {
  std::string result;   // the summary-export (loadtwin's or k6's)
  std::string output;   // -o REPORT.html
  std::string samples;  // --samples: `--out json=FILE` of the run
  std::string records;  // --records: `--out requests=FILE` of the run (.gz too)
  bool quiet = false;
};

void add_report_command(CLI::App& app, ReportFlags& flags);
// 0 when the report was written; 104 (with the file and the problem) for bad input.
int run_report_command(ReportFlags const& flags);

}  // namespace loadtwin::app
