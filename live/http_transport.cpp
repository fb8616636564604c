#include "live/http_transport.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "live/http_exchange.hpp"

namespace loadtwin::live {

std::optional<Endpoint> parse_base_url(std::string const& url, std::string& error) {
  std::string_view rest = url;
  if (!rest.starts_with("http://")) {
    error = "expected http://HOST:PORT (https is not supported), got '" + url + "'";
    return std::nullopt;
  }
  rest.remove_prefix(7);
  auto const slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  Endpoint e;
  if (slash != std::string_view::npos) e.path_prefix = std::string(rest.substr(slash));
  while (!e.path_prefix.empty() && e.path_prefix.back() == '/') e.path_prefix.pop_back();
  auto const colon = authority.rfind(':');
  e.host = std::string(authority.substr(0, colon));
  if (colon != std::string_view::npos) {
    auto const port = authority.substr(colon + 1);
    auto const [p, ec] = std::from_chars(port.data(), port.data() + port.size(), e.port);
    if (ec != std::errc{} || p != port.data() + port.size() || e.port == 0) {
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

HttpTransport::HttpTransport(net::io_context& ioc, core::Scheduler& scheduler, Endpoint endpoint,
                             HttpOptions options)
    : ioc_(ioc),
      scheduler_(scheduler),
      endpoint_(std::move(endpoint)),
      options_(std::move(options)),
      dialect_(*wire::find_client_dialect(options_.dialect)) {}

HttpTransport::~HttpTransport() = default;

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
    x->connection->socket.close(ignored);  // the coroutine wakes with an error and sees `ended`
  }
  finish(*x, {core::OutcomeKind::aborted, scheduler_.now(), 0, std::nullopt, {}});
}

net::awaitable<bool> HttpTransport::connect(Exchange& x) {
  using core::OutcomeKind;
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
    resolved_ = *results.begin();
  }
  x.connection = std::make_shared<Connection>(ioc_);
  x.reused = false;
  auto [ec] = co_await x.connection->socket.async_connect(*resolved_, use_nothrow);
  if (ec) {
    finish(x, {OutcomeKind::failed, scheduler_.now(), 0, core::ErrorReason::connection_refused,
               fmt::format("cannot connect to {}:{}: {}", endpoint_.host, endpoint_.port,
                           ec.message())});
    co_return false;
  }
  boost::system::error_code ignored;
  x.connection->socket.set_option(tcp::no_delay(true), ignored);
  ++connections_opened_;
  co_return true;
}

}  // namespace loadtwin::live
