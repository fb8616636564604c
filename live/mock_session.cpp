// One mock connection: reads requests (keep-alive), routes them, and plays each
// POST /v1/messages as the timing model scripts it. SPEC "Timing model", steps 1-6.
#include <fmt/format.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <charconv>

#include "core/random.hpp"
#include "core/model/timing_model.hpp"
#include "wire/anthropic_wire.hpp"
#include "live/mock_server.hpp"

namespace loadtwin::live {
namespace {

using Request = http::request<http::string_body>;
constexpr std::size_t pipelined_bytes_max = 64 * 1024;

std::string hex_id(std::uint64_t a, std::uint64_t b) {
  // +1s keep (0, 0) from mapping to zero: the splitmix finaliser fixes 0.
  return fmt::format("{:016x}{:08x}", core::mix64((a + 1) ^ core::mix64(b + 1)), b & 0xffffffffU);
}

// Reads (and keeps, for the next request) whatever the client sends while we wait; returns
// when the connection closes or breaks -- or when cancelled because the wait ended first.
net::awaitable<void> watch_closed(tcp::socket& socket, beast::flat_buffer& buffer) {
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(buffer.prepare(4096), use_nothrow);
    if (ec) co_return;
    buffer.commit(n);
    if (buffer.size() > pipelined_bytes_max) co_return;  // a flood, not a client
  }
}

// Sleeps until `when`. False when the client went away first (its slot is freed at once).
net::awaitable<bool> sleep_until(SteadyTime when, tcp::socket& socket, beast::flat_buffer& buffer) {
  using namespace net::experimental::awaitable_operators;
  if (when <= std::chrono::steady_clock::now()) co_return true;
  net::steady_timer timer(co_await net::this_coro::executor, when);
  auto const result = co_await (timer.async_wait(use_nothrow) || watch_closed(socket, buffer));
  co_return result.index() == 0;
}

// Sleeps until `when` on `timer`; false when cancelled (the client left).
net::awaitable<bool> wait_until(net::steady_timer& timer, SteadyTime when) {
  if (when <= std::chrono::steady_clock::now()) co_return true;
  timer.expires_at(when);
  auto [ec] = co_await timer.async_wait(use_nothrow);
  co_return !ec;
}

net::awaitable<bool> write_response(beast::tcp_stream& stream, int status,
                                    std::string_view content_type, std::string body,
                                    bool keep_alive, std::string const& request_id = {}) {
  http::response<http::string_body> res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, content_type);
  if (!request_id.empty()) res.set("request-id", request_id);
  res.keep_alive(keep_alive);
  res.body() = std::move(body);
  res.prepare_payload();
  auto [ec, n] = co_await http::async_write(stream, res, use_nothrow);
  co_return !ec;
}

net::awaitable<bool> write_error(beast::tcp_stream& stream, int status, std::string_view message,
                                 bool keep_alive, std::string const& request_id) {
  co_return co_await write_response(stream, status, "application/json",
                                    wire::error_body(status, message, request_id), keep_alive,
                                    request_id);
}

std::string chunk(std::string_view data) {
  return data.empty() ? std::string{} : fmt::format("{:x}\r\n{}\r\n", data.size(), data);
}

// loadtwin-draw-key: <scenario>/<vu>/<iteration> (the live runner sends it so the mock's
// draws equal sim's); else the key is (connection, request index on it).
core::DrawKey draw_key(Request const& req, std::uint64_t connection, std::uint64_t index) {
  std::string_view const header = req["loadtwin-draw-key"];
  auto const second = header.rfind('/');
  auto const first = second == std::string_view::npos ? second : header.rfind('/', second - 1);
  if (first != std::string_view::npos && first > 0) {
    std::uint64_t a = 0, b = 0;
    auto const av = header.substr(first + 1, second - first - 1), bv = header.substr(second + 1);
    bool const ok = std::from_chars(av.data(), av.data() + av.size(), a).ec == std::errc{} &&
                    std::from_chars(bv.data(), bv.data() + bv.size(), b).ec == std::errc{};
    if (ok) return core::DrawKey{core::fnv1a64(header.substr(0, first)), a, b};
  }
  return core::DrawKey{core::fnv1a64("connection"), connection, index};
}

struct Exchange {
  MockShared& shared;
  beast::tcp_stream& stream;
  beast::flat_buffer& buffer;
  Request const& req;
  SteadyTime received;
  std::string request_id;
};

// Frees the slot when the exchange ends, however it ends.
struct SlotGuard {
  SlotPool* pool = nullptr;
  ~SlotGuard() {
    if (pool != nullptr) pool->release();
  }
};

net::awaitable<bool> wait_for_slot(Exchange& x, SlotGuard& guard, bool& full) {
  auto waiter = std::make_shared<SlotWaiter>(co_await net::this_coro::executor);
  auto const admit = x.shared.pool.admit(waiter);
  if (admit == SlotPool::Admit::full) {
    full = true;
    co_return true;
  }
  if (admit == SlotPool::Admit::queued) {
    using namespace net::experimental::awaitable_operators;
    auto const result = co_await (waiter->timer.async_wait(use_nothrow) ||
                                  watch_closed(x.stream.socket(), x.buffer));
    if (result.index() == 1 || !x.shared.pool.granted(*waiter)) {
      x.shared.pool.leave(waiter);  // the client left the queue (or the server stops)
      co_return false;
    }
  }
  guard.pool = &x.shared.pool;
  co_return true;
}

// Plays a 200 script as SSE: the opening with the headers at t0, then each instant's events
// in one chunk, each written rtt/2 after its planned time. Runs raced against watch_closed
// (one watcher per stream, not per token), which cancels it when the client leaves.
net::awaitable<bool> play_stream(Exchange& x, wire::StreamRenderer const& renderer,
                                 core::ResponseScript const& script, SteadyTime t0, double scale) {
  auto const half = script.network_rtt / 2;
  auto& stats = x.shared.stats;
  std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
      "Transfer-Encoding: chunked\r\nrequest-id: " +
      x.request_id + "\r\n\r\n" + chunk(renderer.opening());
  // One timer for the whole stream, and writes on the raw socket: tcp_stream's per-operation
  // timeout bookkeeping is measurable at thousands of writes per second.
  net::steady_timer timer(co_await net::this_coro::executor);
  auto& socket = x.stream.socket();
  SteadyTime planned = t0 + half;
  if (!co_await wait_until(timer, planned)) co_return false;
  stats.record_lateness(std::chrono::steady_clock::now() - planned);
  if (auto [ec, n] = co_await net::async_write(socket, net::buffer(head), use_nothrow); ec) {
    co_return false;
  }
  auto const& events = script.events;
  for (std::size_t i = 0; i < events.size();) {
    std::string batch;
    core::Duration const offset = events[i].offset;
    for (; i < events.size() && events[i].offset == offset; ++i) batch += renderer.event(i);
    std::string bytes = chunk(batch);
    if (i == events.size()) bytes += "0\r\n\r\n";
    planned = t0 + core::scaled_offset(offset, scale) + half;
    if (!co_await wait_until(timer, planned)) co_return false;
    stats.record_lateness(std::chrono::steady_clock::now() - planned);
    if (auto [ec, n] = co_await net::async_write(socket, net::buffer(bytes), use_nothrow); ec) {
      co_return false;
    }
  }
  co_return events.empty() || events.back().type != core::ScriptEventType::stream_error;
}

net::awaitable<bool> handle_messages(Exchange& x, std::uint64_t connection, std::uint64_t index) {
  auto const& config = x.shared.config;
  bool const keep = x.req.keep_alive();
  if (config.api_key && x.req["x-api-key"] != *config.api_key) {
    x.shared.stats.count_request(401, "unauthenticated");
    co_return co_await write_error(x.stream, 401, "invalid x-api-key", keep, x.request_id);
  }
  auto const request = wire::parse_messages_request(x.req.body());
  auto const kind = request.valid ? request.kind : core::RequestKind::invalid_request;
  auto const script = core::script_response(
      kind, config.model,
      core::rng_for(config.seed, draw_key(x.req, connection, index), core::DrawPurpose::response));
  // The request counts as received rtt/2 after its last byte (SPEC step 5).
  SteadyTime const arrival = x.received + script.network_rtt / 2;
  if (!co_await sleep_until(arrival, x.stream.socket(), x.buffer)) co_return false;
  std::string const kind_name(core::to_string(kind));
  if (!request.valid || script.status != 200) {
    int const status = request.valid ? script.status : 400;
    x.shared.stats.count_request(status, kind_name);
    std::string const message =
        request.valid ? "Injected error (loadtwin mock error_rate)" : request.error;
    co_return co_await write_error(x.stream, status, message, keep, x.request_id);
  }
  SlotGuard guard;
  bool full = false;
  if (!co_await wait_for_slot(x, guard, full)) co_return false;
  if (full) {
    x.shared.stats.count_request(config.model.queue_full_status, kind_name);
    co_return co_await write_error(x.stream, config.model.queue_full_status,
                                   "Overloaded (queue full)", keep, x.request_id);
  }
  SteadyTime const t0 = std::chrono::steady_clock::now();
  double const scale = 1.0 + config.model.slowdown_per_active_stream *
                                 static_cast<double>(x.shared.pool.active() - 1);
  wire::StreamRenderer const renderer(request, script, config.model.tool_input_chunks,
                                "msg_" + hex_id(connection, index));
  x.shared.stats.count_request(200, kind_name);
  if (request.stream) {
    using namespace net::experimental::awaitable_operators;
    auto const result = co_await (play_stream(x, renderer, script, t0, scale) ||
                                  watch_closed(x.stream.socket(), x.buffer));
    co_return result.index() == 0 && std::get<0>(result) && keep;
  }
  SteadyTime const done =
      t0 + core::scaled_offset(script.last_offset(), scale) + script.network_rtt / 2;
  if (!co_await sleep_until(done, x.stream.socket(), x.buffer)) co_return false;
  co_return co_await write_response(x.stream, 200, "application/json", renderer.message_json(),
                                    keep, x.request_id);
}

net::awaitable<bool> route(Exchange& x, std::uint64_t connection, std::uint64_t index) {
  std::string_view target = x.req.target();
  target = target.substr(0, target.find('?'));
  bool const keep = x.req.keep_alive();
  auto const method = x.req.method();
  if (target == "/v1/messages") {
    if (method == http::verb::post) co_return co_await handle_messages(x, connection, index);
    co_return co_await write_error(x.stream, 405, "Method not allowed: use POST", keep,
                                   x.request_id);
  }
  if (target == "/health" && method == http::verb::get) {
    co_return co_await write_response(x.stream, 200, "application/json", R"({"status":"ok"})",
                                      keep);
  }
  if (target == "/metrics" && method == http::verb::get) {
    auto text = x.shared.stats.render_prometheus(x.shared.pool.active(), x.shared.pool.queued());
    co_return co_await write_response(x.stream, 200, "text/plain; version=0.0.4", std::move(text),
                                      keep);
  }
  co_return co_await write_error(x.stream, 404, "Not found: " + std::string(target), keep,
                                 x.request_id);
}

bool is_http_parse_error(beast::error_code const& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

}  // namespace

net::awaitable<void> run_session(std::shared_ptr<MockShared> shared, tcp::socket socket,
                                 std::uint64_t connection) {
  ++shared->stats.connections_open;
  ++shared->stats.connections_total;
  beast::error_code nodelay_ec;
  // SSE writes are small and timed: Nagle's algorithm would hold them back for an ACK.
  socket.set_option(tcp::no_delay(true), nodelay_ec);
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  auto const& config = shared->config;
  for (std::uint64_t index = 0; !shared->stopping; ++index) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(config.header_limit));
    parser.body_limit(config.body_limit);
    stream.expires_after(config.header_timeout);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_nothrow);
    stream.expires_never();
    std::string const request_id = "req_" + hex_id(connection, index);
    if (ec == http::error::header_limit) {
      co_await write_error(stream, 431, "Request header fields too large", false, request_id);
      break;
    }
    if (ec == http::error::body_limit) {
      co_await write_error(stream, 413, "Request exceeds the maximum allowed size", false,
                           request_id);
      break;
    }
    if (ec && is_http_parse_error(ec) && ec != http::error::end_of_stream &&
        ec != http::error::partial_message) {
      co_await write_error(stream, 400, "Malformed HTTP request: " + ec.message(), false,
                           request_id);
      break;
    }
    if (ec) break;  // closed, reset, timed out: nobody to answer
    Request const req = parser.release();
    Exchange x{*shared, stream, buffer, req, std::chrono::steady_clock::now(), request_id};
    bool const ok = co_await route(x, connection, index);
    if (!ok || !req.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  --shared->stats.connections_open;
}

}  // namespace loadtwin::live
