#!/usr/bin/env bash
# The cost of `--out requests=` in sim on the baseline x100: best of 3 wall times without
# records, with JSONL records and with gzipped records, and bytes per request of each file.
# Target (issue 9): under 2x the run without records.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/x100_common.sh  # bin, out, scale
best_of_3() {  # prints the fastest wall time of three runs, in seconds
  local best=
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$bin" sim --quiet --no-thresholds "${scale[@]}" "$@" >/dev/null
    end=$(date +%s.%N)
    best=$(echo "$start $end $best" | awk '{t=$2-$1; if ($3=="" || t<$3) t=t; else t=$3; print t}')
  done
  echo "$best"
}
plain=$(best_of_3)
jsonl=$(best_of_3 --out "requests=$out/r.jsonl")
gz=$(best_of_3 --out "requests=$out/r.jsonl.gz")
requests=$(($(wc -l <"$out/r.jsonl") - 1))  # the first line is the header
awk -v p="$plain" -v j="$jsonl" -v g="$gz" -v n="$requests" \
    -v bj="$(stat -c %s "$out/r.jsonl")" -v bg="$(stat -c %s "$out/r.jsonl.gz")" 'BEGIN {
  printf "baseline x100 in sim, %d requests\n", n
  printf "  no records:        %.2f s\n", p
  printf "  requests=.jsonl:   %.2f s (%.2fx), %.0f bytes/request\n", j, j / p, bj / n
  printf "  requests=.jsonl.gz: %.2f s (%.2fx), %.0f bytes/request\n", g, g / p, bg / n
}'
