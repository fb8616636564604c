#include "core/plan/goodput.hpp"

namespace loadtwin::core {
namespace {

bool within(std::optional<Duration> slo, std::optional<Duration> value) {
  return !slo || !value || *value <= *slo;
}

}  // namespace

bool meets_slos(GoodputSlos const& slos, RequestTimes const& times) {
  std::optional<Duration> gap_mean, gap_max;
  if (times.gaps > 0) {
    // Integer ns, rounded down: a mean exactly at the SLO meets it.
    gap_mean = times.gap_sum / times.gaps;
    gap_max = times.gap_max;
  }
  return within(slos.first_token_latency, times.first_token) &&
         within(slos.inter_token_latency, gap_mean) &&
         within(slos.inter_token_latency_max, gap_max) &&
         within(slos.tool_invocation, times.tool_invocation) &&
         within(slos.http_req_duration, times.duration);
}

}  // namespace loadtwin::core
