#!/usr/bin/env bash
# package.sh [BUILD_DIR [cmake args...]]: a release build of loadtwin alone (no tests, no
# benchmarks) in BUILD_DIR (default build/package) and its Debian package made by CPack.
# Prints the .deb's path. Install it with: sudo apt install ./build/package/loadtwin_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build/package}
shift || true
scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=Release -DLOADTWIN_TESTS=OFF -DLOADTWIN_BENCH=OFF "$@"
(cd "$dir" && cpack -G DEB >/dev/null)
ls "$dir"/loadtwin_*.deb
