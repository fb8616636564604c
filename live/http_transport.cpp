#include "live/http_transport.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "live/http_exchange.hpp"
#include "live/tls_context.hpp"

namespace loadtwin::live {

namespace {

// "HOST[:PORT]" or "[IPv6][:PORT]" into the host (without brackets) and the port text
// (nullopt: none given). False when the brackets do not close.
bool split_authority(std::string_view authority, std::string& host,
                     std::optional<std::string_view>& port) {
  std::size_t host_end = authority.rfind(':');
  std::size_t host_begin = 0;
  if (authority.starts_with('[')) {
    auto const close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host_begin = 1;
    host_end = close;
    if (close + 1 < authority.size() && authority[close + 1] != ':') return false;
  }
  host = std::string(authority.substr(host_begin, host_end - host_begin));
  auto const colon = authority.find(':', host_end);
  if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  return true;
}

}  // namespace

std::optional<Endpoint> parse_base_url(std::string const& url, std::string& error) {
  std::string_view rest = url;
  Endpoint e;
  if (rest.starts_with("https://")) {
    e.tls = true;
    e.port = 443;
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    error = "expected http://HOST[:PORT] or https://HOST[:PORT], got '" + url + "'";
    return std::nullopt;
  }
  auto const slash = rest.find('/');
  if (slash != std::string_view::npos) e.path_prefix = std::string(rest.substr(slash));
  while (!e.path_prefix.empty() && e.path_prefix.back() == '/') e.path_prefix.pop_back();
  std::optional<std::string_view> port;
  if (!split_authority(rest.substr(0, slash), e.host, port)) {
    error = "bad host in '" + url + "'";
    return std::nullopt;
  }
  if (port) {
    auto const [p, ec] = std::from_chars(port->data(), port->data() + port->size(), e.port);
    if (ec != std::errc{} || p != port->data() + port->size() || e.port == 0) {
      error = "bad port in '" + url + "'";
      return std::nullopt;
    }
  }
  if (e.host.empty()) {
    error = "no host in '" + url + "'";
    return std::nullopt;
  }
  return e;
}

std::string check_tls_options(TlsClientOptions const& options) {
  std::string error;
  if (!TlsClient::make(options, error)) return "TLS: " + error;
  return {};
}

HttpTransport::HttpTransport(net::io_context& ioc, core::Scheduler& scheduler, Endpoint endpoint,
                             HttpOptions options)
    : ioc_(ioc),
      scheduler_(scheduler),
      endpoint_(std::move(endpoint)),
      options_(std::move(options)),
      dialect_(*wire::find_client_dialect(options_.dialect)) {
  if (endpoint_.tls) {
    tls_ = TlsClient::make(options_.tls, error_);
    if (!tls_) error_ = "TLS: " + error_;
  }
}

HttpTransport::~HttpTransport() = default;

std::size_t HttpTransport::tls_sessions_resumed() const {
  return tls_ ? tls_->sessions_resumed() : 0;
}

core::RequestHandle HttpTransport::send(core::RequestSpec const& request,
                                        core::StreamObserver& observer) {
  auto x = std::make_shared<Exchange>();
  x->handle = next_++;
  x->spec = request;
  x->scenario = std::string(request.scenario);
  x->observer = &observer;
  active_.emplace(x->handle, x);
  net::co_spawn(ioc_, run(x), net::detached);
  return x->handle;
}

void HttpTransport::finish(Exchange& x, core::RequestOutcome const& outcome) {
  if (x.ended) return;
  x.ended = true;
  active_.erase(x.handle);
  x.observer->on_end(outcome);
}

void HttpTransport::abort(core::RequestHandle request) {
  auto const it = active_.find(request);
  if (it == active_.end()) return;
  auto x = it->second;
  if (x->connection) {
    boost::system::error_code ignored;
    x->connection->stream.socket().close(
        ignored);  // the coroutine wakes with an error and sees `ended`
  }
  finish(*x, {core::OutcomeKind::aborted, scheduler_.now(), 0, std::nullopt, {}});
}

// TCP (after the first name lookup), then TLS for https. x.connecting and
// x.tls_handshaking get the time each took.
net::awaitable<bool> HttpTransport::connect(Exchange& x) {
  using core::OutcomeKind;
  core::Instant const start = scheduler_.now();
  if (!resolved_) {
    tcp::resolver resolver(ioc_);
    auto [ec, results] = co_await resolver.async_resolve(
        endpoint_.host, std::to_string(endpoint_.port), use_nothrow);
    if (ec || results.empty()) {
      finish(x, {OutcomeKind::failed, scheduler_.now(), 0, core::ErrorReason::dns,
                 fmt::format("cannot resolve {}: {}", endpoint_.host,
                             ec ? ec.message() : "no address")});
      co_return false;
    }
    resolved_ = std::move(results);
  }
  x.connection = std::make_shared<Connection>(ioc_);
  x.reused = false;
  // Every address in turn: "localhost" may name ::1 first and a server listen on 127.0.0.1.
  auto [ec, ignored_endpoint] =
      co_await net::async_connect(x.connection->stream.socket(), *resolved_, use_nothrow);
  if (ec) {
    finish(x, {OutcomeKind::failed, scheduler_.now(), 0, core::ErrorReason::connection_refused,
               fmt::format("cannot connect to {}:{}: {}", endpoint_.host, endpoint_.port,
                           ec.message())});
    co_return false;
  }
  boost::system::error_code ignored;
  x.connection->stream.socket().set_option(tcp::no_delay(true), ignored);
  ++connections_opened_;
  core::Instant const connected = scheduler_.now();
  x.connecting = connected - start;
  if (!endpoint_.tls) co_return true;
  bool const ok = co_await handshake(x);
  x.tls_handshaking = scheduler_.now() - connected;
  co_return ok;
}

net::awaitable<bool> HttpTransport::handshake(Exchange& x) {
  using core::OutcomeKind;
  auto fail = [&](std::string const& why) {
    finish(x, {OutcomeKind::failed, scheduler_.now(), 0, core::ErrorReason::tls,
               fmt::format("TLS handshake with {}:{}: {}", endpoint_.host, endpoint_.port, why)});
  };
  if (!tls_) {
    fail(error_);
    co_return false;
  }
  auto& stream = x.connection->stream;
  stream.start_tls(tls_->context());
  if (auto const why = tls_->prepare(*stream.tls(), endpoint_.host); !why.empty()) {
    fail(why);
    co_return false;
  }
  auto [ec] = co_await stream.tls()->async_handshake(ssl::stream_base::client, use_nothrow);
  if (ec) {
    fail(tls_error_text(ec, stream.tls()->native_handle()));
    co_return false;
  }
  tls_->handshake_done(*stream.tls());
  co_return true;
}

}  // namespace loadtwin::live
