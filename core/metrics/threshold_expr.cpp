#include "core/metrics/threshold_expr.hpp"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "core/text.hpp"

namespace loadtwin::core {
namespace {

// A whole-string float parse; nullopt when anything is left over or nothing was read.
std::optional<double> parse_float(std::string_view text) {
  if (text.empty() || text.front() == ' ') return std::nullopt;
  std::string const copy(text);
  char* end = nullptr;
  errno = 0;
  double const value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || errno == ERANGE) return std::nullopt;
  return value;
}

constexpr std::array<std::pair<std::string_view, Comparison>, 7> operators{{
    {"<=", Comparison::le},
    {"<", Comparison::lt},
    {">=", Comparison::ge},
    {">", Comparison::gt},
    {"===", Comparison::strict_eq},
    {"==", Comparison::eq},
    {"!=", Comparison::ne},
}};

constexpr std::array<std::pair<std::string_view, Aggregation>, 7> plain_aggregations{{
    {"count", Aggregation::count},
    {"rate", Aggregation::rate},
    {"value", Aggregation::value},
    {"avg", Aggregation::avg},
    {"min", Aggregation::min},
    {"max", Aggregation::max},
    {"med", Aggregation::med},
}};

std::string parse_aggregation(std::string_view lhs, ThresholdExpr& out) {
  for (auto const& [name, agg] : plain_aggregations) {
    if (lhs == name) {
      out.aggregation = agg;
      return {};
    }
  }
  if (lhs.size() > 3 && lhs.starts_with("p(") && lhs.ends_with(")")) {
    auto const pct = parse_float(lhs.substr(2, lhs.size() - 3));
    if (!pct || std::isnan(*pct) || *pct < 0 || *pct > 100) {
      return "malformed percentile value, provide a number between 0 and 100";
    }
    out.aggregation = Aggregation::percentile;
    out.percentile = *pct;
    return {};
  }
  return "unknown aggregation method '" + std::string(lhs) +
         "' (expected count, rate, value, avg, min, max, med or p(N))";
}

}  // namespace

ThresholdExprParse parse_threshold_expr(std::string_view text) {
  for (auto const& [token, comparison] : operators) {
    auto const at = text.find(token);
    if (at == std::string_view::npos) continue;
    auto const rhs = trim_blanks(text.substr(at + token.size()));
    if (rhs.empty()) continue;
    ThresholdExpr expr;
    expr.source = std::string(trim_blanks(text));
    expr.agg_text = std::string(trim_blanks(text.substr(0, at)));
    expr.comparison = comparison;
    if (auto error = parse_aggregation(expr.agg_text, expr); !error.empty()) {
      return {std::nullopt, error};
    }
    auto const limit = parse_float(rhs);
    if (!limit) return {std::nullopt, "malformed threshold value '" + std::string(rhs) + "'"};
    if (!std::isfinite(*limit)) {
      return {std::nullopt,
              "threshold value must be a finite number, got '" + std::string(rhs) + "'"};
    }
    expr.limit = *limit;
    return {std::move(expr), {}};
  }
  return {std::nullopt, "malformed threshold expression"};
}

bool aggregation_allowed(MetricType type, Aggregation aggregation) {
  switch (type) {
    case MetricType::counter:
      return aggregation == Aggregation::count || aggregation == Aggregation::rate;
    case MetricType::gauge:
      return aggregation == Aggregation::value;
    case MetricType::rate:
      return aggregation == Aggregation::rate;
    case MetricType::trend:
      return aggregation == Aggregation::avg || aggregation == Aggregation::min ||
             aggregation == Aggregation::max || aggregation == Aggregation::med ||
             aggregation == Aggregation::percentile;
  }
  return false;
}

bool compare(double observed, Comparison comparison, double limit) {
  switch (comparison) {
    case Comparison::le:
      return observed <= limit;
    case Comparison::lt:
      return observed < limit;
    case Comparison::ge:
      return observed >= limit;
    case Comparison::gt:
      return observed > limit;
    case Comparison::strict_eq:
    case Comparison::eq:
      return observed == limit;
    case Comparison::ne:
      return observed != limit;
  }
  return false;
}

}  // namespace loadtwin::core
