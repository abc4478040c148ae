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
  file=$(wc -c < "$tmp")
  obj=$(find "$build" -name 'builtin_packs.c.o' | head -n 1)
  # Section sizes: the built-in content is the packs' .rodata; code is .text;
  # the rest is tables (other .rodata, unwind info, symbols, relocations).
  content=$(size -A "$obj" | awk '$1 == ".rodata" {print $2}')
  sections=$(size -A "$tmp" | awk '$1 ~ /^\./ {s += $2} END {print s}')
  text=$(size -A "$tmp" | awk '$1 == ".text" {print $2}')
  other=$((sections - content - text))
  printf '%-8s stripped libletgo.so: %6d bytes on disk; sections %6d = code (.text) %6d + tables %6d + built-in content %6d; padding %d\n' \
    "$arch" "$file" "$sections" "$text" "$other" "$content" "$((file - sections))"
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
