#include "app/convert_command.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <tuple>

#include "app/convert/options_to_plan.hpp"
#include "app/convert/read_options.hpp"
#include "app/file_text.hpp"
#include "app/outputs.hpp"
#include "app/plan_source.hpp"
#include "core/exit_code.hpp"
#include "core/plan/json_pretty.hpp"
#include "core/plan/json_text.hpp"
#include "core/request_kind.hpp"
#include "core/time.hpp"

namespace loadtwin::app {
namespace {

namespace json = boost::json;
using NameValues = std::map<std::string, std::string>;

// "NAME=VALUE" items into `out`; the error names the flag and the item.
std::optional<std::string> parse_assignments(std::vector<std::string> const& items,
                                             std::string const& flag, NameValues& out) {
  for (auto const& item : items) {
    auto const eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return flag + " expects NAME=VALUE, got '" + item + "'";
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return std::nullopt;
}

std::optional<std::string> check_flag_values(NameValues const& exec_map,
                                             NameValues const& think_times) {
  for (auto const& [name, kind] : exec_map) {
    if (!core::parse_request_kind(kind)) {
      return fmt::format(
          "--exec-map {}={}: expected a request kind: simple_query, tool_call "
          "or invalid_request",
          name, kind);
    }
  }
  for (auto const& [name, duration] : think_times) {
    if (!core::parse_duration(duration)) {
      return fmt::format("--think-time {}={}: expected a duration like 100ms", name, duration);
    }
  }
  return std::nullopt;
}

bool read_script(std::string const& path, std::string& text) {
  auto read = read_file_text(path);
  if (read) text = std::move(*read);
  return read.has_value();
}

// The plan's model: --model FILE (a plan, whose "model" is taken, or a bare model object),
// else the embedded baseline's (the seed mock's values).
std::optional<json::value> load_model(std::string const& path, std::string& error) {
  std::string text = baseline_json();
  std::string const name = path.empty() ? "models/baseline.json (embedded)" : path;
  if (!path.empty() && !read_script(path, text)) {
    error = path + ": cannot read the model file\n";
    return std::nullopt;
  }
  auto parsed = core::parse_json_text(text);
  if (!parsed.value) {
    error = core::format_plan_errors(name, {core::to_plan_error(*parsed.error, text)});
    return std::nullopt;
  }
  if (!parsed.value->is_object()) {
    error = name + ": expected a JSON object (a plan or a model)\n";
    return std::nullopt;
  }
  if (auto const* model = parsed.value->as_object().if_contains("model")) return *model;
  return parsed.value;
}

int refuse(std::string const& source, std::vector<core::PlanError> const& errors, bool computed) {
  std::string text = core::format_plan_errors(source, errors);
  if (computed) {
    text +=
        "convert reads literal options only; let k6 evaluate the script and convert "
        "what it prints:\n    k6 inspect " +
        (source == "<stdin>" ? std::string("SCRIPT") : source) +
        " | loadtwin convert - -o plan.json\n";
  }
  return usage_error(text);
}

bool write_plan(std::string const& path, std::string const& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return static_cast<bool>(std::cout.flush());
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

std::string describe_plan(json::value const& plan) {
  auto const& options = plan.at("options").as_object();
  auto const count = [&](char const* key) {
    auto const* v = options.if_contains(key);
    return v != nullptr && v->is_object() ? v->as_object().size() : 0;
  };
  return fmt::format("{} scenario(s), {} threshold key(s)", count("scenarios"),
                     count("thresholds"));
}

}  // namespace

void add_convert_command(CLI::App& app, ConvertFlags& f) {
  auto* cmd = app.add_subcommand(
      "convert", "Write a plan from a k6 script's options (or from `k6 inspect` JSON on stdin)");
  cmd->add_option("SCRIPT", f.input, "k6 script, or - to read `k6 inspect` JSON from stdin")
      ->required();
  cmd->add_option("-o,--output", f.output, "plan file to write (default: stdout)");
  cmd->add_option("-e,--env", f.env, "NAME=VALUE for __ENV.NAME in the options, repeatable");
  cmd->add_option("--exec-map", f.exec_map,
                  "NAME=KIND: the request kind of an exec function or scenario, repeatable");
  cmd->add_option("--think-time", f.think_times,
                  "NAME=DURATION: think_time of an exec function or scenario (k6 scripts "
                  "pause with sleep(), which convert cannot read), repeatable");
  cmd->add_option("--model", f.model,
                  "take the plan's model from FILE (a plan or a model object; default: the "
                  "embedded baseline's, the seed mock's values)");
  cmd->add_flag("-q,--quiet", f.quiet, "print no summary line (warnings still print)");
}

int run_convert_command(ConvertFlags const& f) {
  std::string const source = f.input == "-" ? "<stdin>" : f.input;
  if (!f.output.empty() && f.output == f.input) {
    return usage_error("-o " + f.output + " would overwrite the script being converted");
  }
  convert::ConvertSettings settings;
  NameValues env;
  for (auto const& [flag, items, out] :
       {std::tuple{"-e", &f.env, &env}, std::tuple{"--exec-map", &f.exec_map, &settings.exec_map},
        std::tuple{"--think-time", &f.think_times, &settings.think_times}}) {
    if (auto error = parse_assignments(*items, flag, *out)) return usage_error(*error);
  }
  if (auto error = check_flag_values(settings.exec_map, settings.think_times)) {
    return usage_error(*error);
  }
  std::string error;
  auto model = load_model(f.model, error);
  if (!model) return usage_error(error);
  settings.model = std::move(*model);
  std::string text;
  if (!read_script(f.input, text)) return usage_error(source + ": cannot read the script");
  auto read = convert::read_options(text, env);
  if (!read.options) return refuse(source, read.errors, read.computed);
  settings.from_inspect = read.from_inspect;
  settings.sleeps = std::move(read.sleeps);
  auto converted = convert::convert_options(*read.options, settings);
  for (auto const& w : converted.warnings) std::cerr << "loadtwin convert: warning: " << w << "\n";
  if (!converted.plan) return refuse(source, converted.errors, false);
  if (!write_plan(f.output, core::render_json_pretty(*converted.plan))) {
    return usage_error(f.output + ": cannot write the plan");
  }
  if (!f.quiet && !f.output.empty() && f.output != "-") {
    std::cerr << fmt::format("loadtwin convert: wrote {} ({}); run it with: loadtwin sim {}\n",
                             f.output, describe_plan(*converted.plan), f.output);
  }
  return static_cast<int>(core::ExitCode::ok);
}

}  // namespace loadtwin::app
