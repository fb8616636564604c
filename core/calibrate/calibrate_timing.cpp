// calibrate's time quantities: network rtt, first-token delay (with its per-input-token
// cost and the load slowdown), token interval and tool-call delay.
#include <fmt/format.h>

#include "core/calibrate/bootstrap.hpp"
#include "core/calibrate/calibrate_delay.hpp"
#include "core/calibrate/calibrate_parts.hpp"
#include "core/calibrate/calibrate_sample.hpp"

namespace loadtwin::core {
namespace {

// A slowdown that changes delays by less than this at the highest load seen is noise (or a
// bias too small to matter): fitting it would turn constant delays into empirical ones.
constexpr double material_slowdown = 0.01;

void set_field(Calibration& out, std::string const& field) { out.fields.push_back(field); }

QuantityFit not_fitted(std::string name, std::uint64_t samples, std::string note) {
  QuantityFit fit;
  fit.name = std::move(name);
  fit.samples = samples;
  fit.note = std::move(note);
  return fit;
}

// slowdown_per_active_stream and first_token_delay_per_1k_input_tokens: their estimates
// and intervals from the first-token fit's bootstrap.
void report_delay_params(CalibrationState& s, DelayFit const& fit,
                         std::vector<std::pair<double, double>> const& ci,
                         std::optional<double> immaterial_k) {
  std::size_t const n = s.text.size();
  if (immaterial_k) {
    s.out.quantities.push_back(not_fitted(
        "slowdown_per_active_stream", n,
        fmt::format("no load dependence: the fitted k={:.3g} changes delays by {:.2f}% at the "
                    "highest load seen ({} streams), under the {:.0f}% that counts",
                    *immaterial_k, 100 * *immaterial_k * s.view.max_active, s.view.max_active,
                    100 * material_slowdown)));
  } else if (s.out.load_identifiable) {
    QuantityFit k{.name = "slowdown_per_active_stream", .samples = n, .fitted = true};
    k.params.push_back({"k", fit.slowdown, ci[0].first, ci[0].second, ""});
    s.out.quantities.push_back(std::move(k));
    s.out.model.slowdown_per_active_stream = fit.slowdown;
    set_field(s.out, "slowdown_per_active_stream");
  } else {
    s.out.quantities.push_back(
        not_fitted("slowdown_per_active_stream", n,
                   "not identifiable from these records (fewer than 3 load levels)"));
  }
  if (fit.input_varies) {
    QuantityFit b{.name = "first_token_delay_per_1k_input_tokens", .samples = n, .fitted = true};
    b.params.push_back(
        {"per_1k", fit.per_1k * 1e-6, ci[1].first * 1e-6, ci[1].second * 1e-6, "ms"});
    s.out.quantities.push_back(std::move(b));
    s.out.model.first_token_delay_per_1k_input_tokens = Duration{std::llround(fit.per_1k)};
    set_field(s.out, "first_token_delay_per_1k_input_tokens");
  } else {
    s.out.quantities.push_back(
        not_fitted("first_token_delay_per_1k_input_tokens", n,
                   "not identifiable from these records (every request has the same input size)"));
  }
}

}  // namespace

void fit_network_rtt(CalibrationState& s) {
  auto const& samples = s.view.rtt_samples;
  SampleQuantity q{"network_rtt",
                   samples.size(),
                   [&samples](std::vector<std::uint32_t> const& units, auto) {
                     std::vector<double> v;
                     v.reserve(units.size());
                     for (auto u : units) v.push_back(samples[u]);
                     return v;
                   },
                   1e-6,
                   "ms",
                   s.resolution};
  if (auto dist = fit_sample_quantity(q, s.options, s.out)) {
    s.out.model.network_rtt = *dist;
    set_field(s.out, "network_rtt");
  } else {
    s.out.quantities.back().note +=
        "; not identifiable: needs replies answered at once or sent alone (in_flight 0)";
  }
}

void fit_first_token_delay(CalibrationState& s) {
  std::size_t const n = s.text.size();
  if (n < s.options.min_samples) {
    s.out.quantities.push_back(
        not_fitted("first_token_delay", n,
                   fmt::format("too few samples ({} < {})", n, s.options.min_samples)));
    return;
  }
  bool load = s.out.load_identifiable;
  auto full =
      fit_first_token(s.input, s.view, s.text, all_units(n), load, std::nullopt, s.resolution);
  std::optional<double> immaterial_k;
  if (load && full.slowdown * s.view.max_active < material_slowdown) {
    immaterial_k = full.slowdown;
    load = false;
    full =
        fit_first_token(s.input, s.view, s.text, all_units(n), false, std::nullopt, s.resolution);
  }
  std::vector<double> estimate{full.slowdown, full.per_1k};
  for (auto const& [name, v] : full.dist.params) estimate.push_back(v);
  s.slowdown_draws.assign(s.options.bootstrap, full.slowdown);
  auto const estimator = [&](std::vector<std::uint32_t> const& units, std::uint32_t replicate) {
    auto const f = fit_first_token(s.input, s.view, s.text, units, load, full.dist.family, 0);
    s.slowdown_draws[replicate] = f.slowdown;
    std::vector<double> out{f.slowdown, f.per_1k};
    for (auto const& [name, v] : f.dist.params) out.push_back(v);
    return out;
  };
  auto const ci = bootstrap_intervals(
      n, estimate, estimator,
      {"first_token_delay", s.options.seed, s.options.bootstrap, s.options.bootstrap_cap});
  s.slowdown = full.slowdown;
  QuantityFit fit{.name = "first_token_delay", .samples = n, .fitted = true};
  fit.family = std::string(to_string(full.dist.family));
  fit.ks = full.dist.ks;
  fit.note = "the delay net of the input cost and the load slowdown";
  for (std::size_t i = 0; i < full.dist.params.size(); ++i) {
    fit.params.push_back({full.dist.params[i].first, estimate[i + 2] * 1e-6, ci[i + 2].first * 1e-6,
                          ci[i + 2].second * 1e-6, "ms"});
  }
  std::vector<double> sorted = full.residuals;
  std::sort(sorted.begin(), sorted.end());
  describe_fit(sorted, full.dist.dist, 1e-6, fit);
  s.out.quantities.push_back(std::move(fit));
  s.out.model.first_token_delay = full.dist.dist;
  set_field(s.out, "first_token_delay");
  report_delay_params(s, full, ci, immaterial_k);
}

void fit_token_interval(CalibrationState& s) {
  auto const values = [&s](std::vector<std::uint32_t> const& units,
                           std::optional<std::uint32_t> replicate) {
    double const k = s.slowdown_at(replicate);
    std::vector<double> v;
    for (auto u : units) {
      CalRecord const& r = s.input.records[s.text[u]];
      double const factor = slowdown_factor(k, s.view.active[s.text[u]]);
      for (std::uint32_t g = 0; g < r.gap_count; ++g) {
        v.push_back(static_cast<double>(s.input.gaps[r.gap_begin + g]) / factor);
      }
    }
    return v;
  };
  SampleQuantity q{"token_interval", s.text.size(), values, 1e-6, "ms", s.resolution};
  if (auto dist = fit_sample_quantity(q, s.options, s.out)) {
    s.out.model.token_interval = *dist;
    set_field(s.out, "token_interval");
  }
}

void fit_tool_call_delay(CalibrationState& s) {
  auto const values = [&s](std::vector<std::uint32_t> const& units,
                           std::optional<std::uint32_t> replicate) {
    double const k = s.slowdown_at(replicate);
    std::vector<double> v;
    v.reserve(units.size());
    for (auto u : units) {
      CalRecord const& r = s.input.records[s.tool[u]];
      double const factor = slowdown_factor(k, s.view.active[s.tool[u]]);
      v.push_back(static_cast<double>(r.end - r.headers) / factor);
    }
    return v;
  };
  SampleQuantity q{"tool_call_delay", s.tool.size(), values, 1e-6, "ms", s.resolution};
  if (auto dist = fit_sample_quantity(q, s.options, s.out)) {
    s.out.model.tool_call_delay = *dist;
    set_field(s.out, "tool_call_delay");
  }
}

}  // namespace loadtwin::core
