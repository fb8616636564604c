#!/usr/bin/env bash
# fuzz.sh [SECONDS]: builds the libFuzzer targets with clang (+ASan+UBSan) and runs each for
# SECONDS (default 15) from the seed corpora in fuzz/corpus/. Prints executions per target;
# exits non-zero on any crash, leak or sanitizer report (the reproducer is in build/fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
CC=clang-14 CXX=clang++-14 scripts/build.sh build/fuzz -DLOADTWIN_FUZZ=ON \
  -DLOADTWIN_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLOADTWIN_TESTS=OFF -DLOADTWIN_BENCH=OFF
status=0
for target in plan threshold sse mock_http convert openai; do
  work=build/fuzz/corpus/$target
  mkdir -p "$work"
  log=build/fuzz/$target.log
  if (cd build/fuzz && ./fuzz/fuzz_$target -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$target-" -max_len=65536 "../../$work" "../../fuzz/corpus/$target") >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz_$target: ok, $runs executions in ${seconds}s"
  else
    echo "fuzz_$target: FAILED (see $log)"; tail -30 "$log"; status=1
  fi
done
exit $status
