// `loadtwin inspect` against the sim run it describes: every expected figure is that run's.
#include "app/inspect.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "app/cli_run.hpp"
#include "app/inspect_command.hpp"
#include "core/report/records_io.hpp"

namespace loadtwin::app {
namespace {

namespace json = boost::json;
using test::contains;
using test::run_loadtwin;
using test::scratch;
using test::slurp_file;

TEST(inspect_test, figures_equal_the_sim_runs_counts) {
  std::string const plan = test::source_path("models/baseline.json");
  std::string const exported = scratch("inspect_export.json");
  std::string const records = scratch("inspect_records.jsonl");
  auto const sim = run_loadtwin("sim " + plan + " --seed 3 --quiet --summary-export " + exported +
                                " --out requests=" + records);
  ASSERT_EQ(sim.exit_code, 0) << sim.output;
  auto const inspect = test::run_shell("", "inspect " + plan + " --seed 3 --json", "2>/dev/null");
  ASSERT_EQ(inspect.exit_code, 0) << inspect.output;
  auto const got = json::parse(inspect.output).as_object();
  auto const run = json::parse(slurp_file(exported)).as_object();
  // Input tokens: every request answered 2xx, at the mock's count for its exec's body.
  std::string error;
  auto const file = core::read_records_file(records, error);
  ASSERT_TRUE(file) << error;
  std::map<std::string, std::uint64_t> input_tokens;
  for (auto const& r : file->records) {
    if (r.status / 100 == 2) input_tokens[r.scenario] += request_input_tokens(r.exec);
  }
  auto const& scenarios = run.at("loadtwin").at("scenarios").as_object();
  ASSERT_EQ(got.at("scenarios").as_array().size(), scenarios.size());
  for (auto const& s : got.at("scenarios").as_array()) {
    std::string const name(s.at("name").as_string());
    SCOPED_TRACE(name);
    auto const& counts = scenarios.at(name);
    auto const& expected = s.at("expected");
    EXPECT_EQ(expected.at("iterations"), counts.at("iterations_completed"));
    EXPECT_EQ(expected.at("requests"), counts.at("requests_sent"));
    EXPECT_EQ(expected.at("input_tokens").to_number<std::uint64_t>(), input_tokens[name]);
  }
  auto const& total = got.at("total");
  EXPECT_EQ(total.at("output_tokens").to_number<double>(),
            run.at("metrics").at("output_tokens").at("count").to_number<double>());
  EXPECT_EQ(total.at("requests").to_number<double>(),
            run.at("metrics").at("http_reqs").at("count").to_number<double>());
  // The seed's plan: 10 VUs until 1m (30s + gracefulStop), 5 from 30s until 1m30s, 5 from
  // 1m until 2m: at most 15 at once.
  EXPECT_EQ(total.at("max_vus").to_number<int>(), 15);
  EXPECT_EQ(total.at("ends_by").as_string(), "2m");
  EXPECT_TRUE(total.at("cost").is_null());
  EXPECT_TRUE(contains(std::string(got.at("cost_note").as_string()), "budget.prices"));
}

TEST(inspect_test, text_names_each_scenario_and_the_cost_line) {
  auto const r = run_loadtwin("inspect");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (auto const* part :
       {"simple_query: constant-vus, exec simple_query, max 10 VUs, starts "
        "at 0s, runs 30s + gracefulStop 30s",
        "error_injection: constant-vus, exec invalid_request",
        "total: at most 15 VUs at once, ends by 2m", "cost: cost needs token prices"}) {
    EXPECT_TRUE(contains(r.output, part)) << part << "\n" << r.output;
  }
}

TEST(inspect_test, the_plans_prices_give_the_cost) {
  std::string const plan = test::source_path("models/baseline.json");
  auto const inspect = test::run_shell(
      "",
      "inspect " + plan +
          " --seed 3 --json --set 'budget={\"prices\": {\"input_per_mtok\": 3, "
          "\"output_per_mtok\": 15}}'",
      "2>/dev/null");
  ASSERT_EQ(inspect.exit_code, 0) << inspect.output;
  auto const total = json::parse(inspect.output).at("total").as_object();
  double const expected = (total.at("input_tokens").to_number<double>() * 3 +
                           total.at("output_tokens").to_number<double>() * 15) /
                          1e6;
  EXPECT_GT(expected, 0);
  EXPECT_DOUBLE_EQ(total.at("cost").to_number<double>(), expected);
}

TEST(inspect_test, cost_uses_both_prices) {
  ExpectedUsage const usage{.input_tokens = 2'000'000, .output_tokens = 500'000};
  EXPECT_DOUBLE_EQ(cost_of(usage, TokenPrices{3.0, 15.0}), 6.0 + 7.5);
}

TEST(inspect_test, a_bad_plan_is_104_with_its_path) {
  auto const r = run_loadtwin("inspect --set model.error_rate=2");
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_TRUE(contains(r.output, "model.error_rate")) << r.output;
}

}  // namespace
}  // namespace loadtwin::app
