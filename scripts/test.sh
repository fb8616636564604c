#!/usr/bin/env bash
# Every test: a release build with the whole suite and the baseline gate (`loadtwin sim
# models/baseline.json --junit`; the script fails when the baseline fails), then an ASan+UBSan
# build of the suite with statistical tests scaled down (LOADTWIN_STAT_SCALE), then a short
# fuzz smoke of every libFuzzer target -- as CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)

echo "== release build + all tests"
scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DLOADTWIN_WERROR=ON
(cd build/release && ctest --output-on-failure -j "$jobs")

echo "== gate: the shipped baseline passes in sim (JUnit in build/gate.xml)"
build/release/app/loadtwin sim models/baseline.json --junit build/gate.xml

echo "== ASan+UBSan build + all tests (statistical tests scaled down)"
scripts/build.sh build/asan -DCMAKE_BUILD_TYPE=Debug -DLOADTWIN_SANITIZE=address,undefined \
  -DLOADTWIN_BENCH=OFF -DCMAKE_CXX_FLAGS=-O1
(cd build/asan && LOADTWIN_STAT_SCALE=0.1 ASAN_OPTIONS=detect_leaks=1 \
  UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$jobs")

echo "== fuzz smoke: each libFuzzer target for 15 s (clang, ASan+UBSan)"
scripts/fuzz.sh 15
