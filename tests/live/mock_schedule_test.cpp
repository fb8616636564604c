// Real-time behaviour of the mock. Lower bounds are exact (the mock never sends early);
// upper bounds only with a 5x margin, and not under sanitizers (precision is the bench's job).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "live/mock_server.hpp"
#include "mock_client.hpp"

namespace loadtwin::live {
using namespace testing;
using Clock = std::chrono::steady_clock;

namespace {

bool under_sanitizer() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#else
  return false;
#endif
}

MockConfig timed_config(int first_token_ms, int interval_ms, int tokens) {
  MockConfig c;
  c.port = 0;
  c.threads = 2;
  c.model.first_token_delay = core::constant_duration(core::ms(first_token_ms));
  c.model.token_interval = core::constant_duration(core::ms(interval_ms));
  c.model.tokens_per_response = core::ConstantDist{static_cast<double>(tokens)};
  c.model.error_rate = 0;
  return c;
}

}  // namespace

TEST(mock_schedule_test, max_concurrent_queues_the_second_stream_behind_the_first) {
  // One slot, 300 ms streams. B is sent while A streams, must wait in the queue, and so
  // ends about a whole stream after A. Without the limit it would end a few ms after A (it
  // started while A streamed). The bound leaves 100 ms for A's client to finish reading.
  auto config = timed_config(300, 1, 1);
  config.model.max_concurrent = 1;
  MockServer server(config);
  auto const port = server.start();
  Clock::time_point a_done, b_done;
  std::thread a([&] {
    Client client(port);
    EXPECT_EQ(client.send(http::verb::post, "/v1/messages", text_request).status, 200);
    a_done = Clock::now();
  });
  auto const wait_for = [](auto const& condition) {
    auto const deadline = Clock::now() + std::chrono::seconds(5);
    while (!condition() && Clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return condition();
  };
  ASSERT_TRUE(wait_for([&] { return server.pool().active() == 1; }));
  std::thread b([&] {
    Client client(port);
    EXPECT_EQ(client.send(http::verb::post, "/v1/messages", text_request).status, 200);
    b_done = Clock::now();
  });
  bool const queued = wait_for([&] { return server.pool().queued() == 1; });
  a.join();
  b.join();
  EXPECT_TRUE(queued);
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(b_done - a_done).count(), 200);
}

TEST(mock_schedule_test, keeps_the_schedule_of_200_concurrent_streams) {
  if (under_sanitizer()) GTEST_SKIP() << "real-time bounds are not meaningful under sanitizers";
  auto const config = timed_config(100, 10, 10);  // planned: first token 100 ms, end 190 ms
  MockServer server(config);
  auto const port = server.start();
  constexpr int streams = 200;
  std::atomic<int> ok{0};
  std::atomic<long> min_ms{1'000'000}, max_ms{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < streams; ++i) {
    clients.emplace_back([&] {
      Client client(port);
      auto const start = Clock::now();
      auto const reply = client.send(http::verb::post, "/v1/messages", text_request);
      long const ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
      if (reply.status == 200 && sse_events(reply.body).size() == 16) ++ok;
      long seen = min_ms.load();
      while (ms < seen && !min_ms.compare_exchange_weak(seen, ms)) {
      }
      seen = max_ms.load();
      while (ms > seen && !max_ms.compare_exchange_weak(seen, ms)) {
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), streams);
  EXPECT_GE(min_ms.load(), 190);      // never early
  EXPECT_LE(max_ms.load(), 5 * 190);  // 5x margin
  EXPECT_EQ(server.stats().lateness_count(), static_cast<std::uint64_t>(streams) * 11);
}

}  // namespace loadtwin::live

namespace loadtwin::live {

TEST(mock_schedule_test, a_client_that_vanishes_frees_its_slot_at_once) {
  // One slot. A holds it with a 5 s stream and vanishes; B waits in the queue. The slot must
  // pass to B as soon as A is gone, not at A's planned end (5 s): poll for 1 s.
  auto config = timed_config(5000, 1, 1);
  config.model.max_concurrent = 1;
  MockServer server(config);
  auto const port = server.start();
  Client a(port);
  net::write(a.stream().socket(),
             net::buffer("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                         std::to_string(text_request.size()) + "\r\n\r\n" + text_request));
  std::thread b([port] {
    Client client(port);
    try {
      client.send(http::verb::post, "/v1/messages", text_request);
    } catch (std::exception const&) {
      // Expected: stop() cuts B's stream mid-way.
    }
  });
  auto const deadline = Clock::now() + std::chrono::seconds(2);
  while (server.pool().queued() == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(server.pool().queued(), 1U);  // B is waiting behind A
  a.stream().socket().close();            // A vanishes
  auto const freed_by = Clock::now() + std::chrono::seconds(1);
  while (server.pool().queued() != 0 && Clock::now() < freed_by) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(server.pool().queued(), 0U);
  EXPECT_EQ(server.pool().active(), 1U);  // B streams now
  server.stop();                          // cuts B's stream: its client sees the close
  b.join();
}

TEST(mock_schedule_test, stop_with_queued_waiters_frees_everything_in_order) {
  // One slot held by a 5 s stream, three requests queued behind it on both threads; stop()
  // must cut the stream, drop the waiters before their io_contexts die (their timers live
  // there) and return. Under ASan a waiter outliving its context is a use-after-free.
  auto config = timed_config(5000, 1, 1);
  config.model.max_concurrent = 1;
  auto server = std::make_unique<MockServer>(config);
  auto const port = server->start();
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([port] {
      Client client(port);
      try {
        client.send(http::verb::post, "/v1/messages", text_request);
      } catch (std::exception const&) {
        // Expected: stop() closes every connection.
      }
    });
  }
  auto const deadline = Clock::now() + std::chrono::seconds(5);
  while (server->pool().queued() < 3 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(server->pool().queued(), 3U);
  ASSERT_EQ(server->pool().active(), 1U);
  server->stop();
  EXPECT_EQ(server->pool().queued(), 0U);
  server.reset();  // the pool dies after the contexts: nothing may touch them now
  for (auto& t : clients) t.join();
}

}  // namespace loadtwin::live
