// `loadtwin calibrate` and `loadtwin validate` from the command line: the whole loop on
// records a known model produced (sim: fast and exact; live against the in-process mock:
// real time, skipped under sanitizers), a deliberately wrong model caught with exit 99, and
// bad input refused with 104 naming the file and line.
#include <gtest/gtest.h>
#include <zlib.h>

#include <boost/json.hpp>
#include <filesystem>

#include "cli_run.hpp"

namespace loadtwin::test {
namespace {

bool under_sanitizer() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#else
  return false;
#endif
}

constexpr char const* truth_model = R"({
  "first_token_delay": {"dist": "lognormal", "median": "80ms", "p99": "240ms"},
  "first_token_delay_per_1k_input_tokens": "20ms",
  "token_interval": {"dist": "normal", "mean": "10ms", "stddev": "2ms"},
  "tokens_per_response": 12, "tool_call_delay": "150ms",
  "max_concurrent": 4, "slowdown_per_active_stream": 0.03,
  "error_rate": 0.03, "error_status": 529, "stream_error_rate": 0.02})";

// Levels of 1, 2 and 6 VUs (6 queue behind 4 slots) after a trace of varied prompts.
std::string levels_plan(int seconds) {
  auto const s = std::to_string(seconds);
  auto const level = [&](char const* vus, int k) {
    return std::string(R"({"executor": "constant-vus", "vus": )") + vus + R"(, "duration": ")" + s +
           R"(s", "startTime": ")" + std::to_string(6 + k * seconds) +
           R"(s", "exec": "simple_query"})";
  };
  return R"({"options": {"scenarios": {
    "inputs": {"executor": "trace", "trace": "inputs.csv", "format": "loadtwin", "maxVUs": 20,
               "exec": "simple_query"},
    "l1": )" +
         level("1", 0) + R"(, "l2": )" + level("2", 1) + R"(, "l6": )" + level("6", 2) +
         R"(}, "thresholds": {"first_token_latency": ["p(95)<2000"]}}})";
}

// The held-out fourth level: 3 VUs, thresholds one of which fails.
std::string held_plan(int seconds) {
  return R"({"options": {"scenarios": {"l3": {"executor": "constant-vus", "vus": 3,
    "duration": ")" +
         std::to_string(seconds) + R"(s", "exec": "simple_query"}},
    "thresholds": {"first_token_latency": ["p(95)<1000", "p(50)<60"],
                   "errors": ["rate<0.2"]}}})";
}

struct Loop {
  std::string dir;
  std::string path(std::string const& name) const { return dir + "/" + name; }
};

Loop prepare(std::string const& name, int level_seconds, int held_seconds) {
  Loop l{::testing::TempDir() + "/loadtwin_cal_" + name};
  std::filesystem::create_directories(l.dir);
  std::ofstream(l.path("truth.json")) << truth_model;
  std::ofstream(l.path("levels.json")) << levels_plan(level_seconds);
  std::ofstream(l.path("held.json")) << held_plan(held_seconds);
  std::ofstream inputs(l.path("inputs.csv"));
  inputs << "offset_ms,input_tokens,output_tokens\n";
  for (int i = 0; i < 60; ++i) inputs << i * 100 << "," << 100 + (i * 797) % 3000 << ",-\n";
  return l;
}

void check_validate(Loop const& l, std::string const& how) {
  auto const fitted =
      run_loadtwin("calibrate " + l.path("levels.jsonl.gz") + " -o " + l.path("model.json") +
                   " --diagnostics " + l.path("diag.json") + " --html " + l.path("cal.html"));
  ASSERT_EQ(fitted.exit_code, 0) << fitted.output;
  auto const model = boost::json::parse(slurp_file(l.path("model.json"))).as_object();
  EXPECT_TRUE(model.contains("first_token_delay_per_1k_input_tokens")) << model;
  EXPECT_TRUE(model.contains("max_concurrent")) << model;
  EXPECT_TRUE(contains(slurp_file(l.path("cal.html")), "<svg"));
  auto const v =
      run_loadtwin("validate " + l.path("held.json") + " --model " + l.path("model.json") +
                   " --record " + l.path("held.jsonl") + " --runs 20 --json " + l.path("v.json"));
  EXPECT_EQ(v.exit_code, 0) << how << "\n" << v.output << "\n" << fitted.output;
  auto const doc = boost::json::parse(slurp_file(l.path("v.json"))).as_object();
  for (auto const& cell : doc.at("cells").as_array()) {
    auto const& c = cell.as_object();
    if (c.at("metric").as_string() != "first_token_latency") continue;
    if (c.at("percentile").to_number<double>() > 95) continue;
    EXPECT_LT(c.at("relative_error").to_number<double>(), 0.10) << how << " " << c;
  }
  for (auto const& verdict : doc.at("verdicts").as_array()) {
    EXPECT_TRUE(verdict.as_object().at("agrees").as_bool()) << how << " " << verdict;
  }
  std::ofstream(l.path("wrong.json")) << R"({"first_token_delay": "400ms", "max_concurrent": 1})";
  auto const wrong =
      run_loadtwin("validate " + l.path("held.json") + " --model " + l.path("wrong.json") +
                   " --record " + l.path("held.jsonl") + " --runs 5");
  EXPECT_EQ(wrong.exit_code, 99) << wrong.output;
  EXPECT_TRUE(contains(wrong.output, "prediction fails")) << wrong.output;
}

}  // namespace

TEST(calibrate_command_test, sim_records_calibrate_and_validate_a_held_out_level) {
  auto const l = prepare("sim", 120, 120);
  auto const levels =
      run_loadtwin("sim " + l.path("levels.json") + " --model " + l.path("truth.json") +
                   " --out requests=" + l.path("levels.jsonl.gz") + " -q");
  ASSERT_EQ(levels.exit_code, 0) << levels.output;
  auto const held =
      run_loadtwin("sim " + l.path("held.json") + " --seed 9 --model " + l.path("truth.json") +
                   " --out requests=" + l.path("held.jsonl") + " -q");
  ASSERT_EQ(held.exit_code, 99) << held.output;  // p(50)<60 fails, as it should
  check_validate(l, "sim");
}

TEST(calibrate_command_test, live_mock_records_calibrate_and_validate_a_held_out_level) {
  if (under_sanitizer()) GTEST_SKIP() << "real-time runs are not meaningful under sanitizers";
  auto const l = prepare("live", 8, 10);
  auto const levels =
      run_loadtwin("live " + l.path("levels.json") + " --mock --model " + l.path("truth.json") +
                   " --out requests=" + l.path("levels.jsonl.gz") + " -q");
  ASSERT_EQ(levels.exit_code, 0) << levels.output;
  auto const held =
      run_loadtwin("live " + l.path("held.json") + " --mock --seed 9 --model " +
                   l.path("truth.json") + " --out requests=" + l.path("held.jsonl") + " -q");
  ASSERT_EQ(held.exit_code, 99) << held.output;
  check_validate(l, "live");
}

TEST(calibrate_command_test, bad_records_are_refused_with_file_and_line) {
  auto const l = prepare("bad", 20, 20);
  auto const made = run_loadtwin("sim " + l.path("held.json") + " --model " + l.path("truth.json") +
                                 " --out requests=" + l.path("a.jsonl") + " -q");
  ASSERT_EQ(made.exit_code, 99) << made.output;
  std::string const good = slurp_file(l.path("a.jsonl"));
  auto const first_nl = good.find('\n'), second_nl = good.find('\n', first_nl + 1);
  std::ofstream(l.path("corrupt.jsonl")) << good.substr(0, second_nl + 1) << "{\"scenario\": 3}\n";
  std::ofstream(l.path("cut.jsonl")) << good.substr(0, second_nl + 20);
  std::ofstream(l.path("empty.jsonl")) << good.substr(0, first_nl + 1);
  {
    gzFile gz = gzopen(l.path("cut.jsonl.gz").c_str(), "wb");
    gzwrite(gz, good.data(), static_cast<unsigned>(good.size()));
    gzclose(gz);
    auto const whole = slurp_file(l.path("cut.jsonl.gz"));
    std::ofstream(l.path("cut.jsonl.gz"), std::ios::binary) << whole.substr(0, whole.size() / 2);
  }
  auto const other = run_loadtwin("sim " + l.path("held.json") +
                                  " --set options.thresholds={} "
                                  "--out requests=" +
                                  l.path("b.jsonl") + " -q");
  ASSERT_EQ(other.exit_code, 0) << other.output;
  struct Case {
    std::string args, expected;
  };
  for (auto const& c : std::initializer_list<Case>{
           {l.path("corrupt.jsonl"), l.path("corrupt.jsonl") + ":3:"},
           {l.path("cut.jsonl"), l.path("cut.jsonl") + ":3:"},
           {l.path("cut.jsonl.gz"), l.path("cut.jsonl.gz") + ":"},
           {l.path("missing.jsonl"), l.path("missing.jsonl")},
           {l.path("a.jsonl") + " " + l.path("b.jsonl"), "different plans"},
           {l.path("empty.jsonl"), l.path("empty.jsonl") + ": no request records"},
       }) {
    SCOPED_TRACE(c.args);
    auto const r = run_loadtwin("calibrate " + c.args + " -o " + l.path("m.json"));
    EXPECT_EQ(r.exit_code, 104) << r.output;
    EXPECT_TRUE(contains(r.output, c.expected)) << r.output;
  }
  auto const mixed = run_loadtwin("calibrate " + l.path("a.jsonl") + " " + l.path("b.jsonl") +
                                  " --mixed -q -o " + l.path("m.json"));
  EXPECT_EQ(mixed.exit_code, 0) << mixed.output;
}

}  // namespace loadtwin::test
