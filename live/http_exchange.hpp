#pragma once
// HttpTransport's per-connection and per-request state (shared by its .cpp files).
#include <memory>
#include <optional>
#include <string>

#include "live/http_transport.hpp"
#include "live/tls_stream.hpp"

namespace loadtwin::live {

struct HttpTransport::Connection {
  // Room for a reply's head and first events in one read (Beast reads what fits, min 512).
  explicit Connection(net::io_context& ioc) : stream(tcp::socket(ioc)) { buffer.reserve(4096); }
  MaybeTlsStream<tcp::socket> stream;  // TLS for https (from the handshake on)
  beast::flat_buffer buffer;
};

struct HttpTransport::Exchange {
  core::RequestHandle handle = 0;
  core::RequestSpec spec;
  std::string scenario;  // spec.scenario points into the plan; kept for the key header
  core::StreamObserver* observer = nullptr;
  std::shared_ptr<Connection> connection;
  bool reused = false;                // `connection` came from the pool
  core::Duration connecting{0};       // opening `connection`: name lookup and TCP connect
  core::Duration tls_handshaking{0};  // then its TLS handshake (https)
  core::Instant started{};
  bool ended = false;  // on_end was called (abort or completion)
  // The body, read by callbacks once the head is in (HttpTransport::pump_body).
  std::optional<http::response_parser<http::buffer_body>> parser;
  std::unique_ptr<wire::ReplyReader> reader;  // a streamed (200, SSE) reply's
  int status = 0;
  bool sse = false;
  std::size_t body_bytes = 0;
};

// The reason a failed write or read counts under (tls, malformed_stream or reset).
core::ErrorReason reason_for_read_error(boost::system::error_code const& ec);

}  // namespace loadtwin::live
