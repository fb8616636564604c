#pragma once
// Where `loadtwin live` sends its requests and with what (SPEC "Targets, requests,
// dialects", "Budget"): the plan's `target` section with the flags over it, the loopback
// rule (--allow-remote, checked before any lookup), the API key from the environment, the
// TLS settings, and the budget pre-flight (a sim run of the plan) for remote targets.
#include <CLI/CLI.hpp>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/stream_event.hpp"
#include "live/tls_options.hpp"

namespace loadtwin::app {

struct TargetFlags {
  std::string dialect;               // --dialect
  std::string api_key;               // --api-key (the key itself; prefer the environment)
  std::string api_key_env;           // --api-key-env
  std::vector<std::string> headers;  // --header 'K: V'
  std::string cacert;
  std::string client_cert;
  std::string client_key;
  bool insecure = false;
  bool allow_remote = false;
  bool accept_cost = false;
  bool no_budget = false;
};

void add_target_flags(CLI::App* command, TargetFlags& flags);

// Everything the runner needs to reach the target.
struct ResolvedTarget {
  std::string base_url;  // "" = the in-process mock (--mock)
  std::string host;      // of base_url
  bool remote = false;   // host is not loopback
  std::string dialect = "anthropic";
  std::string api_key;
  core::HeaderList headers;
  live::TlsClientOptions tls;
  std::optional<core::BudgetConfig> budget;  // enforced during the run
  std::vector<std::string> notices;          // for the summary (remote host, --insecure)
};

// Resolves flags over the plan; nullopt + `error` (exit 104) for a missing or bad URL, a
// remote host without --allow-remote, an unknown dialect, a bad header, or a remote run
// with no budget and no --no-budget. Reads the environment; makes no connection or lookup.
std::optional<ResolvedTarget> resolve_target(TargetFlags const& flags, std::string const& base_url,
                                             bool mock, core::Plan const& plan, std::string& error);

// The host of an http(s) URL ("[::1]" -> "::1"), without any lookup; nullopt if malformed.
std::optional<std::string> url_host(std::string const& url);
// localhost, 127.0.0.0/8 or ::1 (SPEC "Not loopback").
bool is_loopback_host(std::string const& host);

// The budget pre-flight for a remote target: simulates the plan with `seed`, prints the
// expected requests, tokens and cost to `out`, and returns the refusal (104) when that
// exceeds the budget and --accept-cost was not given.
std::optional<std::string> budget_preflight(core::Plan const& plan, std::uint64_t seed,
                                            TargetFlags const& flags, std::ostream& out);

// `text` with every occurrence of each non-empty secret replaced by "[redacted]".
std::string redact(std::string text, std::vector<std::string> const& secrets);

}  // namespace loadtwin::app
