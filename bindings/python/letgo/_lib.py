"""Finding and loading the libletgo shared library."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import pathlib
import sys

_HERE = pathlib.Path(__file__).resolve().parent
_NAMES = ("libletgo.so.0", "libletgo.so", "libletgo.dylib", "letgo.dll")


def _candidates() -> list[str]:
    found: list[str] = []
    env = os.environ.get("LETGO_LIBRARY")
    if env:
        found.append(env)
    found += [str(_HERE / n) for n in _NAMES]
    # A checkout: bindings/python/letgo -> the repository's build trees.
    repo = _HERE.parent.parent.parent
    for build in sorted(repo.glob("build*")) + sorted(repo.glob("_build/*")):
        found += [str(build / n) for n in _NAMES]
    system = ctypes.util.find_library("letgo")
    if system:
        found.append(system)
    return found


def load() -> ctypes.CDLL:
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(f"{path} (missing)")
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as exc:
            tried.append(f"{path} ({exc})")
    raise ImportError(
        "letgo: cannot find the libletgo shared library; set LETGO_LIBRARY to its path. Tried: "
        + "; ".join(tried or ["nothing"])
    )


if sys.byteorder not in ("little", "big"):  # pragma: no cover
    raise ImportError("letgo: unknown byte order")
