#!/bin/sh
# The README's test command: builds libletgo and runs every test.
# On a fresh Debian/Ubuntu machine it first installs what the tests need
# (cmocka, pkg-config, a C++ compiler for the header check, Python's
# iCalendar parser), with apt-get as root or through sudo.
#
# Usage: scripts/test.sh [BUILD_DIR] [extra cmake arguments...]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build"}
[ $# -gt 0 ] && shift

need=""
command -v pkg-config > /dev/null 2>&1 || need="$need pkg-config"
pkg-config --exists cmocka 2> /dev/null || need="$need libcmocka-dev"
command -v c++ > /dev/null 2>&1 || need="$need g++"
command -v nm > /dev/null 2>&1 || need="$need binutils"
/usr/bin/python3 -c 'import icalendar' > /dev/null 2>&1 || need="$need python3-icalendar"
/usr/bin/python3 -c 'import pip, wheel, ensurepip' > /dev/null 2>&1 || need="$need python3-pip python3-wheel python3-venv"
if [ -n "$need" ]; then
  echo "test.sh: installing:$need"
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo > /dev/null; then sudo=sudo; else
    echo "test.sh: please install:$need (e.g. sudo apt-get install$need)" >&2; exit 1
  fi
  if ! command -v apt-get > /dev/null; then
    echo "test.sh: no apt-get here; please install:$need" >&2; exit 1
  fi
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need > /dev/null
fi

cmake -S "$here" -B "$build" -DLETGO_BUILD_TESTS=ON "$@"
cmake --build "$build" -j "$(nproc 2> /dev/null || echo 2)"
cd "$build"
ctest --output-on-failure -j "$(nproc 2> /dev/null || echo 2)"
