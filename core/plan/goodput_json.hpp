#pragma once
// Reads options.goodput into Plan::goodput (SPEC "Goodput"), and checks that thresholds on
// goodput / good_requests have SLOs to judge by. Every problem is a located PlanError.
#include <vector>

#include "core/plan/json_fields.hpp"
#include "core/plan/plan.hpp"

namespace loadtwin::core {

// `options` is the plan's options object; absent goodput leaves plan.goodput empty.
void parse_goodput(JsonFields const& options, Plan& plan);

// A threshold on goodput or good_requests (or their submetrics) without options.goodput is
// an error at the threshold's path: with no SLOs such a gate would measure only errors.
void check_goodput_thresholds(Plan const& plan, std::vector<PlanError>& errors);

}  // namespace loadtwin::core
