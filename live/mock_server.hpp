#pragma once
// `loadtwin mock`: an HTTP/1.1 server that answers POST /v1/messages exactly as the
// Anthropic Messages API does, with the plan's timing model deciding every delay and error
// -- the same core::script_response the simulator plays (one model, two clocks).
// Also GET /health and GET /metrics (Prometheus).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/plan/plan.hpp"
#include "live/mock_stats.hpp"
#include "live/net.hpp"
#include "live/slot_pool.hpp"
#include "live/tls_stream.hpp"
#include "wire/dialect.hpp"

namespace loadtwin::live {

struct MockConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 3456;  // 0 = any free port
  unsigned threads = 1;
  std::uint64_t seed = 1;
  core::ModelConfig model;
  std::optional<std::string> api_key;                 // set: a missing or wrong x-api-key is 401
  std::size_t header_limit = 8 * 1024;                // larger headers: 431
  std::size_t body_limit = 1024 * 1024;               // larger bodies: 413
  core::Duration header_timeout = core::seconds(30);  // to read a whole request
  std::size_t max_connections = 20'000;               // more: closed at once
  std::string tls_cert;       // PEM chain; with tls_key the mock serves HTTPS only
  std::string tls_key;        // PEM private key of tls_cert
  std::string tls_client_ca;  // set (with TLS): clients must present a certificate it signed
};

// State the sessions of all threads share.
struct MockShared {
  explicit MockShared(MockConfig c)
      : config(std::move(c)), pool(config.model.max_concurrent, config.model.max_queue) {}
  MockConfig config;
  SteadyTime epoch = std::chrono::steady_clock::now();  // instant 0 of the mock's playback
  SlotPool pool;
  MockStats stats;
  std::unique_ptr<ssl::context> tls;  // set by start() when the config names a certificate
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> next_connection{0};
};

class MockServer {
 public:
  explicit MockServer(MockConfig config);
  ~MockServer();
  MockServer(MockServer const&) = delete;
  MockServer& operator=(MockServer const&) = delete;

  // Binds and listens, then serves on `threads` threads. Returns the bound port.
  // Throws boost::system::system_error when the address cannot be bound, and
  // std::runtime_error (saying which file and why) when a TLS file cannot be used.
  std::uint16_t start();
  // Stops accepting, cuts open streams (their clients see the connection close) and joins
  // the threads. Idempotent; not from a thread of the server.
  void stop();
  // Blocks until stop() (from a signal handler thread or another thread).
  void wait();
  [[nodiscard]] MockStats const& stats() const { return shared_->stats; }
  [[nodiscard]] SlotPool const& pool() const { return shared_->pool; }

 private:
  // One single-threaded io_context per thread; connections are spread round-robin, so a
  // connection never needs a strand and threads never wake each other (a shared io_context
  // run by two threads lost ~1 ms p99 to lock contention at 1 000 streams). Owned through
  // pointers so stop() can destroy them: that destroys every session coroutine, which closes
  // its socket -- open streams are cut, not leaked.
  std::vector<std::unique_ptr<net::io_context>> contexts_;
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::shared_ptr<MockShared> shared_;
  std::vector<std::thread> threads_;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::atomic<bool> stopped_{false};
};

// The stream of a mock connection: the tcp_stream's timeout bounds a request read (and the
// TLS handshake); TLS when the mock serves HTTPS.
using MockStream = MaybeTlsStream<beast::tcp_stream>;

// `live --mock`: a one-thread mock of `model` on a free loopback port. Its URL, or "" and
// `error` when it cannot start.
std::string start_in_process_mock(std::optional<MockServer>& mock, core::ModelConfig const& model,
                                  std::uint64_t seed, std::string& error);

// One client connection: requests in, responses out, until it closes (mock_session.cpp).
net::awaitable<void> run_session(std::shared_ptr<MockShared> shared, tcp::socket socket,
                                 std::uint64_t connection);

}  // namespace loadtwin::live
