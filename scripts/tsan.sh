#!/usr/bin/env bash
# ThreadSanitizer over the live tests (the mock and the runner use several threads), live
# --workers (merge_command_test) and the records file written on a thread of its own.
# Not part of CI (a third full build); run it before resolving live work.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build/tsan -DCMAKE_BUILD_TYPE=Debug -DLOADTWIN_SANITIZE=thread \
  -DLOADTWIN_BENCH=OFF -DCMAKE_CXX_FLAGS=-O1
(cd build/tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  ctest --output-on-failure -j 2 -R "mock|live_run|sse|stream_reader|cli_test|merge_command|background_records")
