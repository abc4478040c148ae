#!/bin/sh
# Line and branch coverage of src/ by the C tests (gcc --coverage, gcovr).
# Builds in its own directory, runs the unit tests (every tests/test_*.c and
# the fuzz corpus replays), prints both figures and the least-covered files,
# and fails when either is below its threshold.
# Usage: scripts/coverage.sh [BUILD_DIR]      (default: _build/coverage)
# (-fprofile-update=atomic: test_threads runs 8 threads through the counters.)
# Thresholds: LINE_MIN and BRANCH_MIN (percent) from the environment.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/_build/coverage"}
LINE_MIN=${LINE_MIN:-95}
BRANCH_MIN=${BRANCH_MIN:-90}

if ! command -v gcovr > /dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcovr > /dev/null
fi

CC=gcc cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DLETGO_BUILD_EXAMPLES=OFF \
  -DCMAKE_C_FLAGS="--coverage -O0 -fprofile-update=atomic" -DCMAKE_EXE_LINKER_FLAGS=--coverage \
  -DCMAKE_SHARED_LINKER_FLAGS=--coverage > /dev/null
cmake --build "$build" -j 2 > /dev/null
find "$build" -name '*.gcda' -delete
find "$build/CMakeFiles" -path '*CompilerId*' -name '*.gc*' -delete
(cd "$build" && ctest -j 2 -L unit --output-on-failure > "$build/coverage-ctest.log" 2>&1) || {
  tail -n 40 "$build/coverage-ctest.log"
  echo "coverage: the tests failed"
  exit 1
}

# Only the library's own sources count (not tests/, not the generated packs).
gcovr -r "$root" --object-directory "$build" --filter "$root/src/" \
  --exclude-unreachable-branches --json-summary "$build/coverage.json" \
  --txt "$build/coverage.txt" > "$build/gcovr.log" 2>&1 || { cat "$build/gcovr.log"; exit 1; }

python3 - "$build/coverage.json" "$LINE_MIN" "$BRANCH_MIN" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
line_min, branch_min = float(sys.argv[2]), float(sys.argv[3])
lines, branches = data["line_percent"], data["branch_percent"]
print("coverage of src/: lines %.1f%% (%d of %d), branches %.1f%% (%d of %d)" % (
    lines, data["line_covered"], data["line_total"],
    branches, data["branch_covered"], data["branch_total"]))
files = sorted(data["files"], key=lambda f: (f["line_percent"], f["branch_percent"]))
print("least covered files (lines, branches):")
for f in files[:8]:
    print("  %-28s %5.1f%% %5.1f%%" % (f["filename"], f["line_percent"], f["branch_percent"]))
ok = lines >= line_min and branches >= branch_min
print("thresholds: lines >= %g%%, branches >= %g%%: %s" % (line_min, branch_min, "met" if ok else "NOT MET"))
sys.exit(0 if ok else 1)
PY
