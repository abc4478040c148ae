#!/bin/sh
# Writes docs/abi/libletgo.so.0.abi, the ABI of this release, from a fresh
# build (RelWithDebInfo, gcc, DWARF 4). Run it when a release adds API; the
# ABI gate (test abi_compatible) compares every build with this file.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/_build/abi"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS=-gdwarf-4 \
  -DLETGO_BUILD_TESTS=OFF -DLETGO_BUILD_EXAMPLES=OFF > /dev/null
cmake --build "$build" -j 2 > /dev/null
mkdir -p "$root/docs/abi"
abidw --no-corpus-path --short-locs --headers-dir "$root/include" \
  --out-file "$root/docs/abi/libletgo.so.0.abi" "$build/libletgo.so"
echo "wrote docs/abi/libletgo.so.0.abi"
