#!/bin/sh
# The README's first command: builds libletgo and the letgo program, then
# runs a short demo on the built-in content: two questionnaires answered
# from example files, their results, a plan starting today (its first week
# as Markdown) and the whole plan as a calendar file.
# Needs only a C compiler, cmake and a shell; no network, no other files.
set -eu
# (The tests set LETGO_DEMO_BIN to an already built program and
# LETGO_DEMO_OUT to a scratch directory.)
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/_build/demo"
out=${LETGO_DEMO_OUT:-"$root/_build/demo-output"}
letgo=${LETGO_DEMO_BIN:-}
if [ -z "$letgo" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DLETGO_BUILD_TESTS=OFF > /dev/null
  cmake --build "$build" -j "$(nproc 2> /dev/null || echo 2)" > /dev/null
  letgo="$build/examples/letgo"
fi
mkdir -p "$out"
today=$(date +%Y-%m-%d)
region=${LETGO_REGION:-GB}

echo "== 1. Is the relationship one-sided? (answers from examples/answers/one-sided.txt)"
"$letgo" --region "$region" assess one-sided --answers "$root/examples/answers/one-sided.txt" \
  --save "$out/one-sided.session.json"
echo
echo "== 2. Ready to move on? (answers from examples/answers/readiness.txt)"
"$letgo" --region "$region" assess readiness --answers "$root/examples/answers/readiness.txt" \
  --save "$out/readiness.session.json"
echo
echo "== 3. A plan for letting go, starting today ($today): the first week"
"$letgo" --region "$region" plan --start "$today" --seed 1 \
  --result "$out/one-sided.session.json" --result "$out/readiness.session.json" \
  --set name=Sam --set interests=nature,creativity --format md --save "$out/plan.json" \
  > "$out/plan.md"
awk '/^### /{ n++ } n > 7 { exit } { print }' "$out/plan.md"
echo "..."
"$letgo" --region "$region" plan --start "$today" --seed 1 \
  --result "$out/one-sided.session.json" --result "$out/readiness.session.json" \
  --set name=Sam --set interests=nature,creativity --format ics --out "$out/letgo-plan.ics"
echo
echo "The whole plan is in $out/plan.md; import $out/letgo-plan.ics into your calendar."
echo "Check in each day with: $letgo checkin --plan $out/plan.json --date $today --mood 6"
