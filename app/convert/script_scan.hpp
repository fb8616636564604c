#pragma once
// What `convert` looks for in a k6 script's top level (outside every bracket), on tokens:
// the `options` declaration and, for each function, its first sleep() call.
//
//   options:   [ 'export' ] ( 'const' | 'let' | 'var' ) 'options' '=' value
//              (an exported declaration wins over a plain one, which `export { options }`
//              may export)
//   functions: [ 'export' [ 'default' ] ] [ 'async' ] 'function' [ NAME ] '(' ... ')' '{' body '}'
//              [ 'export' ] ( 'const' | 'let' | 'var' ) NAME '=' [ 'async' ]
//                  ( 'function' [ NAME ] '(' ... ')' | '(' ... ')' '=>' | NAME '=>' ) '{' body '}'
//              `export default function` is named "default", as k6 names it.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/convert/js_lexer.hpp"

namespace loadtwin::app::convert {

// A sleep(...) call found in a function body (k6 scripts pace iterations with it).
struct SleepCall {
  std::size_t offset = 0;
  std::string text;                              // "sleep(0.1)" as written
  std::optional<double> seconds = std::nullopt;  // set when the argument is one number literal
};

// What the top level of a script holds for `convert`.
struct ScriptScan {
  std::optional<std::size_t> options_value;  // token index of the value after `options =`
  std::map<std::string, SleepCall> sleeps;   // function name -> its first sleep() call
};

// Scans the top level of a tokenized script.
ScriptScan scan_script(std::vector<Token> const& tokens, std::string_view source);

}  // namespace loadtwin::app::convert
