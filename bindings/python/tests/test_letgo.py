"""Tests of the letgo Python package (stdlib unittest only).

Run with the library built: LETGO_LIBRARY=path/to/libletgo.so python3 -m unittest
discover -s bindings/python/tests (CTest sets both up).
"""
import datetime
import gc
import json
import os
import pathlib
import re
import unittest

import letgo
from letgo import _capi

START = datetime.date(2026, 11, 26)
ROOT = pathlib.Path(__file__).resolve().parents[3]


def answer_all(session, pick):
    for item in session:
        session.answer(item.id, pick(item))


class CatalogTests(unittest.TestCase):
    def setUp(self):
        self.cat = letgo.Catalog()

    def tearDown(self):
        self.cat.close()

    def test_version_matches_the_package(self):
        self.assertEqual(letgo.version(), letgo.__version__)

    def test_entries_exist_in_both_locales_with_fallback(self):
        en = self.cat.entry("sign.exhausted", "en")
        es = self.cat.entry("sign.exhausted", "es-MX")
        self.assertEqual(en.locale, "en")
        self.assertEqual(es.locale, "es")
        self.assertEqual(en.kind, "sign")
        self.assertIsNone(self.cat.entry("no.such-entry"))

    def test_search_finds_accent_folded_words(self):
        hits = self.cat.search("kind:sign", locale="es", limit=20)
        self.assertEqual(len(hits), 9)
        self.assertTrue(all(h.entry.kind == "sign" for h in hits))
        self.assertEqual(hits[0].score, 0.0)
        ranked = self.cat.search("journal", limit=3)
        self.assertTrue(ranked and ranked[0].score > 0)

    def test_render_fills_the_persona_and_keeps_unicode(self):
        text = self.cat.render("{Partner} and {name}", name="Zoë 🌷", partner_name="Alex")
        self.assertEqual(text, "Alex and Zoë 🌷")
        self.assertEqual(self.cat.render("{they_are} here", partner_pronouns="she"), "she is here")

    def test_instruments_and_templates_are_listed(self):
        self.assertEqual(set(self.cat.instruments()), {"one-sided", "readiness", "checkin", "support"})
        self.assertIn("let-go", self.cat.templates())


class ErrorTests(unittest.TestCase):
    def test_bad_pack_raises_schema_error_with_position(self):
        with letgo.Catalog(empty=True) as cat:
            pack = ('{"format":"letgo-pack/1","id":"t","version":"1.0.0","locale":"en",\n'
                    '"entries":[{"id":"a","kind":"tipp","title":"T","body":"B"}]}')
            with self.assertRaises(letgo.SchemaError) as cm:
                cat.load(pack)
            self.assertEqual(cm.exception.pointer, "/entries/0/kind")
            self.assertEqual(cm.exception.line, 2)
            self.assertEqual(cm.exception.status, -4)
            self.assertEqual(cat.entries(), [])

    def test_syntax_and_version_errors(self):
        with letgo.Catalog(empty=True) as cat:
            with self.assertRaises(letgo.ParseError):
                cat.load('{"format": ')
            with self.assertRaises(letgo.VersionError):
                cat.load('{"format":"letgo-pack/2","id":"t","version":"1","locale":"en"}')
            with self.assertRaises(letgo.LetgoIOError):
                cat.load_file("/nonexistent/pack.json")

    def test_answer_errors(self):
        with letgo.Catalog() as cat:
            s = cat.assess("one-sided")
            item = s.next()
            with self.assertRaises(letgo.RangeError):
                s.answer(item.id, 99)
            with self.assertRaises(letgo.RangeError):
                s.answer(item.id, float("nan"))
            with self.assertRaises(letgo.NotFoundError):
                s.answer("no-such-item", 1)
            with self.assertRaises(letgo.StateError):
                s.score()
            with self.assertRaises(letgo.NotFoundError):
                cat.assess("no-such-instrument")

    def test_plan_preference_errors(self):
        with letgo.Catalog() as cat:
            with cat.plan() as plan:
                with self.assertRaises(letgo.NotFoundError):
                    plan.set("colour", "blue")
                with self.assertRaises(letgo.RangeError):
                    plan.set("grief_days", 40)
                with self.assertRaises(letgo.InvalidArgumentError):
                    plan.export("pdf")

    def test_errors_do_not_shadow_builtins(self):
        self.assertFalse(hasattr(letgo, "SyntaxError"))
        self.assertTrue(issubclass(letgo.NotFoundError, LookupError))
        self.assertTrue(issubclass(letgo.LetgoError, Exception))


class JourneyTests(unittest.TestCase):
    def test_assess_plan_checkin_export(self):
        with letgo.Catalog() as cat:
            s = cat.assess("one-sided")
            answer_all(s, lambda it: it.max)
            self.assertEqual(s.progress[0], s.progress[1])
            one_sided = s.score()
            self.assertEqual(one_sided.band, "one-sided")
            self.assertEqual(len(one_sided.feedback), 9)
            self.assertIn(letgo.Flags.CRISIS, ~one_sided.flags)
            d = one_sided.to_dict()
            self.assertEqual(d["band"]["id"] if isinstance(d["band"], dict) else d["band"], "one-sided")

            r = cat.assess("readiness")
            answer_all(r, lambda it: it.min)
            readiness = r.score()

            plan = cat.plan("let-go", region="GB", name="Sam", partner_name="Alex",
                            partner_pronouns="he", interests=["fitness", "nature"])
            plan.use(one_sided)
            plan.use(readiness)
            plan.build(START, seed=7)
            days = plan.days
            self.assertGreaterEqual(len(days), 28)
            self.assertEqual(days[0].date, START)
            first = days[0].tasks[0]
            plan.checkin(START, 6, [first.id])
            self.assertEqual(plan.adherence(0)[0], 1)
            md, ics, js = plan.export("md"), plan.export("ics"), plan.export("json")
            self.assertIn("\r\nBEGIN:VEVENT\r\n", ics)
            self.assertTrue(ics.startswith("BEGIN:VCALENDAR\r\n"))
            self.assertIsInstance(json.loads(js), dict)
            self.assertIn("Alex", md + js)
            state = plan.save()
            again = letgo.Plan.restore(cat, state)
            self.assertEqual(again.export("json"), js)

    def test_session_save_and_restore(self):
        with letgo.Catalog() as cat:
            s = cat.assess("one-sided", "es")
            item = s.next()
            s.answer(item.id, 3)
            state = s.save()
            self.assertIn("letgo-session/1", state)
            t = letgo.Session.restore(cat, state)
            self.assertEqual(t.progress, s.progress)
            with self.assertRaises(letgo.SchemaError):
                letgo.Session.restore(cat, state.replace('"' + item.id + '"', '"nope"'))

    def test_crisis_flag_always_brings_resources(self):
        with letgo.Catalog() as cat:
            s = cat.assess("checkin")
            for item in s:
                s.answer(item.id, 1 if item.id == "safety" else item.max if item.type == "number" else item.options[0].value)
            result = s.score()
            self.assertIn(letgo.Flags.CRISIS, result.flags)
            self.assertIn("resources", result.to_dict())


class LifetimeTests(unittest.TestCase):
    def test_closing_the_catalogue_closes_what_it_made(self):
        cat = letgo.Catalog()
        s = cat.assess("one-sided")
        plan = cat.plan()
        cat.close()
        with self.assertRaises(letgo.ClosedError):
            s.next()
        with self.assertRaises(letgo.ClosedError):
            plan.build(START)
        with self.assertRaises(letgo.ClosedError):
            cat.entry("sign.exhausted")
        cat.close()  # twice is fine

    def test_garbage_collection_in_any_order(self):
        for order in range(3):
            cat = letgo.Catalog()
            s = cat.assess("one-sided")
            answer_all(s, lambda it: it.min)
            r = s.score()
            objs = [cat, s, r]
            del cat, s, r
            objs.insert(0, objs.pop(order))
            while objs:
                objs.pop()
                gc.collect()

    def test_a_session_keeps_its_catalogue_alive(self):
        s = letgo.Catalog().assess("one-sided")
        gc.collect()
        self.assertIsNotNone(s.next())


class CapiTests(unittest.TestCase):
    def test_every_exported_symbol_is_declared(self):
        listed = ROOT / "docs" / "symbols.txt"
        names = [l.strip() for l in listed.read_text().splitlines() if l.strip() and not l.startswith("#")]
        declared = set(_capi.FUNCTIONS) | {"lg_strerror"}
        self.assertEqual(sorted(set(names) - declared), [])


if __name__ == "__main__":
    unittest.main()
