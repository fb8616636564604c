// One request over HTTP/1.1, step by step: take a connection, write the request, read the
// head; then the body (http_body.cpp). A reused keep-alive connection that the
// server closed while idle fails before any response byte; the request is then sent once
// more on a new connection and counted once (what every HTTP client does).
#include "live/http_exchange.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "live/tls_context.hpp"
#include "wire/token_estimate.hpp"

namespace loadtwin::live {
namespace {

bool has_header(core::HeaderList const& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [name](auto const& h) { return boost::beast::iequals(h.first, name); });
}

}  // namespace

core::ErrorReason reason_for_read_error(boost::system::error_code const& ec) {
  // e.g. a server that wants a client certificate says so after a TLS 1.3 handshake
  if (is_tls_error(ec)) return core::ErrorReason::tls;
  if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return core::ErrorReason::malformed_stream;
  }
  return core::ErrorReason::reset;
}

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
  auto& parser = x->parser.emplace();
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
  start_body(std::move(x));
  co_return true;
}

}  // namespace loadtwin::live
