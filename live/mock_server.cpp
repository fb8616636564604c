#include "live/mock_server.hpp"

#include <fmt/format.h>

#include <iostream>
#include <stdexcept>

#include "live/tls_context.hpp"

namespace loadtwin::live {
namespace {

net::awaitable<void> accept_loop(std::shared_ptr<MockShared> shared, tcp::acceptor& acceptor,
                                 std::vector<std::unique_ptr<net::io_context>>& contexts) {
  for (std::size_t next = 0;; ++next) {
    auto& ioc = *contexts[next % contexts.size()];
    auto [ec, socket] = co_await acceptor.async_accept(ioc.get_executor(), use_nothrow);
    if (ec) {
      if (!acceptor.is_open() || ec == net::error::operation_aborted) co_return;
      continue;  // e.g. EMFILE: the connection stays in the backlog for the next accept
    }
    if (static_cast<std::size_t>(shared->stats.connections_open.load()) >=
        shared->config.max_connections) {
      ++shared->stats.connections_refused;
      continue;  // the socket closes as it goes out of scope
    }
    auto const index = shared->next_connection++;
    auto executor = socket.get_executor();
    net::co_spawn(executor, run_session(shared, std::move(socket), index),
                  [](std::exception_ptr e) {
                    // One broken connection never stops the mock.
                    if (!e) return;
                    try {
                      std::rethrow_exception(e);
                    } catch (std::exception const& ex) {
                      std::cerr << "loadtwin mock: session error: " << ex.what() << "\n";
                    }
                  });
  }
}

}  // namespace

MockServer::MockServer(MockConfig config)
    : shared_(std::make_shared<MockShared>(std::move(config))) {
  for (unsigned i = 0; i < std::max(1U, shared_->config.threads); ++i) {
    contexts_.push_back(std::make_unique<net::io_context>(1));
  }
  acceptor_ = std::make_unique<tcp::acceptor>(*contexts_.front());
}

MockServer::~MockServer() { stop(); }

std::uint16_t MockServer::start() {
  auto const& c = shared_->config;
  if (!c.tls_cert.empty() || !c.tls_key.empty()) {
    if (c.tls_cert.empty() || c.tls_key.empty()) {
      throw std::runtime_error("HTTPS needs both a certificate and its key");
    }
    std::string error;
    shared_->tls = make_server_tls_context(c.tls_cert, c.tls_key, c.tls_client_ca, error);
    if (!shared_->tls) throw std::runtime_error(error);
  }
  tcp::endpoint const endpoint(net::ip::make_address(c.host), c.port);
  acceptor_->open(endpoint.protocol());
  acceptor_->set_option(net::socket_base::reuse_address(true));
  acceptor_->bind(endpoint);
  acceptor_->listen(net::socket_base::max_listen_connections);
  net::co_spawn(*contexts_.front(), accept_loop(shared_, *acceptor_, contexts_), net::detached);
  for (auto& ioc : contexts_) {
    work_.push_back(net::make_work_guard(*ioc));
    threads_.emplace_back([ioc = ioc.get()] { ioc->run(); });
  }
  return acceptor_->local_endpoint().port();
}

void MockServer::stop() {
  if (stopped_.exchange(true)) return;
  // Graceful, then terminal (Beast's flex server): stop accepting and let no session start
  // another request, stop the threads, drop the queued waiters while the io_contexts that
  // own their timers still exist, and only then destroy the contexts -- which destroys the
  // session coroutines and closes their sockets, so open streams are cut, not leaked.
  shared_->stopping = true;
  work_.clear();
  for (auto& ioc : contexts_) ioc->stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  shared_->pool.shutdown();
  acceptor_.reset();
  contexts_.clear();
}

void MockServer::wait() {
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

std::string start_in_process_mock(std::optional<MockServer>& mock, core::ModelConfig const& model,
                                  std::uint64_t seed, std::string& error) {
  MockConfig config;
  config.port = 0;
  config.threads = 1;
  config.seed = seed;
  config.model = model;
  mock.emplace(config);
  try {
    return fmt::format("http://127.0.0.1:{}", mock->start());
  } catch (std::exception const& e) {
    error = std::string("cannot start the in-process mock: ") + e.what();
    return {};
  }
}

}  // namespace loadtwin::live
