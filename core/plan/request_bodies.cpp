#include "core/plan/request_bodies.hpp"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <fstream>

#include "core/plan/input_tokens.hpp"
#include "core/plan/json_text.hpp"

namespace loadtwin::core {
namespace {

std::string resolve(std::string const& plan_dir, std::string const& path) {
  if (path.empty() || plan_dir.empty() || path.starts_with('/')) return path;
  return plan_dir + "/" + path;
}

std::optional<std::uint32_t> body_max_tokens(boost::json::object const& body) {
  for (char const* key : {"max_tokens", "max_completion_tokens"}) {
    auto const* v = body.if_contains(key);
    if (v != nullptr && v->is_int64() && v->as_int64() >= 1 && v->as_int64() <= UINT32_MAX) {
      return static_cast<std::uint32_t>(v->as_int64());
    }
  }
  return std::nullopt;
}

// Reads a JSONL corpus: one body per non-blank line.
std::vector<RequestBody> read_corpus(std::string const& path, std::string const& where,
                                     std::vector<PlanError>& errors) {
  std::vector<RequestBody> bodies;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back({where, path + ": cannot read the corpus file"});
    return bodies;
  }
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string error;
    if (auto body = read_request_body(line, error)) {
      bodies.push_back(std::move(*body));
    } else {
      errors.push_back({where, fmt::format("{}:{}: {}", path, number, error)});
    }
  }
  if (bodies.empty() && errors.empty()) {
    errors.push_back({where, path + ": the corpus has no entries"});
  }
  return bodies;
}

// SPEC: the mock decides the kind by the body (tools or not), sim by exec.
void check_kind(ScenarioConfig const& s, std::string const& where, std::vector<PlanError>& errors) {
  auto const& bodies = *s.request.bodies;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    bool const wants_tools = s.exec == RequestKind::tool_call;
    if (bodies[i].has_tools == wants_tools) continue;
    std::string const entry = s.request.body ? "the body" : fmt::format("entry {}", i + 1);
    errors.push_back(
        {where, fmt::format("exec {} but {} {} `tools`: sim and the server would "
                            "play different kinds of exchange",
                            to_string(s.exec), entry, wants_tools ? "has no" : "has")});
    return;
  }
}

}  // namespace

std::optional<RequestBody> read_request_body(std::string_view json_text, std::string& error) {
  auto parsed = parse_json_text(json_text);
  if (!parsed.value) {
    error = fmt::format("invalid JSON at column {}: {}", parsed.error->at.column,
                        parsed.error->message);
    return std::nullopt;
  }
  auto const* object = parsed.value->if_object();
  if (object == nullptr) {
    error = "expected a JSON object (a request body)";
    return std::nullopt;
  }
  RequestBody body;
  body.json = boost::json::serialize(*parsed.value);
  body.input_tokens = estimate_input_tokens(*object);
  body.max_tokens = body_max_tokens(*object);
  auto const* tools = object->if_contains("tools");
  body.has_tools = tools != nullptr && tools->is_array() && !tools->as_array().empty();
  return body;
}

void load_plan_requests(Plan& plan, std::string const& plan_dir, std::vector<PlanError>& errors) {
  for (auto& s : plan.scenarios) {
    std::string const where = "options.scenarios." + s.name + ".request";
    std::vector<RequestBody> bodies;
    if (s.request.body) {
      std::string error;
      if (auto body = read_request_body(*s.request.body, error)) bodies.push_back(*body);
      if (!error.empty()) errors.push_back({where + ".body", error});
    } else if (!s.request.corpus.empty()) {
      bodies = read_corpus(resolve(plan_dir, s.request.corpus), where + ".corpus", errors);
    } else {
      continue;
    }
    if (bodies.empty()) continue;
    s.request.bodies = std::make_shared<std::vector<RequestBody> const>(std::move(bodies));
    check_kind(s, where, errors);
  }
  if (plan.target) {
    auto& tls = plan.target->tls;
    for (auto* path : {&tls.ca_file, &tls.client_cert, &tls.client_key}) {
      *path = resolve(plan_dir, *path);
    }
  }
}

std::uint32_t pick_entry(CorpusPick pick, std::size_t count, std::uint64_t seed, DrawKey key) {
  if (count <= 1) return 0;
  if (pick == CorpusPick::sequential) {
    return static_cast<std::uint32_t>((key.a + key.b) % count);
  }
  Rng rng = rng_for(seed, key, DrawPurpose::corpus_pick);
  boost::random::uniform_int_distribution<std::size_t> uniform(0, count - 1);
  return static_cast<std::uint32_t>(uniform(rng));
}

}  // namespace loadtwin::core
