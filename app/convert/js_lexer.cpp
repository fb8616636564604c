#include "app/convert/js_lexer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace loadtwin::app::convert {
namespace {

// Longest first, so that "===" wins over "==" and "=".
constexpr std::array<std::string_view, 33> multi_char_puncts{
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "?\?=",
    "=>",   "==",  "!=",  "<=",  ">=",  "&&",  "||",  "??",  "?.",  "++",  "--",
    "+=",   "-=",  "*=",  "/=",  "%=",  "&=",  "|=",  "^=",  "**",  "<<",  ">>"};

// Keywords after which a '/' starts a regular expression rather than a division.
constexpr std::array<std::string_view, 14> regex_after_keywords{
    "return", "typeof", "case", "do",    "else",  "in",    "of",
    "new",    "delete", "void", "throw", "await", "yield", "instanceof"};

bool is_ident_start(char c) {
  auto const u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || c == '_' || c == '$' || u >= 0x80;
}
bool is_ident_part(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Whether a '/' after `prev` begins a regular expression (no value precedes it).
bool regex_allowed_after(Token const* prev) {
  if (prev == nullptr) return true;
  switch (prev->kind) {
    case TokenKind::number:
    case TokenKind::string:
    case TokenKind::template_string:
    case TokenKind::regex:
      return false;
    case TokenKind::identifier:
      for (auto k : regex_after_keywords) {
        if (prev->text == k) return true;
      }
      return false;
    case TokenKind::punct:
      return prev->text != ")" && prev->text != "]" && prev->text != "}";
    case TokenKind::end:
      return true;
  }
  return true;
}

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}

  LexResult run() {
    LexResult result;
    if (src_.starts_with("#!")) pos_ = std::min(src_.find('\n'), src_.size());  // hashbang
    lex_until(result.tokens, false);
    if (!error_) result.tokens.push_back({TokenKind::end, "", src_.size(), 0, false});
    result.error = error_;
    return result;
  }

 private:
  // Lexes into `out` until the end, or (nested) until the '}' closing a ${ substitution.
  void lex_until(std::vector<Token>& out, bool nested) {
    int depth = 0;
    while (!error_) {
      skip_space_and_comments();
      if (error_) return;
      if (pos_ >= src_.size()) {
        if (nested) fail(src_.size(), "unterminated ${...} in a template literal");
        return;
      }
      if (nested && src_[pos_] == '}' && depth == 0) {
        ++pos_;
        return;
      }
      Token const* prev = out.empty() ? nullptr : &out.back();
      Token token = next(prev);
      if (error_) return;
      if (token.kind == TokenKind::punct && token.text == "{") ++depth;
      if (token.kind == TokenKind::punct && token.text == "}") --depth;
      out.push_back(std::move(token));
    }
  }

  void skip_space_and_comments() {
    while (pos_ < src_.size()) {
      char const c = src_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++pos_;
      } else if (src_.substr(pos_, 2) == "//") {
        auto const nl = src_.find('\n', pos_);
        pos_ = nl == std::string_view::npos ? src_.size() : nl;
      } else if (src_.substr(pos_, 2) == "/*") {
        auto const close = src_.find("*/", pos_ + 2);
        if (close == std::string_view::npos) return fail(pos_, "unterminated /* comment");
        pos_ = close + 2;
      } else if (src_.substr(pos_, 3) == "\xEF\xBB\xBF") {
        pos_ += 3;  // a UTF-8 byte-order mark
      } else {
        return;
      }
    }
  }

  Token next(Token const* prev) {
    std::size_t const start = pos_;
    char const c = src_[pos_];
    Token token;
    if (is_ident_start(c)) {
      while (pos_ < src_.size() && is_ident_part(src_[pos_])) ++pos_;
      token = {TokenKind::identifier, std::string(src_.substr(start, pos_ - start))};
    } else if (is_digit(c) || (c == '.' && pos_ + 1 < src_.size() && is_digit(src_[pos_ + 1]))) {
      token = lex_number();
    } else if (c == '\'' || c == '"') {
      token = lex_string(c);
    } else if (c == '`') {
      token = lex_template();
    } else if (c == '/' && regex_allowed_after(prev)) {
      token = lex_regex();
    } else {
      token = lex_punct();
    }
    token.offset = start;
    token.length = pos_ - start;
    return token;
  }

  Token lex_number() {
    std::size_t const start = pos_;
    bool const radix = src_[pos_] == '0' && pos_ + 1 < src_.size() &&
                       std::string_view("xXoObB").find(src_[pos_ + 1]) != std::string_view::npos;
    if (radix) pos_ += 2;
    while (pos_ < src_.size()) {
      char const c = src_[pos_];
      bool const exponent_sign =
          (c == '+' || c == '-') && !radix && (src_[pos_ - 1] == 'e' || src_[pos_ - 1] == 'E');
      if (is_hex(c) || c == '_' || c == '.' || exponent_sign || c == 'n') {
        ++pos_;
      } else {
        break;
      }
    }
    return {TokenKind::number, std::string(src_.substr(start, pos_ - start))};
  }

  // One escape after a backslash at pos_ (pointing at the character after '\').
  void decode_escape(std::string& out) {
    char const e = src_[pos_++];
    switch (e) {
      case 'n':
        out += '\n';
        return;
      case 't':
        out += '\t';
        return;
      case 'r':
        out += '\r';
        return;
      case 'b':
        out += '\b';
        return;
      case 'f':
        out += '\f';
        return;
      case 'v':
        out += '\v';
        return;
      case '0':
        out += '\0';
        return;
      case '\r':
        if (pos_ < src_.size() && src_[pos_] == '\n') ++pos_;
        return;  // a line continuation
      case '\n':
        return;
      case 'x':
        return append_utf8(out, read_hex(2));
      case 'u':
        return append_utf8(out, read_unicode_escape());
      default:
        out += e;
        return;
    }
  }

  std::uint32_t read_hex(std::size_t digits) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      if (pos_ >= src_.size() || !is_hex(src_[pos_])) {
        fail(pos_, "invalid escape sequence");
        return 0;
      }
      char const h = src_[pos_++];
      value =
          value * 16 + static_cast<std::uint32_t>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    return value;
  }

  std::uint32_t read_unicode_escape() {
    if (pos_ < src_.size() && src_[pos_] == '{') {
      auto const close = src_.find('}', pos_);
      if (close == std::string_view::npos || close - pos_ - 1 > 6 || close == pos_ + 1) {
        fail(pos_, "invalid \\u{...} escape");
        return 0;
      }
      ++pos_;
      auto const cp = read_hex(close - pos_);
      ++pos_;
      return cp;
    }
    std::uint32_t cp = read_hex(4);
    bool const high = cp >= 0xD800 && cp <= 0xDBFF;
    if (high && src_.substr(pos_, 2) == "\\u") {
      pos_ += 2;
      std::uint32_t const low = read_hex(4);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    return cp;
  }

  Token lex_string(char quote) {
    std::size_t const start = pos_++;
    std::string value;
    while (!error_) {
      if (pos_ >= src_.size() || src_[pos_] == '\n') {
        fail(start, "unterminated string");
        break;
      }
      char const c = src_[pos_++];
      if (c == quote) break;
      if (c == '\\' && pos_ < src_.size()) {
        decode_escape(value);
      } else {
        value += c;
      }
    }
    return {TokenKind::string, std::move(value)};
  }

  Token lex_template() {
    std::size_t const start = pos_++;
    Token token{TokenKind::template_string, ""};
    while (!error_) {
      if (pos_ >= src_.size()) {
        fail(start, "unterminated template literal");
        break;
      }
      char const c = src_[pos_++];
      if (c == '`') break;
      if (c == '\\' && pos_ < src_.size()) {
        decode_escape(token.text);
      } else if (c == '$' && pos_ < src_.size() && src_[pos_] == '{') {
        ++pos_;
        token.substitutions = true;
        std::vector<Token> inner;  // what the substitution computes is not read
        lex_until(inner, true);
      } else {
        token.text += c;
      }
    }
    return token;
  }

  Token lex_regex() {
    std::size_t const start = pos_++;
    bool in_class = false;
    while (true) {
      if (pos_ >= src_.size() || src_[pos_] == '\n') {
        fail(start, "unterminated regular expression");
        break;
      }
      char const c = src_[pos_++];
      if (c == '\\') {
        ++pos_;
      } else if (c == '[') {
        in_class = true;
      } else if (c == ']') {
        in_class = false;
      } else if (c == '/' && !in_class) {
        break;
      }
    }
    while (pos_ < src_.size() && is_ident_part(src_[pos_])) ++pos_;  // flags
    return {TokenKind::regex, std::string(src_.substr(start, pos_ - start))};
  }

  Token lex_punct() {
    for (auto p : multi_char_puncts) {
      if (src_.substr(pos_, p.size()) == p) {
        pos_ += p.size();
        return {TokenKind::punct, std::string(p)};
      }
    }
    return {TokenKind::punct, std::string(1, src_[pos_++])};
  }

  void fail(std::size_t offset, std::string message) {
    if (!error_) error_ = LexError{offset, std::move(message)};
  }

  std::string_view src_;
  std::size_t pos_ = 0;
  std::optional<LexError> error_;
};

}  // namespace

LexResult lex_js(std::string_view source) { return Lexer(source).run(); }

bool is(Token const& token, std::string_view p) {
  return (token.kind == TokenKind::punct || token.kind == TokenKind::identifier) && token.text == p;
}

}  // namespace loadtwin::app::convert
