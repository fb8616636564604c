#!/usr/bin/env bash
# HTML report generation for the baseline x100 (issue 12 target: under 1 s and 5 MB): the
# extra wall time and CPU of `sim --html` over the same run without it, the page's size, and
# `loadtwin report` rebuilding the page from the run's summary export plus its per-request
# records (--records) or its k6 NDJSON samples (--samples), with each input's size.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/x100_common.sh  # bin, out, scale
timed() {  # LABEL COMMAND...: wall seconds, CPU seconds and peak RSS of one run
  local label=$1
  shift
  /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KiB peak RSS" "$@" >/dev/null
}
size() { numfmt --to=iec --suffix=B "$(stat -c %s "$1")"; }
"$bin" sim --quiet "${scale[@]}" --summary-export "$out/summary.json" \
  --out "requests=$out/records.jsonl" --out "json=$out/samples.ndjson" || true
timed "sim x100 without --html" "$bin" sim --quiet "${scale[@]}" || true
timed "sim x100 with --html   " "$bin" sim --quiet "${scale[@]}" --html "$out/run.html" || true
echo "  page: $(size "$out/run.html")"
timed "report --records ($(size "$out/records.jsonl"))" \
  "$bin" report "$out/summary.json" --records "$out/records.jsonl" -o "$out/from_records.html"
echo "  page: $(size "$out/from_records.html")"
timed "report --samples ($(size "$out/samples.ndjson"))" \
  "$bin" report "$out/summary.json" --samples "$out/samples.ndjson" -o "$out/from_samples.html"
echo "  page: $(size "$out/from_samples.html")"
