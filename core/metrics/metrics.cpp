#include "core/metrics/metrics.hpp"

#include <algorithm>

#include "core/assert.hpp"

namespace loadtwin::core {
namespace {

Sink make_sink(MetricType type) {
  switch (type) {
    case MetricType::counter:
      return CounterSink{};
    case MetricType::gauge:
      return GaugeSink{};
    case MetricType::rate:
      return RateSink{};
    case MetricType::trend:
      return TrendSink{};
  }
  return CounterSink{};
}

}  // namespace

Metrics::Metrics(std::uint64_t max_trend_samples) : max_trend_samples_(max_trend_samples) {
  for (auto const& m : metric_table) {
    sinks_.push_back(SinkEntry{std::string(m.name), m.id, {}, {}, false, make_sink(m.type)});
  }
}

SinkEntry& Metrics::submetric(MetricId metric, TagSet const& filter, std::string const& suffix) {
  LT_ASSERT(routes_.empty(), "submetrics must be declared before the first sample");
  for (auto& entry : sinks_) {
    if (entry.is_submetric && entry.metric == metric && entry.filter == filter) return entry;
  }
  std::string const name = std::string(info(metric).name) + "{" + suffix + "}";
  sinks_.push_back(SinkEntry{name, metric, filter, suffix, true, make_sink(info(metric).type)});
  return sinks_.back();
}

SinkEntry const& Metrics::parent(MetricId metric) const {
  return sinks_[static_cast<std::size_t>(metric)];
}

TagSetId Metrics::intern(TagSet const& tags) {
  auto const [it, inserted] = tag_ids_.try_emplace(tags, static_cast<TagSetId>(tag_sets_.size()));
  if (inserted) tag_sets_.push_back(tags);
  return it->second;
}

Route const& Metrics::route(MetricId metric, TagSetId tags) {
  std::uint64_t const key = (static_cast<std::uint64_t>(metric) << 32) | tags;
  auto& slot = routes_[key];
  if (!slot) {
    slot = std::make_unique<Route>(Route{metric, tags, {}, {}, {}, {}, {}});
    slot->sinks.push_back(&sinks_[static_cast<std::size_t>(metric)]);
    for (auto& entry : sinks_) {
      if (entry.is_submetric && entry.metric == metric && tag_sets_[tags].contains(entry.filter)) {
        slot->sinks.push_back(&entry);
      }
    }
    for (SinkEntry* entry : slot->sinks) {
      if (auto* trend = std::get_if<TrendSink>(&entry->sink)) slot->trends.push_back(trend);
      if (auto* counter = std::get_if<CounterSink>(&entry->sink)) slot->counters.push_back(counter);
      if (auto* rate = std::get_if<RateSink>(&entry->sink)) slot->rates.push_back(rate);
      if (auto* gauge = std::get_if<GaugeSink>(&entry->sink)) slot->gauges.push_back(gauge);
    }
  }
  return *slot;
}

void Metrics::observe_time(Route const& route, Instant at, Duration value) {
  observer_->on_sample(route.metric, tag_sets_[route.tags], at, to_ms(value));
}

std::vector<SinkEntry const*> Metrics::entries() const {
  std::vector<SinkEntry const*> out;
  for (std::size_t m = 0; m < metric_count; ++m) {
    out.push_back(&sinks_[m]);
    for (auto const& entry : sinks_) {
      if (entry.is_submetric && static_cast<std::size_t>(entry.metric) == m) out.push_back(&entry);
    }
  }
  return out;
}

SinkEntry* Metrics::find(std::string const& name) {
  for (auto& entry : sinks_) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

SinkEntry const* Metrics::find(std::string const& name) const {
  for (auto const& entry : sinks_) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

}  // namespace loadtwin::core
