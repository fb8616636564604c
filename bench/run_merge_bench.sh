#!/usr/bin/env bash
# `loadtwin merge` of 8 parts of the baseline x100 (issue 11): each part is
# `sim --segment i/8 --out part=...` (plain JSON, then gzip); prints the parts' sizes, the
# merge's wall time, CPU and peak RSS (GNU time), and checks that the merged summary-export
# equals the unsegmented run's. DELAYS=lognormal draws every delay (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/x100_common.sh  # bin, out, scale
# DELAYS=lognormal: every delay drawn per request, so nearly every sample is a distinct value
# (the parts' worst case); the default is the baseline's constant delays.
if [ "${DELAYS:-constant}" = lognormal ]; then
  scale+=(--set 'model.first_token_delay={"dist":"lognormal","median":"100ms","p99":"400ms"}'
          --set 'model.token_interval={"dist":"lognormal","median":"20ms","p99":"60ms"}'
          --set 'model.tool_call_delay={"dist":"lognormal","median":"500ms","p99":"1500ms"}')
fi
"$bin" sim --quiet "${scale[@]}" --summary-export "$out/whole.json" >/dev/null || true
for ext in json json.gz; do
  for i in 0 1 2 3 4 5 6 7; do
    "$bin" sim --quiet "${scale[@]}" --segment "$i/8" --out "part=$out/part-$i.$ext" \
      >/dev/null || true
  done
  bytes=$(cat "$out"/part-*."$ext" | wc -c)
  /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" \
    "$bin" merge "$out"/part-*."$ext" --quiet --summary-export "$out/merged.json" \
    >/dev/null || true
  read -r wall user sys rss <"$out/time.txt"
  same=$(cmp -s "$out/whole.json" "$out/merged.json" && echo "equals" || echo "DIFFERS from")
  echo "8 parts (.$ext, $((bytes / 1024)) KiB in all): merge ${wall} s wall, ${user} s user," \
    "${sys} s sys, peak RSS ${rss} KiB; merged summary-export $same the unsegmented run's"
done
