#pragma once
// Loads what scenarios send (SPEC "Requests"): each `request.body` or corpus file becomes
// RequestBody entries with their size estimates; plan-relative paths (corpus, target.tls)
// are resolved. Also the pick: which entry a request sends, keyed by its draw key.
#include <cstdint>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/plan/plan_error.hpp"
#include "core/random.hpp"

namespace loadtwin::core {

// Errors are located at the scenario's `request` (a corpus line: FILE:LINE). A tool_call
// scenario whose body has no `tools`, or another kind whose body has them, is an error:
// the mock decides by the body and sim by exec, so they would disagree.
void load_plan_requests(Plan& plan, std::string const& plan_dir, std::vector<PlanError>& errors);

// Parses one body (a plan's or a corpus line's) into its entry; nullopt + `error`.
std::optional<RequestBody> read_request_body(std::string_view json_text, std::string& error);

// The entry of `count` a request with `key` sends: sequential walks the corpus in order
// (arrival i sends entry i mod N; VU v's iteration i sends (v + i) mod N), random draws
// uniformly from the key's own stream. Same seed and key: same entry, in sim and live.
std::uint32_t pick_entry(CorpusPick pick, std::size_t count, std::uint64_t seed, DrawKey key);

}  // namespace loadtwin::core
