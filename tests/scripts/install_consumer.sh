#!/bin/sh
# Installs the build into a temporary prefix, then builds and runs a small
# consumer twice: once with find_package(letgo 0.1), once with pkg-config.
# Usage: install_consumer.sh SOURCE_DIR BINARY_DIR CONSUMER_DIR CMAKE CC
set -eu
src=$1 bin=$2 consumer=$3 cmake=$4 cc=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
"$cmake" --install "$bin" --prefix "$prefix" > "$tmp/install.log"

# 1. CMake package.
"$cmake" -S "$consumer" -B "$tmp/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" > "$tmp/configure.log"
"$cmake" --build "$tmp/build" > "$tmp/build.log"
LD_LIBRARY_PATH="$prefix/lib:$prefix/lib64:$prefix/lib/$(uname -m)-linux-gnu" "$tmp/build/consumer"

# 2. pkg-config, from the relocatable letgo.pc (moved to show it relocates).
mv "$prefix" "$tmp/moved"
pcdir=$(dirname "$(find "$tmp/moved" -name letgo.pc | head -n 1)")
if command -v pkg-config > /dev/null; then
  flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs letgo)
  libdir=$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=libdir letgo)
else
  echo "pkg-config is missing: install it (apt-get install pkg-config)"; exit 1
fi
# shellcheck disable=SC2086
"$cc" -std=c99 -Wall -Wextra -Werror "$consumer/consumer.c" $flags -o "$tmp/consumer-pc"
LD_LIBRARY_PATH="$libdir" "$tmp/consumer-pc"
echo "consumer built and ran via find_package and via pkg-config"
