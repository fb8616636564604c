#include "app/worker_outputs.hpp"

#include "app/background_records.hpp"

namespace loadtwin::app {

class WorkerOutputs::LockedSamples final : public core::SampleObserver {
 public:
  LockedSamples(std::mutex& mutex, core::SampleObserver& to) : mutex_(mutex), to_(to) {}
  void on_sample(core::MetricId metric, core::TagSet const& tags, core::Instant at,
                 double value) override {
    std::lock_guard lock(mutex_);
    to_.on_sample(metric, tags, at, value);
  }

 private:
  std::mutex& mutex_;
  core::SampleObserver& to_;
};

class WorkerOutputs::LockedRecords final : public core::RecordObserver {
 public:
  LockedRecords(std::mutex& mutex, core::RecordObserver& to) : mutex_(mutex), to_(to) {}
  void on_record(core::RequestRecord const& record) override {
    std::lock_guard lock(mutex_);
    to_.on_record(record);
  }

 private:
  std::mutex& mutex_;
  core::RecordObserver& to_;
};

std::optional<std::string> WorkerOutputs::open(RunOutputs const& outputs, core::Plan const& plan,
                                               core::RecordsHeader const& header,
                                               std::int64_t start_ns) {
  samples_path_ = outputs.samples_path();
  collect_series_ = outputs.wants_series();
  records_path_ = outputs.records_path();
  if (!samples_path_.empty()) {
    samples_file_.open(samples_path_, std::ios::binary | std::ios::trunc);
    if (!samples_file_) return samples_path_ + ": cannot open for writing";
    names_ = std::make_unique<core::Metrics>(1);
    thresholds_ = std::make_unique<core::Thresholds>(plan, *names_);
    samples_ = std::make_unique<core::NdjsonWriter>(samples_file_, *thresholds_, start_ns);
  }
  if (!records_path_.empty()) {
    std::string error;
    records_ = open_records_writer(records_path_, header, error);
    if (!records_) return error;
  }
  return std::nullopt;
}

void WorkerOutputs::attach(core::TestRun& run) {
  std::lock_guard lock(mutex_);
  if (samples_) sample_taps_.push_back(std::make_unique<LockedSamples>(mutex_, *samples_));
  if (samples_ || collect_series_) {
    auto& mine = worker_series_.emplace_back();
    if (samples_) mine.fanout.add(sample_taps_.back().get());
    if (collect_series_) mine.fanout.add(&mine.collector);
    run.metrics().set_observer(&mine.fanout);
  }
  if (records_) {
    record_taps_.push_back(std::make_unique<LockedRecords>(mutex_, *records_));
    run.set_record_observer(record_taps_.back().get());
  }
}

std::optional<std::string> WorkerOutputs::finish() {
  if (samples_ && !samples_file_.flush()) return samples_path_ + ": write failed";
  if (records_ && !records_->close()) return records_path_ + ": write failed";
  return std::nullopt;
}

core::RunSeries WorkerOutputs::merged_series() const {
  core::RunSeries merged;
  for (auto const& worker : worker_series_) core::merge_series(merged, worker.series);
  return merged;
}

}  // namespace loadtwin::app
