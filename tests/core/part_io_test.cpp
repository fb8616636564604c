// Parts on disk: exact round trips (text and gzip), and every kind of bad input named.
#include "core/report/part_io.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/plan/plan_json.hpp"

namespace loadtwin::core {
namespace {

Plan small_plan() {
  auto parsed = parse_plan(R"({"options": {"scenarios": {"a": {"executor": "constant-vus",
      "vus": 2, "duration": "1s", "exec": "simple_query"}},
      "thresholds": {"errors": ["rate<0.1"]}}})");
  EXPECT_TRUE(parsed.plan.has_value());
  return *parsed.plan;
}

// A part with one sink of every type, odd doubles, and both step functions.
Part sample_part() {
  Plan const plan = small_plan();
  Part p;
  p.version = "9.9.9";
  p.plan_sha256 = plan.sha256;
  p.plan_document = plan.document;
  p.seed = 42;
  p.sequence = "0,1/3,2/3,1";
  p.runs.push_back({"1/3:2/3",
                    1'700'000'000'123'456'789,
                    1'700'000'000'123'999'000,
                    Duration{1'234'567'891},
                    StopReason::threshold_abort,
                    "",
                    Duration{2'000'000'000},
                    {"errors rate<0.1"}});
  TrendSink trend;
  for (std::int64_t v : {5LL, 3LL, 3LL, 9'000'000'000'000LL, 3LL, -1LL}) trend.add(Duration{v});
  p.sinks = {{"http_reqs", CounterSink{0.1 + 0.2, 7}},
             {"errors", RateSink{2, 7}},
             {"vus", GaugeSink{0, 0, 2, 3}},
             {"http_req_duration", trend}};
  p.vus = {{at_offset(Duration{0}), 2}, {at_offset(Duration{5}), 0}};
  p.vus_allocated = {{at_offset(Duration{0}), 2}};
  ScenarioReport s{"a", ExecutorKind::constant_vus, RequestKind::simple_query, {}};
  s.counters.requests_sent = 7;
  s.counters.errors_by_reason[static_cast<std::size_t>(ErrorReason::timeout)] = 2;
  p.scenarios.push_back(s);
  p.records_header.plan_sha256 = plan.sha256;
  p.records_path = "/out/requests-1.jsonl.gz";
  return p;
}

std::string temp(std::string const& name) { return ::testing::TempDir() + "/part_io_" + name; }

TEST(part_io_test, a_part_reads_back_exactly_and_renders_the_same_bytes) {
  Part const p = sample_part();
  std::string const text = render_part(p);
  std::string error;
  auto const back = parse_part(text, error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(render_part(*back), text);
  EXPECT_EQ(back->runs, p.runs);
  EXPECT_EQ(back->vus, p.vus);
  EXPECT_EQ(std::get<CounterSink>(back->sinks[0].sink).sum, 0.1 + 0.2);  // shortest round trip
  auto const& trend = std::get<TrendSink>(back->sinks[3].sink);
  EXPECT_EQ(trend.count(), 6U);
  EXPECT_EQ(trend.percentile_ms(1), 9'000'000.0);
  EXPECT_EQ(trend.runs().front().value, -1);
  EXPECT_EQ(
      back->scenarios[0].counters.errors_by_reason[static_cast<std::size_t>(ErrorReason::timeout)],
      2U);
}

TEST(part_io_test, files_round_trip_plain_and_gzip_told_by_content) {
  Part const p = sample_part();
  for (std::string const name : {"plain.json", "packed.json.gz"}) {
    std::string error;
    ASSERT_TRUE(write_part_file(temp(name), p, error)) << error;
    auto const back = read_part_file(temp(name), error);
    ASSERT_TRUE(back.has_value()) << error;
    EXPECT_EQ(render_part(*back), render_part(p)) << name;
  }
  std::ifstream gz(temp("packed.json.gz"), std::ios::binary);
  EXPECT_EQ(gz.get(), 0x1f);  // the gzip magic: .gz means compressed
}

TEST(part_io_test, bad_parts_are_refused_with_where_and_why) {
  std::string const good = render_part(sample_part());
  auto const replace = [&good](std::string const& from, std::string const& to) {
    std::string text = good;
    auto const at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  struct Case {
    std::string text;
    std::string says;
  };
  std::vector<Case> const cases{
      {"{\"a\": 1}", "not a loadtwin part"},
      {good.substr(0, good.size() / 2), "not JSON"},
      {replace("\"loadtwin_part\": 1", "\"loadtwin_part\": 2"), "format 2 is not supported"},
      {replace("\"duration_ns\": 1234567891, \"stop\": \"threshold_abort\", \"stop_message",
               "\"duration_ns\": \"x\", \"stop\": \"threshold_abort\", \"stop_message"),
       "$.segments[0].duration_ns: expected an integer"},
      {replace("\"stop\": \"threshold_abort\", \"stop_message",
               "\"stop\": \"melted\", \"stop_message"),
       "unknown stop reason"},
      {replace("\"type\": \"rate\"", "\"type\": \"histogram\""), "$.metrics[1].type"},
      {replace("\"timeout\": 2", "\"tmeout\": 2"), "unknown error reason"},
      {replace("\"runs\": [-1,1,", "\"runs\": [7,1,"), "values must increase"},
      {replace("\"count\": 6", "\"count\": 5"), "does not match the runs"},
      {replace("\"vus\":2", "\"vus\":3"), "does not match plan_sha256"},
      {replace("\"trues\": 2", "\"trues\": 9"), "more than total"},
      {replace("\"segments\": [", "\"segments\": 5, \"x\": ["), "$.segments: expected an array"},
  };
  for (auto const& c : cases) {
    std::string error;
    EXPECT_FALSE(parse_part(c.text, error).has_value()) << c.says;
    EXPECT_NE(error.find(c.says), std::string::npos) << "wanted '" << c.says << "', got " << error;
  }
}

TEST(part_io_test, unreadable_and_truncated_files_name_the_file) {
  std::string error;
  EXPECT_FALSE(read_part_file(temp("missing.json"), error).has_value());
  EXPECT_NE(error.find("missing.json: cannot open"), std::string::npos) << error;
  ASSERT_TRUE(write_part_file(temp("cut.json.gz"), sample_part(), error)) << error;
  std::ifstream in(temp("cut.json.gz"), std::ios::binary);
  std::string const bytes((std::istreambuf_iterator<char>(in)), {});
  std::ofstream(temp("cut.json.gz"), std::ios::binary | std::ios::trunc)
      << bytes.substr(0, bytes.size() / 2);
  EXPECT_FALSE(read_part_file(temp("cut.json.gz"), error).has_value());
  EXPECT_NE(error.find("cut.json.gz"), std::string::npos) << error;
}

}  // namespace
}  // namespace loadtwin::core
