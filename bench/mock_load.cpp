// Load client for the mock: opens N concurrent streaming requests on loopback, all sent at
// one instant, and reports lateness against the plan (actual arrival minus send time plus the
// model's planned offset) of each stream's first token and last event: p50, p99, max.
// Usage: mock_load [--data-only] PORT STREAMS FIRST_TOKEN_MS INTERVAL_MS TOKENS
// --data-only reads the seed's data-only dialect (bench/node_mock.js, REFERENCE §7): its first
// token is the first content_block_delta and its last event the end of the chunked body.
#include <fmt/format.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto nothrow = net::as_tuple(net::use_awaitable);

struct StreamResult {
  bool ok = false;
  double first_late_ms = 0, last_late_ms = 0;
};

struct Plan {
  std::uint16_t port;
  double first_ms, interval_ms;
  int tokens;
  std::string_view first_marker = "text_delta";   // in the first token's bytes
  std::string_view last_marker = "message_stop";  // in the last write's bytes
};

net::awaitable<void> one_stream(Plan plan, Clock::time_point start, StreamResult& out) {
  auto executor = co_await net::this_coro::executor;
  tcp::socket socket(executor);
  auto [ec] =
      co_await socket.async_connect({net::ip::make_address("127.0.0.1"), plan.port}, nothrow);
  if (ec) co_return;
  socket.set_option(tcp::no_delay(true));
  std::string const body =
      R"({"model":"bench","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]})";
  std::string const request = fmt::format(
      "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: {}\r\n\r\n{}",
      body.size(), body);
  net::steady_timer timer(executor, start);
  co_await timer.async_wait(nothrow);
  auto [wec, wn] = co_await net::async_write(socket, net::buffer(request), nothrow);
  if (wec) co_return;
  auto const sent = Clock::now();
  std::string seen;
  bool got_first = false;
  char buf[16384];
  for (;;) {
    auto [rec, n] = co_await socket.async_read_some(net::buffer(buf), nothrow);
    if (rec) co_return;
    auto const now = Clock::now();
    seen.append(buf, n);
    auto const ms = [&](Clock::time_point t) {
      return std::chrono::duration<double, std::milli>(t - sent).count();
    };
    if (!got_first && seen.find(plan.first_marker) != std::string::npos) {
      got_first = true;
      out.first_late_ms = ms(now) - plan.first_ms;
    }
    if (seen.find(plan.last_marker) != std::string::npos) {
      out.last_late_ms = ms(now) - (plan.first_ms + (plan.tokens - 1) * plan.interval_ms);
      out.ok = got_first;
      co_return;
    }
    if (seen.size() > 4096) seen.erase(0, seen.size() - 64);  // keep a tail for split markers
  }
}

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

int main(int argc, char** argv) {
  bool const data_only = argc > 1 && std::string_view(argv[1]) == "--data-only";
  if (data_only) {
    --argc;
    ++argv;
  }
  if (argc != 6) {
    std::fprintf(stderr,
                 "usage: mock_load [--data-only] PORT STREAMS FIRST_TOKEN_MS INTERVAL_MS TOKENS\n");
    return 2;
  }
  Plan plan{static_cast<std::uint16_t>(std::stoi(argv[1])), std::stod(argv[3]), std::stod(argv[4]),
            std::stoi(argv[5])};
  if (data_only) {
    plan.first_marker = "content_block_delta";
    plan.last_marker = "\r\n0\r\n\r\n";  // the last chunk of the body
  }
  int const streams = std::stoi(argv[2]);
  net::io_context ioc;
  std::vector<StreamResult> results(static_cast<std::size_t>(streams));
  // Connections open over the first part of the lead time; every request goes out at `start`.
  auto const start = Clock::now() + std::chrono::milliseconds(500 + streams / 4);
  for (auto& r : results) net::co_spawn(ioc, one_stream(plan, start, r), net::detached);
  ioc.run();
  std::vector<double> first, last;
  for (auto const& r : results) {
    if (!r.ok) continue;
    first.push_back(r.first_late_ms);
    last.push_back(r.last_late_ms);
  }
  std::printf(
      "streams=%d completed=%zu first-token lateness ms p50=%.3f p99=%.3f max=%.3f | "
      "last-token lateness ms p50=%.3f p99=%.3f max=%.3f\n",
      streams, first.size(), pct(first, 0.5), pct(first, 0.99), pct(first, 1.0), pct(last, 0.5),
      pct(last, 0.99), pct(last, 1.0));
  return first.size() == results.size() ? 0 : 1;
}
