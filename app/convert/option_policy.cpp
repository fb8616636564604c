#include "app/convert/option_policy.hpp"

#include <array>

namespace loadtwin::app::convert {
namespace {

using F = OptionFate;

constexpr std::array<OptionPolicy, 46> policies{{
    {"scenarios", F::keep, ""},
    {"thresholds", F::keep, ""},
    {"tags", F::keep, ""},
    {"summaryTrendStats", F::keep, ""},
    {"summaryTimeUnit", F::keep, ""},
    {"vus", F::keep, ""},
    {"duration", F::keep, ""},
    {"iterations", F::keep, ""},
    {"stages", F::keep, ""},
    {"discardResponseBodies", F::drop, "loadtwin reads each stream as it arrives, keeps no body"},
    {"userAgent", F::drop, "loadtwin sends its own User-Agent"},
    {"hosts", F::drop, "name overrides: live drives the one --base-url"},
    {"dns", F::drop, "resolver settings: live drives the one --base-url"},
    {"insecureSkipTLSVerify", F::drop, "TLS setting of k6's HTTP client"},
    {"tlsAuth", F::drop, "TLS setting of k6's HTTP client"},
    {"tlsCipherSuites", F::drop, "TLS setting of k6's HTTP client"},
    {"tlsVersion", F::drop, "TLS setting of k6's HTTP client"},
    {"noConnectionReuse", F::drop, "live keeps one keep-alive connection per VU"},
    {"noVUConnectionReuse", F::drop, "live keeps one keep-alive connection per VU"},
    {"noCookiesReset", F::drop, "the Messages API uses no cookies"},
    {"batch", F::drop, "http.batch() limit; an iteration sends one request"},
    {"batchPerHost", F::drop, "http.batch() limit; an iteration sends one request"},
    {"maxRedirects", F::drop, "the Messages API does not redirect"},
    {"httpDebug", F::drop, "k6's HTTP debug output"},
    {"blacklistIPs", F::drop, "live drives the one --base-url"},
    {"blockHostnames", F::drop, "live drives the one --base-url"},
    {"localIPs", F::drop, "source addresses of k6's HTTP client"},
    {"systemTags", F::drop,
     "loadtwin tags every sample with scenario, kind, status, "
     "expected_response"},
    {"metricSamplesBufferSize", F::drop, "k6's internal buffer"},
    {"setupTimeout", F::drop, "loadtwin runs no setup()"},
    {"teardownTimeout", F::drop, "loadtwin runs no teardown()"},
    {"noSetup", F::drop, "loadtwin runs no setup()"},
    {"noTeardown", F::drop, "loadtwin runs no teardown()"},
    {"throw", F::drop, "JS exceptions of the script"},
    {"paused", F::drop, "no REST API resumes a paused loadtwin run"},
    {"consoleOutput", F::drop, "console output of the script"},
    {"linger", F::drop, "no web UI to keep open"},
    {"noUsageReport", F::drop, "loadtwin sends no usage report"},
    {"ext", F::drop, "k6 Cloud settings"},
    {"cloud", F::drop, "k6 Cloud settings"},
    {"rps", F::refuse,
     "caps requests per second across all VUs; dropping it raises the load "
     "(model the rate with a constant-arrival-rate scenario)"},
    {"minIterationDuration", F::refuse,
     "pads every iteration to a minimum length; dropping it "
     "raises the load (use a scenario's think_time)"},
    {"executionSegment", F::refuse, "runs only a part of the load on this instance"},
    {"executionSegmentSequence", F::refuse, "runs only a part of the load on this instance"},
    {"totalDuration", F::ignore, ""},
    {"maxVUs", F::ignore, ""},
}};

}  // namespace

std::optional<OptionPolicy> option_policy(std::string_view name) {
  for (auto const& p : policies) {
    if (p.name == name) return p;
  }
  return std::nullopt;
}

}  // namespace loadtwin::app::convert
