#include "live/mock_server.hpp"

#include <iostream>

namespace loadtwin::live {
namespace {

net::awaitable<void> accept_loop(std::shared_ptr<MockShared> shared, tcp::acceptor& acceptor,
                                 net::io_context& ioc) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), use_nothrow);
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
    : ioc_(std::make_unique<net::io_context>()),
      acceptor_(std::make_unique<tcp::acceptor>(*ioc_)),
      shared_(std::make_shared<MockShared>(std::move(config))) {}

MockServer::~MockServer() { stop(); }

std::uint16_t MockServer::start() {
  auto const& c = shared_->config;
  tcp::endpoint const endpoint(net::ip::make_address(c.host), c.port);
  acceptor_->open(endpoint.protocol());
  acceptor_->set_option(net::socket_base::reuse_address(true));
  acceptor_->bind(endpoint);
  acceptor_->listen(net::socket_base::max_listen_connections);
  work_.emplace(ioc_->get_executor());
  net::co_spawn(*ioc_, accept_loop(shared_, *acceptor_, *ioc_), net::detached);
  for (unsigned i = 0; i < std::max(1U, c.threads); ++i) {
    threads_.emplace_back([ioc = ioc_.get()] { ioc->run(); });
  }
  return acceptor_->local_endpoint().port();
}

void MockServer::stop() {
  if (stopped_.exchange(true)) return;
  shared_->stopping = true;
  work_.reset();
  ioc_->stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  acceptor_.reset();
  ioc_.reset();  // destroys the sessions: their sockets close
}

void MockServer::wait() {
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

}  // namespace loadtwin::live
