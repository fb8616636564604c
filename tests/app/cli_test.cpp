// The CLI end to end: runs the built `loadtwin` binary and checks exit codes and outputs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <boost/json/parse.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "app/cli_run.hpp"
#include "app/replay.hpp"

namespace {

using loadtwin::test::CliRun;
using loadtwin::test::run_loadtwin;
using loadtwin::test::slurp_file;

// Runs a bash script file and returns its combined output.
std::string run_script(std::string const& path) {
  return loadtwin::test::shell_output("bash " + path);
}

std::string tmp(std::string const& name) { return ::testing::TempDir() + "/loadtwin_" + name; }

}  // namespace

TEST(cli_test, sim_without_a_plan_runs_the_embedded_baseline_and_passes) {
  auto const r = run_loadtwin("sim --no-color");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("✓ first_token_latency p(95)<500"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("virtual duration 1m30"), std::string::npos) << r.output;
}

TEST(cli_test, slow_first_token_fails_with_99_names_the_threshold_and_replays) {
  auto const exported = tmp("out.json");
  auto const r = run_loadtwin(
      "sim --seed 7 --set model.first_token_delay=600ms --no-color "
      "--summary-export " +
      exported);
  EXPECT_EQ(r.exit_code, 99) << r.output;
  EXPECT_NE(r.output.find("✗ first_token_latency p(95)<500 — observed p(95)=600ms"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("replay: loadtwin sim --seed 7 --set model.first_token_delay=600ms"),
            std::string::npos)
      << r.output;
  auto const doc = boost::json::parse(slurp_file(exported));
  // k6 legacy export: threshold booleans are inverted (true = failed).
  EXPECT_TRUE(
      doc.at("metrics").at("first_token_latency").at("thresholds").at("p(95)<500").as_bool());
  EXPECT_FALSE(doc.at("metrics").at("tool_invocation").at("thresholds").at("p(95)<2000").as_bool());
  EXPECT_DOUBLE_EQ(doc.at("metrics").at("first_token_latency").at("p(95)").to_number<double>(),
                   600);
}

TEST(cli_test, invalid_plans_and_flags_exit_104_with_a_located_message) {
  auto r = run_loadtwin("sim --set model.error_rate=2");
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_NE(r.output.find("model.error_rate"), std::string::npos) << r.output;
  r = run_loadtwin("sim --set options.scenarios.error_injection.think_time=0s");
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_NE(r.output.find("error_injection"), std::string::npos) << r.output;
  r = run_loadtwin("sim --frobnicate");
  EXPECT_EQ(r.exit_code, 104) << r.output;
  r = run_loadtwin("sim /nonexistent/plan.json");
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_NE(r.output.find("/nonexistent/plan.json"), std::string::npos);
  r = run_loadtwin("sim --out csv=x");
  EXPECT_EQ(r.exit_code, 104);
}

TEST(cli_test, ndjson_and_junit_outputs_are_complete) {
  auto const ndjson = tmp("samples.ndjson");
  auto const junit = tmp("junit.xml");
  auto const r = run_loadtwin(
      "sim --quiet --set options.scenarios.simple_query.duration=2s "
      "--set options.scenarios.tool_call.startTime=2s "
      "--set options.scenarios.tool_call.duration=2s "
      "--set options.scenarios.error_injection.startTime=4s "
      "--set options.scenarios.error_injection.duration=1s "
      "--out json=" +
      ndjson + " --junit " + junit);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(ndjson);
  std::string line;
  std::size_t points = 0, declarations = 0;
  while (std::getline(in, line)) {
    auto const doc = boost::json::parse(line);  // every line is valid JSON
    auto const type = doc.at("type").as_string();
    points += type == "Point" ? 1 : 0;
    declarations += type == "Metric" ? 1 : 0;
  }
  EXPECT_GT(points, 1000U);
  EXPECT_GE(declarations, 10U);
  auto const xml = slurp_file(junit);
  EXPECT_NE(xml.find("tests=\"5\" failures=\"0\""), std::string::npos) << xml;
}

TEST(cli_test, sim_segments_split_the_requests_and_refuse_bad_flags) {
  // Three segments of the baseline together send exactly its requests (constant-vus, no
  // server coupling): http_reqs add up, scenario by scenario.
  auto const http_reqs = [](std::string const& flags) {
    auto const exported = tmp("segment_export.json");
    auto const r = run_loadtwin("sim --quiet " + flags + " --summary-export " + exported);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    auto const doc = boost::json::parse(slurp_file(exported));
    return doc.at("metrics").at("http_reqs").at("count").to_number<double>();
  };
  double const whole = http_reqs("");
  double const parts =
      http_reqs("--segment 0/3") + http_reqs("--segment 1/3") + http_reqs("--segment 2/3");
  EXPECT_EQ(parts, whole);
  EXPECT_EQ(http_reqs("--execution-segment 1/2:1 --execution-segment-sequence 0,1/2,1") +
                http_reqs("--execution-segment 1/2"),
            whole);
  auto r = run_loadtwin("sim --segment 3/3");
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_NE(r.output.find("--segment expects INDEX/COUNT"), std::string::npos) << r.output;
  r = run_loadtwin("sim --segment 0/2 --execution-segment 1/2");
  EXPECT_EQ(r.exit_code, 104) << r.output;
  r = run_loadtwin("sim --execution-segment 1/3 --execution-segment-sequence 0,1/2,1");
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_NE(r.output.find("not one of the sequence"), std::string::npos) << r.output;
  // A failing segment's replay line runs the same segment.
  r = run_loadtwin("sim --no-color --segment 1/3 --set model.first_token_delay=900ms");
  EXPECT_EQ(r.exit_code, 99) << r.output;
  EXPECT_NE(r.output.find("--segment 1/3"), std::string::npos) << r.output;
}

TEST(cli_test, replay_lines_shell_quote_values) {
  using loadtwin::app::shell_quote;
  EXPECT_EQ(shell_quote("model.error_rate=0.02"), "model.error_rate=0.02");
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(R"(x={"dist":"uniform"})"), R"('x={"dist":"uniform"}')");
}

TEST(cli_test, engine_bounds_stop_with_107_a_partial_summary_and_the_replay_line) {
  auto r = run_loadtwin("sim --no-color --max-events 500");
  EXPECT_EQ(r.exit_code, 107) << r.output;
  EXPECT_NE(r.output.find("events_max=500"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("replay: loadtwin sim --seed 1 --max-events 500"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("interrupted"), std::string::npos) << r.output;
  r = run_loadtwin("sim --no-color --max-trend-samples 100");
  EXPECT_EQ(r.exit_code, 107) << r.output;
  EXPECT_NE(r.output.find("--max-trend-samples=100"), std::string::npos) << r.output;
}

TEST(cli_test, mock_serves_until_sigint_then_prints_totals) {
  // A shell script: start the mock on a free port, ask /health over bash's /dev/tcp, SIGINT.
  std::string const script_path = tmp("mock_sigint.sh");
  std::ofstream(script_path) << "out=$(mktemp)\n"
                             << std::getenv("LOADTWIN_BIN")
                             << " mock --port 0 --threads 2 2>$out &\n"
                             << R"(pid=$!
for i in $(seq 100); do grep -q listening $out && break; sleep 0.05; done
port=$(sed -n 's/.*127.0.0.1:\([0-9]*\).*/\1/p' $out | head -1)
exec 3<>/dev/tcp/127.0.0.1/$port
printf 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
head -1 <&3
kill -INT $pid; wait $pid; echo exit=$?; cat $out; rm -f $out
)";
  auto const out = run_script(script_path);
  EXPECT_NE(out.find("HTTP/1.1 200 OK"), std::string::npos) << out;
  EXPECT_NE(out.find("exit=0"), std::string::npos) << out;
  EXPECT_NE(out.find("loadtwin mock: stopped; 0 requests on 1 connections"), std::string::npos)
      << out;
}

TEST(cli_test, live_ctrl_c_writes_the_partial_summary_and_exits_105) {
  auto const exported = tmp("live_partial.json");
  std::string const script_path = tmp("live_sigint.sh");
  std::remove(tmp("live_partial.ndjson").c_str());  // the wait below reads the new one
  std::ofstream(script_path) << std::getenv("LOADTWIN_BIN")
                             << " live --mock --no-color --summary-export " << exported
                             << " --out json=" << tmp("live_partial.ndjson") << " >"
                             << tmp("live_stdout.txt")
                             << " 2>&1 &\n"
                             // Interrupt once a request has finished (a sanitized
                             // build starts slowly; before its handler a background job
                             // ignores SIGINT).
                             << "pid=$!; for i in $(seq 300); do grep -q '\"http_reqs\"' "
                             << tmp("live_partial.ndjson") << " 2>/dev/null && break; sleep 0.1; "
                             << "done\n"
                             << "kill -INT $pid; wait $pid; echo exit=$?\n";
  auto const out = run_script(script_path);
  EXPECT_NE(out.find("exit=105"), std::string::npos) << out;
  auto const printed = slurp_file(tmp("live_stdout.txt"));
  EXPECT_NE(printed.find("interrupted: partial results"), std::string::npos) << printed;
  auto const doc = boost::json::parse(slurp_file(exported));  // complete, valid JSON
  EXPECT_EQ(doc.at("loadtwin").at("stop").as_string(), "interrupted");
  // The NDJSON file is complete too: every line, the last included, is valid JSON.
  std::ifstream ndjson(tmp("live_partial.ndjson"));
  std::string line;
  std::size_t lines = 0;
  while (std::getline(ndjson, line)) {
    EXPECT_NO_THROW(boost::json::parse(line)) << line;
    ++lines;
  }
  EXPECT_GT(lines, 10U);
  EXPECT_GT(doc.at("metrics").at("http_reqs").at("count").to_number<double>(), 0);
}

TEST(cli_test, live_flag_errors_exit_104) {
  auto r = run_loadtwin("live");
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_NE(r.output.find("--base-url URL, a plan with target.base_url, or --mock"),
            std::string::npos)
      << r.output;
  r = run_loadtwin("live --base-url https://example.invalid");  // refused before any lookup
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_NE(r.output.find("--allow-remote"), std::string::npos) << r.output;
  r = run_loadtwin("live --mock --base-url http://127.0.0.1:1");
  EXPECT_EQ(r.exit_code, 104) << r.output;  // mutually exclusive
  r = run_loadtwin("live --mock --timeout soon");
  EXPECT_EQ(r.exit_code, 104) << r.output;
}

TEST(cli_test, runs_report_pass_probabilities_and_apply_the_exit_rules) {
  auto const json = tmp("runs.json");
  // 40 passing runs cannot show a 95% pass probability: the Wilson lower bound is
  // 40 / (40 + 1.96^2) = 0.912. 100 passing runs can (0.963).
  auto r = run_loadtwin("sim --runs 40 --threads 2 --no-color");
  EXPECT_EQ(r.exit_code, 99) << r.output;
  r = run_loadtwin("sim --runs 100 --threads 2 --no-color --json " + json);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  auto const doc = boost::json::parse(slurp_file(json));
  EXPECT_EQ(doc.at("runs").as_int64(), 100);
  EXPECT_EQ(doc.at("points").at(0).at("thresholds").as_array().size(), 5U);
  // A model that fails p(95)<500 in every run: 99, with the first failing run's seed.
  r = run_loadtwin("sim --runs 5 --no-color --set model.first_token_delay=600ms");
  EXPECT_EQ(r.exit_code, 99) << r.output;
  EXPECT_NE(r.output.find("replay the first failing run (k = 0): loadtwin sim --seed "),
            std::string::npos)
      << r.output;
  r = run_loadtwin("sim --runs 5 --summary-export x.json");
  EXPECT_EQ(r.exit_code, 104) << r.output;
}

TEST(cli_test, sigterm_during_runs_writes_json_over_the_completed_runs) {
  auto const json = tmp("runs_partial.json");
  std::string const script_path = tmp("runs_sigterm.sh");
  std::ofstream(script_path) << std::getenv("LOADTWIN_BIN")
                             << " sim --runs 100000000 --quiet --json " << json
                             << " &\n"
                             // A sanitized build under load can take over a second to
                             // install its handler: wait until the process catches SIGTERM
                             // (bit 15 of SigCgt), then let some runs complete.
                             << "pid=$!; for i in $(seq 300); do "
                             << "c=$(awk '/^SigCgt/{print $2}' /proc/$pid/status); "
                             << "(( 0x${c:-0} & 0x4000 )) && break; sleep 0.1; done\n"
                             << "sleep 1; kill -TERM $pid; wait $pid; echo exit=$?\n";
  auto const out = run_script(script_path);
  EXPECT_NE(out.find("exit=105"), std::string::npos) << out;
  auto const doc = boost::json::parse(slurp_file(json));
  auto const runs = doc.at("runs").as_int64();
  EXPECT_GT(runs, 0);
  EXPECT_LT(runs, 100000000);
  EXPECT_EQ(doc.at("points").at(0).at("thresholds").as_array().size(), 5U);
}
