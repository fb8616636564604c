// JsonFields' readers for delays and counts: a constant, or a {"dist": ...} object.
#include <fmt/format.h>

#include <boost/json/value.hpp>

#include "core/plan/json_fields.hpp"

namespace loadtwin::core {

std::optional<double> JsonFields::dist_param(JsonFields const& obj, std::string_view key,
                                             bool durations) const {
  if (!obj.has(key)) {
    obj.error(key, "missing field");
    return std::nullopt;
  }
  if (durations) {
    auto d = obj.duration(key);
    if (!d) return std::nullopt;
    return static_cast<double>(d->count());
  }
  return obj.number(key, 0, 1e12);
}

std::optional<Distribution> JsonFields::delay(std::string_view key) const {
  auto const* v = get(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_object()) return distribution(key, true);
  auto d = duration(key);
  if (!d) return std::nullopt;
  return constant_duration(*d);
}

std::optional<Distribution> JsonFields::count(std::string_view key) const {
  auto const* v = get(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_object()) return distribution(key, false);
  auto n = integer(key, 1, 1'000'000'000);
  if (!n) return std::nullopt;
  return ConstantDist{static_cast<double>(*n)};
}

std::optional<Distribution> JsonFields::distribution(std::string_view key, bool durations) const {
  JsonFields obj(get(key), path_of(key), errors_);
  auto const kind = obj.string("dist");
  std::size_t const errors_before = errors_.size();
  auto const param = [&](std::string_view name) { return dist_param(obj, name, durations); };
  if (kind == "uniform") {
    obj.reject_unknown({"dist", "min", "max"});
    auto lo = param("min"), hi = param("max");
    if (lo && hi && *hi < *lo) obj.error("max", "expected max >= min");
    if (errors_.size() == errors_before) return UniformDist{*lo, *hi};
  } else if (kind == "normal") {
    obj.reject_unknown({"dist", "mean", "stddev"});
    auto mean = param("mean"), sd = param("stddev");
    if (errors_.size() == errors_before) return NormalDist{*mean, *sd};
  } else if (kind == "lognormal") {
    obj.reject_unknown({"dist", "median", "p99"});
    auto median = param("median"), p99 = param("p99");
    if (median && *median <= 0) obj.error("median", "expected a median above 0");
    if (median && p99 && *p99 < *median) obj.error("p99", "expected p99 >= median");
    if (errors_.size() == errors_before) return LognormalDist{*median, *p99};
  } else if (kind == "exponential") {
    obj.reject_unknown({"dist", "mean"});
    auto mean = param("mean");
    if (errors_.size() == errors_before) return ExponentialDist{*mean};
  } else if (kind == "empirical") {
    obj.reject_unknown({"dist", "samples"});
    auto const* samples = obj.get("samples");
    EmpiricalDist dist;
    if (samples == nullptr || !samples->is_array() || samples->as_array().empty()) {
      obj.error("samples", "expected a non-empty array");
      return std::nullopt;
    }
    for (std::size_t i = 0; i < samples->as_array().size(); ++i) {
      auto const& item = samples->as_array()[i];
      std::string const item_path = fmt::format("{}[{}]", obj.path_of("samples"), i);
      if (durations) {
        auto const d = item.is_string() ? parse_duration(item.as_string()) : std::nullopt;
        if (!d) {
          errors_.push_back({item_path, "expected a duration string, got " + describe_json(item)});
        } else {
          dist.samples.push_back(static_cast<double>(d->count()));
        }
      } else if (!item.is_number() || !(item.to_number<double>() >= 0)) {
        errors_.push_back({item_path, "expected a number >= 0, got " + describe_json(item)});
      } else {
        dist.samples.push_back(item.to_number<double>());
      }
    }
    if (errors_.size() == errors_before) return dist;
  } else if (kind) {
    obj.error("dist", "expected one of uniform, normal, lognormal, exponential, empirical, got \"" +
                          *kind + "\"");
  } else if (!obj.has("dist")) {
    obj.error("dist", "missing field (a distribution object needs \"dist\")");
  }
  return std::nullopt;
}

}  // namespace loadtwin::core
