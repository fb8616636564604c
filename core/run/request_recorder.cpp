#include "core/run/request_recorder.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace loadtwin::core {
namespace {

bool is_arrival_rate(ExecutorKind kind) {
  return kind == ExecutorKind::constant_arrival_rate ||
         kind == ExecutorKind::ramping_arrival_rate || kind == ExecutorKind::trace;
}

}  // namespace

void RequestRecorder::begin(Instant intended, DrawKey key) {
  key_ = key;
  intended_ = intended;
  sent_ = intended;
  in_flight_at_send_ = context_.shared.in_flight++;
  first_byte_.reset();
  first_text_.reset();
  last_delta_.reset();
  status_ = 0;
  injected_ = false;
  tool_use_done_ = false;
  tool_input_invalid_ = false;
  delta_tokens_ = 0;
  input_tokens_.reset();
  output_tokens_.reset();
  corpus_entry_.reset();
  inter_token_ = nullptr;
  deltas_.clear();
  ratelimit_.clear();
  times_ = {};
}

void RequestRecorder::on_event(StreamEvent const& event) {
  auto& m = context_.metrics;
  switch (event.type) {
    case StreamEventType::sent:
      sent_ = event.at;
      if (event.connecting.count() > 0) {
        m.add_time(context_.tags.base_route(MetricId::http_req_connecting), event.at,
                   event.connecting);
      }
      if (event.tls_handshaking.count() > 0) {
        m.add_time(context_.tags.base_route(MetricId::http_req_tls_handshaking), event.at,
                   event.tls_handshaking);
      }
      break;
    case StreamEventType::headers:
      record_headers(event);
      break;
    case StreamEventType::text_delta:
      record_text_delta(event.at, event.tokens, event.non_empty, nullptr);
      break;
    case StreamEventType::tool_use_done:
      if (!event.input_valid) {
        tool_input_invalid_ = true;
      } else if (!tool_use_done_) {
        tool_use_done_ = true;
        times_.tool_invocation = event.at - sent_;
        auto const& route = context_.tags.http_route(MetricId::tool_invocation, status_, {});
        m.add_time(route, event.at, event.at - sent_);
      }
      break;
    case StreamEventType::usage:
      if (event.input_tokens) input_tokens_ = event.input_tokens;
      if (event.output_tokens) output_tokens_ = event.output_tokens;
      break;
  }
}

void RequestRecorder::record_headers(StreamEvent const& event) {
  first_byte_ = event.at;
  status_ = event.status;
  injected_ = event.injected;
  if (event.ratelimit == nullptr || event.ratelimit->empty()) return;
  context_.shared.last_ratelimit = *event.ratelimit;
  if (context_.shared.records != nullptr) ratelimit_ = *event.ratelimit;
}

void RequestRecorder::on_text_deltas(std::span<TimedDelta const> deltas) {
  GapRun gaps;
  GapRun* const batched = context_.metrics.has_observer() ? nullptr : &gaps;
  std::size_t i = 0;
  // Until the first text and a previous delta are known, each delta may add a sample.
  for (; i < deltas.size() && (batched == nullptr || !first_text_ || !last_delta_); ++i) {
    record_text_delta(deltas[i].at, deltas[i].tokens, true, batched);
  }
  if (i < deltas.size()) add_later_deltas(deltas.subspan(i), gaps);
  add_gaps(gaps);
}

// record_text_delta's work for deltas after the first text, with the gap statistics in
// locals: the same sums, maximum, runs and records.
void RequestRecorder::add_later_deltas(std::span<TimedDelta const> deltas, GapRun& gaps) {
  Instant const before = *last_delta_;
  Instant last = before;
  Duration gap_max = times_.gap_max;
  std::uint32_t tokens = delta_tokens_;
  GapRun run = gaps;
  for (std::size_t i = 0; i < deltas.size();) {
    Duration const gap = deltas[i].at - last;
    if (run.count == 0 || run.gap != gap) {  // a new run: its gap is a new candidate maximum
      add_gaps(run);
      run = {gap, 0};
      gap_max = std::max(gap_max, gap);
    }
    std::size_t j = i;  // the deltas that keep this gap (at least deltas[i])
    for (; j < deltas.size() && deltas[j].at - last == gap; ++j) {
      tokens += deltas[j].tokens;
      last = deltas[j].at;
    }
    run.count += j - i;
    i = j;
  }
  if (context_.shared.records != nullptr) {
    for (TimedDelta const& d : deltas) deltas_.push_back({d.at - sent_, d.tokens});
  }
  gaps = run;
  times_.gap_sum += last - before;  // the gaps add up to the span they cover
  times_.gap_max = gap_max;
  times_.gaps += static_cast<std::uint32_t>(deltas.size());
  delta_tokens_ = tokens;
  last_delta_ = last;
}

void RequestRecorder::add_gaps(GapRun const& gaps) {
  if (gaps.count > 0) context_.metrics.add_time_run(*inter_token_, gaps.gap, gaps.count);
}

void RequestRecorder::record_text_delta(Instant at, std::uint32_t tokens, bool non_empty,
                                        GapRun* gaps) {
  delta_tokens_ += tokens;
  if (inter_token_ == nullptr) {
    inter_token_ = &context_.tags.http_route(MetricId::inter_token_latency, status_, {});
  }
  if (last_delta_) {
    Duration const gap = at - *last_delta_;
    if (gaps == nullptr) {
      context_.metrics.add_time(*inter_token_, at, gap);
    } else if (gaps->count > 0 && gaps->gap == gap) {
      ++gaps->count;
    } else {
      add_gaps(*gaps);
      *gaps = {gap, 1};
    }
    times_.gap_sum += gap;
    times_.gap_max = std::max(times_.gap_max, gap);
    ++times_.gaps;
  }
  last_delta_ = at;
  if (first_text_) {
    if (context_.shared.records != nullptr) deltas_.push_back({at - sent_, tokens});
    return;
  }
  if (!non_empty) return;
  first_text_ = at;
  times_.first_token = at - sent_;
  auto const& route = context_.tags.http_route(MetricId::first_token_latency, status_, {});
  context_.metrics.add_time(route, at, at - sent_);
}

std::optional<ErrorReason> RequestRecorder::judge(RequestOutcome const& outcome) const {
  if (outcome.kind == OutcomeKind::failed) return outcome.reason.value_or(ErrorReason::reset);
  Expect const& expect = context_.config.expect;
  if (!expect.accepts(outcome.status)) {
    return injected_ ? ErrorReason::injected_status : ErrorReason::unexpected_status;
  }
  if (outcome.status / 100 != 2) return std::nullopt;
  if (tool_input_invalid_) return ErrorReason::tool_input_invalid;
  if (expect.content == ExpectedContent::text && !first_text_) return ErrorReason::no_text;
  if (expect.content == ExpectedContent::tool_use && !tool_use_done_) {
    return ErrorReason::tool_use_missing;
  }
  return std::nullopt;
}

void RequestRecorder::record_http_samples(RequestOutcome const& outcome,
                                          std::optional<ErrorReason> reason) {
  int const status = outcome.status;
  auto& tags = context_.tags;
  auto& m = context_.metrics;
  Instant const at = outcome.at;
  std::size_t const http = tags.http_tags(status, {});  // one lookup for these samples
  m.add_count(tags.http_route_in(http, MetricId::http_reqs), at, 1);
  m.add_time(tags.http_route_in(http, MetricId::http_req_duration), at, at - sent_);
  m.add_time(tags.http_route_in(http, MetricId::http_req_waiting), at,
             first_byte_.value_or(at) - sent_);
  m.add_rate(tags.http_route_in(http, MetricId::http_req_failed), at,
             !context_.config.expect.accepts(status));
  // Without a reason the errors sample has the HTTP samples' tags.
  m.add_rate(reason ? tags.http_route(MetricId::errors, status, reason)
                    : tags.http_route_in(http, MetricId::errors),
             at, reason.has_value());
  std::uint32_t const tokens = output_tokens_.value_or(delta_tokens_);
  if (tokens > 0) m.add_count(tags.http_route_in(http, MetricId::output_tokens), at, tokens);
  times_.duration = at - sent_;
  if (context_.shared.goodput != nullptr) record_goodput(status, at, reason.has_value());
}

void RequestRecorder::record_goodput(int status, Instant at, bool is_error) {
  GoodputSlos const* slos = context_.shared.goodput;
  if (slos == nullptr) return;
  bool const good = !is_error && meets_slos(*slos, times_);
  auto& tags = context_.tags;
  context_.metrics.add(tags.http_route(MetricId::goodput, status, {}), at, good ? 1 : 0);
  if (good) context_.metrics.add(tags.http_route(MetricId::good_requests, status, {}), at, 1);
}

void RequestRecorder::record_interrupted(Instant at, bool is_error) {
  auto& tags = context_.tags;
  context_.metrics.add(tags.http_route(MetricId::http_req_interrupted, status_, {}), at, 1);
  if (is_error) {
    auto const reason = ErrorReason::interrupted;
    context_.metrics.add(tags.http_route(MetricId::errors, status_, reason), at, 1);
    ++context_.counters.errors_by_reason[static_cast<std::size_t>(reason)];
    record_goodput(status_, at, true);  // goodput's samples are errors' samples
  }
}

void RequestRecorder::finish(RequestOutcome const& outcome, EndCause cause) {
  auto& counters = context_.counters;
  --context_.shared.in_flight;
  if (auto* budget = context_.shared.budget) {  // may stop the run: nothing below starts work
    budget->reply_usage(input_tokens_.value_or(0), output_tokens_.value_or(delta_tokens_));
  }
  switch (cause) {
    case EndCause::abort:
      ++counters.requests_aborted;
      emit_record(outcome, RecordOutcome::aborted, std::nullopt);
      return;
    case EndCause::graceful_deadline:
    case EndCause::hard_deadline: {
      bool const is_error = cause == EndCause::graceful_deadline;
      ++counters.requests_interrupted;
      record_interrupted(outcome.at, is_error);
      auto const reason = is_error ? std::optional(ErrorReason::interrupted) : std::nullopt;
      emit_record(outcome, RecordOutcome::interrupted, reason);
      return;
    }
    case EndCause::timeout:
    case EndCause::reply:
      break;
  }
  std::optional<RequestOutcome> timed_out;  // a reply's outcome is used as is, not copied
  if (cause == EndCause::timeout) {
    timed_out = RequestOutcome{OutcomeKind::failed, outcome.at, 0, ErrorReason::timeout, {}};
  }
  RequestOutcome const& effective = timed_out ? *timed_out : outcome;
  auto const reason = judge(effective);
  if (reason && !outcome.detail.empty()) note_first_failure(*reason, outcome.detail);
  record_http_samples(effective, reason);
  if (reason) ++counters.errors_by_reason[static_cast<std::size_t>(*reason)];
  ++(reason ? counters.requests_error : counters.requests_ok);
  emit_record(effective, reason ? RecordOutcome::error : RecordOutcome::ok, reason);
}

void RequestRecorder::note_first_failure(ErrorReason reason, std::string const& detail) {
  auto& seen = context_.shared.first_failures;
  for (auto const& [r, text] : seen) {
    if (r == reason) return;
  }
  seen.emplace_back(reason, detail);
}

void RequestRecorder::emit_record(RequestOutcome const& outcome, RecordOutcome kind,
                                  std::optional<ErrorReason> reason) {
  RecordObserver* observer = context_.shared.records;
  if (observer == nullptr) return;
  auto const& config = context_.config;
  if (!record_) record_ = std::make_unique<RequestRecord>();
  RequestRecord& r = *record_;  // every field set below
  r.scenario.assign(config.name);
  r.exec = config.exec;
  bool const arrival = is_arrival_rate(config.executor);
  r.arrival = arrival ? std::optional(key_.a) : std::nullopt;
  r.vu = arrival ? std::nullopt : std::optional(key_.a);
  r.iteration = arrival ? 0 : key_.b;
  // Appended, not fmt::format: one record per request, and parsing the format string per
  // record was a tenth of what --out requests cost.
  fmt::format_int const a(key_.a), b(key_.b);
  r.key.assign(config.name).append(1, '/').append(a.data(), a.size());
  r.key.append(1, '/').append(b.data(), b.size());
  r.intended = intended_;
  r.sent = sent_;
  r.headers = first_byte_;
  r.first_text = first_text_;
  r.end = outcome.at;
  r.status = first_byte_ ? status_ : outcome.status;
  r.outcome = kind;
  r.reason = reason;
  r.input_tokens = input_tokens_;
  r.corpus = corpus_entry_;
  bool const counted = output_tokens_ || delta_tokens_ > 0;
  r.output_tokens = counted ? std::optional(output_tokens_.value_or(delta_tokens_)) : std::nullopt;
  r.in_flight = in_flight_at_send_;
  // Swapped in and out, so the next request's lists reuse this one's room.
  r.deltas.swap(deltas_);
  r.ratelimit.swap(ratelimit_);
  observer->on_record(r);
  r.deltas.swap(deltas_);
  r.ratelimit.swap(ratelimit_);
  deltas_.clear();
  ratelimit_.clear();
}

}  // namespace loadtwin::core
