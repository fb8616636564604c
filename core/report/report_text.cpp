#include "core/report/report_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace loadtwin::core {
namespace {

// JavaScript's parseFloat(x.toFixed(2)).toString(): at most two decimals, no trailing zeros.
std::string fixed2(double x) {
  std::string s = fmt::format("{:.2f}", x);
  while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
    bool const dot = s.back() == '.';
    s.pop_back();
    if (dot) break;
  }
  return s == "-0" ? "0" : s;
}

std::string counter_value(double x) {
  return x == std::floor(x) && std::fabs(x) < 1e15 ? fmt::format("{}", static_cast<long long>(x))
                                                   : fixed2(x);
}

std::string percent(double rate) { return fmt::format("{:.2f}%", rate * 100); }

std::string metric_values(MetricSummary const& m, std::string const& unit) {
  switch (m.type) {
    case MetricType::counter:
      return fmt::format("{:<7} {}/s", counter_value(m.count), fixed2(m.per_second));
    case MetricType::gauge:
      return fmt::format("{:<7} min={:<7} max={}", counter_value(m.value), counter_value(m.min),
                         counter_value(m.max));
    case MetricType::rate:
      return fmt::format("{:<7} ✓ {:<8} ✗ {}", percent(m.rate), m.passes, m.fails);
    case MetricType::trend: {
      std::string out;
      for (auto const& [stat, value] : m.trend) {
        std::string const v = stat == "count" ? counter_value(value)
                              : m.is_time     ? humanize_ms(value, unit)
                                              : fixed2(value);
        out += fmt::format("{:<16}", stat + "=" + v);
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out;
    }
  }
  return {};
}

std::string mark(bool ok, bool color) {
  if (!color) return ok ? "✓" : "✗";
  return ok ? "\033[32m✓\033[0m" : "\033[31m✗\033[0m";
}

bool metric_passed(Summary const& s, std::string const& name) {
  for (auto const& v : s.verdicts) {
    if (v.key == name && !v.passed) return false;
  }
  return true;
}

void render_metrics(Summary const& s, TextStyle const& style, std::ostream& out) {
  std::size_t width = 0;
  for (auto const& m : s.metrics) {
    std::size_t const w = m.is_submetric ? m.suffix.size() + 6 : m.name.size();
    width = std::max(width, w);
  }
  width += 3;
  for (auto const& m : s.metrics) {
    std::string label = m.is_submetric ? "  { " + m.suffix + " }" : m.name;
    std::string const prefix =
        m.has_thresholds ? mark(metric_passed(s, m.name), style.color) + " " : "  ";
    std::size_t const dots = width > label.size() ? width - label.size() : 1;
    out << "     " << prefix << label << std::string(dots, '.') << ": "
        << metric_values(m, s.time_unit) << "\n";
  }
}

void render_thresholds(Summary const& s, TextStyle const& style, std::ostream& out) {
  if (s.verdicts.empty()) return;
  out << "\n  THRESHOLDS\n";
  for (auto const& v : s.verdicts) {
    out << "    " << mark(v.passed, style.color) << " " << v.key << " " << v.source
        << " — observed " << describe_observed(v, s.time_unit)
        << (v.no_samples ? " (no samples)" : "") << "\n";
  }
}

// "reset 3, timeout 1": the reasons seen, in the spec's order ("" when none).
std::string reasons_text(std::array<std::uint64_t, error_reason_count> const& counts) {
  std::string out;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 0) continue;
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", to_string(static_cast<ErrorReason>(i)),
                       counts[i]);
  }
  return out;
}

void render_scenarios(Summary const& s, std::ostream& out) {
  out << "\n  SCENARIOS\n";
  std::array<std::uint64_t, error_reason_count> all{};
  for (auto const& sc : s.scenarios) {
    auto const& c = sc.counters;
    out << fmt::format(
        "    {} ({}, {}): iterations {} started = {} completed + {} interrupted; "
        "{} dropped; requests {} sent = {} ok + {} error + {} interrupted + {} aborted; {} VUs\n",
        sc.name, to_string(sc.executor), to_string(sc.exec), c.iterations_started,
        c.iterations_completed, c.iterations_interrupted, c.iterations_dropped, c.requests_sent,
        c.requests_ok, c.requests_error, c.requests_interrupted, c.requests_aborted, c.vus_max);
    for (std::size_t i = 0; i < all.size(); ++i) all[i] += c.errors_by_reason[i];
  }
  if (auto const text = reasons_text(all); !text.empty()) {
    out << "\n  ERRORS BY REASON\n    " << text << "\n";
  }
}

}  // namespace

std::string humanize_ms(double ms, std::string const& fixed_unit) {
  if (fixed_unit == "s") return fixed2(ms / 1000) + "s";
  if (fixed_unit == "ms") return fixed2(ms) + "ms";
  if (fixed_unit == "us") return fixed2(ms * 1000) + "µs";
  if (ms >= 60'000) {
    auto const total_ms = static_cast<long long>(std::llround(ms));
    long long const h = total_ms / 3'600'000, m = total_ms / 60'000 % 60;
    double const sec = static_cast<double>(total_ms % 60'000) / 1000;
    return (h > 0 ? fmt::format("{}h", h) : "") + fmt::format("{}m", m) + fixed2(sec) + "s";
  }
  if (ms >= 1000) return fixed2(ms / 1000) + "s";
  if (ms >= 1 || ms == 0) return fixed2(ms) + "ms";
  if (ms >= 0.001) return fixed2(ms * 1000) + "µs";
  return fixed2(ms * 1e6) + "ns";
}

std::string describe_observed(ThresholdVerdict const& v, std::string const& time_unit) {
  if (!v.observed || v.no_samples) return v.agg_text + "=n/a";  // an empty sink's 0 was not seen
  if (v.type == MetricType::rate) return v.agg_text + "=" + percent(*v.observed);
  if (v.is_time) return v.agg_text + "=" + humanize_ms(*v.observed, time_unit);
  return v.agg_text + "=" + fixed2(*v.observed);
}

void render_text(Summary const& s, TextStyle const& style, std::ostream& out) {
  std::string const how = s.simulated ? "virtual duration" : "duration";
  out << fmt::format("\n  loadtwin {} — seed {}, {} {}\n", style.mode, s.seed, how,
                     humanize_ms(static_cast<double>(s.duration.count()) / 1e6));
  if (!s.stop_message.empty()) out << "  " << s.stop_message << "\n";
  for (auto const& notice : s.notices) out << "  " << notice << "\n";
  out << "\n";
  render_metrics(s, style, out);
  render_thresholds(s, style, out);
  render_scenarios(s, out);
  if (!style.replay.empty()) out << "\n  replay: " << style.replay << "\n";
  out << "\n";
}

}  // namespace loadtwin::core
