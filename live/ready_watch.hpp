#pragma once
// Read readiness of plain TCP sockets through an epoll set of our own, itself watched by the
// io_context. Asio's reactor tries a recv before it parks a read, so after every read that
// drained a socket (one per SSE event) it makes a recv that only says EAGAIN. A socket here
// is read once the kernel says bytes came: edge-triggered, so wait only after a read that
// drained the socket (a short read or EAGAIN). Asio keeps the socket for connect, writes,
// the head and TLS; a closed socket leaves the set by itself (close removes it from epoll).
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "live/net.hpp"

namespace loadtwin::live {

class ReadyWatch {
 public:
  explicit ReadyWatch(net::io_context& ioc);
  ~ReadyWatch();
  ReadyWatch(ReadyWatch const&) = delete;
  ReadyWatch& operator=(ReadyWatch const&) = delete;

  // A socket in the set, for as long as the handle lives.
  class Entry;
  // nullptr when epoll refuses the socket (its reads then stay with Asio).
  std::unique_ptr<Entry> add(int fd);
  // Calls `ready` once, with `hold`, when bytes (or the end, or an error) may have come to
  // `entry`'s socket. Replaces a wait already set.
  using Ready = std::function<void(std::shared_ptr<void> hold)>;
  void wait(Entry& entry, std::shared_ptr<void> hold, Ready ready);
  // Drops the wait of `entry` (its socket is being closed), without calling it.
  void cancel(Entry& entry);

  struct Slot {
    std::uint32_t generation = 0;
    std::shared_ptr<void> hold;
    Ready ready;  // set while a read waits
  };
  using Slots = std::vector<Slot>;

 private:
  void arm();
  void drain();

  net::posix::stream_descriptor set_;
  std::shared_ptr<Slots> slots_;  // shared with the entries, which free their slot
  std::shared_ptr<std::vector<std::uint32_t>> free_;
  std::size_t waiting_ = 0;
  bool armed_ = false;
};

class ReadyWatch::Entry {
 public:
  Entry(std::shared_ptr<Slots> slots, std::shared_ptr<std::vector<std::uint32_t>> free,
        std::uint32_t index)
      : slots_(std::move(slots)), free_(std::move(free)), index_(index) {}
  ~Entry();
  Entry(Entry const&) = delete;
  Entry& operator=(Entry const&) = delete;
  [[nodiscard]] std::uint32_t index() const { return index_; }

 private:
  std::shared_ptr<Slots> slots_;
  std::shared_ptr<std::vector<std::uint32_t>> free_;
  std::uint32_t index_;
};

}  // namespace loadtwin::live
