// Per-request records: one JSON line per record and the header line (records_io.hpp).
#include <fmt/compile.h>
#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>
#include <cstring>

#include "core/report/records_io.hpp"

namespace loadtwin::core {
namespace {

bool plain_json_text(std::string_view text) {
  for (char c : text) {
    auto const u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

// One record line written straight into room reserved for it up front: a record is ~20
// small pieces, and a capacity check per piece cost as much as the digits themselves.
class LineOut {
 public:
  LineOut(std::string& out, std::size_t most) : out_(out), start_(out.size()) {
    out_.resize(start_ + most);
    at_ = out_.data() + start_;
  }
  ~LineOut() { out_.resize(static_cast<std::size_t>(at_ - out_.data())); }
  LineOut(LineOut const&) = delete;
  LineOut& operator=(LineOut const&) = delete;

  void text(std::string_view piece) {
    std::memcpy(at_, piece.data(), piece.size());
    at_ += piece.size();
  }
  void text(char c) { *at_++ = c; }
  // A literal's size is known here, so the copy compiles to a few moves, not a libc call.
  template <std::size_t N>
  void text(char const (&literal)[N]) {
    std::memcpy(at_, literal, N - 1);
    at_ += N - 1;
  }
  // Digits written in place (a compiled format: no parsing, no intermediate buffer). Values
  // that fit 32 bits (most: offsets under 4.3 s in nanoseconds, token counts) are formatted
  // as such: 32-bit divisions made a records line 10 % cheaper (bench/records_bench).
  template <class T>
  void integer(T value) {
    if (value >= 0 && static_cast<std::uint64_t>(value) <= 0xffffffffU) {
      at_ = fmt::format_to(at_, FMT_COMPILE("{}"), static_cast<std::uint32_t>(value));
    } else {
      at_ = fmt::format_to(at_, FMT_COMPILE("{}"), value);
    }
  }
  // `field` is the whole `,"name":` piece.
  template <std::size_t N, class T>
  void number(char const (&field)[N], T value) {
    text(field);
    integer(value);
  }
  template <std::size_t N>
  void instant(char const (&field)[N], std::optional<Instant> at) {
    if (at) number(field, since_start(*at).count());
  }
  // A JSON string: plain text as it is, anything else through Boost.JSON's escaping.
  void string(std::string_view value) {
    if (plain_json_text(value)) {
      text('"');
      text(value);
      text('"');
    } else {
      text(boost::json::serialize(boost::json::string_view(value.data(), value.size())));
    }
  }

 private:
  std::string& out_;
  std::size_t start_;
  char* at_ = nullptr;
};

// Room enough for any record: fixed fields and digits, every string escaped at worst
// (\u00XX: 6 bytes per byte), every delta at its widest.
std::size_t most_record_bytes(RequestRecord const& r) {
  std::size_t most = 768 + 6 * (r.scenario.size() + r.key.size()) + 48 * r.deltas.size();
  for (auto const& [name, value] : r.ratelimit) most += 8 + 6 * (name.size() + value.size());
  return most;
}

void write_deltas(LineOut& out, std::vector<DeltaRecord> const& deltas) {
  out.text(",\"deltas\":[");
  for (std::size_t i = 0; i < deltas.size(); ++i) {
    out.text(i ? ",[" : "[");
    out.integer(deltas[i].offset.count());
    out.text(',');
    out.integer(deltas[i].tokens);
    out.text(']');
  }
  out.text(']');
}

void write_ratelimit(LineOut& out, HeaderList const& headers) {
  out.text(",\"ratelimit\":{");
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (i) out.text(',');
    out.string(headers[i].first);
    out.text(':');
    out.string(headers[i].second);
  }
  out.text('}');
}

}  // namespace

std::string render_records_header(RecordsHeader const& h) {
  std::string line;
  std::size_t most = 256;
  for (auto const* text :
       {&h.version, &h.plan_sha256, &h.segment, &h.sequence, &h.start, &h.mode, &h.dialect}) {
    most += 6 * text->size();
  }
  {
    LineOut out(line, most);
    out.number("{\"loadtwin_records\":", h.format);
    out.text(",\"version\":");
    out.string(h.version);
    out.text(",\"plan_sha256\":");
    out.string(h.plan_sha256);
    out.number(",\"seed\":", h.seed);
    out.text(",\"segment\":");
    out.string(h.segment);
    out.text(",\"sequence\":");
    out.string(h.sequence);
    out.text(",\"start\":");
    out.string(h.start);
    out.text(",\"mode\":");
    out.string(h.mode);
    out.text(",\"dialect\":");
    out.string(h.dialect);
    out.text('}');
  }
  return line;
}

void append_record(std::string& line, RequestRecord const& r) {
  LineOut out(line, most_record_bytes(r));
  out.text("{\"scenario\":");
  out.string(r.scenario);
  out.text(",\"exec\":");
  out.string(to_string(r.exec));
  if (r.vu) out.number(",\"vu\":", *r.vu);
  if (r.arrival) out.number(",\"arrival\":", *r.arrival);
  out.number(",\"iteration\":", r.iteration);
  out.text(",\"key\":");
  out.string(r.key);
  if (r.corpus) out.number(",\"corpus\":", *r.corpus);
  out.instant(",\"intended_ns\":", r.intended);
  out.instant(",\"sent_ns\":", r.sent);
  out.instant(",\"headers_ns\":", r.headers);
  out.instant(",\"first_text_ns\":", r.first_text);
  if (!r.deltas.empty()) write_deltas(out, r.deltas);
  out.instant(",\"end_ns\":", r.end);
  out.number(",\"status\":", r.status);
  out.text(",\"outcome\":");
  out.string(to_string(r.outcome));
  if (r.reason) {
    out.text(",\"reason\":");
    out.string(to_string(*r.reason));
  }
  if (r.input_tokens) out.number(",\"input_tokens\":", *r.input_tokens);
  if (r.output_tokens) out.number(",\"output_tokens\":", *r.output_tokens);
  out.number(",\"in_flight\":", r.in_flight);
  if (!r.ratelimit.empty()) write_ratelimit(out, r.ratelimit);
  out.text('}');
}

void append_record_line(std::string& out, RequestRecord const& record) {
  append_record(out, record);
  out += '\n';
}

std::string render_record(RequestRecord const& r) {
  std::string out;
  append_record(out, r);
  return out;
}

}  // namespace loadtwin::core
