// One request on the wire: take or open a connection, send, read the status and headers,
// then read the body incrementally, timestamping SSE events as their bytes arrive.
#include "live/http_exchange.hpp"

#include <fmt/format.h>

#include "wire/stream_reader.hpp"

namespace loadtwin::live {
namespace {

std::optional<core::ErrorReason> reason_for_status(int status) {
  // 5xx and 429 are what servers (and the mock's error_rate) inject; anything else that is
  // not the expected status is simply unexpected (the recorder's default).
  if (status >= 500 || status == 429) return core::ErrorReason::injected_status;
  return std::nullopt;
}

core::ErrorReason reason_for_read_error(boost::system::error_code const& ec) {
  if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return core::ErrorReason::malformed_stream;
  }
  return core::ErrorReason::reset;
}

}  // namespace

net::awaitable<void> HttpTransport::run(std::shared_ptr<Exchange> x) {
  using core::OutcomeKind;
  core::Instant const started = scheduler_.now();
  bool fresh = idle_.empty();
  if (!fresh) {
    x->connection = idle_.back();
    idle_.pop_back();
  } else if (!co_await connect(*x)) {
    if (!x->ended)
      finish(*x, {OutcomeKind::failed, scheduler_.now(), 0, core::ErrorReason::connection_refused});
    co_return;
  }
  if (x->ended) co_return;
  std::string const body = request_body(x->spec.kind, options_.model);
  std::string const head = fmt::format(
      "POST {}/v1/messages HTTP/1.1\r\nHost: {}:{}\r\ncontent-type: application/json\r\n"
      "anthropic-version: 2023-06-01\r\nx-api-key: {}\r\nloadtwin-draw-key: {}/{}/{}\r\n"
      "Content-Length: {}\r\n\r\n",
      endpoint_.path_prefix, endpoint_.host, endpoint_.port, options_.api_key, x->scenario,
      x->spec.key.a, x->spec.key.b, body.size());
  std::string const request = head + body;
  // "Sent" is when the bytes are handed to the socket. Asio writes a small request during
  // the initiation and resumes us later, so the instant before the write is the honest one
  // (stamping after the resume put TTFT below the server's planned delay under load).
  core::Instant sent = scheduler_.now();
  auto [wec, wn] =
      co_await net::async_write(x->connection->socket, net::buffer(request), use_nothrow);
  if (x->ended) co_return;
  if (wec && !fresh) {  // the server closed the idle keep-alive connection: open a new one
    fresh = true;
    if (!co_await connect(*x)) {
      if (!x->ended)
        finish(*x,
               {OutcomeKind::failed, scheduler_.now(), 0, core::ErrorReason::connection_refused});
      co_return;
    }
    if (x->ended) co_return;
    sent = scheduler_.now();
    std::tie(wec, wn) =
        co_await net::async_write(x->connection->socket, net::buffer(request), use_nothrow);
    if (x->ended) co_return;
  }
  if (wec) {
    finish(*x, {OutcomeKind::failed, scheduler_.now(), 0, core::ErrorReason::reset});
    co_return;
  }
  x->observer->on_event(
      core::StreamEvent{.type = core::StreamEventType::sent,
                        .at = sent,
                        .connecting = fresh ? sent - started : core::Duration{0}});
  auto connection = x->connection;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);  // a stream may be long; its lines are bounded by the SSE parser
  auto [hec, hn] =
      co_await http::async_read_header(connection->socket, connection->buffer, parser, use_nothrow);
  if (x->ended) co_return;
  if (hec) {
    auto const reason = hn == 0 && !fresh ? core::ErrorReason::reset : reason_for_read_error(hec);
    finish(*x, {OutcomeKind::failed, scheduler_.now(), 0, reason});
    co_return;
  }
  int const status = static_cast<int>(parser.get().result_int());
  x->observer->on_event(core::StreamEvent{
      .type = core::StreamEventType::headers, .at = scheduler_.now(), .status = status});
  bool const sse = parser.get()[http::field::content_type].starts_with("text/event-stream");
  wire::StreamReader reader([x](core::StreamEvent const& e) {
    if (!x->ended) x->observer->on_event(e);
  });
  std::size_t body_bytes = 0;
  char buf[16384];
  while (!parser.is_done()) {
    parser.get().body().data = buf;
    parser.get().body().size = sizeof buf;
    auto [rec, rn] =
        co_await http::async_read_some(connection->socket, connection->buffer, parser, use_nothrow);
    if (x->ended) co_return;
    if (rec == http::error::need_buffer) rec = {};
    std::size_t const got = sizeof buf - parser.get().body().size;
    if (rec) {
      finish(*x, {OutcomeKind::failed, scheduler_.now(), status, reason_for_read_error(rec)});
      co_return;
    }
    body_bytes += got;
    if (sse && status == 200) {
      reader.feed(std::string_view(buf, got), scheduler_.now());
      if (reader.error()) {
        finish(*x, {OutcomeKind::failed, scheduler_.now(), status, reader.error()});
        co_return;  // a broken stream's connection is not reused
      }
    } else if (body_bytes > options_.max_error_body) {
      finish(*x,
             {OutcomeKind::failed, scheduler_.now(), status, core::ErrorReason::malformed_stream});
      co_return;
    }
  }
  core::Instant const done = scheduler_.now();
  if (status == 200 && !sse) {
    finish(*x, {OutcomeKind::failed, done, status, core::ErrorReason::malformed_stream});
  } else if (status == 200) {
    reader.end_of_body(done);
    if (reader.error()) {
      finish(*x, {OutcomeKind::failed, done, status, reader.error()});
      co_return;
    }
    finish(*x, {OutcomeKind::completed, done, status, std::nullopt});
  } else {
    finish(*x, {OutcomeKind::completed, done, status, reason_for_status(status)});
  }
  if (parser.keep_alive()) {
    idle_.push_back(connection);
  }
}

}  // namespace loadtwin::live
