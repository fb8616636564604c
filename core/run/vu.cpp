#include "core/run/vu.hpp"

#include "core/assert.hpp"
#include "core/plan/request_bodies.hpp"

namespace loadtwin::core {

Vu::Vu(ScenarioContext& context, IterationListener& owner, std::uint32_t index)
    : context_(context), owner_(owner), recorder_(context), index_(index) {}

Vu::~Vu() { disarm(); }

void Vu::disarm() {
  if (timeout_timer_) context_.scheduler.cancel(*timeout_timer_);
  timeout_timer_.reset();
}

void Vu::start_iteration(DrawKey key, std::optional<Instant> slot, TraceRow const* row) {
  LT_ASSERT(state_ == State::idle, "iteration started on a busy VU");
  Instant const now = context_.scheduler.now();
  state_ = State::requesting;
  key_ = key;
  timed_out_ = false;
  iteration_start_ = now;
  ++iterations_started_;
  ++context_.counters.iterations_started;
  ++context_.counters.requests_sent;
  if (slot) {
    context_.metrics.add_time(context_.tags.base_route(MetricId::iteration_lateness), now,
                              now - *slot);
  }
  recorder_.begin(slot.value_or(now), key);
  recorder_.on_sent(now);
  RequestSpec spec{context_.config.exec, context_.config.name, key};
  if (row != nullptr) {
    spec.input_tokens = row->input_tokens;
    if (row->output_tokens > 0) spec.max_tokens = row->output_tokens;
  }
  choose_body(spec);
  request_open_ = true;
  request_ = context_.transport.send(spec, *this);
  deadline_ = now + context_.timeout;
  deadline_place_ = context_.scheduler.reserve_place();  // where an eager timer would go
  if (!timeout_timer_) arm_timeout();
  if (auto* budget = context_.shared.budget) budget->request_started();
}

void Vu::choose_body(RequestSpec& spec) {
  auto const& request = context_.config.request;
  if (!request.headers.empty()) spec.headers = &request.headers;
  if (!request.bodies) return;
  auto const& bodies = *request.bodies;
  std::uint32_t const entry = pick_entry(request.pick, bodies.size(), context_.seed, key_);
  spec.body = &bodies[entry];
  if (!request.corpus.empty()) spec.corpus = entry;
  recorder_.set_corpus_entry(spec.corpus);
}

void Vu::on_event(StreamEvent const& event) { recorder_.on_event(event); }

void Vu::arm_timeout() {
  timer_place_ = deadline_place_;
  timeout_timer_ = context_.scheduler.at_reserved(deadline_, Phase::transport, deadline_place_,
                                                  [this] { timeout_due(); });
}

void Vu::timeout_due() {
  timeout_timer_.reset();
  if (state_ == State::requesting && timer_place_ == deadline_place_) {
    timeout_fired();
    return;
  }
  // The request it was armed for has ended: follow the running one, if any. Nothing
  // happened here that an eager timer would have done.
  if (state_ == State::requesting) arm_timeout();
  context_.scheduler.discount_event();
}

void Vu::timeout_fired() {
  timed_out_ = true;
  context_.transport.abort(request_);
}

void Vu::on_end(RequestOutcome const& outcome) {
  LT_ASSERT(state_ == State::requesting, "on_end without a request in flight");
  request_open_ = false;
  // The timeout timer stays armed (lazy): timeout_due() tells it ran for a finished request.
  if (cutting_) {
    recorder_.finish(outcome, *cutting_);
    return;  // interrupt() reports the iteration's end
  }
  recorder_.finish(outcome, timed_out_ ? EndCause::timeout : EndCause::reply);
  Instant const now = context_.scheduler.now();
  Duration think{0};
  if (auto const& dist = context_.config.think_time) {
    if (auto const constant = constant_duration_of(*dist)) {
      think = *constant;  // no stream to key
    } else {
      Rng rng = rng_for(context_.seed, key_, DrawPurpose::think_time);
      think = sample_duration(*dist, rng);
    }
  }
  if (think.count() > 0) {
    state_ = State::thinking;
    think_timer_ = context_.scheduler.at(now + think, Phase::transport, [this] { think_done(); });
    return;
  }
  end_iteration(now);
}

void Vu::think_done() {
  think_timer_.reset();
  end_iteration(context_.scheduler.now());
}

void Vu::end_iteration(Instant now) {
  state_ = State::idle;
  ++context_.counters.iterations_completed;
  context_.metrics.add_count(context_.tags.base_route(MetricId::iterations), now, 1);
  context_.metrics.add_time(context_.tags.base_route(MetricId::iteration_duration), now,
                            now - iteration_start_);
  owner_.on_iteration_end(*this, now, false);
}

void Vu::interrupt(Cut cut) {
  if (state_ == State::idle) return;
  if (state_ == State::requesting) {
    cutting_ = cut == Cut::graceful ? EndCause::graceful_deadline
               : cut == Cut::hard   ? EndCause::hard_deadline
                                    : EndCause::abort;
    context_.transport.abort(request_);
    cutting_.reset();
    LT_ASSERT(!request_open_, "abort must end the request synchronously");
  } else if (think_timer_) {
    context_.scheduler.cancel(*think_timer_);
    think_timer_.reset();
  }
  state_ = State::idle;
  ++context_.counters.iterations_interrupted;
  owner_.on_iteration_end(*this, context_.scheduler.now(), true);
}

}  // namespace loadtwin::core
