#pragma once
// Turns one request's StreamEvents into samples and its per-request record (SPEC "Metrics",
// "Per-request records"). Every latency runs from `sent`, the instant the request was handed
// to the wire -- which for arrival-rate executors is on the schedule, so queueing in the tool
// can never hide inside first_token_latency (coordinated omission; lateness is
// iteration_lateness). Queueing in the *server* (max_concurrent) is real latency and belongs
// in it.
//
// Judging is `expect`'s (SPEC): a status outside expect.status is injected_status when the
// server marked it injected, else unexpected_status; a 2xx whose body lacks what
// expect.content asks for is no_text or tool_use_missing. The gate fails closed: when in
// doubt whether an exchange succeeded, it did not.
#include <memory>
#include <optional>
#include <span>

#include "core/run/delta_batch.hpp"
#include "core/run/request_record.hpp"
#include "core/run/scenario_context.hpp"

namespace loadtwin::core {

// How a request ended, from the VU's point of view.
enum class EndCause : std::uint8_t {
  reply,              // the transport finished it (a response, or a broken exchange)
  timeout,            // options.timeout passed: an error with reason timeout
  graceful_deadline,  // cut after a non-zero grace period: interrupted, an error (SPEC)
  hard_deadline,      // cut by a deadline with zero grace: interrupted, no error
  abort,              // Ctrl-C, abortOnFail, an engine bound: no samples at all
};

class RequestRecorder {
 public:
  explicit RequestRecorder(ScenarioContext& context) : context_(context) {}

  // A new request of the iteration that started at `intended` (its slot for arrival-rate).
  void begin(Instant intended, DrawKey key);
  void on_event(StreamEvent const& event);
  // on_event(sent) without connecting or TLS time (sim's requests).
  void on_sent(Instant at) { sent_ = at; }
  // The same as one on_event(text_delta) per delta; equal inter-token gaps go to the trend
  // as one run (unless a sample observer wants each sample).
  void on_text_deltas(std::span<TimedDelta const> deltas);
  // The corpus entry the request sends (after begin), for its record.
  void set_corpus_entry(std::optional<std::uint32_t> entry) { corpus_entry_ = entry; }
  // Records the request's samples, counts it, and hands its record to the observer.
  void finish(RequestOutcome const& outcome, EndCause cause);

 private:
  // Consecutive equal inter-token gaps, added to the trend at once.
  struct GapRun {
    Duration gap{0};
    std::uint64_t count = 0;
  };
  // `gaps` null: each gap is added at once (with its instant, for the sample observer).
  void record_text_delta(Instant at, std::uint32_t tokens, bool non_empty, GapRun* gaps);
  void add_gaps(GapRun const& gaps);
  void add_later_deltas(std::span<TimedDelta const> deltas, GapRun& gaps);
  void record_headers(StreamEvent const& event);
  [[nodiscard]] std::optional<ErrorReason> judge(RequestOutcome const& outcome) const;
  void record_http_samples(RequestOutcome const& outcome, std::optional<ErrorReason> reason);
  void record_interrupted(Instant at, bool is_error);
  // Keeps the first failure message of each reason for the summary.
  void note_first_failure(ErrorReason reason, std::string const& detail);
  // goodput and good_requests samples, tagged like the request's HTTP samples; only with
  // options.goodput (a plan without it keeps its outputs unchanged).
  void record_goodput(int status, Instant at, bool is_error);
  void emit_record(RequestOutcome const& outcome, RecordOutcome kind,
                   std::optional<ErrorReason> reason);

  ScenarioContext& context_;
  DrawKey key_;
  Instant intended_{};
  Instant sent_{};
  std::uint64_t in_flight_at_send_ = 0;
  std::optional<Instant> first_byte_;
  std::optional<Instant> first_text_;
  std::optional<Instant> last_delta_;
  int status_ = 0;
  bool injected_ = false;
  bool tool_use_done_ = false;
  bool tool_input_invalid_ = false;
  std::uint32_t delta_tokens_ = 0;
  std::optional<std::uint32_t> input_tokens_;
  std::optional<std::uint32_t> output_tokens_;
  Route const* inter_token_ = nullptr;
  std::vector<DeltaRecord> deltas_;  // kept only when records are written
  HeaderList ratelimit_;
  std::optional<std::uint32_t> corpus_entry_;
  // The record handed to the records observer, reused so that its strings and delta list
  // keep their room (a sim run writes hundreds of thousands a second); made on the first
  // record, so that runs without records do not carry one per VU.
  std::unique_ptr<RequestRecord> record_;
  RequestTimes times_;  // what goodput's SLOs judge
};

}  // namespace loadtwin::core
