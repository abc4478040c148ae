#!/bin/sh
# Prints the stripped size of the shared library, split into code and the
# built-in content, for x86-64 and (when the cross compiler is there) aarch64.
# Targets: code under 150 KB, the whole library under 600 KB.
# Usage: scripts/size-report.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
report() {
  arch=$1 build=$2 strip=$3
  lib=$(ls "$build"/libletgo.so.*.*.* | head -n 1)
  tmp=$(mktemp)
  "$strip" --strip-all -o "$tmp" "$lib"
  total=$(wc -c < "$tmp")
  obj=$(find "$build" -name 'builtin_packs.c.o' | head -n 1)
  content=0
  for f in "$root"/content/*.json; do content=$((content + $(wc -c < "$f"))); done
  code=$((total - content))
  printf '%-8s stripped libletgo.so: %7d bytes = code %7d + built-in content %7d (%s)\n' \
    "$arch" "$total" "$code" "$content" "$(basename "$obj" 2>/dev/null || echo '?')"
  rm -f "$tmp"
}
cmake -S "$root" -B "$root/_build/size-x86_64" -DCMAKE_BUILD_TYPE=MinSizeRel -DLETGO_BUILD_TESTS=OFF \
  -DLETGO_BUILD_EXAMPLES=OFF > /dev/null
cmake --build "$root/_build/size-x86_64" -j 2 > /dev/null
report x86_64 "$root/_build/size-x86_64" strip
if command -v aarch64-linux-gnu-gcc > /dev/null; then
  cmake -S "$root" -B "$root/_build/size-aarch64" -DCMAKE_BUILD_TYPE=MinSizeRel -DLETGO_BUILD_TESTS=OFF \
    -DLETGO_BUILD_EXAMPLES=OFF -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/aarch64-linux-gnu.cmake" > /dev/null
  cmake --build "$root/_build/size-aarch64" -j 2 > /dev/null
  report aarch64 "$root/_build/size-aarch64" aarch64-linux-gnu-strip
fi
