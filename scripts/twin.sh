#!/usr/bin/env bash
# twin.sh [SECONDS] [FIRST_SEED]: the twin check for SECONDS (default 600): random plans run in
# sim and live against the in-process mock, compared request by request. Exits non-zero if
# any plan's twin differs; the failing seed and plan are printed (add the seed to
# regression_seeds in tests/twin/twin_check_test.cpp).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
build/release/tests/twin_check --seconds "${1:-600}" --first-seed "${2:-1000}"
