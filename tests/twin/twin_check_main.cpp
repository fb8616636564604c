// scripts/twin.sh: the twin check for as long as asked. Random plans (one per seed) run in
// sim and live against the in-process mock; every request must agree (SPEC "One twin").
// A failing seed prints its plan: add it to regression_seeds in twin_check_test.cpp.
// A plan whose requests all agree but whose timing misses the tolerance runs once more: a
// drift in the model reproduces, a stall of the real clock (this is a 2-core machine) does
// not. It fails only when both runs miss; otherwise it is counted as clock noise.
// --judge-only 1 runs sim alone and prints which plans would be skipped and why (to tune
// the generator: every skipped plan is a plan not checked).
//   twin_check [--seconds S] [--first-seed N] [--plans N] [--judge-only 1]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "twin_runner.hpp"

int main(int argc, char** argv) {
  double seconds = 60;
  std::uint64_t seed = 1, plans = UINT64_MAX;
  bool judge_only = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--first-seed") == 0) seed = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--plans") == 0) plans = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--judge-only") == 0) judge_only = std::strcmp(argv[i + 1], "0") != 0;
  }
  auto const start = std::chrono::steady_clock::now();
  auto const elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  loadtwin::core::TwinTolerance const tolerance;
  std::uint64_t judged = 0, skipped = 0, failed = 0, noisy = 0;
  for (std::uint64_t n = 0; n < plans && elapsed() < seconds; ++n, ++seed) {
    auto round = loadtwin::twin::run_twin_round(seed, tolerance, judge_only);
    if (judge_only) {
      std::printf("seed %llu: %s (plan %llu)\n", static_cast<unsigned long long>(seed),
                  round.skipped.empty() ? "judgeable" : round.skipped.c_str(),
                  static_cast<unsigned long long>(round.variant));
      (round.skipped.empty() ? judged : skipped) += 1;
      continue;
    }
    std::printf("%s\n", loadtwin::twin::describe_round(round, tolerance).c_str());
    if (loadtwin::twin::timing_only_miss(round)) {
      round = loadtwin::twin::run_twin_round(seed, tolerance);
      std::printf("  again: %s\n", loadtwin::twin::describe_round(round, tolerance).c_str());
      noisy += round.comparison.holds ? 1 : 0;
    }
    std::fflush(stdout);
    if (!round.skipped.empty()) {
      ++skipped;
    } else {
      ++judged;
      failed += round.error.empty() && round.comparison.holds ? 0 : 1;
    }
  }
  std::printf(
      "twin check: %llu plans judged, %llu skipped as ambiguous, %llu failed, %llu held on a "
      "second run (clock noise), %.1f s (%.1f plans per minute)\n",
      static_cast<unsigned long long>(judged), static_cast<unsigned long long>(skipped),
      static_cast<unsigned long long>(failed), static_cast<unsigned long long>(noisy), elapsed(),
      60.0 * static_cast<double>(judged + skipped) / elapsed());
  return failed == 0 ? 0 : 1;
}
