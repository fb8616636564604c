#!/usr/bin/env bash
# The cost of `--out requests=` in sim on the baseline x100: wall times without records,
# with JSONL records and with gzipped records (ROUNDS rounds, interleaved; best and median
# of each), and bytes per request of each file. Each run writes a new file after a `sync`,
# so no run pays for truncating or flushing an earlier run's 73 MB.
# Target (issue 9): under 2x the run without records.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/x100_common.sh  # bin, out, scale
rounds=${ROUNDS:-7}
wall_ms() {  # one run's wall time in milliseconds
  rm -f "$out"/r.jsonl "$out"/r.jsonl.gz
  sync
  local start end
  start=$(date +%s%N)
  "$bin" sim --quiet --no-thresholds "${scale[@]}" "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
for _ in $(seq "$rounds"); do
  echo "plain $(wall_ms)"
  echo "jsonl $(wall_ms --out "requests=$out/r.jsonl")"
  echo "gz $(wall_ms --out "requests=$out/r.jsonl.gz")"
done >"$out/times"
"$bin" sim --quiet --no-thresholds "${scale[@]}" --out "requests=$out/r.jsonl" >/dev/null
requests=$(($(wc -l <"$out/r.jsonl") - 1))  # the first line is the header
summary() {  # best and median of one kind, in ms
  grep "^$1 " "$out/times" | cut -d' ' -f2 | sort -n |
    awk '{t[NR] = $1} END {print t[1], t[int((NR + 1) / 2)]}'
}
read -r p pm <<<"$(summary plain)"
read -r j jm <<<"$(summary jsonl)"
read -r g gm <<<"$(summary gz)"
awk -v p="$p" -v pm="$pm" -v j="$j" -v jm="$jm" -v g="$g" -v gm="$gm" -v n="$requests" \
    -v r="$rounds" -v bj="$(stat -c %s "$out/r.jsonl")" -v bg="$(stat -c %s "$out/r.jsonl.gz")" 'BEGIN {
  printf "baseline x100 in sim, %d requests, %d rounds (best / median)\n", n, r
  printf "  no records:         %d / %d ms\n", p, pm
  printf "  requests=.jsonl:    %d / %d ms (%.2fx / %.2fx), %.0f bytes/request\n", j, jm, j / p, jm / pm, bj / n
  printf "  requests=.jsonl.gz: %d / %d ms (%.2fx / %.2fx), %.0f bytes/request\n", g, gm, g / p, gm / pm, bg / n
}'
