#include "live/live_run.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "core/run/vu_schedule.hpp"
#include "live/asio_scheduler.hpp"
#include "live/http_transport.hpp"
#include "live/mock_server.hpp"

namespace loadtwin::live {
namespace {

constexpr auto poll_period = std::chrono::milliseconds(10);

core::Duration scenario_length(core::ScenarioConfig const& s) {
  switch (s.executor) {
    case core::ExecutorKind::constant_vus:
    case core::ExecutorKind::constant_arrival_rate:
    case core::ExecutorKind::trace:
      return s.duration;
    case core::ExecutorKind::ramping_vus:
    case core::ExecutorKind::ramping_arrival_rate:
      return core::total_duration(s.stages);
    case core::ExecutorKind::per_vu_iterations:
    case core::ExecutorKind::shared_iterations:
      return s.max_duration;
  }
  return {};
}

std::string progress_line(core::TestRun const& run, core::Duration total) {
  double const elapsed = core::to_ms(run.duration()) / 1000, full = core::to_ms(total) / 1000;
  int const width = 20;
  int const filled = full > 0 ? std::min(width, static_cast<int>(width * elapsed / full)) : width;
  std::string line = fmt::format("[{}{}] {:.1f}s/{:.0f}s", std::string(filled, '='),
                                 std::string(width - filled, ' '), elapsed, full);
  for (auto const& r : run.scenario_reports()) {
    auto const& c = r.counters;
    line += fmt::format("  {}: {} reqs, {} err", r.name, c.requests_ok + c.requests_error,
                        c.requests_error);
  }
  return line;
}

// Polls for the end of the run (and the engine bound), and draws progress.
struct Watch {
  net::io_context& ioc;
  core::TestRun& run;
  LiveOptions const& options;
  core::Duration total;
  net::steady_timer timer{ioc};
  SteadyTime next_progress = std::chrono::steady_clock::now();

  void arm() {
    timer.expires_after(poll_period);
    timer.async_wait([this](boost::system::error_code ec) {
      if (!ec) tick();
    });
  }
  void tick() {
    if (run.metrics().bound_hit()) run.stop(core::StopReason::engine_bound);
    if (options.stop != nullptr && options.stop->load()) run.stop(core::StopReason::interrupted);
    publish();
    draw(false);
    if (run.finished()) {
      draw(true);
      ioc.stop();
      return;
    }
    arm();
  }
  void publish() {
    if (options.publish == nullptr) return;
    std::uint64_t requests = 0, errors = 0;
    for (auto const& r : run.scenario_reports()) {
      requests += r.counters.requests_ok + r.counters.requests_error;
      errors += r.counters.requests_error;
    }
    options.publish->elapsed_ns = run.duration().count();
    options.publish->requests = requests;
    options.publish->errors = errors;
    options.publish->finished = run.finished();
  }
  void draw(bool last) {
    using P = LiveOptions::Progress;
    auto const now = std::chrono::steady_clock::now();
    if (options.progress == P::none || (!last && now < next_progress)) return;
    bool const tty = options.progress == P::terminal;
    next_progress = now + (tty ? std::chrono::milliseconds(200) : std::chrono::seconds(5));
    std::string const line = progress_line(run, total);
    if (tty) {
      std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), last ? "\n" : "");
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }
};

HttpOptions http_options(LiveOptions const& options) {
  HttpOptions http;
  http.api_key = options.api_key;
  http.dialect = options.dialect;
  if (options.dialect == "openai") http.model = "gpt-4o-mini";  // for built-in bodies
  http.tls = options.tls;
  http.headers = options.headers;
  http.send_draw_key = options.send_draw_key;
  return http;
}

}  // namespace

core::Duration nominal_duration(core::Plan const& plan) {
  core::Duration total{0};
  for (auto const& s : plan.scenarios) total = std::max(total, s.start_time + scenario_length(s));
  return total;
}

void wait_for_start(std::int64_t start_ns, std::function<bool()> const& stopped,
                    net::io_context* ioc) {
  using namespace std::chrono;
  auto const at =
      system_clock::time_point(duration_cast<system_clock::duration>(nanoseconds(start_ns)));
  while (system_clock::now() + milliseconds(2) < at) {
    if (stopped && stopped()) return;
    auto const chunk = std::min<system_clock::duration>(milliseconds(50),
                                                        at - milliseconds(2) - system_clock::now());
    if (ioc != nullptr) {
      ioc->run_for(chunk);  // signals are handled while waiting
    } else {
      std::this_thread::sleep_for(chunk);
    }
  }
  while (system_clock::now() < at) {
  }
}

namespace {

// Ctrl-C and SIGTERM for a run on this thread, from the start barrier on: the first stops
// the run (one at the barrier stops it as soon as it exists), a second exits at once.
class Interrupts {
 public:
  Interrupts(net::io_context& ioc, bool enabled) : signals_(ioc) {
    if (!enabled) return;
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    arm();
  }
  // After run.start(): an interrupt that came at the barrier stops it now.
  void attach(core::TestRun& run) {
    run_ = &run;
    if (pending_) run.stop(core::StopReason::interrupted);
  }
  [[nodiscard]] bool pending() const { return pending_; }
  void cancel() { signals_.cancel(); }

 private:
  void arm() {
    signals_.async_wait([this](boost::system::error_code ec, int) {
      if (ec) return;
      if (++count_ > 1) std::_Exit(105);  // a second Ctrl-C exits hard
      std::fprintf(stderr, "\nloadtwin: interrupted; stopping (Ctrl-C again to exit at once)\n");
      if (run_ != nullptr) {
        run_->stop(core::StopReason::interrupted);
      } else {
        pending_ = true;
      }
      arm();
    });
  }
  net::signal_set signals_;
  core::TestRun* run_ = nullptr;
  bool pending_ = false;
  int count_ = 0;
};

std::string ratelimit_notice(core::TestRun const& run) {
  std::string text = "rate limits (last reply):";
  for (auto const& [name, value] : run.last_ratelimit()) text += " " + name + "=" + value;
  return text;
}

core::Summary live_summary(core::TestRun const& run, core::Plan const& plan,
                           LiveOptions const& options) {
  core::Summary summary = core::summarize(run, plan, options.no_data_fail);
  summary.simulated = false;
  if (run.stop_reason() == core::StopReason::engine_bound) {
    summary.stop_message =
        fmt::format("stopped: a trend reached --max-trend-samples={} (engine bound)",
                    options.max_trend_samples);
  } else if (run.stop_reason() == core::StopReason::interrupted) {
    summary.stop_message = "interrupted: partial results";
  } else if (run.stop_reason() == core::StopReason::budget) {
    summary.stop_message = "budget stop: " + run.budget()->limit() +
                           "; no request started after it, running ones finished";
  }
  for (auto const& [reason, detail] : run.first_failures()) {
    summary.notices.push_back(fmt::format("first {} error: {}", core::to_string(reason), detail));
  }
  if (!run.last_ratelimit().empty()) summary.notices.push_back(ratelimit_notice(run));
  return summary;
}

}  // namespace

LiveResult run_live(core::Plan const& plan, LiveOptions const& options,
                    std::function<void(core::TestRun&)> const& attach,
                    std::function<void(core::TestRun const&)> const& finished) {
  LiveResult result;
  std::optional<MockServer> mock;
  std::string const url = options.base_url
                              ? *options.base_url
                              : start_in_process_mock(mock, plan.model, options.seed, result.error);
  if (url.empty()) return result;
  result.target = url;
  auto endpoint = parse_base_url(url, result.error);
  if (!endpoint) return result;
  if (endpoint->tls) {  // e.g. an unreadable CA file: said before any wait or connection
    result.error = check_tls_options(options.tls);
    if (!result.error.empty()) return result;
  }
  net::io_context ioc(1);
  Interrupts interrupts(ioc, options.handle_signals);
  if (options.start_at_ns) {
    auto const stopped = [&] {
      return interrupts.pending() || (options.stop != nullptr && options.stop->load());
    };
    wait_for_start(*options.start_at_ns, stopped, options.handle_signals ? &ioc : nullptr);
    ioc.restart();  // run_for may have left it stopped
  }
  AsioScheduler scheduler(ioc);
  HttpTransport transport(ioc, scheduler, *endpoint, http_options(options));
  if (!transport.error().empty()) {
    result.error = transport.error();
    return result;
  }
  core::TestRun run(plan, scheduler, transport,
                    core::RunOptions{options.seed, options.max_trend_samples, options.timeout,
                                     options.segment, options.budget});
  if (attach) attach(run);
  Watch watch{ioc, run, options, nominal_duration(plan)};
  run.start();
  interrupts.attach(run);
  watch.arm();
  ioc.run();
  interrupts.cancel();
  watch.publish();
  result.summary = live_summary(run, plan, options);
  if (finished) finished(run);
  return result;
}

}  // namespace loadtwin::live
