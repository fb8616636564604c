#include "app/convert/script_scan.hpp"

#include <algorithm>
#include <charconv>

namespace loadtwin::app::convert {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

bool is_opener(Token const& t) { return is(t, "(") || is(t, "[") || is(t, "{"); }
bool is_closer(Token const& t) { return is(t, ")") || is(t, "]") || is(t, "}"); }
bool is_declarator(Token const& t) {
  return t.kind == TokenKind::identifier &&
         (t.text == "const" || t.text == "let" || t.text == "var");
}

// For each bracket token, the index of its partner (none when unbalanced or not a bracket).
std::vector<std::size_t> match_brackets(std::vector<Token> const& tokens) {
  std::vector<std::size_t> partner(tokens.size(), none);
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (is_opener(tokens[i])) open.push_back(i);
    if (is_closer(tokens[i]) && !open.empty()) {
      partner[i] = open.back();
      partner[open.back()] = i;
      open.pop_back();
    }
  }
  return partner;
}

class Scanner {
 public:
  Scanner(std::vector<Token> const& tokens, std::string_view source)
      : t_(tokens), source_(source), partner_(match_brackets(tokens)) {}

  ScriptScan run() {
    std::optional<std::size_t> plain_options;
    int depth = 0;
    for (std::size_t i = 0; i < t_.size(); ++i) {
      if (depth == 0) {
        if (auto value = options_at(i)) {
          bool const exported = i > 0 && is(t_[i - 1], "export");
          if (exported && !scan_.options_value) scan_.options_value = value;
          if (!exported && !plain_options) plain_options = value;
        }
        function_at(i);
      }
      if (is_opener(t_[i])) ++depth;
      if (is_closer(t_[i]) && depth > 0) --depth;
    }
    if (!scan_.options_value) scan_.options_value = plain_options;
    return std::move(scan_);
  }

 private:
  Token const& at(std::size_t i) const { return t_[std::min(i, t_.size() - 1)]; }

  std::optional<std::size_t> options_at(std::size_t i) const {
    if (is_declarator(at(i)) && at(i + 1).kind == TokenKind::identifier &&
        at(i + 1).text == "options" && is(at(i + 2), "=")) {
      return i + 3;
    }
    return std::nullopt;
  }

  // The body's '{' after a parameter list starting at `paren` (and `=>` for arrows).
  std::size_t body_after_params(std::size_t paren, bool arrow) const {
    if (!is(at(paren), "(") || partner_[paren] == none) return none;
    std::size_t next = partner_[paren] + 1;
    if (arrow) {
      if (!is(at(next), "=>")) return none;
      ++next;
    }
    return is(at(next), "{") ? next : none;
  }

  void function_at(std::size_t i) {
    if (is(at(i), "function")) {
      std::size_t k = i + 1;
      if (is(at(k), "*")) ++k;
      std::string name = "default";
      if (at(k).kind == TokenKind::identifier) name = at(k++).text;
      bool const exported_default = i >= 2 && is(at(i - 1), "default") && is(at(i - 2), "export");
      if (name == "default" && !exported_default) return;  // an expression, not a declaration
      record(name, body_after_params(k, false));
    } else if (is_declarator(at(i)) && at(i + 1).kind == TokenKind::identifier &&
               is(at(i + 2), "=")) {
      std::size_t k = i + 3;
      if (is(at(k), "async")) ++k;
      std::size_t body = none;
      if (is(at(k), "function")) {
        ++k;
        if (at(k).kind == TokenKind::identifier) ++k;
        body = body_after_params(k, false);
      } else if (is(at(k), "(")) {
        body = body_after_params(k, true);
      } else if (at(k).kind == TokenKind::identifier && is(at(k + 1), "=>") && is(at(k + 2), "{")) {
        body = k + 2;
      }
      record(at(i + 1).text, body);
    }
  }

  void record(std::string const& name, std::size_t body) {
    if (body == none || partner_[body] == none || scan_.sleeps.contains(name)) return;
    for (std::size_t m = body + 1; m < partner_[body]; ++m) {
      bool const call = at(m).kind == TokenKind::identifier && at(m).text == "sleep" &&
                        is(at(m + 1), "(") && !is(at(m - 1), ".");
      if (!call || partner_[m + 1] == none) continue;
      std::size_t const close = partner_[m + 1];
      SleepCall sleep{at(m).offset, std::string(source_.substr(
                                        at(m).offset, at(close).offset + 1 - at(m).offset))};
      if (close == m + 3 && at(m + 2).kind == TokenKind::number) {
        double seconds = 0;
        auto const& text = at(m + 2).text;
        auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (ec == std::errc{} && end == text.data() + text.size()) sleep.seconds = seconds;
      }
      scan_.sleeps.emplace(name, std::move(sleep));
      return;
    }
  }

  std::vector<Token> const& t_;
  std::string_view source_;
  std::vector<std::size_t> partner_;
  ScriptScan scan_;
};

}  // namespace

ScriptScan scan_script(std::vector<Token> const& tokens, std::string_view source) {
  return Scanner(tokens, source).run();
}

}  // namespace loadtwin::app::convert
