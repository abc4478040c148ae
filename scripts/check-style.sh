#!/bin/sh
# Checks the C sources against .clang-format and .clang-tidy.
# Usage: scripts/check-style.sh [BUILD_DIR]   (BUILD_DIR has compile_commands.json;
# default build/, configured here if missing). Exit 1 on any finding.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
cd "$root"
files=$(git ls-files 'src/*.c' 'src/*.h' 'include/*.h')
status=0
fmt=$(command -v clang-format || command -v clang-format-14)
tidy=$(command -v clang-tidy || command -v clang-tidy-14)
echo "clang-format: $(echo "$files" | wc -l) files"
# shellcheck disable=SC2086
$fmt --dry-run -Werror $files || status=1
if [ ! -f "$build/compile_commands.json" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON > /dev/null
  cmake --build "$build" --target letgo_objects > /dev/null
fi
echo "clang-tidy: $(echo "$files" | grep -c '\.c$') files"
# shellcheck disable=SC2086
$tidy -p "$build" --quiet $(echo "$files" | grep '\.c$') > "$build/clang-tidy.log" 2>&1 || { cat "$build/clang-tidy.log"; status=1; }
[ $status -eq 0 ] && echo "style: clean"
exit $status
