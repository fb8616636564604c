#!/usr/bin/env bash
# Whole-process figures for `loadtwin sim` on the baseline x1, x10, x100, x1000 VUs:
# wall time and peak RSS (GNU time), `sim --runs 10000`, then the Google Benchmark in-process
# numbers.
#
# Figures (Release, 2 shared cores, best user CPU of 5; branch simperf, 2026-12-06):
#   x1000 (2.08 M requests):        0.91 s user before -> 0.60 s  (2.3 -> 3.5 M requests/s)
#   --runs 3000 --threads 1:        2.35 s user before -> 1.60 s  (1 280 -> 1 880 runs/s/core)
# Issue 11's targets (5 M requests/s, 5 000 runs/s on 2 cores) are not reached yet.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/app/loadtwin
for f in 1 10 100 1000; do
  args=(sim --quiet --set "options.scenarios.simple_query.vus=$((10 * f))"
        --set "options.scenarios.tool_call.vus=$((5 * f))"
        --set "options.scenarios.error_injection.vus=$((5 * f))")
  /usr/bin/time -f "x$f: %e s wall, %M KiB peak RSS" "$bin" "${args[@]}" >/dev/null
done
# Replications of the baseline on every core (issue 11 target: >= 5 000 runs/s on 2 cores).
/usr/bin/time -f "runs 10000: %e s wall, %U s user" \
  "$bin" sim --runs 10000 --quiet >/dev/null || true
build/release/bench/sim_bench --benchmark_min_time=1
