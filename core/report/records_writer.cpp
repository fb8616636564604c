// Per-request records: rendering and the writer (records_io.hpp).
#include <fmt/format.h>
#include <zlib.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>

#include "core/report/records_io.hpp"

namespace loadtwin::core {
namespace {

// A JSON string: plain names go as they are, anything else through Boost.JSON's escaping.
void append_string(std::string& out, std::string_view text) {
  bool plain = true;
  for (char c : text) {
    auto const u = static_cast<unsigned char>(c);
    plain = plain && u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
  }
  if (plain) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += boost::json::serialize(boost::json::string_view(text.data(), text.size()));
  }
}

// `,"name":` -- every field but a line's first, which the caller writes with its `{`.
void append_field(std::string& out, std::string_view name) {
  out += ",\"";
  out += name;
  out += "\":";
}

// fmt::format_int, not format_to: records are written by the million and it needs no
// format-string parsing nor an iterator buffer.
template <class T>
void append_integer(std::string& out, T value) {
  fmt::format_int const digits(value);
  out.append(digits.data(), digits.size());
}

template <class T>
void append_number(std::string& out, std::string_view name, T value) {
  append_field(out, name);
  append_integer(out, value);
}

void append_instant(std::string& out, std::string_view name, std::optional<Instant> at) {
  if (at) append_number(out, name, since_start(*at).count());
}

void append_deltas(std::string& out, std::vector<DeltaRecord> const& deltas) {
  append_field(out, "deltas");
  out += '[';
  for (std::size_t i = 0; i < deltas.size(); ++i) {
    out += i ? ",[" : "[";
    append_integer(out, deltas[i].offset.count());
    out += ',';
    append_integer(out, deltas[i].tokens);
    out += ']';
  }
  out += ']';
}

void append_ratelimit(std::string& out, HeaderList const& headers) {
  append_field(out, "ratelimit");
  out += '{';
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (i) out += ',';
    append_string(out, headers[i].first);
    out += ':';
    append_string(out, headers[i].second);
  }
  out += '}';
}

}  // namespace

std::string render_records_header(RecordsHeader const& h) {
  std::string out = "{\"loadtwin_records\":";
  append_integer(out, h.format);
  for (auto const& [name, value] :
       {std::pair<std::string_view, std::string const*>{"version", &h.version},
        {"plan_sha256", &h.plan_sha256}}) {
    append_field(out, name);
    append_string(out, *value);
  }
  append_number(out, "seed", h.seed);
  for (auto const& [name, value] :
       {std::pair<std::string_view, std::string const*>{"segment", &h.segment},
        {"sequence", &h.sequence},
        {"start", &h.start},
        {"mode", &h.mode},
        {"dialect", &h.dialect}}) {
    append_field(out, name);
    append_string(out, *value);
  }
  return out + "}";
}

void append_record(std::string& out, RequestRecord const& r) {
  out += "{\"scenario\":";
  append_string(out, r.scenario);
  append_field(out, "exec");
  append_string(out, to_string(r.exec));
  if (r.vu) append_number(out, "vu", *r.vu);
  if (r.arrival) append_number(out, "arrival", *r.arrival);
  append_number(out, "iteration", r.iteration);
  append_field(out, "key");
  append_string(out, r.key);
  if (r.corpus) append_number(out, "corpus", *r.corpus);
  append_instant(out, "intended_ns", r.intended);
  append_instant(out, "sent_ns", r.sent);
  append_instant(out, "headers_ns", r.headers);
  append_instant(out, "first_text_ns", r.first_text);
  if (!r.deltas.empty()) append_deltas(out, r.deltas);
  append_instant(out, "end_ns", r.end);
  append_number(out, "status", r.status);
  append_field(out, "outcome");
  append_string(out, to_string(r.outcome));
  if (r.reason) {
    append_field(out, "reason");
    append_string(out, to_string(*r.reason));
  }
  if (r.input_tokens) append_number(out, "input_tokens", *r.input_tokens);
  if (r.output_tokens) append_number(out, "output_tokens", *r.output_tokens);
  append_number(out, "in_flight", r.in_flight);
  if (!r.ratelimit.empty()) append_ratelimit(out, r.ratelimit);
  out += '}';
}

std::string render_record(RequestRecord const& r) {
  std::string out;
  append_record(out, r);
  return out;
}

std::unique_ptr<RecordsWriter> RecordsWriter::open(std::string const& path,
                                                   RecordsHeader const& header,
                                                   std::string& error) {
  // "T": transparent (plain) writing; otherwise gzip at a fast level (records are large).
  bool const gzip = path.size() > 3 && path.ends_with(".gz");
  gzFile file = gzopen(path.c_str(), gzip ? "wb1" : "wbT");
  if (file == nullptr) {
    error = path + ": cannot open for writing";
    return nullptr;
  }
  gzbuffer(file, 1 << 17);
  std::unique_ptr<RecordsWriter> writer(new RecordsWriter(file));
  writer->write_line(render_records_header(header));
  return writer;
}

RecordsWriter::~RecordsWriter() { close(); }

// Records go into one batch that is handed to zlib in 64 KiB pieces: no string and no
// library call per record (a sim run writes hundreds of thousands per second).
void RecordsWriter::write_line(std::string_view line) {
  batch_ += line;
  batch_ += '\n';
  flush_batch(false);
}

void RecordsWriter::flush_batch(bool all) {
  constexpr std::size_t kPiece = 1 << 16;
  if (batch_.empty() || (!all && batch_.size() < kPiece)) return;
  if (file_ != nullptr && !failed_) {
    failed_ = gzwrite(static_cast<gzFile>(file_), batch_.data(),
                      static_cast<unsigned>(batch_.size())) != static_cast<int>(batch_.size());
  }
  batch_.clear();
}

void RecordsWriter::on_record(RequestRecord const& record) {
  append_record(batch_, record);
  batch_ += '\n';
  flush_batch(false);
  ++written_;
}

bool RecordsWriter::close() {
  if (file_ == nullptr) return !failed_;
  flush_batch(true);
  failed_ = gzclose(static_cast<gzFile>(file_)) != Z_OK || failed_;
  file_ = nullptr;
  return !failed_;
}

}  // namespace loadtwin::core
