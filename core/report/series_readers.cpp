#include "core/report/series_readers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <vector>

#include "core/metrics/metric_names.hpp"
#include "core/report/report_json.hpp"
#include "core/report/series_collector.hpp"

namespace loadtwin::core {
namespace {

bool series_metric(MetricId id) {
  return id == MetricId::vus || id == MetricId::http_reqs || id == MetricId::errors ||
         id == MetricId::first_token_latency;
}

struct PointSample {
  MetricId metric;
  std::int64_t time_ns;
  double value;
  std::string reason;
};

// One NDJSON line: a Point of a metric the series uses, nullopt for anything else it may
// skip; `error` is set when the line is not a k6 NDJSON object at all.
std::optional<PointSample> parse_point(std::string const& line, std::string& error) {
  boost::system::error_code ec;
  auto const doc = boost::json::parse(line, ec);
  if (ec || !doc.is_object()) {
    error = "not a JSON object";
    return std::nullopt;
  }
  auto const& obj = doc.as_object();
  auto const* type = obj.if_contains("type");
  auto const* metric = obj.if_contains("metric");
  if (type == nullptr || !type->is_string() || metric == nullptr || !metric->is_string()) {
    error = "expected k6 NDJSON with \"type\" and \"metric\"";
    return std::nullopt;
  }
  if (type->as_string() != "Point") return std::nullopt;
  auto const id = find_metric(std::string_view(metric->as_string()));
  if (!id || !series_metric(*id)) return std::nullopt;
  auto const* data = obj.if_contains("data");
  auto const* time = data && data->is_object() ? data->as_object().if_contains("time") : nullptr;
  auto const* value = data && data->is_object() ? data->as_object().if_contains("value") : nullptr;
  auto const when =
      time && time->is_string() ? parse_rfc3339(std::string(time->as_string())) : std::nullopt;
  if (!when || value == nullptr || !value->is_number()) {
    error = "a Point needs data.time (RFC 3339) and a numeric data.value";
    return std::nullopt;
  }
  PointSample out{*id, *when, value->to_number<double>(), {}};
  auto const* tags = data->as_object().if_contains("tags");
  if (tags && tags->is_object()) {
    if (auto const* r = tags->as_object().if_contains("reason"); r && r->is_string()) {
      out.reason = std::string(r->as_string());
    }
  }
  return out;
}

// k6 writes every line as {"type":...,"data":...,"metric":"NAME"}: a line of that shape
// whose metric the series does not use is skipped without a JSON parse (most of a run's
// samples are latencies the charts do not show, and a parse per line dominated the read).
bool skippable_line(std::string_view line) {
  constexpr std::string_view tail_key = ",\"metric\":\"";
  if (!line.starts_with("{\"type\":") || !line.ends_with("\"}")) return false;
  auto const key = line.rfind(tail_key);
  if (key == std::string_view::npos) return false;
  auto const name = line.substr(key + tail_key.size(), line.size() - key - tail_key.size() - 2);
  if (name.find_first_of("\"\\") != std::string_view::npos) return false;
  auto const id = find_metric(name);
  return !id || !series_metric(*id);
}

}  // namespace

std::optional<RunSeries> read_series_ndjson(std::istream& in, std::string const& name,
                                            std::string& error) {
  std::vector<PointSample> points;
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    if (line.empty() || skippable_line(line)) continue;
    std::string problem;
    auto point = parse_point(line, problem);
    if (!problem.empty()) {
      error = fmt::format("{}:{}: {}", name, number, problem);
      return std::nullopt;
    }
    if (point) points.push_back(std::move(*point));
  }
  RunSeries series;
  series.source = "samples";
  if (points.empty()) return series;
  std::int64_t origin = points.front().time_ns;
  for (auto const& p : points) origin = std::min(origin, p.time_ns);
  for (auto const& p : points) {
    add_sample_to_series(series, p.metric, Duration{p.time_ns - origin}, p.value, p.reason);
  }
  return series;
}

void add_record_to_series(RunSeries& series, RequestRecord const& r) {
  Duration const end = since_start(r.end.value_or(r.sent));
  if (r.first_text) series.add_ttft(since_start(*r.first_text), to_ms(*r.first_text - r.sent));
  bool const finished = r.outcome == RecordOutcome::ok || r.outcome == RecordOutcome::error;
  if (finished) series.add_request(end);
  if (r.reason && r.outcome != RecordOutcome::ok)
    series.add_error(end, std::string(to_string(*r.reason)));
}

std::optional<RunSeries> read_series_records(std::string const& path, std::string& error) {
  return read_series_records(std::vector<std::string>{path}, error);
}

std::optional<RunSeries> read_series_records(std::vector<std::string> const& paths,
                                             std::string& error) {
  RunSeries series;
  series.source = "records";
  for (auto const& path : paths) {
    auto reader = RecordsReader::open(path, error);
    if (!reader) return std::nullopt;
    while (auto record = reader->next()) add_record_to_series(series, *record);
    if (!reader->error().empty()) {
      error = reader->error();
      return std::nullopt;
    }
  }
  return series;
}

}  // namespace loadtwin::core
