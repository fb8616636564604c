#include "app/sweep_html.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/sweep_report.hpp"

namespace loadtwin::app {
namespace {

namespace json = boost::json;
using Segments = std::vector<std::array<double, 4>>;

TEST(sweep_html_test, boundary_runs_between_cells_on_either_side_of_the_level) {
  struct Case {
    char const* what;
    std::vector<std::vector<double>> grid;  // grid[y][x]; -1 = not run
    Segments expected;
  } const cases[] = {
      {"all pass: no boundary", {{1, 0.9}, {0.6, 0.5}}, {}},
      {"a column fails: one vertical edge per row",
       {{1, 0.2}, {0.7, 0.1}},
       {{0.5, -0.5, 0.5, 0.5}, {0.5, 0.5, 0.5, 1.5}}},
      {"the top row fails: one horizontal edge per column",
       {{1, 1}, {0.49, 0}},
       {{-0.5, 0.5, 0.5, 0.5}, {0.5, 0.5, 1.5, 0.5}}},
      {"a corner fails: an L", {{1, 1}, {1, 0}}, {{0.5, 0.5, 1.5, 0.5}, {0.5, 0.5, 0.5, 1.5}}},
      {"a cell not run draws no edge", {{1, -1, 0}}, {}},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(boundary_segments(c.grid, 0.5), c.expected);
  }
}

std::vector<double> numbers(json::value const& array) {
  std::vector<double> out;
  for (auto const& v : array.as_array()) out.push_back(v.to_number<double>());
  return out;
}

SweepOptions two_parameter_sweep() {
  SweepOptions o;
  std::string error;
  o.varies.push_back(*parse_vary("model.first_token_delay=100ms..700ms:300ms", error));
  o.varies.push_back(*parse_vary("model.error_rate=0..0.02:0.01", error));
  o.replication.runs = 3;
  o.replication.threads = 2;
  o.replication.seed = 1;
  return o;
}

TEST(sweep_html_test, two_parameters_draw_a_labelled_heatmap_per_threshold) {
  auto const o = two_parameter_sweep();
  auto const r = run_sweep(o);
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.points.size(), 9U);
  auto const data = sweep_page_data(r, o.varies, 3, 1);
  auto const& params = data.at("params").as_array();
  ASSERT_EQ(params.size(), 2U);
  EXPECT_EQ(params[0].at("path").as_string(), "model.first_token_delay");
  EXPECT_EQ(json::serialize(params[0].at("values")), R"(["100ms","400ms","700ms"])");
  EXPECT_EQ(params[1].at("path").as_string(), "model.error_rate");
  EXPECT_EQ(json::serialize(params[1].at("values")), R"(["0","0.01","0.02"])");
  auto const& plots = data.at("thresholds").as_array();
  ASSERT_EQ(plots.size(), r.points.front().result.thresholds.size());
  bool found = false;
  for (auto const& t : plots) {
    auto const& cells = t.at("heatmap").at("cells").as_array();
    ASSERT_EQ(cells.size(), 3U);
    for (auto const& row : cells) EXPECT_EQ(row.as_array().size(), 3U);
    if (t.at("metric").as_string() != "first_token_latency") continue;
    // A constant first token: p(95)<500 passes at 100 and 400 ms in every run, never at 700.
    found = true;
    for (auto const& row : cells) EXPECT_EQ(numbers(row), (std::vector<double>{1, 1, 0}));
    std::vector<std::vector<double>> boundary;
    for (auto const& s : t.at("heatmap").at("boundary").as_array()) boundary.push_back(numbers(s));
    EXPECT_EQ(boundary, (std::vector<std::vector<double>>{
                            {1.5, -0.5, 1.5, 0.5}, {1.5, 0.5, 1.5, 1.5}, {1.5, 1.5, 1.5, 2.5}}));
  }
  EXPECT_TRUE(found);
  auto const html = render_sweep_html(r, o.varies, 3, 1);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_NE(html.find("id=\"sweep-data\""), std::string::npos);
}

}  // namespace
}  // namespace loadtwin::app
