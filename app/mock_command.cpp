#include "app/mock_command.hpp"

#include <csignal>
#include <iostream>

#include "app/model_flag.hpp"
#include "app/plan_source.hpp"
#include "core/exit_code.hpp"
#include "live/mock_server.hpp"
#include "wire/dialect.hpp"

namespace loadtwin::app {

void add_mock_command(CLI::App& app, MockFlags& f) {
  auto* mock = app.add_subcommand(
      "mock",
      "Serve the LLM API mock (Anthropic Messages and OpenAI Chat Completions) driven by a "
      "plan's model");
  mock->add_option("--model", f.model_plan,
                   "model block (or plan whose `model`) drives the mock (default: baseline)");
  mock->add_option("--set", f.overrides, "override a plan field: PATH=VALUE (repeatable)");
  mock->add_option("--host", f.host, "address to listen on (default 127.0.0.1)");
  mock->add_option("--port", f.port, "port (default 3456; 0 = any free port)");
  mock->add_option("--threads", f.threads, "I/O threads (default 1)")->check(CLI::Range(1U, 64U));
  mock->add_option("--seed", f.seed, "seed of the model's draws (default 1)");
  mock->add_option("--api-key", f.api_key, "require this x-api-key (else 401)");
  mock->add_option("--max-connections", f.max_connections,
                   "open connections at most (default 20000)");
  mock->add_option("--header-timeout", f.header_timeout,
                   "time to read a whole request (default 30s)");
  auto* cert = mock->add_option("--tls-cert", f.tls_cert,
                                "serve HTTPS only, with this certificate chain (PEM)");
  auto* key = mock->add_option("--tls-key", f.tls_key, "private key (PEM) of --tls-cert");
  cert->needs(key);
  key->needs(cert);
  mock->add_option("--dialect", f.dialect,
                   "the API clients will speak: anthropic or openai (the mock serves both "
                   "POST /v1/messages and POST /v1/chat/completions from the same draws)")
      ->check([](std::string const& name) {
        return wire::find_client_dialect(name) ? std::string() : "anthropic or openai";
      });
  mock->add_option("--tls-client-ca", f.tls_client_ca,
                   "require client certificates signed by this CA (PEM)")
      ->needs(cert);
}

int run_mock_command(MockFlags const& f) {
  // A plan or a bare model block: its model replaces the embedded baseline's.
  auto loaded = load_plan("", f.overrides, core::PlanUse::model_only, model_edit(f.model_plan));
  if (!loaded.plan) {
    std::cerr << "loadtwin: " << loaded.error;
    return static_cast<int>(core::ExitCode::invalid_plan);
  }
  auto const timeout = core::parse_duration(f.header_timeout);
  if (!timeout || timeout->count() == 0) {
    std::cerr << "loadtwin: --header-timeout expects a duration like 30s\n";
    return static_cast<int>(core::ExitCode::invalid_plan);
  }
  live::MockConfig config;
  config.host = f.host;
  config.port = f.port;
  config.threads = f.threads;
  config.seed = f.seed;
  config.model = loaded.plan->model;
  if (!f.api_key.empty()) config.api_key = f.api_key;
  config.max_connections = f.max_connections;
  config.header_timeout = *timeout;
  config.tls_cert = f.tls_cert;
  config.tls_key = f.tls_key;
  config.tls_client_ca = f.tls_client_ca;
  live::MockServer server(config);
  std::uint16_t port = 0;
  try {
    port = server.start();
  } catch (boost::system::system_error const& e) {
    std::cerr << "loadtwin mock: cannot listen on " << f.host << ":" << f.port << ": " << e.what()
              << "\n";
    return 1;
  } catch (std::exception const& e) {  // an unusable TLS file
    std::cerr << "loadtwin mock: " << e.what() << "\n";
    return 1;
  }
  std::string const model_from = f.model_plan.empty() ? loaded.display_name : f.model_plan;
  char const* const scheme = f.tls_cert.empty() ? "http" : "https";
  std::cerr << "loadtwin mock: listening on " << scheme << "://" << f.host << ":" << port
            << " (model from " << model_from << ", seed " << f.seed << ", " << f.threads
            << " thread(s)); POST /v1/messages (anthropic), POST /v1/chat/completions (openai)\n";
  live::net::io_context signals_ioc;
  live::net::signal_set signals(signals_ioc, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code const&, int) { server.stop(); });
  signals_ioc.run();
  server.wait();
  auto const& stats = server.stats();
  std::cerr << "loadtwin mock: stopped; " << stats.requests_total() << " requests on "
            << stats.connections_total.load() << " connections ("
            << stats.connections_refused.load() << " refused over the connection cap";
  if (!f.tls_cert.empty()) {
    std::cerr << ", " << stats.tls_handshakes_failed.load() << " failed TLS handshakes";
  }
  std::cerr << ")\n";
  for (auto const& [key, n] : stats.requests()) {
    std::cerr << "  " << key.second << " " << key.first << ": " << n << "\n";
  }
  return 0;
}

}  // namespace loadtwin::app
