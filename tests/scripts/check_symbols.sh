#!/bin/sh
# Compares the shared library's exported symbols with the checked-in list,
# so that adding a symbol is a conscious act and removing one fails.
# Usage: check_symbols.sh LIBRARY LIST
set -eu
lib=$1 list=$2
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort -u)
bad=$(printf '%s\n' "$actual" | grep -v '^lg_' || true)
if [ -n "$bad" ]; then
  echo "exported symbols without the lg_ prefix:"; printf '%s\n' "$bad"; exit 1
fi
expected=$(grep -v '^#' "$list" | grep -v '^$' | sort -u)
if [ "$actual" != "$expected" ]; then
  echo "exported symbols differ from $list (< list, > library):"
  printf '%s\n' "$expected" > "${TMPDIR:-/tmp}/lg_expected.$$"
  printf '%s\n' "$actual" > "${TMPDIR:-/tmp}/lg_actual.$$"
  diff "${TMPDIR:-/tmp}/lg_expected.$$" "${TMPDIR:-/tmp}/lg_actual.$$" || true
  rm -f "${TMPDIR:-/tmp}/lg_expected.$$" "${TMPDIR:-/tmp}/lg_actual.$$"
  exit 1
fi
echo "$(printf '%s\n' "$actual" | wc -l) exported symbols, all lg_*, matching $list"
