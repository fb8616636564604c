#include "core/metrics/tags.hpp"

#include <algorithm>

namespace loadtwin::core {
namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::string_view trim_quotes(std::string_view s) {
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

}  // namespace

void TagSet::set(std::string_view key, std::string_view value) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](Entry const& e, std::string_view k) { return e.first < k; });
  if (it != entries_.end() && it->first == key) {
    it->second = std::string(value);
  } else {
    entries_.insert(it, Entry{std::string(key), std::string(value)});
  }
}

bool TagSet::contains(TagSet const& subset) const {
  for (auto const& [key, value] : subset.entries_) {
    auto const mine = get(key);
    if (!mine || *mine != value) return false;
  }
  return true;
}

std::optional<std::string_view> TagSet::get(std::string_view key) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](Entry const& e, std::string_view k) { return e.first < k; });
  if (it == entries_.end() || it->first != key) return std::nullopt;
  return std::string_view(it->second);
}

MetricSelectorParse parse_metric_selector(std::string_view key) {
  auto const open = key.find('{');
  if (open == std::string_view::npos) return {MetricSelector{std::string(key), {}, {}}, {}};
  if (key.back() != '}') {
    return {std::nullopt,
            "missing ending bracket, sub-metric format needs to be 'metric{key:value}'"};
  }
  MetricSelector selector{std::string(key.substr(0, open)), {}, {}};
  std::string_view inner = key.substr(open + 1, key.size() - open - 2);
  selector.suffix = std::string(trim_spaces(inner));
  while (!inner.empty()) {
    auto const comma = inner.find(',');
    std::string_view part = inner.substr(0, comma);
    inner = comma == std::string_view::npos ? std::string_view{} : inner.substr(comma + 1);
    auto const colon = part.find(':');
    std::string_view k = trim_quotes(trim_spaces(part.substr(0, colon)));
    std::string_view v = colon == std::string_view::npos
                             ? std::string_view{}
                             : trim_quotes(trim_spaces(part.substr(colon + 1)));
    if (k.empty()) return {std::nullopt, "empty tag name in sub-metric '" + std::string(key) + "'"};
    selector.tags.set(k, v);
  }
  return {std::move(selector), {}};
}

}  // namespace loadtwin::core
