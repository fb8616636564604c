#include "app/convert/js_literal.hpp"

#include <fmt/format.h>

#include <boost/json/object.hpp>
#include <charconv>
#include <cmath>

#include "core/plan/json_fields.hpp"

namespace loadtwin::app::convert {
namespace {

namespace json = boost::json;

// JS number literal text -> JSON number: integers stay exact, the rest are doubles.
std::optional<json::value> parse_number(std::string text) {
  std::erase(text, '_');
  if (text.empty() || text.back() == 'n') return std::nullopt;  // BigInt
  int base = 10;
  if (text.size() > 2 && text[0] == '0') {
    char const r = static_cast<char>(text[1] | 0x20);
    base = r == 'x' ? 16 : r == 'o' ? 8 : r == 'b' ? 2 : 10;
  }
  char const* first = text.data() + (base == 10 ? 0 : 2);
  char const* last = text.data() + text.size();
  std::int64_t integer = 0;
  auto const [iend, iec] = std::from_chars(first, last, integer, base);
  if (iec == std::errc{} && iend == last) return json::value(integer);
  if (base != 10) return std::nullopt;
  double real = 0;
  auto const [dend, dec] = std::from_chars(first, last, real);
  if (dec != std::errc{} || dend != last) return std::nullopt;
  // JS numbers are all doubles: a whole one (1e1) is written as the integer JSON.stringify
  // would write (10).
  if (std::trunc(real) == real && std::fabs(real) <= 9007199254740992.0) {
    return json::value(static_cast<std::int64_t>(real));
  }
  return json::value(real);
}

class LiteralParser {
 public:
  LiteralParser(std::vector<Token> const& tokens, std::size_t& pos, EnvValues const& env)
      : tokens_(tokens), pos_(pos), env_(env) {}

  LiteralParse run(std::string const& path) {
    LiteralParse result;
    auto v = value(path, true);
    result.errors = std::move(errors_);
    if (result.errors.empty() && v) result.value = std::move(*v);
    return result;
  }

 private:
  Token const& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  Token const& take() {
    Token const& t = peek();
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool at_end() const { return peek().kind == TokenKind::end; }

  void syntax(Token const& at, std::string message) {
    if (!fatal_) errors_.push_back({at.offset, "", std::move(message), false});
    fatal_ = true;
  }
  void computed(Token const& at, std::string const& path, std::string what) {
    errors_.push_back({at.offset, path, "cannot read a computed value: " + what, true});
  }

  // A value ends at ',', a closing bracket; at the top also ';', the end or a new statement.
  bool at_value_end(bool top) const {
    Token const& t = peek();
    if (is(t, ",") || is(t, "}") || is(t, "]")) return true;
    return top && (is(t, ";") || at_end() || t.kind == TokenKind::identifier);
  }

  // Skips the rest of a computed value: up to ',' or a closer at this depth.
  void skip_value() {
    int depth = 0;
    while (!at_end()) {
      Token const& t = peek();
      if (depth == 0 && (is(t, ",") || is(t, "}") || is(t, "]") || is(t, ")") || is(t, ";")))
        return;
      if (is(t, "{") || is(t, "[") || is(t, "(")) ++depth;
      if (is(t, "}") || is(t, "]") || is(t, ")")) --depth;
      take();
    }
  }

  std::optional<json::value> value(std::string const& path, bool top = false) {
    Token const& first = peek();
    auto v = primary(path);
    if (fatal_) return std::nullopt;
    // An operator after a value computes something; a name or literal there is a missing
    // comma, which the enclosing object or array reports.
    if (v && !at_value_end(top) && peek().kind == TokenKind::punct) {
      computed(first, path, fmt::format("an expression with '{}'", peek().text));
      v.reset();
    }
    if (!v) skip_value();
    return v;
  }

  std::optional<json::value> primary(std::string const& path) {
    Token const& t = peek();
    switch (t.kind) {
      case TokenKind::string:
        return json::value(take().text);
      case TokenKind::template_string:
        if (t.substitutions) {
          computed(t, path, "a template string with ${...}");
          return std::nullopt;
        }
        return json::value(take().text);
      case TokenKind::number:
        return number(path, false);
      case TokenKind::identifier:
        return word(path);
      case TokenKind::punct:
        return punct_value(path);
      case TokenKind::regex:
        computed(t, path, "a regular expression");
        return std::nullopt;
      case TokenKind::end:
        break;
    }
    syntax(t, "expected a value, found the end of the script");
    return std::nullopt;
  }

  std::optional<json::value> number(std::string const& path, bool negative) {
    Token const& t = take();
    auto v = parse_number(t.text);
    if (!v) {
      computed(t, path, "the number " + t.text);
      return std::nullopt;
    }
    if (!negative) return v;
    if (v->is_int64()) return json::value(-v->as_int64());
    return json::value(-v->as_double());
  }

  std::optional<json::value> punct_value(std::string const& path) {
    Token const& t = peek();
    if (is(t, "{")) return object(path);
    if (is(t, "[")) return array(path);
    if (is(t, "-") && peek(1).kind == TokenKind::number) {
      take();
      return number(path, true);
    }
    if (is(t, "...")) {
      computed(t, path, fmt::format("a spread '...{}'", peek(1).text));
      return std::nullopt;
    }
    if (is(t, "(")) {
      computed(t, path, "a parenthesized expression");
      return std::nullopt;
    }
    syntax(t, fmt::format("expected a value, found '{}'", t.text));
    return std::nullopt;
  }

  std::optional<json::value> word(std::string const& path) {
    Token const& t = peek();
    if (t.text == "true" || t.text == "false") return json::value(take().text == "true");
    if (t.text == "null" || t.text == "undefined") {
      take();
      return json::value(nullptr);
    }
    if (t.text == "__ENV") return env(path);
    Token const& next = peek(1);
    std::string what = fmt::format("the variable '{}'", t.text);
    if (t.text == "function" || is(next, "=>")) what = "a function";
    if (t.text == "new") what = fmt::format("a 'new {}(...)' expression", next.text);
    if (is(next, "(")) what = fmt::format("a function call '{}(...)'", t.text);
    if (is(next, ".") || is(next, "?.") || is(next, "[")) {
      what = fmt::format("an expression '{}{}{}...'", t.text, next.text, peek(2).text);
    }
    computed(t, path, what);
    return std::nullopt;
  }

  std::optional<std::string> env_name() {
    take();  // __ENV
    if (is(peek(), ".") && peek(1).kind == TokenKind::identifier) {
      take();
      return take().text;
    }
    if (is(peek(), "[") && peek(1).kind == TokenKind::string && is(peek(2), "]")) {
      take();
      std::string name = take().text;
      take();
      return name;
    }
    return std::nullopt;
  }

  std::optional<json::value> env(std::string const& path) {
    Token const& at = peek();
    auto const name = env_name();
    if (!name) {
      computed(at, path, "an __ENV expression other than __ENV.NAME");
      return std::nullopt;
    }
    std::optional<json::value> fallback;
    bool const has_fallback = is(peek(), "||") || is(peek(), "??");
    bool const empty_is_unset = is(peek(), "||");
    if (has_fallback) {
      take();
      fallback = value(path);
      if (!fallback) return std::nullopt;
    }
    auto const given = env_.find(*name);
    bool const use_given = given != env_.end() && !(empty_is_unset && given->second.empty());
    if (!use_given) {
      if (fallback) return fallback;
      errors_.push_back(
          {at.offset, path,
           fmt::format("__ENV.{0} is not set and has no fallback: pass -e {0}=VALUE", *name),
           false});
      return std::nullopt;
    }
    return typed_env_value(at, path, *name, given->second, fallback);
  }

  // -e values are strings; one standing for a number or boolean fallback becomes one.
  std::optional<json::value> typed_env_value(Token const& at, std::string const& path,
                                             std::string const& name, std::string const& text,
                                             std::optional<json::value> const& fallback) {
    if (fallback && fallback->is_number()) {
      if (auto n = parse_number(text)) return n;
      errors_.push_back({at.offset, path,
                         fmt::format("-e {}={}: expected a number (the fallback is {})", name, text,
                                     core::describe_json(*fallback)),
                         false});
      return std::nullopt;
    }
    if (fallback && fallback->is_bool()) {
      if (text == "true" || text == "false") return json::value(text == "true");
      errors_.push_back(
          {at.offset, path, fmt::format("-e {}={}: expected true or false", name, text), false});
      return std::nullopt;
    }
    return json::value(text);
  }

  // After a member or element: ',' (then maybe the closer) or the closer itself.
  bool separator(char const* closer, std::string const& what) {
    if (is(peek(), ",")) {
      take();
      return true;
    }
    if (is(peek(), closer)) return true;
    if (at_end()) {
      syntax(peek(),
             fmt::format("{} is not closed: expected '{}'",
                         std::string_view(closer) == "}" ? "an object" : "an array", closer));
    } else {
      syntax(peek(),
             fmt::format("expected ',' or '{}' after {}, found '{}'", closer, what, peek().text));
    }
    return false;
  }

  std::optional<std::string> member_key(std::string const& path) {
    Token const& t = peek();
    if (t.kind == TokenKind::identifier || t.kind == TokenKind::string) return take().text;
    if (t.kind == TokenKind::number) {
      auto n = parse_number(take().text);
      return n && n->is_int64() ? std::to_string(n->as_int64()) : t.text;
    }
    if (is(t, "[")) {
      computed(t, path, "a computed key [...]");
    } else if (is(t, "...")) {
      computed(t, path, fmt::format("a spread '...{}'", peek(1).text));
    } else {
      syntax(t, fmt::format("expected a key, found '{}'", t.text));
    }
    return std::nullopt;
  }

  // One `key: value` into `obj`; false when the object cannot be read further.
  bool member(json::object& obj, std::string const& path) {
    auto const key = member_key(path);
    if (fatal_) return false;
    if (!key) {
      skip_value();
      return separator("}", "a member");
    }
    std::string const key_path = core::join_path(path, *key);
    Token const& next = peek();
    if (is(next, ":")) {
      take();
      if (auto v = value(key_path)) obj[*key] = std::move(*v);
    } else if (is(next, "(")) {
      computed(next, key_path, fmt::format("a method '{}()'", *key));
      skip_value();
    } else if (is(next, ",") || is(next, "}")) {
      computed(next, key_path, fmt::format("a shorthand property '{}' (a variable)", *key));
    } else {
      syntax(next, fmt::format("expected ':' after the key '{}'", *key));
    }
    return !fatal_ && separator("}", fmt::format("'{}'", *key));
  }

  std::optional<json::value> object(std::string const& path) {
    take();  // {
    json::object obj;
    std::size_t const errors_before = errors_.size();
    while (!is(peek(), "}")) {
      if (at_end()) {
        syntax(peek(), "an object is not closed: expected '}'");
        return std::nullopt;
      }
      if (!member(obj, path)) return std::nullopt;
    }
    take();  // }
    if (errors_.size() != errors_before) return std::nullopt;
    return json::value(std::move(obj));
  }

  std::optional<json::value> array(std::string const& path) {
    take();  // [
    json::array arr;
    std::size_t const errors_before = errors_.size();
    while (!is(peek(), "]")) {
      if (at_end()) {
        syntax(peek(), "an array is not closed: expected ']'");
        return std::nullopt;
      }
      std::string const item_path = fmt::format("{}[{}]", path, arr.size());
      if (is(peek(), ",")) {
        arr.emplace_back(nullptr);  // a hole reads as undefined
      } else if (auto v = value(item_path)) {
        arr.push_back(std::move(*v));
      } else {
        arr.emplace_back(nullptr);  // keep later indices right in messages
      }
      if (fatal_ || !separator("]", "an element")) return std::nullopt;
    }
    take();  // ]
    if (errors_.size() != errors_before) return std::nullopt;
    return json::value(std::move(arr));
  }

  std::vector<Token> const& tokens_;
  std::size_t& pos_;
  EnvValues const& env_;
  std::vector<LiteralError> errors_;
  bool fatal_ = false;
};

}  // namespace

LiteralParse parse_js_literal(std::vector<Token> const& tokens, std::size_t& pos,
                              std::string const& path, EnvValues const& env) {
  return LiteralParser(tokens, pos, env).run(path);
}

}  // namespace loadtwin::app::convert
