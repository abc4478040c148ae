#!/usr/bin/env python3
"""The libletgo journey in Python: assess, plan, check in, export."""
import datetime
import tempfile
import pathlib

import letgo

START = datetime.date(2026, 11, 26)

with letgo.Catalog() as cat:
    session = cat.assess("one-sided")
    print(session.title)
    for item in session:
        session.answer(item.id, item.options[3].value)  # "Often" to each
    result = session.score()
    print(f"{result.band_label} (score {result.score:g})")

    plan = cat.plan("let-go", region="GB", name="Sam", interests=["nature"])
    plan.use(result)
    plan.build(START, seed=7)
    first = plan.days[0]
    print(f"{len(plan.days)} days; day 1 ({first.date}):")
    for task in first.tasks:
        print(f"  - {task.title}")
    plan.checkin(START, mood=5, done=[first.tasks[0].id])
    done, scheduled = plan.adherence(0)
    print(f"checked in: {done} of {scheduled} done on day 1")
    out = pathlib.Path(tempfile.gettempdir()) / "letgo-demo-plan.ics"
    out.write_text(plan.export("ics"), encoding="utf-8", newline="")
    print(f"calendar written to {out}")
