// `loadtwin mock --tls-cert/--tls-key` and `loadtwin live https://... --cacert/--insecure`
// end to end on loopback, with throw-away certificates made by the openssl CLI.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli_run.hpp"

namespace loadtwin::app {
namespace {

using test::contains;

// Makes a CA and a localhost/127.0.0.1 server certificate in `dir`, starts the TLS mock,
// runs `live_args` against it once per line, and prints "exit=N" after each.
std::string run_against_tls_mock(std::string const& dir, std::vector<std::string> const& lives) {
  std::string const bin = std::getenv("LOADTWIN_BIN");
  std::string script = "set -u; cd " + dir + R"(
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca -keyout ca.key -out ca.pem \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile san.ext -out server.pem 2>/dev/null
)" + bin + R"( mock --port 0 --tls-cert server.pem --tls-key server.key 2> mock.log &
mock=$!
for i in $(seq 100); do grep -q listening mock.log && break; sleep 0.1; done
port=$(sed -n 's/.*listening on https:\/\/127.0.0.1:\([0-9]*\).*/\1/p' mock.log)
)";
  for (auto const& args : lives) {
    script += bin + " live plan.json --no-color " + args + " 2>&1; echo exit=$?\n";
  }
  script += "kill -INT $mock; wait $mock\n";
  std::ofstream(dir + "/run.sh") << script;
  std::ofstream(dir + "/plan.json") << R"({"options": {"scenarios": {"s": {
      "executor": "shared-iterations", "vus": 2, "iterations": 4, "exec": "simple_query"}},
      "thresholds": {"errors": ["rate<0.01"], "first_token_latency": ["p(95)<500"]}}})";
  return test::run_shell("bash " + dir + "/run.sh", "", "2>&1").output;
}

}  // namespace

TEST(tls_cli_test, cacert_passes_a_missing_ca_fails_with_tls_and_insecure_is_named) {
  if (std::system("command -v openssl >/dev/null") != 0) GTEST_SKIP() << "no openssl CLI";
  std::string const dir = test::scratch("tls_cli");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto const out = run_against_tls_mock(
      dir, {"--base-url https://localhost:$port --cacert ca.pem",
            "--base-url https://localhost:$port", "--base-url https://127.0.0.1:$port --insecure",
            "--base-url https://localhost:$port --cacert missing.pem"});
  // 1: verified; 2: every request a tls error with the certificate problem named, exit 99.
  auto const first = out.find("exit=");
  ASSERT_NE(first, std::string::npos) << out;
  EXPECT_EQ(out.substr(first, 6), "exit=0") << out;
  EXPECT_TRUE(contains(out, "exit=99")) << out;
  EXPECT_TRUE(contains(out, "ERRORS BY REASON\n    tls 4")) << out;
  EXPECT_TRUE(contains(out, "first tls error:")) << out;
  EXPECT_TRUE(contains(out, "unable to get local issuer certificate")) << out;
  EXPECT_TRUE(contains(out, "http_req_tls_handshaking")) << out;
  // 3: passes, and says verification was off.
  EXPECT_TRUE(contains(out, "TLS verification off (--insecure)")) << out;
  // 4: an unusable CA file is a usage error before any connection.
  EXPECT_TRUE(contains(out, "missing.pem")) << out;
  EXPECT_TRUE(contains(out, "exit=104")) << out;
  std::filesystem::remove_all(dir);
}

}  // namespace loadtwin::app
