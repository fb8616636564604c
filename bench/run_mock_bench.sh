#!/usr/bin/env bash
# Mock schedule under load: starts `loadtwin mock --threads 2` in its own process (first token
# 100 ms, 50 tokens 20 ms apart, no errors), then for N = 100, 1000, 5000, 10000 concurrent
# streams prints client-observed lateness (bench/mock_load.cpp), the mock's own
# schedule-lateness histogram, and the mock's CPU seconds and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)"
bin=${BUILD:-build/release}/app/loadtwin
load=${BUILD:-build/release}/bench/mock_load
port=3477
for n in ${STREAMS:-100 1000 5000 10000}; do
  "$bin" mock --port $port --threads 2 --set model.error_rate=0 2>/tmp/loadtwin_mock_bench.log &
  pid=$!
  sleep 0.3
  ticks_before=$(awk '{print $14+$15}' /proc/$pid/stat)
  "$load" $port "$n" 100 20 50 || echo "(some streams failed)"
  ticks_after=$(awk '{print $14+$15}' /proc/$pid/stat)
  hwm=$(awk '/VmHWM/{print $2}' /proc/$pid/status)
  exec 3<>/dev/tcp/127.0.0.1/$port
  printf 'GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
  grep -E 'lateness_seconds_bucket\{le="0.00(1|2|5)"\}|lateness_seconds_bucket\{le="0.01"\}|lateness_seconds_count' <&3 | tr '\n' ' '
  echo
  echo "mock: cpu $(( (ticks_after - ticks_before) ))/$(getconf CLK_TCK) s, peak RSS ${hwm} KiB"
  kill -INT $pid
  wait $pid 2>/dev/null || true
done
