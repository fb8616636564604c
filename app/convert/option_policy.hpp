#pragma once
// What `convert` does with each top-level k6 option (lib/options.go), and why:
//   keep    -- loadtwin has it with k6's meaning (SPEC "Plan file")
//   drop    -- no meaning in loadtwin and no effect on the verdict: one warning each
//   refuse  -- dropping it would change the load or the verdict: exit 104 naming it
//   ignore  -- figures `k6 inspect --execution-requirements` adds (totalDuration, maxVUs)
// Names outside the table are not k6 options (k6 ignores them too): dropped with a warning.
#include <optional>
#include <string_view>

namespace loadtwin::app::convert {

enum class OptionFate { keep, drop, refuse, ignore };

// One row of the table in option_policy.cpp.
struct OptionPolicy {
  std::string_view name;
  OptionFate fate;
  std::string_view why;  // for drop and refuse: what the option does and why that matters
};

// The policy for k6 option `name`, or nullopt for a name that is not a k6 option.
std::optional<OptionPolicy> option_policy(std::string_view name);

}  // namespace loadtwin::app::convert
