#include "live/ready_watch.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <array>

namespace loadtwin::live {
namespace {

std::uint64_t ready_key(std::uint32_t generation, std::uint32_t index) {
  return (std::uint64_t{generation} << 32) | index;
}

}  // namespace

ReadyWatch::ReadyWatch(net::io_context& ioc)
    : set_(ioc),
      slots_(std::make_shared<Slots>()),
      free_(std::make_shared<std::vector<std::uint32_t>>()) {
  int const fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (fd >= 0) set_.assign(fd);
}

ReadyWatch::~ReadyWatch() {
  // A wait's hold may own entries, which free their slots as they go: drop the holds from
  // outside the vector.
  std::vector<std::shared_ptr<void>> holds;
  for (auto& slot : *slots_) holds.push_back(std::move(slot.hold));
  holds.clear();
}

ReadyWatch::Entry::~Entry() {
  auto& slot = (*slots_)[index_];
  ++slot.generation;  // events still queued for the old socket are ignored
  slot.ready = nullptr;
  free_->push_back(index_);
}

std::unique_ptr<ReadyWatch::Entry> ReadyWatch::add(int fd) {
  if (!set_.is_open()) return nullptr;
  std::uint32_t index = 0;
  if (free_->empty()) {
    index = static_cast<std::uint32_t>(slots_->size());
    slots_->emplace_back();
  } else {
    index = free_->back();
    free_->pop_back();
  }
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  ev.data.u64 = ready_key((*slots_)[index].generation, index);
  if (::epoll_ctl(set_.native_handle(), EPOLL_CTL_ADD, fd, &ev) != 0) {
    free_->push_back(index);
    return nullptr;
  }
  return std::make_unique<Entry>(slots_, free_, index);
}

void ReadyWatch::wait(Entry& entry, std::shared_ptr<void> hold, Ready ready) {
  auto& slot = (*slots_)[entry.index()];
  if (!slot.ready) ++waiting_;
  slot.hold = std::move(hold);
  slot.ready = std::move(ready);
  arm();
}

void ReadyWatch::cancel(Entry& entry) {
  auto& slot = (*slots_)[entry.index()];
  if (!slot.ready) return;
  --waiting_;
  slot.ready = nullptr;
  auto const hold = std::move(slot.hold);  // released last: it may own `entry`
}

void ReadyWatch::arm() {
  if (armed_ || waiting_ == 0) return;
  armed_ = true;
  set_.async_wait(net::posix::descriptor_base::wait_read, [this](boost::system::error_code ec) {
    if (ec == net::error::operation_aborted) return;  // the watch is gone
    armed_ = false;
    if (!ec) drain();
  });
}

// Takes every socket the set reports; each waiting read is called once.
void ReadyWatch::drain() {
  std::array<epoll_event, 256> events{};
  int const n = ::epoll_wait(set_.native_handle(), events.data(), events.size(), 0);
  for (int i = 0; i < n; ++i) {
    auto const index = static_cast<std::uint32_t>(events[i].data.u64);
    auto const generation = static_cast<std::uint32_t>(events[i].data.u64 >> 32);
    if (index >= slots_->size()) continue;
    auto& slot = (*slots_)[index];
    if (slot.generation != generation || !slot.ready) continue;  // closed, or no read waits
    --waiting_;
    auto ready = std::move(slot.ready);
    slot.ready = nullptr;
    ready(std::move(slot.hold));  // may add, wait, cancel or free slots: `slot` is not used after
  }
  arm();
}

}  // namespace loadtwin::live
