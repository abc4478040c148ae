#!/bin/sh
# pip-installs the Python package offline into a fresh virtual environment
# and imports it against an installed copy of the library.
# Usage: python_install.sh PYTHON SOURCE_DIR LIBRARY
set -eu
py=$1 src=$2 lib=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" -m venv --system-site-packages "$tmp/venv"
cp -r "$src/bindings/python" "$tmp/pkg"
"$tmp/venv/bin/pip" install --quiet --no-build-isolation --no-index "$tmp/pkg"
mkdir -p "$tmp/lib"
cp "$lib" "$tmp/lib/"
ln -sf "$(basename "$lib")" "$tmp/lib/libletgo.so.0"
ln -sf "$(basename "$lib")" "$tmp/lib/libletgo.so"
cd "$tmp"
LD_LIBRARY_PATH="$tmp/lib" "$tmp/venv/bin/python" -c \
  "import letgo; c = letgo.Catalog(); print('imported letgo', letgo.version(), 'with', len(c.entries()), 'entries'); c.close()"
