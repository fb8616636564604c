#pragma once
// Reports of `sim --runs N`: the text table and the --json document of SPEC.md
// ({"runs", "seed", "points": [{"params": {}, "thresholds": [...]}]}).
#include <boost/json/object.hpp>
#include <ostream>
#include <string>

#include "sim/replications.hpp"

namespace loadtwin::app {

void render_runs_text(sim::ReplicationResult const& result, std::uint64_t seed,
                      double min_pass_probability, std::ostream& out);
// One threshold's entry in the --json documents of `sim --runs` and `sweep`.
boost::json::object threshold_runs_json(sim::ThresholdRuns const& t);
std::string render_runs_json(sim::ReplicationResult const& result, std::uint64_t seed);
// 105 interrupted, 107 engine bound, 99 when a threshold's lower 95% bound is below
// `min_pass_probability`, else 0.
int runs_exit_code(sim::ReplicationResult const& result, double min_pass_probability,
                   bool interrupted);

}  // namespace loadtwin::app
