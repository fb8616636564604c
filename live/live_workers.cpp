#include "live/live_workers.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <thread>

#include "live/mock_server.hpp"
#include "live/net.hpp"

namespace loadtwin::live {
namespace {

// Time for every thread to exist before the shared start instant (no --start-at).
constexpr auto spawn_margin = std::chrono::milliseconds(50);

std::int64_t wall_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Draws the one progress bar and ends the coordinator once every worker is done.
struct Coordinator {
  net::io_context& ioc;
  std::deque<Published> const& published;
  std::atomic<std::size_t> const& done;
  LiveOptions::Progress progress;
  core::Duration total;
  net::steady_timer timer{ioc};
  SteadyTime next_draw = std::chrono::steady_clock::now();

  void arm() {
    timer.expires_after(std::chrono::milliseconds(20));
    timer.async_wait([this](boost::system::error_code ec) {
      if (ec) return;
      bool const last = done.load() == published.size();
      draw(last);
      if (last) {
        ioc.stop();
      } else {
        arm();
      }
    });
  }
  void draw(bool last) {
    using P = LiveOptions::Progress;
    auto const now = std::chrono::steady_clock::now();
    if (progress == P::none || (!last && now < next_draw)) return;
    bool const tty = progress == P::terminal;
    next_draw = now + (tty ? std::chrono::milliseconds(200) : std::chrono::seconds(5));
    std::int64_t elapsed = 0;
    std::uint64_t requests = 0, errors = 0;
    for (auto const& p : published) {
      elapsed = std::max(elapsed, p.elapsed_ns.load());
      requests += p.requests.load();
      errors += p.errors.load();
    }
    double const secs = static_cast<double>(elapsed) / 1e9, full = core::to_ms(total) / 1000;
    int const width = 20;
    int const filled = full > 0 ? std::min(width, static_cast<int>(width * secs / full)) : width;
    std::string const line = fmt::format("[{}{}] {:.1f}s/{:.0f}s  {} reqs, {} err ({} workers)",
                                         std::string(filled, '='), std::string(width - filled, ' '),
                                         secs, full, requests, errors, published.size());
    if (tty) {
      std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), last ? "\n" : "");
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }
};

// Waits on the calling thread for every worker, forwarding Ctrl-C to them.
bool coordinate(LiveOptions const& options, std::deque<Published> const& published,
                std::atomic<std::size_t> const& done, std::atomic<bool>& stop,
                core::Duration total) {
  net::io_context ioc(1);
  Coordinator coordinator{ioc, published, done, options.progress, total};
  net::signal_set signals(ioc);
  bool interrupted = false;
  std::function<void()> wait_signal = [&] {
    signals.async_wait([&](boost::system::error_code ec, int) {
      if (ec) return;
      if (interrupted) std::_Exit(105);  // a second Ctrl-C exits hard
      interrupted = true;
      std::fprintf(stderr,
                   "\nloadtwin: interrupted; stopping every worker (Ctrl-C again to "
                   "exit at once)\n");
      stop = true;
      wait_signal();
    });
  };
  if (options.handle_signals) {
    signals.add(SIGINT);
    signals.add(SIGTERM);
    wait_signal();
  }
  coordinator.arm();
  ioc.run();
  signals.cancel();
  return interrupted;
}

}  // namespace

WorkersResult run_live_workers(core::Plan const& plan, LiveOptions const& options,
                               std::vector<core::ExecutionTuple> const& segments,
                               WorkerHooks const& hooks) {
  WorkersResult result;
  std::optional<MockServer> mock;
  LiveOptions shared = options;
  if (!options.base_url) {
    shared.base_url = start_in_process_mock(mock, plan.model, options.seed, result.error);
    if (shared.base_url->empty()) return result;
  }
  result.target = *shared.base_url;
  std::atomic<bool> stop{false};
  std::atomic<std::size_t> done{0};
  std::deque<Published> published(segments.size());
  shared.handle_signals = false;
  shared.progress = LiveOptions::Progress::none;
  shared.stop = &stop;
  shared.start_at_ns =
      options.start_at_ns.value_or(wall_now_ns() + std::chrono::nanoseconds(spawn_margin).count());
  result.workers.resize(segments.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    threads.emplace_back([&, i] {
      LiveOptions mine = shared;
      mine.segment = segments[i];
      mine.publish = &published[i];
      auto attach = [&](core::TestRun& run) {
        if (hooks.attach) hooks.attach(i, run);
      };
      auto finished = [&](core::TestRun const& run) {
        if (hooks.finished) hooks.finished(i, run);
      };
      try {
        result.workers[i] = run_live(plan, mine, attach, finished);
      } catch (std::exception const& e) {
        result.workers[i].error = std::string("worker failed: ") + e.what();
      }
      published[i].finished = true;
      ++done;
    });
  }
  result.interrupted = coordinate(options, published, done, stop, nominal_duration(plan));
  for (auto& t : threads) t.join();
  return result;
}

}  // namespace loadtwin::live
