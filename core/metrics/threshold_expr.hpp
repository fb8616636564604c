#pragma once
// Parser for one k6 threshold expression, e.g. "p(95)<500".
//
// Grammar (k6 metrics/thresholds_parser.go, as the code really behaves):
//   assertion   -> aggregation ws* operator ws* number
//   aggregation -> "count" | "rate" | "value" | "avg" | "min" | "max" | "med" | "p(" float ")"
//   operator    -> "<=" | "<" | ">=" | ">" | "===" | "==" | "!="
// Operators are tried in exactly that order; the first one that occurs with a non-empty
// right-hand side wins, and both sides are then trimmed. Inside p() nothing is trimmed, so
// "p( 95 )" is malformed; the percentile must be within [0, 100]. The number accepts
// exponents ("1e3"); NaN and infinities are rejected (k6 would accept them and then compare
// NaN as never equal, a trap we close).
#include <optional>
#include <string>
#include <string_view>

#include "core/metrics/metric_names.hpp"

namespace loadtwin::core {

enum class Aggregation { count, rate, value, avg, min, max, med, percentile };
enum class Comparison { le, lt, ge, gt, strict_eq, eq, ne };

struct ThresholdExpr {
  std::string source;    // as written, trimmed
  std::string agg_text;  // "p(95)", "rate", ... (the summary's label)
  Aggregation aggregation = Aggregation::avg;
  double percentile = 0;  // 0..100, for Aggregation::percentile
  Comparison comparison = Comparison::lt;
  double limit = 0;
};

struct ThresholdExprParse {
  std::optional<ThresholdExpr> expr;
  std::string error;  // set when expr is empty
};

ThresholdExprParse parse_threshold_expr(std::string_view text);

// Which aggregations a metric type allows (k6 metric_type.go): Counter count|rate,
// Gauge value, Rate rate, Trend avg|min|max|med|p(N).
bool aggregation_allowed(MetricType type, Aggregation aggregation);

// observed <op> limit, in float64 like k6 (== and === are both exact equality).
bool compare(double observed, Comparison comparison, double limit);

}  // namespace loadtwin::core
