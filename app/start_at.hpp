#pragma once
// `--start-at TIME` (SPEC "Execution segments and merge"): the wall-clock instant at which
// every segment starts its test clock, so that N processes or pods start as one. TIME is
// RFC 3339 ("2026-12-01T10:00:00Z", "2026-12-01T11:00:00.5+01:00") or "+DURATION" from now
// ("+5s"). sim records it in its part and does not wait; live waits for it.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace loadtwin::app {

// Adds --start-at to `command`, stored in `text`.
void add_start_at_flag(CLI::App* command, std::string& text);

// The instant `text` names, ns since the epoch; `now_ns` is the wall clock for "+DURATION".
// Nullopt and `error` (a sentence naming the flag) when it is neither form.
std::optional<std::int64_t> parse_start_at(std::string const& text, std::int64_t now_ns,
                                           std::string& error);

// "--start-at ... is 12.0 s in the past: starting at once, ..." when it is; "" otherwise.
std::string past_start_warning(std::int64_t start_at_ns, std::int64_t now_ns);

// The wall clock now, ns since the epoch.
std::int64_t wall_clock_ns();

}  // namespace loadtwin::app
