#include "core/run/request_recorder.hpp"

namespace loadtwin::core {

void RequestRecorder::begin() {
  first_byte_.reset();
  last_delta_.reset();
  status_ = 200;
  got_first_token_ = false;
  tool_input_invalid_ = false;
  output_tokens_ = 0;
  inter_token_ = nullptr;
}

void RequestRecorder::on_event(StreamEvent const& event) {
  switch (event.type) {
    case StreamEventType::sent:
      sent_ = event.at;
      if (event.connecting.count() > 0) {
        context_.metrics.add_time(context_.tags.base_route(MetricId::http_req_connecting), event.at,
                                  event.connecting);
      }
      break;
    case StreamEventType::headers:
      first_byte_ = event.at;
      status_ = event.status;
      break;
    case StreamEventType::text_delta:
      record_text_delta(event);
      break;
    case StreamEventType::tool_use_done:
      if (!event.input_valid) {
        tool_input_invalid_ = true;
      } else {
        auto const& route = context_.tags.http_route(MetricId::tool_invocation, status_, {});
        context_.metrics.add_time(route, event.at, event.at - sent_);
      }
      break;
    case StreamEventType::message_delta:
      output_tokens_ = event.output_tokens;
      break;
  }
}

void RequestRecorder::record_text_delta(StreamEvent const& event) {
  if (inter_token_ == nullptr) {
    inter_token_ = &context_.tags.http_route(MetricId::inter_token_latency, status_, {});
  }
  if (last_delta_) context_.metrics.add_time(*inter_token_, event.at, event.at - *last_delta_);
  last_delta_ = event.at;
  if (!got_first_token_ && event.non_empty) {
    got_first_token_ = true;
    auto const& route = context_.tags.http_route(MetricId::first_token_latency, status_, {});
    context_.metrics.add_time(route, event.at, event.at - sent_);
  }
}

std::optional<ErrorReason> RequestRecorder::judge(RequestOutcome const& outcome) const {
  if (outcome.kind == OutcomeKind::failed) return outcome.reason.value_or(ErrorReason::reset);
  if (outcome.status != expected_status(context_.config.exec)) {
    return outcome.reason.value_or(ErrorReason::unexpected_status);
  }
  if (tool_input_invalid_) return ErrorReason::tool_input_invalid;
  return std::nullopt;
}

void RequestRecorder::finish(RequestOutcome const& outcome, bool timed_out) {
  auto& counters = context_.counters;
  if (outcome.kind == OutcomeKind::aborted && !timed_out) {
    ++counters.requests_aborted;
    return;
  }
  RequestOutcome effective = outcome;
  if (timed_out) effective = {OutcomeKind::failed, outcome.at, 0, ErrorReason::timeout};
  auto const reason = judge(effective);
  int const status = effective.status;
  auto& tags = context_.tags;
  auto& m = context_.metrics;
  Instant const at = effective.at;
  m.add(tags.http_route(MetricId::http_reqs, status, {}), at, 1);
  m.add_time(tags.http_route(MetricId::http_req_duration, status, {}), at, at - sent_);
  m.add_time(tags.http_route(MetricId::http_req_waiting, status, {}), at,
             first_byte_.value_or(at) - sent_);
  m.add(tags.http_route(MetricId::http_req_failed, status, {}), at,
        status == expected_status(context_.config.exec) ? 0 : 1);
  m.add(tags.http_route(MetricId::errors, status, reason), at, reason ? 1 : 0);
  if (output_tokens_ > 0) {
    m.add(tags.http_route(MetricId::output_tokens, status, {}), at, output_tokens_);
  }
  ++(reason ? counters.requests_error : counters.requests_ok);
}

}  // namespace loadtwin::core
