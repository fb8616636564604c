#!/usr/bin/env bash
# The main job: install what is missing, build, run `loadtwin sim` on the embedded baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DLOADTWIN_TESTS=OFF -DLOADTWIN_BENCH=OFF \
  -DCMAKE_UNITY_BUILD=ON
build/release/app/loadtwin sim "$@"
