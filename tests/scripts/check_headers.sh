#!/bin/sh
# Compiles every public header alone, as C99 and (when a C++ compiler is
# given) as C++98, with warnings as errors.
# Usage: check_headers.sh INCLUDE_DIR CC [CXX]
set -eu
inc=$1 cc=$2 cxx=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for h in "$inc"/letgo/*.h; do
  name=$(basename "$h")
  printf '#include <letgo/%s>\nint lg_header_check_%s;\n' "$name" "$(echo "$name" | tr '.-' '__')" > "$tmp/t.c"
  "$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror -I"$inc" -c "$tmp/t.c" -o "$tmp/t.o"
  n=$((n + 1))
  if [ -n "$cxx" ]; then
    cp "$tmp/t.c" "$tmp/t.cpp"
    "$cxx" -std=c++98 -Wall -Wextra -pedantic -Werror -I"$inc" -c "$tmp/t.cpp" -o "$tmp/t.o"
    n=$((n + 1))
  fi
done
echo "$n header compilations passed (C99${cxx:+ and C++98})"
