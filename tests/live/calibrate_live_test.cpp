// The calibration loop on loopback: the in-process mock plays a known model while live runs
// drive it at 3 load levels; calibrate fits the records back and every interval covers the
// truth, widened by 5x the clock's noise (SPEC "One twin": <= 2 ms per event at p99), or the
// quantity says why it cannot be fitted. And trace replay in real time: every row is sent
// at its offset within the clock's noise, with its lengths. Real time: skipped under
// sanitizers (the bounds are meaningless there); about 40 s of wall time.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iomanip>

#include "core/calibrate/calibrate.hpp"
#include "core/calibrate/fit_distribution.hpp"
#include "core/plan/plan_json.hpp"
#include "core/plan/trace_file.hpp"
#include "live/live_run.hpp"

namespace loadtwin::live {
namespace {

bool under_sanitizer() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#else
  return false;
#endif
}

// 5x the clock's noise bound (SPEC: <= 2 ms per event at p99 on loopback): the test
// machine is shared and the assertions must not flake on its load.
constexpr double noise_ms = 10.0;

constexpr char const* truth_model = R"({
  "first_token_delay": {"dist": "lognormal", "median": "60ms", "p99": "180ms"},
  "first_token_delay_per_1k_input_tokens": "20ms",
  "token_interval": {"dist": "normal", "mean": "10ms", "stddev": "2ms"},
  "tokens_per_response": 10, "tokens_per_delta": 2, "tool_call_delay": "100ms",
  "max_concurrent": 4, "slowdown_per_active_stream": 0.03,
  "error_rate": 0.05, "error_status": 529, "stream_error_rate": 0.03, "network_rtt": "0ms"})";

std::filesystem::path temp_dir() {
  auto const dir = std::filesystem::temp_directory_path() / "loadtwin_calibrate_live";
  std::filesystem::create_directories(dir);
  return dir;
}

core::Plan plan_with_traces(std::string const& json, std::filesystem::path const& dir) {
  auto parsed = core::parse_plan(json);
  if (!parsed.plan) ADD_FAILURE() << core::format_plan_errors("plan", parsed.errors);
  auto plan = parsed.plan.value_or(core::Plan{});
  std::vector<core::PlanError> errors;
  core::load_plan_traces(plan, dir.string(), errors);
  EXPECT_TRUE(errors.empty());
  return plan;
}

struct LiveCalibrationRecords final : core::RecordObserver {
  std::vector<core::RequestRecord> records;
  void on_record(core::RequestRecord const& r) override { records.push_back(r); }
};

std::vector<core::RequestRecord> run_collecting(core::Plan const& plan) {
  LiveOptions options;
  options.handle_signals = false;
  LiveCalibrationRecords collect;
  auto const r =
      run_live(plan, options, [&](core::TestRun& run) { run.set_record_observer(&collect); });
  EXPECT_TRUE(r.summary.has_value()) << r.error;
  return collect.records;
}

// The truth's distributions in ms, for a fit that chose another family than the truth's.
void expect_truth_quantiles(core::QuantityFit const& q) {
  std::optional<core::Distribution> truth;
  if (q.name == "first_token_delay") truth = core::LognormalDist{60, 180};
  if (q.name == "token_interval") truth = core::NormalDist{10, 2};
  if (q.name == "network_rtt") truth = core::ConstantDist{0};  // loopback: noise only
  if (q.name == "tokens_per_response") truth = core::ConstantDist{10};
  if (q.name == "tokens_per_delta") truth = core::ConstantDist{2};
  ASSERT_TRUE(truth.has_value()) << q.name << " fitted as " << q.family;
  ASSERT_TRUE(q.plot_model.has_value());
  for (double p : {0.5, 0.9}) {
    EXPECT_NEAR(core::model_quantile(*q.plot_model, p), core::model_quantile(*truth, p), noise_ms)
        << q.name << " fitted as " << q.family << ", p" << p * 100;
  }
}

}  // namespace

TEST(calibrate_live_test, the_mock_model_is_recovered_from_three_load_levels) {
  if (under_sanitizer()) GTEST_SKIP() << "real-time fits are not meaningful under sanitizers";
  auto const dir = temp_dir();
  {
    std::ofstream out(dir / "inputs.csv");
    out << "offset_ms,input_tokens,output_tokens\n";
    for (int i = 0; i < 60; ++i) out << i * 150 << "," << 100 + (i * 797) % 2000 << ",-\n";
  }
  auto const plan = plan_with_traces(std::string(R"({"model": )") + truth_model + R"(,
    "options": {"scenarios": {
      "inputs": {"executor": "trace", "trace": "inputs.csv", "format": "loadtwin",
                 "maxVUs": 20, "exec": "simple_query"},
      "l1": {"executor": "constant-vus", "vus": 1, "duration": "8s", "startTime": "9s",
             "exec": "simple_query"},
      "l2": {"executor": "constant-vus", "vus": 2, "duration": "8s", "startTime": "17s",
             "exec": "simple_query"},
      "l6": {"executor": "constant-vus", "vus": 6, "duration": "8s", "startTime": "25s",
             "exec": "simple_query"},
      "tools": {"executor": "constant-vus", "vus": 1, "duration": "4s", "startTime": "33s",
                "exec": "tool_call"}}}})",
                                     dir);
  auto const records = run_collecting(plan);
  core::CalibrationInput input;
  input.files = {"live"};
  core::RecordsHeader header;
  header.mode = "live";
  input.headers = {header};
  for (auto const& r : records) {
    if (r.outcome != core::RecordOutcome::aborted) core::add_calibration_record(input, r, 0);
  }
  auto const c = core::calibrate(input, {});
  ASSERT_TRUE(c.load_identifiable);
  struct Truth {
    char const* quantity;
    char const* param;
    double value, slack;
  };
  // Not slowdown_per_active_stream: a 3% effect of 1-3 extra streams is within a loaded 2-core
  // box's timer noise (estimate 0 seen in CI-like runs); the sim round trip checks it.
  for (auto const& t : std::initializer_list<Truth>{
           {"first_token_delay", "median", 60, noise_ms},
           {"first_token_delay", "p99", 180, noise_ms},
           {"first_token_delay_per_1k_input_tokens", "per_1k", 20, noise_ms},
           {"token_interval", "mean", 10, noise_ms},
           {"token_interval", "stddev", 2, noise_ms},
           {"tokens_per_response", "value", 10, 0},
           {"tokens_per_delta", "value", 2, 0},
           {"network_rtt", "value", 0, noise_ms},
           {"max_concurrent", "slots", 4, 0},
           {"error_rate", "rate_529", 0.05, 0},
           {"stream_error_rate", "rate", 0.03, 0},
       }) {
    SCOPED_TRACE(std::string(t.quantity) + "." + t.param);
    auto const q = std::find_if(c.quantities.begin(), c.quantities.end(),
                                [&](auto const& x) { return x.name == t.quantity; });
    ASSERT_NE(q, c.quantities.end());
    auto const p = std::find_if(q->params.begin(), q->params.end(),
                                [&](auto const& x) { return x.name == t.param; });
    if (p == q->params.end() && q->fitted) {
      // Another family fits the noisy live gaps better: its quantiles must still be the truth's.
      expect_truth_quantiles(*q);
      continue;
    }
    if (p == q->params.end()) {
      EXPECT_FALSE(q->note.empty());
      continue;
    }
    EXPECT_LE(p->lo - t.slack, t.value) << "estimate " << p->estimate;
    EXPECT_GE(p->hi + t.slack, t.value) << "estimate " << p->estimate;
  }
}

TEST(calibrate_live_test, trace_rows_are_sent_at_their_offsets_with_their_lengths) {
  if (under_sanitizer()) GTEST_SKIP() << "real-time offsets are not meaningful under sanitizers";
  auto const dir = temp_dir();
  core::TraceRows rows;
  {
    std::ofstream out(dir / "replay.csv");
    out << "TIMESTAMP,ContextTokens,GeneratedTokens\n";
    for (int i = 0; i < 40; ++i) {
      int const ms = i * 47 + (i % 3) * 11;
      out << "2023-11-16 18:00:0" << ms / 1000 << "." << std::setw(3) << std::setfill('0')
          << ms % 1000 << "0000," << 50 + i * 31 << "," << 1 + i % 7 << "\n";
      rows.push_back({core::ms(ms), static_cast<std::uint32_t>(50 + i * 31),
                      static_cast<std::uint32_t>(1 + i % 7)});
    }
  }
  auto const plan = plan_with_traces(R"({"model": {"error_rate": 0, "first_token_delay": "20ms",
      "token_interval": "5ms", "tokens_per_response": 50}, "options": {"scenarios": {
      "t": {"executor": "trace", "trace": "replay.csv", "format": "azure", "time_scale": 2,
            "exec": "simple_query"}}}})",
                                     dir);
  auto records = run_collecting(plan);
  ASSERT_EQ(records.size(), rows.size());
  std::sort(records.begin(), records.end(),
            [](auto const& a, auto const& b) { return *a.arrival < *b.arrival; });
  core::Instant const start = records.front().intended - rows.front().at / 2;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(i);
    auto const& r = records[i];
    ASSERT_EQ(*r.arrival, i);
    double const due = core::to_ms(core::since_start(start) + rows[i].at / 2);
    EXPECT_NEAR(core::to_ms(core::since_start(r.sent)), due, 25.0);  // 5x SPEC's 5 ms max
    EXPECT_EQ(r.input_tokens, rows[i].input_tokens);
    EXPECT_EQ(r.output_tokens, rows[i].output_tokens);
    EXPECT_EQ(r.outcome, core::RecordOutcome::ok);
  }
}

}  // namespace loadtwin::live
