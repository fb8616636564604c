#pragma once
// Where `convert` gets k6's options from: the JSON `k6 inspect SCRIPT` prints (text whose
// first non-blank character is '{'), or a k6 script's `options` literal (script_scan.hpp,
// js_literal.hpp). Errors are located: FILE:LINE:COL with the line and a caret.
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/convert/js_literal.hpp"
#include "app/convert/script_scan.hpp"
#include "core/plan/plan_error.hpp"

namespace loadtwin::app::convert {

// The k6 options found in the text, and what else `convert` needs from a script.
struct OptionsSource {
  std::optional<boost::json::value> options;  // set exactly when errors is empty
  std::map<std::string, SleepCall> sleeps;    // scripts: function -> its first sleep()
  bool from_inspect = false;
  bool computed = false;  // an error is a computed value: `k6 inspect` can read it
  std::vector<core::PlanError> errors;
};

// Reads the options from `text`; `env` holds the -e values for __ENV in scripts.
OptionsSource read_options(std::string_view text, EnvValues const& env);

}  // namespace loadtwin::app::convert
