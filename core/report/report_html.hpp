#pragma once
// The HTML report of one run (SPEC "convert, inspect, report"): `--html FILE` on sim, live
// and merge, and `loadtwin report`. One self-contained file (core/report/html_page.hpp):
// the verdict, the thresholds table with verdicts and "(no samples)", time series per 1 s
// window (VUs, requests/s, errors/s by reason, first-token p50/p95/p99), a first-token
// histogram, the metrics, and per-scenario tables. Tables are plain HTML (readable without
// script); the charts are Chart.js canvases drawn from the page's JSON data block
// (id "loadtwin-data"), which tests read to compare with the summary.
#include <boost/json/object.hpp>
#include <string>

#include "core/report/run_series.hpp"
#include "core/report/summary.hpp"

namespace loadtwin::core {

// The whole page. `series` may be empty (a summary-export alone): the charts are then
// replaced by a note saying which input would draw them.
std::string render_run_html(Summary const& summary, RunSeries const& series);

// The data block's content: per-window series, the histogram and totals.
boost::json::object run_series_json(Summary const& summary, RunSeries const& series);

}  // namespace loadtwin::core
