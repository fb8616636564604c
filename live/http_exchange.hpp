#pragma once
// HttpTransport's per-connection and per-request state (shared by its two .cpp files).
#include <memory>
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
};

}  // namespace loadtwin::live
