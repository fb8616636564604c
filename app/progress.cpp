#include "app/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace loadtwin::app {

using std::chrono::steady_clock;

bool progress_wanted(bool quiet) { return !quiet && isatty(STDERR_FILENO) != 0; }

std::string eta_text(std::chrono::seconds left) {
  auto const s = left.count();
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

ProgressLine::ProgressLine(std::string label, bool enabled, Write write, Clock clock)
    : label_(std::move(label)),
      enabled_(enabled),
      write_(write ? std::move(write) : Write([](std::string const& text) {
        std::fputs(text.c_str(), stderr);
        std::fflush(stderr);
      })),
      clock_(clock ? std::move(clock) : Clock([] { return steady_clock::now(); })),
      start_(clock_()) {}

void ProgressLine::update(double fraction, std::string const& detail) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  auto const now = clock_();
  // Silent for the first second, then at most ten redraws a second.
  if (now - start_ < std::chrono::seconds(1) || now - last_draw_ < std::chrono::milliseconds(100))
    return;
  last_draw_ = now;
  fraction = std::clamp(fraction, 0.0, 1.0);
  std::string eta = "ETA --";
  if (fraction > 0) {
    auto const elapsed = std::chrono::duration<double>(now - start_).count();
    auto const left =
        std::chrono::seconds(static_cast<long long>(elapsed * (1 - fraction) / fraction + 0.5));
    eta = "ETA " + eta_text(left);
  }
  std::string line = fmt::format("  {} {:3.0f}%  {}  {}", label_, 100 * fraction, detail, eta);
  std::size_t const width = line.size();
  if (width < drawn_width_) line.append(drawn_width_ - width, ' ');  // wipe a longer line
  drawn_width_ = width;
  write_("\r" + line);
}

void ProgressLine::finish() {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  enabled_ = false;
  if (drawn_width_ > 0) write_("\r" + std::string(drawn_width_, ' ') + "\r");
}

}  // namespace loadtwin::app
