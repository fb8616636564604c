# Sourced by the benches on the baseline x100: the binary under test (BUILD picks the build
# folder), a scratch folder `out` removed on exit, and `scale`, the flags that make the
# embedded baseline x100 (1 000 + 500 + 500 VUs).
bin=${BUILD:-build/release}/app/loadtwin
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scale=(--set options.scenarios.simple_query.vus=1000 --set options.scenarios.tool_call.vus=500
       --set options.scenarios.error_injection.vus=500)
