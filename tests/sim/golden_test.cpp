// Golden files for the renderers (vegeta's *.golden): the text summary, the summary-export,
// JUnit and NDJSON of one small deterministic run. A deliberate change to an output updates
// its file in the same commit: LOADTWIN_UPDATE_GOLDEN=1 rewrites them, then read the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/report/records_io.hpp"
#include "core/report/report_json.hpp"
#include "core/report/report_junit.hpp"
#include "core/report/report_text.hpp"
#include "sim_test_support.hpp"

namespace loadtwin::sim {
namespace {

using namespace testing;

// Two scenarios, an injected error rate, a failing and a passing threshold, a submetric,
// a request interrupted at gracefulStop: every part of every renderer shows.
constexpr char const* golden_plan = R"({
  "model": {"first_token_delay": "120ms", "token_interval": "30ms", "tokens_per_response": 4,
            "tool_call_delay": "700ms", "error_rate": 0.2, "error_status": 529},
  "options": {
    "scenarios": {
      "chat": {"executor": "per-vu-iterations", "vus": 2, "iterations": 3, "exec": "simple_query"},
      "tools": {"executor": "constant-vus", "vus": 1, "duration": "1s", "gracefulStop": "200ms",
                "exec": "tool_call"}},
    "thresholds": {"first_token_latency": ["p(95)<100"],
                   "first_token_latency{scenario:chat}": ["p(95)<500"],
                   "errors": ["rate<0.5"], "tool_invocation": ["max<1000"]}}})";

std::string golden_path(std::string const& name) {
  return std::string(LOADTWIN_SOURCE_DIR) + "/tests/sim/testdata/" + name;
}

void expect_golden(std::string const& name, std::string const& actual) {
  std::string const path = golden_path(name);
  if (std::getenv("LOADTWIN_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing: run with LOADTWIN_UPDATE_GOLDEN=1";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << name << " changed; if on purpose, update the golden file";
}

struct Outputs {
  core::Summary summary;
  std::string ndjson;
  std::string records;
};

Outputs run_golden() {
  auto const plan = plan_or_die(golden_plan);
  std::ostringstream ndjson;
  std::unique_ptr<core::NdjsonWriter> writer;
  struct Lines final : core::RecordObserver {
    std::string text;
    void on_record(core::RequestRecord const& r) override { text += core::render_record(r) + "\n"; }
  } records;
  auto summary = run_sim(plan, {.seed = 11}, [&](core::TestRun& run) {
                   writer = std::make_unique<core::NdjsonWriter>(ndjson, run.thresholds(), 0);
                   run.metrics().set_observer(writer.get());
                   run.set_record_observer(&records);
                 }).summary;
  return {std::move(summary), ndjson.str(), records.text};
}

}  // namespace

TEST(golden_test, every_renderer_matches_its_golden_file) {
  auto const out = run_golden();
  std::ostringstream text;
  core::render_text(out.summary, core::TextStyle{false, "sim", "loadtwin sim golden.json"}, text);
  expect_golden("summary.txt", text.str());
  expect_golden("summary_export.json", core::render_summary_export(out.summary));
  expect_golden("junit.xml", core::render_junit(out.summary));
  expect_golden("samples.ndjson", out.ndjson);
  expect_golden("records.jsonl", out.records);
}

}  // namespace loadtwin::sim
