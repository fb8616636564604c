// One request over HTTP/1.1, step by step: take a connection, write the request, read the
// head, read the body through the dialect's reader. A reused keep-alive connection that the
// server closed while idle fails before any response byte; the request is then sent once
// more on a new connection and counted once (what every HTTP client does).
#include "live/http_exchange.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "live/tls_context.hpp"
#include "wire/token_estimate.hpp"

namespace loadtwin::live {
namespace {

core::ErrorReason reason_for_read_error(boost::system::error_code const& ec) {
  // e.g. a server that wants a client certificate says so after a TLS 1.3 handshake
  if (is_tls_error(ec)) return core::ErrorReason::tls;
  if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return core::ErrorReason::malformed_stream;
  }
  return core::ErrorReason::reset;
}

// retry-after(-ms) and the rate-limit families (SPEC "Rate limits"), kept in the records.
bool is_ratelimit_header(std::string_view name) {
  auto const lower_starts = [name](std::string_view prefix) {
    if (name.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(name[i])) != prefix[i]) return false;
    }
    return true;
  };
  return lower_starts("retry-after") || lower_starts("anthropic-ratelimit-") ||
         lower_starts("x-ratelimit-");
}

template <class Fields>
core::HeaderList ratelimit_headers(Fields const& fields) {
  core::HeaderList out;
  for (auto const& field : fields) {
    if (is_ratelimit_header(field.name_string())) {
      out.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
  }
  return out;
}

bool has_header(core::HeaderList const& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [name](auto const& h) { return boost::beast::iequals(h.first, name); });
}

// What http::async_read_some does, without its composed operation (an allocation and a
// few executor copies per read): parse the buffered bytes; need_more asks for a read.
using ResponseParser = http::response_parser<http::buffer_body>;

boost::system::error_code parse_buffered(ResponseParser& parser, beast::flat_buffer& buffer) {
  boost::system::error_code ec = http::error::need_more;
  if (buffer.size() > 0) buffer.consume(parser.put(buffer.data(), ec));
  return ec;
}

// After a read that ended with `ec`: the end of the connection as Beast takes it (the end of
// a body that runs to the close, or a cut message), else the new bytes parsed.
boost::system::error_code parse_after_read(ResponseParser& parser, beast::flat_buffer& buffer,
                                           boost::system::error_code ec) {
  if (ec == net::error::eof) {
    if (!parser.got_some()) return http::error::end_of_stream;
    boost::system::error_code eof_ec;
    parser.put_eof(eof_ec);
    return eof_ec;
  }
  if (ec) return ec;
  return parse_buffered(parser, buffer);
}

}  // namespace

std::string HttpTransport::render_request(Exchange const& x) const {
  wire::WriteOptions options{options_.model, options_.api_key, std::nullopt};
  if (x.spec.body != nullptr) {
    options.body = x.spec.body->json;
  } else if (x.spec.input_tokens) {  // a trace row: a synthetic prompt of its size
    auto const synthetic =
        dialect_.name() == "openai" ? wire::synthetic_chat_body : wire::synthetic_messages_body;
    options.body = synthetic(x.spec.kind, options_.model, *x.spec.input_tokens, x.spec.max_tokens);
  }
  auto const text = dialect_.write_request(x.spec.kind, options);
  std::string head = fmt::format("POST {}{} HTTP/1.1\r\nHost: {}\r\n", endpoint_.path_prefix,
                                 text.path, host_header());
  // The plan's headers (target, then the scenario's) replace the dialect's of the same name.
  std::vector<core::HeaderList const*> layers{&text.headers, &options_.headers};
  if (x.spec.headers != nullptr) layers.push_back(x.spec.headers);
  for (std::size_t i = 0; i < layers.size(); ++i) {
    for (auto const& [name, value] : *layers[i]) {
      bool const replaced =
          std::any_of(layers.begin() + static_cast<std::ptrdiff_t>(i) + 1, layers.end(),
                      [&name](core::HeaderList const* later) { return has_header(*later, name); });
      if (!replaced) head += fmt::format("{}: {}\r\n", name, value);
    }
  }
  if (options_.send_draw_key) {
    head += fmt::format("loadtwin-draw-key: {}/{}/{}\r\n", x.scenario, x.spec.key.a, x.spec.key.b);
    if (x.spec.max_tokens && x.spec.body == nullptr) {
      head += fmt::format("loadtwin-output-tokens: {}\r\n", *x.spec.max_tokens);
    }
  }
  return head + fmt::format("Content-Length: {}\r\n\r\n", text.body.size()) + text.body;
}

std::string HttpTransport::host_header() const {
  bool const default_port = endpoint_.port == (endpoint_.tls ? 443 : 80);
  bool const ipv6 = endpoint_.host.find(':') != std::string::npos;  // [::1]:port
  std::string const host = ipv6 ? "[" + endpoint_.host + "]" : endpoint_.host;
  return default_port ? host : fmt::format("{}:{}", host, endpoint_.port);
}

net::awaitable<void> HttpTransport::run(std::shared_ptr<Exchange> x) {
  x->started = scheduler_.now();
  std::string const request = render_request(*x);
  if (!co_await attempt(x, request, true) && !x->ended) co_await attempt(x, request, false);
}

net::awaitable<bool> HttpTransport::acquire(Exchange& x, bool fresh_only) {
  if (!fresh_only && !idle_.empty()) {
    x.connection = idle_.back();
    idle_.pop_back();
    x.reused = true;
    x.connecting = x.tls_handshaking = core::Duration{0};
    co_return true;
  }
  co_return co_await connect(x);
}

net::awaitable<bool> HttpTransport::attempt(std::shared_ptr<Exchange> x, std::string const& request,
                                            bool may_retry) {
  using core::OutcomeKind;
  if (!co_await acquire(*x, !may_retry) || x->ended) co_return true;
  bool const retry_on_stale = may_retry && x->reused;
  // "Sent" is when the bytes are handed to the socket. Asio writes a small request during
  // the initiation and resumes us later, so the instant before the write is the honest one.
  core::Instant const sent = scheduler_.now();
  auto [wec, wn] =
      co_await net::async_write(x->connection->stream, net::buffer(request), use_nothrow);
  if (x->ended) co_return true;
  if (wec && retry_on_stale) co_return false;
  if (wec) {
    finish(*x, {OutcomeKind::failed, scheduler_.now(), 0, reason_for_read_error(wec),
                "write: " + wec.message()});
    co_return true;
  }
  x->observer->on_event(core::StreamEvent{.type = core::StreamEventType::sent,
                                          .at = sent,
                                          .connecting = x->connecting,
                                          .tls_handshaking = x->tls_handshaking});
  auto connection = x->connection;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);  // a stream may be long; its lines are bounded by the reader
  auto [hec, hn] =
      co_await http::async_read_header(connection->stream, connection->buffer, parser, use_nothrow);
  if (x->ended) co_return true;
  if (hec && retry_on_stale && connection->buffer.size() == 0 && hn == 0) co_return false;
  if (hec) {
    finish(*x, {OutcomeKind::failed, scheduler_.now(), 0, reason_for_read_error(hec),
                "reading the response head: " + hec.message()});
    co_return true;
  }
  co_await read_body(x, parser);
  co_return true;
}

net::awaitable<void> HttpTransport::read_body(std::shared_ptr<Exchange> x,
                                              http::response_parser<http::buffer_body>& parser) {
  using core::OutcomeKind;
  auto connection = x->connection;
  int const status = static_cast<int>(parser.get().result_int());
  auto const ratelimit = ratelimit_headers(parser.get());
  x->observer->on_event(core::StreamEvent{.type = core::StreamEventType::headers,
                                          .at = scheduler_.now(),
                                          .status = status,
                                          .injected = parser.get()["loadtwin-injected"] == "1",
                                          .ratelimit = &ratelimit});
  bool const sse = parser.get()[http::field::content_type].starts_with("text/event-stream");
  bool const streamed = sse && status == 200;
  // A raw pointer fits std::function's local storage (no allocation per request); `x` outlives
  // the reader, a local of this coroutine, which holds `x`.
  auto reader = dialect_.read_reply([exchange = x.get()](core::StreamEvent const& e) {
    if (!exchange->ended) exchange->observer->on_event(e);
  });
  std::size_t body_bytes = 0;
  char buf[16384];
  auto& buffer = connection->buffer;
  while (!parser.is_done()) {
    parser.get().body().data = buf;
    parser.get().body().size = sizeof buf;
    auto rec = parse_buffered(parser, buffer);
    while (rec == http::error::need_more) {  // one read per arrival, straight to the socket
      auto [ec, n] = co_await connection->stream.async_read_some(
          buffer.prepare(beast::read_size(buffer, 65536)), use_nothrow);
      if (x->ended) co_return;
      buffer.commit(n);
      rec = parse_after_read(parser, buffer, ec);
    }
    if (rec == http::error::need_buffer) rec = {};
    std::size_t const got = sizeof buf - parser.get().body().size;
    if (rec) {
      finish(*x, {OutcomeKind::failed, scheduler_.now(), status, reason_for_read_error(rec),
                  "reading the body: " + rec.message()});
      co_return;
    }
    body_bytes += got;
    if (streamed) {
      reader->feed(std::string_view(buf, got), scheduler_.now());
      if (auto const error = reader->error()) {
        finish(*x, {OutcomeKind::failed, scheduler_.now(), status, error, {}});
        co_return;  // a broken stream's connection is not reused
      }
    } else if (body_bytes > options_.max_error_body) {
      finish(*x, {OutcomeKind::failed, scheduler_.now(), status,
                  core::ErrorReason::malformed_stream, "response body over the limit"});
      co_return;
    }
  }
  core::Instant const done = scheduler_.now();
  std::optional<core::ErrorReason> error;
  if (status == 200 && !sse) error = core::ErrorReason::malformed_stream;
  if (streamed) {
    reader->end_of_body(done);
    error = reader->error();
  }
  // Back to the pool before on_end: the VU may start its next request synchronously.
  if (!error && parser.keep_alive()) idle_.push_back(connection);
  if (error) {
    finish(*x, {OutcomeKind::failed, done, status, error, {}});
  } else {
    finish(*x, {OutcomeKind::completed, done, status, {}, {}});
  }
}

}  // namespace loadtwin::live
