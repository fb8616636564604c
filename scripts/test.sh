#!/usr/bin/env bash
# Every test: a release build with the whole suite and the baseline gate (`loadtwin sim
# models/baseline.json --junit`; the script fails when the baseline fails), then an ASan+UBSan
# build of the suite with statistical tests scaled down (LOADTWIN_STAT_SCALE) -- the suite
# includes a seeded mutation smoke of every fuzz target (fuzz_smoke_*) -- as CI runs it. The
# sanitizer build is -O0 -g1: half the compile time of -O1 -g, and the suite still runs in a
# few minutes. Both builds are unity builds (CMake batches of 8 sources per compiler run):
# Boost's headers are parsed once per batch, which cuts the cold build time about 3x and
# keeps CI inside its 25 minutes. Coverage-guided fuzzing (clang + libFuzzer) is scripts/fuzz.sh, run before
# resolving.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)

echo "== release build + all tests"
scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DLOADTWIN_WERROR=ON -DLOADTWIN_TESTS=ON \
  -DLOADTWIN_BENCH=OFF -DCMAKE_UNITY_BUILD=ON
(cd build/release && ctest --output-on-failure -j "$jobs")

echo "== gate: the shipped baseline passes in sim (JUnit in build/gate.xml)"
build/release/app/loadtwin sim models/baseline.json --junit build/gate.xml

echo "== ASan+UBSan build + all tests (statistical tests scaled down)"
scripts/build.sh build/asan -DCMAKE_BUILD_TYPE=Debug -DLOADTWIN_SANITIZE=address,undefined \
  -DLOADTWIN_BENCH=OFF -DCMAKE_CXX_FLAGS=-O0 -DCMAKE_CXX_FLAGS_DEBUG=-g0 -DCMAKE_UNITY_BUILD=ON
(cd build/asan && LOADTWIN_STAT_SCALE=0.1 ASAN_OPTIONS=detect_leaks=1 \
  UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$jobs")
