#include "app/calibrate/validate_command.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <fstream>
#include <iostream>

#include "app/model_flag.hpp"
#include "app/outputs.hpp"
#include "app/plan_source.hpp"
#include "core/calibrate/validation.hpp"
#include "core/exit_code.hpp"
#include "core/plan/json_pretty.hpp"
#include "core/random.hpp"
#include "core/report/records_io.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::app {
namespace {

namespace json = boost::json;

// Every request of the record, reduced; nullopt and `error` (FILE:LINE) when it is bad.
std::optional<std::vector<core::ObservedRequest>> read_observed(std::string const& path,
                                                                std::string& error) {
  auto reader = core::RecordsReader::open(path, error);
  if (!reader) return std::nullopt;
  std::vector<core::ObservedRequest> out;
  while (auto record = reader->next()) out.push_back(core::observe(*record));
  if (!reader->error().empty()) {
    error = reader->error();
    return std::nullopt;
  }
  if (out.empty()) {
    error = path + ": no request records";
    return std::nullopt;
  }
  return out;
}

struct Predictions {
  core::RunPercentiles percentiles;
  std::vector<core::VerdictRow> verdicts;
};

Predictions predict(core::Plan plan, ValidateFlags const& f) {
  plan.summary_trend_stats = {"p(50)", "p(90)", "p(95)", "p(99)"};
  Predictions out;
  std::map<std::string, std::size_t> row_of;
  for (std::uint64_t k = 0; k < f.runs; ++k) {
    auto const result = sim::run_sim(plan, {.seed = core::replication_seed(f.seed, k)});
    for (auto const& m : result.summary.metrics) {
      if (m.is_submetric || m.samples == 0) continue;
      for (auto const& [stat, value] : m.trend) {
        double const p = std::stod(stat.substr(2, stat.size() - 3));
        out.percentiles[m.name][p].push_back(value);
      }
    }
    for (auto const& v : result.summary.verdicts) {
      std::string const id = v.key + " " + v.source;
      auto [it, fresh] = row_of.emplace(id, out.verdicts.size());
      if (fresh) out.verdicts.push_back({v.key, v.source, 0, std::nullopt});
      if (v.passed) out.verdicts[it->second].pass_fraction += 1.0 / static_cast<double>(f.runs);
    }
  }
  return out;
}

void print_validation(core::Validation const& v, ValidateFlags const& f, std::ostream& out) {
  out << fmt::format("validate: {} sim runs of {} with {} against {}\n\n", f.runs, f.plan, f.model,
                     f.record);
  out << fmt::format("  {:<22} {:>5} {:>11} {:>11} {:>23} {:>8}  {}\n", "metric", "p", "observed",
                     "predicted", "95% interval", "error", "in interval");
  for (auto const& c : v.cells) {
    out << fmt::format(
        "  {:<22} {:>5} {:>9.2f}ms {:>9.2f}ms [{:>8.2f}, {:>8.2f}]ms {:>7.1f}%  {}\n", c.metric,
        fmt::format("p{:g}", c.percentile), c.observed, c.predicted, c.lo, c.hi,
        c.relative_error * 100, c.in_interval ? "yes" : "no");
  }
  for (auto const& s : v.skipped) {
    out << fmt::format("  {:<22} fewer than {} samples in the record: not compared\n", s,
                       core::min_observed_samples);
  }
  out << fmt::format("\n  mean absolute relative error {:.1f}% (limit {:.1f}%)\n\n",
                     v.mean_error * 100, f.max_error * 100);
  for (auto const& r : v.verdicts) {
    std::string const observed = !r.observed ? "not in the record" : *r.observed ? "pass" : "fail";
    out << fmt::format("  {} {:<40} {:<14} predicted {} ({:.0f}% of runs pass), observed {}\n",
                       r.agrees() ? "✓" : "✗", r.key, r.source, r.predicted() ? "pass" : "fail",
                       r.pass_fraction * 100, observed);
  }
}

json::object validation_json(core::Validation const& v, ValidateFlags const& f) {
  json::array cells, verdicts;
  for (auto const& c : v.cells) {
    cells.push_back(json::object{{"metric", c.metric},
                                 {"percentile", c.percentile},
                                 {"observed", c.observed},
                                 {"predicted", c.predicted},
                                 {"ci95", json::array{c.lo, c.hi}},
                                 {"relative_error", c.relative_error},
                                 {"in_interval", c.in_interval}});
  }
  for (auto const& r : v.verdicts) {
    json::object o{{"threshold", r.key},
                   {"expression", r.source},
                   {"predicted_pass_fraction", r.pass_fraction},
                   {"agrees", r.agrees()}};
    if (r.observed) o["observed_pass"] = *r.observed;
    verdicts.push_back(std::move(o));
  }
  return json::object{{"runs", f.runs},
                      {"seed", f.seed},
                      {"mean_error", v.mean_error},
                      {"max_error", f.max_error},
                      {"cells", std::move(cells)},
                      {"verdicts", std::move(verdicts)}};
}

}  // namespace

void add_validate_command(CLI::App& app, ValidateFlags& f) {
  auto* v = app.add_subcommand(
      "validate", "Predict a held-out live run with sim replications and score the prediction");
  v->add_option("PLAN", f.plan, "the plan the held-out run ran")->required();
  v->add_option("--model", f.model, "the model to validate (calibrate's output)")->required();
  v->add_option("--record", f.record, "per-request records of the held-out run")->required();
  v->add_option("--runs", f.runs, "sim replications (default 100)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000}));
  v->add_option("--seed", f.seed, "seed of the replications (default 1)");
  v->add_option("--set", f.overrides, "override a plan field: PATH=VALUE (repeatable)");
  v->add_option("--max-error", f.max_error,
                "exit 99 when the mean absolute relative error exceeds this (0.10)")
      ->check(CLI::Range(0.0, 100.0));
  v->add_option("--json", f.json, "write the comparison as JSON to FILE");
  v->add_flag("-q,--quiet", f.quiet, "print nothing but errors");
}

int run_validate_command(ValidateFlags const& f) {
  if (!f.json.empty()) {
    if (auto problem = check_writable(f.json)) return usage_error(*problem);
  }
  auto loaded = load_plan(f.plan, f.overrides, core::PlanUse::run, model_edit(f.model));
  if (!loaded.plan) return usage_error(loaded.error);
  std::string error;
  auto observed = read_observed(f.record, error);
  if (!observed) return usage_error(error);
  auto predictions = predict(*loaded.plan, f);
  for (auto& row : predictions.verdicts) {
    row.observed = core::observed_verdict(*observed, row.key, row.source);
  }
  auto const v =
      core::score_validation(*observed, predictions.percentiles, std::move(predictions.verdicts));
  if (!f.json.empty()) {
    std::ofstream out(f.json, std::ios::binary | std::ios::trunc);
    out << core::render_json_pretty(validation_json(v, f)) << "\n";
    if (!out.flush()) return usage_error(f.json + ": cannot write");
  }
  if (!f.quiet) print_validation(v, f, std::cout);
  bool const holds = v.mean_error <= f.max_error && v.verdicts_agree() && !v.cells.empty();
  if (!f.quiet) {
    std::cout << (holds             ? "  prediction holds\n"
                  : v.cells.empty() ? "  prediction not scored: no metric has 100 samples\n"
                                    : "  prediction fails\n");
  }
  return holds ? 0 : static_cast<int>(core::ExitCode::thresholds_failed);
}

}  // namespace loadtwin::app
