#include "fault_server.hpp"

#include <sys/socket.h>

#include <boost/asio.hpp>

#include "wire/anthropic_wire.hpp"

namespace loadtwin::live::testing {
namespace net = boost::asio;

namespace {

std::string chunk(std::string const& data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return size + data + "\r\n";
}

std::string const sse_head =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
std::string const start = wire::sse_frame("message_start", R"({"type":"message_start","message":{}})");
std::string const delta = wire::sse_frame(
    "content_block_delta",
    R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}})");
std::string const stop = wire::sse_frame("message_stop", R"({"type":"message_stop"})");

void write(net::ip::tcp::socket& s, std::string const& bytes) {
  boost::system::error_code ec;
  net::write(s, net::buffer(bytes), ec);
}

bool read_request(net::ip::tcp::socket& socket) {
  std::string data;
  char buf[4096];
  boost::system::error_code ec;
  while (data.find("\r\n\r\n") == std::string::npos) {
    auto const n = socket.read_some(net::buffer(buf), ec);
    if (ec) return false;
    data.append(buf, n);
  }
  auto const cl = data.find("Content-Length: ");
  std::size_t const length = cl == std::string::npos ? 0 : std::stoul(data.substr(cl + 16));
  std::size_t const have = data.size() - data.find("\r\n\r\n") - 4;
  for (std::size_t got = have; got < length;) {
    auto const n = socket.read_some(net::buffer(buf), ec);
    if (ec) return false;
    got += n;
  }
  return true;
}

}  // namespace

void FaultServer::Connection::shutdown() {
  std::lock_guard lock(mutex);
  if (!closed) ::shutdown(socket.native_handle(), SHUT_RDWR);
}

void FaultServer::Connection::reset() {
  std::lock_guard lock(mutex);
  socket.set_option(net::socket_base::linger(true, 0));
  boost::system::error_code ec;
  socket.close(ec);
  closed = true;
}

void FaultServer::serve() {
  while (!stop_) {
    auto connection = std::make_shared<Connection>(ioc_);
    boost::system::error_code ec;
    acceptor_.accept(connection->socket, ec);
    if (ec || stop_) return;
    std::lock_guard lock(mutex_);
    connections_.push_back(connection);
    handlers_.emplace_back([fault = fault_, connection] { handle(fault, *connection); });
  }
}

void FaultServer::handle(Fault fault, Connection& connection) {
  // Complete answers keep the connection for the next request; stalls and breaks end it.
  while (read_request(connection.socket)) {
    if (!answer(fault, connection)) return;
  }
}

bool FaultServer::answer(Fault fault, Connection& connection) {
  auto& socket = connection.socket;
  auto const hold = [&] {  // keep the connection open, silent, until the client leaves
    char b[64];
    boost::system::error_code ec;
    while (!ec) socket.read_some(net::buffer(b), ec);
  };
  switch (fault) {
    case Fault::reset_mid_stream:
      write(socket, sse_head + chunk(start + delta));
      connection.reset();
      return false;
    case Fault::stall_after_headers:
      write(socket, sse_head);
      hold();
      return false;
    case Fault::stall_mid_stream:
      write(socket, sse_head + chunk(start + delta));
      hold();
      return false;
    case Fault::garbage:
      write(socket, "\x01\x02garbage\r\n\r\n");
      return false;
    case Fault::wrong_content_type:
      write(socket,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
      return true;
    case Fault::error_event:
      write(
          socket,
          sse_head +
              chunk(
                  start + delta +
                  wire::sse_frame(
                      "error",
                      R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")) +
              "0\r\n\r\n");
      return true;
    case Fault::no_message_stop:
      write(socket, sse_head + chunk(start + delta) + "0\r\n\r\n");
      return true;
    case Fault::huge_event:
      write(socket,
            sse_head + chunk(start + "data: " + std::string(2 << 20, 'x') + "\n\n") + "0\r\n\r\n");
      return true;
    case Fault::data_only_dialect: {
      std::string body = "data: {\"type\":\"content_block_start\"}\n\n";
      for (int i = 0; i < 5; ++i)
        body += "data: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"token \"}}\n\n";
      write(socket,
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            "Transfer-Encoding: chunked\r\n\r\n" +
                chunk(body) + "0\r\n\r\n");
      return true;
    }
    case Fault::seed_500:
      write(socket,
            "HTTP/1.1 500 Internal Server Error\r\nContent-Length: "
            "29\r\n\r\n{\"error\":\"Simulated failure\"}");
      return true;
    case Fault::bad_tool_input:
      write(
          socket,
          sse_head +
              chunk(
                  start +
                  wire::sse_frame(
                      "content_block_start",
                      R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"f","input":{}}})") +
                  wire::sse_frame(
                      "content_block_delta",
                      R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"loc"}})") +
                  wire::sse_frame("content_block_stop", R"({"type":"content_block_stop","index":0})") +
                  stop) +
              "0\r\n\r\n");
      return true;
    case Fault::one_byte_chunks: {
      std::string const body = start + delta + delta + stop;
      std::string wire = sse_head;
      for (char c : body) wire += chunk(std::string(1, c));
      wire += "0\r\n\r\n";
      for (char c : wire) write(socket, std::string(1, c));
      return true;
    }
  }
  return false;
}

}  // namespace loadtwin::live::testing
