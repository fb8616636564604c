#pragma once
// Workload traces for the `trace` executor (SPEC "Trace replay"): one request per row with
// its arrival time and token lengths. Formats:
//   azure     CSV `TIMESTAMP,ContextTokens,GeneratedTokens`, TIMESTAMP "YYYY-MM-DD
//   hh:mm:ss.fffffff" mooncake  JSON lines {"timestamp": ms, "input_length": N, "output_length": N,
//   ...} loadtwin  CSV `offset_ms,input_tokens,output_tokens` (offset a decimal number of ms;
//             output `-`: no max_tokens, the model's tokens_per_response decides);
//             `#` starts a comment line
// Times are rebased to the first row (rows must not go back in time). Every problem is
// "FILE:LINE: what", collected, never a crash.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/plan_error.hpp"
#include "core/time.hpp"

namespace loadtwin::core {

struct TraceRow {
  Duration at{0};                   // from the first row, before time_scale
  std::uint32_t input_tokens = 0;   // the prompt's length
  std::uint32_t output_tokens = 1;  // the reply's length (>= 1); 0: not given
  friend bool operator==(TraceRow const&, TraceRow const&) = default;
};

using TraceRows = std::vector<TraceRow>;

// The formats by name, for messages and validation.
inline constexpr std::string_view trace_formats[] = {"azure", "mooncake", "loadtwin"};
bool is_trace_format(std::string_view name);

// Parses a whole trace text in `format`; nullopt and `errors` ("NAME:LINE: what", at most
// 20 of them) when any row is bad.
std::optional<TraceRows> parse_trace(std::string_view text, std::string_view format,
                                     std::string const& name, std::vector<std::string>& errors);

// Reads and parses the file at `path` (named `path` in messages).
std::optional<TraceRows> read_trace_file(std::string const& path, std::string_view format,
                                         std::vector<std::string>& errors);

struct Plan;
// Loads every trace scenario's rows (its path relative to `plan_dir`, "" = as given) and
// sets its duration to the last row's scaled offset; errors are the scenario's JSON path.
void load_plan_traces(Plan& plan, std::string const& plan_dir, std::vector<PlanError>& errors);

// The offset of `row` once divided by time_scale, in integer nanoseconds.
Duration scaled_trace_offset(TraceRow const& row, double time_scale);

}  // namespace loadtwin::core
