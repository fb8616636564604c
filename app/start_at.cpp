#include "app/start_at.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "core/report/report_json.hpp"
#include "core/time.hpp"

namespace loadtwin::app {
namespace {

// "+hh:mm" / "-hh:mm" at the end of an RFC 3339 time: its offset from UTC in ns.
std::optional<std::int64_t> utc_offset_ns(std::string const& zone) {
  int hours = 0, minutes = 0, consumed = 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  if (std::sscanf(zone.c_str() + 1, "%2d:%2d%n", &hours, &minutes, &consumed) != 2 ||
      consumed != 5 || hours > 23 || minutes > 59) {
    return std::nullopt;
  }
  std::int64_t const ns = (hours * 60LL + minutes) * 60'000'000'000LL;
  return zone[0] == '+' ? ns : -ns;
}

std::optional<std::int64_t> parse_rfc3339_any_zone(std::string const& text) {
  if (auto utc = core::parse_rfc3339(text)) return utc;
  if (text.size() < 7) return std::nullopt;
  std::string const zone = text.substr(text.size() - 6);
  auto const offset = utc_offset_ns(zone);
  if (!offset) return std::nullopt;
  auto const local = core::parse_rfc3339(text.substr(0, text.size() - 6) + "Z");
  if (!local) return std::nullopt;
  return *local - *offset;
}

}  // namespace

void add_start_at_flag(CLI::App* command, std::string& text) {
  command->add_option("--start-at", text,
                      "start the test clock at TIME, RFC 3339 or +DURATION from now: every "
                      "segment of a split run starts at one instant (sim records it only)");
}

std::optional<std::int64_t> parse_start_at(std::string const& text, std::int64_t now_ns,
                                           std::string& error) {
  if (!text.empty() && text.front() == '+') {
    if (auto d = core::parse_duration(text.substr(1))) return now_ns + d->count();
  } else if (auto at = parse_rfc3339_any_zone(text)) {
    return at;
  }
  error =
      "--start-at expects a valid RFC 3339 time like 2026-12-01T10:00:00Z or +DURATION like "
      "+5s, got '" +
      text + "'";
  return std::nullopt;
}

std::string past_start_warning(std::int64_t start_at_ns, std::int64_t now_ns) {
  // Under a second: the process starting up after `+0s` or a barrier it just met.
  if (start_at_ns >= now_ns - 1'000'000'000) return "";
  return fmt::format(
      "--start-at {} is {:.1f} s in the past: starting at once, not in step with "
      "segments that waited for it",
      core::rfc3339_nano(start_at_ns), static_cast<double>(now_ns - start_at_ns) / 1e9);
}

std::int64_t wall_clock_ns() {
  auto const now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
}

}  // namespace loadtwin::app
