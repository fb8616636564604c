#include "core/calibrate/calibration_input.hpp"

#include <fmt/format.h>

#include <limits>

namespace loadtwin::core {
namespace {

std::int64_t ns_or_absent(std::optional<Instant> at) { return at ? since_start(*at).count() : -1; }

std::uint32_t clamp32(std::uint64_t v) {
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(v, UINT32_MAX));
}

// Why two files' runs cannot be calibrated together (empty when they can).
std::string mixed_reason(std::vector<std::string> const& files,
                         std::vector<RecordsHeader> const& headers) {
  for (std::size_t i = 1; i < headers.size(); ++i) {
    if (headers[i].plan_sha256 != headers[0].plan_sha256) {
      return fmt::format(
          "{} and {} are records of different plans (sha256 {} vs {}); pass --mixed to fit "
          "one model to runs of different plans against the same server",
          files[0], files[i], headers[0].plan_sha256.substr(0, 12),
          headers[i].plan_sha256.substr(0, 12));
    }
    if (headers[i].seed != headers[0].seed) {
      return fmt::format(
          "{} and {} are records of different seeds ({} vs {}); pass --mixed to "
          "fit them together",
          files[0], files[i], headers[0].seed, headers[i].seed);
    }
  }
  return {};
}

}  // namespace

void add_calibration_record(CalibrationInput& input, RequestRecord const& r, std::uint16_t file) {
  CalRecord c;
  c.sent = since_start(r.sent).count();
  c.headers = ns_or_absent(r.headers);
  c.first_text = ns_or_absent(r.first_text);
  c.end = ns_or_absent(r.end);
  c.input_tokens = r.input_tokens.value_or(0);
  c.output_tokens = r.output_tokens.value_or(0);
  c.in_flight = clamp32(r.in_flight);
  c.file = file;
  c.exec = r.exec;
  c.outcome = r.outcome;
  c.reason = r.reason;
  c.status = static_cast<std::int16_t>(r.status);
  c.gap_begin = static_cast<std::uint32_t>(input.gaps.size());
  if (r.first_text) {
    Duration previous = *r.first_text - r.sent;
    for (auto const& d : r.deltas) {
      if (c.gap_count == gaps_per_request) break;
      input.gaps.push_back(static_cast<float>((d.offset - previous).count()));
      input.delta_tokens.push_back(d.tokens);
      previous = d.offset;
      ++c.gap_count;
    }
    c.ends_in_sample = c.gap_count > 0 && c.gap_count == r.deltas.size();
  }
  input.records.push_back(c);
}

std::optional<CalibrationInput> read_calibration_input(std::vector<std::string> const& files,
                                                       bool allow_mixed, std::string& error) {
  CalibrationInput input;
  if (files.size() > std::numeric_limits<std::uint16_t>::max()) {
    error = "too many record files";
    return std::nullopt;
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto reader = RecordsReader::open(files[i], error);
    if (!reader) return std::nullopt;
    input.files.push_back(files[i]);
    input.headers.push_back(reader->header());
    if (!allow_mixed) {
      if (auto why = mixed_reason(input.files, input.headers); !why.empty()) {
        error = why;
        return std::nullopt;
      }
    }
    while (auto record = reader->next()) {
      if (record->outcome == RecordOutcome::aborted) {
        ++input.skipped;
        continue;
      }
      add_calibration_record(input, *record, static_cast<std::uint16_t>(i));
    }
    if (!reader->error().empty()) {
      error = reader->error();
      return std::nullopt;
    }
  }
  return input;
}

}  // namespace loadtwin::core
