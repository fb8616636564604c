#include "app/convert/read_options.hpp"

#include "app/convert/js_lexer.hpp"
#include "core/plan/json_text.hpp"

namespace loadtwin::app::convert {
namespace {

core::PlanError located(std::string_view text, std::size_t offset, std::string message) {
  auto const at = core::position_at(text, offset);
  return {"", std::move(message),
          core::TextLocation{"", at.line, at.column, core::caret_excerpt(text, offset)}};
}

OptionsSource read_inspect_json(std::string_view text) {
  OptionsSource out;
  out.from_inspect = true;
  auto parsed = core::parse_json_text(text);
  if (!parsed.value) {
    out.errors.push_back(core::to_plan_error(*parsed.error, text));
    return out;
  }
  out.options = std::move(*parsed.value);
  return out;
}

OptionsSource read_script(std::string_view text, EnvValues const& env) {
  OptionsSource out;
  auto const lexed = lex_js(text);
  if (lexed.error) {
    out.errors.push_back(located(text, lexed.error->offset, lexed.error->message));
    return out;
  }
  auto scan = scan_script(lexed.tokens, text);
  out.sleeps = std::move(scan.sleeps);
  if (!scan.options_value) {
    out.errors.push_back({"",
                          "no `export const options = {...}` at the top level of the "
                          "script: nothing to convert"});
    return out;
  }
  std::size_t pos = *scan.options_value;
  auto literal = parse_js_literal(lexed.tokens, pos, "options", env);
  for (auto const& e : literal.errors) {
    out.computed = out.computed || e.computed;
    out.errors.push_back(
        located(text, e.offset, e.path.empty() ? e.message : e.path + ": " + e.message));
  }
  if (out.errors.empty()) out.options = std::move(literal.value);
  return out;
}

}  // namespace

OptionsSource read_options(std::string_view text, EnvValues const& env) {
  auto const first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return read_inspect_json(text);
  return read_script(text, env);
}

}  // namespace loadtwin::app::convert
