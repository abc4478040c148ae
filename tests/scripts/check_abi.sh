#!/bin/sh
# The ABI gate: compares the freshly built library with the ABI stored for
# this release (docs/abi/libletgo.so.0.abi, an abidw dump). Adding symbols
# is allowed; removing or changing one fails.
# Usage: check_abi.sh LIBRARY STORED_ABI    (refresh: scripts/abi-dump.sh)
set -eu
lib=$1 stored=$2
if ! command -v abidiff > /dev/null; then
  echo "abidiff not installed (apt-get install abigail-tools): skipping the ABI gate"
  exit 77
fi
set +e
abidiff --no-added-syms --headers-dir2 "$(dirname "$0")/../../include" "$stored" "$lib"
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "abidiff exit status $rc: the ABI changed incompatibly (see docs/ABI.md)"
  exit 1
fi
echo "ABI compatible with $(basename "$stored")"
