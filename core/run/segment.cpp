#include "core/run/segment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <numeric>
#include <queue>

#include "core/assert.hpp"

namespace loadtwin::core {
namespace {

std::string rat_string(Rational r) {
  if (r.denominator() == 1) return std::to_string(r.numerator());
  return fmt::format("{}/{}", r.numerator(), r.denominator());
}

// A signed decimal integer of at most 18 digits (so it fits in 64 bits).
std::optional<std::int64_t> parse_int(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::size_t const digits = s.size() - (!s.empty() && s.front() == '-' ? 1 : 0);
  if (digits == 0 || digits > 18) return std::nullopt;
  std::int64_t value = 0;
  auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

// "0.25", "1", ".5", "-0.5": decimal digits with at most one point. `too_fine` says a well
// formed decimal was refused only for its more than 9 decimal places.
std::optional<Rational> parse_decimal(std::string_view s, bool& too_fine) {
  bool const negative = !s.empty() && s.front() == '-';
  if (negative || (!s.empty() && s.front() == '+')) s.remove_prefix(1);
  auto const point = s.find('.');
  std::string_view const whole = s.substr(0, point);
  std::string_view const fraction = point == s.npos ? "" : s.substr(point + 1);
  if (whole.empty() && fraction.empty()) return std::nullopt;
  bool const all_digits =
      std::all_of(whole.begin(), whole.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      std::all_of(fraction.begin(), fraction.end(), [](char c) { return c >= '0' && c <= '9'; });
  too_fine = all_digits && fraction.size() > 9;
  if (!all_digits || whole.size() > 9 || fraction.size() > 9) return std::nullopt;
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  for (char c : whole) numerator = numerator * 10 + (c - '0');
  for (char c : fraction) {
    numerator = numerator * 10 + (c - '0');
    denominator *= 10;
  }
  return Rational(negative ? -numerator : numerator, denominator);
}

// One value of the grammar: "25%", "0.25" or "1/4".
std::optional<Rational> parse_value(std::string_view s, std::string& error) {
  std::optional<Rational> value;
  bool too_fine = false;
  if (!s.empty() && s.back() == '%') {
    auto const percent = parse_int(s.substr(0, s.size() - 1));
    if (!percent) {
      error = fmt::format("'{}' is not a valid percentage (an integer followed by %)", s);
      return std::nullopt;
    }
    value = Rational(*percent, 100);
  } else if (auto const slash = s.find('/'); slash != s.npos) {
    auto const num = parse_int(s.substr(0, slash));
    auto const den = parse_int(s.substr(slash + 1));
    if (num && den && *den != 0) value = Rational(*num, *den);
  } else {
    value = parse_decimal(s, too_fine);
  }
  if (!value) {
    error =
        too_fine
            ? fmt::format("'{}' has more than 9 decimal places: give it as a fraction (e.g. 1/3)",
                          s)
            : fmt::format(
                  "'{}' is not a valid percentage, decimal or fraction (e.g. 25%, 0.25 or 1/4)", s);
    return std::nullopt;
  }
  if (value->denominator() > segment_denominator_max ||
      std::abs(value->numerator()) > segment_denominator_max) {
    error = fmt::format("'{}' is out of range: numerators and denominators up to {}", s,
                        segment_denominator_max);
    return std::nullopt;
  }
  return value;
}

// k6 NewExecutionSegment's checks: 0 <= from < to <= 1.
std::optional<ExecutionSegment> checked_segment(Rational from, Rational to, std::string& error) {
  if (from < 0) {
    error = fmt::format("segment start value must be at least 0 but was {}", rat_string(from));
  } else if (from >= to) {
    error = fmt::format("segment start ({}) must be less than its end ({})", rat_string(from),
                        rat_string(to));
  } else if (to > 1) {
    error = fmt::format("segment end value can't be more than 1 but was {}", rat_string(to));
  } else {
    return ExecutionSegment{from, to};
  }
  return std::nullopt;
}

// k6 GetFilledExecutionSegmentSequence: (0, first] and (last, 1] added where missing.
std::vector<ExecutionSegment> filled(std::vector<ExecutionSegment> sequence,
                                     ExecutionSegment const& segment) {
  if (sequence.empty()) sequence.push_back(segment);
  if (sequence.front().from != 0) {
    sequence.insert(sequence.begin(), ExecutionSegment{0, sequence.front().from});
  }
  if (sequence.back().to != 1) sequence.push_back(ExecutionSegment{sequence.back().to, 1});
  return sequence;
}

}  // namespace

std::string to_string(ExecutionSegment const& segment) {
  return rat_string(segment.from) + ":" + rat_string(segment.to);
}

std::string to_string(std::vector<ExecutionSegment> const& sequence) {
  std::string out;
  for (auto const& s : sequence) {
    if (out.empty()) out = rat_string(s.from);
    out += "," + rat_string(s.to);
  }
  return out;
}

std::optional<ExecutionSegment> parse_execution_segment(std::string_view text, std::string& error) {
  if (text.empty()) return ExecutionSegment{};
  Rational from{0};
  auto const colon = text.find(':');
  if (colon != text.npos) {
    auto const parsed = parse_value(text.substr(0, colon), error);
    if (!parsed) return std::nullopt;
    from = *parsed;
    text.remove_prefix(colon + 1);
  }
  auto const to = parse_value(text, error);
  if (!to) return std::nullopt;
  return checked_segment(from, *to, error);
}

std::optional<std::vector<ExecutionSegment>> parse_segment_sequence(std::string_view text,
                                                                    std::string& error) {
  std::vector<ExecutionSegment> sequence;
  if (text.empty()) return sequence;
  std::vector<Rational> points;
  for (std::size_t start = 0;;) {
    auto const comma = text.find(',', start);
    auto const point = parse_value(text.substr(start, comma - start), error);
    if (!point) return std::nullopt;
    points.push_back(*point);
    if (comma == text.npos) break;
    start = comma + 1;
  }
  if (points.size() < 2) {
    error = fmt::format("a sequence needs at least 2 points, like 0,1/2,1; got {}", points.size());
    return std::nullopt;
  }
  for (std::size_t i = 1; i < points.size(); ++i) {
    auto segment = checked_segment(points[i - 1], points[i], error);
    if (!segment) {
      error = fmt::format("points must increase within 0..1, but point {} ({}) follows {}", i + 1,
                          rat_string(points[i]), rat_string(points[i - 1]));
      if (points[i - 1] < 0) error = "points can't be below 0: " + rat_string(points[i - 1]);
      if (points[i] > 1) error = "points can't be above 1: " + rat_string(points[i]);
      return std::nullopt;
    }
    sequence.push_back(*segment);
  }
  return sequence;
}

ExecutionTuple::ExecutionTuple() {
  static auto const whole = [] {
    std::string unused;
    return make_stripe({ExecutionSegment{}}, unused);
  }();
  stripe_ = whole;
}

std::optional<ExecutionTuple> ExecutionTuple::make(ExecutionSegment const& segment,
                                                   std::vector<ExecutionSegment> sequence,
                                                   std::string& error) {
  auto full = filled(std::move(sequence), segment);
  auto const found = std::find(full.begin(), full.end(), segment);
  if (found == full.end()) {
    error = fmt::format("segment {} is not one of the sequence {}", to_string(segment),
                        to_string(full));
    return std::nullopt;
  }
  auto const index = static_cast<std::size_t>(found - full.begin());
  auto stripe = make_stripe(std::move(full), error);
  if (!stripe) return std::nullopt;
  return ExecutionTuple(std::move(stripe), index);
}

std::optional<ExecutionTuple> ExecutionTuple::nth_of(std::int64_t i, std::int64_t n,
                                                     std::string& error) {
  LT_ASSERT(0 <= i && i < n, "segment index out of range");
  if (n > stripe_elements_max) {
    error = fmt::format("at most {} segments", stripe_elements_max);
    return std::nullopt;
  }
  std::vector<ExecutionSegment> sequence;
  for (std::int64_t s = 0; s < n; ++s) sequence.push_back({Rational(s, n), Rational(s + 1, n)});
  ExecutionSegment const segment = sequence[static_cast<std::size_t>(i)];
  return make(segment, std::move(sequence), error);
}

std::shared_ptr<ExecutionTuple::Stripe const> ExecutionTuple::make_stripe(
    std::vector<ExecutionSegment> sequence, std::string& error) {
  std::int64_t lcd = 1;
  for (auto const& s : sequence) {
    std::int64_t const den = (s.to - s.from).denominator();
    if (den <= stripe_elements_max) lcd = lcd / std::gcd(lcd, den) * den;  // no overflow
    if (den > stripe_elements_max || lcd > stripe_elements_max) {
      error = fmt::format(
          "the sequence {} needs a stripe of more than {} elements (common denominator of "
          "the segment lengths); use simpler fractions",
          to_string(sequence), stripe_elements_max);
      return nullptr;
    }
  }
  auto stripe = std::make_shared<Stripe>();
  stripe->lcd = lcd;
  stripe->owned.resize(sequence.size());
  // Segment s takes k_s of every lcd elements; its next element is due once
  // i * k_s >= chosen_s * lcd. Among the due segments the largest (then first) wins, as in
  // k6's linear scan, found here with two heaps: O(lcd log n) instead of O(lcd * n).
  std::vector<std::int64_t> k(sequence.size());
  for (std::size_t s = 0; s < sequence.size(); ++s) {
    Rational const length = sequence[s].to - sequence[s].from;
    k[s] = length.numerator() * (lcd / length.denominator());
  }
  std::vector<std::size_t> order(sequence.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&k](std::size_t a, std::size_t b) { return k[a] > k[b]; });
  using Waiting = std::pair<std::int64_t, std::size_t>;  // (first due element, rank)
  std::priority_queue<Waiting, std::vector<Waiting>, std::greater<>> waiting;
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> due;  // ranks
  for (std::size_t rank = 0; rank < order.size(); ++rank) waiting.push({0, rank});
  for (std::int64_t i = 0; i < lcd; ++i) {
    while (!waiting.empty() && waiting.top().first <= i) {
      due.push(waiting.top().second);
      waiting.pop();
    }
    LT_ASSERT(!due.empty(), "striping left an element without a segment");
    std::size_t const rank = due.top();
    due.pop();
    std::size_t const s = order[rank];
    auto& owned = stripe->owned[s];
    owned.push_back(static_cast<std::uint32_t>(i));
    auto const chosen = static_cast<std::int64_t>(owned.size());
    if (chosen < k[s]) waiting.push({(chosen * lcd + k[s] - 1) / k[s], rank});
  }
  stripe->sequence = std::move(sequence);
  return stripe;
}

std::vector<std::int64_t> ExecutionTuple::owned_in_cycle() const {
  auto const& owned = stripe_->owned[index_];
  return {owned.begin(), owned.end()};
}

std::int64_t ExecutionTuple::scale_of(std::size_t segment_index, std::int64_t value) const {
  LT_ASSERT(value >= 0, "scaling a negative count");
  auto const& owned = stripe_->owned[segment_index];
  auto const per_cycle = static_cast<std::int64_t>(owned.size());
  auto const rest = static_cast<std::uint32_t>(value % stripe_->lcd);
  auto const partial = std::lower_bound(owned.begin(), owned.end(), rest) - owned.begin();
  return value / stripe_->lcd * per_cycle + partial;
}

std::uint64_t ExecutionTuple::global_index(std::uint64_t local) const {
  auto const& owned = stripe_->owned[index_];
  auto const lcd = static_cast<std::uint64_t>(stripe_->lcd);
  return local / owned.size() * lcd + owned[local % owned.size()];
}

std::optional<ExecutionTuple> ExecutionTuple::resegment(std::int64_t value) const {
  LT_ASSERT(value >= 0 && value <= stripe_elements_max, "re-striping value out of range");
  if (scale(value) == 0) return std::nullopt;
  if (value % stripe_->lcd == 0) return *this;  // every share is exact: the same stripe
  std::vector<ExecutionSegment> sequence;
  std::size_t index = 0;
  std::int64_t done = 0;
  for (std::size_t s = 0; s < stripe_->sequence.size(); ++s) {
    std::int64_t const share = scale_of(s, value);
    if (share == 0) continue;
    if (s == index_) index = sequence.size();
    sequence.push_back({Rational(done, value), Rational(done + share, value)});
    done += share;
  }
  std::string error;
  auto stripe = make_stripe(std::move(sequence), error);
  LT_ASSERT(stripe != nullptr, "a re-striped sequence's denominator divides the value");
  return ExecutionTuple(std::move(stripe), index);
}

}  // namespace loadtwin::core
