// HTTPS end to end on loopback: the live client against the mock serving TLS with
// throw-away certificates (test_certs.hpp). Verification on, off, against the wrong name,
// client certificates, session resumption, and files that cannot be used. Every run is a
// few requests with a fast model; each direct exchange is bounded by run_for.
#include <gtest/gtest.h>

#include <deque>
#include <stdexcept>

#include "live/asio_scheduler.hpp"
#include "live/http_transport.hpp"
#include "live/live_run.hpp"
#include "live/mock_server.hpp"
#include "sim/sim_test_support.hpp"
#include "test_certs.hpp"

namespace loadtwin::live {
namespace {

using sim::testing::metric;
using testing::test_certs;

// Fails the test with the whole text when `part` is not in it.
#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

TlsClientOptions trusting(std::string const& ca) {
  TlsClientOptions o;
  o.ca_file = ca;
  return o;
}
TlsClientOptions insecure() {
  TlsClientOptions o;
  o.insecure = true;
  return o;
}
TlsClientOptions presenting(std::string const& cert, std::string const& key,
                            std::string const& ca = {}) {
  TlsClientOptions o;
  o.ca_file = ca;
  o.client_cert = cert;
  o.client_key = key;
  return o;
}

constexpr char const* fast_model = R"("model": {"error_rate": 0, "first_token_delay": "5ms",
    "token_interval": "2ms", "tokens_per_response": 3, "tool_call_delay": "1ms"})";

// `vus` VUs with `iterations` requests each; errors counted by reason.
core::Plan small_plan(int vus, int iterations, std::string const& timeout = "20s") {
  return sim::testing::plan_or_die(
      std::string("{") + fast_model + R"(, "options": {"timeout": ")" + timeout +
      R"(", "scenarios": {"s": {"executor": "per-vu-iterations", "vus": )" + std::to_string(vus) +
      R"(, "iterations": )" + std::to_string(iterations) + R"(, "exec": "simple_query"}},
      "thresholds": {"errors{reason:tls}": ["rate>=0"], "errors{reason:timeout}": ["rate>=0"]}}})");
}

struct MockTls {
  std::string cert, key, client_ca;
};

// The mock serving HTTPS with `tls`, on a free port.
class TlsMock {
 public:
  explicit TlsMock(MockTls const& tls) : server_(config(tls)), port_(server_.start()) {}
  [[nodiscard]] std::string url(std::string const& host = "localhost") const {
    return "https://" + host + ":" + std::to_string(port_);
  }
  [[nodiscard]] MockStats const& stats() const { return server_.stats(); }

 private:
  static MockConfig config(MockTls const& tls) {
    MockConfig c;
    c.port = 0;
    c.model = small_plan(1, 1).model;
    c.tls_cert = tls.cert;
    c.tls_key = tls.key;
    c.tls_client_ca = tls.client_ca;
    return c;
  }
  MockServer server_;
  std::uint16_t port_;
};

MockTls server_identity() { return {test_certs().server_cert, test_certs().server_key, {}}; }

LiveResult run(core::Plan const& plan, std::string const& url, TlsClientOptions tls) {
  LiveOptions options;
  options.handle_signals = false;
  options.base_url = url;
  options.tls = std::move(tls);
  return run_live(plan, options);
}

std::uint64_t samples(core::Summary const& s, std::string const& name) {
  auto const* m = metric(s, name);
  return m != nullptr ? m->samples : 0;
}
std::uint64_t errors(core::Summary const& s, std::string const& name) {
  auto const* m = metric(s, name);
  return m != nullptr ? m->passes : 0;
}

// One request's events and its end, as the transport reported them.
struct Recorded final : core::StreamObserver {
  std::optional<core::StreamEvent> sent;
  std::optional<core::RequestOutcome> outcome;
  void on_event(core::StreamEvent const& e) override {
    if (e.type == core::StreamEventType::sent) sent = e;
  }
  void on_end(core::RequestOutcome const& o) override { outcome = o; }
};

// An HttpTransport on its own io_context, driven request batch by request batch.
class Client {
 public:
  Client(std::string const& url, TlsClientOptions tls) : scheduler_(ioc_) {
    std::string error;
    auto const endpoint = parse_base_url(url, error);
    EXPECT_TRUE(endpoint) << error;
    HttpOptions options;
    options.tls = std::move(tls);
    transport_.emplace(ioc_, scheduler_, endpoint.value_or(Endpoint{}), options);
  }
  // Sends `n` requests at once; returns when all ended (or after 20 s: the test fails).
  std::deque<Recorded> send(int n) {
    std::deque<Recorded> recorded(static_cast<std::size_t>(n));
    core::RequestSpec spec;
    spec.scenario = "s";
    for (auto& r : recorded) transport_->send(spec, r);
    ioc_.restart();
    ioc_.run_for(std::chrono::seconds(20));
    for (auto const& r : recorded) EXPECT_TRUE(r.outcome) << "a request did not end";
    return recorded;
  }
  // One request's end.
  core::RequestOutcome one() { return send(1).front().outcome.value_or(core::RequestOutcome{}); }
  HttpTransport& transport() { return *transport_; }

 private:
  net::io_context ioc_{1};
  AsioScheduler scheduler_;
  std::optional<HttpTransport> transport_;
};

bool completed(core::RequestOutcome const& o) {
  return o.kind == core::OutcomeKind::completed && o.status == 200;
}
bool failed_tls(core::RequestOutcome const& o) {
  return o.kind == core::OutcomeKind::failed && o.reason == core::ErrorReason::tls;
}

}  // namespace

TEST(tls_test, parses_https_base_urls) {
  std::string error;
  auto e = parse_base_url("https://localhost", error);
  ASSERT_TRUE(e) << error;
  EXPECT_TRUE(e->tls);
  EXPECT_EQ(e->port, 443);
  e = parse_base_url("https://api.example:8443/proxy/", error);
  ASSERT_TRUE(e) << error;
  EXPECT_EQ(e->host, "api.example");
  EXPECT_EQ(e->port, 8443);
  EXPECT_EQ(e->path_prefix, "/proxy");
  e = parse_base_url("http://localhost", error);
  ASSERT_TRUE(e) << error;
  EXPECT_FALSE(e->tls);
  EXPECT_EQ(e->port, 80);
  e = parse_base_url("https://[::1]:8443", error);
  ASSERT_TRUE(e) << error;
  EXPECT_EQ(e->host, "::1");
  EXPECT_EQ(e->port, 8443);
  e = parse_base_url("http://[::1]", error);
  ASSERT_TRUE(e) << error;
  EXPECT_EQ(e->host, "::1");
  EXPECT_EQ(e->port, 80);
  EXPECT_FALSE(parse_base_url("http://[::1", error));
  EXPECT_FALSE(parse_base_url("http://localhost:http", error));
  EXPECT_FALSE(parse_base_url("ftp://localhost", error));
  EXPECT_FALSE(parse_base_url("https://:443", error));
}

TEST(tls_test, with_the_ca_every_request_passes_on_one_connection_per_vu) {
  ASSERT_FALSE(test_certs().ca.empty()) << "could not make the test certificates";
  TlsMock mock(server_identity());
  auto const r = run(small_plan(3, 4), mock.url(), trusting(test_certs().ca));
  ASSERT_TRUE(r.summary) << r.error;
  EXPECT_EQ(metric(*r.summary, "http_reqs")->count, 12);
  EXPECT_EQ(errors(*r.summary, "errors"), 0U);
  // Keep-alive: 3 VUs, 3 connections, 3 handshakes recorded (none for the reused ones).
  EXPECT_EQ(mock.stats().connections_total.load(), 3U);
  EXPECT_EQ(samples(*r.summary, "http_req_tls_handshaking"), 3U);
  EXPECT_EQ(mock.stats().tls_handshakes_failed.load(), 0U);
}

TEST(tls_test, without_the_ca_every_request_fails_with_reason_tls) {
  TlsMock mock(server_identity());
  auto const r = run(small_plan(2, 2), mock.url(), {});
  ASSERT_TRUE(r.summary) << r.error;
  EXPECT_EQ(errors(*r.summary, "errors{reason:tls}"), 4U);
  EXPECT_EQ(errors(*r.summary, "errors"), 4U);
  EXPECT_EQ(samples(*r.summary, "http_req_tls_handshaking"), 0U);
  EXPECT_EQ(mock.stats().tls_handshakes_failed.load(), 4U);
  auto const o = Client(mock.url(), {}).one();
  EXPECT_TRUE(failed_tls(o));
  EXPECT_CONTAINS(o.detail, "certificate verify failed (unable to get local issuer");
}

TEST(tls_test, insecure_turns_the_check_off) {
  TlsMock mock(server_identity());
  auto const r = run(small_plan(2, 2), mock.url("127.0.0.1"), insecure());
  ASSERT_TRUE(r.summary) << r.error;
  EXPECT_EQ(errors(*r.summary, "errors"), 0U);
  EXPECT_EQ(metric(*r.summary, "http_reqs")->count, 4);
}

TEST(tls_test, a_certificate_for_another_name_fails_with_reason_tls) {
  TlsMock mock({test_certs().other_cert, test_certs().other_key, {}});
  TlsClientOptions const trusted = trusting(test_certs().ca);
  auto const r = run(small_plan(1, 2), mock.url("127.0.0.1"), trusted);
  ASSERT_TRUE(r.summary) << r.error;
  EXPECT_EQ(errors(*r.summary, "errors{reason:tls}"), 2U);
  auto const by_address = Client(mock.url("127.0.0.1"), trusted).one();
  EXPECT_TRUE(failed_tls(by_address));
  EXPECT_CONTAINS(by_address.detail, "IP address mismatch");
  auto const by_name = Client(mock.url("localhost"), trusted).one();
  EXPECT_TRUE(failed_tls(by_name));
  EXPECT_CONTAINS(by_name.detail, "hostname mismatch");
  // The same certificate passes for its own name only when nobody checks.
  EXPECT_TRUE(completed(Client(mock.url("127.0.0.1"), insecure()).one()));
}

TEST(tls_test, a_mock_requiring_client_certificates_admits_the_ones_its_ca_signed) {
  auto const& c = test_certs();
  TlsMock mock({c.server_cert, c.server_key, c.ca});
  auto const none = run(small_plan(1, 2), mock.url(), trusting(c.ca));
  ASSERT_TRUE(none.summary) << none.error;
  EXPECT_EQ(errors(*none.summary, "errors{reason:tls}"), 2U);
  auto const signed_by_ca =
      run(small_plan(1, 2), mock.url(), presenting(c.client_cert, c.client_key, c.ca));
  ASSERT_TRUE(signed_by_ca.summary) << signed_by_ca.error;
  EXPECT_EQ(errors(*signed_by_ca.summary, "errors"), 0U);
  EXPECT_EQ(metric(*signed_by_ca.summary, "http_reqs")->count, 2);
  auto const stranger = Client(mock.url(), presenting(c.stranger_cert, c.stranger_key, c.ca)).one();
  EXPECT_TRUE(failed_tls(stranger)) << stranger.detail;
}

TEST(tls_test, a_second_connection_resumes_the_session) {
  TlsMock mock(server_identity());
  Client client(mock.url(), trusting(test_certs().ca));
  EXPECT_TRUE(completed(client.one()));
  // Two at once: one reuses the idle connection, the other opens one and resumes.
  auto const two = client.send(2);
  for (auto const& r : two) EXPECT_TRUE(completed(r.outcome.value_or(core::RequestOutcome{})));
  EXPECT_EQ(client.transport().connections_opened(), 2U);
  EXPECT_EQ(client.transport().tls_sessions_resumed(), 1U);
  EXPECT_EQ(mock.stats().tls_sessions_resumed.load(), 1U);
  ASSERT_TRUE(two[0].sent && two[1].sent);
  // The reused connection had no handshake; the new one had one (short, but not zero).
  EXPECT_NE(two[0].sent->tls_handshaking.count() == 0, two[1].sent->tls_handshaking.count() == 0);
}

TEST(tls_test, a_server_that_never_answers_the_handshake_times_out) {
  // A listener that never accepts: the TCP connect succeeds (backlog), the handshake waits
  // until the request timeout aborts it -- which must close the socket under TLS.
  net::io_context ioc;
  tcp::acceptor silent(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  auto const url = "https://127.0.0.1:" + std::to_string(silent.local_endpoint().port());
  auto const r = run(small_plan(1, 2, "300ms"), url, insecure());
  ASSERT_TRUE(r.summary) << r.error;
  EXPECT_EQ(errors(*r.summary, "errors{reason:timeout}"), 2U);
  EXPECT_EQ(r.summary->scenarios[0].counters.iterations_completed, 2U);
}

TEST(tls_test, unusable_files_are_reported_before_the_run) {
  auto const& c = test_certs();
  auto const plan = small_plan(1, 1);
  auto r = run(plan, "https://localhost:1", trusting("/nonexistent/ca.pem"));
  EXPECT_FALSE(r.summary);
  EXPECT_CONTAINS(r.error, "CA file '/nonexistent/ca.pem': No such file or directory");
  r = run(plan, "https://localhost:1", trusting(c.garbage));
  EXPECT_FALSE(r.summary);
  EXPECT_CONTAINS(r.error, c.garbage);
  r = run(plan, "https://localhost:1", presenting(c.client_cert, c.other_key));
  EXPECT_FALSE(r.summary);
  EXPECT_CONTAINS(r.error, "key values mismatch");
  EXPECT_TRUE(check_tls_options(trusting(c.ca)).empty());
  // The mock says which file, from start().
  MockConfig config;
  config.port = 0;
  config.tls_cert = c.garbage;
  config.tls_key = c.server_key;
  MockServer bad(config);
  try {
    bad.start();
    ADD_FAILURE() << "started with a garbage certificate";
  } catch (std::runtime_error const& e) {
    EXPECT_CONTAINS(e.what(), c.garbage);
  }
  config.tls_cert.clear();
  MockServer half(config);
  EXPECT_THROW(half.start(), std::runtime_error);
}

}  // namespace loadtwin::live
