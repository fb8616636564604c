// Records written on a thread (app/background_records.hpp) and the hand-over under it
// (app/batch_thread.hpp): every batch arrives, in order, however the threads interleave; a
// failing write is reported by close(); the bytes are core's single-threaded writer's,
// whichever thread renders which batch, and a gzip file reads back record for record.
#include "app/background_records.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/batch_thread.hpp"

namespace loadtwin::app {
namespace {

TEST(background_records_test, every_batch_arrives_in_order_whichever_hand_over_is_used) {
  std::string kept, sent;
  {
    BatchThread<std::string> batches([&](std::string& batch) {
      if (kept.size() % 7 == 0) std::this_thread::yield();
      kept += batch;
      batch.clear();
    });
    std::string batch;
    for (int i = 0; i < 5000; ++i) {
      batch += std::to_string(i) + ",";
      sent += std::to_string(i) + ",";
      if (i % 2 == 0) {
        batches.hand_over(batch);
        EXPECT_TRUE(batch.empty());
      } else if (!batches.try_hand_over(batch)) {
        EXPECT_FALSE(batch.empty());  // kept, to go with the next batch
      }
    }
    batches.hand_over(batch);
    batches.finish();
  }
  EXPECT_EQ(kept, sent);
}

// Keeps every piece it is given; slow when asked, so the run's thread renders batches too.
struct KeepingSink final : core::PieceSink {
  std::string* kept;
  std::chrono::microseconds pause{0};
  bool ok = true;
  explicit KeepingSink(std::string* into) : kept(into) {}
  void take(std::string& piece) override {
    std::this_thread::sleep_for(pause);
    *kept += piece;
    piece.clear();
  }
  bool close() override { return ok; }
};

// Records whose delta lists grow and shrink, so reused batch slots must not keep old deltas.
core::RequestRecord varied_record(std::uint64_t i) {
  core::RequestRecord r;
  r.scenario = i % 3 == 0 ? "tool_call" : "simple_query";
  r.key = r.scenario + "/" + std::to_string(i % 17) + "/" + std::to_string(i);
  r.vu = i % 17;
  r.iteration = i;
  r.sent = core::Instant{} + core::Duration{static_cast<std::int64_t>(i) * 1000};
  for (std::uint64_t d = 0; d < (i * 7) % 13; ++d) {
    r.deltas.push_back({core::Duration{static_cast<std::int64_t>(d + 1) * 20}, 1});
  }
  if (i % 5 == 0) r.ratelimit.emplace_back("retry-after", std::to_string(i % 9));
  r.status = i % 11 == 0 ? 500 : 200;
  return r;
}

// What core's single-threaded writer puts in its sink for the same records.
std::string core_bytes(core::RecordsHeader const& header, std::uint64_t records) {
  std::string kept;
  core::RecordsWriter writer(std::make_unique<KeepingSink>(&kept), header);
  for (std::uint64_t i = 0; i < records; ++i) writer.on_record(varied_record(i));
  EXPECT_TRUE(writer.close());
  return kept;
}

TEST(background_records_test, the_bytes_are_cores_whether_or_not_the_sink_keeps_up) {
  core::RecordsHeader header;
  header.seed = 42;
  for (auto const pause : {std::chrono::microseconds{0}, std::chrono::microseconds{3000}}) {
    SCOPED_TRACE(pause.count());
    std::string kept;
    auto sink = std::make_unique<KeepingSink>(&kept);
    sink->pause = pause;  // slow: the run's thread finds the writer busy and renders ahead
    auto writer = records_in_background(std::move(sink), header);
    for (std::uint64_t i = 0; i < 20000; ++i) writer->on_record(varied_record(i));
    ASSERT_TRUE(writer->close());
    EXPECT_EQ(kept, core_bytes(header, 20000));
  }
}

TEST(background_records_test, a_failing_write_is_reported_on_close) {
  std::string kept;
  auto sink = std::make_unique<KeepingSink>(&kept);
  sink->ok = false;
  auto writer = records_in_background(std::move(sink), {});
  writer->on_record(varied_record(1));
  EXPECT_FALSE(writer->close());
  std::string error;
  auto full = open_records_writer("/dev/full", core::RecordsHeader{}, error);
  ASSERT_NE(full, nullptr) << error;
  for (std::uint64_t i = 0; i < 20000; ++i) full->on_record(varied_record(i));  // many pieces
  EXPECT_FALSE(full->close());
}

TEST(background_records_test, a_gzip_file_written_in_the_background_reads_back_whole) {
  auto const path = std::filesystem::temp_directory_path() / "loadtwin_background.jsonl.gz";
  std::string error;
  auto writer = open_records_writer(path.string(), core::RecordsHeader{}, error);
  ASSERT_NE(writer, nullptr) << error;
  for (std::uint64_t i = 0; i < 30000; ++i) writer->on_record(varied_record(i));
  ASSERT_TRUE(writer->close());
  auto const file = core::read_records_file(path.string(), error);
  ASSERT_TRUE(file.has_value()) << error;
  ASSERT_EQ(file->records.size(), 30000U);
  for (std::uint64_t i = 0; i < 30000; i += 997) ASSERT_EQ(file->records[i], varied_record(i));
  std::filesystem::remove(path);
  EXPECT_EQ(open_records_writer("/nonexistent-dir/x.jsonl", {}, error), nullptr);
  EXPECT_NE(error.find("cannot open for writing"), std::string::npos) << error;
}

}  // namespace
}  // namespace loadtwin::app
