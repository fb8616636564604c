#pragma once
// SEAM 2 on real sockets: core::Transport over HTTP/1.1 keep-alive connections (a pool:
// each request takes an idle connection or opens one; a connection goes back to the pool
// before the request's on_end, so a VU that starts its next request at once reuses it, and
// N VUs keep N connections). Each request is a coroutine on the io_context's one thread;
// every wire failure becomes a RequestOutcome with a reason, never an exception. What the
// bytes mean is the dialect's (wire::ClientDialect).
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/scheduler.hpp"
#include "core/transport.hpp"
#include "live/net.hpp"
#include "live/tls_options.hpp"
#include "wire/dialect.hpp"

namespace loadtwin::live {

struct Endpoint {
  std::string host = "127.0.0.1";
  std::uint16_t port = 80;
  std::string path_prefix;  // base URL path, without the trailing '/'
  bool tls = false;         // https://
};

// Parses "http[s]://HOST[:PORT][/prefix]" (default port 80, or 443 for https); nullopt +
// message otherwise.
std::optional<Endpoint> parse_base_url(std::string const& url, std::string& error);

struct HttpOptions {
  std::string api_key;  // the dialect's auth header (from --api-key or the environment)
  std::string model = "claude-sonnet-4-5";
  std::string dialect = "anthropic";
  bool send_draw_key = true;  // loadtwin-draw-key: loopback targets only (SPEC)
  std::size_t max_error_body = 1 << 20;
  TlsClientOptions tls;      // used when the endpoint is https
  core::HeaderList headers;  // the plan's and --header's, after the dialect's own
};

// Empty when the CA, certificate and key files of `options` can be used; else what is wrong
// with them -- the message an https HttpTransport's error() would give. For early checks.
std::string check_tls_options(TlsClientOptions const& options);

class TlsClient;

class HttpTransport final : public core::Transport {
 public:
  HttpTransport(net::io_context& ioc, core::Scheduler& scheduler, Endpoint endpoint,
                HttpOptions options);
  ~HttpTransport() override;
  // Why the transport cannot run (an https endpoint whose CA, certificate or key file is
  // unusable); empty when it can. Check it before the run: every request would fail.
  [[nodiscard]] std::string const& error() const { return error_; }
  core::RequestHandle send(core::RequestSpec const& request,
                           core::StreamObserver& observer) override;
  void abort(core::RequestHandle request) override;
  [[nodiscard]] std::size_t connections_opened() const { return connections_opened_; }
  // TLS handshakes that resumed an earlier session of this transport.
  [[nodiscard]] std::size_t tls_sessions_resumed() const;

  struct Connection;
  struct Exchange;

 private:
  net::awaitable<void> run(std::shared_ptr<Exchange> exchange);
  // One attempt on a connection; false when a reused connection turned out closed before
  // any response byte (the caller then sends once more on a new one).
  net::awaitable<bool> attempt(std::shared_ptr<Exchange> x, std::string const& request,
                               bool may_retry);
  net::awaitable<bool> acquire(Exchange& x, bool fresh_only);
  net::awaitable<bool> connect(Exchange& x);
  net::awaitable<bool> handshake(Exchange& x);
  // The body, after the head: a callback per read (no coroutine resumption per event). Each
  // read's handler carries `x` on to the next, so the exchange lives until its last read.
  void start_body(std::shared_ptr<Exchange> x);
  void pump_body(std::shared_ptr<Exchange> x);
  void read_more(std::shared_ptr<Exchange> x);
  void on_read(std::shared_ptr<Exchange> x, boost::system::error_code ec, std::size_t n);
  // Takes the body bytes a parse left in body_buf_, or its error (false: the exchange ended).
  bool take_body(Exchange& x, boost::system::error_code parsed);
  void end_body(Exchange& x);
  std::string render_request(Exchange const& x) const;
  // "host" or "host:port" (the port only when it is not the scheme's default).
  std::string host_header() const;
  void finish(Exchange& x, core::RequestOutcome const& outcome);

  net::io_context& ioc_;
  core::Scheduler& scheduler_;
  Endpoint endpoint_;
  HttpOptions options_;
  wire::ClientDialect const& dialect_;
  std::unique_ptr<TlsClient> tls_;  // https only
  std::string error_;
  std::optional<tcp::resolver::results_type> resolved_;
  std::vector<std::shared_ptr<Connection>> idle_;
  std::map<core::RequestHandle, std::shared_ptr<Exchange>> active_;
  core::RequestHandle next_ = 1;
  std::size_t connections_opened_ = 0;
  // Body bytes of the read at hand (one thread: each read's bytes are fed before the next).
  std::array<char, 16384> body_buf_{};
};

}  // namespace loadtwin::live
