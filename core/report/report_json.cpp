#include "core/report/report_json.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>
#include <ctime>

#include "core/plan/json_pretty.hpp"

namespace loadtwin::core {
namespace {

boost::json::object metric_object(MetricSummary const& m, Summary const& s) {
  boost::json::object o;
  switch (m.type) {
    case MetricType::counter:
      o["count"] = m.count;
      o["rate"] = m.per_second;
      break;
    case MetricType::gauge:
      o["value"] = m.value;
      o["min"] = m.min;
      o["max"] = m.max;
      break;
    case MetricType::rate:
      o["value"] = m.rate;
      o["passes"] = m.passes;
      o["fails"] = m.fails;
      break;
    case MetricType::trend:
      for (auto const& [stat, value] : m.trend) o[stat] = value;
      break;
  }
  if (m.has_thresholds) {
    boost::json::object th;
    for (auto const& v : s.verdicts) {
      if (v.key == m.name) th[v.source] = !v.passed;  // k6 legacy: true means failed
    }
    o["thresholds"] = std::move(th);
  }
  return o;
}

boost::json::object reasons_object(ScenarioCounters const& c) {
  boost::json::object out;
  for (std::size_t i = 0; i < c.errors_by_reason.size(); ++i) {
    if (c.errors_by_reason[i] > 0) {
      out[to_string(static_cast<ErrorReason>(i))] = c.errors_by_reason[i];
    }
  }
  return out;
}

// Every verdict with what the k6 booleans cannot carry: the observed value and "(no samples)"
// (read back by `loadtwin report`).
boost::json::array verdicts_array(Summary const& s) {
  boost::json::array out;
  for (auto const& v : s.verdicts) {
    boost::json::value observed = nullptr;
    if (v.observed) observed = *v.observed;
    out.push_back(boost::json::object{{"metric", v.key},
                                      {"expression", v.source},
                                      {"passed", v.passed},
                                      {"no_samples", v.no_samples},
                                      {"observed", observed}});
  }
  return out;
}

boost::json::object scenario_object(ScenarioReport const& r) {
  auto const& c = r.counters;
  return boost::json::object{{"executor", to_string(r.executor)},
                             {"exec", to_string(r.exec)},
                             {"iterations_started", c.iterations_started},
                             {"iterations_completed", c.iterations_completed},
                             {"iterations_interrupted", c.iterations_interrupted},
                             {"iterations_dropped", c.iterations_dropped},
                             {"requests_sent", c.requests_sent},
                             {"requests_ok", c.requests_ok},
                             {"requests_error", c.requests_error},
                             {"requests_interrupted", c.requests_interrupted},
                             {"requests_aborted", c.requests_aborted},
                             {"errors_by_reason", reasons_object(c)},
                             {"vus_max", c.vus_max}};
}

}  // namespace

std::string render_summary_export(Summary const& s) {
  boost::json::object root;
  root["root_group"] = boost::json::object{{"name", ""},
                                           {"path", ""},
                                           {"id", "d41d8cd98f00b204e9800998ecf8427e"},
                                           {"groups", boost::json::object{}},
                                           {"checks", boost::json::object{}}};
  boost::json::object metrics;
  for (auto const& m : s.metrics) metrics[m.name] = metric_object(m, s);
  root["metrics"] = std::move(metrics);
  boost::json::object scenarios;
  for (auto const& r : s.scenarios) scenarios[r.name] = scenario_object(r);
  root["loadtwin"] =
      boost::json::object{{"mode", s.simulated ? "sim" : "live"},
                          {"seed", s.seed},
                          {"duration_ms", to_ms(s.duration)},
                          {"stop", s.stop == StopReason::none              ? "completed"
                                   : s.stop == StopReason::threshold_abort ? "threshold_abort"
                                   : s.stop == StopReason::interrupted     ? "interrupted"
                                   : s.stop == StopReason::budget          ? "budget"
                                                                           : "engine_bound"},
                          {"scenarios", std::move(scenarios)},
                          {"thresholds", verdicts_array(s)}};
  if (!s.notices.empty()) {
    boost::json::array notices;
    for (auto const& n : s.notices) notices.emplace_back(n);
    root["loadtwin"].as_object()["notices"] = std::move(notices);
  }
  return render_json_compact(root) + "\n";
}

std::string rfc3339_nano(std::int64_t epoch_ns) {
  std::int64_t secs = epoch_ns / 1'000'000'000;
  std::int64_t frac = epoch_ns % 1'000'000'000;
  if (frac < 0) frac += 1'000'000'000, --secs;
  std::time_t const t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", tm.tm_year + 1900,
                                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (frac != 0) {
    std::string f = fmt::format("{:09}", frac);
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out + "Z";
}

namespace {

bool digits_at(std::string const& text, std::size_t at, std::size_t count) {
  for (std::size_t i = at; i < at + count; ++i) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

int number_at(std::string const& text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

// "YYYY-MM-DDTHH:MM:SS" with every field in range (no rolling of 2026-02-30 into March):
// seconds since the epoch.
std::optional<std::int64_t> rfc3339_seconds(std::string const& text) {
  bool const shaped =
      digits_at(text, 0, 4) && text[4] == '-' && digits_at(text, 5, 2) && text[7] == '-' &&
      digits_at(text, 8, 2) && (text[10] == 'T' || text[10] == 't') && digits_at(text, 11, 2) &&
      text[13] == ':' && digits_at(text, 14, 2) && text[16] == ':' && digits_at(text, 17, 2);
  if (!shaped) return std::nullopt;
  std::chrono::year_month_day const date{std::chrono::year{number_at(text, 0, 4)},
                                         std::chrono::month(unsigned(number_at(text, 5, 2))),
                                         std::chrono::day(unsigned(number_at(text, 8, 2)))};
  int const hour = number_at(text, 11, 2), minute = number_at(text, 14, 2);
  int const second = number_at(text, 17, 2);  // 60: a leap second (RFC 3339 5.7)
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::int64_t const days = std::chrono::sys_days(date).time_since_epoch().count();
  return ((days * 24 + hour) * 60 + minute) * 60 + second;
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339(std::string const& text) {
  if (text.size() < 20) return std::nullopt;
  auto const seconds = rfc3339_seconds(text);
  if (!seconds) return std::nullopt;
  std::size_t at = 19;
  std::int64_t frac_ns = 0;
  if (text[at] == '.') {
    std::int64_t scale = 100'000'000;
    std::size_t const first = ++at;
    for (; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at) {
      frac_ns += (text[at] - '0') * scale;  // digits past the nanosecond add nothing
      scale /= 10;
    }
    if (at == first) return std::nullopt;
  }
  if (at + 1 != text.size() || (text[at] != 'Z' && text[at] != 'z')) return std::nullopt;
  return *seconds * 1'000'000'000 + frac_ns;
}

NdjsonWriter::NdjsonWriter(std::ostream& out, Thresholds const& thresholds,
                           std::int64_t start_epoch_ns)
    : out_(out), thresholds_(thresholds), start_epoch_ns_(start_epoch_ns) {}

void NdjsonWriter::declare(MetricId metric) {
  auto const& m = info(metric);
  boost::json::array thresholds;
  boost::json::array submetrics;
  for (auto const& t : thresholds_.all()) {
    if (t.sink->metric != metric) continue;
    if (!t.sink->is_submetric) thresholds.emplace_back(t.expr.source);
  }
  std::set<std::string> seen;
  for (auto const& t : thresholds_.all()) {
    if (t.sink->metric != metric || !t.sink->is_submetric || !seen.insert(t.sink->name).second)
      continue;
    boost::json::object tags;
    for (auto const& [k, v] : t.sink->filter.entries()) tags[k] = v;
    submetrics.emplace_back(boost::json::object{
        {"name", t.sink->name}, {"suffix", t.sink->suffix}, {"tags", std::move(tags)}});
  }
  boost::json::object data{{"name", m.name},
                           {"type", to_string(m.type)},
                           {"contains", m.is_time ? "time" : "default"},
                           {"thresholds", std::move(thresholds)},
                           {"submetrics", std::move(submetrics)}};
  out_ << render_json_compact(boost::json::object{
              {"type", "Metric"}, {"data", std::move(data)}, {"metric", m.name}})
       << "\n";
}

void NdjsonWriter::on_sample(MetricId metric, TagSet const& tags, Instant at, double value) {
  if (declared_.insert(metric).second) declare(metric);
  boost::json::object tag_object;
  for (auto const& [k, v] : tags.entries()) tag_object[k] = v;
  boost::json::object data{{"time", rfc3339_nano(start_epoch_ns_ + since_start(at).count())},
                           {"value", value},
                           {"tags", std::move(tag_object)}};
  out_ << render_json_compact(boost::json::object{
              {"type", "Point"}, {"data", std::move(data)}, {"metric", info(metric).name}})
       << "\n";
}

}  // namespace loadtwin::core
