#include "core/run/scenario_context.hpp"

#include <string>

namespace loadtwin::core {
namespace {

// An HTTP sample's tag set, interned; out of line so the lookup in http_tags stays lean.
[[gnu::noinline]] TagSetId intern_http_tags(Metrics& metrics, TagSet const& base, RequestKind kind,
                                            Expect const& expect, int status,
                                            std::optional<ErrorReason> reason) {
  TagSet tags = base;
  tags.set("kind", to_string(kind));
  tags.set("status", std::to_string(status));
  tags.set("expected_response", expect.accepts(status) ? "true" : "false");
  if (reason) tags.set("reason", to_string(*reason));
  return metrics.intern(tags);
}

}  // namespace

ScenarioTags::ScenarioTags(Metrics& metrics, TagSet base, RequestKind kind, Expect expect)
    : metrics_(metrics),
      base_(std::move(base)),
      kind_(kind),
      expect_(std::move(expect)),
      base_id_(metrics.intern(base_)) {}

Route const& ScenarioTags::base_route(MetricId metric) {
  auto& slot = base_routes_[static_cast<std::size_t>(metric)];
  if (slot == nullptr) slot = &metrics_.route(metric, base_id_);
  return *slot;
}

Route const& ScenarioTags::http_route(MetricId metric, int status,
                                      std::optional<ErrorReason> reason) {
  return http_route_in(http_tags(status, reason), metric);
}

std::size_t ScenarioTags::http_tags(int status, std::optional<ErrorReason> reason) {
  int const reason_key = reason ? static_cast<int>(*reason) : -1;
  if (last_ < entries_.size() && entries_[last_].status == status &&
      entries_[last_].reason == reason_key) {
    return last_;  // most requests of a scenario have one tag set
  }
  for (std::size_t i = 0; i < entries_.size(); ++i) {  // a handful, each listed once
    if (entries_[i].status == status && entries_[i].reason == reason_key) return last_ = i;
  }
  TagSetId const id = intern_http_tags(metrics_, base_, kind_, expect_, status, reason);
  entries_.push_back(Entry{status, reason_key, id, {}});
  return last_ = entries_.size() - 1;
}

Route const& ScenarioTags::resolve(Entry& entry, MetricId metric) {
  auto& slot = entry.routes[static_cast<std::size_t>(metric)];
  slot = &metrics_.route(metric, entry.id);
  return *slot;
}

VuGauges::VuGauges(Metrics& metrics, Scheduler* scheduler)
    : metrics_(metrics),
      scheduler_(scheduler),
      vus_(&metrics.route(MetricId::vus, metrics.intern({}))),
      vus_max_(&metrics.route(MetricId::vus_max, metrics.intern({}))) {}

VuGauges::~VuGauges() {
  if (flush_timer_ && scheduler_ != nullptr) scheduler_->cancel(*flush_timer_);
}

void VuGauges::touch(Instant at) {
  if (pending_ && *pending_ != at) flush();
  if (pending_) return;
  pending_ = at;
  if (scheduler_ != nullptr) {
    flush_timer_ = scheduler_->at(at, Phase::evaluation, [this] {
      flush_timer_.reset();
      flush();
    });
  }
}

void VuGauges::add_active(Instant at, int delta) {
  touch(at);
  active_ += delta;
  active_changed_ = true;
}

void VuGauges::add_allocated(Instant at, int delta) {
  touch(at);
  allocated_ += delta;
  allocated_changed_ = true;
}

void VuGauges::flush() {
  if (!pending_) return;
  Instant const at = *pending_;
  pending_.reset();
  if (flush_timer_ && scheduler_ != nullptr) scheduler_->cancel(*flush_timer_);
  flush_timer_.reset();
  if (active_changed_) {
    active_series_.push_back({at, active_});
    metrics_.add(*vus_, at, static_cast<double>(active_));
  }
  if (allocated_changed_) {
    allocated_series_.push_back({at, allocated_});
    // k6 initialises VUs once and reuses them across scenarios that do not overlap, so
    // vus_max is the high-water mark of VUs needed at once, and it never goes down.
    if (allocated_ > high_water_) {
      high_water_ = allocated_;
      metrics_.add(*vus_max_, at, static_cast<double>(high_water_));
    }
  }
  active_changed_ = allocated_changed_ = false;
}

}  // namespace loadtwin::core
