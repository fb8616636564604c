// Per-request records from sim: one per request sent (conservation), every timestamp where
// it belongs, byte-identical for a seed, and readable back exactly.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/report/records_io.hpp"
#include "sim_test_support.hpp"

namespace loadtwin::sim {
namespace {

using namespace testing;

struct CollectRecords final : core::RecordObserver {
  std::vector<core::RequestRecord> records;
  void on_record(core::RequestRecord const& r) override { records.push_back(r); }
};

std::vector<core::RequestRecord> records_of(core::Plan const& plan, std::uint64_t seed) {
  CollectRecords collect;
  run_sim(plan, {.seed = seed}, [&](core::TestRun& run) { run.set_record_observer(&collect); });
  return collect.records;
}

// Errors, queueing, cuts, interruptions and an arrival-rate scenario, all in 3 s.
constexpr char const* mixed_plan = R"({
  "model": {"first_token_delay": {"dist": "uniform", "min": "50ms", "max": "150ms"},
            "token_interval": "10ms", "tokens_per_response": 8, "tool_call_delay": "300ms",
            "error_rate": 0.1, "stream_error_rate": 0.1, "max_concurrent": 3,
            "network_rtt": "20ms"},
  "options": {"scenarios": {
    "a": {"executor": "constant-vus", "vus": 4, "duration": "2s", "gracefulStop": "100ms",
          "exec": "simple_query"},
    "b": {"executor": "constant-arrival-rate", "rate": 5, "duration": "2s",
          "preAllocatedVUs": 2, "exec": "tool_call"}}}})";

}  // namespace

TEST(records_test, one_record_per_request_with_outcomes_adding_up) {
  auto const plan = plan_or_die(mixed_plan);
  CollectRecords collect;
  auto const s = run_sim(plan, {.seed = 3}, [&](core::TestRun& run) {
                   run.set_record_observer(&collect);
                 }).summary;
  std::map<std::string, std::map<core::RecordOutcome, std::uint64_t>> by_scenario;
  for (auto const& r : collect.records) ++by_scenario[r.scenario][r.outcome];
  for (auto const& sc : s.scenarios) {
    SCOPED_TRACE(sc.name);
    auto const& c = sc.counters;
    auto& outcomes = by_scenario[sc.name];
    EXPECT_EQ(outcomes[core::RecordOutcome::ok], c.requests_ok);
    EXPECT_EQ(outcomes[core::RecordOutcome::error], c.requests_error);
    EXPECT_EQ(outcomes[core::RecordOutcome::interrupted], c.requests_interrupted);
    EXPECT_EQ(outcomes[core::RecordOutcome::aborted], c.requests_aborted);
    std::uint64_t total = 0;
    for (auto const& [o, n] : outcomes) total += n;
    EXPECT_EQ(total, c.requests_sent);
  }
  EXPECT_GT(by_scenario["a"][core::RecordOutcome::error], 0U);
}

TEST(records_test, times_are_ordered_and_latencies_match_the_samples) {
  auto const records = records_of(plan_or_die(mixed_plan), 3);
  ASSERT_FALSE(records.empty());
  for (auto const& r : records) {
    SCOPED_TRACE(r.key);
    EXPECT_LE(r.intended, r.sent);
    if (r.headers) {
      EXPECT_LE(r.sent, *r.headers);
    }
    if (r.first_text) {
      EXPECT_LE(*r.headers, *r.first_text);
    }
    if (r.end) {
      EXPECT_LE(r.sent, *r.end);
    }
    for (std::size_t i = 1; i < r.deltas.size(); ++i) {
      EXPECT_LE(r.deltas[i - 1].offset, r.deltas[i].offset);
    }
    if (r.scenario == "a") {
      EXPECT_TRUE(r.vu.has_value());
    }
    if (r.scenario == "b") {
      EXPECT_TRUE(r.arrival.has_value());
    }
    if (r.outcome == core::RecordOutcome::error) {
      EXPECT_TRUE(r.reason.has_value());
    }
    // A VU's recorder reuses one record: nothing of an earlier request may stay in it.
    if (r.outcome == core::RecordOutcome::ok || r.outcome == core::RecordOutcome::aborted) {
      EXPECT_FALSE(r.reason.has_value());
    }
    if (!r.first_text) {
      EXPECT_TRUE(r.deltas.empty());
    }
    if (!r.headers) {
      EXPECT_EQ(r.output_tokens, std::nullopt);
    }
    if (r.outcome == core::RecordOutcome::ok && r.exec == core::RequestKind::simple_query) {
      // 8 tokens: the first text delta and 7 more, 10 ms apart, after rtt/2 = 10 ms.
      ASSERT_TRUE(r.first_text.has_value());
      EXPECT_EQ(r.deltas.size(), 7U);
      EXPECT_EQ(r.output_tokens, std::optional<std::uint32_t>(8));
    }
  }
}

TEST(records_test, same_seed_gives_byte_identical_files_and_they_read_back_exactly) {
  namespace fs = std::filesystem;
  auto const plan = plan_or_die(mixed_plan);
  auto const dir = fs::temp_directory_path() / "loadtwin_records_test";
  fs::create_directories(dir);
  std::vector<std::string> texts;
  for (auto const* name : {"one.jsonl", "two.jsonl", "three.jsonl.gz"}) {
    auto const path = (dir / name).string();
    std::string error;
    core::RecordsHeader header;
    header.plan_sha256 = plan.sha256;
    header.seed = 3;
    auto writer = core::RecordsWriter::open(path, header, error);
    ASSERT_NE(writer, nullptr) << error;
    run_sim(plan, {.seed = 3}, [&](core::TestRun& run) { run.set_record_observer(writer.get()); });
    ASSERT_TRUE(writer->close());
    auto const file = core::read_records_file(path, error);
    ASSERT_TRUE(file.has_value()) << error;
    EXPECT_EQ(file->header, header);
    EXPECT_EQ(file->records, records_of(plan, 3));
    std::ifstream in(path, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  EXPECT_EQ(texts[0], texts[1]);
  EXPECT_NE(texts[0], texts[2]);  // the .gz one is compressed
  fs::remove_all(dir);
}

}  // namespace loadtwin::sim
