#pragma once
// JSON for people to read and edit (plans written by `convert`): two-space indentation,
// an object or array on one line when it nests at most one level and fits in 100 columns
// (a scenario, a threshold list), numbers in plain
// decimal (0.005, 600 -- never 5E-3 or 6E2), keys in the document's order.
#include <boost/json/value.hpp>
#include <string>

namespace loadtwin::core {

// `value` rendered as above, ending with a newline.
std::string render_json_pretty(boost::json::value const& value);

// `value` compact (no spaces, no newline) with numbers in plain decimal: every JSON output of
// loadtwin goes through here or render_json_pretty (SPEC "CLI conventions": 600, not 6E2).
std::string render_json_compact(boost::json::value const& value);

// One number in plain decimal: the shortest text that reads back to the same double.
std::string plain_decimal(double x);

}  // namespace loadtwin::core
