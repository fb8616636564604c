// Parts: parsing and the file reader (part_io.hpp). Input is never trusted: a wrong type, a
// missing field, an unknown metric type or reason, a truncated gzip stream -- each is a
// message naming where.
#include <fmt/format.h>
#include <zlib.h>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/plan/plan_hash.hpp"
#include "core/report/part_io.hpp"
#include "core/report/records_io.hpp"
#include "core/report/report_json.hpp"

namespace loadtwin::core {
namespace {

namespace json = boost::json;

// Reads fields of one object; the first problem wins and names its JSON path.
class Fields {
 public:
  Fields(json::value const* v, std::string path, std::string& problem)
      : o_(v != nullptr ? v->if_object() : nullptr), path_(std::move(path)), problem_(problem) {
    if (o_ == nullptr) fail(path_, "expected an object");
  }
  json::value const* get(std::string_view name) {
    if (o_ == nullptr) return nullptr;
    auto const* v = o_->if_contains(name);
    if (v == nullptr) fail(at(name), "missing");
    return v;
  }
  std::optional<std::uint64_t> count(std::string_view name) {
    return count_of(get(name), at(name));
  }
  std::optional<std::int64_t> integer(std::string_view name) {
    auto const* v = get(name);
    if (v != nullptr && v->is_int64()) return v->as_int64();
    if (v != nullptr && v->is_uint64() && v->as_uint64() <= INT64_MAX) {
      return static_cast<std::int64_t>(v->as_uint64());
    }
    if (v != nullptr) fail(at(name), "expected an integer");
    return std::nullopt;
  }
  std::optional<double> number(std::string_view name) {
    auto const* v = get(name);
    if (v != nullptr && v->is_number()) return v->to_number<double>();
    if (v != nullptr) fail(at(name), "expected a number");
    return std::nullopt;
  }
  std::optional<std::string> text(std::string_view name) {
    auto const* v = get(name);
    if (v != nullptr && v->is_string()) return std::string(v->as_string());
    if (v != nullptr) fail(at(name), "expected a string");
    return std::nullopt;
  }
  // A string or null.
  std::optional<std::string> maybe_text(std::string_view name) {
    auto const* v = get(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    return text(name);
  }
  std::optional<std::uint64_t> count_of(json::value const* v, std::string const& where) {
    if (v != nullptr && v->is_uint64()) return v->as_uint64();
    if (v != nullptr && v->is_int64() && v->as_int64() >= 0) {
      return static_cast<std::uint64_t>(v->as_int64());
    }
    if (v != nullptr) fail(where, "expected a non-negative integer");
    return std::nullopt;
  }
  void fail(std::string const& where, std::string_view what) {
    if (problem_.empty()) problem_ = fmt::format("{}: {}", where, what);
  }
  [[nodiscard]] std::string at(std::string_view name) const {
    return path_ + "." + std::string(name);
  }
  [[nodiscard]] json::object const* object() const { return o_; }

 private:
  json::object const* o_;
  std::string path_;
  std::string& problem_;
};

std::optional<std::int64_t> time_of(Fields& f, std::string_view name) {
  auto text = f.maybe_text(name);
  if (!text) return std::nullopt;
  auto ns = parse_rfc3339(*text);
  if (!ns) f.fail(f.at(name), "expected an RFC 3339 time");
  return ns;
}

SegmentRun read_run(json::value const& v, std::string const& path, std::string& problem) {
  Fields f(&v, path, problem);
  SegmentRun r;
  if (auto s = f.text("segment")) r.segment = *s;
  r.planned_ns = time_of(f, "start_planned");
  if (auto a = time_of(f, "start_actual")) r.actual_ns = *a;
  if (auto d = f.integer("duration_ns")) r.duration = Duration{*d};
  if (auto s = f.text("stop")) {
    auto stop = parse_stop_name(*s);
    if (!stop) f.fail(f.at("stop"), "unknown stop reason '" + *s + "'");
    r.stop = stop.value_or(StopReason::none);
  }
  if (auto m = f.text("stop_message")) r.stop_message = *m;
  if (auto const* at = f.get("abort_at_ns"); at != nullptr && !at->is_null()) {
    if (auto n = f.integer("abort_at_ns")) r.abort_at = Duration{*n};
  }
  if (auto const* list = f.get("abort_thresholds"); list != nullptr) {
    if (!list->is_array()) f.fail(f.at("abort_thresholds"), "expected an array of strings");
    for (auto const& item : list->is_array() ? list->as_array() : json::array{}) {
      if (item.is_string()) r.abort_thresholds.emplace_back(item.as_string());
    }
  }
  return r;
}

ScenarioReport read_scenario(json::value const& v, std::string const& path, std::string& problem) {
  Fields f(&v, path, problem);
  ScenarioReport s{};
  if (auto n = f.text("name")) s.name = *n;
  auto& c = s.counters;
  for (auto [name, field] : {std::pair{"iterations_started", &c.iterations_started},
                             {"iterations_completed", &c.iterations_completed},
                             {"iterations_interrupted", &c.iterations_interrupted},
                             {"iterations_dropped", &c.iterations_dropped},
                             {"slots_due", &c.slots_due},
                             {"requests_sent", &c.requests_sent},
                             {"requests_ok", &c.requests_ok},
                             {"requests_error", &c.requests_error},
                             {"requests_interrupted", &c.requests_interrupted},
                             {"requests_aborted", &c.requests_aborted}}) {
    if (auto n = f.count(name)) *field = *n;
  }
  if (auto n = f.count("vus_max")) c.vus_max = static_cast<std::uint32_t>(*n);
  Fields reasons(f.get("errors_by_reason"), f.at("errors_by_reason"), problem);
  if (reasons.object() == nullptr) return s;
  for (auto const& [key, value] : *reasons.object()) {
    auto const reason = parse_error_reason(std::string_view(key.data(), key.size()));
    if (!reason) {
      reasons.fail(reasons.at(std::string_view(key.data(), key.size())), "unknown error reason");
      continue;
    }
    auto const n = reasons.count_of(&value, reasons.at(std::string_view(key.data(), key.size())));
    c.errors_by_reason[static_cast<std::size_t>(*reason)] = n.value_or(0);
  }
  return s;
}

// A flat array of integer pairs [a0, b0, a1, b1, ...].
template <class Each>
void read_pairs(json::value const* v, std::string const& path, std::string& problem, Each each) {
  auto const* array = v != nullptr ? v->if_array() : nullptr;
  if (array == nullptr || array->size() % 2 != 0) {
    if (problem.empty()) problem = path + ": expected a flat array of integer pairs";
    return;
  }
  for (std::size_t i = 0; i < array->size(); i += 2) {
    auto const& a = (*array)[i];
    auto const& b = (*array)[i + 1];
    if (!a.is_int64() || !(b.is_int64() || b.is_uint64())) {
      if (problem.empty()) problem = fmt::format("{}[{}]: expected integers", path, i);
      return;
    }
    each(a.as_int64(), b.is_int64() ? b.as_int64() : static_cast<std::int64_t>(b.as_uint64()));
  }
}

std::vector<GaugePoint> read_series(json::value const* v, std::string const& path,
                                    std::string& problem) {
  std::vector<GaugePoint> out;
  read_pairs(v, path, problem, [&](std::int64_t t, std::int64_t value) {
    out.push_back({at_offset(Duration{t}), value});
  });
  return out;
}

TrendSink read_trend(Fields& f, std::string& problem) {
  TrendSink t;
  std::int64_t previous = INT64_MIN;
  read_pairs(f.get("runs"), f.at("runs"), problem, [&](std::int64_t value, std::int64_t count) {
    if (value <= previous || count <= 0) {
      f.fail(f.at("runs"), "values must increase and counts be positive");
      return;
    }
    previous = value;
    t.add_run(Duration{value}, static_cast<std::uint64_t>(count));
  });
  auto const count = f.count("count");
  if (count && *count != t.count()) f.fail(f.at("count"), "does not match the runs' counts");
  return t;
}

PartSink read_sink(json::value const& v, std::string const& path, std::string& problem) {
  Fields f(&v, path, problem);
  PartSink s{f.text("name").value_or(""), CounterSink{}};
  auto const type = f.text("type").value_or("");
  if (type == "counter") {
    s.sink = CounterSink{f.number("sum").value_or(0), f.count("samples").value_or(0)};
  } else if (type == "rate") {
    RateSink r{f.count("trues").value_or(0), f.count("total").value_or(0)};
    if (r.trues > r.total) f.fail(f.at("trues"), "more than total");
    s.sink = r;
  } else if (type == "gauge") {
    s.sink = GaugeSink{f.number("last").value_or(0), f.number("min").value_or(0),
                       f.number("max").value_or(0), f.count("samples").value_or(0)};
  } else if (type == "trend") {
    s.sink = read_trend(f, problem);
  } else {
    f.fail(f.at("type"), "expected counter, rate, gauge or trend");
  }
  return s;
}

template <class T, class Read>
std::vector<T> read_list(Fields& f, std::string_view name, std::string& problem, Read read) {
  std::vector<T> out;
  auto const* v = f.get(name);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    f.fail(f.at(name), "expected an array");
    return out;
  }
  auto const& array = v->as_array();
  for (std::size_t i = 0; i < array.size() && problem.empty(); ++i) {
    out.push_back(read(array[i], fmt::format("{}[{}]", f.at(name), i), problem));
  }
  return out;
}

void read_identity(Fields& f, Part& p, std::string& problem) {
  for (auto [name, field] : {std::pair{"version", &p.version},
                             {"plan_sha256", &p.plan_sha256},
                             {"sequence", &p.sequence},
                             {"mode", &p.mode},
                             {"dialect", &p.dialect}}) {
    if (auto s = f.text(name)) *field = *s;
  }
  if (auto seed = f.count("seed")) p.seed = *seed;
  p.records_path = f.maybe_text("records_path");
  if (auto const* h = f.get("records"); h != nullptr && problem.empty()) {
    std::string error;
    auto header = parse_records_header(json::serialize(*h), error);
    if (!header) f.fail(f.at("records"), error);
    if (header) p.records_header = std::move(*header);
  }
  if (auto const* plan = f.get("plan"); plan != nullptr && problem.empty()) {
    p.plan_document = json::serialize(*plan);
    if (sha256_hex(p.plan_document) != p.plan_sha256) {
      f.fail(f.at("plan"), "does not match plan_sha256 (the file was edited or damaged)");
    }
  }
}

}  // namespace

std::optional<Part> parse_part(std::string_view text, std::string& error) {
  json::monotonic_resource memory;
  json::error_code ec;
  json::value const doc = json::parse(text, ec, &memory);
  if (ec || !doc.is_object() || !doc.as_object().contains("loadtwin_part")) {
    error = ec ? "not JSON (" + ec.message() + "): not a loadtwin part, or cut short"
               : "not a loadtwin part (it must be an object with \"loadtwin_part\": 1)";
    return std::nullopt;
  }
  std::string problem;
  Fields f(&doc, "$", problem);
  if (auto format = f.count("loadtwin_part"); format && *format != part_format) {
    error = fmt::format("part format {} is not supported (this loadtwin reads format {})", *format,
                        part_format);
    return std::nullopt;
  }
  Part p;
  read_identity(f, p, problem);
  p.runs = read_list<SegmentRun>(f, "segments", problem, read_run);
  p.scenarios = read_list<ScenarioReport>(f, "scenarios", problem, read_scenario);
  p.sinks = read_list<PartSink>(f, "metrics", problem, read_sink);
  Fields gauges(f.get("gauges"), f.at("gauges"), problem);
  p.vus = read_series(gauges.get("vus"), gauges.at("vus"), problem);
  p.vus_allocated = read_series(gauges.get("vus_allocated"), gauges.at("vus_allocated"), problem);
  if (problem.empty() && p.runs.empty()) problem = "$.segments: no segment";
  if (!problem.empty()) {
    error = problem;
    return std::nullopt;
  }
  return p;
}

std::optional<Part> read_part_file(std::string const& path, std::string& error) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    error = path + ": cannot open for reading";
    return std::nullopt;
  }
  gzbuffer(file, 1 << 17);
  std::string text;
  std::vector<char> buffer(1 << 20);
  int n = 0;
  while ((n = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0) {
    text.append(buffer.data(), static_cast<std::size_t>(n));
  }
  int code = Z_OK;
  char const* message = gzerror(file, &code);
  bool const broken = n < 0 || (code != Z_OK && code != Z_STREAM_END);
  std::string const why = broken ? message : "";
  gzclose(file);
  if (broken) {
    error = path + ": truncated or corrupt file (" + why + ")";
    return std::nullopt;
  }
  auto part = parse_part(text, error);
  if (!part) error = path + ": " + error;
  return part;
}

}  // namespace loadtwin::core
