#include "app/background_sink.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace loadtwin::app {
namespace {

// One piece in flight: take() waits for the previous piece to be written, swaps the new
// one in and returns, so the caller renders the next piece while this one is written.
class BackgroundSink final : public core::PieceSink {
 public:
  explicit BackgroundSink(std::unique_ptr<core::PieceSink> inner)
      : inner_(std::move(inner)), thread_([this] { write_pieces(); }) {}
  ~BackgroundSink() override { close(); }
  BackgroundSink(BackgroundSink const&) = delete;
  BackgroundSink& operator=(BackgroundSink const&) = delete;

  void take(std::string& piece) override {
    std::unique_lock lock(mutex_);
    written_cv_.wait(lock, [this] { return !ready_; });
    pending_.swap(piece);
    ready_ = true;
    lock.unlock();
    ready_cv_.notify_one();
    piece.clear();
  }

  bool close() override {
    if (!thread_.joinable()) return ok_;
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    ready_cv_.notify_one();
    thread_.join();
    ok_ = inner_->close();
    return ok_;
  }

 private:
  void write_pieces() {
    std::unique_lock lock(mutex_);
    while (true) {
      ready_cv_.wait(lock, [this] { return ready_ || closing_; });
      if (!ready_) return;  // closing, and every piece handed over is written
      lock.unlock();
      inner_->take(pending_);  // the only thread touching inner_ and pending_ now
      lock.lock();
      ready_ = false;
      written_cv_.notify_one();
    }
  }

  std::unique_ptr<core::PieceSink> inner_;
  std::string pending_;  // the piece handed over; the writing thread's while ready_
  std::mutex mutex_;     // guards ready_ and closing_
  std::condition_variable ready_cv_, written_cv_;
  bool ready_ = false;
  bool closing_ = false;
  bool ok_ = true;
  std::thread thread_;  // last: starts once everything it reads exists
};

}  // namespace

std::unique_ptr<core::PieceSink> in_background(std::unique_ptr<core::PieceSink> inner) {
  return std::make_unique<BackgroundSink>(std::move(inner));
}

std::unique_ptr<core::RecordsWriter> open_records_writer(std::string const& path,
                                                         core::RecordsHeader const& header,
                                                         std::string& error) {
  auto sink = core::open_records_sink(path, error);
  if (!sink) return nullptr;
  return std::make_unique<core::RecordsWriter>(in_background(std::move(sink)), header);
}

}  // namespace loadtwin::app
