#pragma once
// Turns one request's StreamEvents into samples (SPEC "Metrics"). Every latency runs from
// `sent`, the instant the request was handed to the wire -- which for arrival-rate
// executors is on the schedule, so queueing in the tool can never hide inside
// first_token_latency (coordinated omission; lateness is iteration_lateness). Queueing in
// the *server* (max_concurrent) is real latency and belongs in it.
#include <optional>

#include "core/run/scenario_context.hpp"

namespace loadtwin::core {

class RequestRecorder {
 public:
  explicit RequestRecorder(ScenarioContext& context) : context_(context) {}

  void begin();
  void on_event(StreamEvent const& event);
  // Records the request's http_* and errors samples. `timed_out` turns an abort into a
  // timeout error; any other abort records nothing (interrupted: SPEC).
  void finish(RequestOutcome const& outcome, bool timed_out);

 private:
  void record_text_delta(StreamEvent const& event);
  [[nodiscard]] std::optional<ErrorReason> judge(RequestOutcome const& outcome) const;

  ScenarioContext& context_;
  Instant sent_{};
  std::optional<Instant> first_byte_;
  std::optional<Instant> last_delta_;
  int status_ = 200;
  bool got_first_token_ = false;
  bool tool_input_invalid_ = false;
  std::uint32_t output_tokens_ = 0;
  Route const* inter_token_ = nullptr;
};

}  // namespace loadtwin::core
