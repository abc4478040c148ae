#!/bin/sh
# ThreadSanitizer: builds test_threads with gcc -fsanitize=thread in its own
# build directory and runs it (8 threads sharing one catalogue). Exits
# non-zero on any data race report or test failure.
# Usage: scripts/tsan.sh [BUILD_DIR]      (default: _build/tsan)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/_build/tsan"}
flags="-fsanitize=thread -g -O1 -fno-omit-frame-pointer"
CC=gcc cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DLETGO_BUILD_EXAMPLES=OFF \
  -DBUILD_SHARED_LIBS=OFF -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread > /dev/null
cmake --build "$build" -j 2 --target test_threads > /dev/null
# halt_on_error: the first race fails the run; exitcode makes it visible to CI.
TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
  "$build/tests/test_threads"
echo "tsan: test_threads passed with no data race reports"
