#pragma once
// A small synchronous Beast client for tests of the mock (127.0.0.1 only).
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "wire/sse_parser.hpp"

namespace loadtwin::live::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;  // de-chunked
  bool keep_alive = false;
};

class Client {
 public:
  explicit Client(std::uint16_t port) : stream_(ioc_) {
    stream_.expires_after(std::chrono::seconds(20));
    stream_.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    stream_.socket().set_option(net::ip::tcp::no_delay(true));
  }
  Reply send(http::verb method, std::string const& target, std::string body = {},
             std::vector<std::pair<std::string, std::string>> const& headers = {}) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::content_type, "application/json");
    for (auto const& [k, v] : headers) req.set(k, v);
    req.body() = std::move(body);
    req.prepare_payload();
    stream_.expires_after(std::chrono::seconds(20));
    http::write(stream_, req);
    return read();
  }
  Reply read() {
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(stream_, buffer_, parser);
    auto res = parser.release();
    return {static_cast<int>(res.result_int()), std::string(res[http::field::content_type]),
            std::move(res.body()), res.keep_alive()};
  }
  // Raw bytes out, then the client vanishes without reading.
  void raw_and_vanish(std::string const& bytes) {
    net::write(stream_.socket(), net::buffer(bytes));
    stream_.socket().close();
  }
  // Raw bytes in, whatever comes back until the server closes.
  std::string raw(std::string const& bytes) {
    net::write(stream_.socket(), net::buffer(bytes));
    std::string out;
    beast::error_code ec;
    for (;;) {
      char buf[4096];
      auto const n = stream_.socket().read_some(net::buffer(buf), ec);
      if (ec) break;
      out.append(buf, n);
    }
    return out;
  }
  beast::tcp_stream& stream() { return stream_; }

 private:
  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

inline std::vector<wire::SseEvent> sse_events(std::string const& body) {
  std::vector<wire::SseEvent> out;
  wire::SseParser parser;
  parser.feed(body, [&](wire::SseEvent&& e) { out.push_back(std::move(e)); });
  parser.finish([&](wire::SseEvent&& e) { out.push_back(std::move(e)); });
  return out;
}

inline std::string const text_request =
    R"({"model":"claude-test","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]})";
inline std::string const tool_request =
    R"({"model":"claude-test","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"weather?"}],
        "tools":[{"name":"get_weather","input_schema":{"type":"object"}},{"name":"other","input_schema":{}}]})";

}  // namespace loadtwin::live::testing
