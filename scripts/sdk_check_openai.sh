#!/usr/bin/env bash
# The official OpenAI Node SDK against `loadtwin mock` on /v1/chat/completions: text and
# tool-call streams, a non-streaming completion, a 400, typed errors (500, 429) and a
# mid-stream error chunk. Needs node + npm (the npm registry); not part of CI.
# Usage: scripts/sdk_check_openai.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/release}")/app/loadtwin
work=$(mktemp -d)
cp tests/sdk/check_openai*.mjs "$work"
(cd "$work" && npm init -y >/dev/null && npm install --silent openai >/dev/null)
echo "SDK openai $(grep '"version"' "$work/node_modules/openai/package.json")"
pids=()
start() { "$bin" mock --port "$1" "${@:2}" 2>/dev/null & pids+=($!); }
start 3711
start 3712 --set model.error_rate=1
start 3713 --set model.error_rate=1 --set model.error_status=429
start 3714 --set model.stream_error_rate=1
trap 'kill -INT "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 0.5
node "$work/check_openai.mjs" 3711
node "$work/check_openai_errors.mjs" 3712 500 InternalServerError
node "$work/check_openai_errors.mjs" 3713 429 RateLimitError
node "$work/check_openai_errors.mjs" 3714 0 APIError
