// Parts: rendering and the file writer (part_io.hpp).
#include <fmt/format.h>
#include <zlib.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>
#include <iterator>

#include "core/report/part_io.hpp"
#include "core/report/records_io.hpp"
#include "core/report/report_json.hpp"

namespace loadtwin::core {
namespace {

using Out = std::back_insert_iterator<std::string>;

std::string json_quoted(std::string_view text) {
  return boost::json::serialize(boost::json::string_view(text.data(), text.size()));
}

void append_runs(std::string& out, SegmentRun const& r, bool first) {
  fmt::format_to(Out(out), "{}\n  {{\"segment\": {}, \"start_planned\": {}, ", first ? "" : ",",
                 json_quoted(r.segment),
                 r.planned_ns ? json_quoted(rfc3339_nano(*r.planned_ns)) : "null");
  fmt::format_to(Out(out),
                 "\"start_actual\": {}, \"clock_offset_ns\": {}, \"duration_ns\": {}, "
                 "\"stop\": {}, \"stop_message\": {}, \"abort_at_ns\": {}, \"abort_thresholds\": [",
                 json_quoted(rfc3339_nano(r.actual_ns)), r.clock_offset_ns(), r.duration.count(),
                 json_quoted(stop_name(r.stop)), json_quoted(r.stop_message),
                 r.abort_at ? std::to_string(r.abort_at->count()) : "null");
  for (std::size_t i = 0; i < r.abort_thresholds.size(); ++i) {
    fmt::format_to(Out(out), "{}{}", i ? ", " : "", json_quoted(r.abort_thresholds[i]));
  }
  out += "]}";
}

void append_scenario(std::string& out, ScenarioReport const& s, bool first) {
  auto const& c = s.counters;
  fmt::format_to(Out(out),
                 "{}\n  {{\"name\": {}, \"iterations_started\": {}, \"iterations_completed\": {}, "
                 "\"iterations_interrupted\": {}, \"iterations_dropped\": {}, \"slots_due\": {}, "
                 "\"requests_sent\": {}, \"requests_ok\": {}, \"requests_error\": {}, "
                 "\"requests_interrupted\": {}, \"requests_aborted\": {}, \"vus_max\": {}, "
                 "\"errors_by_reason\": {{",
                 first ? "" : ",", json_quoted(s.name), c.iterations_started,
                 c.iterations_completed, c.iterations_interrupted, c.iterations_dropped,
                 c.slots_due, c.requests_sent, c.requests_ok, c.requests_error,
                 c.requests_interrupted, c.requests_aborted, c.vus_max);
  bool any = false;
  for (std::size_t i = 0; i < c.errors_by_reason.size(); ++i) {
    if (c.errors_by_reason[i] == 0) continue;
    fmt::format_to(Out(out), "{}\"{}\": {}", any ? ", " : "",
                   to_string(static_cast<ErrorReason>(i)), c.errors_by_reason[i]);
    any = true;
  }
  out += "}}";
}

void append_series(std::string& out, std::vector<GaugePoint> const& points) {
  out += '[';
  for (std::size_t i = 0; i < points.size(); ++i) {
    fmt::format_to(Out(out), "{}{}, {}", i ? ", " : "", since_start(points[i].at).count(),
                   points[i].value);
  }
  out += ']';
}

// One sink: the state its type keeps, exactly ("{}" is the shortest round-trip decimal).
void append_sink(std::string& out, PartSink const& s, bool first) {
  fmt::format_to(Out(out), "{}\n  {{\"name\": {}, ", first ? "" : ",", json_quoted(s.name));
  if (auto const* c = std::get_if<CounterSink>(&s.sink)) {
    fmt::format_to(Out(out), "\"type\": \"counter\", \"sum\": {}, \"samples\": {}}}", c->sum,
                   c->samples);
  } else if (auto const* r = std::get_if<RateSink>(&s.sink)) {
    fmt::format_to(Out(out), "\"type\": \"rate\", \"trues\": {}, \"total\": {}}}", r->trues,
                   r->total);
  } else if (auto const* g = std::get_if<GaugeSink>(&s.sink)) {
    fmt::format_to(Out(out),
                   "\"type\": \"gauge\", \"last\": {}, \"min\": {}, \"max\": {}, \"samples\": {}}}",
                   g->last, g->min, g->max, g->samples);
  } else {
    auto const& t = std::get<TrendSink>(s.sink);
    fmt::format_to(Out(out), "\"type\": \"trend\", \"count\": {}, \"runs\": [", t.count());
    bool any = false;
    for (auto const& run : t.runs()) {
      fmt::format_to(Out(out), "{}{},{}", any ? "," : "", run.value, run.count);
      any = true;
    }
    out += "]}";
  }
}

void append_identity(std::string& out, Part const& p) {
  fmt::format_to(Out(out),
                 "{{\"loadtwin_part\": {}, \"version\": {}, \"plan_sha256\": {}, \"seed\": {},\n"
                 "\"sequence\": {}, \"mode\": {}, \"dialect\": {},\n"
                 "\"duration_ns\": {}, \"stop\": {},\n\"records\": {}, \"records_path\": {},\n",
                 part_format, json_quoted(p.version), json_quoted(p.plan_sha256), p.seed,
                 json_quoted(p.sequence), json_quoted(p.mode), json_quoted(p.dialect),
                 p.duration().count(), json_quoted(stop_name(p.stop())),
                 render_records_header(p.records_header),
                 p.records_path ? json_quoted(*p.records_path) : "null");
}

}  // namespace

std::string render_part(Part const& p) {
  std::string out;
  append_identity(out, p);
  out += "\"segments\": [";
  for (std::size_t i = 0; i < p.runs.size(); ++i) append_runs(out, p.runs[i], i == 0);
  out += "],\n\"scenarios\": [";
  for (std::size_t i = 0; i < p.scenarios.size(); ++i) {
    append_scenario(out, p.scenarios[i], i == 0);
  }
  out += "],\n\"gauges\": {\"vus\": ";
  append_series(out, p.vus);
  out += ", \"vus_allocated\": ";
  append_series(out, p.vus_allocated);
  out += "},\n\"metrics\": [";
  for (std::size_t i = 0; i < p.sinks.size(); ++i) append_sink(out, p.sinks[i], i == 0);
  out += "],\n\"plan\": ";
  out += p.plan_document.empty() ? "null" : p.plan_document;
  out += "}\n";
  return out;
}

bool write_part_file(std::string const& path, Part const& part, std::string& error) {
  bool const gzip = path.size() > 3 && path.ends_with(".gz");
  gzFile file = gzopen(path.c_str(), gzip ? "wb6" : "wbT");
  if (file == nullptr) {
    error = path + ": cannot open for writing";
    return false;
  }
  std::string const text = render_part(part);
  bool ok = true;
  for (std::size_t at = 0; at < text.size() && ok;) {
    auto const chunk = static_cast<unsigned>(std::min<std::size_t>(text.size() - at, 1 << 20));
    ok = gzwrite(file, text.data() + at, chunk) == static_cast<int>(chunk);
    at += chunk;
  }
  ok = gzclose(file) == Z_OK && ok;
  if (!ok) error = path + ": write failed";
  return ok;
}

}  // namespace loadtwin::core
