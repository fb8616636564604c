#include "core/calibrate/calibration_json.hpp"

#include <fmt/format.h>

#include <cmath>

namespace loadtwin::core {
namespace {

namespace json = boost::json;

json::value param(double v, bool durations) {
  if (durations) return json::value(duration_text(v));
  return json::value(v);
}

json::array samples_json(std::vector<double> const& samples, bool durations) {
  json::array out;
  for (double v : samples)
    out.push_back(durations ? json::value(duration_text(v)) : json::value(std::round(v)));
  return out;
}

// Rounded to 6 significant digits for the diagnostics (exact values are in the model).
double tidy(double v) {
  if (v == 0 || !std::isfinite(v)) return v;
  double const magnitude = std::pow(10.0, 5 - std::floor(std::log10(std::abs(v))));
  return std::round(v * magnitude) / magnitude;
}

json::object quantity_json(QuantityFit const& q) {
  json::object o{{"quantity", q.name}, {"samples", q.samples}, {"fitted", q.fitted}};
  if (!q.note.empty()) o["note"] = q.note;
  if (!q.family.empty()) o["family"] = q.family;
  json::object estimate, interval;
  for (auto const& p : q.params) {
    std::string const key = p.unit.empty() ? p.name : p.name + "_" + p.unit;
    estimate[key] = tidy(p.estimate);
    interval[key] = json::array{tidy(p.lo), tidy(p.hi)};
  }
  if (!q.params.empty()) o["estimate"] = std::move(estimate), o["ci95"] = std::move(interval);
  if (q.ks) o["ks_distance"] = tidy(*q.ks);
  if (!q.quantiles.empty()) {
    json::object quantiles;
    for (auto const& row : q.quantiles) {
      quantiles[fmt::format("p{}", static_cast<int>(std::lround(row.p * 100)))] =
          json::object{{"data", tidy(row.data)}, {"model", tidy(row.model)}};
    }
    o["quantiles"] = std::move(quantiles);
  }
  return o;
}

}  // namespace

std::string duration_text(double ns) {
  auto const n = static_cast<std::int64_t>(std::llround(std::max(0.0, ns)));
  if (n % 1'000'000 == 0) return fmt::format("{}ms", n / 1'000'000);
  std::string text = fmt::format("{}.{:06d}", n / 1'000'000, n % 1'000'000);
  while (text.back() == '0') text.pop_back();
  return text + "ms";
}

json::value distribution_json(Distribution const& dist, bool durations) {
  return std::visit(
      [durations](auto const& d) -> json::value {
        using D = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<D, ConstantDist>) {
          if (durations) return json::value(duration_text(d.value));
          return json::value(std::max<std::int64_t>(1, std::llround(d.value)));
        } else if constexpr (std::is_same_v<D, NormalDist>) {
          return json::object{{"dist", "normal"},
                              {"mean", param(d.mean, durations)},
                              {"stddev", param(d.stddev, durations)}};
        } else if constexpr (std::is_same_v<D, LognormalDist>) {
          return json::object{{"dist", "lognormal"},
                              {"median", param(d.median, durations)},
                              {"p99", param(std::max(d.p99, d.median), durations)}};
        } else if constexpr (std::is_same_v<D, EmpiricalDist>) {
          return json::object{{"dist", "empirical"},
                              {"samples", samples_json(d.samples, durations)}};
        } else if constexpr (std::is_same_v<D, UniformDist>) {
          return json::object{{"dist", "uniform"},
                              {"min", param(d.min, durations)},
                              {"max", param(d.max, durations)}};
        } else {
          return json::object{{"dist", "exponential"}, {"mean", param(d.mean, durations)}};
        }
      },
      dist);
}

json::object model_json(Calibration const& c) {
  json::object m;
  ModelConfig const& model = c.model;
  for (auto const& field : c.fields) {
    if (field == "first_token_delay") m[field] = distribution_json(model.first_token_delay, true);
    if (field == "first_token_delay_per_1k_input_tokens") {
      m[field] =
          duration_text(static_cast<double>(model.first_token_delay_per_1k_input_tokens.count()));
    }
    if (field == "token_interval") m[field] = distribution_json(model.token_interval, true);
    if (field == "tokens_per_response") {
      m[field] = distribution_json(model.tokens_per_response, false);
    }
    if (field == "tokens_per_delta") m[field] = distribution_json(model.tokens_per_delta, false);
    if (field == "tool_call_delay") m[field] = distribution_json(model.tool_call_delay, true);
    if (field == "network_rtt") m[field] = distribution_json(model.network_rtt, true);
    if (field == "error_rate") m[field] = model.error_rate;
    if (field == "error_status") m[field] = model.error_status;
    if (field == "stream_error_rate") m[field] = model.stream_error_rate;
    if (field == "slowdown_per_active_stream") m[field] = model.slowdown_per_active_stream;
    if (field == "max_concurrent" && model.max_concurrent) m[field] = *model.max_concurrent;
  }
  return m;
}

json::object diagnostics_json(Calibration const& c, std::vector<std::string> const& files) {
  json::array levels, quantities, inputs;
  for (auto const& [level, n] : c.load_levels) {
    levels.push_back(json::object{{"in_flight", level - 1}, {"requests", n}});
  }
  for (auto const& q : c.quantities) quantities.push_back(quantity_json(q));
  for (auto const& f : files) inputs.push_back(json::value(f));
  return json::object{{"records", std::move(inputs)},
                      {"load_levels", std::move(levels)},
                      {"load_identifiable", c.load_identifiable},
                      {"quantities", std::move(quantities)},
                      {"model", model_json(c)}};
}

}  // namespace loadtwin::core
