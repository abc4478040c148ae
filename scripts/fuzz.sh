#!/bin/sh
# Runs libFuzzer on each fuzz target for a given time.
# Usage: scripts/fuzz.sh SECONDS [TARGET...]   (default: every target)
# Needs clang and libclang-rt-14-dev (installed with apt-get when missing).
# New crashes are kept in tests/fuzz/crashes/<target>/ : add them to the
# target's corpus as regression inputs once fixed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"pack search render session_restore plan_restore plan index"}
if ! command -v clang > /dev/null || [ ! -d /usr/lib/llvm-14/lib/clang ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev > /dev/null
fi
build="$root/_build/fuzz"
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -g -O1"
CC=clang cmake -S "$root" -B "$build" -DLETGO_FUZZ=ON -DLETGO_BUILD_EXAMPLES=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS="$flags" > /dev/null
tgts=""
for t in $targets; do tgts="$tgts --target fuzz_$t"; done
# shellcheck disable=SC2086
cmake --build "$build" -j 2 $tgts > /dev/null
status=0
for t in $targets; do
  work="$build/corpus-$t"
  seeds="$root/tests/fuzz/corpus/$t"
  mkdir -p "$work" "$root/tests/fuzz/crashes/$t"
  [ -d "$seeds" ] || seeds=""
  dict=""
  case $t in
    pack|session_restore|plan_restore) dict="-dict=$root/tests/fuzz/json.dict" ;;
    search) dict="-dict=$root/tests/fuzz/query.dict" ;;
  esac
  echo "== fuzz_$t for ${secs}s"
  # shellcheck disable=SC2086
  if ! "$build/tests/fuzz_$t" "$work" $seeds $dict -max_total_time="$secs" \
       -max_len=65536 -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 \
       -artifact_prefix="$root/tests/fuzz/crashes/$t/" 2> "$build/fuzz-$t.log"; then
    status=1
    tail -n 40 "$build/fuzz-$t.log"
  fi
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$build/fuzz-$t.log" || true
done
exit $status
