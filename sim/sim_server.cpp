#include "sim/sim_server.hpp"

#include <algorithm>
#include <variant>

#include "core/assert.hpp"

namespace loadtwin::sim {

using core::Instant;
using core::Phase;
using core::StreamEvent;
using core::StreamEventType;

namespace {

// What the server knows of a request's size: the scenario's body's, a trace row's, else
// exec's built-in body's (the mock estimates the same from the bytes it reads).
core::RequestSize request_size(core::RequestSpec const& request) {
  core::RequestSize size;
  if (request.body != nullptr) {  // the scenario's own body: the mock reads the same bytes
    size.input_tokens = request.body->input_tokens;
    size.max_tokens = request.body->max_tokens;
    return size;
  }
  size.input_tokens = request.input_tokens.value_or(core::builtin_input_tokens(request.kind));
  if (request.max_tokens) {
    size.max_tokens = request.max_tokens;
    size.output_tokens = request.max_tokens;
  } else if (request.kind != core::RequestKind::invalid_request) {
    size.max_tokens = core::builtin_max_tokens;
  }
  return size;
}

}  // namespace

SimServer::SimServer(core::Scheduler& scheduler, core::ModelConfig const& model, std::uint64_t seed)
    : scheduler_(scheduler), model_(model), seed_(seed) {}

core::RequestHandle SimServer::handle_of(std::uint32_t index) const {
  return (static_cast<core::RequestHandle>(requests_[index].generation) << 32) | index;
}

SimServer::Request* SimServer::find(core::RequestHandle handle) {
  auto const index = static_cast<std::uint32_t>(handle & 0xffffffffU);
  if (index >= requests_.size()) return nullptr;
  Request& r = requests_[index];
  if (r.generation != static_cast<std::uint32_t>(handle >> 32) || r.state == State::free)
    return nullptr;
  return &r;
}

core::RequestHandle SimServer::send(core::RequestSpec const& request,
                                    core::StreamObserver& observer) {
  std::uint32_t index = 0;
  if (free_.empty()) {
    index = static_cast<std::uint32_t>(requests_.size());
    requests_.emplace_back();
  } else {
    index = free_.back();
    free_.pop_back();
  }
  Request& r = requests_[index];
  r.state = State::to_server;
  r.observer = &observer;
  // An invalid request draws only its round trip: none when that is a constant, so its
  // stream need not be keyed.
  bool const no_draws = request.kind == core::RequestKind::invalid_request &&
                        std::holds_alternative<core::ConstantDist>(model_.network_rtt);
  core::script_response(
      r.script, request.kind, model_,
      no_draws ? core::Rng{0} : core::rng_for(seed_, request.key, core::DrawPurpose::response),
      request_size(request));
  r.timeline.reset();
  r.delivered = 0;
  r.headers_sent = false;
  r.holds_slot = false;
  ++in_flight_;
  Instant const arrival = core::server_arrival(r.script, scheduler_.now());
  if (arrival == scheduler_.now()) {
    arrived(index);  // schedules only: no observer call happens inside send()
  } else {
    r.server_timer = scheduler_.at(arrival, Phase::transport, [this, index] { arrived(index); });
  }
  return handle_of(index);
}

void SimServer::arrived(std::uint32_t index) {
  Request& r = requests_[index];
  r.server_timer.reset();
  if (r.script.status != 200) {
    answer_at_once(index, r.script.status, r.script.injected_error);
    return;
  }
  if (model_.max_concurrent && active_ >= *model_.max_concurrent) {
    if (model_.max_queue && queue_.size() >= *model_.max_queue) {
      answer_at_once(index, model_.queue_full_status, true);  // the mock marks it injected too
      return;
    }
    r.state = State::queued;
    queue_.push_back(index);
    return;
  }
  start_stream(index);
}

void SimServer::answer_at_once(std::uint32_t index, int status, bool injected) {
  Request& r = requests_[index];
  r.state = State::answered;
  r.answer_status = status;
  r.answer_injected = injected;
  r.timeline = core::ReplyTimeline::at_once(r.script, scheduler_.now());
  // Captures fit std::function's inline storage: no allocation per request.
  r.client_timer = scheduler_.at(r.timeline->headers_received(), Phase::transport,
                                 [this, index] { answered(index); });
}

void SimServer::answered(std::uint32_t index) {
  Request& r = requests_[index];
  r.client_timer.reset();
  Instant const at = r.timeline->headers_received();
  int const status = r.answer_status;
  r.observer->on_event(StreamEvent{
      .type = StreamEventType::headers, .at = at, .status = status, .injected = r.answer_injected});
  finish(index, {core::OutcomeKind::completed, at, status, std::nullopt, {}});
}

void SimServer::start_stream(std::uint32_t index) {
  Request& r = requests_[index];
  r.state = State::streaming;
  r.holds_slot = true;
  ++active_;
  r.timeline = core::ReplyTimeline::stream(r.script, scheduler_.now(),
                                           core::slowdown_scale(model_, active_));
  Instant const release = *r.timeline->slot_release();
  if (release != r.timeline->last_received()) {
    r.server_timer = scheduler_.at(release, Phase::transport, [this, index] {
      requests_[index].server_timer.reset();
      release_slot(index);
    });
  }
  // First wake-up: the first delta (TTFT) when it comes before the end, else the end.
  Instant const first = r.timeline->received(r.script.events.front());
  r.client_timer = scheduler_.at(first, Phase::transport, [this, index] { wake(index); });
}

void SimServer::release_slot(std::uint32_t index) {
  Request& r = requests_[index];
  if (!r.holds_slot) return;
  r.holds_slot = false;
  --active_;
  if (!queue_.empty()) {
    std::uint32_t const next = queue_.front();
    queue_.pop_front();
    start_stream(next);
  }
}

void SimServer::deliver_until(Request& r, Instant limit, bool inclusive) {
  auto const due = [&](Instant at) { return inclusive ? at <= limit : at < limit; };
  if (!r.headers_sent) {
    Instant const at = r.timeline->headers_received();
    if (!due(at)) return;
    r.headers_sent = true;
    r.observer->on_event(StreamEvent{.type = StreamEventType::headers, .at = at, .status = 200});
    // message_start's usage, as the mock's opening reports it
    r.observer->on_event(StreamEvent{
        .type = StreamEventType::usage, .at = at, .input_tokens = r.script.input_tokens});
  }
  auto const& events = r.script.events;
  while (r.delivered < events.size()) {
    core::ScriptEvent const& event = events[r.delivered];
    if (event.type == core::ScriptEventType::text_delta) {
      if (!deliver_deltas(r, limit, inclusive)) return;
      continue;
    }
    Instant const at = r.timeline->received(event);
    if (!due(at)) return;
    switch (event.type) {
      case core::ScriptEventType::tool_use:
        r.observer->on_event(StreamEvent{.type = StreamEventType::tool_use_done, .at = at});
        break;
      case core::ScriptEventType::message_end:
        r.observer->on_event(StreamEvent{
            .type = StreamEventType::usage, .at = at, .output_tokens = r.script.output_tokens});
        break;
      case core::ScriptEventType::text_delta:
      case core::ScriptEventType::stream_error:
        break;
    }
    ++r.delivered;
  }
}

bool SimServer::deliver_deltas(Request& r, Instant limit, bool inclusive) {
  auto const& events = r.script.events;
  std::size_t const end = events.size();
  // Locals: the loop's stores into batch_ cannot alias the timeline or the script.
  core::ReplyTimeline const timeline = *r.timeline;
  Instant const bound = inclusive ? limit : limit - core::Duration{1};      // at <= bound is due
  if (batch_.size() < end - r.delivered) batch_.resize(end - r.delivered);  // grows only
  core::TimedDelta* const first = batch_.data();
  core::TimedDelta* out = first;
  std::size_t next = r.delivered;
  if (timeline.unscaled()) {  // the common case: no multiplication per delta
    Instant const base = timeline.received_base();
    for (; next < end && events[next].type == core::ScriptEventType::text_delta; ++next) {
      Instant const at = base + events[next].offset;
      if (at > bound) break;
      *out++ = {at, events[next].tokens};
    }
  }
  for (; next < end && events[next].type == core::ScriptEventType::text_delta; ++next) {
    Instant const at = timeline.received(events[next]);
    if (at > bound) break;
    *out++ = {at, events[next].tokens};
  }
  std::span<core::TimedDelta const> const due{first, static_cast<std::size_t>(out - first)};
  bool const all = next == end || events[next].type != core::ScriptEventType::text_delta;
  r.delivered = next;
  if (due.size() == 1) {
    r.observer->on_event(
        StreamEvent{.type = StreamEventType::text_delta, .at = due[0].at, .tokens = due[0].tokens});
  } else if (!due.empty()) {
    // Several at once: one call, when the observer takes them so (Vu does).
    if (auto* batch = r.observer->delta_batch()) {
      batch->on_text_deltas(due);
    } else {
      for (auto const& d : due) {
        r.observer->on_event(
            StreamEvent{.type = StreamEventType::text_delta, .at = d.at, .tokens = d.tokens});
      }
    }
  }
  return all;
}

void SimServer::wake(std::uint32_t index) {
  Request& r = requests_[index];
  r.client_timer.reset();
  Instant const now = scheduler_.now();
  Instant const end = r.timeline->last_received();
  if (now < end) {
    deliver_until(r, now, true);
    r.client_timer = scheduler_.at(end, Phase::transport, [this, index] { wake(index); });
    return;
  }
  if (!r.server_timer) release_slot(index);  // the server's end is the client's end
  deliver_until(r, now, true);
  bool const cut = r.script.events.back().type == core::ScriptEventType::stream_error;
  finish(index, cut ? core::RequestOutcome{core::OutcomeKind::failed,
                                           now,
                                           200,
                                           core::ErrorReason::stream_error_event,
                                           {}}
                    : core::RequestOutcome{core::OutcomeKind::completed, now, 200, {}, {}});
}

void SimServer::finish(std::uint32_t index, core::RequestOutcome const& outcome) {
  Request& r = requests_[index];
  core::StreamObserver* observer = r.observer;
  if (r.server_timer) {
    // The client is gone before the server finished writing: the slot is freed now.
    scheduler_.cancel(*r.server_timer);
    r.server_timer.reset();
  }
  release_slot(index);
  r.state = State::free;
  ++r.generation;
  r.script.events.clear();
  free_.push_back(index);
  --in_flight_;
  observer->on_end(outcome);
}

void SimServer::abort(core::RequestHandle handle) {
  Request* r = find(handle);
  if (r == nullptr) return;
  auto const index = static_cast<std::uint32_t>(handle & 0xffffffffU);
  Instant const now = scheduler_.now();
  if (r->state == State::streaming) deliver_until(*r, now, false);
  if (r->client_timer) scheduler_.cancel(*r->client_timer);
  r->client_timer.reset();
  if (r->state == State::queued) queue_.erase(std::find(queue_.begin(), queue_.end(), index));
  finish(index, {core::OutcomeKind::aborted, now, 0, std::nullopt, {}});
}

}  // namespace loadtwin::sim
