#include "app/sweep_grid.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/time.hpp"

namespace loadtwin::app {
namespace {

std::optional<double> parse_number(std::string const& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double const x = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

bool is_integer(double x) { return std::floor(x) == x && std::fabs(x) < 9e15; }

}  // namespace

std::string Vary::format(double x) const {
  if (duration) return core::format_duration(core::Duration{std::llround(x)});
  if (integer) return fmt::format("{}", std::llround(x));
  return fmt::format("{:.6g}", x);
}

std::vector<double> Vary::values() const {
  auto const steps = std::llround((to - from) / step);
  std::vector<double> out;
  for (long long k = 0; k <= steps; ++k) {
    double const x = from + static_cast<double>(k) * step;
    out.push_back(duration ? std::round(x) : x);
  }
  return out;
}

std::optional<Vary> parse_vary(std::string const& text, std::string& error) {
  auto const eq = text.find('=');
  auto const dots = text.find("..", eq == std::string::npos ? 0 : eq);
  auto const colon = text.rfind(':');
  if (eq == std::string::npos || dots == std::string::npos || colon == std::string::npos ||
      colon < dots) {
    error = "--vary expects PATH=FROM..TO:STEP, got '" + text + "'";
    return std::nullopt;
  }
  Vary v;
  v.path = text.substr(0, eq);
  std::string const from = text.substr(eq + 1, dots - eq - 1);
  std::string const to = text.substr(dots + 2, colon - dots - 2);
  std::string const step = text.substr(colon + 1);
  auto const df = core::parse_duration(from), dt = core::parse_duration(to),
             ds = core::parse_duration(step);
  // Durations when every part is one and at least one has a unit ("0..700ms:50ms");
  // "0..0.02:0.0025" stays numeric.
  bool const has_unit = !parse_number(from) || !parse_number(to) || !parse_number(step);
  if (df && dt && ds && has_unit) {
    v.duration = true;
    v.from = static_cast<double>(df->count());
    v.to = static_cast<double>(dt->count());
    v.step = static_cast<double>(ds->count());
  } else {
    auto const nf = parse_number(from), nt = parse_number(to), ns = parse_number(step);
    if (!nf || !nt || !ns) {
      error = "--vary " + v.path + ": FROM, TO and STEP must be all durations or all numbers";
      return std::nullopt;
    }
    v.from = *nf, v.to = *nt, v.step = *ns;
    v.integer = is_integer(*nf) && is_integer(*ns);
  }
  if (!(v.step > 0) || v.to < v.from) {
    error = "--vary " + v.path + ": expected FROM <= TO and STEP > 0";
    return std::nullopt;
  }
  if ((v.to - v.from) / v.step > 10'000) {
    error = "--vary " + v.path + ": more than 10000 grid points";
    return std::nullopt;
  }
  return v;
}

}  // namespace loadtwin::app
