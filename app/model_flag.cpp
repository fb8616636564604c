#include "app/model_flag.hpp"

#include <fstream>
#include <sstream>

#include "core/plan/json_text.hpp"
#include "core/plan/plan_json.hpp"

namespace loadtwin::app {
namespace {

namespace json = boost::json;

// FILE's model object, or the errors (prefixed with FILE) that say why not.
std::optional<json::value> read_model(std::string const& path,
                                      std::vector<core::PlanError>& errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back({"--model", path + ": cannot read the model file"});
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string const text = buffer.str();
  auto parsed = core::parse_json_text(text);
  if (!parsed.value) {
    auto error = core::to_plan_error(*parsed.error, text);
    if (error.at) error.at->source = path;
    errors.push_back(std::move(error));
    return std::nullopt;
  }
  json::value model = *parsed.value;
  if (auto const* obj = model.if_object();
      obj && (obj->contains("options") || obj->contains("model"))) {
    auto const* inner = obj->if_contains("model");
    model = inner ? *inner : json::value(json::object{});
  }
  // Validate alone so that messages name FILE, not the plan.
  auto check =
      core::parse_plan_value(json::object{{"model", model}}, {}, core::PlanUse::model_only);
  for (auto& e : check.errors) {
    e.message = path + ": " + e.path + ": " + e.message;
    e.path = "--model";
    errors.push_back(std::move(e));
  }
  if (!check.errors.empty()) return std::nullopt;
  return model;
}

}  // namespace

std::vector<std::string> model_words(std::string const& path, std::vector<std::string> words) {
  if (!path.empty()) words.insert(words.begin(), {"--model", path});
  return words;
}

void add_model_flag(CLI::App* command, std::string& path) {
  command->add_option("--model", path,
                      "replace the plan's model with FILE's (a model block, or a plan's)");
}

DocumentEdit model_edit(std::string const& path, DocumentEdit then) {
  if (path.empty()) return then;
  return [path, then](json::value& doc, std::vector<core::PlanError>& errors) {
    auto model = read_model(path, errors);
    if (!model) return;
    if (auto* obj = doc.if_object()) (*obj)["model"] = std::move(*model);
    if (then) then(doc, errors);
  };
}

}  // namespace loadtwin::app
