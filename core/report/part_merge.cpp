#include "core/report/part_merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/assert.hpp"
#include "core/report/report_text.hpp"

namespace loadtwin::core {
namespace {

// The segments a part covers, in its order.
std::vector<std::string> segments_of(Part const& part) {
  std::vector<std::string> out;
  for (auto const& r : part.runs) out.push_back(r.segment);
  return out;
}

std::string short_hash(std::string const& sha) { return sha.substr(0, 12); }

// Fields every part must share with the first; one error per field that differs.
void check_identity(std::vector<NamedPart> const& parts, std::vector<std::string>& errors,
                    std::vector<std::string>& warnings) {
  auto const& first = parts.front();
  for (auto const& p : parts) {
    auto const differs = [&](std::string_view what, std::string const& mine,
                             std::string const& theirs) {
      errors.push_back(fmt::format("{}: {} {} differs from {} in {} (mixed runs cannot merge)",
                                   p.name, what, mine, theirs, first.name));
    };
    if (p.part.plan_sha256 != first.part.plan_sha256) {
      differs("plan", short_hash(p.part.plan_sha256), short_hash(first.part.plan_sha256));
    }
    if (p.part.seed != first.part.seed) {
      differs("seed", std::to_string(p.part.seed), std::to_string(first.part.seed));
    }
    if (p.part.sequence != first.part.sequence) {
      differs("segment sequence", p.part.sequence, first.part.sequence);
    }
    if (p.part.mode != first.part.mode) differs("mode", p.part.mode, first.part.mode);
    if (p.part.version != first.part.version) {
      warnings.push_back(fmt::format("{}: written by loadtwin {}, {} by {}", p.name, p.part.version,
                                     first.name, first.part.version));
    }
  }
}

// Among parts with the same segments: a completed one, then the later start, then the first.
bool better_copy(Part const& a, Part const& b) {
  bool const a_done = a.stop() == StopReason::none, b_done = b.stop() == StopReason::none;
  if (a_done != b_done) return a_done;
  return a.runs.front().actual_ns > b.runs.front().actual_ns;
}

// Drops repeated parts (same segments), keeping the best copy of each; warns per repeat.
std::vector<std::size_t> drop_duplicates(std::vector<NamedPart> const& parts,
                                         std::vector<std::string>& warnings) {
  std::map<std::vector<std::string>, std::size_t> best;
  std::vector<std::vector<std::string>> order;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto const key = segments_of(parts[i].part);
    auto [it, fresh] = best.try_emplace(key, i);
    if (fresh) {
      order.push_back(key);
      continue;
    }
    std::size_t const kept = better_copy(parts[i].part, parts[it->second].part) ? i : it->second;
    std::size_t const dropped = kept == i ? it->second : i;
    warnings.push_back(fmt::format(
        "{} and {} cover the same segments ({}): a retried run? keeping {}, ignoring {}",
        parts[it->second].name, parts[i].name, fmt::join(key, " "), parts[kept].name,
        parts[dropped].name));
    it->second = kept;
  }
  std::vector<std::size_t> out;
  for (auto const& key : order) out.push_back(best[key]);
  return out;
}

// Every segment of the sequence exactly once among `kept`; errors name gaps and overlaps.
std::vector<std::size_t> check_cover(std::vector<NamedPart> const& parts,
                                     std::vector<std::size_t> const& kept,
                                     std::vector<std::string>& errors) {
  std::string const& sequence = parts.front().part.sequence;
  std::string error;
  auto const segments = parse_segment_sequence(sequence, error);
  if (!segments || segments->empty()) {
    errors.push_back(
        fmt::format("{}: bad segment sequence '{}' {}", parts.front().name, sequence, error));
    return {};
  }
  std::map<std::string, std::size_t> position;
  for (std::size_t s = 0; s < segments->size(); ++s) position[to_string((*segments)[s])] = s;
  std::vector<std::vector<std::size_t>> owners(segments->size());
  std::vector<std::pair<std::size_t, std::size_t>> first_segment;  // (position, part)
  for (std::size_t i : kept) {
    for (auto const& seg : segments_of(parts[i].part)) {
      auto const it = position.find(seg);
      if (it == position.end()) {
        errors.push_back(fmt::format("{}: segment {} is not one of the sequence {}", parts[i].name,
                                     seg, sequence));
        continue;
      }
      owners[it->second].push_back(i);
    }
    auto const it = position.find(parts[i].part.runs.front().segment);
    first_segment.emplace_back(it == position.end() ? 0 : it->second, i);
  }
  std::vector<std::string> gaps;
  for (std::size_t s = 0; s < owners.size(); ++s) {
    std::string const name = to_string((*segments)[s]);
    if (owners[s].empty()) gaps.push_back(name);
    if (owners[s].size() > 1) {
      std::vector<std::string> names;
      for (std::size_t i : owners[s]) names.push_back(parts[i].name);
      errors.push_back(
          fmt::format("overlap: segment {} is in {}", name, fmt::join(names, " and ")));
    }
  }
  if (!gaps.empty()) {
    errors.push_back(
        fmt::format("gap: no part covers segment{} {} of the sequence {} (a part "
                    "is missing)",
                    gaps.size() > 1 ? "s" : "", fmt::join(gaps, ", "), sequence));
  }
  std::sort(first_segment.begin(), first_segment.end());
  std::vector<std::size_t> ordered;
  for (auto const& [pos, i] : first_segment) ordered.push_back(i);
  return ordered;
}

Rational segment_from(std::string const& segment) {
  std::string unused;
  auto const parsed = parse_execution_segment(segment, unused);
  return parsed ? parsed->from : Rational{0};
}

void add_sink(Sink& into, Sink const& from) {
  std::visit(
      [&from](auto& sink) {
        using S = std::decay_t<decltype(sink)>;
        auto const& other = std::get<S>(from);
        if constexpr (std::is_same_v<S, CounterSink>) {
          sink.sum += other.sum, sink.samples += other.samples;
        } else if constexpr (std::is_same_v<S, RateSink>) {
          sink.trues += other.trues, sink.total += other.total;
        } else if constexpr (std::is_same_v<S, TrendSink>) {
          for (auto const& run : other.runs()) sink.add_run(Duration{run.value}, run.count);
        }
        // Gauges are rebuilt from the step functions (PartRun).
      },
      into);
}

void add_sinks(std::vector<PartSink>& into, std::vector<PartSink> const& from) {
  for (auto const& s : from) {
    auto it = std::find_if(into.begin(), into.end(),
                           [&s](PartSink const& x) { return x.name == s.name; });
    if (it == into.end()) {
      into.push_back(s);
    } else if (it->sink.index() == s.sink.index()) {
      add_sink(it->sink, s.sink);
    }
  }
}

void add_counters(ScenarioCounters& into, ScenarioCounters const& c) {
  into.iterations_started += c.iterations_started;
  into.iterations_completed += c.iterations_completed;
  into.iterations_interrupted += c.iterations_interrupted;
  into.iterations_dropped += c.iterations_dropped;
  into.slots_due += c.slots_due;
  into.requests_sent += c.requests_sent;
  into.requests_ok += c.requests_ok;
  into.requests_error += c.requests_error;
  into.requests_interrupted += c.requests_interrupted;
  into.requests_aborted += c.requests_aborted;
  for (std::size_t i = 0; i < c.errors_by_reason.size(); ++i) {
    into.errors_by_reason[i] += c.errors_by_reason[i];
  }
  into.vus_max += c.vus_max;
}

}  // namespace

PartCoverage check_coverage(std::vector<NamedPart> const& parts) {
  PartCoverage out;
  if (parts.empty()) {
    out.errors.emplace_back("no parts given");
    return out;
  }
  check_identity(parts, out.errors, out.warnings);
  if (!out.errors.empty()) return out;
  auto const unique = drop_duplicates(parts, out.warnings);
  out.kept = check_cover(parts, unique, out.errors);
  return out;
}

std::vector<GaugePoint> add_series(std::vector<GaugePoint> const& a,
                                   std::vector<GaugePoint> const& b) {
  std::vector<GaugePoint> out;
  out.reserve(a.size() + b.size());
  std::size_t i = 0, j = 0;
  std::int64_t va = 0, vb = 0;
  while (i < a.size() || j < b.size()) {
    Instant const at = j == b.size() || (i < a.size() && a[i].at <= b[j].at) ? a[i].at : b[j].at;
    for (; i < a.size() && a[i].at == at; ++i) va = a[i].value;
    for (; j < b.size() && b[j].at == at; ++j) vb = b[j].value;
    out.push_back({at, va + vb});
  }
  return out;
}

Part merge_parts(std::vector<Part const*> const& parts, Plan const& plan) {
  LT_ASSERT(!parts.empty(), "merge_parts needs a part");
  Part out = *parts.front();
  for (std::size_t p = 1; p < parts.size(); ++p) {
    Part const& part = *parts[p];
    out.runs.insert(out.runs.end(), part.runs.begin(), part.runs.end());
    add_sinks(out.sinks, part.sinks);
    out.vus = add_series(out.vus, part.vus);
    out.vus_allocated = add_series(out.vus_allocated, part.vus_allocated);
    for (auto const& s : part.scenarios) {
      auto it = std::find_if(out.scenarios.begin(), out.scenarios.end(),
                             [&s](ScenarioReport const& x) { return x.name == s.name; });
      if (it == out.scenarios.end()) {
        out.scenarios.push_back(s);
      } else {
        add_counters(it->counters, s.counters);
      }
    }
  }
  std::stable_sort(out.runs.begin(), out.runs.end(), [](SegmentRun const& a, SegmentRun const& b) {
    return segment_from(a.segment) < segment_from(b.segment);
  });
  // The merged gauges' sinks, sampled from the summed step functions as a run samples them.
  PartRun const run(out, plan);
  for (auto& s : out.sinks) {
    if (std::holds_alternative<GaugeSink>(s.sink)) {
      if (auto const* entry = run.metrics().find(s.name)) s.sink = entry->sink;
    }
  }
  if (parts.size() > 1) out.records_path.reset();  // each part's records are its own file
  return out;
}

}  // namespace loadtwin::core
