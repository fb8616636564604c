#pragma once
// Per-request records on disk (SPEC "Per-request records"): JSON lines, gzip when the file
// name ends in .gz. The first line is the header, then one object per request; times are
// integer nanoseconds from the run's start, fields that do not apply are absent. The writer
// is a RecordObserver of a TestRun; the reader is what calibrate, validate, merge and the
// twin check read, and it never trusts its input: every problem is FILE:LINE: what.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/run/request_record.hpp"

namespace loadtwin::core {

// One line of JSON for the header and for a record (no trailing newline).
std::string render_records_header(RecordsHeader const& header);
std::string render_record(RequestRecord const& record);
// render_record appended to `out`, for writers that batch lines.
void append_record(std::string& out, RequestRecord const& record);
// append_record and the line's end.
void append_record_line(std::string& out, RequestRecord const& record);

// Bytes of lines a records writer gathers before it hands them to its sink.
inline constexpr std::size_t kRecordsPieceBytes = 1 << 18;

// Where a records file's bytes go, a piece (many whole lines) at a time.
class PieceSink {
 public:
  virtual ~PieceSink() = default;
  // Takes the piece's bytes; `piece` comes back empty (its capacity may be another's).
  virtual void take(std::string& piece) = 0;
  // Writes what is left and closes; false when any write failed (a full disk, say).
  virtual bool close() = 0;
};

// The file itself through zlib (gzip when `path` ends in ".gz"), written on the caller's
// thread; nullptr and `error` when it cannot be created. app/ wraps it to write on a thread.
std::unique_ptr<PieceSink> open_records_sink(std::string const& path, std::string& error);

// A records file being written: records in, then close(), which says whether every write
// succeeded (a full disk, say). RecordsWriter below, or app/'s writer on a thread.
class RecordsOutput : public RecordObserver {
 public:
  virtual bool close() = 0;
};

// Renders each record into a batch and hands the batch to its sink once it is a piece.
class RecordsWriter final : public RecordsOutput {
 public:
  // Creates `path` (gzip when it ends in ".gz") and writes the header; nullptr and `error`
  // when the file cannot be created.
  static std::unique_ptr<RecordsWriter> open(std::string const& path, RecordsHeader const& header,
                                             std::string& error);
  RecordsWriter(std::unique_ptr<PieceSink> sink, RecordsHeader const& header);
  ~RecordsWriter() override;
  RecordsWriter(RecordsWriter const&) = delete;
  RecordsWriter& operator=(RecordsWriter const&) = delete;

  void on_record(RequestRecord const& record) override;
  // `records` lines rendered elsewhere (append_record_line), in their place among the
  // records; `lines` comes back empty.
  void on_lines(std::string& lines, std::uint64_t records);
  // Flushes and closes; false when any write failed.
  bool close() override;
  [[nodiscard]] std::uint64_t written() const { return written_; }

 private:
  void flush_batch(bool all);  // hands the batch over once it is a full piece (or `all`)
  std::unique_ptr<PieceSink> sink_;
  std::string batch_;  // rendered lines not yet handed over
  bool closed_ = false;
  bool failed_ = false;
  std::uint64_t written_ = 0;
};

class RecordsReader {
 public:
  // Opens `path` (plain or gzip, told by its content) and reads the header; nullptr and
  // `error` ("FILE:1: ...") when it cannot.
  static std::unique_ptr<RecordsReader> open(std::string const& path, std::string& error);
  ~RecordsReader();
  RecordsReader(RecordsReader const&) = delete;
  RecordsReader& operator=(RecordsReader const&) = delete;

  [[nodiscard]] RecordsHeader const& header() const { return header_; }
  // The next record; nullopt at the end of the file or on the first bad line, which
  // error() then names ("FILE:LINE: what").
  std::optional<RequestRecord> next();
  [[nodiscard]] std::string const& error() const { return error_; }
  [[nodiscard]] std::uint64_t line() const { return line_; }

 private:
  RecordsReader(void* file, std::string path) : file_(file), path_(std::move(path)) {}
  bool read_line(std::string& out);
  void fail(std::string const& what);
  void* file_;  // gzFile
  std::string path_;
  RecordsHeader header_;
  std::uint64_t line_ = 0;
  std::string error_;
};

// A whole records file in memory (tests, merge).
struct RecordsFile {
  RecordsHeader header;
  std::vector<RequestRecord> records;
};
std::optional<RecordsFile> read_records_file(std::string const& path, std::string& error);

// Parses one record line; nullopt and `error` (without FILE:LINE) when it is not one.
std::optional<RequestRecord> parse_record(std::string_view line, std::string& error);
std::optional<RecordsHeader> parse_records_header(std::string_view line, std::string& error);

}  // namespace loadtwin::core
