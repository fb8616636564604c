#pragma once
// The command line that replays a run in sim: plan, seed and every --set, shell-quoted.
#include <cstdint>
#include <string>
#include <vector>

namespace loadtwin::app {

// Quotes `word` for a POSIX shell only when it needs it: abc -> abc, a b -> 'a b',
// it's -> 'it'\''s'.
std::string shell_quote(std::string const& word);

// `extra` holds further flags that change the run (engine bounds), already split.
std::string replay_command(std::string const& plan_path, std::uint64_t seed,
                           std::vector<std::string> const& overrides,
                           std::vector<std::string> const& extra = {});

}  // namespace loadtwin::app
