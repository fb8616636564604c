#!/usr/bin/env bash
# The official Anthropic TypeScript SDK against `loadtwin mock`: text and tool-use streams,
# a non-streaming message, and typed errors (400, 500, 529, 429). Needs node + npm (the npm
# registry); not part of CI. Usage: scripts/sdk_check.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/release}")/app/loadtwin
work=$(mktemp -d)
cp tests/sdk/*.mjs "$work"
(cd "$work" && npm init -y >/dev/null && npm install --silent @anthropic-ai/sdk >/dev/null)
echo "SDK $(grep '"version"' "$work/node_modules/@anthropic-ai/sdk/package.json")"
pids=()
start() { "$bin" mock --port "$1" "${@:2}" 2>/dev/null & pids+=($!); }
start 3701
start 3702 --set model.error_rate=1
start 3703 --set model.error_rate=1 --set model.error_status=529
start 3704 --set model.error_rate=1 --set model.error_status=429
trap 'kill -INT "${pids[@]}" 2>/dev/null || true' EXIT
sleep 0.5
node "$work/check_stream.mjs" 3701
node "$work/check_errors.mjs" 3702 500 InternalServerError
node "$work/check_errors.mjs" 3703 529 "InternalServerError|OverloadedError"
node "$work/check_errors.mjs" 3704 429 RateLimitError
