#pragma once
// What the mock's session (mock_session.cpp) and its exchange player (mock_exchange.cpp)
// share: one request being answered, and the small awaitable steps they are built from.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/stream_event.hpp"
#include "core/time.hpp"
#include "live/mock_server.hpp"

namespace loadtwin::live {

using MockRequest = http::request<http::string_body>;

// One request on one connection, while it is answered.
struct MockExchange {
  MockShared& shared;
  MockStream& stream;
  beast::flat_buffer& buffer;  // bytes the client sent meanwhile (kept for the next request)
  MockRequest const& req;
  SteadyTime received;  // when its last byte was read
  std::uint64_t connection = 0;
  std::uint64_t index = 0;  // request index on the connection
  std::string request_id;
};

// The mock's clock: Instants count from the server's start, so core's playback (which
// speaks Instants) and the steady clock meet here.
inline core::Instant mock_instant(MockShared const& shared, SteadyTime t) {
  return core::at_offset(t - shared.epoch);
}
inline SteadyTime mock_steady(MockShared const& shared, core::Instant at) {
  return shared.epoch + core::since_start(at);
}

// "<a><b>" as 24 hex digits: stable request and message ids for a connection's index.
std::string hex_id(std::uint64_t a, std::uint64_t b);

// Reads (and keeps in `buffer`, for the next request) what the client sends while we wait;
// returns when the connection closes or breaks, or when cancelled because the wait ended.
net::awaitable<void> watch_closed(MockStream& stream, beast::flat_buffer& buffer);

// Sleeps until `when`, watching the connection. False when the client went away first.
net::awaitable<bool> sleep_until(SteadyTime when, MockExchange& x);

// Sleeps until `when` on `timer`; false when cancelled (the client left).
net::awaitable<bool> wait_until(net::steady_timer& timer, SteadyTime when);

// A whole response with a body; `headers` are added as given.
net::awaitable<bool> write_response(MockStream& stream, int status, std::string_view content_type,
                                    std::string body, bool keep_alive,
                                    core::HeaderList headers = {});

// Plays one POST to a dialect's endpoint as the timing model scripts it (mock_exchange.cpp).
// False when the connection must close afterwards.
net::awaitable<bool> answer_model_request(MockExchange& x, wire::ServerDialect const& dialect);

}  // namespace loadtwin::live
