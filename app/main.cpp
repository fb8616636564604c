// The `loadtwin` executable: parses the command line and hands over to one command.
// Bad flags exit 104 like an invalid plan (k6's InvalidConfig).
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "app/calibrate/calibrate_command.hpp"
#include "app/calibrate/validate_command.hpp"
#include "app/convert_command.hpp"
#include "app/inspect_command.hpp"
#include "app/live_command.hpp"
#include "app/merge_command.hpp"
#include "app/mock_command.hpp"
#include "app/outputs.hpp"
#include "app/report_command.hpp"
#include "app/sim_command.hpp"
#include "app/sweep_command.hpp"
#include "app/version.hpp"
#include "core/exit_code.hpp"

namespace {

// `loadtwin foo`: name the unknown command (CLI11 would only say "arguments not expected").
std::optional<std::string> unknown_command(CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  std::string const word = argv[1];
  std::string known;
  for (auto const* sub : app.get_subcommands({})) {
    if (sub->get_name() == word) return std::nullopt;
    known += (known.empty() ? "" : ", ") + sub->get_name();
  }
  return "unknown command '" + word + "' (commands: " + known + "; see loadtwin --help)";
}

// https://no-color.org: a non-empty NO_COLOR turns colour off like --no-color.
bool no_color_requested() {
  char const* value = std::getenv("NO_COLOR");
  return value != nullptr && *value != '\0';
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"loadtwin: verify streaming-LLM latency SLOs in simulation and live"};
  app.require_subcommand(1);
  app.set_version_flag("--version", loadtwin::app::version_text());
  loadtwin::app::SimFlags sim_flags;
  loadtwin::app::add_sim_command(app, sim_flags);
  loadtwin::app::MockFlags mock_flags;
  loadtwin::app::add_mock_command(app, mock_flags);
  loadtwin::app::LiveFlags live_flags;
  loadtwin::app::add_live_command(app, live_flags);
  loadtwin::app::SweepFlags sweep_flags;
  loadtwin::app::add_sweep_command(app, sweep_flags);
  loadtwin::app::ConvertFlags convert_flags;
  loadtwin::app::add_convert_command(app, convert_flags);
  loadtwin::app::MergeFlags merge_flags;
  loadtwin::app::add_merge_command(app, merge_flags);
  loadtwin::app::InspectFlags inspect_flags;
  loadtwin::app::add_inspect_command(app, inspect_flags);
  loadtwin::app::ReportFlags report_flags;
  loadtwin::app::add_report_command(app, report_flags);
  loadtwin::app::CalibrateFlags calibrate_flags;
  loadtwin::app::add_calibrate_command(app, calibrate_flags);
  loadtwin::app::ValidateFlags validate_flags;
  loadtwin::app::add_validate_command(app, validate_flags);
  if (auto error = unknown_command(app, argc, argv)) return loadtwin::app::usage_error(*error);
  try {
    app.parse(argc, argv);
  } catch (CLI::CallForHelp const& e) {
    return app.exit(e);
  } catch (CLI::CallForAllHelp const& e) {
    return app.exit(e);
  } catch (CLI::CallForVersion const& e) {
    return app.exit(e);
  } catch (CLI::ParseError const& e) {
    app.exit(e);
    return static_cast<int>(loadtwin::core::ExitCode::invalid_plan);
  }
  if (no_color_requested()) {
    sim_flags.output.no_color = true;
    live_flags.output.no_color = true;
    merge_flags.no_color = true;
  }
  try {
    if (app.got_subcommand("sim")) return loadtwin::app::run_sim_command(sim_flags);
    if (app.got_subcommand("mock")) return loadtwin::app::run_mock_command(mock_flags);
    if (app.got_subcommand("live")) return loadtwin::app::run_live_command(live_flags);
    if (app.got_subcommand("sweep")) return loadtwin::app::run_sweep_command(sweep_flags);
    if (app.got_subcommand("convert")) return loadtwin::app::run_convert_command(convert_flags);
    if (app.got_subcommand("merge")) return loadtwin::app::run_merge_command(merge_flags);
    if (app.got_subcommand("inspect")) return loadtwin::app::run_inspect_command(inspect_flags);
    if (app.got_subcommand("report")) return loadtwin::app::run_report_command(report_flags);
    if (app.got_subcommand("calibrate")) {
      return loadtwin::app::run_calibrate_command(calibrate_flags);
    }
    if (app.got_subcommand("validate")) return loadtwin::app::run_validate_command(validate_flags);
  } catch (std::exception const& e) {
    std::cerr << "loadtwin: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
