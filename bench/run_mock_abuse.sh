#!/usr/bin/env bash
# Abuse run: a mock (--threads 2, --header-timeout 5s, baseline model without injected
# errors, 10 tokens) in its own process, hit by bench/mock_abuse.cpp for SECONDS (default
# 12) with IDLE idle connections (default 10000) while WELL streams (default 200) measure
# lateness. Prints the mock's RSS before, at the peak, and after.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)"
build=${BUILD:-build/release}
port=3499
"$build/app/loadtwin" mock --port $port --threads 2 --header-timeout 5s --max-connections 15000 \
  --set model.error_rate=0 --set model.tokens_per_response=10 2>/tmp/loadtwin_abuse_mock.log &
mock=$!
sleep 0.3
rss() { awk '/VmRSS/{print $2}' /proc/$mock/status; }
before=$(rss)
"$build/bench/mock_abuse" $port "${IDLE:-10000}" "${WELL:-200}" "${SECONDS_:-12}" || echo "(some well-behaved streams failed)"
peak=$(awk '/VmHWM/{print $2}' /proc/$mock/status)
after=$(rss)
echo "mock RSS: before ${before} KiB, peak ${peak} KiB, after ${after} KiB"
kill -INT $mock; wait $mock 2>/dev/null || true
tail -3 /tmp/loadtwin_abuse_mock.log
