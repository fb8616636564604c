#include "core/report/summary_export_reader.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/metrics/tags.hpp"
#include "core/metrics/threshold_expr.hpp"
#include "core/plan/json_text.hpp"

namespace loadtwin::core {
namespace {

namespace json = boost::json;

double number_at(json::object const& o, std::string_view key) {
  auto const* v = o.if_contains(key);
  return v != nullptr && v->is_number() ? v->to_number<double>() : 0;
}

std::uint64_t count_at(json::object const& o, std::string_view key) {
  return static_cast<std::uint64_t>(number_at(o, key));
}

std::string string_at(json::object const& o, std::string_view key) {
  auto const* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The metric's type: from loadtwin's table, else (a k6 custom metric) from its fields.
MetricType type_of(std::string const& metric, json::object const& o, bool& is_time) {
  if (auto id = find_metric(metric)) {
    is_time = info(*id).is_time;
    return info(*id).type;
  }
  is_time = false;
  if (o.contains("passes")) return MetricType::rate;
  if (o.contains("count") && o.contains("rate")) return MetricType::counter;
  if (o.contains("value")) return MetricType::gauge;
  return MetricType::trend;
}

MetricSummary read_metric(std::string const& name, json::object const& o) {
  MetricSummary m;
  m.name = name;
  auto const sel = parse_metric_selector(name);
  std::string const base = sel.selector ? sel.selector->metric : name;
  m.is_submetric = sel.selector && !sel.selector->suffix.empty();
  if (m.is_submetric) m.suffix = sel.selector->suffix;
  m.type = type_of(base, o, m.is_time);
  m.has_thresholds = o.contains("thresholds");
  m.count = number_at(o, "count"), m.per_second = number_at(o, "rate");
  m.value = number_at(o, "value"), m.min = number_at(o, "min"), m.max = number_at(o, "max");
  m.rate = number_at(o, "value");
  m.passes = count_at(o, "passes"), m.fails = count_at(o, "fails");
  if (m.type == MetricType::trend) {
    for (auto const& [stat, value] : o) {
      if (stat != "thresholds" && value.is_number()) {
        m.trend.emplace_back(std::string(stat), value.to_number<double>());
      }
    }
  }
  m.samples = m.type == MetricType::rate      ? m.passes + m.fails
              : m.type == MetricType::counter ? static_cast<std::uint64_t>(m.count > 0)
                                              : 1;
  return m;
}

// k6's export: what the metric's exported statistics say about `agg`, if they hold it.
std::optional<double> observed_from_metric(MetricSummary const& m, std::string const& agg) {
  if (m.type == MetricType::rate) return m.rate;
  if (m.type == MetricType::gauge) return m.value;
  if (m.type == MetricType::counter) return agg == "rate" ? m.per_second : m.count;
  for (auto const& [stat, value] : m.trend) {
    if (stat == agg) return value;
  }
  return std::nullopt;
}

ThresholdVerdict verdict_for(MetricSummary const& m, std::string const& source, bool passed) {
  ThresholdVerdict v;
  v.key = m.name;
  v.source = source;
  v.passed = passed;
  v.type = m.type;
  v.is_time = m.is_time;
  auto const parsed = parse_threshold_expr(source);
  v.agg_text = parsed.expr ? parsed.expr->agg_text : source;
  return v;
}

MetricSummary const* find_summary_metric(Summary const& s, std::string const& name) {
  for (auto const& m : s.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

// loadtwin's verdicts: every field kept, in the run's order.
void read_loadtwin_verdicts(json::array const& list, Summary& s) {
  for (auto const& item : list) {
    if (!item.is_object()) continue;
    auto const& o = item.as_object();
    std::string const key = string_at(o, "metric");
    MetricSummary fallback;
    fallback.name = key;
    auto const* m = find_summary_metric(s, key);
    auto const* passed = o.if_contains("passed");
    ThresholdVerdict v = verdict_for(m ? *m : fallback, string_at(o, "expression"),
                                     passed != nullptr && passed->is_bool() && passed->as_bool());
    auto const* no_samples = o.if_contains("no_samples");
    v.no_samples = no_samples != nullptr && no_samples->is_bool() && no_samples->as_bool();
    if (auto const* obs = o.if_contains("observed"); obs != nullptr && obs->is_number()) {
      v.observed = obs->to_number<double>();
    }
    s.verdicts.push_back(std::move(v));
  }
}

// k6's verdicts: {"p(95)<500": false} under each metric, false meaning passed.
void read_k6_verdicts(json::object const& metrics, Summary& s) {
  for (auto const& m : s.metrics) {
    auto const* th = metrics.at(m.name).as_object().if_contains("thresholds");
    if (th == nullptr || !th->is_object()) continue;
    for (auto const& [source, failed] : th->as_object()) {
      bool const passed = failed.is_bool() && !failed.as_bool();
      ThresholdVerdict v = verdict_for(m, std::string(source), passed);
      v.observed = observed_from_metric(m, v.agg_text);
      s.verdicts.push_back(std::move(v));
    }
  }
}

ScenarioReport read_scenario(std::string const& name, json::object const& o) {
  ScenarioReport r{name, ExecutorKind::constant_vus, RequestKind::simple_query, {}};
  for (auto const& e : executor_names) {
    if (e.name == string_at(o, "executor")) r.executor = e.kind;
  }
  r.exec = parse_request_kind(string_at(o, "exec")).value_or(RequestKind::simple_query);
  auto& c = r.counters;
  c.iterations_started = count_at(o, "iterations_started");
  c.iterations_completed = count_at(o, "iterations_completed");
  c.iterations_interrupted = count_at(o, "iterations_interrupted");
  c.iterations_dropped = count_at(o, "iterations_dropped");
  c.requests_sent = count_at(o, "requests_sent");
  c.requests_ok = count_at(o, "requests_ok");
  c.requests_error = count_at(o, "requests_error");
  c.requests_interrupted = count_at(o, "requests_interrupted");
  c.requests_aborted = count_at(o, "requests_aborted");
  c.vus_max = static_cast<std::uint32_t>(count_at(o, "vus_max"));
  if (auto const* reasons = o.if_contains("errors_by_reason"); reasons && reasons->is_object()) {
    for (auto const& [reason, count] : reasons->as_object()) {
      auto const parsed = parse_error_reason(std::string_view(reason));
      if (parsed && count.is_number()) {
        c.errors_by_reason[static_cast<std::size_t>(*parsed)] = count.to_number<std::uint64_t>();
      }
    }
  }
  return r;
}

StopReason parse_stop(std::string const& text) {
  if (text == "threshold_abort") return StopReason::threshold_abort;
  if (text == "interrupted") return StopReason::interrupted;
  if (text == "engine_bound") return StopReason::engine_bound;
  if (text == "budget") return StopReason::budget;
  return StopReason::none;
}

void read_loadtwin(json::object const& lt, Summary& s) {
  s.simulated = string_at(lt, "mode") != "live";
  s.seed = count_at(lt, "seed");
  s.duration = Duration{static_cast<std::int64_t>(number_at(lt, "duration_ms") * 1e6)};
  s.stop = parse_stop(string_at(lt, "stop"));
  if (auto const* notices = lt.if_contains("notices"); notices && notices->is_array()) {
    for (auto const& n : notices->as_array()) {
      if (n.is_string()) s.notices.emplace_back(n.as_string());
    }
  }
  if (auto const* sc = lt.if_contains("scenarios"); sc && sc->is_object()) {
    for (auto const& [name, o] : sc->as_object()) {
      if (o.is_object()) s.scenarios.push_back(read_scenario(std::string(name), o.as_object()));
    }
  }
}

}  // namespace

std::optional<Summary> parse_summary_export(std::string_view text, std::string const& name,
                                            std::string& error) {
  auto parsed = parse_json_text(text);
  if (!parsed.value) {
    auto const& e = *parsed.error;
    error = fmt::format("{}:{}:{}: invalid JSON: {}", name, e.at.line, e.at.column, e.message);
    return std::nullopt;
  }
  auto const* root = parsed.value->if_object();
  auto const* metrics = root ? root->if_contains("metrics") : nullptr;
  if (metrics == nullptr || !metrics->is_object()) {
    error = name +
            ": not a summary-export (expected an object with \"metrics\"; write one "
            "with --summary-export)";
    return std::nullopt;
  }
  Summary s;
  s.simulated = false;  // k6's own export is a real run; loadtwin's says which below
  s.trend_stats.clear();
  for (auto const& [metric, o] : metrics->as_object()) {
    if (!o.is_object()) continue;
    s.metrics.push_back(read_metric(std::string(metric), o.as_object()));
    if (s.trend_stats.empty() && s.metrics.back().type == MetricType::trend) {
      for (auto const& [stat, value] : s.metrics.back().trend) s.trend_stats.push_back(stat);
    }
  }
  auto const* lt = root->if_contains("loadtwin");
  if (lt != nullptr && lt->is_object()) read_loadtwin(lt->as_object(), s);
  auto const* verdicts =
      lt && lt->is_object() ? lt->as_object().if_contains("thresholds") : nullptr;
  if (verdicts != nullptr && verdicts->is_array()) {
    read_loadtwin_verdicts(verdicts->as_array(), s);
  } else {
    read_k6_verdicts(metrics->as_object(), s);
  }
  return s;
}

}  // namespace loadtwin::core
