#pragma once
// Hands every sample to several observers in the order they were added (the NDJSON writer
// and the report's series collector both watch one run; Metrics holds one observer).
#include <vector>

#include "core/metrics/metrics.hpp"

namespace loadtwin::core {

class SampleFanout final : public SampleObserver {
 public:
  // `observer` must outlive the fanout; null is ignored.
  void add(SampleObserver* observer) {
    if (observer != nullptr) observers_.push_back(observer);
  }
  void on_sample(MetricId metric, TagSet const& tags, Instant at, double value) override {
    for (auto* o : observers_) o->on_sample(metric, tags, at, value);
  }
  [[nodiscard]] std::size_t size() const { return observers_.size(); }

 private:
  std::vector<SampleObserver*> observers_;
};

}  // namespace loadtwin::core
