#pragma once
// The plan sections of the real-endpoints contract (SPEC "Targets, requests, dialects",
// "Budget"): `target`, `budget` and a scenario's `request`, read with located errors.
#include <optional>
#include <string>
#include <string_view>

#include "core/plan/json_fields.hpp"
#include "core/plan/plan.hpp"

namespace loadtwin::core {

void parse_target(JsonFields const& root, Plan& plan);
void parse_budget(JsonFields const& root, Plan& plan);
// A scenario's `request` object into `config` (bodies are loaded later: load_plan_requests).
void parse_request(JsonFields const& scenario, RequestConfig& config);

// Why a header may not be sent as written: a name that is not an HTTP token, a value with
// CR/LF (it would inject headers), or a header the transport owns (Host, Content-Length,
// Transfer-Encoding, Connection, loadtwin-*). nullopt when it is fine.
std::optional<std::string> header_problem(std::string_view name, std::string_view value);

}  // namespace loadtwin::core
