#include "core/plan/trace_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/plan/plan.hpp"

namespace loadtwin::core {
namespace {

constexpr std::size_t max_errors = 20;

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t v = 0;
  auto const [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_number(std::string_view text) {
  double v = 0;
  auto const [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  std::int64_t const era = (y >= 0 ? y : y - 399) / 400;
  auto const yoe = static_cast<unsigned>(y - era * 400);
  unsigned const doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  unsigned const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "2023-11-16 18:17:03.9799600" -> nanoseconds since the epoch.
std::optional<std::int64_t> parse_azure_time(std::string_view t) {
  if (t.size() < 19 || t[4] != '-' || t[7] != '-' || (t[10] != ' ' && t[10] != 'T') ||
      t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  auto const y = parse_int(t.substr(0, 4)), mo = parse_int(t.substr(5, 2)),
             d = parse_int(t.substr(8, 2)), h = parse_int(t.substr(11, 2)),
             mi = parse_int(t.substr(14, 2)), s = parse_int(t.substr(17, 2));
  if (!y || !mo || !d || !h || !mi || !s || *mo < 1 || *mo > 12 || *d < 1 || *d > 31 || *h > 23 ||
      *mi > 59 || *s > 60) {
    return std::nullopt;
  }
  std::int64_t frac = 0;
  if (t.size() > 19) {
    auto const digits = t.substr(20);
    if (t[19] != '.' || digits.empty() || digits.size() > 9) return std::nullopt;
    auto const f = parse_int(digits);
    if (!f || *f < 0) return std::nullopt;
    frac = *f;
    for (std::size_t i = digits.size(); i < 9; ++i) frac *= 10;
  }
  std::int64_t const days =
      days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d));
  return ((days * 24 + *h) * 60 + *mi) * 60'000'000'000LL + *s * 1'000'000'000LL + frac;
}

std::vector<std::string_view> split_csv(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == ',') {
      auto cell = line.substr(start, i - start);
      while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
      while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\r')) cell.remove_suffix(1);
      cells.push_back(cell);
      start = i + 1;
    }
  }
  return cells;
}

std::optional<std::uint32_t> token_count(std::string_view text, bool at_least_one) {
  auto const v = parse_int(text);
  if (!v || *v < (at_least_one ? 1 : 0) || *v > 100'000'000) return std::nullopt;
  return static_cast<std::uint32_t>(*v);
}

// One data row: its absolute time in ns and lengths; a message when it is not one.
struct RawRow {
  std::int64_t time_ns = 0;
  std::uint32_t input = 0, output = 1;  // output 0: none given
};

std::optional<RawRow> csv_row(std::string_view line, bool azure, std::string& why) {
  auto const cells = split_csv(line);
  if (cells.size() != 3) {
    why = fmt::format("expected 3 comma-separated columns, got {}", cells.size());
    return std::nullopt;
  }
  RawRow row;
  if (azure) {
    auto const t = parse_azure_time(cells[0]);
    if (!t) why = "TIMESTAMP: expected \"YYYY-MM-DD hh:mm:ss.fffffff\"";
    if (t) row.time_ns = *t;
  } else {
    auto const ms = parse_number(cells[0]);
    if (!ms || *ms < 0) why = "offset_ms: expected a number of milliseconds >= 0";
    if (ms) row.time_ns = std::llround(*ms * 1e6);
  }
  auto const in = token_count(cells[1], false);
  bool const open_output = !azure && cells[2] == "-";  // loadtwin: the model decides
  auto const out = open_output ? std::optional<std::uint32_t>{0} : token_count(cells[2], true);
  if (!in) why = "input tokens: expected an integer >= 0";
  if (!out)
    why = azure ? "output tokens: expected an integer >= 1"
                : "output tokens: expected an integer >= 1 or - (the model decides)";
  if (!why.empty()) return std::nullopt;
  row.input = *in, row.output = *out;
  return row;
}

std::optional<RawRow> mooncake_row(std::string_view line, std::string& why) {
  boost::json::error_code ec;
  auto const doc = boost::json::parse(line, ec);
  auto const* o = ec ? nullptr : doc.if_object();
  if (o == nullptr) {
    why = "expected one JSON object per line";
    return std::nullopt;
  }
  auto const count = [&](char const* key, bool at_least_one) -> std::optional<std::int64_t> {
    auto const* v = o->if_contains(key);
    if (v == nullptr || !v->is_number()) return std::nullopt;
    auto const n = v->template to_number<double>();
    if (n != std::floor(n) || n < (at_least_one ? 1 : 0) || n > 1e14) return std::nullopt;
    return static_cast<std::int64_t>(n);
  };
  auto const ts = count("timestamp", false), in = count("input_length", false),
             out = count("output_length", true);
  // The first bad field is named, in the order the fields are read.
  if (!ts) {
    why = "timestamp: expected an integer number of milliseconds >= 0";
  } else if (!in || *in > 100'000'000) {
    why = "input_length: expected an integer >= 0";
  } else if (!out || *out > 100'000'000) {
    why = "output_length: expected an integer >= 1";
  }
  if (!why.empty()) return std::nullopt;
  return RawRow{*ts * 1'000'000, static_cast<std::uint32_t>(*in), static_cast<std::uint32_t>(*out)};
}

bool is_header(std::string_view line, std::string_view format) {
  if (format == "azure") return line.starts_with("TIMESTAMP");
  if (format == "loadtwin") return line.starts_with("offset_ms");
  return false;
}

}  // namespace

bool is_trace_format(std::string_view name) {
  return std::find(std::begin(trace_formats), std::end(trace_formats), name) !=
         std::end(trace_formats);
}

std::optional<TraceRows> parse_trace(std::string_view text, std::string_view format,
                                     std::string const& name, std::vector<std::string>& errors) {
  std::size_t const errors_before = errors.size();
  TraceRows rows;
  std::optional<std::int64_t> first, last;
  std::size_t line_no = 0;
  auto fail = [&](std::string const& why) {
    if (errors.size() - errors_before < max_errors) {
      errors.push_back(fmt::format("{}:{}: {}", name, line_no, why));
    }
  };
  while (!text.empty()) {
    auto const nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#' || (rows.empty() && is_header(line, format))) continue;
    std::string why;
    auto const row =
        format == "mooncake" ? mooncake_row(line, why) : csv_row(line, format == "azure", why);
    if (!row) {
      fail(why);
      continue;
    }
    if (last && row->time_ns < *last) fail("rows must not go back in time");
    if (!first) first = row->time_ns;
    last = row->time_ns;
    rows.push_back({Duration{row->time_ns - *first}, row->input, row->output});
  }
  if (rows.empty() && errors.size() == errors_before) {
    errors.push_back(name + ": the trace has no rows");
  }
  if (errors.size() != errors_before) return std::nullopt;
  return rows;
}

std::optional<TraceRows> read_trace_file(std::string const& path, std::string_view format,
                                         std::vector<std::string>& errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back(path + ": cannot read the trace file");
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_trace(buffer.str(), format, path, errors);
}

Duration scaled_trace_offset(TraceRow const& row, double time_scale) {
  return Duration{std::llround(static_cast<double>(row.at.count()) / time_scale)};
}

void load_plan_traces(Plan& plan, std::string const& plan_dir, std::vector<PlanError>& errors) {
  for (auto& s : plan.scenarios) {
    if (s.executor != ExecutorKind::trace) continue;
    std::string const path =
        plan_dir.empty() || s.trace.starts_with('/') ? s.trace : plan_dir + "/" + s.trace;
    std::vector<std::string> problems;
    auto rows = read_trace_file(path, s.trace_format, problems);
    for (auto& p : problems) errors.push_back({"options.scenarios." + s.name + ".trace", p});
    if (!rows) continue;
    s.duration = scaled_trace_offset(rows->back(), s.time_scale);
    s.trace_rows = std::make_shared<TraceRows const>(std::move(*rows));
  }
}

}  // namespace loadtwin::core
