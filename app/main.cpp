// The `loadtwin` executable: parses the command line and hands over to one command.
// Bad flags exit 104 like an invalid plan (k6's InvalidConfig).
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/live_command.hpp"
#include "app/mock_command.hpp"
#include "app/sim_command.hpp"
#include "app/sweep_command.hpp"
#include "core/exit_code.hpp"

int main(int argc, char** argv) {
  CLI::App app{"loadtwin: verify streaming-LLM latency SLOs in simulation and live"};
  app.require_subcommand(1);
  loadtwin::app::SimFlags sim_flags;
  loadtwin::app::add_sim_command(app, sim_flags);
  loadtwin::app::MockFlags mock_flags;
  loadtwin::app::add_mock_command(app, mock_flags);
  loadtwin::app::LiveFlags live_flags;
  loadtwin::app::add_live_command(app, live_flags);
  loadtwin::app::SweepFlags sweep_flags;
  loadtwin::app::add_sweep_command(app, sweep_flags);
  try {
    app.parse(argc, argv);
  } catch (CLI::CallForHelp const& e) {
    return app.exit(e);
  } catch (CLI::CallForAllHelp const& e) {
    return app.exit(e);
  } catch (CLI::ParseError const& e) {
    app.exit(e);
    return static_cast<int>(loadtwin::core::ExitCode::invalid_plan);
  }
  try {
    if (app.got_subcommand("sim")) return loadtwin::app::run_sim_command(sim_flags);
    if (app.got_subcommand("mock")) return loadtwin::app::run_mock_command(mock_flags);
    if (app.got_subcommand("live")) return loadtwin::app::run_live_command(live_flags);
    if (app.got_subcommand("sweep")) return loadtwin::app::run_sweep_command(sweep_flags);
  } catch (std::exception const& e) {
    std::cerr << "loadtwin: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
