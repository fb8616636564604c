// ReadyWatch: a waiting read is called once bytes come (or the peer closes), with its hold;
// a cancelled wait is dropped uncalled, and its hold released.
#include "live/ready_watch.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

namespace loadtwin::live {
namespace {

struct SocketPair {
  int fds[2] = {-1, -1};
  SocketPair() { EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0); }
  ~SocketPair() {
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
};

void run_for_a_moment(net::io_context& ioc) {
  ioc.restart();
  ioc.run_for(std::chrono::milliseconds(50));
}

TEST(ReadyWatch, CallsTheWaitingReadOnceBytesCome) {
  net::io_context ioc;
  ReadyWatch watch(ioc);
  SocketPair pair;
  auto entry = watch.add(pair.fds[0]);
  ASSERT_NE(entry, nullptr);
  int calls = 0;
  auto token = std::make_shared<int>(7);
  watch.wait(*entry, token, [&](std::shared_ptr<void> hold) {
    ++calls;
    EXPECT_EQ(hold.get(), token.get());
  });
  run_for_a_moment(ioc);
  EXPECT_EQ(calls, 0);  // nothing sent yet
  ASSERT_EQ(::write(pair.fds[1], "x", 1), 1);
  run_for_a_moment(ioc);
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(::write(pair.fds[1], "y", 1), 1);
  run_for_a_moment(ioc);
  EXPECT_EQ(calls, 1);  // once per wait
  EXPECT_EQ(token.use_count(), 1);
}

TEST(ReadyWatch, ThePeersCloseWakesTheRead) {
  net::io_context ioc;
  ReadyWatch watch(ioc);
  SocketPair pair;
  auto entry = watch.add(pair.fds[0]);
  ASSERT_NE(entry, nullptr);
  bool called = false;
  watch.wait(*entry, nullptr, [&](std::shared_ptr<void>) { called = true; });
  ::close(pair.fds[1]);
  pair.fds[1] = -1;
  run_for_a_moment(ioc);
  EXPECT_TRUE(called);
}

TEST(ReadyWatch, ACancelledWaitIsDroppedAndItsHoldReleased) {
  net::io_context ioc;
  ReadyWatch watch(ioc);
  SocketPair pair;
  auto entry = watch.add(pair.fds[0]);
  ASSERT_NE(entry, nullptr);
  bool called = false;
  auto token = std::make_shared<int>(1);
  watch.wait(*entry, token, [&](std::shared_ptr<void>) { called = true; });
  watch.cancel(*entry);
  EXPECT_EQ(token.use_count(), 1);
  ASSERT_EQ(::write(pair.fds[1], "x", 1), 1);
  run_for_a_moment(ioc);
  EXPECT_FALSE(called);
}

TEST(ReadyWatch, AFreedEntrysQueuedEventsAreIgnored) {
  net::io_context ioc;
  ReadyWatch watch(ioc);
  SocketPair first;
  SocketPair second;
  auto old_entry = watch.add(first.fds[0]);
  ASSERT_EQ(::write(first.fds[1], "x", 1), 1);  // an event for the old entry, never taken
  old_entry.reset();
  auto entry = watch.add(second.fds[0]);  // reuses the slot
  bool called = false;
  watch.wait(*entry, nullptr, [&](std::shared_ptr<void>) { called = true; });
  run_for_a_moment(ioc);
  EXPECT_FALSE(called);
  ASSERT_EQ(::write(second.fds[1], "x", 1), 1);
  run_for_a_moment(ioc);
  EXPECT_TRUE(called);
}

}  // namespace
}  // namespace loadtwin::live
