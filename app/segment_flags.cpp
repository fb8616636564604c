#include "app/segment_flags.hpp"

#include <charconv>

namespace loadtwin::app {
namespace {

std::optional<std::int64_t> parse_count(std::string_view s) {
  std::int64_t value = 0;
  auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || value < 0) {
    return std::nullopt;
  }
  return value;
}

// "--segment i/N" -> the i-th of N equal segments, as a tuple over their sequence.
std::optional<core::ExecutionTuple> nth_segment(std::string const& text, std::string& error) {
  auto const slash = text.find('/');
  auto const i = parse_count(std::string_view(text).substr(0, slash));
  auto const n = slash == std::string::npos
                     ? std::nullopt
                     : parse_count(std::string_view(text).substr(slash + 1));
  if (!i || !n || *n == 0 || *i >= *n || *n > core::stripe_elements_max) {
    error = "--segment expects INDEX/COUNT with 0 <= INDEX < COUNT (0-based, e.g. 0/4 or "
            "$JOB_COMPLETION_INDEX/4), got '" + text + "'";
    return std::nullopt;
  }
  auto tuple = core::ExecutionTuple::nth_of(*i, *n, error);
  if (!tuple) error = "--segment " + text + ": " + error;
  return tuple;
}

}  // namespace

void add_segment_flags(CLI::App* command, SegmentFlags& f) {
  auto* nth = command->add_option(
      "--segment", f.segment,
      "run only segment INDEX/COUNT of COUNT equal ones (0-based; k6 execution segments)");
  command
      ->add_option("--execution-segment", f.execution_segment,
                   "run only this share, k6 syntax: 1/4, 25%, 0.25 or 1/4:1/2")
      ->excludes(nth);
  command
      ->add_option("--execution-segment-sequence", f.sequence,
                   "the segments the work is split into, k6 syntax: 0,1/4,1/2,3/4,1")
      ->excludes(nth);
}

std::optional<core::ExecutionTuple> segment_from_flags(SegmentFlags const& f,
                                                       std::string& error) {
  if (!f.segment.empty()) return nth_segment(f.segment, error);
  if (!f.sequence.empty() && f.execution_segment.empty()) {
    error = "--execution-segment-sequence needs --execution-segment (which of its segments "
            "to run)";
    return std::nullopt;
  }
  auto const segment = core::parse_execution_segment(f.execution_segment, error);
  if (!segment) {
    error = "--execution-segment: " + error;
    return std::nullopt;
  }
  auto sequence = core::parse_segment_sequence(f.sequence, error);
  if (!sequence) {
    error = "--execution-segment-sequence: " + error;
    return std::nullopt;
  }
  auto tuple = core::ExecutionTuple::make(*segment, std::move(*sequence), error);
  if (!tuple) error = "--execution-segment " + f.execution_segment + ": " + error;
  return tuple;
}

std::vector<std::string> segment_replay_flags(SegmentFlags const& f) {
  std::vector<std::string> flags;
  if (!f.segment.empty()) flags.insert(flags.end(), {"--segment", f.segment});
  if (!f.execution_segment.empty()) {
    flags.insert(flags.end(), {"--execution-segment", f.execution_segment});
  }
  if (!f.sequence.empty()) flags.insert(flags.end(), {"--execution-segment-sequence", f.sequence});
  return flags;
}

}  // namespace loadtwin::app
