#include "core/time.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace loadtwin::core {
namespace {

struct Unit {
  std::string_view name;
  std::int64_t ns;
};
// Longest names first so "ms" is not read as "m" followed by garbage.
constexpr std::array<Unit, 8> units{{{"ns", 1},
                                     {"us", 1'000},
                                     {"\u00b5s", 1'000},
                                     {"\u03bcs", 1'000},
                                     {"ms", 1'000'000},
                                     {"s", 1'000'000'000},
                                     {"m", 60'000'000'000},
                                     {"h", 3'600'000'000'000}}};

std::optional<Unit> match_unit(std::string_view rest) {
  std::optional<Unit> best;
  for (auto const& unit : units) {
    if (rest.starts_with(unit.name) && (!best || unit.name.size() > best->name.size())) {
      best = unit;
    }
  }
  return best;
}

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  if (text == "0") return Duration{0};
  if (text.empty()) return std::nullopt;
  long double total_ns = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t const start = pos;
    bool seen_dot = false;
    while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) ||
                                 (text[pos] == '.' && !seen_dot))) {
      seen_dot = seen_dot || text[pos] == '.';
      ++pos;
    }
    std::string const number(text.substr(start, pos - start));
    if (number.empty() || number == ".") return std::nullopt;
    auto const unit = match_unit(text.substr(pos));
    if (!unit) return std::nullopt;
    pos += unit->name.size();
    total_ns += std::stold(number) * static_cast<long double>(unit->ns);
  }
  if (total_ns > 9.2e18L) return std::nullopt;
  return Duration{static_cast<std::int64_t>(std::llroundl(total_ns))};
}

std::string format_duration(Duration d) {
  std::int64_t ns = d.count();
  if (ns == 0) return "0s";
  std::string sign = ns < 0 ? "-" : "";
  ns = ns < 0 ? -ns : ns;
  if (ns % 1'000'000'000 != 0 || ns < 1'000'000'000) {
    // Sub-second precision: pick the largest unit that keeps it an integer.
    if (ns % 1'000'000 == 0) return fmt::format("{}{}ms", sign, ns / 1'000'000);
    if (ns % 1'000 == 0) return fmt::format("{}{}us", sign, ns / 1'000);
    return fmt::format("{}{}ns", sign, ns);
  }
  std::int64_t s = ns / 1'000'000'000;
  std::string out = sign;
  if (s >= 3600) out += fmt::format("{}h", s / 3600), s %= 3600;
  if (s >= 60) out += fmt::format("{}m", s / 60), s %= 60;
  if (s > 0) out += fmt::format("{}s", s);
  return out;
}

}  // namespace loadtwin::core
