// The records file writer (records_io.hpp): the run's thread renders lines into a batch;
// a thread of the writer's own hands full batches to zlib, so compressing and writing
// overlap with the run instead of adding to it (records are written by the million).
#include <zlib.h>

#include "core/report/records_io.hpp"

namespace loadtwin::core {

namespace {
constexpr std::size_t kPiece = 1 << 18;  // bytes per hand-over to the writing thread
}

std::unique_ptr<RecordsWriter> RecordsWriter::open(std::string const& path,
                                                   RecordsHeader const& header,
                                                   std::string& error) {
  // "T": transparent (plain) writing; otherwise gzip at a fast level (records are large).
  bool const gzip = path.size() > 3 && path.ends_with(".gz");
  gzFile file = gzopen(path.c_str(), gzip ? "wb1" : "wbT");
  if (file == nullptr) {
    error = path + ": cannot open for writing";
    return nullptr;
  }
  gzbuffer(file, 1 << 17);
  std::unique_ptr<RecordsWriter> writer(new RecordsWriter(file));
  writer->write_line(render_records_header(header));
  return writer;
}

RecordsWriter::RecordsWriter(void* file) : file_(file) {
  batch_.reserve(kPiece + (1 << 12));
  pending_.reserve(kPiece + (1 << 12));
  thread_ = std::thread([this] { write_pieces(); });
}

RecordsWriter::~RecordsWriter() { close(); }

void RecordsWriter::write_line(std::string_view line) {
  batch_ += line;
  batch_ += '\n';
  flush_batch(false);
}

void RecordsWriter::on_record(RequestRecord const& record) {
  append_record(batch_, record);
  batch_ += '\n';
  flush_batch(false);
  ++written_;
}

// Swaps the batch with the piece the thread has finished (waiting for it if it has not).
void RecordsWriter::flush_batch(bool all) {
  if (batch_.empty() || (!all && batch_.size() < kPiece)) return;
  std::unique_lock lock(mutex_);
  piece_written_.wait(lock, [this] { return !piece_ready_; });
  batch_.swap(pending_);
  piece_ready_ = true;
  lock.unlock();
  piece_ready_cv_.notify_one();
  batch_.clear();
}

// The writing thread: one piece at a time, in the order they were handed over.
void RecordsWriter::write_pieces() {
  std::unique_lock lock(mutex_);
  while (true) {
    piece_ready_cv_.wait(lock, [this] { return piece_ready_ || closing_; });
    if (!piece_ready_) return;  // closing, and everything handed over is written
    lock.unlock();
    bool const ok = failed_ || gzwrite(static_cast<gzFile>(file_), pending_.data(),
                                       static_cast<unsigned>(pending_.size())) ==
                                   static_cast<int>(pending_.size());
    lock.lock();
    failed_ = !ok;
    piece_ready_ = false;
    piece_written_.notify_one();
  }
}

bool RecordsWriter::close() {
  if (file_ == nullptr) return !failed_;
  flush_batch(true);
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  piece_ready_cv_.notify_one();
  thread_.join();
  failed_ = gzclose(static_cast<gzFile>(file_)) != Z_OK || failed_;
  file_ = nullptr;
  return !failed_;
}

}  // namespace loadtwin::core
