#include "fault_server.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <optional>
#include <thread>
#include <utility>

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
std::string const start =
    wire::sse_frame("message_start", R"({"type":"message_start","message":{}})");
std::string const delta = wire::sse_frame(
    "content_block_delta",
    R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}})");
std::string const stop = wire::sse_frame("message_stop", R"({"type":"message_stop"})");

void write(net::ip::tcp::socket& s, std::string const& bytes) {
  boost::system::error_code ec;
  net::write(s, net::buffer(bytes), ec);
}

// Reads one request (head and body) into `data`; false when the connection ended.
bool read_request(net::ip::tcp::socket& socket, std::string& data) {
  data.clear();
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
    data.append(buf, n);
    got += n;
  }
  return true;
}

// Whether the client sends another request within `idle` (a keep-alive timeout).
bool readable_within(net::ip::tcp::socket& socket, int idle_ms) {
  pollfd fd{socket.native_handle(), POLLIN, 0};
  return ::poll(&fd, 1, idle_ms) > 0;
}

std::string const text_stream = sse_head + chunk(start + delta + delta + stop) + "0\r\n\r\n";

// The seed's Node mock (REFERENCE §7), with its delays shortened: data-only events, a tool
// reply to a request with tools, text deltas otherwise, no validation.
void seed_mock_reply(net::ip::tcp::socket& socket, std::string const& request) {
  std::string const head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  if (request.find("\"tools\"") != std::string::npos) {
    write(socket, head +
                      chunk("data: {\"type\":\"content_block_start\",\"content_block\":"
                            "{\"type\":\"tool_use\",\"name\":\"get_weather\"}}\n\n") +
                      "0\r\n\r\n");
    return;
  }
  write(socket, head + chunk("data: {\"type\":\"content_block_start\"}\n\n"));
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    write(socket,
          chunk("data: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"token \"}}\n\n"));
  }
  write(socket, "0\r\n\r\n");
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
    ++accepted_;
    handlers_.emplace_back([this, connection] { handle(*connection); });
  }
}

void FaultServer::handle(Connection& connection) {
  // Complete answers keep the connection for the next request; stalls and breaks end it.
  Fault const fault = fault_;
  std::string request;
  while (read_request(connection.socket, request)) {
    {
      std::lock_guard lock(mutex_);
      received_.push_back(request);
    }
    if (!answer(fault, connection, request)) return;
    if (fault == Fault::close_idle_1s && !readable_within(connection.socket, 1000)) {
      connection.shutdown();  // Node's keep-alive timeout: FIN to an idle client
      return;
    }
  }
}

namespace {

std::string const error_event_bytes =
    sse_head +
    chunk(start + delta +
          wire::sse_frame(
              "error",
              R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")) +
    "0\r\n\r\n";

std::string const bad_tool_input_bytes =
    sse_head +
    chunk(start +
          wire::sse_frame("content_block_start",
                          R"({"type":"content_block_start","index":0,"content_block":)"
                          R"({"type":"tool_use","id":"t","name":"f","input":{}}})") +
          wire::sse_frame("content_block_delta",
                          R"({"type":"content_block_delta","index":0,"delta":)"
                          R"({"type":"input_json_delta","partial_json":"{\"loc"}})") +
          wire::sse_frame("content_block_stop", R"({"type":"content_block_stop","index":0})") +
          stop) +
    "0\r\n\r\n";

std::string data_only_bytes() {
  std::string body = "data: {\"type\":\"content_block_start\"}\n\n";
  for (int i = 0; i < 5; ++i) {
    body += "data: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"token \"}}\n\n";
  }
  return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
         "Transfer-Encoding: chunked\r\n\r\n" +
         chunk(body) + "0\r\n\r\n";
}

// The whole reply of a fault that is only bytes, and whether the connection stays usable;
// nullopt for the faults that act on the connection.
std::optional<std::pair<std::string, bool>> canned_reply(Fault fault) {
  switch (fault) {
    case Fault::garbage:
      return std::pair{std::string("\x01\x02garbage\r\n\r\n"), false};
    case Fault::wrong_content_type:
      return std::pair{std::string("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                   "Content-Length: 2\r\n\r\n{}"),
                       true};
    case Fault::error_event:
      return std::pair{error_event_bytes, true};
    case Fault::no_message_stop:
      return std::pair{sse_head + chunk(start + delta) + "0\r\n\r\n", true};
    case Fault::huge_event:
      return std::pair{
          sse_head + chunk(start + "data: " + std::string(2 << 20, 'x') + "\n\n") + "0\r\n\r\n",
          true};
    case Fault::data_only_dialect:
      return std::pair{data_only_bytes(), true};
    case Fault::seed_500:
      return std::pair{std::string("HTTP/1.1 500 Internal Server Error\r\nContent-Length: "
                                   "29\r\n\r\n{\"error\":\"Simulated failure\"}"),
                       true};
    case Fault::bad_tool_input:
      return std::pair{bad_tool_input_bytes, true};
    case Fault::tool_as_text:
    case Fault::close_idle_1s:
      return std::pair{text_stream, true};
    default:
      return std::nullopt;
  }
}

void one_byte_at_a_time(net::ip::tcp::socket& socket) {
  std::string const body = start + delta + delta + stop;
  std::string bytes = sse_head;
  for (char c : body) bytes += chunk(std::string(1, c));
  bytes += "0\r\n\r\n";
  for (char c : bytes) write(socket, std::string(1, c));
}

}  // namespace

bool FaultServer::answer(Fault fault, Connection& connection, std::string const& request) {
  auto& socket = connection.socket;
  if (auto const canned = canned_reply(fault)) {
    write(socket, canned->first);
    return canned->second;
  }
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
    case Fault::seed_mock:
      seed_mock_reply(socket, request);
      return true;
    case Fault::one_byte_chunks:
      one_byte_at_a_time(socket);
      return true;
    default:
      return false;
  }
}

}  // namespace loadtwin::live::testing
