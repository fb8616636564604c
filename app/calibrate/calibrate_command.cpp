#include "app/calibrate/calibrate_command.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <iostream>

#include "app/calibrate/calibration_html.hpp"
#include "app/outputs.hpp"
#include "app/plan_source.hpp"
#include "core/calibrate/calibrate.hpp"
#include "core/calibrate/calibration_json.hpp"
#include "core/plan/json_pretty.hpp"

namespace loadtwin::app {
namespace {

namespace json = boost::json;

bool write_text(std::string const& path, std::string const& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

// The plan's model fields that calibration did not fit, so the file is a whole model.
json::object with_plan_model(json::object fitted, std::string const& plan_path,
                             std::string& error) {
  std::ifstream in(plan_path, std::ios::binary);
  std::string const text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto loaded = load_plan(plan_path, {});
  if (!in || !loaded.plan) {
    error = loaded.error.empty() ? plan_path + ": cannot read the plan file\n" : loaded.error;
    return fitted;
  }
  json::error_code ec;
  json::value doc = json::parse(text, ec);
  auto const* model = ec ? nullptr : doc.as_object().if_contains("model");
  if (model == nullptr || !model->is_object()) return fitted;
  for (auto const& [key, value] : model->as_object()) {
    if (!fitted.contains(key)) fitted[key] = value;
  }
  return fitted;
}

void print_summary(core::Calibration const& c, std::ostream& out) {
  out << fmt::format("  load levels (in flight at send): {}\n",
                     c.load_identifiable ? "3 or more, load dependence fitted"
                                         : "fewer than 3, load dependence not identifiable");
  for (auto const& q : c.quantities) {
    if (q.params.empty()) {
      out << fmt::format("  {:<40} {:>8}  {}\n", q.name, q.samples, q.note);
      continue;
    }
    for (auto const& p : q.params) {
      out << fmt::format("  {:<40} {:>8}  {:<10} {:<8} {:>12.6g} {:<6} [{:.6g}, {:.6g}]\n", q.name,
                         q.samples, q.family, p.name, p.estimate, p.unit, p.lo, p.hi);
    }
  }
}

std::optional<std::string> check_outputs(CalibrateFlags const& f) {
  for (auto const* path : {&f.output, &f.diagnostics, &f.html}) {
    if (path->empty()) continue;
    if (auto problem = check_writable(*path)) return problem;
  }
  return std::nullopt;
}

}  // namespace

void add_calibrate_command(CLI::App& app, CalibrateFlags& f) {
  auto* c = app.add_subcommand(
      "calibrate", "Fit the model from per-request records of live runs (--out requests=FILE)");
  c->add_option("RECORD", f.records, "per-request records (.jsonl or .jsonl.gz), one or more")
      ->required();
  c->add_option("--plan", f.plan, "the plan: its model fills the fields the records cannot");
  c->add_option("-o,--output", f.output, "write the fitted model block to FILE (JSON)")->required();
  c->add_option("--diagnostics", f.diagnostics,
                "write per-quantity samples, estimates, 95% intervals, KS, quantiles (JSON)");
  c->add_option("--html", f.html, "write Q-Q and CDF plots of every fit (self-contained HTML)");
  c->add_option("--seed", f.seed, "key of the bootstrap's draws (default 1)");
  c->add_option("--bootstrap", f.bootstrap, "bootstrap replicates (default 200)")
      ->check(CLI::Range(1U, 100'000U));
  c->add_option("--min-samples", f.min_samples, "fewest samples a quantity is fitted from (30)")
      ->check(CLI::Range(2U, 1'000'000U));
  c->add_flag("--mixed", f.mixed,
              "fit records of different plans or seeds together (the same server)");
  c->add_flag("-q,--quiet", f.quiet, "print nothing but errors");
}

int run_calibrate_command(CalibrateFlags const& f) {
  if (auto problem = check_outputs(f)) return usage_error(*problem);
  std::string error;
  auto input = core::read_calibration_input(f.records, f.mixed, error);
  if (!input) return usage_error(error);
  if (input->records.empty()) return usage_error(f.records.front() + ": no request records");
  core::CalibrationOptions options;
  options.seed = f.seed;
  options.bootstrap = f.bootstrap;
  options.min_samples = f.min_samples;
  auto const calibration = core::calibrate(*input, options);
  if (calibration.fields.empty()) {
    return usage_error(fmt::format("{}: nothing could be fitted from {} records", f.records.front(),
                                   input->records.size()));
  }
  json::object model = core::model_json(calibration);
  if (!f.plan.empty()) {
    model = with_plan_model(std::move(model), f.plan, error);
    if (!error.empty()) return usage_error(error);
  }
  if (!write_text(f.output, core::render_json_pretty(model) + "\n")) {
    return usage_error(f.output + ": cannot write");
  }
  if (!f.diagnostics.empty() &&
      !write_text(
          f.diagnostics,
          core::render_json_pretty(core::diagnostics_json(calibration, f.records)) + "\n")) {
    return usage_error(f.diagnostics + ": cannot write");
  }
  if (!f.html.empty() && !write_text(f.html, calibration_html(calibration, f.records))) {
    return usage_error(f.html + ": cannot write");
  }
  if (!f.quiet) {
    std::cout << fmt::format("calibrate: {} requests from {} file(s)\n", input->records.size(),
                             input->files.size());
    print_summary(calibration, std::cout);
    std::cout << "  model written to " << f.output << "\n";
  }
  return 0;
}

}  // namespace loadtwin::app
