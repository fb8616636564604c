#!/usr/bin/env bash
# deb_package_test.sh BUILD_DIR: builds BUILD_DIR's .deb with CPack, checks that its Depends
# cover every shared library the binary loads, unpacks it into a scratch root with dpkg -x,
# and runs the packaged loadtwin from there. Exits 77 (ctest: skipped) without cpack/dpkg.
set -euo pipefail
build=$1
for tool in cpack dpkg dpkg-deb ldd; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not found"; exit 77; }
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1
then
  cat "$scratch/cpack.log"
  exit 1
fi
deb=$(ls "$scratch"/out/loadtwin_*.deb)
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"

dpkg -x "$deb" "$scratch/root"
bin="$scratch/root/usr/bin/loadtwin"
test -x "$bin" || { echo "no usr/bin/loadtwin in the package"; exit 1; }
test -f "$scratch/root/usr/share/loadtwin/models/baseline.json" || { echo "no models"; exit 1; }
test -f "$scratch/root/usr/share/doc/loadtwin/README.md" || { echo "no README"; exit 1; }

# Every library the binary loads must come from a package the .deb depends on.
declared=$(tr ',' '\n' <<<"$depends" | awk '{print $1}')
owner_of() {  # the package owning a file, under its own name or its resolved path
  dpkg -S "$1" 2>/dev/null | head -1 | cut -d: -f1 ||
    dpkg -S "$(readlink -f "$1")" 2>/dev/null | head -1 | cut -d: -f1 || true
}
missing=0
for lib in $(ldd "$bin" | awk '/=>/ {print $3} /ld-linux/ {print $1}'); do
  owner=$(owner_of "$lib")
  if [ -z "$owner" ] || ! grep -qxF "$owner" <<<"$declared"; then
    echo "not declared: $lib (package '${owner:-?}')"
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1

version=$("$bin" --version)
echo "$version"
grep -q '^loadtwin [0-9]' <<<"$version"
grep -q '^Boost: 1.81.0' <<<"$version"
"$bin" sim "$scratch/root/usr/share/loadtwin/models/baseline.json" -q
echo "the packaged loadtwin runs the packaged baseline"
