#pragma once
// A connection that speaks TLS or plain TCP, decided per connection at run time, so one
// copy of the HTTP code (Beast's reads and writes, the mock's timed writes) serves both.
// `Layer` is tcp::socket (the live client) or beast::tcp_stream (the mock: its timeouts
// bound the request read and, under TLS, the handshake too). The TLS layer borrows `Layer`,
// so closing the TCP socket underneath ends both (abort, stop).
#include <boost/asio/ssl.hpp>
#include <optional>
#include <utility>

#include "live/net.hpp"

namespace loadtwin::live {

namespace ssl = boost::asio::ssl;

// The TCP socket under a layer.
inline tcp::socket& socket_of(tcp::socket& socket) { return socket; }
inline tcp::socket& socket_of(beast::tcp_stream& stream) { return stream.socket(); }

template <class Layer>
class MaybeTlsStream {
 public:
  using executor_type = typename Layer::executor_type;
  using TlsLayer = ssl::stream<Layer&>;

  explicit MaybeTlsStream(Layer layer) : layer_(std::move(layer)) {}
  MaybeTlsStream(MaybeTlsStream const&) = delete;
  MaybeTlsStream& operator=(MaybeTlsStream const&) = delete;

  // From now on every read and write goes through TLS (handshake next).
  void start_tls(ssl::context& context) { tls_.emplace(layer_, context); }
  [[nodiscard]] TlsLayer* tls() { return tls_ ? &*tls_ : nullptr; }
  [[nodiscard]] Layer& layer() { return layer_; }
  [[nodiscard]] tcp::socket& socket() { return socket_of(layer_); }
  executor_type get_executor() { return layer_.get_executor(); }

  // AsyncReadStream / AsyncWriteStream through `Layer` (timed, for the mock).
  template <class Buffers, class Token>
  auto async_read_some(Buffers const& buffers, Token&& token) {
    return initiate<Token>(
        [this](auto handler, Buffers const& b) {
          if (tls_) return tls_->async_read_some(b, std::move(handler));
          layer_.async_read_some(b, std::move(handler));
        },
        token, buffers);
  }
  template <class Buffers, class Token>
  auto async_write_some(Buffers const& buffers, Token&& token) {
    return initiate<Token>(
        [this](auto handler, Buffers const& b) {
          if (tls_) return tls_->async_write_some(b, std::move(handler));
          layer_.async_write_some(b, std::move(handler));
        },
        token, buffers);
  }

  // The same stream without `Layer`'s timeout bookkeeping when plain (straight to the
  // socket: the mock's many small timed writes); under TLS it is the TLS layer.
  class Direct {
   public:
    using executor_type = typename Layer::executor_type;
    explicit Direct(MaybeTlsStream& owner) : owner_(owner) {}
    executor_type get_executor() { return owner_.get_executor(); }
    template <class Buffers, class Token>
    auto async_read_some(Buffers const& buffers, Token&& token) {
      return initiate<Token>(
          [this](auto handler, Buffers const& b) {
            if (owner_.tls_) return owner_.tls_->async_read_some(b, std::move(handler));
            owner_.socket().async_read_some(b, std::move(handler));
          },
          token, buffers);
    }
    template <class Buffers, class Token>
    auto async_write_some(Buffers const& buffers, Token&& token) {
      return initiate<Token>(
          [this](auto handler, Buffers const& b) {
            if (owner_.tls_) return owner_.tls_->async_write_some(b, std::move(handler));
            owner_.socket().async_write_some(b, std::move(handler));
          },
          token, buffers);
    }

   private:
    MaybeTlsStream& owner_;
  };
  [[nodiscard]] Direct& direct() { return direct_; }

 private:
  template <class Token, class Initiation, class Buffers>
  static auto initiate(Initiation&& initiation, Token& token, Buffers const& buffers) {
    return net::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
        std::forward<Initiation>(initiation), token, buffers);
  }

  Layer layer_;
  std::optional<TlsLayer> tls_;  // declared after layer_: destroyed before it
  Direct direct_{*this};
};

}  // namespace loadtwin::live
