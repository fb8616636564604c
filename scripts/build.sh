#!/usr/bin/env bash
# build.sh DIR [cmake args...]: configure (once) and build into DIR with Ninja.
set -euo pipefail
dir=$1
shift
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$dir" -G Ninja "${launcher[@]}" "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
