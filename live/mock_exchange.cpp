// One model request answered by the mock: SPEC "Timing model" steps 1-6, with every instant
// taken from core::ReplyTimeline -- the playback the simulated server uses -- so the mock
// and sim agree request by request (SPEC "One twin").

#include <sys/socket.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <cerrno>
#include <charconv>

#include "core/model/playback.hpp"
#include "core/random.hpp"
#include "live/mock_io.hpp"

namespace loadtwin::live {
namespace {

// loadtwin-draw-key: <scenario>/<a>/<b> (the live runner sends it so the mock's draws equal
// sim's); else the key is (connection, request index on it).
core::DrawKey draw_key(MockExchange const& x) {
  std::string_view const header = x.req["loadtwin-draw-key"];
  auto const second = header.rfind('/');
  auto const first = second == std::string_view::npos ? second : header.rfind('/', second - 1);
  if (first != std::string_view::npos && first > 0) {
    std::uint64_t a = 0, b = 0;
    auto const av = header.substr(first + 1, second - first - 1), bv = header.substr(second + 1);
    bool const ok = std::from_chars(av.data(), av.data() + av.size(), a).ec == std::errc{} &&
                    std::from_chars(bv.data(), bv.data() + bv.size(), b).ec == std::errc{};
    if (ok) return core::DrawKey{core::fnv1a64(header.substr(0, first)), a, b};
  }
  return core::DrawKey{core::fnv1a64("connection"), x.connection, x.index};
}

// The request's size as the model sees it: the body's estimate and max_tokens; a replayed
// trace row (header loadtwin-output-tokens, sent to loopback only) plays its exact length.
core::RequestSize request_size(MockExchange const& x, wire::ParsedRequest const& request) {
  core::RequestSize size{request.input_tokens, request.max_tokens, std::nullopt};
  std::string_view const exact = x.req["loadtwin-output-tokens"];
  std::uint32_t n = 0;
  if (!exact.empty() &&
      std::from_chars(exact.data(), exact.data() + exact.size(), n).ec == std::errc{}) {
    size.output_tokens = n;
  }
  return size;
}

// `data` as one chunk of a chunked body, appended to `out` (nothing when empty: an empty
// chunk would end the body).
void append_chunk(std::string_view data, std::string& out) {
  if (data.empty()) return;
  char size[16];
  auto const end = std::to_chars(size, size + sizeof size, data.size(), 16).ptr;
  out.append(size, end).append("\r\n").append(data).append("\r\n");
}

std::string chunk(std::string_view data) {
  std::string out;
  append_chunk(data, out);
  return out;
}

// The slot a streamed reply holds: freed at the playback's release instant, or when the
// exchange ends, however it ends.
struct SlotHold {
  SlotPool* pool = nullptr;
  void release() {
    if (pool != nullptr) pool->release();
    pool = nullptr;
  }
  ~SlotHold() { release(); }
};

// An error reply written when the request arrives (no slot); `injected` marks what the
// model injected (error_rate, a full queue) so live tags it injected_status exactly.
net::awaitable<bool> answer_at_once(MockExchange& x, wire::ServerDialect const& dialect,
                                    core::ResponseScript const& script, core::Instant arrival,
                                    int status, std::string_view message, bool injected) {
  auto const timeline = core::ReplyTimeline::at_once(script, arrival);
  if (!co_await sleep_until(mock_steady(x.shared, timeline.headers_received()), x)) {
    co_return false;
  }
  core::HeaderList headers{{"request-id", x.request_id}};
  if (injected) headers.emplace_back("loadtwin-injected", "1");
  co_return co_await write_response(x.stream, status, "application/json",
                                    dialect.error_body(status, message, x.request_id),
                                    x.req.keep_alive(), headers);
}

// Takes a slot now, or waits in the FIFO queue (leaving it if the client goes away).
// Admit::full when the queue is full.
net::awaitable<SlotPool::Admit> wait_for_slot(MockExchange& x, SlotHold& hold) {
  auto waiter = std::make_shared<SlotWaiter>(co_await net::this_coro::executor);
  auto const admit = x.shared.pool.admit(waiter);
  if (admit == SlotPool::Admit::full) co_return admit;
  if (admit == SlotPool::Admit::queued) {
    using namespace net::experimental::awaitable_operators;
    auto const result =
        co_await (waiter->timer.async_wait(use_nothrow) || watch_closed(x.stream, x.buffer));
    if (result.index() == 1 || !x.shared.pool.granted(*waiter)) {
      x.shared.pool.leave(waiter);  // the client left the queue (or the server stops)
      co_return SlotPool::Admit::queued;
    }
  }
  hold.pool = &x.shared.pool;
  co_return SlotPool::Admit::granted;
}

// Whether the slot must be freed before the write due at `next` (the playback frees a slot
// at the server's last write, rtt/2 before the client's).
bool release_due(SlotHold const& hold, SteadyTime release_at, SteadyTime next) {
  return hold.pool != nullptr && release_at <= next;
}

constexpr std::size_t send_broken = std::string_view::npos;

// Plain TCP: one non-blocking send (the socket is non-blocking since the request's read).
// The bytes it took -- all of them when the socket buffer has room, as it almost always has
// -- or send_broken. Spares Asio's composed write and its round through the scheduler.
std::size_t try_send(MockExchange& x, std::string_view bytes) {
  if (x.stream.tls() != nullptr) return 0;
  auto const n = ::send(x.stream.socket().native_handle(), bytes.data(), bytes.size(),
                        MSG_DONTWAIT | MSG_NOSIGNAL);
  if (n >= 0) return static_cast<std::size_t>(n);
  return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : send_broken;
}

// Writes `bytes` on the socket at `planned` (recording how late), freeing the slot first
// when due. Writes bypass the tcp_stream (straight to the socket, or to TLS): its timeout
// bookkeeping is measurable at thousands of writes per second.
net::awaitable<bool> write_at(MockExchange& x, net::steady_timer& timer, SlotHold& hold,
                              SteadyTime release_at, SteadyTime planned, std::string_view bytes) {
  if (release_due(hold, release_at, planned)) {
    if (!co_await wait_until(timer, release_at)) co_return false;
    hold.release();
  }
  if (!co_await wait_until(timer, planned)) co_return false;
  x.shared.stats.record_lateness(std::chrono::steady_clock::now() - planned);
  std::size_t const sent = try_send(x, bytes);
  if (sent == bytes.size()) co_return true;
  if (sent == send_broken) co_return false;
  auto [ec, n] =
      co_await net::async_write(x.stream.direct(), net::buffer(bytes.substr(sent)), use_nothrow);
  co_return !ec;
}

// Plays a 200 script as SSE: the opening with the headers, then each instant's events in one
// chunk. Raced against watch_closed (one watcher per stream, not per token).
net::awaitable<bool> play_stream(MockExchange& x, wire::ReplyRenderer const& renderer,
                                 core::ResponseScript const& script, core::ReplyTimeline timeline,
                                 SlotHold& hold) {
  net::steady_timer timer(co_await net::this_coro::executor);
  SteadyTime const release = mock_steady(x.shared, *timeline.slot_release());
  std::string const head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
      "Transfer-Encoding: chunked\r\nrequest-id: " +
      x.request_id + "\r\n\r\n" + chunk(renderer.opening());
  if (!co_await write_at(x, timer, hold, release,
                         mock_steady(x.shared, timeline.headers_received()), head)) {
    co_return false;
  }
  auto const& events = script.events;
  std::string batch, bytes;  // reused: no allocation per write once grown
  for (std::size_t i = 0; i < events.size();) {
    batch.clear();
    core::ScriptEvent const& first = events[i];
    for (; i < events.size() && events[i].offset == first.offset; ++i) {
      renderer.append_event(i, batch);
    }
    bytes.clear();
    append_chunk(batch, bytes);
    if (i == events.size()) bytes += "0\r\n\r\n";
    SteadyTime const planned = mock_steady(x.shared, timeline.received(first));
    if (!co_await write_at(x, timer, hold, release, planned, bytes)) co_return false;
  }
  co_return events.empty() || events.back().type != core::ScriptEventType::stream_error;
}

// A `stream: false` reply: the whole document when the last event would have arrived.
net::awaitable<bool> play_whole(MockExchange& x, wire::ReplyRenderer const& renderer,
                                core::ReplyTimeline timeline, SlotHold& hold) {
  net::steady_timer timer(co_await net::this_coro::executor);
  SteadyTime const last = mock_steady(x.shared, timeline.last_received());
  SteadyTime const release_at = mock_steady(x.shared, *timeline.slot_release());
  if (release_due(hold, release_at, last)) {
    if (!co_await wait_until(timer, release_at)) co_return false;
    hold.release();
  }
  if (!co_await sleep_until(last, x)) co_return false;
  core::HeaderList const headers{{"request-id", x.request_id}};
  co_return co_await write_response(x.stream, 200, "application/json", renderer.whole(),
                                    x.req.keep_alive(), headers);
}

net::awaitable<bool> play_granted(MockExchange& x, wire::ServerDialect const& dialect,
                                  wire::ParsedRequest const& request,
                                  core::ResponseScript const& script, SlotHold& hold) {
  auto const& model = x.shared.config.model;
  auto const timeline =
      core::ReplyTimeline::stream(script, mock_instant(x.shared, std::chrono::steady_clock::now()),
                                  core::slowdown_scale(model, x.shared.pool.active()));
  auto const renderer =
      dialect.render_reply(request, script, model.tool_input_chunks,
                           {"msg_" + hex_id(x.connection, x.index), x.request_id});
  x.shared.stats.count_request(200, std::string(core::to_string(request.kind)));
  if (!request.stream) co_return co_await play_whole(x, *renderer, timeline, hold);
  using namespace net::experimental::awaitable_operators;
  auto const result = co_await (play_stream(x, *renderer, script, timeline, hold) ||
                                watch_closed(x.stream, x.buffer));
  co_return result.index() == 0 && std::get<0>(result) && x.req.keep_alive();
}

}  // namespace

net::awaitable<bool> answer_model_request(MockExchange& x, wire::ServerDialect const& dialect) {
  auto const& config = x.shared.config;
  auto const request = dialect.read_request(x.req.body());
  auto const kind = request.valid ? request.kind : core::RequestKind::invalid_request;
  auto const script = core::script_response(
      kind, config.model, core::rng_for(config.seed, draw_key(x), core::DrawPurpose::response),
      request_size(x, request));
  core::Instant const arrival = core::server_arrival(script, mock_instant(x.shared, x.received));
  if (!co_await sleep_until(mock_steady(x.shared, arrival), x)) co_return false;
  std::string const kind_name(core::to_string(kind));
  if (!request.valid || script.status != 200) {
    int const status = request.valid ? script.status : 400;
    x.shared.stats.count_request(status, kind_name);
    std::string const message =
        request.valid ? "Injected error (loadtwin mock error_rate)" : request.error;
    co_return co_await answer_at_once(x, dialect, script, arrival, status, message,
                                      script.injected_error);
  }
  SlotHold hold;
  auto const admit = co_await wait_for_slot(x, hold);
  if (admit == SlotPool::Admit::queued) co_return false;  // the client left while queued
  if (admit == SlotPool::Admit::full) {
    x.shared.stats.count_request(config.model.queue_full_status, kind_name);
    co_return co_await answer_at_once(x, dialect, script, arrival, config.model.queue_full_status,
                                      "Overloaded (queue full)", true);
  }
  co_return co_await play_granted(x, dialect, request, script, hold);
}

}  // namespace loadtwin::live
