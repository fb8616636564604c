#include "core/report/twin_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace loadtwin::core {
namespace {

constexpr std::size_t differences_kept = 8;

// Every event's offset from `sent`, in a fixed order; nullopt where the event is absent.
// An interrupted request's events within `cut_margin` of the cut are left out: whether a
// delta landed just before or just after a deadline is the clock's noise, not a drift.
std::vector<std::optional<Duration>> event_offsets(RequestRecord const& r, Duration cut_margin) {
  auto const from_sent = [&r](std::optional<Instant> at) -> std::optional<Duration> {
    if (!at) return std::nullopt;
    return *at - r.sent;
  };
  bool const cut = r.outcome == RecordOutcome::interrupted && r.end.has_value();
  auto const kept = [&](std::optional<Instant> at) {
    return !cut || !at || *r.end - *at > cut_margin ? from_sent(at) : std::nullopt;
  };
  // A cut's instant is the deadline's, the same from the test's start on both sides
  // whenever the request began.
  auto const end = cut ? std::optional(since_start(*r.end)) : from_sent(r.end);
  std::vector<std::optional<Duration>> out{kept(r.headers), kept(r.first_text), end};
  for (auto const& d : r.deltas) {
    if (!cut || *r.end - (r.sent + d.offset) > cut_margin) out.emplace_back(d.offset);
  }
  return out;
}

std::string event_name(std::size_t index) {
  switch (index) {
    case 0:
      return "headers";
    case 1:
      return "first text";
    case 2:
      return "end";
    default:
      return fmt::format("delta {}", index - 2);
  }
}

std::string reason_text(RequestRecord const& r) {
  return fmt::format("{}{}{} status {}", to_string(r.outcome), r.reason ? "/" : "",
                     r.reason ? to_string(*r.reason) : "", r.status);
}

class Comparer {
 public:
  Comparer(TwinComparison& out, Duration cut_margin) : out_(out), cut_margin_(cut_margin) {}

  void note(std::string text) {
    if (out_.differences.size() < differences_kept) out_.differences.push_back(std::move(text));
  }

  void compare(RequestRecord const& sim, RequestRecord const& live) {
    ++out_.matched;
    if (sim.outcome != live.outcome || sim.reason != live.reason || sim.status != live.status) {
      ++out_.outcome_mismatches;
      note(fmt::format("{}: sim {} vs live {}", sim.key, reason_text(sim), reason_text(live)));
      return;
    }
    auto a = event_offsets(sim, cut_margin_), b = event_offsets(live, cut_margin_);
    if (sim.outcome == RecordOutcome::interrupted) {
      // Where a deadline cuts a stream depends on when the request started: compare the
      // events both sides saw before their cut.
      a.resize(std::min(a.size(), b.size())), b.resize(a.size());
    }
    if (a.size() != b.size()) {
      ++out_.outcome_mismatches;
      note(fmt::format("{}: sim has {} events, live {} ({})", sim.key, a.size(), b.size(),
                       reason_text(sim)));
      return;
    }
    bool const cut = sim.outcome == RecordOutcome::interrupted;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (cut && a[i].has_value() != b[i].has_value()) continue;  // one side saw it before its cut
      if (a[i].has_value() != b[i].has_value()) {
        ++out_.outcome_mismatches;
        note(fmt::format("{}: event {} is on one side only", sim.key, i));
        return;
      }
      if (!a[i]) continue;
      Duration const error = *b[i] > *a[i] ? *b[i] - *a[i] : *a[i] - *b[i];
      errors_.push_back(error);
      if (error > worst_) {
        worst_ = error;
        out_.worst = fmt::format("{} {} {}{:.3f}ms", sim.key, event_name(i),
                                 *b[i] > *a[i] ? "+" : "-", to_ms(error));
      }
    }
  }

  void finish(TwinTolerance tolerance) {
    std::sort(errors_.begin(), errors_.end());
    out_.events = errors_.size();
    auto const at = [this](double p) {
      return errors_.empty() ? Duration{0}
                             : errors_[static_cast<std::size_t>(p * (errors_.size() - 1))];
    };
    out_.error_p50 = at(0.5), out_.error_p99 = at(0.99), out_.error_max = at(1.0);
    out_.holds = out_.sim_only == 0 && out_.live_only == 0 && out_.outcome_mismatches == 0 &&
                 out_.error_p99 <= tolerance.p99 && out_.error_max <= tolerance.max;
  }

 private:
  TwinComparison& out_;
  Duration cut_margin_;
  std::vector<Duration> errors_;
  Duration worst_{-1};
};

std::map<std::string, RequestRecord const*> by_key(std::vector<RequestRecord> const& records) {
  std::map<std::string, RequestRecord const*> out;
  for (auto const& r : records) {
    if (r.outcome != RecordOutcome::aborted) out.emplace(r.key, &r);
  }
  return out;
}

}  // namespace

TwinComparison compare_twin(std::vector<RequestRecord> const& sim,
                            std::vector<RequestRecord> const& live, TwinTolerance tolerance) {
  TwinComparison out;
  Comparer comparer(out, tolerance.max);
  auto const sim_keys = by_key(sim), live_keys = by_key(live);
  for (auto const& [key, record] : sim_keys) {
    auto const it = live_keys.find(key);
    if (it == live_keys.end()) {
      ++out.sim_only;
      comparer.note(key + ": sent in sim only (" + reason_text(*record) + ")");
    } else {
      comparer.compare(*record, *it->second);
    }
  }
  for (auto const& [key, record] : live_keys) {
    if (!sim_keys.contains(key)) {
      ++out.live_only;
      comparer.note(key + ": sent live only (" + reason_text(*record) + ")");
    }
  }
  comparer.finish(tolerance);
  return out;
}

std::string describe_twin(TwinComparison const& c, TwinTolerance tolerance) {
  auto const ms_text = [](Duration d) { return fmt::format("{:.2f}ms", to_ms(d)); };
  std::string const errors = fmt::format(
      "event error p50 {}, p99 {}, max {}{}", ms_text(c.error_p50), ms_text(c.error_p99),
      ms_text(c.error_max), c.worst.empty() ? "" : " at " + c.worst);
  if (c.holds) return fmt::format("twin holds ({} requests, {})", c.matched, errors);
  std::vector<std::string> why;
  if (c.sim_only + c.live_only > 0) {
    why.push_back(fmt::format("{} requests in sim only, {} live only", c.sim_only, c.live_only));
  }
  if (c.outcome_mismatches > 0) {
    why.push_back(fmt::format("{} requests end differently", c.outcome_mismatches));
  }
  if (c.error_p99 > tolerance.p99 || c.error_max > tolerance.max) {
    why.push_back(fmt::format("{} beyond the tolerance (p99 {}, max {})", errors,
                              ms_text(tolerance.p99), ms_text(tolerance.max)));
  }
  std::string out = "twin differs: ";
  for (std::size_t i = 0; i < why.size(); ++i) out += (i ? "; " : "") + why[i];
  return out;
}

}  // namespace loadtwin::core
