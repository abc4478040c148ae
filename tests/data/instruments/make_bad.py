#!/usr/bin/env python3
"""Writes tests/data/instruments/bad/<rule>.json: one broken instrument each.

Every pack has the same line layout (see TEMPLATE), so the line numbers that
tests/test_instrument.c expects follow from where the change is made.
Run it again after changing a case; the files are committed.
"""
import os

TEMPLATE = """{"format": "letgo-pack/1", "id": "bad", "version": "1.0.0", "locale": "en",
 "entries": [{"id": "tip.a", "kind": "tip", "title": "A", "body": "A."},%(labels)s
  {"id": "tip.b", "kind": "tip", "title": "B", "body": "B."}],
 "instruments": [{"id": "t", "title": "T", "intro": "I.",%(extra)s
  %(scale)s
  "items": [
   %(item0)s,
   %(item1)s,
   %(item2)s%(more)s
  ],
  "scoring": %(scoring)s,
  "bands": [
   %(band0)s,
   %(band1)s
  ]}]}
"""

BASE = dict(
    labels='\n  {"id": "label.no", "kind": "label", "title": "No", "body": "No"}, {"id": "label.yes", "kind": "label", "title": "Yes", "body": "Yes"},',
    extra="",
    scale='"scale": {"min": 0, "max": 4, "labels": ["a", "b", "c", "d", "e"]},',
    item0='{"id": "a", "text": "A.", "entry": "tip.a"}',
    item1='{"id": "b", "text": "B."}',
    item2='{"id": "c", "type": "yesno", "text": "C."}',
    more="",
    scoring='{"method": "sum", "min_answered": 2}',
    band0='{"id": "low", "max": 4, "label": "L", "summary": "S."}',
    band1='{"id": "high", "max": 9, "label": "H", "summary": "S."}',
)

CASES = {
    "good": {},
    "good-x-keys": {"item0": '{"id": "a", "text": "A.", "entry": "tip.a", "x-note": "fine"}'},
    "good-texts": {"item0": '{"id": "a", "text": "Another text about {partner}.", "entry": "tip.a"}', "band1": '{"id": "high", "max": 9, "label": "Higher", "summary": "Other."}'},
    "good-moved": {"band0": '{"id": "low", "max": 5, "label": "L", "summary": "S."}'},
    "good-optional": {"item2": '{"id": "c", "type": "number", "min": 1, "max": 5, "required": false, "text": "C."}', "band0": '{"id": "low", "max": 0, "label": "L", "summary": "S."}', "band1": '{"id": "high", "max": 13, "label": "H", "summary": "S."}'},
    "scale-min-max": {"scale": '"scale": {"min": 4, "max": 4, "labels": ["a"]},'},
    "scale-labels": {"scale": '"scale": {"min": 0, "max": 4, "labels": ["a", "b", "c", "d"]},'},
    "scale-label-placeholder": {"scale": '"scale": {"min": 0, "max": 4, "labels": ["{nope}", "b", "c", "d", "e"]},'},
    "scale-missing": {"scale": ""},
    "reverse-yesno": {"item2": '{"id": "c", "type": "yesno", "reverse": true, "text": "C."}'},
    "option-values": {"item2": '{"id": "c", "type": "choice", "text": "C.", "options": [{"value": 0, "label": "x"}, {"value": 0, "label": "y"}, {"value": 1, "label": "z"}]}'},
    "options-missing": {"item2": '{"id": "c", "type": "choice", "text": "C."}'},
    "options-on-scale": {"item1": '{"id": "b", "text": "B.", "options": []}'},
    "number-min": {"item2": '{"id": "c", "type": "number", "max": 1, "text": "C."}'},
    "number-range": {"item2": '{"id": "c", "type": "number", "min": 1, "max": 1, "text": "C."}'},
    "number-integer": {"item2": '{"id": "c", "type": "number", "min": 0, "max": 1.5, "text": "C."}'},
    "type-unknown": {"item2": '{"id": "c", "type": "slider", "text": "C."}'},
    "enable-later": {"item0": '{"id": "a", "text": "A.", "enable_when": {"item": "b", "op": "==", "value": 1}}'},
    "enable-unknown": {"item1": '{"id": "b", "text": "B.", "enable_when": {"item": "zz", "op": "==", "value": 1}}'},
    "enable-value": {"item1": '{"id": "b", "text": "B.", "enable_when": {"item": "a", "op": "==", "value": 7}}'},
    "enable-never": {"item1": '{"id": "b", "text": "B.", "enable_when": {"item": "a", "op": "<", "value": 0}}'},
    "enable-op": {"item1": '{"id": "b", "text": "B.", "enable_when": {"item": "a", "op": "=~", "value": 1}}'},
    "bands-ascend": {"band0": '{"id": "low", "max": 4, "label": "L", "summary": "S."}, {"id": "mid", "max": 3, "label": "M", "summary": "S."}'},
    "bands-short": {"band1": '{"id": "high", "max": 8, "label": "H", "summary": "S."}'},
    "bands-past": {"band0": '{"id": "low", "max": 9, "label": "L", "summary": "S."}', "band1": '{"id": "high", "max": 12, "label": "H", "summary": "S."}'},
    "bands-below": {"band0": '{"id": "low", "max": -1, "label": "L", "summary": "S."}'},
    "bands-mean": {"scoring": '{"method": "mean"}'},
    "bands-duplicate": {"band1": '{"id": "low", "max": 9, "label": "H", "summary": "S."}'},
    "bands-required": {"item2": '{"id": "c", "type": "number", "min": 1, "max": 5, "text": "C."}', "band0": '{"id": "low", "max": 0.5, "label": "L", "summary": "S."}', "band1": '{"id": "high", "max": 13, "label": "H", "summary": "S."}'},
    "entry-unknown": {"item0": '{"id": "a", "text": "A.", "entry": "tip.none"}'},
    "flag-unreachable": {"item2": '{"id": "c", "type": "yesno", "text": "C.", "flag": {"name": "crisis", "op": ">", "value": 1}}'},
    "flag-name": {"item2": '{"id": "c", "type": "yesno", "text": "C.", "flag": {"name": "panic", "op": "==", "value": 1}}'},
    "item-key": {"item0": '{"id": "a", "text": "A.", "colour": "red"}'},
    "item-duplicate": {"item1": '{"id": "a", "text": "B."}'},
    "item-not-object": {"item1": '"b"'},
    "weight-negative": {"item1": '{"id": "b", "text": "B.", "weight": -1}'},
    "required-type": {"item1": '{"id": "b", "text": "B.", "required": "yes"}'},
    "min-answered": {"scoring": '{"method": "sum", "min_answered": 4}'},
    "method-unknown": {"scoring": '{"method": "median"}'},
    "yesno-labels": {"labels": ""},
    "instrument-key": {"extra": ' "colour": "red",'},
    "too-many-items": {"more": "".join(',\n   {"id": "m%d", "text": "M.", "weight": 0}' % i for i in range(498))},
}

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad")
os.makedirs(here, exist_ok=True)
for name, change in CASES.items():
    fields = dict(BASE)
    fields.update(change)
    with open(os.path.join(here, name + ".json"), "w") as f:
        f.write(TEMPLATE % fields)
