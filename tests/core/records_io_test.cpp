#include "core/report/records_io.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

namespace loadtwin::core {
namespace {

namespace fs = std::filesystem;

std::string const header_line =
    R"({"loadtwin_records":1,"version":"0.1.0","plan_sha256":"ab","seed":7,"segment":"0:1",)"
    R"("sequence":"","start":"1970-01-01T00:00:00Z","mode":"live","dialect":"anthropic"})";

std::string const good_line =
    R"({"scenario":"a","exec":"simple_query","vu":1,"iteration":2,"key":"a/1/2",)"
    R"("intended_ns":5,"sent_ns":6,"headers_ns":7,"first_text_ns":9,"deltas":[[10,1],[20,2]],)"
    R"("end_ns":30,"status":200,"outcome":"ok","output_tokens":4,"in_flight":3,)"
    R"("ratelimit":{"retry-after":"2"}})";

fs::path write_temp(std::string const& name, std::string const& text) {
  auto const path = fs::temp_directory_path() / ("loadtwin_records_io_" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string read_error(std::string const& text) {
  auto const path = write_temp("case.jsonl", text);
  std::string error;
  auto const file = read_records_file(path.string(), error);
  EXPECT_FALSE(file.has_value());
  fs::remove(path);
  return error;
}

}  // namespace

TEST(records_io_test, a_record_renders_and_parses_back_to_itself) {
  std::string error;
  auto const r = parse_record(good_line, error);
  ASSERT_TRUE(r.has_value()) << error;
  EXPECT_EQ(r->deltas.size(), 2U);
  EXPECT_EQ(r->deltas[1].tokens, 2U);
  EXPECT_EQ(r->ratelimit.size(), 1U);
  EXPECT_EQ(render_record(*r), good_line);
  auto const h = parse_records_header(header_line, error);
  ASSERT_TRUE(h.has_value()) << error;
  EXPECT_EQ(render_records_header(*h), header_line);
}

TEST(records_io_test, strange_header_values_are_escaped_and_survive) {
  RequestRecord r;
  r.scenario = "a";
  r.key = "a/0/0";
  r.vu = 0;
  r.ratelimit = {{"x-ratelimit-note", "quote \" backslash \\ newline \n é"}};
  std::string error;
  auto const back = parse_record(render_record(r), error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(*back, r);
}

TEST(records_io_test, every_bad_line_is_named_by_file_and_line) {
  struct Case {
    std::string text;
    std::string message;  // part of the expected error
  } const cases[] = {
      {"", ":1: empty file"},
      {"{\"x\":1}\n", ":1: not a loadtwin records file"},
      {R"({"loadtwin_records":2})"
       "\n",
       "format 2 is not supported"},
      {header_line + "\n" + good_line + "\n{oops\n", ":3: invalid JSON"},
      {header_line + "\n" + R"({"scenario":"a"})" + "\n", ":2: missing field"},
      {header_line + "\n" + good_line.substr(0, 60) + "\n", ":2: invalid JSON"},
      {header_line + "\n" + good_line, ":2: truncated last line"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.text.substr(0, 40));
    auto const error = read_error(c.text);
    EXPECT_NE(error.find(c.message), std::string::npos) << error;
    EXPECT_NE(error.find("case.jsonl"), std::string::npos) << error;
  }
  std::string bad_outcome = good_line;
  bad_outcome.replace(bad_outcome.find("\"ok\""), 4, "\"fine\"");
  EXPECT_NE(read_error(header_line + "\n" + bad_outcome + "\n").find("field \"outcome\""),
            std::string::npos);
}

TEST(records_io_test, a_truncated_gzip_file_is_an_error_not_a_short_read) {
  auto const path = fs::temp_directory_path() / "loadtwin_records_io_cut.jsonl.gz";
  {
    gzFile f = gzopen(path.c_str(), "wb");
    std::string text = header_line + "\n";
    for (int i = 0; i < 2000; ++i) text += good_line + "\n";
    gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
    gzclose(f);
  }
  auto const size = fs::file_size(path);
  fs::resize_file(path, size / 2);
  std::string error;
  EXPECT_FALSE(read_records_file(path.string(), error).has_value());
  EXPECT_NE(error.find("truncated or corrupt"), std::string::npos) << error;
  fs::remove(path);
}

// The writer hands its sink pieces of ~256 KiB: many pieces come back complete and in
// order, in both formats, and a failing disk is reported by close(), not lost.
TEST(records_io_test, the_writer_keeps_every_record_in_order_across_many_pieces) {
  std::string error;
  auto const base = parse_record(good_line, error);
  ASSERT_TRUE(base.has_value()) << error;
  RecordsHeader const header{};
  for (std::string const name : {"many.jsonl", "many.jsonl.gz"}) {
    auto const path = fs::temp_directory_path() / ("loadtwin_records_io_" + name);
    auto writer = RecordsWriter::open(path.string(), header, error);
    ASSERT_NE(writer, nullptr) << error;
    RequestRecord r = *base;
    for (std::uint64_t i = 0; i < 20000; ++i) {  // ~4 MB: more than ten pieces
      r.iteration = i;
      writer->on_record(r);
    }
    EXPECT_TRUE(writer->close());
    auto const file = read_records_file(path.string(), error);
    ASSERT_TRUE(file.has_value()) << error;
    ASSERT_EQ(file->records.size(), 20000U);
    for (std::uint64_t i = 0; i < 20000; ++i) ASSERT_EQ(file->records[i].iteration, i);
    fs::remove(path);
  }
}

TEST(records_io_test, a_write_that_fails_is_reported_when_the_writer_closes) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  std::string error;
  auto const r = parse_record(good_line, error);
  ASSERT_TRUE(r.has_value()) << error;
  auto writer = RecordsWriter::open("/dev/full", RecordsHeader{}, error);
  ASSERT_NE(writer, nullptr) << error;
  for (int i = 0; i < 5000; ++i) writer->on_record(*r);
  EXPECT_FALSE(writer->close());
}

}  // namespace loadtwin::core
