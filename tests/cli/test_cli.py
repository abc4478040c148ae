#!/usr/bin/env python3
"""End-to-end tests of the `letgo` program (stdlib unittest only).

Environment:
  LETGO_BIN            the built program (CTest passes $<TARGET_FILE:letgo_cli>)
  LETGO_SOURCE_DIR     the source tree (example answers, golden files)
  LETGO_UPDATE_GOLDEN  set to 1 to rewrite tests/data/cli/*.out instead of comparing
  LETGO_CLI_WRAPPER    an optional command prefix, e.g. "valgrind --error-exitcode=99 -q"

Regenerate the golden files after an intended change of output:
  LETGO_UPDATE_GOLDEN=1 ctest -R '^cli' --test-dir BUILD     (then review git diff)
"""

import datetime
import json
import os
import pty
import re
import resource
import select
import shlex
import shutil
import subprocess
import tempfile
import time
import unittest

LETGO = os.environ.get("LETGO_BIN", "")
SOURCE = os.environ.get("LETGO_SOURCE_DIR",
                        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DATA = os.path.join(SOURCE, "tests", "data", "cli")
ANSWERS = os.path.join(SOURCE, "examples", "answers")
UPDATE = os.environ.get("LETGO_UPDATE_GOLDEN") == "1"
WRAPPER = shlex.split(os.environ.get("LETGO_CLI_WRAPPER", ""))
ESC = b"\x1b["


def base_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "LC_ALL", "LANG", "LANGUAGE", "TERM") and not k.startswith("LC_")}
    env["LC_ALL"] = "C"
    env.update(extra)
    return env


def run(args, stdin=None, env=None, cwd=None, preexec_fn=None):
    """Runs letgo; returns (exit code, stdout bytes, stderr bytes)."""
    p = subprocess.run(WRAPPER + [LETGO] + list(args), input=stdin, capture_output=True,
                       env=env or base_env(), cwd=cwd, preexec_fn=preexec_fn, timeout=120)
    return p.returncode, p.stdout, p.stderr


def golden(test, name, data):
    path = os.path.join(DATA, name)
    if UPDATE:
        with open(path, "wb") as f:
            f.write(data)
        return
    with open(path, "rb") as f:
        want = f.read()
    if data != want:
        test.fail("%s differs from the golden file (LETGO_UPDATE_GOLDEN=1 regenerates it):\n%s"
                  % (name, data.decode("utf-8", "replace")[:3000]))


class Pty:
    """letgo on a pseudo-terminal: stdin, stdout and stderr are the terminal."""

    def __init__(self, args, env):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(WRAPPER + [LETGO] + list(args), stdin=slave, stdout=slave,
                                     stderr=slave, env=env, close_fds=True)
        os.close(slave)
        self.out = b""

    def _read(self, timeout):
        """Reads what is there: the bytes, b"" at the end, None after `timeout` seconds."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return None
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the program closed the terminal
            chunk = b""
        self.out += chunk
        return chunk

    def expect(self, text, timeout=60):
        """Waits until `text` has appeared; returns all output so far."""
        deadline = time.monotonic() + timeout
        while text not in self.out:
            left = deadline - time.monotonic()
            if left <= 0 or self._read(left) == b"":
                raise AssertionError("did not see %r in:\n%s" % (text, self.out.decode("utf-8", "replace")))
        return self.out

    def send(self, line):
        os.write(self.master, line.encode() + b"\r")

    def finish(self, timeout=120):
        """Reads to the end of the output; returns the exit code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(1) != b"":
            pass
        rc = self.proc.wait(timeout=max(1, deadline - time.monotonic()))
        os.close(self.master)
        return rc


class CliTest(unittest.TestCase):
    def setUp(self):
        if not LETGO or not os.path.exists(LETGO):
            self.skipTest("LETGO_BIN is not set to the built program")
        self.tmp = tempfile.mkdtemp(prefix="letgo-cli-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def ok(self, args, **kw):
        rc, out, err = run(args, **kw)
        self.assertEqual(rc, 0, err.decode("utf-8", "replace"))
        return out, err

    def sessions(self):
        """Saved one-sided and readiness sessions from the example answers."""
        os_, rd = self.path("one-sided.json"), self.path("readiness.json")
        self.ok(["assess", "one-sided", "--answers", os.path.join(ANSWERS, "one-sided.txt"), "--save", os_])
        self.ok(["assess", "readiness", "--answers", os.path.join(ANSWERS, "readiness.txt"), "--save", rd])
        return os_, rd

    def plan_args(self, fmt, *extra):
        os_, rd = self.sessions()
        return ["--region", "GB", "plan", "--start", "2026-03-02", "--seed", "7", "--result", os_,
                "--result", rd, "--set", "name=Sam", "--set", "partner_name=Alex",
                "--set", "partner_pronouns=she", "--format", fmt] + list(extra)


class GoldenTests(CliTest):
    def test_assess_one_sided_from_the_example_answers(self):
        out, err = self.ok(["--region", "GB", "assess", "one-sided",
                            "--answers", os.path.join(ANSWERS, "one-sided.txt")])
        self.assertTrue(out.startswith(b"Is your relationship one-sided?\nLargely one-sided (score 29)\n"))
        self.assertEqual(err, b"")
        golden(self, "assess-one-sided-gb.out", out)

    def test_assess_readiness_in_spanish(self):
        out, _ = self.ok(["--locale", "es", "--region", "ES", "assess", "readiness",
                          "--answers", os.path.join(ANSWERS, "readiness.txt")])
        golden(self, "assess-readiness-es.out", out)

    def test_assess_prorated_score_without_region_lists_every_resource(self):
        out, _ = self.ok(["assess", "--answers", os.path.join(DATA, "one-sided-partial.txt")])
        self.assertIn(b"(score 30.86, estimated from the answers given)\n", out)
        self.assertIn(b"Samaritans", out)
        self.assertIn(b"988 Suicide", out)
        golden(self, "assess-one-sided-partial.out", out)

    def test_assess_crisis_puts_reaching_out_first(self):
        out, _ = self.ok(["--region", "US", "assess", "checkin",
                          "--answers", os.path.join(DATA, "checkin-crisis.txt")])
        self.assertTrue(out.startswith(b"Please reach out now\n"))
        self.assertLess(out.index(b"988 Suicide"), out.index(b"Daily check-in"))
        self.assertTrue(out.rstrip().endswith(b"Find A Helpline \xe2\x80\x94 Web https://findahelpline.com"))
        golden(self, "assess-checkin-crisis-us.out", out)

    def test_assess_json(self):
        out, _ = self.ok(["--region", "GB", "assess", "--json",
                          "--answers", os.path.join(ANSWERS, "one-sided.txt")])
        golden(self, "assess-one-sided-gb.json", out)

    def test_plan_markdown(self):
        out, _ = self.ok(self.plan_args("md"))
        self.assertIn(b"### Day 1 \xc2\xb7 2026-03-02", out)
        golden(self, "plan-gb.md", out)

    def test_plan_icalendar_to_a_file(self):
        ics = self.path("plan.ics")
        out, err = self.ok(self.plan_args("ics", "--out", ics))
        self.assertEqual(out, b"")
        self.assertEqual(err, ("Wrote the plan to %s\n" % ics).encode())
        self.assertEqual(os.stat(ics).st_mode & 0o777, 0o600)
        with open(ics, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"BEGIN:VCALENDAR\r\n"))
        golden(self, "plan-gb.ics", data)

    def test_plan_json_and_saved_state(self):
        state = self.path("plan-state.json")
        out, _ = self.ok(self.plan_args("json", "--save", state))
        golden(self, "plan-gb.json", out)
        with open(state, "rb") as f:
            saved = json.loads(f.read())
        self.assertEqual(saved["format"], "letgo-plan/1")
        self.assertEqual(saved["start"], "2026-03-02")
        self.assertEqual(saved["seed"], "7")

    def test_plan_in_spanish_without_results(self):
        out, _ = self.ok(["--locale", "es", "plan", "--start", "2026-12-28", "--seed", "3",
                          "--set", "support=talk", "--set", "plan_days=28"])
        golden(self, "plan-es.md", out)

    def test_checkin_records_saves_and_adapts(self):
        state = self.path("plan.json")
        self.ok(["--region", "GB", "plan", "--start", "2026-03-02", "--seed", "7", "--save", state,
                 "--out", self.path("plan.md")])
        out, _ = self.ok(["checkin", "--plan", state, "--date", "2026-03-03", "--mood", "6",
                          "--done", "journal,talk"])
        golden(self, "checkin-day2.out", out)
        # Three low moods after the grief window (2026-03-02 to 03-11) add therapy.
        for day in ("12", "13"):
            self.ok(["checkin", "--plan", state, "--date", "2026-03-" + day, "--mood", "2"])
        out, _ = self.ok(["checkin", "--plan", state, "--date", "2026-03-14", "--mood", "1"])
        self.assertIn(b"\nAdded from 2026-03-15: ", out)
        golden(self, "checkin-adapted.out", out)
        with open(state, "rb") as f:
            saved = json.loads(f.read())
        self.assertEqual([(c["date"], c["mood"]) for c in saved["checkins"]],
                         [("2026-03-03", 6), ("2026-03-12", 2), ("2026-03-13", 2), ("2026-03-14", 1)])
        self.assertEqual(saved["checkins"][0]["done"], ["journal", "talk"])

    def test_search(self):
        out, err = self.ok(["search", "grief"])
        self.assertRegex(err.decode(), r"^\d+ match(es)?( \(the first 20 shown\))?\n$")
        golden(self, "search-grief.out", out)
        out, _ = self.ok(["--locale", "es", "search", "kind:sign"])
        self.assertEqual(len(out.splitlines()), 9)
        golden(self, "search-signs-es.out", out)

    def test_show(self):
        out, _ = self.ok(["show", "sign.exhausted"])
        golden(self, "show-sign-exhausted.out", out)
        out, _ = self.ok(["--locale", "es", "show", "resource.samaritans"])
        golden(self, "show-samaritans-es.out", out)

    def test_list(self):
        for what in ("entries", "instruments", "plans", "resources"):
            out, _ = self.ok(["list", what])
            golden(self, "list-%s.out" % what, out)
        default, _ = self.ok(["list"])
        self.assertEqual(default, run(["list", "entries"])[1])
        out, _ = self.ok(["--locale", "es", "list", "instruments"])
        golden(self, "list-instruments-es.out", out)

    def test_help_and_version(self):
        out, _ = self.ok(["--help"])
        golden(self, "help.out", out)
        for cmd in ("assess", "plan", "checkin", "search", "show", "list"):
            out, err = self.ok([cmd, "--help"])
            self.assertTrue(out.startswith(b"usage: letgo " + cmd.encode()), cmd)
            self.assertEqual(err, b"")
        out, _ = self.ok(["--version"])
        self.assertRegex(out.decode(), r"^letgo \d+\.\d+\.\d+ \(libletgo \d+\.\d+\.\d+\)\n$")

    def test_plan_starts_today_by_default(self):
        before = datetime.date.today().isoformat()
        out, _ = self.ok(["plan", "--format", "json"])
        after = datetime.date.today().isoformat()
        self.assertIn(json.loads(out)["days"][0]["date"], (before, after))


class JsonTests(CliTest):
    def test_result_json_parses(self):
        out, _ = self.ok(["--region", "gb", "assess", "one-sided", "--json",
                          "--answers", os.path.join(ANSWERS, "one-sided.txt")])
        r = json.loads(out)
        self.assertEqual(r["format"], "letgo-result/1")
        self.assertEqual(r["instrument"], "one-sided")
        self.assertEqual(r["band"]["id"], "one-sided")
        self.assertEqual(r["score"], 29)
        self.assertEqual(len(r["feedback"]), 8)  # no-time-together=2 is not in the upper half
        self.assertEqual(list(r["resources"]), ["GB"])

    def test_result_json_without_region_has_every_region(self):
        out, _ = self.ok(["assess", "readiness", "--json",
                          "--answers", os.path.join(ANSWERS, "readiness.txt")])
        r = json.loads(out)
        self.assertEqual(r["band"]["id"], "ready")
        self.assertIn("*", r["resources"])
        self.assertIn("US", r["resources"])

    def test_prorated_result_json(self):
        out, _ = self.ok(["assess", "--json", "--answers", os.path.join(DATA, "one-sided-partial.txt")])
        r = json.loads(out)
        self.assertEqual(r["score"], 30.86)
        self.assertEqual(r["flags"], ["prorated"])

    def test_a_saved_session_is_an_answers_file_too(self):
        os_, _ = self.sessions()
        out, _ = self.ok(["assess", "--json", "--answers", os_])
        self.assertEqual(json.loads(out)["score"], 29)
        with open(os_, "rb") as f:
            out, _ = self.ok(["assess", "--json", "--answers", "-"], stdin=f.read())
        self.assertEqual(json.loads(out)["score"], 29)

    def test_plan_json_parses(self):
        out, _ = self.ok(self.plan_args("json"))
        plan = json.loads(out)
        self.assertEqual(plan["days"][0]["date"], "2026-03-02")
        self.assertEqual(len(plan["days"]), 42)


class StdinTests(CliTest):
    """The questionnaire fed through a pipe: prompts on stderr, nothing on stdout."""

    def test_bad_answer_back_quit_with_save_then_resume(self):
        session = self.path("s.json")
        # 3 answers item 1; x and 9 are refused; b goes back to item 1; 4 answers
        # it again; 2 answers item 2; q stops and saves.
        rc, out, err = run(["assess", "--save", session], stdin=b" 3 \nx\n9\nb\n4\n2\nq\n")
        self.assertEqual(rc, 0)
        self.assertEqual(out, b"")
        text = err.decode()
        self.assertEqual(text.count("Please type a number from 1 to 5, b to go back or q to stop.\n"), 2)
        self.assertEqual(text.count("1 of 9  "), 2)  # at the start and after going back
        self.assertEqual(text.count("2 of 9  "), 4)  # the first time, after x, after 9, after going back
        self.assertTrue(text.endswith("Saved. Continue later with: letgo assess --resume %s\n" % session))
        with open(session, "rb") as f:
            saved = json.loads(f.read())
        self.assertEqual(saved["format"], "letgo-session/1")
        self.assertEqual(saved["answers"], {"exhausted": 3, "no-connection": 1})
        self.assertEqual(os.stat(session).st_mode & 0o777, 0o600)

        # Resume: b goes back across the saved answers, then finish.
        rc, out, err = run(["assess", "--resume", session], stdin=b"b\n2\n" + b"5\n" * 7)
        self.assertEqual(rc, 0, err)
        self.assertIn(b"3 of 9  ", err)
        self.assertLess(err.index(b"3 of 9  "), err.index(b"2 of 9  "))
        self.assertTrue(out.startswith(b"Is your relationship one-sided?\nLargely one-sided (score 32)\n"))
        with open(session, "rb") as f:
            self.assertEqual(len(json.loads(f.read())["answers"]), 9)  # saved back where it was

    def test_back_at_the_first_question(self):
        rc, _, err = run(["assess"], stdin=b"b\nq\n")
        self.assertEqual(rc, 0)
        self.assertIn(b"This is the first question.\n", err)
        self.assertTrue(err.endswith(b"Stopped. Nothing was saved (use --save FILE to keep your answers).\n"))

    def test_number_items_and_help_as_soon_as_the_crisis_flag_rises(self):
        # mood 11 is refused; 2; sleep 1; reached out 1 (No); dwelling 1; safety 2 (Yes); follow-up 1.
        rc, out, err = run(["--region", "GB", "assess", "checkin"], stdin=b"11\n2\n1\n1\n1\n2\n1\n")
        self.assertEqual(rc, 0, err)
        self.assertIn(b"  (a number from 0 to 10)\n", err)
        self.assertIn(b"Please type a number from 0 to 10, b to go back or q to stop.\n", err)
        self.assertLess(err.index(b"Please reach out now"), err.index(b"6 of 6  "))
        self.assertTrue(out.startswith(b"Please reach out now\n"))

    def test_help_first_when_a_resumed_session_has_the_crisis_flag(self):
        session = self.path("checkin.json")
        rc, _, err = run(["assess", "checkin", "--save", session], stdin=b"2\n1\n1\n1\n2\nq\n")
        self.assertEqual(rc, 0, err)
        self.assertEqual(err.count(b"Please reach out now"), 1)
        rc, _, err = run(["assess", "--resume", session], stdin=b"q\n")
        self.assertEqual(rc, 0, err)
        self.assertLess(err.index(b"Please reach out now"), err.index(b"6 of 6  "))

    def test_end_of_input_stops_like_q(self):
        session = self.path("eof.json")
        rc, _, _ = run(["assess", "readiness", "--save", session], stdin=b"1\n2\n")
        self.assertEqual(rc, 0)
        with open(session, "rb") as f:
            self.assertEqual(json.loads(f.read())["answers"], {"raised-concerns": 0, "still-hoping": 1})


class PtyTests(CliTest):
    def test_interactive_session_on_a_terminal(self):
        session = self.path("pty.json")
        t = Pty(["assess", "--save", session], base_env(TERM="xterm"))
        t.expect(b"1 of 9")
        t.expect(b"> ")
        t.send("7")
        t.expect(b"Please type a number from 1 to 5")
        t.send("5")
        t.expect(b"2 of 9")
        t.send("b")
        t.expect(b"\x1b[2m1 of 9\x1b[0m", timeout=30)  # back at item 1, progress dimmed on a terminal
        t.send("4")
        t.expect(b"2 of 9")
        t.send("3")
        t.expect(b"3 of 9")
        t.send("q")
        t.expect(b"Saved.")
        self.assertEqual(t.finish(), 0)
        self.assertIn(ESC + b"1mIs your relationship one-sided?" + ESC + b"0m", t.out)
        with open(session, "rb") as f:
            self.assertEqual(json.loads(f.read())["answers"], {"exhausted": 3, "no-connection": 2})

        t = Pty(["--region", "GB", "assess", "--resume", session], base_env(TERM="xterm"))
        for i in range(3, 10):
            t.expect(b"%d of 9" % i)
            t.send("1")
        t.expect(b"Where to get help")
        self.assertEqual(t.finish(), 0)
        self.assertIn(b"(score 5)\r\n", t.out)  # 3 + 2 + 7 x 0; the terminal turns \n into \r\n

    def test_no_color_on_a_terminal(self):
        t = Pty(["show", "sign.exhausted"], base_env(TERM="xterm", NO_COLOR="1"))
        self.assertEqual(t.finish(), 0)
        plain = run(["show", "sign.exhausted"])[1]
        self.assertEqual(t.out, plain.replace(b"\n", b"\r\n"))  # the terminal adds the \r
        self.assertNotIn(b"\x1b", t.out)

    def test_color_on_a_terminal_without_no_color(self):
        t = Pty(["show", "sign.exhausted"], base_env(TERM="xterm"))
        self.assertEqual(t.finish(), 0)
        self.assertIn(ESC + b"1m", t.out)
        self.assertIn(ESC + b"0m", t.out)

    def test_no_color_when_not_a_terminal(self):
        _, out, err = run(["show", "sign.exhausted"], env=base_env(TERM="xterm"))
        self.assertNotIn(b"\x1b", out + err)


class ExitCodeTests(CliTest):
    def assertExit(self, code, args, stderr_re=None, **kw):
        rc, out, err = run(args, **kw)
        self.assertEqual(rc, code, "%s: %s" % (args, err.decode("utf-8", "replace")))
        if stderr_re:
            self.assertRegex(err.decode("utf-8", "replace"), stderr_re)
        return out, err

    def test_64_usage(self):
        self.assertExit(64, [], r"^usage: letgo ")
        self.assertExit(64, ["frobnicate"], r"'frobnicate' is not a command")
        self.assertExit(64, ["--pack"], r"--pack needs a value")
        self.assertExit(64, ["--region", "GBR", "list"], r"two-letter")
        self.assertExit(64, ["assess", "no-such-questionnaire"], r"no questionnaire 'no-such-questionnaire'")
        self.assertExit(64, ["assess", "--bogus"], r"unknown option --bogus")
        self.assertExit(64, ["assess", "--answers"], r"--answers needs a file")
        self.assertExit(64, ["plan", "--format", "pdf"], r"--format is md, ics or json, not 'pdf'")
        self.assertExit(64, ["plan", "--start", "2026-3-2"], r"--start needs YYYY-MM-DD")
        self.assertExit(64, ["plan", "--start", "2026-02-30"], r"cannot build the plan from 2026-02-30")
        self.assertExit(64, ["plan", "--seed", "-1"], r"--seed needs a whole number")
        self.assertExit(64, ["plan", "--set", "colour=blue"], r"'colour' is not a preference")
        self.assertExit(64, ["plan", "--set", "grief_days=99"], r"grief_days: '99' is not an allowed value")
        self.assertExit(64, ["plan", "--set", "nokey"], r"--set needs KEY=VALUE")
        self.assertExit(64, ["plan", "--template", "nope"], r"no plan template 'nope'")
        self.assertExit(64, ["checkin", "--plan", "x.json"], r"--plan, --date and --mood are needed")
        self.assertExit(64, ["checkin", "--plan", "x", "--date", "2026-03-03", "--mood", "11"],
                        r"--mood needs a whole number from 0 to 10")
        self.assertExit(64, ["search"], r"^usage: letgo search")
        self.assertExit(64, ["search", '"unclosed'], r"the query is malformed")
        self.assertExit(64, ["show", "no.such-entry"], r"no text with the id 'no.such-entry'")
        self.assertExit(64, ["list", "everything"], r"'everything' is not one of")

    def test_65_broken_pack_names_file_line_column_and_pointer(self):
        pack = os.path.join(DATA, "bad-pack.json")
        out, err = self.assertExit(65, ["--pack", pack, "list"])
        self.assertEqual(out, b"")
        self.assertRegex(err.decode(), r"^%s:9:15: /entries/0/kind: \"poem\" is not a kind; .+\n$" % re.escape(pack))
        syntax = os.path.join(DATA, "bad-syntax-pack.json")
        self.assertExit(65, ["--pack", syntax, "list"], r"^%s:4:3: .+\n$" % re.escape(syntax))

    def test_65_bad_answers_and_saved_files(self):
        bad = self.path("bad.txt")
        with open(bad, "w") as f:
            f.write("# comment\nexhausted=banana\n")
        self.assertExit(65, ["assess", "--answers", bad], r"^%s:2: exhausted: 'banana' is not a number\n$" % re.escape(bad))
        with open(bad, "w") as f:
            f.write("exhausted=2\nno-connection=7\n")
        self.assertExit(65, ["assess", "--answers", bad], r":2: no-connection=7: not an allowed answer\n$")
        with open(bad, "w") as f:
            f.write("no-such-item=1\n")
        self.assertExit(65, ["assess", "--answers", bad], r":1: no-such-item=1: no such question\n$")
        with open(bad, "w") as f:
            f.write("exhausted\n")
        self.assertExit(65, ["assess", "--answers", bad], r":1: expected item=value, not 'exhausted'\n$")
        with open(bad, "w") as f:
            f.write("exhausted=1\n")
        self.assertExit(65, ["assess", "--answers", bad], r"not enough answers for a result yet")
        state = self.path("state.json")
        with open(state, "w") as f:
            f.write('{"format": "letgo-session/1",\n "instrument": 7}\n')
        self.assertExit(65, ["assess", "--resume", state], r"^%s:\d+:\d+: /instrument: " % re.escape(state))
        self.assertExit(65, ["plan", "--result", state], r"^%s:\d+:\d+: " % re.escape(state))

    def test_65_checkin_errors(self):
        state = self.path("plan.json")
        self.ok(["plan", "--start", "2026-03-02", "--save", state, "--out", self.path("p.md")])
        self.assertExit(65, ["checkin", "--plan", state, "--date", "2027-01-01", "--mood", "5"],
                        r"2027-01-01 is not in the plan, which runs from 2026-03-02 to 2026-04-12")
        self.assertExit(65, ["checkin", "--plan", state, "--date", "2026-03-03", "--mood", "5", "--done", "nope"],
                        r"--done names a task that is not on 2026-03-03")
        with open(state) as f:
            saved = json.load(f)
        self.assertEqual(saved.get("checkins", []), [])  # nothing was recorded
        saved["seed"] = 7
        with open(state, "w") as f:
            json.dump(saved, f, indent=1)
        self.assertExit(65, ["checkin", "--plan", state, "--date", "2026-03-03", "--mood", "5"],
                        r"^%s:\d+:\d+: /seed: " % re.escape(state))

    def test_66_missing_files(self):
        missing = self.path("missing.txt")
        for args in (["assess", "--answers", missing], ["assess", "--resume", missing],
                     ["plan", "--result", missing], ["checkin", "--plan", missing, "--date", "2026-03-03", "--mood", "5"]):
            self.assertExit(66, args, r"^letgo: %s: No such file or directory\n$" % re.escape(missing))
        self.assertExit(66, ["--pack", missing, "list"], r"^%s: " % re.escape(missing))

    def test_74_write_errors(self):
        nodir = self.path("no/such/dir/plan.ics")
        self.assertExit(74, ["plan", "--format", "ics", "--out", nodir],
                        r"^letgo: %s: No such file or directory\n$" % re.escape(nodir))
        self.assertExit(74, ["assess", "--answers", os.path.join(ANSWERS, "one-sided.txt"),
                             "--save", self.path("nope/s.json")])
        self.assertFalse(os.path.exists(self.path("nope")))
        if os.path.exists("/dev/full"):
            with open("/dev/full", "wb") as full:
                p = subprocess.run(WRAPPER + [LETGO, "list"], stdout=full, stderr=subprocess.PIPE,
                                   env=base_env(), timeout=60)
            self.assertEqual(p.returncode, 74, p.stderr)
            self.assertRegex(p.stderr.decode(), r"^letgo: standard output: No space left on device\n$")

    def test_70_out_of_memory(self):
        """A data-segment limit the program starts under but the catalogue does not fit."""
        if WRAPPER:
            self.skipTest("memory limits do not mix with a wrapper")
        for kb in (256, 512, 1024, 2048, 4096):
            def limit(kb=kb):
                resource.setrlimit(resource.RLIMIT_DATA, (kb * 1024, kb * 1024))

            rc, out, err = run(["list", "plans"], preexec_fn=limit)
            if b"while loading shared libraries" in err or b"Sanitizer" in err:
                continue  # the program did not start: try a larger limit
            self.assertEqual(rc, 70, err)
            self.assertEqual(out, b"")
            self.assertRegex(err.decode(), r"^letgo: cannot load the built-in content: ")
            return
        self.skipTest("this build does not start under a small data limit (sanitizers?)")

    def test_0_ok(self):
        self.assertExit(0, ["list", "plans"])


class DemoTests(CliTest):
    """scripts/demo.sh (the README's first command), with the program already built."""

    def test_demo_runs_and_cuts_the_first_week(self):
        if WRAPPER:
            self.skipTest("the demo runs the program directly")
        out_dir = self.path("demo")
        p = subprocess.run(["sh", os.path.join(SOURCE, "scripts", "demo.sh")], capture_output=True,
                           env=base_env(LETGO_DEMO_BIN=LETGO, LETGO_DEMO_OUT=out_dir), timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        text = p.stdout.decode()
        self.assertIn("== 1. Is the relationship one-sided?", text)
        self.assertIn("Largely one-sided (score 29)", text)
        self.assertIn("== 2. Ready to move on?", text)
        self.assertIn("Ready to move on (score 28)", text)
        self.assertRegex(text, r"\n### Day 7 \S+ \d{4}-\d\d-\d\d\n")
        self.assertNotIn("### Day 8 ", text)
        self.assertIn("Wrote the plan to %s/letgo-plan.ics" % out_dir, p.stderr.decode())
        with open(os.path.join(out_dir, "letgo-plan.ics"), "rb") as f:
            self.assertTrue(f.read().startswith(b"BEGIN:VCALENDAR\r\n"))
        with open(os.path.join(out_dir, "plan.json"), "rb") as f:
            self.assertEqual(json.loads(f.read())["format"], "letgo-plan/1")


class LocaleTests(CliTest):
    """The program never calls setlocale: a decimal-comma locale changes nothing."""

    def test_decimal_comma_locale_gives_identical_bytes(self):
        try:
            names = subprocess.run(["locale", "-a"], capture_output=True, timeout=30).stdout.decode()
        except OSError:
            names = ""
        de = [n for n in names.split() if n.lower() in ("de_de.utf8", "de_de.utf-8")]
        if not de:
            self.skipTest("no de_DE.UTF-8 locale (install locales-all)")
        state = self.path("plan.json")
        self.ok(["plan", "--start", "2026-03-02", "--save", state, "--out", self.path("p.md")])
        cases = [
            ["assess", "--answers", os.path.join(DATA, "one-sided-partial.txt")],
            ["assess", "--json", "--answers", os.path.join(DATA, "one-sided-partial.txt")],
            ["--locale", "es", "assess", "readiness", "--answers", os.path.join(ANSWERS, "readiness.txt")],
            ["plan", "--start", "2026-03-02", "--format", "json"],
            ["plan", "--start", "2026-03-02", "--format", "ics"],
            ["search", "grief"],
        ]
        for args in cases:
            want = run(args, env=base_env(LC_ALL="C"))
            got = run(args, env=base_env(LC_ALL="de_DE.UTF-8", LANG="de_DE.UTF-8"))
            self.assertEqual(want, got, args)
            self.assertEqual(want[0], 0, args)
        # A check-in (which writes the plan back) gives the same bytes too.
        shutil.copy(state, state + ".c")
        a = run(["checkin", "--plan", state, "--date", "2026-03-03", "--mood", "4", "--done", "journal"],
                env=base_env(LC_ALL="C"))
        b = run(["checkin", "--plan", state + ".c", "--date", "2026-03-03", "--mood", "4", "--done", "journal"],
                env=base_env(LC_ALL="de_DE.UTF-8"))
        self.assertEqual(a, b)
        with open(state, "rb") as f1, open(state + ".c", "rb") as f2:
            self.assertEqual(f1.read(), f2.read())


if __name__ == "__main__":
    unittest.main()
