#pragma once
// Reports of `loadtwin sweep`: a text table, CSV (one row per point and threshold), the
// JSON of SPEC.md, and a self-contained HTML page (app/sweep_html.hpp: Chart.js line charts
// for one --vary, pass-probability heatmaps with the 50% boundary for two).
#include <ostream>
#include <string>

#include "app/sweep.hpp"

namespace loadtwin::app {

void render_sweep_text(SweepResult const& r, std::ostream& out);
std::string render_sweep_csv(SweepResult const& r);
std::string render_sweep_json(SweepResult const& r, std::uint64_t runs, std::uint64_t seed);
std::string render_sweep_html(SweepResult const& r, std::vector<Vary> const& varies,
                              std::uint64_t runs, std::uint64_t seed);

}  // namespace loadtwin::app
