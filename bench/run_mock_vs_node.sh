#!/usr/bin/env bash
# CPU per stream of `loadtwin mock --threads 1` against the seed's Node mock (bench/node_mock.js,
# REFERENCE §7; Node is one thread too), both driven by bench/mock_load with STREAMS (1000)
# concurrent streams of 50 tokens 20 ms apart, no errors. Ours: first token at 100 ms, Anthropic
# events (headers + opening at once, 50 deltas, the end with the last); Node: headers +
# content_block_start at 100 ms, 50 deltas from 120 ms by chained setTimeout, then the end.
# Per server: one warm-up round, then ROUNDS (5) rounds, each reporting the server's CPU
# (utime+stime of /proc/PID/stat, all threads) per stream and the client-observed lateness
# (mock_load: first token and last event against the plan); then one more round under
# `strace -c -f` (a separate run: strace slows the server) for syscalls per stream.
#
# Figures: `bench/run_mock_vs_node.sh` (STREAMS=1000 ROUNDS=5), 2-core machine shared with
# other helpers' builds; "before" = a07fcc5 run as LOADTWIN=<its binary> in the same minutes.
# CPU µs/stream best/median; lateness = client-observed last-token p99 of rounds 2-5, and the
# mock's own mean schedule lateness (GET /metrics, all rounds incl. warm-up).
#   load 1.8-2.3:  before 650/660 µs, last p99 27-46 ms, mock-side mean 23.8 ms
#                  after  570/600 µs, last p99 15-48 ms, mock-side mean  4.3 ms
#                  Node   830/900 µs, last p99 189-471 ms (chained setTimeout drifts)
#   load 6-8:      before 580-850 µs; after 400-480 µs; Node 860-1250 µs (rounds vary by
#                  ±20% with the load; the client's own state changes the kernel's send cost)
# Syscalls/stream under strace at 1000 streams hardly differ (before 61-64, after 59, Node 60:
# strace slows the mock until every wake-up finds many streams due; 51 are sendto/writev by
# design). Without that saturation, STREAMS=200 (load ~6): before 106.3 (timerfd_settime 22.1,
# epoll_wait 23.5), after 80.0 (timerfd_settime 6.8, epoll_wait 7.8, epoll_ctl 7.8: Asio
# re-arms the queue's descriptor wait); CPU 850 -> 750 µs/stream.
# Profile after (perf record -e cpu-clock -g, 1000 streams): kernel 69% (sendto and the
# loopback receive path it runs), loadtwin 17%, libc 12%; before: kernel 55%, loadtwin 33%
# (Asio's composed write, awaitable handlers, cancellation slots), libc 11%.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)"
build=${BUILD:-build/release}
bin=${LOADTWIN:-$build/app/loadtwin}  # LOADTWIN=another build's binary: a before/after
load=$build/bench/mock_load
n=${STREAMS:-1000}
rounds=${ROUNDS:-5}
port=${PORT:-3479}
hz=$(getconf CLK_TCK)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

start_server() {
  if [ "$1" = ours ]; then
    "$bin" mock --port "$port" --threads 1 --set model.error_rate=0 2>/dev/null &
  else
    ERROR_RATE=0 node bench/node_mock.js "$port" &
  fi
  pid=$!
  sleep 0.5
}

drive() {
  if [ "$1" = ours ]; then
    "$load" "$port" "$n" 100 20 50
  else
    "$load" --data-only "$port" "$n" 120 20 50
  fi
}

echo "load before: $(uptime)"
for server in ${SERVERS:-ours node}; do
  start_server "$server"
  drive "$server" >/dev/null || true  # warm-up (JIT, pools, caches)
  : >"$log"
  for ((r = 1; r <= rounds; ++r)); do
    before=$(cpu_ticks "$pid")
    line=$(drive "$server" || echo "(some streams failed)")
    after=$(cpu_ticks "$pid")
    us=$(( (after - before) * 1000000 / hz / n ))
    echo "$us" >>"$log"
    echo "$server round $r: CPU $(( (after - before) * 1000 / hz )) ms = $us µs/stream | $line"
  done
  if [ "$server" = ours ]; then  # the mock's own schedule lateness over the rounds
    exec 3<>/dev/tcp/127.0.0.1/$port
    printf 'GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
    awk '/lateness_seconds_bucket/ { split($1, a, "\""); b[a[2]] = $2 }
      /lateness_seconds_count/ { n = $2 } /lateness_seconds_sum/ { sum = $2 }
      END { printf "ours: mock-side lateness mean %.0f µs, <=0.5 ms %.1f%%, <=1 ms %.1f%%, " \
              "<=5 ms %.1f%%\n", sum / n * 1e6, b["0.0005"] * 100 / n, b["0.001"] * 100 / n,
              b["0.005"] * 100 / n }' <&3
    exec 3<&-
  fi
  sort -n "$log" | awk -v s="$server" '{v[NR] = $1} END {
    printf "%s: CPU µs/stream best %d median %d\n", s, v[1], v[int((NR + 1) / 2)] }'
  strace -c -f -p "$pid" -o "$log" 2>/dev/null &
  tracer=$!
  sleep 0.5
  drive "$server" >/dev/null || true
  kill -INT "$tracer"
  wait "$tracer" 2>/dev/null || true
  awk -v s="$server" -v n="$n" '
    $NF == "total" { printf "%s: syscalls/stream %.1f\n", s, $4 / n }
    NF >= 5 && $4 ~ /^[0-9]+$/ && $NF != "total" && $4 / n >= 0.5 {
      printf "  %-16s %6.1f/stream\n", $NF, $4 / n }' "$log"
  kill -INT "$pid"
  wait "$pid" 2>/dev/null || true
done
echo "load after: $(uptime)"
