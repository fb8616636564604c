#pragma once
// The scenario half of `convert` (options_to_plan.hpp states the rules): exec functions to
// request kinds, think_time, dropped and refused scenario fields.
#include <boost/json/object.hpp>

#include "app/convert/options_to_plan.hpp"

namespace loadtwin::app::convert {

// Rewrites every scenario of `scenarios` (k6's options.scenarios) into plan form; appends
// refusals and the one "unmapped exec functions" error to out.errors, warnings to
// out.warnings. Also reports --exec-map/--think-time names that match no scenario or
// exec function (a typo would otherwise be silently ignored).
void convert_scenarios(boost::json::object& scenarios, ConvertSettings const& settings,
                       Conversion& out);

// k6 reads a number where a duration goes as milliseconds: such numbers in `object`
// (duration, startTime, gracefulStop, gracefulRampDown, timeUnit, maxDuration and each
// stages[].duration) become "Nms" strings, which the plan format requires.
void numeric_durations_to_strings(boost::json::object& object);

}  // namespace loadtwin::app::convert
