#!/usr/bin/python3
"""Parses the plan's iCalendar export with python3-icalendar and checks that
every task of the JSON export round-trips: summary, date, alarm.

Usage: check_ical.py PLAN_EXPORT_TOOL WORKDIR   (exit 77: skipped)
"""
import datetime
import json
import os
import subprocess
import sys

try:
    import icalendar
except ImportError:
    print("SKIP: python3-icalendar is not installed (apt-get install python3-icalendar)")
    sys.exit(77)

tool, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)

# python3-icalendar 4 decodes an escaped backslash followed by an escaped
# comma (RFC 5545 text: backslash backslash backslash comma) to a bare comma,
# so the names here avoid that pair; the C tests cover backslashes.
SCENARIOS = [
    ("en", []),
    ("es", ["region=ES", "name=Ana; \"x\", <b>", "partner_name=Al\nex;,{y}", "reminder_time=07:05",
            "interests=nature,social", "plan_days=90"]),
]

for locale, prefs in SCENARIOS:
    ics_path = os.path.join(work, "plan.%s.ics" % locale)
    json_path = os.path.join(work, "plan.%s.json" % locale)
    subprocess.run([tool, "ics", ics_path, locale] + prefs, check=True)
    subprocess.run([tool, "json", json_path, locale] + prefs, check=True)
    with open(ics_path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    with open(json_path, encoding="utf-8") as f:
        plan = json.load(f)

    assert str(cal["VERSION"]) == "2.0", cal["VERSION"]
    assert "PRODID" in cal
    events = [c for c in cal.walk("VEVENT")]
    tasks = [t | {"date": d["date"]} for d in plan["days"] for t in d["tasks"]]
    task_events = [e for e in events if "X-LETGO-TASK" in e]
    assert len(task_events) == len(tasks), (len(task_events), len(tasks))
    uids = set()
    for ev, task in zip(task_events, tasks):
        assert str(ev["SUMMARY"]) == task["title"], (str(ev["SUMMARY"]), task["title"])
        assert str(ev["DESCRIPTION"]) == task["body"], task["id"]
        assert str(ev["X-LETGO-TASK"]) == task["id"]
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime)
        assert start.isoformat() == task["date"], (start, task["date"])
        assert end - start == datetime.timedelta(days=1)
        alarms = [a for a in ev.walk("VALARM")]
        assert len(alarms) == 1
        alarm = alarms[0]
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]) == task["title"]
        hh, mm = (int(x) for x in task["reminder"].split(":"))
        assert alarm.decoded("TRIGGER") == datetime.timedelta(hours=hh, minutes=mm), task["reminder"]
        uid = str(ev["UID"])
        assert uid.endswith("@letgo") and uid not in uids
        uids.add(uid)
    help_events = [e for e in events if "X-LETGO-TASK" not in e]
    assert len(help_events) == 1
    assert str(help_events[0]["SUMMARY"]) == plan["help"]["title"]
    assert plan["disclaimer"]["body"] in str(help_events[0]["DESCRIPTION"])
    print("%s: %d tasks round-trip" % (locale, len(tasks)))
