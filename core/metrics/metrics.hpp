#pragma once
// The metrics engine: every sample goes to its metric's sink, to every submetric whose
// tags are a subset of the sample's (k6's ingester), and to an optional observer (NDJSON).
// Single-threaded, like all of core.
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/assert.hpp"
#include "core/metrics/metric_names.hpp"
#include "core/metrics/sinks.hpp"
#include "core/metrics/tags.hpp"

namespace loadtwin::core {

using TagSetId = std::uint32_t;

struct SinkEntry {
  std::string name;  // "first_token_latency" or "first_token_latency{scenario:x}"
  MetricId metric;
  TagSet filter;       // empty for the metric itself
  std::string suffix;  // text between the braces
  bool is_submetric = false;
  Sink sink;
};

// The sinks one (metric, tag set) pair feeds, resolved once and reused.
struct Route {
  MetricId metric;
  TagSetId tags;
  std::vector<SinkEntry*> sinks;
  // The same sinks by kind (one metric has one kind), so a sample needs no visit.
  std::vector<TrendSink*> trends;
  std::vector<CounterSink*> counters;
  std::vector<RateSink*> rates;
  std::vector<GaugeSink*> gauges;
};

class SampleObserver {
 public:
  virtual ~SampleObserver() = default;
  // `value` is in the metric's unit: ms for time trends.
  virtual void on_sample(MetricId metric, TagSet const& tags, Instant at, double value) = 0;
};

class Metrics {
 public:
  // Reaching `max_trend_samples` in any trend sink sets bound_hit(); the run then stops.
  explicit Metrics(std::uint64_t max_trend_samples);

  // Adds (or finds) the submetric `metric{filter}`. Must precede the first route().
  SinkEntry& submetric(MetricId metric, TagSet const& filter, std::string const& suffix);
  [[nodiscard]] SinkEntry const& parent(MetricId metric) const;
  TagSetId intern(TagSet const& tags);
  [[nodiscard]] TagSet const& tags(TagSetId id) const { return tag_sets_[id]; }
  Route const& route(MetricId metric, TagSetId tags);

  void add(Route const& route, Instant at, double value) {  // inline: the hot path
    LT_ASSERT(route.trends.empty(), "time trends take add_time()");
    for (CounterSink* counter : route.counters) counter->add(value);
    for (RateSink* rate : route.rates) rate->add(value != 0);
    for (GaugeSink* gauge : route.gauges) gauge->add(value);
    if (observer_ != nullptr) observer_->on_sample(route.metric, tag_sets_[route.tags], at, value);
  }
  // add() for a route of a counter, or of a rate: only that kind of sink is visited (a
  // route's sinks are all of its metric's kind).
  void add_count(Route const& route, Instant at, double value) {
    for (CounterSink* counter : route.counters) counter->add(value);
    if (observer_ != nullptr) observer_->on_sample(route.metric, tag_sets_[route.tags], at, value);
  }
  void add_rate(Route const& route, Instant at, bool value) {
    for (RateSink* rate : route.rates) rate->add(value);
    if (observer_ != nullptr) {
      observer_->on_sample(route.metric, tag_sets_[route.tags], at, value ? 1 : 0);
    }
  }
  void add_time(Route const& route, Instant at, Duration value) {  // inline: the hot path
    for (TrendSink* trend : route.trends) {
      trend->add(value);
      if (trend->count() >= max_trend_samples_) bound_hit_ = true;
    }
    if (observer_ != nullptr) observe_time(route, at, value);
  }
  // `count` samples of `value` at once: the same as `count` add_time calls, for a caller
  // that checked has_observer() is false (the observer sees each sample with its instant).
  void add_time_run(Route const& route, Duration value, std::uint64_t count) {
    for (TrendSink* trend : route.trends) {
      trend->add_run(value, count);
      if (trend->count() >= max_trend_samples_) bound_hit_ = true;
    }
  }
  void set_observer(SampleObserver* observer) { observer_ = observer; }
  [[nodiscard]] bool has_observer() const { return observer_ != nullptr; }
  [[nodiscard]] bool bound_hit() const { return bound_hit_; }
  [[nodiscard]] std::uint64_t max_trend_samples() const { return max_trend_samples_; }
  // Parents first (alphabetical), each followed by its submetrics in creation order.
  [[nodiscard]] std::vector<SinkEntry const*> entries() const;
  [[nodiscard]] SinkEntry const* find(std::string const& name) const;
  // The same, to load a sink's state (merging parts); nullptr when there is no such entry.
  SinkEntry* find(std::string const& name);

 private:
  void observe_time(Route const& route, Instant at, Duration value);

  std::uint64_t max_trend_samples_;
  bool bound_hit_ = false;
  SampleObserver* observer_ = nullptr;
  std::deque<SinkEntry> sinks_;  // stable addresses; parents at [0, metric_count)
  std::vector<TagSet> tag_sets_;
  std::map<TagSet, TagSetId> tag_ids_;
  std::unordered_map<std::uint64_t, std::unique_ptr<Route>> routes_;
};

}  // namespace loadtwin::core
