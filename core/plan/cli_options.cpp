#include "core/plan/cli_options.hpp"

#include <fmt/format.h>

#include <boost/json/object.hpp>
#include <charconv>

#include "core/plan/k6_shortcuts.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace loadtwin::core {
namespace {

// "30s:10" -> {"duration": "30s", "target": 10} (k6's --stage DURATION:TARGET).
std::optional<boost::json::object> parse_stage(std::string const& text) {
  auto const colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  auto const duration = trim_blanks(std::string_view(text).substr(0, colon));
  auto const target_text = trim_blanks(std::string_view(text).substr(colon + 1));
  std::int64_t target = -1;
  auto const [end, ec] =
      std::from_chars(target_text.data(), target_text.data() + target_text.size(), target);
  bool const whole = ec == std::errc{} && end == target_text.data() + target_text.size();
  if (!parse_duration(duration) || !whole || target < 0) return std::nullopt;
  return boost::json::object{{"duration", duration}, {"target", target}};
}

// Applies --duration/--iterations/--stage/--vus over the options (k6 Options.Apply).
void apply_execution_flags(boost::json::object& options, CliOptions const& f,
                           CliOptionsResult& out) {
  bool const replaces = f.duration || f.iterations || !f.stages.empty();
  if (replaces) {
    if (options.contains("scenarios")) {
      char const* flag = f.duration ? "--duration" : f.iterations ? "--iterations" : "--stage";
      out.warnings.push_back(fmt::format(
          "\"cli\" level configuration overrode scenarios configuration entirely ({}: the "
          "run is one scenario \"default\" running {})",
          flag, f.exec.value_or("simple_query")));
    }
    // k6 Options.Apply: a higher layer's duration, iterations or stages replaces all three
    // and the scenarios; vus is kept unless given (k6 applies it on its own).
    for (auto key : {"scenarios", "duration", "iterations", "stages"}) {
      options.stable_erase(key);
    }
  }
  if (f.duration) options["duration"] = *f.duration;
  if (f.iterations) options["iterations"] = *f.iterations;
  if (!f.stages.empty()) {
    boost::json::array stages;
    for (auto const& text : f.stages) {
      if (auto stage = parse_stage(text)) {
        stages.push_back(std::move(*stage));
      } else {
        out.errors.push_back(
            {"--stage", "expected DURATION:TARGET like 30s:10, got '" + text + "'"});
      }
    }
    options["stages"] = std::move(stages);
  }
  if (f.vus) options["vus"] = *f.vus;
}

void derive_scenario(boost::json::object& options, CliOptions const& f, CliOptionsResult& out) {
  if (options.contains("scenarios")) {
    out.errors.push_back(
        {f.vus ? "--vus" : "--exec",
         "the plan has scenarios, which this flag alone does not change (k6 ignores --vus "
         "there): add --duration, --iterations or --stage to replace them by one scenario, or "
         "use --set options.scenarios.NAME.FIELD=VALUE"});
    return;
  }
  auto derived = derive_default_scenario(options, f.exec.value_or("simple_query"), "options");
  for (auto& e : derived.errors) out.errors.push_back(std::move(e));
  if (!derived.scenario) return;
  erase_shortcuts(options);
  options["scenarios"] = boost::json::object{{default_scenario_name, *derived.scenario}};
}

void apply_tags(boost::json::object& options, std::vector<std::string> const& tags,
                CliOptionsResult& out) {
  boost::json::object replaced;
  for (auto const& tag : tags) {
    auto const eq = tag.find('=');
    if (eq == std::string::npos || eq == 0) {
      out.errors.push_back({"--tag", "expected NAME=VALUE, got '" + tag + "'"});
      continue;
    }
    replaced[tag.substr(0, eq)] = tag.substr(eq + 1);
  }
  options["tags"] = std::move(replaced);
}

void apply_trend_stats(boost::json::object& options, std::string const& list,
                       CliOptionsResult& out) {
  boost::json::array stats;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    auto const stat = trim_blanks(std::string_view(list).substr(start, end - start));
    if (stat.empty()) {
      out.errors.push_back({"--summary-trend-stats",
                            "empty stat in '" + list + "' (expected e.g. avg,p(95),p(99))"});
    } else {
      stats.emplace_back(stat);
    }
    start = end + 1;
  }
  options["summaryTrendStats"] = std::move(stats);  // each stat is validated with the plan
}

}  // namespace

bool any_cli_option(CliOptions const& f) {
  return f.vus || f.duration || f.iterations || !f.stages.empty() || f.exec || !f.tags.empty() ||
         f.summary_trend_stats || f.no_thresholds;
}

CliOptionsResult apply_cli_options(boost::json::value& doc, CliOptions const& f) {
  CliOptionsResult out;
  if (!any_cli_option(f)) return out;
  if (!doc.is_object()) {
    out.errors.push_back({"", "expected the plan to be a JSON object"});
    return out;
  }
  auto& slot = doc.as_object()["options"];
  if (slot.is_null()) slot = boost::json::object{};
  if (!slot.is_object()) {
    out.errors.push_back({"options", "expected an object"});
    return out;
  }
  auto& options = slot.as_object();
  if (f.duration && !parse_duration(*f.duration)) {
    out.errors.push_back(
        {"--duration", "expected a duration like 30s or 1m30s, got '" + *f.duration + "'"});
  }
  apply_execution_flags(options, f, out);
  bool const shortcut = f.vus || f.duration || f.iterations || !f.stages.empty() || f.exec;
  if (shortcut && out.errors.empty()) derive_scenario(options, f, out);
  if (!f.tags.empty()) apply_tags(options, f.tags, out);
  if (f.summary_trend_stats) apply_trend_stats(options, *f.summary_trend_stats, out);
  if (f.no_thresholds) options.stable_erase("thresholds");
  return out;
}

}  // namespace loadtwin::core
