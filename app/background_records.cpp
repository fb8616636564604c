#include "app/background_records.hpp"

#include <vector>

#include "app/batch_thread.hpp"

namespace loadtwin::app {
namespace {

// Records in the order they came: `lines` already rendered, then `size` slots to render.
// Slots keep their strings' and delta lists' room, so a batch allocates nothing once grown.
struct RecordBatch {
  std::string lines;
  std::vector<core::RequestRecord> slots;
  std::size_t size = 0;
};

constexpr std::size_t kRecordsPerBatch = 512;
// Lines the run's thread renders ahead before it waits for the writing thread after all.
constexpr std::size_t kMostLinesAhead = 4 * core::kRecordsPieceBytes;

void render_slots(std::string& lines, RecordBatch& batch) {
  for (std::size_t i = 0; i < batch.size; ++i) {
    core::append_record(lines, batch.slots[i]);
    lines += '\n';
  }
  batch.size = 0;
}

class BackgroundRecords final : public core::RecordsOutput {
 public:
  BackgroundRecords(std::unique_ptr<core::PieceSink> sink, core::RecordsHeader const& header)
      : sink_(std::move(sink)), batches_([this](RecordBatch& batch) { write(batch); }) {
    filling_.lines = core::render_records_header(header);
    filling_.lines += '\n';
  }
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
    if (closed_) return ok_;
    closed_ = true;
    batches_.hand_over(filling_);
    batches_.finish();
    sink_->take(pending_);  // the thread has ended: pending_ is this thread's again
    ok_ = sink_->close();
    return ok_;
  }

 private:
  // Hands the full batch over, or renders it here while the writing thread is busy.
  void pass_on() {
    if (batches_.try_hand_over(filling_)) return;
    if (filling_.lines.size() >= kMostLinesAhead) {
      batches_.hand_over(filling_);
      return;
    }
    render_slots(filling_.lines, filling_);
  }

  // On the writing thread: the batch's lines and slots into pieces for the sink.
  void write(RecordBatch& batch) {
    if (pending_.empty()) {
      pending_.swap(batch.lines);
    } else {
      pending_ += batch.lines;
    }
    batch.lines.clear();
    render_slots(pending_, batch);
    if (pending_.size() >= core::kRecordsPieceBytes) sink_->take(pending_);
  }

  std::unique_ptr<core::PieceSink> sink_;
  RecordBatch filling_;  // the run's thread's
  std::string pending_;  // the writing thread's until close(): lines short of a piece
  bool closed_ = false;
  bool ok_ = true;
  BatchThread<RecordBatch> batches_;  // last: its thread uses sink_ and pending_
};

}  // namespace

std::unique_ptr<core::RecordsOutput> records_in_background(std::unique_ptr<core::PieceSink> sink,
                                                           core::RecordsHeader const& header) {
  return std::make_unique<BackgroundRecords>(std::move(sink), header);
}

std::unique_ptr<core::RecordsOutput> open_records_writer(std::string const& path,
                                                         core::RecordsHeader const& header,
                                                         std::string& error) {
  auto sink = core::open_records_sink(path, error);
  if (!sink) return nullptr;
  return records_in_background(std::move(sink), header);
}

}  // namespace loadtwin::app
