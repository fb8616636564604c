// The trace executor in sim: one request per row at its offset / time_scale, with the
// row's input tokens and its output length as the reply's; drops counted when maxVUs runs
// short; segments partition the rows; and the whole Azure code trace when ../shared/traces
// is there (skipped cleanly otherwise: it is never copied into the project).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/plan/trace_file.hpp"
#include "core/run/segment.hpp"
#include "sim_test_support.hpp"

namespace loadtwin::sim {
namespace {

using namespace testing;

struct TraceRecords final : core::RecordObserver {
  std::vector<core::RequestRecord> records;
  void on_record(core::RequestRecord const& r) override { records.push_back(r); }
};

// A small synthetic trace in each format, the same rows.
core::TraceRows synthetic_rows() {
  core::TraceRows rows;
  for (int i = 0; i < 50; ++i) {
    rows.push_back({core::ms(i * 37 + (i % 5) * 7), static_cast<std::uint32_t>(10 + i * 97),
                    static_cast<std::uint32_t>(1 + (i * 13) % 40)});
  }
  return rows;
}

std::filesystem::path write_traces(core::TraceRows const& rows) {
  // One directory per process: ctest -j runs this binary's tests side by side.
  auto const dir =
      std::filesystem::temp_directory_path() / ("loadtwin_trace_sim_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream lt(dir / "t.csv"), mc(dir / "t.jsonl");
  lt << "offset_ms,input_tokens,output_tokens\n";
  for (auto const& r : rows) {
    auto const ms = r.at.count() / 1'000'000;
    lt << ms << "," << r.input_tokens << "," << r.output_tokens << "\n";
    mc << R"({"timestamp": )" << 5000 + ms << R"(, "input_length": )" << r.input_tokens
       << R"(, "output_length": )" << r.output_tokens << R"(, "hash_ids": [1, 2]})"
       << "\n";
  }
  return dir;
}

core::Plan trace_plan(std::string const& file, std::string const& format, double scale, int max_vus,
                      std::filesystem::path const& dir) {
  auto plan = plan_or_die(R"({"model": {"error_rate": 0, "first_token_delay": "50ms",
      "first_token_delay_per_1k_input_tokens": "10ms", "token_interval": "10ms"},
      "options": {"scenarios": {"t": {"executor": "trace", "trace": ")" +
                          file + R"(", "format": ")" + format + R"(", "time_scale": )" +
                          std::to_string(scale) + R"(, "maxVUs": )" + std::to_string(max_vus) +
                          R"(, "exec": "simple_query"}}}})");
  std::vector<core::PlanError> errors;
  core::load_plan_traces(plan, dir.string(), errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front().message);
  return plan;
}

std::vector<core::RequestRecord> records_of(core::Plan const& plan,
                                            core::ExecutionTuple segment = {}) {
  TraceRecords collect;
  run_sim(plan, {.seed = 1, .segment = std::move(segment)},
          [&](core::TestRun& run) { run.set_record_observer(&collect); });
  std::sort(collect.records.begin(), collect.records.end(),
            [](auto const& a, auto const& b) { return *a.arrival < *b.arrival; });
  return collect.records;
}

}  // namespace

TEST(trace_replay_test, rows_arrive_exactly_with_their_lengths_in_every_format) {
  auto const rows = synthetic_rows();
  auto const dir = write_traces(rows);
  for (auto const& [file, format] : {std::pair{"t.csv", "loadtwin"}, {"t.jsonl", "mooncake"}}) {
    for (double scale : {1.0, 2.0, 0.5}) {
      SCOPED_TRACE(std::string(format) + " x" + std::to_string(scale));
      auto const records = records_of(trace_plan(file, format, scale, 100, dir));
      ASSERT_EQ(records.size(), rows.size());
      for (std::size_t i = 0; i < rows.size(); ++i) {
        auto const& r = records[i];
        EXPECT_EQ(*r.arrival, i);
        EXPECT_EQ(r.sent, core::at_offset(core::scaled_trace_offset(rows[i], scale)));
        EXPECT_EQ(r.input_tokens, rows[i].input_tokens);
        EXPECT_EQ(r.output_tokens, rows[i].output_tokens);
        // 50 ms + 10 ms per 1k input tokens: the prompt's size reaches the first token
        auto const ttft = *r.first_text - r.sent;
        EXPECT_EQ(ttft, core::ms(50) +
                            core::Duration{(10'000'000LL * rows[i].input_tokens + 500) / 1000});
      }
    }
  }
}

TEST(trace_replay_test, a_row_without_a_free_vu_is_dropped_and_counted) {
  auto const rows = synthetic_rows();
  auto const dir = write_traces(rows);
  auto const plan = trace_plan("t.csv", "loadtwin", 1, 2, dir);
  auto const s = run_sim(plan, {.seed = 1}).summary;
  auto const c = counters(s, "t");
  EXPECT_GT(c.iterations_dropped, 0U);
  EXPECT_EQ(c.slots_due, rows.size());
  EXPECT_EQ(c.iterations_started + c.iterations_dropped, c.slots_due);
  EXPECT_LE(c.vus_max, 2U);
}

TEST(trace_replay_test, segments_send_every_row_once_with_the_same_script) {
  auto const rows = synthetic_rows();
  auto const dir = write_traces(rows);
  auto const plan = trace_plan("t.csv", "loadtwin", 1, 100, dir);
  auto const whole = records_of(plan);
  std::vector<core::RequestRecord> parts;
  for (int i = 0; i < 3; ++i) {
    std::string error;
    auto const segment = core::ExecutionTuple::nth_of(i, 3, error);
    ASSERT_TRUE(segment) << error;
    auto const part = records_of(plan, *segment);
    parts.insert(parts.end(), part.begin(), part.end());
  }
  std::sort(parts.begin(), parts.end(),
            [](auto const& a, auto const& b) { return *a.arrival < *b.arrival; });
  ASSERT_EQ(parts.size(), whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ(parts[i].key, whole[i].key);
    EXPECT_EQ(parts[i].sent, whole[i].sent);
    EXPECT_EQ(parts[i].first_text, whole[i].first_text);
    EXPECT_EQ(parts[i].end, whole[i].end);
  }
}

TEST(trace_replay_test, the_azure_code_trace_replays_row_for_row) {
  std::filesystem::path const traces = LOADTWIN_SOURCE_DIR "/../shared/traces";
  auto const file = traces / "AzureLLMInferenceTrace_code.csv";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file << " (../shared/traces)";
  std::vector<std::string> errors;
  auto const rows = core::read_trace_file(file.string(), "azure", errors);
  ASSERT_TRUE(rows) << errors.front();
  // Every data row is read: count the file's lines that hold a row (the header aside).
  std::ifstream in(file);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) lines += line.starts_with("20") ? 1 : 0;
  EXPECT_EQ(rows->size(), lines);
  EXPECT_GT(lines, 8000U);
  auto const records = records_of(trace_plan(file.string(), "azure", 2, 100000, ""));
  ASSERT_EQ(records.size(), rows->size());
  for (std::size_t i = 0; i < rows->size(); i += 97) {
    EXPECT_EQ(records[i].sent, core::at_offset(core::scaled_trace_offset((*rows)[i], 2)));
    EXPECT_EQ(records[i].input_tokens, (*rows)[i].input_tokens);
    EXPECT_EQ(records[i].output_tokens, (*rows)[i].output_tokens);
  }
}

}  // namespace loadtwin::sim
