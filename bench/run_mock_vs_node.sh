#!/usr/bin/env bash
# CPU per stream of `loadtwin mock --threads 1` against the seed's Node mock (bench/node_mock.js,
# REFERENCE §7; Node is one thread too), both driven by bench/mock_load with STREAMS (1000)
# concurrent streams of 50 tokens 20 ms apart, no errors. Ours: first token at 100 ms, Anthropic
# events (headers + opening at once, 50 deltas, the end with the last); Node: headers +
# content_block_start at 100 ms, 50 deltas from 120 ms by chained setTimeout, then the end.
# Per server: one warm-up round, then ROUNDS (5) rounds, each reporting the server's CPU
# (utime+stime of /proc/PID/stat, all threads) per stream and the client-observed lateness
# (mock_load: first token and last event against the plan); then two rounds against a fresh
# server under `strace -c -f --seccomp-bpf` for its syscalls per stream besides the writes.
#
# Figures: `bench/run_mock_vs_node.sh` (STREAMS=1000 ROUNDS=5), 2-core machine shared with
# other helpers' builds, 2026-12-06; "before" = a07fcc5 run as LOADTWIN=<its binary> just
# before "after" (fd9cef0: one non-blocking send per timed write, events rendered into reused
# buffers). CPU µs/stream best/median of 5; last = client-observed last-token lateness p99
# of rounds 2-5; mock-side = the mock's own mean schedule lateness (GET /metrics).
#   load 1.8-2.3:  before 650/660 µs, last p99 27-46 ms,    mock-side mean 23.8 ms
#                  after  570/600 µs, last p99 15-48 ms,    mock-side mean  4.3 ms
#                  Node   830/900 µs, last p99 189-471 ms (its chained setTimeout drifts)
#   load 3.3-5:    before 620/660 µs, last p99 0.50-1.02 s, mock-side mean 304 ms (saturated)
#                  after  500/530 µs, last p99 68-198 ms,   mock-side mean  58 ms
#                  Node  1090/1240 µs, last p99 0.75-1.79 s
#   load 6-8:      before 580-850 µs; after 390-540 µs; Node 860-1250 µs.
# Rounds vary by ±20% with the load: a saturated server serves more streams per wake-up, and
# the client's state changes the kernel's cost of each send.
# Syscalls/stream besides the 51 writes (--seccomp-bpf run, load 3-5): before 14.0, after
# 19.2, Node 11.2 -- a server that keeps up wakes more often (after: epoll_wait 3.8,
# timerfd_settime 3.3; before, saturated: epoll_wait 1.4, no settime to speak of).
# Profile after (perf record -e cpu-clock -g, 1000 streams): kernel 69% (sendto and the
# loopback receive path it runs), loadtwin 17%, libc 12%; before: kernel 55%, loadtwin 33%
# (Asio's composed write and its trip through the scheduler, awaitable handlers,
# cancellation slots), libc 11%.
# Tried and dropped (issue 11's idea): one wake-up queue per mock thread instead of one Asio
# timer per stream, waking every stream due (also those due meanwhile), deadlines exact.
# Timer syscalls per stream, STREAMS=200 and 500 under seccomp strace, load 2.5-4: per-stream
# Asio timers 24.6 and 12.6; the queue on a timerfd of its own 32.5 and 14.0 (wake-ups -16%
# to -20%, but Asio re-registers a descriptor wait with an epoll_ctl on every wake-up); on
# two Asio timers kept at the two earliest deadlines 36.0 and 9.6 (more timerfd_settime:
# moving a timer re-arms the timerfd). No CPU gain measurable above the noise either.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)"
build=${BUILD:-build/release}
bin=${LOADTWIN:-$build/app/loadtwin}  # LOADTWIN=another build's binary: a before/after
load=$build/bench/mock_load
[ -x "$load" ] || { echo "$load is missing: build with -DLOADTWIN_BENCH=ON (README, Benchmarks)" >&2; exit 1; }
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
  kill -INT "$pid"
  wait "$pid" 2>/dev/null || true
  # Syscalls: a fresh server under strace with a seccomp filter, so only the syscalls counted
  # stop it -- all but the writes (one per event by design: 51 a stream for either server).
  # Attaching (strace -p) would stop it at every syscall and saturate it: every wake-up would
  # find many streams due, hiding the timer syscalls. Two rounds, start-up included.
  if [ "$server" = ours ]; then
    cmd=("$bin" mock --port "$port" --threads 1 --set model.error_rate=0)
  else
    cmd=(node bench/node_mock.js "$port")
  fi
  ERROR_RATE=0 strace -c -f --seccomp-bpf -e 'trace=!sendto,writev,write' -o "$log" \
    "${cmd[@]}" 2>/dev/null &
  tracer=$!
  sleep 0.8
  pid=$(pgrep -P "$tracer")
  drive "$server" >/dev/null || true
  drive "$server" >/dev/null || true
  kill -INT "$pid"
  wait "$tracer" 2>/dev/null || true
  awk -v s="$server" -v n="$((2 * n))" '
    $NF == "total" { printf "%s: syscalls/stream besides the writes %.1f\n", s, $4 / n }
    NF >= 5 && $4 ~ /^[0-9]+$/ && $NF != "total" && $4 / n >= 0.5 {
      printf "  %-16s %6.1f/stream\n", $NF, $4 / n }' "$log"
done
echo "load after: $(uptime)"
