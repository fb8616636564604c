#include "core/plan/target_json.hpp"

#include <boost/json/serialize.hpp>
#include <cctype>

namespace loadtwin::core {
namespace {

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::vector<std::pair<std::string, std::string>> parse_headers(JsonFields const& f) {
  auto headers = f.string_map("headers").value_or(decltype(parse_headers(f)){});
  for (auto const& [name, value] : headers) {
    if (auto problem = header_problem(name, value)) {
      f.errors().push_back({join_path(f.path_of("headers"), name), *problem});
    }
  }
  return headers;
}

void parse_tls(JsonFields const& target, TlsConfig& tls) {
  JsonFields const f = target.child("tls");
  if (!target.has("tls")) return;
  if (!f.is_object()) {
    target.error("tls", "expected an object like {\"ca_file\": \"ca.pem\"}");
    return;
  }
  f.reject_unknown({"ca_file", "insecure", "client_cert", "client_key"});
  auto const path = [&](std::string_view key, std::string& out) {
    auto const* v = f.get(key);
    if (v == nullptr || v->is_null()) return;
    if (auto s = f.string(key)) out = *s;
  };
  path("ca_file", tls.ca_file);
  path("client_cert", tls.client_cert);
  path("client_key", tls.client_key);
  tls.insecure = f.boolean("insecure").value_or(false);
  if (tls.client_cert.empty() != tls.client_key.empty()) {
    f.error("client_cert", "client_cert and client_key go together");
  }
}

std::optional<std::uint64_t> limit(JsonFields const& f, std::string_view key) {
  auto const x = f.integer(key, 1, std::int64_t{1} << 62);
  return x ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(*x)) : std::nullopt;
}

}  // namespace

std::optional<std::string> header_problem(std::string_view name, std::string_view value) {
  if (name.empty()) return "empty header name";
  for (char c : name) {
    if (!token_char(c)) return "header name '" + std::string(name) + "' is not an HTTP token";
  }
  if (value.find_first_of("\r\n") != std::string_view::npos) {
    return "header value of '" + std::string(name) + "' has a line break";
  }
  for (std::string_view owned : {"host", "content-length", "transfer-encoding", "connection"}) {
    if (iequals(name, owned)) return "header '" + std::string(name) + "' is set by loadtwin";
  }
  if (name.size() >= 9 && iequals(name.substr(0, 9), "loadtwin-")) {
    return "header '" + std::string(name) + "' is set by loadtwin";
  }
  return std::nullopt;
}

void parse_target(JsonFields const& root, Plan& plan) {
  if (!root.has("target")) return;
  JsonFields const f = root.child("target");
  if (!f.is_object()) {
    root.error("target", "expected an object like {\"base_url\": \"https://...\"}");
    return;
  }
  f.reject_unknown({"base_url", "dialect", "api_key_env", "headers", "tls"});
  TargetConfig target;
  target.base_url = f.string("base_url").value_or("");
  target.dialect = f.string("dialect").value_or("");
  if (!target.dialect.empty() && target.dialect != "anthropic" && target.dialect != "openai") {
    f.error("dialect", "expected \"anthropic\" or \"openai\", got \"" + target.dialect + "\"");
  }
  target.api_key_env = f.string("api_key_env").value_or("");
  if (f.has("api_key") || f.has("key")) f.error("api_key", "the key itself is never in a plan");
  target.headers = parse_headers(f);
  parse_tls(f, target.tls);
  plan.target = std::move(target);
}

void parse_budget(JsonFields const& root, Plan& plan) {
  if (!root.has("budget")) return;
  JsonFields const f = root.child("budget");
  if (!f.is_object()) {
    root.error("budget", "expected an object like {\"max_requests\": 5000}");
    return;
  }
  f.reject_unknown({"max_requests", "max_input_tokens", "max_output_tokens", "max_cost", "prices"});
  BudgetConfig budget;
  budget.max_requests = limit(f, "max_requests");
  budget.max_input_tokens = limit(f, "max_input_tokens");
  budget.max_output_tokens = limit(f, "max_output_tokens");
  budget.max_cost = f.number("max_cost", 0, 1e12);
  if (f.has("prices")) {
    JsonFields const p = f.child("prices");
    if (!p.is_object()) {
      f.error("prices", "expected {\"input_per_mtok\": 3.0, \"output_per_mtok\": 15.0}");
    } else {
      p.reject_unknown({"input_per_mtok", "output_per_mtok"});
      TokenPrices prices;
      prices.input_per_mtok = p.number("input_per_mtok", 0, 1e9).value_or(0);
      prices.output_per_mtok = p.number("output_per_mtok", 0, 1e9).value_or(0);
      budget.prices = prices;
    }
  }
  if (budget.max_cost && !budget.prices) {
    f.error("max_cost", "needs prices (dollars per million input and output tokens)");
  }
  plan.budget = budget;
}

void parse_request(JsonFields const& scenario, RequestConfig& config) {
  if (!scenario.has("request")) return;
  JsonFields const f = scenario.child("request");
  if (!f.is_object()) {
    scenario.error("request", "expected an object like {\"body\": {...}} or {\"corpus\": FILE}");
    return;
  }
  f.reject_unknown({"body", "corpus", "pick", "headers"});
  if (auto const* body = f.get("body")) {
    if (!body->is_object()) {
      f.error("body", "expected a JSON object (the request body), got " + describe_json(*body));
    } else {
      config.body = boost::json::serialize(*body);
    }
  }
  if (auto corpus = f.string("corpus")) {
    if (corpus->empty()) f.error("corpus", "expected a file name");
    config.corpus = *corpus;
  }
  if (config.body && !config.corpus.empty()) {
    f.error("corpus", "give either body or corpus, not both");
  }
  if (auto pick = f.string("pick")) {
    if (*pick == "random") {
      config.pick = CorpusPick::random;
    } else if (*pick != "sequential") {
      f.error("pick", "expected \"sequential\" or \"random\", got \"" + *pick + "\"");
    }
  }
  config.headers = parse_headers(f);
}

}  // namespace loadtwin::core
