#include "sim/event_queue.hpp"

#include <algorithm>

#include "core/assert.hpp"

namespace loadtwin::sim {
namespace {

constexpr std::size_t arity = 4;
// Below this many stale entries a sweep is not worth its pass over the entries.
constexpr std::size_t sweep_min = 1024;
// A lane drops its consumed prefix once it is this long and more than half the lane.
constexpr std::size_t lane_trim_min = 4096;

}  // namespace

core::TimerId EventQueue::push_at_place(core::Instant at, core::Phase phase, std::uint64_t place,
                                        std::function<void()>&& fire) {
  auto const offset = core::since_start(at).count();
  LT_ASSERT(offset >= 0, "event before the start of the test");
  LT_ASSERT(place < (std::uint64_t{1} << 60), "event sequence overflow");
  std::uint32_t slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  slots_[slot].fire.swap(fire);  // the slot's is empty: no move-construct, no destroy
  std::uint32_t const generation = slots_[slot].generation;
  std::uint64_t const order = (static_cast<std::uint64_t>(phase) << 60) | place;
  insert(Entry{static_cast<std::uint64_t>(offset), order, slot, generation});
  ++live_;
  return (static_cast<core::TimerId>(generation) << 32) | slot;
}

void EventQueue::insert(Entry const& entry) {
  for (std::size_t i = 0; i < lane_count; ++i) {
    Lane& lane = lanes_[i];
    if (lane.empty()) {
      lane.entries.clear();
      lane.head = 0;
      lane.entries.push_back(entry);
      fronts_[i] = key(entry);
      return;
    }
    if (!before(entry, lane.entries.back())) {
      lane.entries.push_back(entry);
      return;
    }
  }
  heap_.emplace_back();
  sift_up(heap_.size() - 1, entry);
  fronts_[from_heap] = key(heap_.front());
}

void EventQueue::refresh_front(std::size_t source) {
  if (source == from_heap) {
    fronts_[source] = heap_.empty() ? no_key : key(heap_.front());
  } else {
    fronts_[source] = lanes_[source].empty() ? no_key : key(lanes_[source].front());
  }
}

void EventQueue::release(std::uint32_t slot) {
  slots_[slot].fire = nullptr;
  ++slots_[slot].generation;  // any entry for it is now stale
  free_slots_.push_back(slot);
  --live_;
}

void EventQueue::cancel(core::TimerId id) {
  auto const slot = static_cast<std::uint32_t>(id & 0xffffffffU);
  auto const generation = static_cast<std::uint32_t>(id >> 32);
  if (slot >= slots_.size() || slots_[slot].generation != generation) return;
  release(slot);
  ++stale_;
  if (stale_ >= sweep_min && stale_ > live_) sweep_stale();
}

std::size_t EventQueue::least_source() const {
  // Keys are unique (each insertion sequence is used once), so ties cannot occur.
  std::size_t best = from_heap;
  Key least = fronts_[from_heap];
  for (std::size_t i = 0; i < lane_count; ++i) {
    if (fronts_[i] < least) {
      least = fronts_[i];
      best = i;
    }
  }
  return least == no_key ? lane_count + 1 : best;
}

EventQueue::Entry EventQueue::take(std::size_t source) {
  if (source == from_heap) {
    Entry const top = heap_.front();
    Entry const last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0, last);
    refresh_front(from_heap);
    return top;
  }
  Lane& lane = lanes_[source];
  Entry const front = lane.front();
  ++lane.head;
  if (lane.head >= lane_trim_min && lane.head * 2 > lane.entries.size()) {
    lane.entries.erase(lane.entries.begin(),
                       lane.entries.begin() + static_cast<std::ptrdiff_t>(lane.head));
    lane.head = 0;
  }
  refresh_front(source);
  return front;
}

std::optional<EventQueue::Due> EventQueue::pop() {
  for (;;) {
    std::size_t const source = least_source();
    if (source > from_heap) return std::nullopt;
    Entry const next = take(source);
    if (stale(next)) {
      --stale_;
      continue;
    }
    Due due{core::at_offset(core::Duration{static_cast<std::int64_t>(next.at)}),
            std::move(slots_[next.slot].fire)};
    release(next.slot);
    return due;
  }
}

void EventQueue::sift_up(std::size_t hole, Entry entry) {
  while (hole > 0) {
    std::size_t const parent = (hole - 1) / arity;
    if (!before(entry, heap_[parent])) break;
    heap_[hole] = heap_[parent];
    hole = parent;
  }
  heap_[hole] = entry;
}

void EventQueue::sift_down(std::size_t hole, Entry entry) {
  std::size_t const n = heap_.size();
  for (;;) {
    std::size_t const first = hole * arity + 1;
    if (first >= n) break;
    std::size_t const end = std::min(first + arity, n);
    std::size_t best = first;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (before(heap_[c], heap_[best])) best = c;
    }
    if (!before(heap_[best], entry)) break;
    heap_[hole] = heap_[best];
    hole = best;
  }
  heap_[hole] = entry;
}

void EventQueue::sweep_stale() {
  auto const is_stale = [this](Entry const& e) { return stale(e); };
  for (auto& lane : lanes_) {
    lane.entries.erase(lane.entries.begin(),
                       lane.entries.begin() + static_cast<std::ptrdiff_t>(lane.head));
    lane.head = 0;
    std::erase_if(lane.entries, is_stale);  // keeps the lane's order
  }
  std::erase_if(heap_, is_stale);
  stale_ = 0;
  // Floyd's heap construction: sift every inner node down, last parent first.
  if (heap_.size() >= 2) {
    for (std::size_t i = (heap_.size() - 2) / arity + 1; i-- > 0;) sift_down(i, heap_[i]);
  }
  for (std::size_t source = 0; source <= from_heap; ++source) refresh_front(source);
}

std::size_t EventQueue::entries() const {
  std::size_t n = heap_.size();
  for (auto const& lane : lanes_) n += lane.entries.size() - lane.head;
  return n;
}

}  // namespace loadtwin::sim
