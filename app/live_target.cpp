#include "app/live_target.hpp"

#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>
#include <cstdlib>
#include <ostream>

#include "app/inspect.hpp"
#include "core/plan/target_json.hpp"
#include "wire/dialect.hpp"

namespace loadtwin::app {
namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "K: V" -> {K, V}; the problem otherwise.
std::optional<std::pair<std::string, std::string>> parse_header_flag(std::string const& text,
                                                                     std::string& error) {
  auto const colon = text.find(':');
  if (colon == std::string::npos) {
    error = "--header expects 'Name: value', got '" + text + "'";
    return std::nullopt;
  }
  std::string name = text.substr(0, colon);
  std::string value = text.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
  if (auto problem = core::header_problem(name, value)) {
    error = "--header: " + *problem;
    return std::nullopt;
  }
  return std::pair{std::move(name), std::move(value)};
}

// The key: --api-key, else the variable the flags, the plan or the dialect name.
std::string api_key(TargetFlags const& f, core::Plan const& plan, std::string const& dialect,
                    bool remote) {
  if (!f.api_key.empty()) return f.api_key;
  std::string variable = f.api_key_env;
  if (variable.empty() && plan.target) variable = plan.target->api_key_env;
  if (variable.empty()) variable = dialect == "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY";
  if (char const* value = std::getenv(variable.c_str()); value != nullptr && *value != '\0') {
    return value;
  }
  return remote ? "" : "loadtwin";  // the mock accepts any key unless told one
}

live::TlsClientOptions tls_options(TargetFlags const& f, core::Plan const& plan) {
  live::TlsClientOptions tls;
  if (plan.target) {
    auto const& t = plan.target->tls;
    tls = {t.ca_file, t.insecure, t.client_cert, t.client_key};
  }
  if (!f.cacert.empty()) tls.ca_file = f.cacert;
  if (!f.client_cert.empty()) tls.client_cert = f.client_cert;
  if (!f.client_key.empty()) tls.client_key = f.client_key;
  tls.insecure = tls.insecure || f.insecure;
  return tls;
}

std::optional<std::string> budget_problem(TargetFlags const& f, core::Plan const& plan,
                                          ResolvedTarget const& t) {
  bool const has_budget = plan.budget && plan.budget->any_limit();
  if (t.remote && !has_budget && !f.no_budget) {
    return fmt::format(
        "{} is a remote host and the plan has no budget: add a \"budget\" section (max_requests, "
        "max_input_tokens, max_output_tokens, max_cost) or pass --no-budget",
        t.host);
  }
  return std::nullopt;
}

}  // namespace

void add_target_flags(CLI::App* command, TargetFlags& f) {
  command->add_option("--dialect", f.dialect,
                      "wire format: anthropic (Messages API) or openai (Chat Completions); "
                      "default target.dialect, else anthropic");
  command->add_option("--api-key", f.api_key,
                      "the API key itself (prefer --api-key-env: a flag shows in `ps`)");
  command->add_option("--api-key-env", f.api_key_env,
                      "environment variable holding the key (default ANTHROPIC_API_KEY, or "
                      "OPENAI_API_KEY for openai)");
  command->add_option("--header", f.headers, "extra request header 'Name: value' (repeatable)");
  command->add_option("--cacert", f.cacert, "PEM file of a CA to trust besides the system's");
  command->add_flag("--insecure", f.insecure,
                    "no TLS certificate or host-name check (named in the summary)");
  auto* cert = command->add_option("--client-cert", f.client_cert, "client certificate (PEM)");
  auto* key = command->add_option("--client-key", f.client_key, "client private key (PEM)");
  cert->needs(key);
  key->needs(cert);
  command->add_flag("--allow-remote", f.allow_remote,
                    "allow a base URL whose host is not loopback (real traffic, real cost)");
  command->add_flag("--accept-cost", f.accept_cost,
                    "run even when the sim estimate exceeds the plan's budget");
  command->add_flag("--no-budget", f.no_budget,
                    "no spend guard: run a remote target without a budget, ignore the plan's");
}

std::optional<std::string> url_host(std::string const& url) {
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return std::nullopt;  // no user info
  if (authority.starts_with('[')) {
    auto const close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return std::string(authority.substr(1, close - 1));
  }
  std::string host(authority.substr(0, authority.rfind(':')));
  if (host.empty()) return std::nullopt;
  return host;
}

bool is_loopback_host(std::string const& host) {
  if (lower(host) == "localhost") return true;
  boost::system::error_code ec;
  auto const address = boost::asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

std::optional<ResolvedTarget> resolve_target(TargetFlags const& f, std::string const& base_url,
                                             bool mock, core::Plan const& plan,
                                             std::string& error) {
  ResolvedTarget t;
  if (!mock) {
    t.base_url = !base_url.empty() ? base_url : plan.target ? plan.target->base_url : "";
    if (t.base_url.empty()) {
      error = "live needs --base-url URL, a plan with target.base_url, or --mock";
      return std::nullopt;
    }
    auto host = url_host(t.base_url);
    if (!host) {
      error = "--base-url: expected http(s)://HOST[:PORT][/prefix], got '" + t.base_url + "'";
      return std::nullopt;
    }
    t.host = *host;
    t.remote = !is_loopback_host(t.host);
  }
  if (t.remote && !f.allow_remote) {
    error = fmt::format(
        "{} is not a loopback host: pass --allow-remote to send real traffic (and your API key) "
        "to it",
        t.host);
    return std::nullopt;
  }
  t.dialect = !f.dialect.empty()                             ? f.dialect
              : plan.target && !plan.target->dialect.empty() ? plan.target->dialect
                                                             : "anthropic";
  if (wire::find_client_dialect(t.dialect) == nullptr) {
    error = "--dialect: unknown dialect '" + t.dialect + "' (anthropic or openai)";
    return std::nullopt;
  }
  if (plan.target) t.headers = plan.target->headers;
  for (auto const& text : f.headers) {
    auto header = parse_header_flag(text, error);
    if (!header) return std::nullopt;
    t.headers.push_back(std::move(*header));
  }
  t.api_key = api_key(f, plan, t.dialect, t.remote);
  t.tls = tls_options(f, plan);
  if (auto problem = budget_problem(f, plan, t)) {
    error = *problem;
    return std::nullopt;
  }
  if (plan.budget && plan.budget->any_limit() && !f.no_budget) t.budget = plan.budget;
  if (t.remote) t.notices.push_back("remote target: " + t.host + " (--allow-remote)");
  if (t.tls.insecure) {
    t.notices.push_back("TLS verification off (--insecure): the server was not authenticated");
  }
  return t;
}

std::optional<std::string> budget_preflight(core::Plan const& plan, std::uint64_t seed,
                                            TargetFlags const& flags, std::ostream& out) {
  if (!plan.budget || flags.no_budget) return std::nullopt;
  auto const expected = inspect_plan(plan, seed);
  auto const& total = expected.total;
  out << fmt::format(
      "budget pre-flight (sim, seed {}): {} requests, {} input tokens, {} output "
      "tokens{}\n",
      seed, total.requests, total.input_tokens, total.output_tokens,
      expected.cost ? fmt::format(", ${:.2f}", *expected.cost) : "");
  auto const& b = *plan.budget;
  std::vector<std::string> over;
  auto const check = [&](char const* name, std::optional<std::uint64_t> limit, std::uint64_t v) {
    if (limit && v > *limit) over.push_back(fmt::format("{} {} > {}", name, v, *limit));
  };
  check("max_requests", b.max_requests, total.requests);
  check("max_input_tokens", b.max_input_tokens, total.input_tokens);
  check("max_output_tokens", b.max_output_tokens, total.output_tokens);
  if (b.max_cost && expected.cost && *expected.cost > *b.max_cost) {
    over.push_back(fmt::format("max_cost ${:.2f} > ${:.2f}", *expected.cost, *b.max_cost));
  }
  if (over.empty()) return std::nullopt;
  std::string list;
  for (auto const& o : over) list += (list.empty() ? "" : ", ") + o;
  if (flags.accept_cost) {
    out << "budget pre-flight: over the budget (" << list
        << "); --accept-cost given, the run stops at the limit\n";
    return std::nullopt;
  }
  return "the sim estimate exceeds the budget (" + list +
         "): raise the budget, or pass --accept-cost to run until the limit stops it (exit 108)";
}

std::string redact(std::string text, std::vector<std::string> const& secrets) {
  for (auto const& secret : secrets) {
    if (secret.empty()) continue;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[redacted]");
    }
  }
  return text;
}

}  // namespace loadtwin::app
