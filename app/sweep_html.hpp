#pragma once
// The HTML page of `loadtwin sweep --html` (one self-contained file, Chart.js embedded; see
// core/report/html_page.hpp). One --vary: per threshold, pass probability and the tested
// statistic (p50 with its p5..p95 band, the threshold's limit dashed) along the parameter.
// Two --vary: per threshold, a heatmap of pass probability over the grid with the 50%
// boundary drawn between cells on either side of it and every axis labelled with the
// swept values. More than two: the heatmap of the first two, the others at their first
// value. The page's data block (id "sweep-data") holds what is drawn.
#include <array>
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "app/sweep.hpp"

namespace loadtwin::app {

std::string render_sweep_page(SweepResult const& result, std::vector<Vary> const& varies,
                              std::uint64_t runs, std::uint64_t seed);

// The data block: parameters with their values, and per threshold its series (one vary)
// or grid of pass probabilities and 50% boundary segments (two or more).
boost::json::object sweep_page_data(SweepResult const& result, std::vector<Vary> const& varies,
                                    std::uint64_t runs, std::uint64_t seed);

// Cell-edge segments [x1, y1, x2, y2] (cell centres at integer coordinates) separating
// neighbouring cells whose pass probabilities lie on opposite sides of `level`; grid[y][x],
// negative = no value (the cell was not run).
std::vector<std::array<double, 4>> boundary_segments(std::vector<std::vector<double>> const& grid,
                                                     double level);

}  // namespace loadtwin::app
