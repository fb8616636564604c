#pragma once
// Reads the literal a k6 script assigns to `options` into JSON. The grammar -- what k6
// scripts write there; anything else is a *computed* value:
//
//   value    := object | array | string | template | number | '-' number
//             | 'true' | 'false' | 'null' | 'undefined' | env
//   object   := '{' [ member { ',' member } [ ',' ] ] '}'
//   member   := ( identifier | string | number ) ':' value
//   array    := '[' [ value { ',' value } [ ',' ] ] ']'
//   env      := '__ENV' ( '.' identifier | '[' string ']' ) [ ( '||' | '??' ) value ]
//   template := a `...` literal without ${...}
//
// Comments and the quotes of strings are the tokenizer's (js_lexer.hpp). `undefined` reads
// as null, which `convert` treats as an unset option. `__ENV.X` is the -e X=VALUE given
// (with `||`, an empty VALUE counts as unset), else the fallback after `||`/`??`; a VALUE
// standing for a number or boolean fallback is converted to that type. Unlike `k6 run`,
// the process environment is not read: a plan must not depend on the shell it was made in.
//
// A variable, a function call, a spread, an operator, a ${} template or a method is a
// computed value: an error naming the key, after which the parser skips that value and
// goes on, so that every computed key is reported at once.
#include <boost/json/value.hpp>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/convert/js_lexer.hpp"

namespace loadtwin::app::convert {

using EnvValues = std::map<std::string, std::string>;  // -e NAME=VALUE

// One problem with the literal: a syntax error (reading stops) or a computed value.
struct LiteralError {
  std::size_t offset = 0;  // where in the source
  std::string path;        // the key being read, "options.scenarios.load.vus"
  std::string message;
  bool computed = false;  // true: a value outside the grammar (k6 inspect can read it)
};

// The literal as JSON, or every problem found in it.
struct LiteralParse {
  std::optional<boost::json::value> value;  // empty when any error was found
  std::vector<LiteralError> errors;
};

// Parses the value starting at tokens[pos] and leaves pos after it. `path` names the value
// in errors. The value ends at ',', a closing bracket, ';', the end, or the identifier
// that starts the next statement; an operator after it makes it computed.
LiteralParse parse_js_literal(std::vector<Token> const& tokens, std::size_t& pos,
                              std::string const& path, EnvValues const& env);

}  // namespace loadtwin::app::convert
