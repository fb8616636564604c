// One mock connection: reads requests (keep-alive) and routes them -- a dialect's endpoint
// to answer_model_request (mock_exchange.cpp), /health, /metrics -- with the limits of a
// well-behaved server (431, 413, 400, a header timeout).
#include <fmt/format.h>

#include <boost/asio/experimental/awaitable_operators.hpp>

#include "core/random.hpp"
#include "live/mock_io.hpp"

namespace loadtwin::live {
namespace {

constexpr std::size_t pipelined_bytes_max = 64 * 1024;
constexpr auto tls_close_wait = std::chrono::seconds(1);

// Errors outside a dialect's endpoint are written in the Anthropic shape.
wire::ServerDialect const& default_dialect() { return *wire::find_server_dialect("/v1/messages"); }

net::awaitable<bool> write_error(MockStream& stream, wire::ServerDialect const& dialect, int status,
                                 std::string_view message, bool keep_alive,
                                 std::string const& request_id) {
  // Named, not braced in the call: GCC 12 miscompiles braced lists as coroutine arguments.
  core::HeaderList const headers{{"request-id", request_id}};
  co_return co_await write_response(stream, status, "application/json",
                                    dialect.error_body(status, message, request_id), keep_alive,
                                    headers);
}

net::awaitable<bool> route(MockExchange& x) {
  std::string_view target = x.req.target();
  target = target.substr(0, target.find('?'));
  bool const keep = x.req.keep_alive();
  auto const method = x.req.method();
  if (auto const* dialect = wire::find_server_dialect(target)) {
    if (method != http::verb::post) {
      co_return co_await write_error(x.stream, *dialect, 405, "Method not allowed: use POST", keep,
                                     x.request_id);
    }
    auto const& key = x.shared.config.api_key;
    if (key && x.req["x-api-key"] != *key && x.req["authorization"] != "Bearer " + *key) {
      x.shared.stats.count_request(401, "unauthenticated");
      co_return co_await write_error(x.stream, *dialect, 401, "invalid API key", keep,
                                     x.request_id);
    }
    co_return co_await answer_model_request(x, *dialect);
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
  co_return co_await write_error(x.stream, default_dialect(), 404,
                                 "Not found: " + std::string(target), keep, x.request_id);
}

bool is_http_parse_error(beast::error_code const& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// The answer to a request that could not be read, or nothing (0) when nobody is there.
int read_error_status(beast::error_code const& ec) {
  if (ec == http::error::header_limit) return 431;
  if (ec == http::error::body_limit) return 413;
  if (is_http_parse_error(ec)) return 400;
  return 0;  // closed, reset, timed out
}

std::string read_error_message(int status, beast::error_code const& ec) {
  if (status == 431) return "Request header fields too large";
  if (status == 413) return "Request exceeds the maximum allowed size";
  return "Malformed HTTP request: " + ec.message();
}

// Requests on one connection (keep-alive) until it closes, breaks, or the mock stops.
net::awaitable<void> serve_requests(MockShared& shared, MockStream& stream,
                                    std::uint64_t connection) {
  beast::flat_buffer buffer;
  auto const& config = shared.config;
  for (std::uint64_t index = 0; !shared.stopping; ++index) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(config.header_limit));
    parser.body_limit(config.body_limit);
    stream.layer().expires_after(config.header_timeout);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_nothrow);
    stream.layer().expires_never();
    std::string const request_id = "req_" + hex_id(connection, index);
    if (ec) {
      if (int const status = read_error_status(ec); status != 0) {
        co_await write_error(stream, default_dialect(), status, read_error_message(status, ec),
                             false, request_id);
      }
      co_return;
    }
    MockRequest const req = parser.release();
    MockExchange x{shared,     stream, buffer,    req, std::chrono::steady_clock::now(),
                   connection, index,  request_id};
    bool const ok = co_await route(x);
    if (!ok || !req.keep_alive()) co_return;
  }
}

// The server side of the handshake, bounded by the header timeout. A failed one is counted
// and the connection closed.
net::awaitable<bool> tls_handshake(MockShared& shared, MockStream& stream) {
  stream.start_tls(*shared.tls);
  stream.layer().expires_after(shared.config.header_timeout);
  auto [ec] = co_await stream.tls()->async_handshake(ssl::stream_base::server, use_nothrow);
  stream.layer().expires_never();
  if (ec) {
    ++shared.stats.tls_handshakes_failed;
    co_return false;
  }
  if (SSL_session_reused(stream.tls()->native_handle()) == 1) ++shared.stats.tls_sessions_resumed;
  co_return true;
}

// close_notify, waiting a little for the client's (it may just close the connection).
net::awaitable<void> close_tls(MockShared const& shared, MockStream& stream) {
  if (stream.tls() == nullptr || shared.stopping) co_return;
  stream.layer().expires_after(tls_close_wait);
  co_await stream.tls()->async_shutdown(use_nothrow);  // its outcome changes nothing
  stream.layer().expires_never();
}

}  // namespace

std::string hex_id(std::uint64_t a, std::uint64_t b) {
  // +1s keep (0, 0) from mapping to zero: the splitmix finaliser fixes 0.
  return fmt::format("{:016x}{:08x}", core::mix64((a + 1) ^ core::mix64(b + 1)), b & 0xffffffffU);
}

net::awaitable<void> watch_closed(MockStream& stream, beast::flat_buffer& buffer) {
  for (;;) {
    auto [ec, n] = co_await stream.direct().async_read_some(buffer.prepare(4096), use_nothrow);
    if (ec) co_return;
    buffer.commit(n);
    if (buffer.size() > pipelined_bytes_max) co_return;  // a flood, not a client
  }
}

net::awaitable<bool> sleep_until(SteadyTime when, MockExchange& x) {
  using namespace net::experimental::awaitable_operators;
  if (when <= std::chrono::steady_clock::now()) co_return true;
  net::steady_timer timer(co_await net::this_coro::executor, when);
  auto const result = co_await (timer.async_wait(use_nothrow) || watch_closed(x.stream, x.buffer));
  co_return result.index() == 0;
}

net::awaitable<bool> wait_until(net::steady_timer& timer, SteadyTime when) {
  if (when <= std::chrono::steady_clock::now()) co_return true;
  timer.expires_at(when);
  auto [ec] = co_await timer.async_wait(use_nothrow);
  co_return !ec;
}

net::awaitable<bool> write_response(MockStream& stream, int status, std::string_view content_type,
                                    std::string body, bool keep_alive, core::HeaderList headers) {
  http::response<http::string_body> res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, content_type);
  for (auto const& [name, value] : headers) res.set(name, value);
  res.keep_alive(keep_alive);
  res.body() = std::move(body);
  res.prepare_payload();
  auto [ec, n] = co_await http::async_write(stream, res, use_nothrow);
  co_return !ec;
}

net::awaitable<void> run_session(std::shared_ptr<MockShared> shared, tcp::socket socket,
                                 std::uint64_t connection) {
  ++shared->stats.connections_open;
  ++shared->stats.connections_total;
  beast::error_code nodelay_ec;
  // SSE writes are small and timed: Nagle's algorithm would hold them back for an ACK.
  socket.set_option(tcp::no_delay(true), nodelay_ec);
  MockStream stream(beast::tcp_stream(std::move(socket)));
  if (!shared->tls || co_await tls_handshake(*shared, stream)) {
    co_await serve_requests(*shared, stream, connection);
    co_await close_tls(*shared, stream);
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  --shared->stats.connections_open;
}

}  // namespace loadtwin::live
