#pragma once
// A one-line progress display with an ETA for long runs on a terminal (`sim` of a large
// plan, `sim --runs`, `sweep`): nothing on a non-TTY or with --quiet, and nothing during the
// first second, so quick runs stay silent. The ETA assumes the rest goes at the pace so far.
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace loadtwin::app {

// Whether progress should be shown: stderr is a terminal and --quiet was not given.
bool progress_wanted(bool quiet);

class ProgressLine {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  using Write = std::function<void(std::string const&)>;

  // `label` starts the line ("sim", "runs", "sweep"). Disabled: every call does nothing.
  // `write` and `clock` default to stderr and the steady clock (tests pass their own).
  ProgressLine(std::string label, bool enabled, Write write = {}, Clock clock = {});
  ~ProgressLine() { finish(); }
  ProgressLine(ProgressLine const&) = delete;
  ProgressLine& operator=(ProgressLine const&) = delete;

  // `fraction` done in [0, 1] and what to show about it; any thread. Redraws at most every
  // 100 ms.
  void update(double fraction, std::string const& detail);
  // Clears the line if anything was drawn; later updates draw nothing.
  void finish();

 private:
  std::string label_;
  bool enabled_;
  Write write_;
  Clock clock_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  std::size_t drawn_width_ = 0;
};

// "1m05s" / "42s" for an ETA.
std::string eta_text(std::chrono::seconds left);

}  // namespace loadtwin::app
