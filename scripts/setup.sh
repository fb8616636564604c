#!/usr/bin/env bash
# Installs the Debian 12 packages loadtwin builds with, when any is missing.
# (libboost1.81-dev replaces Debian's default 1.74 headers; that is expected.)
set -euo pipefail
packages=(g++ cmake ninja-build libboost1.81-dev libboost-json1.81-dev librange-v3-dev
          libfmt-dev libgtest-dev libgmock-dev librapidcheck-dev libcli11-dev libbenchmark-dev
          clang-14 libclang-rt-14-dev zlib1g-dev libssl-dev libjs-chart.js)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
