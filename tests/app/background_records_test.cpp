// The records file written on a thread (app/background_sink.hpp): what reaches the inner
// sink is every piece, in order, however the two threads interleave; a failing inner sink
// is reported by close(); a records file written this way reads back whole, and is the
// file core's single-threaded writer writes, byte for byte.
#include "app/background_sink.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
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

std::string file_bytes(std::filesystem::path const& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(background_sink_test, the_background_writer_writes_what_core_writes) {
  auto const dir = std::filesystem::temp_directory_path();
  core::RecordsHeader header;
  header.seed = 42;
  for (std::string const ext : {".jsonl", ".jsonl.gz"}) {
    auto const mine = dir / ("loadtwin_bg_mine" + ext);
    auto const core_one = dir / ("loadtwin_bg_core" + ext);
    std::string error;
    auto background = open_records_writer(mine.string(), header, error);
    auto direct = core::RecordsWriter::open(core_one.string(), header, error);
    ASSERT_TRUE(background && direct) << error;
    for (std::uint64_t i = 0; i < 5000; ++i) {  // several batches and a partial last one
      auto const r = varied_record(i);
      background->on_record(r);
      direct->on_record(r);
    }
    ASSERT_TRUE(background->close());
    ASSERT_TRUE(direct->close());
    if (ext == ".jsonl") {
      EXPECT_EQ(file_bytes(mine), file_bytes(core_one));
    }
    auto const read_mine = core::read_records_file(mine.string(), error);
    auto const read_core = core::read_records_file(core_one.string(), error);
    ASSERT_TRUE(read_mine && read_core) << error;
    EXPECT_EQ(read_mine->records, read_core->records) << ext;
    EXPECT_EQ(read_mine->records.size(), 5000U);
    EXPECT_EQ(read_mine->records[4999], varied_record(4999));
    std::filesystem::remove(mine);
    std::filesystem::remove(core_one);
  }
}

}  // namespace
}  // namespace loadtwin::app
