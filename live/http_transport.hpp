#pragma once
// SEAM 2 on real sockets: core::Transport over HTTP/1.1 keep-alive connections (a pool:
// each request takes an idle connection or opens one, so in steady state every VU keeps
// its own). Each request is a coroutine on the io_context's one thread; every wire failure
// becomes a RequestOutcome with a reason, never an exception.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/scheduler.hpp"
#include "core/transport.hpp"
#include "live/net.hpp"

namespace loadtwin::live {

struct Endpoint {
  std::string host = "127.0.0.1";
  std::uint16_t port = 80;
  std::string path_prefix;  // base URL path, without the trailing '/'
};

// Parses "http://HOST:PORT[/prefix]"; nullopt + message otherwise (https is not supported).
std::optional<Endpoint> parse_base_url(std::string const& url, std::string& error);

struct HttpOptions {
  std::string api_key;  // x-api-key (from --api-key or ANTHROPIC_API_KEY)
  std::string model = "claude-sonnet-4-5";
  std::size_t max_error_body = 1 << 20;
};

// The request body a scenario's kind sends.
std::string request_body(core::RequestKind kind, std::string const& model);

class HttpTransport final : public core::Transport {
 public:
  HttpTransport(net::io_context& ioc, core::Scheduler& scheduler, Endpoint endpoint,
                HttpOptions options);
  ~HttpTransport() override;
  core::RequestHandle send(core::RequestSpec const& request,
                           core::StreamObserver& observer) override;
  void abort(core::RequestHandle request) override;
  [[nodiscard]] std::size_t connections_opened() const { return connections_opened_; }

  struct Connection;
  struct Exchange;

 private:
  net::awaitable<void> run(std::shared_ptr<Exchange> exchange);
  net::awaitable<bool> connect(Exchange& x);
  void finish(Exchange& x, core::RequestOutcome const& outcome);

  net::io_context& ioc_;
  core::Scheduler& scheduler_;
  Endpoint endpoint_;
  HttpOptions options_;
  std::optional<tcp::endpoint> resolved_;
  std::vector<std::shared_ptr<Connection>> idle_;
  std::map<core::RequestHandle, std::shared_ptr<Exchange>> active_;
  core::RequestHandle next_ = 1;
  std::size_t connections_opened_ = 0;
};

}  // namespace loadtwin::live
