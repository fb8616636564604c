// Abuse run against a mock in another process (127.0.0.1 only, bounded, stops by itself):
// IDLE idle connections, slow-loris clients dribbling header bytes, oversized headers and
// bodies, pipelined requests, clients that vanish mid-stream -- while WELL well-behaved
// streams measure their lateness against the plan (first token 100 ms, 10 tokens 20 ms).
// Usage: mock_abuse PORT IDLE WELL SECONDS
#include <algorithm>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto nothrow = net::as_tuple(net::use_awaitable);

struct Tally {
  int idle_open = 0, loris_closed = 0, status_431 = 0, status_413 = 0, pipelined_ok = 0,
      vanished = 0, well_ok = 0;
  std::vector<double> first_late_ms, last_late_ms;
};

std::uint16_t port;
std::string const body =
    R"({"model":"m","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"hi"}]})";
std::string request(std::string const& extra_headers = {}, std::string const& b = body) {
  return "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
         extra_headers + "Content-Length: " + std::to_string(b.size()) + "\r\n\r\n" + b;
}

net::awaitable<bool> connect(tcp::socket& s) {
  auto [ec] = co_await s.async_connect({net::ip::make_address("127.0.0.1"), port}, nothrow);
  co_return !ec;
}

// Reads until `marker` shows up or the connection closes; returns what was read.
net::awaitable<std::string> read_until(tcp::socket& s, std::string const& marker,
                                       std::size_t max = 1 << 20) {
  std::string got;
  char buf[8192];
  while (got.find(marker) == std::string::npos && got.size() < max) {
    auto [ec, n] = co_await s.async_read_some(net::buffer(buf), nothrow);
    if (ec) break;
    got.append(buf, n);
  }
  co_return got;
}

net::awaitable<void> idle(Tally& t, Clock::time_point until) {
  tcp::socket s(co_await net::this_coro::executor);
  if (!co_await connect(s)) co_return;
  ++t.idle_open;
  net::steady_timer timer(s.get_executor(), until);
  co_await timer.async_wait(nothrow);
}

net::awaitable<void> slow_loris(Tally& t, Clock::time_point until) {
  tcp::socket s(co_await net::this_coro::executor);
  if (!co_await connect(s)) co_return;
  std::string const head = "POST /v1/messages HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  for (std::size_t i = 0; Clock::now() < until; ++i) {
    auto [ec, n] =
        co_await net::async_write(s, net::buffer(head.substr(i % head.size(), 1)), nothrow);
    if (ec) {
      ++t.loris_closed;  // the mock's header timeout closed it
      co_return;
    }
    net::steady_timer timer(s.get_executor(), std::chrono::milliseconds(200));
    co_await timer.async_wait(nothrow);
  }
}

net::awaitable<void> oversized(Tally& t, bool header) {
  tcp::socket s(co_await net::this_coro::executor);
  if (!co_await connect(s)) co_return;
  std::string const req = header ? request("X-Big: " + std::string(20'000, 'a') + "\r\n")
                                 : request({}, std::string(2 << 20, ' '));
  co_await net::async_write(s, net::buffer(req), nothrow);
  auto const got = co_await read_until(s, "\r\n");
  if (header && got.starts_with("HTTP/1.1 431")) ++t.status_431;
  if (!header && got.starts_with("HTTP/1.1 413")) ++t.status_413;
}

net::awaitable<void> pipelined(Tally& t) {
  tcp::socket s(co_await net::this_coro::executor);
  if (!co_await connect(s)) co_return;
  std::string const one = request(
      {},
      R"({"model":"m","max_tokens":8,"stream":false,"messages":[{"role":"user","content":"x"}]})");
  co_await net::async_write(s, net::buffer(one + one + one), nothrow);
  std::string got;
  char buf[8192];
  while (std::count(got.begin(), got.end(), '{') < 3 * 4) {  // three JSON messages
    auto [ec, n] = co_await s.async_read_some(net::buffer(buf), nothrow);
    if (ec) break;
    got.append(buf, n);
    std::size_t replies = 0;
    for (auto at = got.find("HTTP/1.1 200"); at != std::string::npos;
         at = got.find("HTTP/1.1 200", at + 1))
      ++replies;
    if (replies == 3 && got.rfind("}") == got.size() - 1) break;
  }
  std::size_t replies = 0;
  for (auto at = got.find("HTTP/1.1 200"); at != std::string::npos;
       at = got.find("HTTP/1.1 200", at + 1))
    ++replies;
  if (replies == 3) ++t.pipelined_ok;
}

net::awaitable<void> vanishing(Tally& t) {
  tcp::socket s(co_await net::this_coro::executor);
  if (!co_await connect(s)) co_return;
  co_await net::async_write(s, net::buffer(request()), nothrow);
  co_await read_until(s, "message_start");
  s.close();
  ++t.vanished;
}

net::awaitable<void> well_behaved(Tally& t) {
  tcp::socket s(co_await net::this_coro::executor);
  if (!co_await connect(s)) co_return;
  s.set_option(tcp::no_delay(true));
  std::string const req = request();
  auto const sent = Clock::now();
  co_await net::async_write(s, net::buffer(req), nothrow);
  auto const ms = [&] {
    return std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
  };
  auto got = co_await read_until(s, "text_delta");
  if (got.find("text_delta") == std::string::npos) co_return;
  t.first_late_ms.push_back(ms() - 100);
  got += co_await read_until(s, "message_stop");
  t.last_late_ms.push_back(ms() - (100 + 9 * 20));
  ++t.well_ok;
}

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: mock_abuse PORT IDLE WELL SECONDS\n");
    return 2;
  }
  port = static_cast<std::uint16_t>(std::stoi(argv[1]));
  int const idle_n = std::stoi(argv[2]), well_n = std::stoi(argv[3]);
  auto const until = Clock::now() + std::chrono::seconds(std::stoi(argv[4]));
  net::io_context ioc(1);
  Tally t;
  for (int i = 0; i < idle_n; ++i) net::co_spawn(ioc, idle(t, until), net::detached);
  for (int i = 0; i < 50; ++i) net::co_spawn(ioc, slow_loris(t, until), net::detached);
  for (int i = 0; i < 20; ++i) net::co_spawn(ioc, oversized(t, i % 2 == 0), net::detached);
  for (int i = 0; i < 20; ++i) net::co_spawn(ioc, pipelined(t), net::detached);
  for (int i = 0; i < 100; ++i) net::co_spawn(ioc, vanishing(t), net::detached);
  // Well-behaved streams start once the abuse is in place, spread over 1 s.
  net::steady_timer start(ioc, Clock::now() + std::chrono::seconds(2));
  start.async_wait([&](boost::system::error_code) {
    for (int i = 0; i < well_n; ++i) {
      auto timer = std::make_shared<net::steady_timer>(
          ioc, Clock::now() + std::chrono::milliseconds(1000 * i / std::max(1, well_n)));
      timer->async_wait([&, timer](boost::system::error_code) {
        net::co_spawn(ioc, well_behaved(t), net::detached);
      });
    }
  });
  ioc.run();
  std::printf(
      "idle connections held: %d; slow-loris closed by the mock: %d/50; 431: %d/10; 413: %d/10; "
      "pipelined triples answered: %d/20; vanished mid-stream: %d/100\n",
      t.idle_open, t.loris_closed, t.status_431, t.status_413, t.pipelined_ok, t.vanished);
  std::printf(
      "well-behaved streams: %d/%d; first-token lateness ms p50=%.3f p99=%.3f max=%.3f; "
      "last-token p50=%.3f p99=%.3f max=%.3f\n",
      t.well_ok, well_n, pct(t.first_late_ms, 0.5), pct(t.first_late_ms, 0.99),
      pct(t.first_late_ms, 1), pct(t.last_late_ms, 0.5), pct(t.last_late_ms, 0.99),
      pct(t.last_late_ms, 1));
  return t.well_ok == well_n ? 0 : 1;
}
