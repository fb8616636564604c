#pragma once
// Tag sets on samples and submetric selectors (k6 `metric{key:value}`).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loadtwin::core {

// Sorted by key, one value per key; value semantics.
class TagSet {
 public:
  using Entry = std::pair<std::string, std::string>;
  TagSet() = default;
  // Adds or replaces `key`.
  void set(std::string_view key, std::string_view value);
  // True when every tag of `subset` is here with the same value (k6 Tags.Contains).
  [[nodiscard]] bool contains(TagSet const& subset) const;
  [[nodiscard]] std::vector<Entry> const& entries() const { return entries_; }
  [[nodiscard]] std::optional<std::string_view> get(std::string_view key) const;
  friend bool operator==(TagSet const&, TagSet const&) = default;
  friend auto operator<=>(TagSet const& a, TagSet const& b) { return a.entries_ <=> b.entries_; }

 private:
  std::vector<Entry> entries_;
};

// A threshold key split into metric name and submetric tags.
struct MetricSelector {
  std::string metric;
  TagSet tags;         // empty for the metric itself
  std::string suffix;  // "scenario:simple_query" as written between the braces (trimmed)
};

struct MetricSelectorParse {
  std::optional<MetricSelector> selector;
  std::string error;
};

// Splits "metric{k:v,k2:v2}" at the first '{' and the last '}' (k6 ParseMetricName).
// Keys and values are space-trimmed, then stripped of quotes; a key without ':' has an
// empty value.
MetricSelectorParse parse_metric_selector(std::string_view key);

}  // namespace loadtwin::core
