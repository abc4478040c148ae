#!/usr/bin/python3
"""Imports the plan's iCalendar export into a throw-away khal calendar and
lists it back. Usage: check_khal.py PLAN_EXPORT_TOOL WORKDIR (exit 77: skipped)."""
import os
import shutil
import subprocess
import sys

khal = shutil.which("khal")
if not khal:
    print("SKIP: khal is not installed (apt-get install khal)")
    sys.exit(77)

tool, work = sys.argv[1], sys.argv[2]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(os.path.join(work, "calendar"))
ics = os.path.join(work, "plan.ics")
subprocess.run([tool, "ics", ics, "en", "name=Sam, \"the\" <one>;"], check=True)
config = os.path.join(work, "khal.conf")
with open(config, "w") as f:
    f.write("[calendars]\n[[plan]]\npath = %s\n\n[locale]\ntimeformat = %%H:%%M\n"
            "dateformat = %%Y-%%m-%%d\nlongdateformat = %%Y-%%m-%%d\n"
            "datetimeformat = %%Y-%%m-%%d %%H:%%M\nlongdatetimeformat = %%Y-%%m-%%d %%H:%%M\n"
            "\n[sqlite]\npath = %s\n" % (os.path.join(work, "calendar"), os.path.join(work, "khal.db")))
env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work, XDG_DATA_HOME=work)
subprocess.run([khal, "-c", config, "import", "--batch", "-a", "plan", ics], check=True, env=env)
stored = [n for n in os.listdir(os.path.join(work, "calendar")) if n.endswith(".ics")]
with open(ics, encoding="utf-8") as f:
    expected = f.read().count("BEGIN:VEVENT")
assert len(stored) == expected, (len(stored), expected)
out = subprocess.run([khal, "-c", config, "list", "2026-03-02", "2026-03-03"], check=True,
                     env=env, capture_output=True, text=True).stdout
assert "Open your grief window" in out, out
print("khal imported %d events" % len(stored))
