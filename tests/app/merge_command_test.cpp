// `--out part=` and `loadtwin merge` end to end through the built binary: sim parts merge to
// the one-run export byte for byte (passing and failing verdicts), coverage errors exit 104
// naming the culprit, and live splits (--workers, segment processes against one mock) send
// the same requests with the same outcomes as one run.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/app/cli_run.hpp"

namespace loadtwin::test {
namespace {

// "HEAD i/n --out part=PART": the i-th of n segments, writing its part.
std::string segment_args(std::string const& head, int i, int n, std::string const& part) {
  return head + std::to_string(i) + "/" + std::to_string(n) + " --out part=" + part;
}

// A per-vu-iterations plan: a fixed request count whichever way it is split, 20% injected.
std::string write_counted_plan() {
  auto const path = scratch("merge_counted_plan.json");
  std::ofstream(path) << R"({"model": {"first_token_delay": {"dist": "uniform", "min": "5ms",
    "max": "20ms"}, "token_interval": {"dist": "exponential", "mean": "2ms"},
    "tokens_per_response": {"dist": "uniform", "min": 1, "max": 8}, "error_rate": 0.2},
    "options": {"scenarios": {"q": {"executor": "per-vu-iterations", "vus": 6,
    "iterations": 5, "exec": "simple_query"}}, "thresholds": {"errors": ["rate<0.5"]}}})";
  return path;
}

// The SCENARIOS line of a printed summary: requests sent = ok + error + interrupted + aborted.
std::string scenario_line(std::string const& printed) {
  auto const at = printed.find("q (per-vu-iterations");
  if (at == std::string::npos) return "no scenario line in: " + printed;
  return printed.substr(at, printed.find('\n', at) - at);
}

// `sim ARGS --segment i/n --out part=` for every i; returns the part files, space-separated.
std::string sim_parts(std::string const& args, int n, std::string const& tag) {
  std::string files;
  for (int i = 0; i < n; ++i) {
    auto const part = scratch(tag + "_part" + std::to_string(i) + ".json");
    auto const r = run_loadtwin(segment_args("sim " + args + " -q --segment ", i, n, part));
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 99) << r.output;
    files += " " + part;
  }
  return files;
}

}  // namespace

TEST(merge_command_test, sim_parts_merge_to_the_one_run_export_and_verdict) {
  struct Case {
    std::string args;
    int exit_code;
  };
  for (auto const& c : {Case{"", 0}, Case{"--set model.first_token_delay=600ms", 99}}) {
    auto const single = scratch("merge_single.json"), merged = scratch("merge_merged.json");
    auto r = run_loadtwin("sim " + c.args + " -q --summary-export " + single);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.output;
    auto const parts = sim_parts(c.args, 3, "sim");
    r = run_loadtwin("merge" + parts + " -q --summary-export " + merged);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.args << "\n" << r.output;
    EXPECT_EQ(slurp_file(merged), slurp_file(single)) << c.args;
    EXPECT_GT(slurp_file(single).size(), 1000U);
  }
}

TEST(merge_command_test, merged_requests_are_the_one_runs_requests) {
  auto const single = scratch("merge_single.jsonl"), merged = scratch("merge_merged.jsonl");
  auto const single_export = scratch("merge_single_export.json");
  auto const merged_html = scratch("merge_merged.html"), single_html = scratch("merge_single.html");
  auto r = run_loadtwin("sim -q --out requests=" + single + " --summary-export " + single_export +
                        " --html " + single_html);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string parts;
  for (int i = 0; i < 2; ++i) {
    auto const part = scratch("merge_req_part" + std::to_string(i) + ".json");
    auto const records = scratch("merge_req_part" + std::to_string(i) + ".jsonl");
    r = run_loadtwin(segment_args("sim -q --segment ", i, 2, part) + " --out requests=" + records);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    parts += " " + part;
  }
  r = run_loadtwin("merge -q" + parts + " --out requests=" + merged + " --html " + merged_html);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // The merged report is the one run's own --html, every time series included (requests,
  // errors and TTFT from the parts' records, VUs from their step functions); only the
  // source it names differs.
  auto const as_run = [](std::string html) {
    for (auto const& [from, to] : {std::pair<std::string, std::string>{"; time series from "
                                                                       "per-request records",
                                                                       ""},
                                   {R"("source":"records")", R"("source":"run")"}}) {
      auto const at = html.find(from);
      if (at != std::string::npos) html.replace(at, from.size(), to);
    }
    return html;
  };
  EXPECT_EQ(as_run(slurp_file(merged_html)), slurp_file(single_html));
  EXPECT_TRUE(contains(slurp_file(merged_html), R"("has_vus":true)"));
  EXPECT_GT(slurp_file(merged_html).size(), 100'000U);
  // Same lines once sorted, but for in_flight, which counts a segment's own requests.
  auto const normalized = [](std::string const& path) {
    return shell_output("tail -n +2 " + path +
                        " | sed 's/,\"in_flight\":[0-9]*//' | sort | md5sum");
  };
  EXPECT_EQ(normalized(merged), normalized(single));
  EXPECT_EQ(shell_output("wc -l <" + merged), shell_output("wc -l <" + single));
  EXPECT_GT(std::stoi(shell_output("wc -l <" + single)), 2000);
}

TEST(merge_command_test, coverage_errors_exit_104_naming_the_culprit) {
  auto const parts = sim_parts("", 3, "cov");
  auto const p0 = scratch("cov_part0.json"), p1 = scratch("cov_part1.json");
  auto const p2 = scratch("cov_part2.json");
  auto r = run_loadtwin("merge -q " + p0 + " " + p2);
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_TRUE(contains(r.output, "gap: no part covers segment 1/3:2/3")) << r.output;
  auto const seeded = scratch("cov_seed2.json"), other = scratch("cov_other_plan.json");
  EXPECT_EQ(run_loadtwin("sim -q --seed 2 --segment 1/3 --out part=" + seeded).exit_code, 0);
  r = run_loadtwin("merge -q " + p0 + " " + seeded + " " + p2);
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_TRUE(contains(r.output, "cov_seed2.json: seed 2 differs from 1")) << r.output;
  run_loadtwin("sim -q --set model.error_rate=0.5 --segment 1/3 --out part=" + other);
  r = run_loadtwin("merge -q " + p0 + " " + other + " " + p2);
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_TRUE(contains(r.output, "cov_other_plan.json: plan ")) << r.output;
  r = run_loadtwin("merge -q " + p0 + " " + p0 + " " + p2);
  EXPECT_EQ(r.exit_code, 104) << r.output;  // one file twice still leaves a gap
  // A retried pod's duplicate: warned about, one kept, the verdict unchanged.
  auto const retried = scratch("cov_part1_retried.json");
  std::ofstream(retried) << slurp_file(p1);
  r = run_loadtwin("merge -q" + parts + " " + retried);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "warning: ")) << r.output;
  EXPECT_TRUE(contains(r.output, "ignoring " + retried)) << r.output;
}

// Nothing is written until every input checked out: an output naming an input is refused,
// a records file of another segment is named, and a failure leaves no output behind.
TEST(merge_command_test, merge_checks_every_input_before_it_writes) {
  std::string parts;
  std::array<std::string, 2> records;
  for (int i = 0; i < 2; ++i) {
    auto const part = scratch("guard_part" + std::to_string(i) + ".json");
    records[i] = scratch("guard_part" + std::to_string(i) + ".jsonl");
    auto const r = run_loadtwin(segment_args("sim -q --segment ", i, 2, part) +
                                " --out requests=" + records[i]);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    parts += " " + part;
  }
  auto const first_records = slurp_file(records[0]);
  auto r = run_loadtwin("merge -q" + parts + " --out requests=" + records[0]);
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_TRUE(contains(r.output, "is an input of this merge")) << r.output;
  EXPECT_EQ(slurp_file(records[0]), first_records);  // not truncated
  // Segment 1's records where segment 0's belong: refused, and no --out part= written.
  std::ofstream(records[0]) << slurp_file(records[1]);
  auto const merged_part = scratch("guard_merged_part.json");
  std::remove(merged_part.c_str());
  r = run_loadtwin("merge -q" + parts + " --out part=" + merged_part + " --html " +
                   scratch("guard.html"));
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_TRUE(contains(r.output, "guard_part0.json: its records file")) << r.output;
  EXPECT_TRUE(contains(r.output, "segment (1/2:1) is not the part's")) << r.output;
  EXPECT_FALSE(std::ifstream(merged_part).good());
  r = run_loadtwin("merge -q" + parts + " --summary-export " + merged_part + " --junit " +
                   merged_part);
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_TRUE(contains(r.output, "is named by two outputs")) << r.output;
}

// Parts that moved with their records (written with relative names) merge from anywhere,
// even from a directory that holds another run's files of the same names.
TEST(merge_command_test, a_parts_own_records_are_found_beside_it) {
  auto const base = scratch("moved");
  std::filesystem::remove_all(base);
  for (auto const* dir : {"/run", "/other"}) std::filesystem::create_directories(base + dir);
  for (auto const& [dir, seed] : {std::pair{"/run", "1"}, std::pair{"/other", "5"}}) {
    for (int i = 0; i < 2; ++i) {
      auto const n = std::to_string(i);
      auto const r = run_shell("cd " + base + dir + " &&",
                               "sim -q --seed " + std::string(seed) + " --segment " + n +
                                   "/2 --out part=p" + n + ".json --out requests=r" + n + ".jsonl");
      ASSERT_EQ(r.exit_code, 0) << r.output;
    }
  }
  auto const r =
      run_shell("cd " + base + "/other &&",
                "merge -q ../run/p0.json ../run/p1.json --out requests=" + base + "/joined.jsonl");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_GT(std::stoi(shell_output("wc -l <" + base + "/joined.jsonl")), 2000);
}

TEST(merge_command_test, live_workers_send_the_same_requests_with_the_same_outcomes) {
  auto const plan = write_counted_plan();
  auto const one = run_loadtwin("live " + plan + " --mock --workers 1 --no-color");
  auto const html = scratch("merge_live_workers.html");
  std::remove(html.c_str());
  auto const two = run_loadtwin("live " + plan + " --mock --workers 2 --no-color --html " + html);
  EXPECT_EQ(one.exit_code, 0) << one.output;
  EXPECT_EQ(two.exit_code, 0) << two.output;
  // Injected errors are drawn on global keys: the same 6 of 30 whichever worker sends them.
  EXPECT_EQ(scenario_line(two.output), scenario_line(one.output));
  EXPECT_TRUE(contains(one.output, "requests 30 sent = 24 ok + 6 error")) << one.output;
  EXPECT_TRUE(contains(two.output, "(2 workers)")) << two.output;
  // --html: the time series hold every worker's requests and errors (summed windows).
  auto const page = slurp_file(html);
  EXPECT_FALSE(contains(page, "id=\"no-series\"")) << "no time series in " << html;
  EXPECT_TRUE(contains(page, R"("totals":{"requests":30,"errors":6,"ttft_samples":24})"));
  // The twin check compares one unsegmented run with sim: it refuses a split.
  auto const refused = run_loadtwin("live " + plan + " --mock --compare-sim --workers 2");
  EXPECT_EQ(refused.exit_code, 104) << refused.output;
  EXPECT_TRUE(contains(refused.output, "--compare-sim compares one unsegmented run"));
}

TEST(merge_command_test, live_segment_processes_against_one_mock_merge_to_one_run) {
  auto const plan = write_counted_plan();
  auto const script = scratch("merge_live_segments.sh");
  std::string const bin = std::getenv("LOADTWIN_BIN");
  auto const dir = scratch("live_seg");
  std::ofstream(script) << "set -u\nout=$(mktemp); d=" << dir << "; mkdir -p $d\n"
                        << bin << " mock --model " << plan << " --port 0 2>$out &\n"
                        << "mock=$!; bin=" << bin << "; plan=" << plan << R"(
for i in $(seq 100); do grep -q listening $out && break; sleep 0.05; done
url=http://127.0.0.1:$(sed -n 's/.*127.0.0.1:\([0-9]*\).*/\1/p' $out | head -1)
at=$(date -u -d '+1 second' +%Y-%m-%dT%H:%M:%S.%NZ)
pids=
for i in 0 1 2; do
  $bin live $plan --base-url $url --segment $i/3 --start-at $at -q --out part=$d/p$i.json &
  pids="$pids $!"
done
for p in $pids; do wait $p || echo "segment failed: $?"; done
$bin merge $d/p0.json $d/p1.json $d/p2.json --no-color; echo merge_exit=$?
$bin live $plan --base-url $url --workers 1 --no-color; echo one_exit=$?
kill -INT $mock; wait $mock; rm -f $out
)";
  auto const out = shell_output("bash " + script);
  EXPECT_FALSE(contains(out, "segment failed")) << out;
  EXPECT_TRUE(contains(out, "merge_exit=0")) << out;
  EXPECT_TRUE(contains(out, "one_exit=0")) << out;
  EXPECT_TRUE(contains(out, "merged 3 parts of sequence 0,1/3,2/3,1")) << out;
  EXPECT_TRUE(contains(out, "clock offsets (start actual - planned)")) << out;
  // Two SCENARIOS lines, the merged one then the single run's: equal.
  auto const first = out.find("q (per-vu-iterations");
  ASSERT_NE(first, std::string::npos) << out;
  auto const second = out.find("q (per-vu-iterations", first + 1);
  ASSERT_NE(second, std::string::npos) << out;
  EXPECT_EQ(scenario_line(out.substr(first)), scenario_line(out.substr(second)));
  EXPECT_TRUE(contains(out, "requests 30 sent = 24 ok + 6 error")) << out;
}

}  // namespace loadtwin::test
