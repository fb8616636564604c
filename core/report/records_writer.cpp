// The records file writer (records_io.hpp): lines rendered into a batch, handed to the
// sink in pieces -- no string and no library call per record (a sim run writes hundreds of
// thousands a second).
#include <zlib.h>

#include "core/report/records_io.hpp"

namespace loadtwin::core {
namespace {

// zlib's file: plain ("T", transparent) or gzip at its fastest level (records are large).
class GzipSink final : public PieceSink {
 public:
  explicit GzipSink(gzFile file) : file_(file) {}
  ~GzipSink() override { close(); }
  GzipSink(GzipSink const&) = delete;
  GzipSink& operator=(GzipSink const&) = delete;

  void take(std::string& piece) override {
    if (file_ != nullptr && !failed_ && !piece.empty()) {
      failed_ = gzwrite(file_, piece.data(), static_cast<unsigned>(piece.size())) !=
                static_cast<int>(piece.size());
    }
    piece.clear();
  }
  bool close() override {
    if (file_ == nullptr) return !failed_;
    failed_ = gzclose(file_) != Z_OK || failed_;
    file_ = nullptr;
    return !failed_;
  }

 private:
  gzFile file_;
  bool failed_ = false;
};

}  // namespace

std::unique_ptr<PieceSink> open_records_sink(std::string const& path, std::string& error) {
  bool const gzip = path.size() > 3 && path.ends_with(".gz");
  gzFile file = gzopen(path.c_str(), gzip ? "wb1" : "wbT");
  if (file == nullptr) {
    error = path + ": cannot open for writing";
    return nullptr;
  }
  gzbuffer(file, 1 << 17);
  return std::make_unique<GzipSink>(file);
}

std::unique_ptr<RecordsWriter> RecordsWriter::open(std::string const& path,
                                                   RecordsHeader const& header,
                                                   std::string& error) {
  auto sink = open_records_sink(path, error);
  if (!sink) return nullptr;
  return std::make_unique<RecordsWriter>(std::move(sink), header);
}

RecordsWriter::RecordsWriter(std::unique_ptr<PieceSink> sink, RecordsHeader const& header)
    : sink_(std::move(sink)) {
  batch_.reserve(kRecordsPieceBytes + (1 << 12));
  batch_ += render_records_header(header);
  batch_ += '\n';
}

RecordsWriter::~RecordsWriter() { close(); }

void RecordsWriter::on_record(RequestRecord const& record) {
  append_record_line(batch_, record);
  flush_batch(false);
  ++written_;
}

void RecordsWriter::on_lines(std::string& lines, std::uint64_t records) {
  if (batch_.empty()) {
    batch_.swap(lines);  // the common case: a whole batch of lines, no copy
  } else {
    batch_ += lines;
  }
  lines.clear();
  flush_batch(false);
  written_ += records;
}

void RecordsWriter::flush_batch(bool all) {
  if (batch_.empty() || (!all && batch_.size() < kRecordsPieceBytes)) return;
  sink_->take(batch_);
  if (batch_.capacity() < kRecordsPieceBytes) batch_.reserve(kRecordsPieceBytes + (1 << 12));
}

bool RecordsWriter::close() {
  if (closed_) return !failed_;
  closed_ = true;
  flush_batch(true);
  failed_ = !sink_->close();
  return !failed_;
}

}  // namespace loadtwin::core
