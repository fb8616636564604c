#pragma once
// k6 execution segments (REFERENCE §8; grafana/k6 lib/execution_segment.go): the share of a
// plan's work that one instance runs when a test is split across processes or machines.
// Pure functions of exact rationals; no clocks.
//
// Grammar of the flags (k6's):
//   segment  := value | value ":" value        "1/4" is "0:1/4"; "" is the whole "0:1"
//   sequence := value ("," value)+             "0,1/4,2/4,3/4,1"; "" is no sequence
//   value    := INT "%" | DECIMAL | INT "/" INT "25%", "0.25", "1/4", "1" (no exponents)
// A segment is the half-open interval (from, to], 0 <= from < to <= 1. A sequence is a chain
// of adjacent segments; it is filled with (0, first] and (last, 1] to cover 0..1, and with
// no sequence the segment alone is filled that way.
//
// Striping (k6 ExecutionSegmentSequenceWrapper): L = the LCD of the segment lengths, k_s =
// segment s's length in units of 1/L. Sort the segments by k, largest first (stable). Element
// i = 0 .. L-1 goes to the first segment in that order with i * k_s >= chosen_s * L, where
// chosen_s counts the elements it already has. The pattern repeats every L elements:
//
//   sequence 0,1/2,3/4,1 (L = 4)   elements: 0 1 2 3 4 5 6 7 8 9 10 11
//     0:1/2    owns 0 2 4 6 8 10             a a b c a b a c a b a  c   (a: 0:1/2,
//     1/2:3/4  owns 1 5 9                                                b: 1/2:3/4,
//     3/4:1    owns 3 7 11                                               c: 3/4:1)
//
// ScaleInt64(v) = (v / L) * k + |{owned residues < v mod L}|: the share of v whole things
// (VUs, iterations) one segment gets. Over a sequence the shares sum to v, and each share
// never decreases as v grows. An owned element has a local index (its rank among the owned)
// and a global one (its index in the unsegmented run); executors key draws on the global one.
#include <boost/rational.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loadtwin::core {

using Rational = boost::rational<std::int64_t>;

// Bounds that keep the rationals exact in 64 bits and the stripe in memory.
inline constexpr std::int64_t segment_denominator_max = 1'000'000'000;
inline constexpr std::int64_t stripe_elements_max = 10'000'000;

// The half-open share (from, to] of the work; default: the whole test.
struct ExecutionSegment {
  Rational from{0};
  Rational to{1};
  friend bool operator==(ExecutionSegment const&, ExecutionSegment const&) = default;
};

// "1/4:1/2", "0:1" (k6's String(): reduced fractions, integers without "/1").
std::string to_string(ExecutionSegment const& segment);
// "0,1/4,1/2,1"; "" for an empty sequence.
std::string to_string(std::vector<ExecutionSegment> const& sequence);

// Parses --execution-segment; on failure returns nullopt and sets `error` to a sentence.
std::optional<ExecutionSegment> parse_execution_segment(std::string_view text,
                                                        std::string& error);
// Parses --execution-segment-sequence ("" gives an empty sequence); checks adjacency.
std::optional<std::vector<ExecutionSegment>> parse_segment_sequence(std::string_view text,
                                                                    std::string& error);

// One segment of a filled sequence with the striping of that sequence (k6 ExecutionTuple).
// Cheap to copy: the stripe is shared and immutable.
class ExecutionTuple {
 public:
  // The whole test: one segment 0:1 (every scale is the identity).
  ExecutionTuple();
  // `segment` within `sequence` (empty: none), filled to cover 0..1. Nullopt and `error` when
  // the segment is not one of the sequence's or the stripe would exceed stripe_elements_max.
  static std::optional<ExecutionTuple> make(ExecutionSegment const& segment,
                                            std::vector<ExecutionSegment> sequence,
                                            std::string& error);
  // Segment i (0-based) of N equal ones: the `--segment i/N` shortcut. Requires i < N.
  static std::optional<ExecutionTuple> nth_of(std::int64_t i, std::int64_t n, std::string& error);

  [[nodiscard]] bool whole() const { return stripe_->sequence.size() == 1; }
  [[nodiscard]] ExecutionSegment const& segment() const { return stripe_->sequence[index_]; }
  [[nodiscard]] std::vector<ExecutionSegment> const& sequence() const {
    return stripe_->sequence;
  }
  [[nodiscard]] std::size_t index() const { return index_; }
  [[nodiscard]] std::int64_t lcd() const { return stripe_->lcd; }
  // Element indices in 0 .. lcd()-1 that this segment owns, increasing.
  [[nodiscard]] std::vector<std::int64_t> owned_in_cycle() const;

  // k6 ScaleInt64: this segment's share of `value` (>= 0) whole things.
  [[nodiscard]] std::int64_t scale(std::int64_t value) const { return scale_of(index_, value); }
  // The share of segment `segment_index` of the same sequence.
  [[nodiscard]] std::int64_t scale_of(std::size_t segment_index, std::int64_t value) const;
  // Global index of this segment's `local`-th element (0-based both).
  [[nodiscard]] std::uint64_t global_index(std::uint64_t local) const;

  // k6 GetNewExecutionTupleFromValue: the sequence re-cut so that segment s has length
  // scale_of(s, value) / value (empty ones dropped), and this segment in it. Nullopt when this
  // segment's share of `value` is 0: no work. Requires 0 <= value <= stripe_elements_max.
  [[nodiscard]] std::optional<ExecutionTuple> resegment(std::int64_t value) const;

 private:
  struct Stripe {
    std::vector<ExecutionSegment> sequence;   // filled: covers 0..1
    std::int64_t lcd = 1;
    std::vector<std::vector<std::uint32_t>> owned;  // per segment: residues < lcd
  };
  ExecutionTuple(std::shared_ptr<Stripe const> stripe, std::size_t index)
      : stripe_(std::move(stripe)), index_(index) {}
  static std::shared_ptr<Stripe const> make_stripe(std::vector<ExecutionSegment> sequence,
                                                   std::string& error);

  std::shared_ptr<Stripe const> stripe_;
  std::size_t index_ = 0;
};

}  // namespace loadtwin::core
