#pragma once
// SEAM 2: the wire. sim::SimServer and the live HTTP transport implement it.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/plan/plan.hpp"
#include "core/random.hpp"
#include "core/request_kind.hpp"
#include "core/stream_event.hpp"

namespace loadtwin::core {

class DeltaBatchObserver;  // core/run/delta_batch.hpp

// Receives one request's events; on_end exactly once per send().
class StreamObserver {
 public:
  virtual ~StreamObserver() = default;
  virtual void on_event(StreamEvent const& event) = 0;
  virtual void on_end(RequestOutcome const& outcome) = 0;
  // Its face that takes a run of content deltas at once, if it has one (a virtual call
  // instead of a dynamic_cast per wake-up).
  virtual DeltaBatchObserver* delta_batch() { return nullptr; }
};

struct RequestSpec {
  RequestKind kind = RequestKind::simple_query;
  std::string_view scenario;  // outlives the request
  DrawKey key;                // keys the server's draws (header loadtwin-draw-key in live)
  // A trace row's size (SPEC "Trace replay"): the prompt's input tokens (live sends a
  // synthetic prompt of that many tokens), max_tokens = the row's output length, which is
  // also the reply's length in sim and the mock. nullopt: exec's built-in request.
  std::optional<std::uint32_t> input_tokens{};
  std::optional<std::uint32_t> max_tokens{};
  // The scenario's own body (SPEC "Requests"): live sends it, sim plays its size. Points
  // into the plan, which outlives the request; null: exec's built-in body.
  RequestBody const* body = nullptr;
  std::optional<std::uint32_t> corpus{};  // the corpus entry `body` is
  std::vector<std::pair<std::string, std::string>> const* headers = nullptr;  // request.headers
};

using RequestHandle = std::uint64_t;

class Transport {
 public:
  virtual ~Transport() = default;
  // Starts a request. May report StreamEventType::sent synchronously; every other event
  // and on_end come later, from the scheduler.
  virtual RequestHandle send(RequestSpec const& request, StreamObserver& observer) = 0;
  // The client gives up: events that arrived before now are reported, then
  // on_end(aborted) synchronously. A no-op for a request that already ended.
  virtual void abort(RequestHandle request) = 0;
};

}  // namespace loadtwin::core
