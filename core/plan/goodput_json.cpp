#include "core/plan/goodput_json.hpp"

#include "core/metrics/tags.hpp"

namespace loadtwin::core {

void parse_goodput(JsonFields const& options, Plan& plan) {
  auto const* value = options.get("goodput");
  if (value == nullptr) return;
  if (!value->is_object()) {  // checked before child(), which would say it less helpfully
    options.error("goodput",
                  "expected an object of per-request SLOs like "
                  "{\"first_token_latency\": \"500ms\"}, got " +
                      describe_json(*value));
    return;
  }
  JsonFields slos = options.child("goodput");
  slos.reject_unknown(
      std::vector<std::string_view>(goodput_slo_keys.begin(), goodput_slo_keys.end()));
  GoodputSlos out;
  std::optional<Duration>* fields[] = {&out.first_token_latency, &out.inter_token_latency,
                                       &out.inter_token_latency_max, &out.tool_invocation,
                                       &out.http_req_duration};
  for (std::size_t i = 0; i < goodput_slo_keys.size(); ++i) {
    *fields[i] = slos.duration(goodput_slo_keys[i], Duration{1});
  }
  if (value->as_object().empty()) {
    options.error("goodput",
                  "expected at least one SLO (first_token_latency, "
                  "inter_token_latency, inter_token_latency_max, tool_invocation, "
                  "http_req_duration)");
  }
  plan.goodput = out;
}

void check_goodput_thresholds(Plan const& plan, std::vector<PlanError>& errors) {
  if (plan.goodput) return;
  for (auto const& set : plan.thresholds) {
    auto const sel = parse_metric_selector(set.key);
    if (!sel.selector) continue;
    if (sel.selector->metric != "goodput" && sel.selector->metric != "good_requests") continue;
    errors.push_back({join_path("options.thresholds", set.key),
                      "threshold on " + sel.selector->metric +
                          " needs options.goodput (the per-request SLOs that make a request "
                          "good), e.g. {\"first_token_latency\": \"500ms\"}"});
  }
}

}  // namespace loadtwin::core
