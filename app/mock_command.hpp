#pragma once
// `loadtwin mock`: serve the live SSE mock driven by a plan's model until SIGINT/SIGTERM.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace loadtwin::app {

struct MockFlags {
  std::string model_plan;  // "" = the embedded baseline's model
  std::vector<std::string> overrides;
  std::string host = "127.0.0.1";
  std::uint16_t port = 3456;
  unsigned threads = 1;
  std::uint64_t seed = 1;
  std::string api_key;
  std::size_t max_connections = 20'000;
  std::string header_timeout = "30s";
  std::string tls_cert;  // with tls_key: serve HTTPS only
  std::string tls_key;
  std::string tls_client_ca;  // require client certificates signed by this CA
  std::string dialect;        // --dialect: checked and named; the mock serves every dialect
};

void add_mock_command(CLI::App& app, MockFlags& flags);
int run_mock_command(MockFlags const& flags);

}  // namespace loadtwin::app
