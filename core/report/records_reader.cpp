// Per-request records: parsing and the reader (records_io.hpp). Input is never trusted:
// a wrong type, a missing field, an unknown outcome or reason, a truncated gzip stream --
// each is a message naming the file and line.
#include <fmt/format.h>
#include <zlib.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "core/report/records_io.hpp"

namespace loadtwin::core {
namespace {

namespace json = boost::json;

// Reads the fields of one record object; the first problem wins.
class FieldReader {
 public:
  explicit FieldReader(json::object const& o) : o_(o) {}
  [[nodiscard]] std::string const& problem() const { return problem_; }

  std::optional<std::uint64_t> count(std::string_view name, bool required) {
    auto const* v = find(name, required);
    if (v == nullptr) return std::nullopt;
    if (v->is_uint64()) return v->as_uint64();
    if (v->is_int64() && v->as_int64() >= 0) return static_cast<std::uint64_t>(v->as_int64());
    return bad(name, "a non-negative integer");
  }
  std::optional<Instant> instant(std::string_view name, bool required) {
    auto const* v = find(name, required);
    if (v == nullptr) return std::nullopt;
    if (v->is_int64()) return at_offset(Duration{v->as_int64()});
    if (v->is_uint64() && v->as_uint64() <= INT64_MAX) {
      return at_offset(Duration{static_cast<std::int64_t>(v->as_uint64())});
    }
    bad(name, "integer nanoseconds");
    return std::nullopt;
  }
  std::optional<std::string> text(std::string_view name, bool required) {
    auto const* v = find(name, required);
    if (v == nullptr) return std::nullopt;
    if (v->is_string()) return std::string(v->as_string());
    bad(name, "a string");
    return std::nullopt;
  }
  json::value const* find(std::string_view name, bool required) {
    auto const* v = o_.if_contains(name);
    if (v == nullptr && required && problem_.empty()) {
      problem_ = fmt::format("missing field \"{}\"", name);
    }
    return v;
  }
  std::nullopt_t bad(std::string_view name, std::string_view expected) {
    if (problem_.empty()) problem_ = fmt::format("field \"{}\": expected {}", name, expected);
    return std::nullopt;
  }

 private:
  json::object const& o_;
  std::string problem_;
};

std::optional<std::uint32_t> narrow(std::optional<std::uint64_t> v) {
  if (!v || *v > UINT32_MAX) return std::nullopt;
  return static_cast<std::uint32_t>(*v);
}

void read_deltas(FieldReader& f, RequestRecord& r) {
  auto const* v = f.find("deltas", false);
  if (v == nullptr) return;
  if (!v->is_array()) {
    f.bad("deltas", "an array of [offset_ns, tokens]");
    return;
  }
  for (auto const& item : v->as_array()) {
    auto const* pair = item.if_array();
    if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_int64() || !(*pair)[1].is_int64() ||
        (*pair)[1].as_int64() < 0) {
      f.bad("deltas", "an array of [offset_ns, tokens]");
      return;
    }
    r.deltas.push_back(
        {Duration{(*pair)[0].as_int64()}, static_cast<std::uint32_t>((*pair)[1].as_int64())});
  }
}

void read_ratelimit(FieldReader& f, RequestRecord& r) {
  auto const* v = f.find("ratelimit", false);
  if (v == nullptr) return;
  if (!v->is_object()) {
    f.bad("ratelimit", "an object of header strings");
    return;
  }
  for (auto const& [name, value] : v->as_object()) {
    if (!value.is_string()) {
      f.bad("ratelimit", "an object of header strings");
      return;
    }
    r.ratelimit.emplace_back(std::string(name), std::string(value.as_string()));
  }
}

void read_kinds(FieldReader& f, RequestRecord& r) {
  if (auto exec = f.text("exec", true)) {
    if (auto kind = parse_request_kind(*exec))
      r.exec = *kind;
    else
      f.bad("exec", "simple_query, tool_call or invalid_request");
  }
  if (auto outcome = f.text("outcome", true)) {
    if (auto o = parse_record_outcome(*outcome))
      r.outcome = *o;
    else
      f.bad("outcome", "ok, error, interrupted or aborted");
  }
  if (auto reason = f.text("reason", false)) {
    if (auto parsed = parse_error_reason(*reason))
      r.reason = *parsed;
    else
      f.bad("reason", "one of the reasons of SPEC \"Metrics\"");
  }
}

void read_times(FieldReader& f, RequestRecord& r) {
  if (auto t = f.instant("intended_ns", true)) r.intended = *t;
  if (auto t = f.instant("sent_ns", true)) r.sent = *t;
  r.headers = f.instant("headers_ns", false);
  r.first_text = f.instant("first_text_ns", false);
  r.end = f.instant("end_ns", false);
  read_deltas(f, r);
}

}  // namespace

std::optional<RequestRecord> parse_record(std::string_view line, std::string& error) {
  json::error_code ec;
  json::value const doc = json::parse(line, ec);
  if (ec || !doc.is_object()) {
    error = ec ? "invalid JSON (" + ec.message() + ")" : "expected a JSON object";
    return std::nullopt;
  }
  FieldReader f(doc.as_object());
  RequestRecord r;
  if (auto s = f.text("scenario", true)) r.scenario = *s;
  if (auto s = f.text("key", true)) r.key = *s;
  read_kinds(f, r);
  r.vu = f.count("vu", false);
  r.arrival = f.count("arrival", false);
  r.iteration = f.count("iteration", false).value_or(0);
  r.corpus = narrow(f.count("corpus", false));
  read_times(f, r);
  if (auto status = f.count("status", true)) r.status = static_cast<int>(*status);
  r.input_tokens = narrow(f.count("input_tokens", false));
  r.output_tokens = narrow(f.count("output_tokens", false));
  if (auto n = f.count("in_flight", true)) r.in_flight = *n;
  read_ratelimit(f, r);
  if (!r.vu && !r.arrival) f.bad("vu", "a \"vu\" or an \"arrival\" index");
  if (!f.problem().empty()) {
    error = f.problem();
    return std::nullopt;
  }
  return r;
}

std::optional<RecordsHeader> parse_records_header(std::string_view line, std::string& error) {
  json::error_code ec;
  json::value const doc = json::parse(line, ec);
  if (ec || !doc.is_object() || !doc.as_object().contains("loadtwin_records")) {
    error =
        "not a loadtwin records file (its first line must be the header "
        "{\"loadtwin_records\": 1, ...})";
    return std::nullopt;
  }
  FieldReader f(doc.as_object());
  RecordsHeader h;
  auto const format = f.count("loadtwin_records", true);
  if (format && *format != 1) {
    error =
        fmt::format("records format {} is not supported (this loadtwin reads format 1)", *format);
    return std::nullopt;
  }
  for (auto [name, field] : {std::pair{"version", &h.version},
                             {"plan_sha256", &h.plan_sha256},
                             {"segment", &h.segment},
                             {"sequence", &h.sequence},
                             {"start", &h.start},
                             {"mode", &h.mode},
                             {"dialect", &h.dialect}}) {
    if (auto s = f.text(name, true)) *field = *s;
  }
  if (auto seed = f.count("seed", true)) h.seed = *seed;
  if (!f.problem().empty()) {
    error = "header: " + f.problem();
    return std::nullopt;
  }
  return h;
}

std::unique_ptr<RecordsReader> RecordsReader::open(std::string const& path, std::string& error) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    error = path + ": cannot open for reading";
    return nullptr;
  }
  gzbuffer(file, 1 << 17);
  std::unique_ptr<RecordsReader> reader(new RecordsReader(file, path));
  std::string line;
  if (!reader->read_line(line)) {
    error = reader->error_.empty() ? path + ":1: empty file (no records header)" : reader->error_;
    return nullptr;
  }
  auto header = parse_records_header(line, error);
  if (!header) {
    error = fmt::format("{}:1: {}", path, error);
    return nullptr;
  }
  reader->header_ = std::move(*header);
  return reader;
}

RecordsReader::~RecordsReader() {
  if (file_ != nullptr) gzclose(static_cast<gzFile>(file_));
}

void RecordsReader::fail(std::string const& what) {
  if (error_.empty()) error_ = fmt::format("{}:{}: {}", path_, line_, what);
}

bool RecordsReader::read_line(std::string& out) {
  out.clear();
  auto* f = static_cast<gzFile>(file_);
  char buf[8192];
  for (;;) {
    if (gzgets(f, buf, sizeof buf) == nullptr) {
      int code = 0;
      char const* message = gzerror(f, &code);
      if (code != Z_OK && code != Z_STREAM_END) {
        ++line_;
        fail(std::string("truncated or corrupt file (") + message + ")");
        return false;
      }
      if (out.empty()) return false;
      ++line_;
      fail("truncated last line (no newline): the file was cut while being written");
      return false;
    }
    out += buf;
    if (!out.empty() && out.back() == '\n') {
      out.pop_back();
      ++line_;
      return true;
    }
  }
}

std::optional<RequestRecord> RecordsReader::next() {
  if (!error_.empty()) return std::nullopt;
  std::string line;
  while (read_line(line)) {
    if (line.empty()) continue;
    std::string problem;
    auto record = parse_record(line, problem);
    if (!record) {
      fail(problem);
      return std::nullopt;
    }
    return record;
  }
  return std::nullopt;
}

std::optional<RecordsFile> read_records_file(std::string const& path, std::string& error) {
  auto reader = RecordsReader::open(path, error);
  if (!reader) return std::nullopt;
  RecordsFile file{reader->header(), {}};
  while (auto record = reader->next()) file.records.push_back(std::move(*record));
  if (!reader->error().empty()) {
    error = reader->error();
    return std::nullopt;
  }
  return file;
}

}  // namespace loadtwin::core
