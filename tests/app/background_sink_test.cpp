// The records file written on a thread (app/background_sink.hpp): what reaches the inner
// sink is every piece, in order, however the two threads interleave; a failing inner sink
// is reported by close(); a records file written this way reads back whole.
#include "app/background_sink.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

namespace loadtwin::app {
namespace {

// Keeps every piece it is given, slowly now and then, so the writer must wait for it.
struct KeepingSink final : core::PieceSink {
  std::string* kept;
  bool ok = true;
  explicit KeepingSink(std::string* into) : kept(into) {}
  void take(std::string& piece) override {
    if (kept->size() % 7 == 0) std::this_thread::yield();
    *kept += piece;
    piece.clear();
  }
  bool close() override { return ok; }
};

TEST(background_sink_test, every_piece_arrives_in_order) {
  std::string kept, sent;
  auto sink = in_background(std::make_unique<KeepingSink>(&kept));
  for (int i = 0; i < 5000; ++i) {
    std::string piece = std::to_string(i) + ",";
    sent += piece;
    sink->take(piece);
    EXPECT_TRUE(piece.empty());
  }
  EXPECT_TRUE(sink->close());
  EXPECT_EQ(kept, sent);
}

TEST(background_sink_test, a_failing_file_is_reported_on_close) {
  std::string kept;
  auto inner = std::make_unique<KeepingSink>(&kept);
  inner->ok = false;
  auto sink = in_background(std::move(inner));
  std::string piece = "x";
  sink->take(piece);
  EXPECT_FALSE(sink->close());
  EXPECT_EQ(kept, "x");
}

TEST(background_sink_test, a_records_file_written_in_the_background_reads_back_whole) {
  auto const path = std::filesystem::temp_directory_path() / "loadtwin_background.jsonl.gz";
  std::string error;
  auto writer = open_records_writer(path.string(), core::RecordsHeader{}, error);
  ASSERT_NE(writer, nullptr) << error;
  core::RequestRecord r;
  r.scenario = "s";
  r.key = "s/0/0";
  r.vu = 0;
  for (std::uint64_t i = 0; i < 30000; ++i) {  // several 256 KiB pieces
    r.iteration = i;
    writer->on_record(r);
  }
  ASSERT_TRUE(writer->close());
  auto const file = core::read_records_file(path.string(), error);
  ASSERT_TRUE(file.has_value()) << error;
  ASSERT_EQ(file->records.size(), 30000U);
  for (std::uint64_t i = 0; i < 30000; ++i) ASSERT_EQ(file->records[i].iteration, i);
  std::filesystem::remove(path);
  EXPECT_EQ(open_records_writer("/nonexistent-dir/x.jsonl", {}, error), nullptr);
  EXPECT_NE(error.find("cannot open for writing"), std::string::npos) << error;
}

}  // namespace
}  // namespace loadtwin::app
