#pragma once
// The input-token estimate of a request body (SPEC "Requests"), shared by the plan loader
// (sim plays a corpus entry's size) and the mock (which reads the same bytes).
#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>

namespace loadtwin::core {

// UTF-8 bytes of the body's `system`, of every message's text content (a string or an
// array of blocks with `text`, either dialect) and of the serialized `tools` (an OpenAI
// function tool counted as its Messages API twin), / 4 rounded up.
std::uint32_t estimate_input_tokens(boost::json::object const& body);

// The bytes `tools` adds to that estimate. OpenAI function tools count as their Messages API
// twins, so the same tool costs the same in both dialects (and sim, which has no dialect).
std::size_t tools_input_bytes(boost::json::value const& tools);

}  // namespace loadtwin::core
