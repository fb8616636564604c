#pragma once
// The OpenSSL contexts of live's two ends: TlsClient (one per HttpTransport: TLS 1.2+,
// certificate and host-name checks, SNI, session resumption) and the mock's server context.
// Bad files are reported as messages when the context is made -- before any connection.
#include <cstddef>
#include <memory>
#include <string>

#include "live/tls_options.hpp"
#include "live/tls_stream.hpp"

namespace loadtwin::live {

class TlsClient {
 public:
  // nullptr and `error` set when a CA, certificate or key file cannot be used.
  static std::unique_ptr<TlsClient> make(TlsClientOptions const& options, std::string& error);
  ~TlsClient();
  TlsClient(TlsClient const&) = delete;
  TlsClient& operator=(TlsClient const&) = delete;

  [[nodiscard]] ssl::context& context() { return context_; }
  // Sets up a new connection to `host`: SNI, the host-name check, the last session (so the
  // handshake resumes it). Empty, or why the host name cannot be used.
  std::string prepare(ssl::stream<tcp::socket&>& stream, std::string const& host);
  // Called after a successful handshake (counts resumed sessions).
  void handshake_done(ssl::stream<tcp::socket&>& stream);
  [[nodiscard]] std::size_t sessions_resumed() const { return sessions_resumed_; }

 private:
  explicit TlsClient(ssl::context context);
  static int on_new_session(SSL* ssl, SSL_SESSION* session);

  ssl::context context_;
  SSL_SESSION* last_session_ = nullptr;  // owned; the newest the server issued
  std::size_t sessions_resumed_ = 0;
};

// The mock's context: `cert` (PEM chain) and `key`; with `client_ca`, clients must present a
// certificate it signed. nullptr and `error` set when a file cannot be used.
std::unique_ptr<ssl::context> make_server_tls_context(std::string const& cert,
                                                      std::string const& key,
                                                      std::string const& client_ca,
                                                      std::string& error);

// A failed handshake or TLS read in words: OpenSSL's reason and, when the peer's
// certificate was rejected, why ("certificate verify failed (unable to get local issuer
// certificate)").
std::string tls_error_text(boost::system::error_code const& ec, SSL const* ssl);

// Whether `ec` is TLS's (a handshake or record error, an alert), not the TCP connection's.
bool is_tls_error(boost::system::error_code const& ec);

}  // namespace loadtwin::live
