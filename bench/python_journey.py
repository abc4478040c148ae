#!/usr/bin/env python3
"""The journey of bench/journey.c through the Python package, timed, and
the ratio against the C program.

Usage: LETGO_LIBRARY=BUILD/libletgo.so PYTHONPATH=bindings/python \
       python3 bench/python_journey.py BUILD/bench/bench_journey [ITERATIONS]
"""
import datetime
import re
import subprocess
import sys
import time

import letgo

START = datetime.date(2026, 11, 26)


def journey(cat):
    a = cat.assess("one-sided", "en")
    for item in a:
        a.answer(item.id, item.max)
    ra = a.score()
    b = cat.assess("readiness", "en")
    for item in b:
        b.answer(item.id, item.min)
    rb = b.score()
    plan = cat.plan("let-go", "en", region="GB")
    plan.use(ra)
    plan.use(rb)
    plan.build(START, seed=7)
    for d in range(3):
        plan.checkin(START + datetime.timedelta(days=d), 4 + d)
    total = sum(len(plan.export(f).encode()) for f in ("json", "ics", "md"))
    for obj in (plan, ra, rb, a, b):
        obj.close()
    return total


def main():
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with letgo.Catalog() as cat:
        journey(cat)
        t0 = time.perf_counter()
        for _ in range(n):
            journey(cat)
        py_us = (time.perf_counter() - t0) / n * 1e6
    out = subprocess.run([sys.argv[1], str(n)], check=True, capture_output=True, text=True).stdout
    c_us = float(re.search(r"c_journey_us=([0-9.]+)", out).group(1))
    print(f"python_journey_us={py_us:.1f} c_journey_us={c_us:.1f} ratio={py_us / c_us:.2f}")


if __name__ == "__main__":
    main()
