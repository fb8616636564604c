#include "live/tls_context.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace loadtwin::live {
namespace {

// Why `path` cannot be used: the system's words when it cannot be read, else OpenSSL's.
std::string file_error(std::string_view role, std::string const& path,
                       boost::system::error_code const& ec) {
  std::ifstream const in(path);
  std::string const why = in ? ec.message() : std::strerror(errno);
  return fmt::format("{} '{}': {}", role, path, why);
}

// A certificate chain and its private key; false and `error` when either is unusable.
bool load_identity(ssl::context& context, std::string const& cert, std::string const& key,
                   std::string_view role, std::string& error) {
  boost::system::error_code ec;
  context.use_certificate_chain_file(cert, ec);
  if (ec) {
    error = file_error(fmt::format("{} certificate", role), cert, ec);
    return false;
  }
  context.use_private_key_file(key, ssl::context::pem, ec);
  if (ec) {
    error = file_error(fmt::format("{} key", role), key, ec);
    return false;
  }
  if (SSL_CTX_check_private_key(context.native_handle()) != 1) {
    error = fmt::format("{} key '{}' does not match the certificate '{}'", role, key, cert);
    return false;
  }
  return true;
}

bool load_ca(ssl::context& context, std::string const& path, std::string_view role,
             std::string& error) {
  boost::system::error_code ec;
  context.load_verify_file(path, ec);
  if (ec) error = file_error(role, path, ec);
  return !ec;
}

// Where a context keeps its TlsClient (index 0, "app data", is Asio's: its verify callback).
int client_index() {
  static int const index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

}  // namespace

TlsClient::TlsClient(ssl::context context) : context_(std::move(context)) {}

TlsClient::~TlsClient() {
  if (last_session_ != nullptr) SSL_SESSION_free(last_session_);
}

std::unique_ptr<TlsClient> TlsClient::make(TlsClientOptions const& options, std::string& error) {
  ssl::context context(ssl::context::tls_client);
  SSL_CTX* const ctx = context.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  if (options.insecure) {
    context.set_verify_mode(ssl::verify_none);
  } else {
    context.set_verify_mode(ssl::verify_peer);
    boost::system::error_code ignored;  // no system store: only --cacert's CA is trusted
    context.set_default_verify_paths(ignored);
    if (!options.ca_file.empty() && !load_ca(context, options.ca_file, "CA file", error)) {
      return nullptr;
    }
  }
  if (!options.client_key.empty() && options.client_cert.empty()) {
    error = "a client key needs its client certificate";
    return nullptr;
  }
  if (!options.client_cert.empty()) {
    // No key file: the key is in the certificate's PEM file.
    auto const& key = options.client_key.empty() ? options.client_cert : options.client_key;
    if (!load_identity(context, options.client_cert, key, "client", error)) return nullptr;
  }
  // Sessions go to on_new_session (TLS 1.3 tickets arrive after the handshake), not to
  // OpenSSL's cache; the newest is offered on the next connection.
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  SSL_CTX_sess_set_new_cb(ctx, &TlsClient::on_new_session);
  std::unique_ptr<TlsClient> client(new TlsClient(std::move(context)));
  SSL_CTX_set_ex_data(client->context_.native_handle(), client_index(), client.get());
  return client;
}

int TlsClient::on_new_session(SSL* ssl, SSL_SESSION* session) {
  auto* self = static_cast<TlsClient*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), client_index()));
  if (self->last_session_ != nullptr) SSL_SESSION_free(self->last_session_);
  self->last_session_ = session;
  return 1;  // we keep the reference
}

std::string TlsClient::prepare(ssl::stream<tcp::socket&>& stream, std::string const& host) {
  SSL* const ssl = stream.native_handle();
  boost::system::error_code not_ip;
  net::ip::make_address(host, not_ip);
  // SNI carries host names only (RFC 6066 §3); an address is checked against the
  // certificate's IP entries.
  if (not_ip && SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                         const_cast<char*>(host.c_str())) != 1) {
    return fmt::format("cannot send the server name '{}'", host);
  }
  if (SSL_get_verify_mode(ssl) != SSL_VERIFY_NONE) {
    SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    int const ok = not_ip ? SSL_set1_host(ssl, host.c_str())
                          : X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str());
    if (ok != 1) return fmt::format("cannot check certificates against '{}'", host);
  }
  if (last_session_ != nullptr) SSL_set_session(ssl, last_session_);
  return {};
}

void TlsClient::handshake_done(ssl::stream<tcp::socket&>& stream) {
  if (SSL_session_reused(stream.native_handle()) == 1) ++sessions_resumed_;
}

std::unique_ptr<ssl::context> make_server_tls_context(std::string const& cert,
                                                      std::string const& key,
                                                      std::string const& client_ca,
                                                      std::string& error) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  SSL_CTX* const ctx = context->native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  if (!load_identity(*context, cert, key, "TLS", error)) return nullptr;
  // Resumption with client certificates needs a session id context.
  static constexpr unsigned char id[] = "loadtwin-mock";
  SSL_CTX_set_session_id_context(ctx, id, sizeof id - 1);
  if (!client_ca.empty()) {
    if (!load_ca(*context, client_ca, "client CA", error)) return nullptr;
    context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(client_ca.c_str())) {
      SSL_CTX_set_client_CA_list(ctx, names);  // named in the certificate request
    }
  }
  return context;
}

std::string tls_error_text(boost::system::error_code const& ec, SSL const* ssl) {
  std::string text = ec.message();
  if (is_tls_error(ec)) {
    auto const code = static_cast<unsigned long>(static_cast<unsigned int>(ec.value()));
    if (char const* reason = ERR_reason_error_string(code)) text = reason;
  }
  if (ssl != nullptr && SSL_get_verify_mode(ssl) != SSL_VERIFY_NONE) {
    long const verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) text += fmt::format(" ({})", X509_verify_cert_error_string(verify));
  }
  return text;
}

bool is_tls_error(boost::system::error_code const& ec) {
  return ec.category() == net::error::get_ssl_category();
}

}  // namespace loadtwin::live
