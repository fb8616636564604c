#include "app/background_records.hpp"

#include <vector>

#include "app/batch_thread.hpp"

namespace loadtwin::app {
namespace {

// Records in the order they came: `rendered` lines already rendered, then `size` slots to
// render. Slots keep their strings' and delta lists' room, so a batch allocates nothing once
// grown.
struct RecordBatch {
  std::string lines;
  std::uint64_t rendered = 0;
  std::vector<core::RequestRecord> slots;
  std::size_t size = 0;
};

constexpr std::size_t kRecordsPerBatch = 512;
// Lines the run's thread renders ahead before it waits for the writing thread after all.
constexpr std::size_t kMostLinesAhead = 4 * core::kRecordsPieceBytes;

class BackgroundRecords final : public core::RecordsOutput {
 public:
  explicit BackgroundRecords(std::unique_ptr<core::RecordsWriter> writer)
      : writer_(std::move(writer)), batches_([this](RecordBatch& batch) { write(batch); }) {}
  ~BackgroundRecords() override { close(); }
  BackgroundRecords(BackgroundRecords const&) = delete;
  BackgroundRecords& operator=(BackgroundRecords const&) = delete;

  void on_record(core::RequestRecord const& record) override {
    if (filling_.size == filling_.slots.size()) {
      filling_.slots.push_back(record);
    } else {
      filling_.slots[filling_.size] = record;
    }
    if (++filling_.size == kRecordsPerBatch) pass_on();
  }

  bool close() override {
    if (!closed_) {
      closed_ = true;
      batches_.hand_over(filling_);
      batches_.finish();
    }
    return writer_->close();  // the thread has ended: the writer is this thread's again
  }

 private:
  // Hands the full batch over, or renders it here while the writing thread is busy.
  void pass_on() {
    if (batches_.try_hand_over(filling_)) return;
    if (filling_.lines.size() >= kMostLinesAhead) {
      batches_.hand_over(filling_);
      return;
    }
    for (std::size_t i = 0; i < filling_.size; ++i) {
      core::append_record_line(filling_.lines, filling_.slots[i]);
    }
    filling_.rendered += filling_.size;
    filling_.size = 0;
  }

  // On the writing thread: the batch's lines, then its slots, to the writer.
  void write(RecordBatch& batch) {
    writer_->on_lines(batch.lines, batch.rendered);
    batch.rendered = 0;
    for (std::size_t i = 0; i < batch.size; ++i) writer_->on_record(batch.slots[i]);
    batch.size = 0;
  }

  std::unique_ptr<core::RecordsWriter> writer_;
  RecordBatch filling_;  // the run's thread's
  bool closed_ = false;
  BatchThread<RecordBatch> batches_;  // last: its thread uses writer_
};

}  // namespace

std::unique_ptr<core::RecordsOutput> records_in_background(std::unique_ptr<core::PieceSink> sink,
                                                           core::RecordsHeader const& header) {
  return std::make_unique<BackgroundRecords>(
      std::make_unique<core::RecordsWriter>(std::move(sink), header));
}

std::unique_ptr<core::RecordsOutput> open_records_writer(std::string const& path,
                                                         core::RecordsHeader const& header,
                                                         std::string& error) {
  auto writer = core::RecordsWriter::open(path, header, error);
  if (!writer) return nullptr;
  return std::make_unique<BackgroundRecords>(std::move(writer));
}

}  // namespace loadtwin::app
