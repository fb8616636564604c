// Calibration round trip on sim-generated records: sim plays a known model at several load
// levels, calibrate fits it back, and every parameter's 95% interval covers the truth (or
// calibrate says it is not identifiable). Exactly reproducible: the same records give the
// same model and diagnostics byte for byte.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>

#include "core/calibrate/calibrate.hpp"
#include "core/calibrate/calibration_json.hpp"
#include "core/plan/trace_file.hpp"
#include "sim_test_support.hpp"

namespace loadtwin::sim {
namespace {

using namespace testing;

// The truth: lognormal first token (median 200 ms, p99 600 ms) + 30 ms per 1k input
// tokens, normal token gaps, 2 tokens a delta, 6 slots with a FIFO queue, a 2% slowdown per
// extra stream, 3% 529s, 2% stream cuts, 10 ms round trips.
constexpr char const* truth_model = R"({
  "first_token_delay": {"dist": "lognormal", "median": "200ms", "p99": "600ms"},
  "first_token_delay_per_1k_input_tokens": "30ms",
  "token_interval": {"dist": "normal", "mean": "20ms", "stddev": "4ms"},
  "tokens_per_response": 30, "tokens_per_delta": 2, "tool_call_delay": "400ms",
  "max_concurrent": 6, "slowdown_per_active_stream": 0.02,
  "error_rate": 0.03, "error_status": 529, "stream_error_rate": 0.02, "network_rtt": "10ms"})";

// Load levels 1, 3, 6 and 10 VUs (10 queue behind 6 slots), prompts of varied size from a
// trace, and tool calls.
std::string calibration_plan(std::string const& model, int level_seconds) {
  auto const level = [&](int vus, int start) {
    return "{\"executor\": \"constant-vus\", \"vus\": " + std::to_string(vus) +
           ", \"duration\": \"" + std::to_string(level_seconds) + "s\", \"startTime\": \"" +
           std::to_string(start) + "s\", \"exec\": \"simple_query\"}";
  };
  int const s = level_seconds;
  return R"({"model": )" + model + R"(, "options": {"scenarios": {
      "inputs": {"executor": "trace", "trace": "inputs.csv", "format": "loadtwin",
                 "maxVUs": 50, "exec": "simple_query"},
      "l1": )" +
         level(1, 0) + ", \"l3\": " + level(3, s) + ", \"l6\": " + level(6, 2 * s) +
         ", \"l10\": " + level(10, 3 * s) + R"(,
      "tools": {"executor": "constant-vus", "vus": 2, "duration": "60s", "startTime": ")" +
         std::to_string(4 * s) + R"(s", "exec": "tool_call"}}}})";
}

std::filesystem::path write_inputs_trace() {
  // One directory per process: ctest -j runs this binary's tests side by side.
  auto const dir = std::filesystem::temp_directory_path() /
                   ("loadtwin_calibrate_sim_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / "inputs.csv");
  out << "offset_ms,input_tokens,output_tokens\n";
  for (int i = 0; i < 400; ++i) out << i * 1500 << "," << 100 + (i * 7919) % 8000 << ",-\n";
  return dir;
}

struct CalibrationRecords final : core::RecordObserver {
  core::CalibrationInput input;
  void on_record(core::RequestRecord const& r) override {
    if (r.outcome != core::RecordOutcome::aborted) core::add_calibration_record(input, r, 0);
  }
};

core::CalibrationInput simulate(std::string const& model, std::uint64_t seed) {
  auto const dir = write_inputs_trace();
  auto plan = plan_or_die(calibration_plan(model, 150));
  std::vector<core::PlanError> errors;
  core::load_plan_traces(plan, dir.string(), errors);
  EXPECT_TRUE(errors.empty());
  CalibrationRecords collect;
  collect.input.files = {"sim"};
  collect.input.headers = {core::RecordsHeader{}};
  run_sim(plan, {.seed = seed}, [&](core::TestRun& run) { run.set_record_observer(&collect); });
  return std::move(collect.input);
}

core::ParamEstimate const* param(core::Calibration const& c, std::string const& quantity,
                                 std::string const& name) {
  for (auto const& q : c.quantities) {
    if (q.name != quantity) continue;
    for (auto const& p : q.params) {
      if (p.name == name || name.empty()) return &p;  // "": the family's first parameter
    }
  }
  return nullptr;
}

struct Truth {
  char const* quantity;
  char const* param;
  double value;
};

}  // namespace

TEST(calibrate_roundtrip_test, every_interval_covers_the_truth_on_sim_records) {
  auto const input = simulate(truth_model, 1);
  auto const c = core::calibrate(input, {});
  ASSERT_TRUE(c.load_identifiable);
  for (auto const& t : std::initializer_list<Truth>{
           {"first_token_delay", "median", 200},
           {"first_token_delay", "p99", 600},
           {"first_token_delay_per_1k_input_tokens", "per_1k", 30},
           {"slowdown_per_active_stream", "k", 0.02},
           {"token_interval", "mean", 20},
           {"token_interval", "stddev", 4},
           {"tokens_per_response", "value", 30},
           {"tokens_per_delta", "value", 2},
           {"tool_call_delay", "", 400},
           {"network_rtt", "value", 10},
           {"max_concurrent", "slots", 6},
           {"error_rate", "rate_529", 0.03},
           {"stream_error_rate", "rate", 0.02},
       }) {
    SCOPED_TRACE(std::string(t.quantity) + "." + t.param);
    auto const* p = param(c, t.quantity, t.param);
    ASSERT_NE(p, nullptr);
    EXPECT_LE(p->lo, t.value) << "estimate " << p->estimate;
    EXPECT_GE(p->hi, t.value) << "estimate " << p->estimate;
  }
  EXPECT_EQ(c.model.max_concurrent, 6U);
  EXPECT_EQ(c.model.error_status, 529);
}

TEST(calibrate_roundtrip_test, same_records_give_byte_identical_outputs) {
  // Determinism does not need tight intervals: 10 bootstrap replicates, not 200.
  core::CalibrationOptions const options{.bootstrap = 10};
  auto const input = simulate(truth_model, 7);
  auto const a = core::calibrate(input, options), b = core::calibrate(input, options);
  EXPECT_EQ(boost::json::serialize(core::diagnostics_json(a, {"x"})),
            boost::json::serialize(core::diagnostics_json(b, {"x"})));
  auto const again = simulate(truth_model, 7);
  EXPECT_EQ(boost::json::serialize(core::model_json(core::calibrate(again, options))),
            boost::json::serialize(core::model_json(a)));
}

TEST(calibrate_roundtrip_test, one_load_level_cannot_tell_queueing_from_delay) {
  auto plan = plan_or_die(std::string(R"({"model": )") + truth_model + R"(,
      "options": {"scenarios": {"l10": {"executor": "constant-vus", "vus": 10,
                                        "duration": "200s", "exec": "simple_query"}}}})");
  CalibrationRecords collect;
  collect.input.files = {"sim"};
  collect.input.headers = {core::RecordsHeader{}};
  run_sim(plan, {.seed = 1}, [&](core::TestRun& run) { run.set_record_observer(&collect); });
  auto const c = core::calibrate(collect.input, {});
  EXPECT_FALSE(c.load_identifiable);
  for (auto const* name :
       {"slowdown_per_active_stream", "max_concurrent", "first_token_delay_per_1k_input_tokens"}) {
    SCOPED_TRACE(name);
    auto const it = std::find_if(c.quantities.begin(), c.quantities.end(),
                                 [&](auto const& q) { return q.name == name; });
    ASSERT_NE(it, c.quantities.end());
    EXPECT_FALSE(it->fitted);
    EXPECT_NE(it->note.find("not identifiable"), std::string::npos) << it->note;
  }
}

}  // namespace loadtwin::sim

namespace loadtwin::sim {

TEST(calibrate_roundtrip_test, no_slowdown_in_the_model_fits_none_and_keeps_constants) {
  // Four load levels of a server whose delays do not depend on load: a fitted slowdown of
  // ~0 would only turn the constant first-token delay into an empirical one.
  std::string const model = R"({"first_token_delay": "200ms", "token_interval": "20ms",
      "tokens_per_response": 20, "tool_call_delay": "400ms", "network_rtt": "10ms"})";
  auto plan = plan_or_die(calibration_plan(model, 40));
  std::vector<core::PlanError> errors;
  core::load_plan_traces(plan, write_inputs_trace().string(), errors);
  ASSERT_TRUE(errors.empty());
  CalibrationRecords collect;
  collect.input.files = {"sim"};
  collect.input.headers = {core::RecordsHeader{}};
  run_sim(plan, {.seed = 3}, [&](core::TestRun& run) { run.set_record_observer(&collect); });
  auto const c = core::calibrate(collect.input, {.bootstrap = 20});
  ASSERT_TRUE(c.load_identifiable);
  auto const slowdown = std::find_if(c.quantities.begin(), c.quantities.end(), [](auto const& q) {
    return q.name == "slowdown_per_active_stream";
  });
  ASSERT_NE(slowdown, c.quantities.end());
  EXPECT_FALSE(slowdown->fitted);
  EXPECT_NE(slowdown->note.find("no load dependence"), std::string::npos) << slowdown->note;
  EXPECT_EQ(c.model.slowdown_per_active_stream, 0.0);
  auto const first = std::find_if(c.quantities.begin(), c.quantities.end(),
                                  [](auto const& q) { return q.name == "first_token_delay"; });
  ASSERT_NE(first, c.quantities.end());
  EXPECT_EQ(first->family, "constant");
}

}  // namespace loadtwin::sim
