#pragma once
// A small misbehaving HTTP server for fault-injection tests (127.0.0.1, its own thread):
// for every request it reads the headers and body, then plays one canned behaviour.
#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <string>
#include <thread>

namespace loadtwin::live::testing {

enum class Fault {
  reset_mid_stream,  // 200 + SSE headers + one delta, then RST
  stall_after_headers,
  stall_mid_stream,
  garbage,             // bytes that are not HTTP
  wrong_content_type,  // 200 application/json
  error_event,         // event: error in the stream
  no_message_stop,     // a clean end without message_stop
  huge_event,          // one event line over the SSE limit
  data_only_dialect,   // the seed's Node mock, byte for byte
  seed_500,            // the seed's injected 500
  bad_tool_input,      // tool_use whose partial_json does not parse
  one_byte_chunks,     // a correct stream, split into 1-byte writes
  tool_as_text,        // a correct text stream, also to a request with tools
  close_idle_1s,       // correct streams; a connection idle for 1 s is closed (keep-alive)
  seed_mock,           // the seed's Node mock: data-only text or tool reply by the body
};

class FaultServer {
 public:
  explicit FaultServer(Fault fault)
      : fault_(fault), acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { serve(); });
  }
  ~FaultServer() {
    stop_ = true;
    // A blocking accept is not woken by close() from another thread: connect to wake it.
    boost::asio::io_context wake_ioc;
    boost::asio::ip::tcp::socket wake(wake_ioc);
    boost::system::error_code ec;
    wake.connect({boost::asio::ip::make_address("127.0.0.1"), port()}, ec);
    if (thread_.joinable()) thread_.join();
    // Handler threads are joined, never left running: a thread still alive at exit can
    // deadlock LeakSanitizer's final check. Shutting a socket down wakes its blocked read.
    {
      std::lock_guard lock(mutex_);
      for (auto& c : connections_) c->shutdown();
    }
    for (auto& t : handlers_) t.join();
  }
  [[nodiscard]] std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  // Connections accepted so far.
  [[nodiscard]] int connections() const { return accepted_; }
  // Every request read so far (head and body, as the bytes arrived), in order.
  [[nodiscard]] std::vector<std::string> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void serve();
  // One accepted connection; closed by its handler or shut down by the destructor.
  struct Connection {
    explicit Connection(boost::asio::io_context& ioc) : socket(ioc) {}
    boost::asio::ip::tcp::socket socket;
    std::mutex mutex;
    bool closed = false;
    void shutdown();
    void reset();  // close with RST
  };
  void handle(Connection& connection);
  // Plays `fault` for one request; false when the connection must end.
  static bool answer(Fault fault, Connection& connection, std::string const& request);

  Fault fault_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::mutex mutex_;
  std::vector<std::shared_ptr<Connection>> connections_;
  std::vector<std::thread> handlers_;
  std::vector<std::string> received_;
};

}  // namespace loadtwin::live::testing
