#pragma once
// A tokenizer for the JavaScript of k6 scripts, enough to find `export const options` and
// the exec functions at the top level and read literals -- not an interpreter. It knows
// comments (// and /* */), strings ('...' and "..." with escapes, decoded to UTF-8),
// template literals (`...`, skipping ${...} substitutions as a whole), regular-expression
// literals (told from division by the token before, as JS parsers do), numbers (decimal,
// 0x/0o/0b, 1_000 separators), identifiers and punctuators (longest match).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loadtwin::app::convert {

// What a token is; `end` closes every token list.
enum class TokenKind { identifier, number, string, template_string, regex, punct, end };

// One token of the source, with where it is for error messages.
struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;            // name, punctuator, decoded string, or a number as written
  std::size_t offset = 0;      // byte offset of the token's first character in the source
  std::size_t length = 0;      // bytes of source the token spans
  bool substitutions = false;  // a template literal holding ${...}
};

// Where the source stops being JavaScript the tokenizer knows.
struct LexError {
  std::size_t offset = 0;
  std::string message;  // "unterminated string", "unterminated comment"
};

// The tokens, or the first error.
struct LexResult {
  std::vector<Token> tokens;  // ends with one TokenKind::end token
  std::optional<LexError> error;
};

// Splits `source` into tokens; stops at the first error.
LexResult lex_js(std::string_view source);

// True for `kind == punct && text == p` (and for identifiers: `text == p`).
bool is(Token const& token, std::string_view p);

}  // namespace loadtwin::app::convert
