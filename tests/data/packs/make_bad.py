#!/usr/bin/env python3
"""Writes tests/data/packs/bad/*.json, one per validation rule, and
bad/EXPECTED: name, status, line, column, offset, pointer and a part of the
message, tab-separated. Positions are found here by searching the text for
the node, independently of the C code. Run it again after changing a case."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
HEAD = '{\n  "format": "letgo-pack/1",\n  "id": "test",\n  "version": "1.0.0",\n  "locale": "en",\n'
GOOD = '    {"id": "tip.one", "kind": "tip", "title": "One", "body": "Body one."}'


def pack(*entries, extra=""):
    body = ",\n".join(entries)
    return HEAD + extra + '  "entries": [\n' + body + "\n  ]\n}\n"


def entry(fields):
    return "    {" + fields + "}"


E = '"id": "tip.two", "kind": "tip", "title": "Two", "body": "Body two."'

# name, text, status, needle (node start; "" = the root), occurrence, pointer, message part
CASES = [
    ("not-object", "[1, 2]\n", "ESCHEMA", "[", 1, "", "a pack must be a JSON object"),
    ("format-missing", '{\n  "id": "test"\n}\n', "ESCHEMA", "{", 1, "", 'the required member "format" is missing'),
    ("format-not-string", '{\n  "format": 1\n}\n', "ESCHEMA", "1", 1, "/format", "must be the string"),
    ("format-other", '{\n  "format": "letgo-pack/2",\n  "id": "x"\n}\n', "EVERSION", '"letgo-pack/2"', 1, "/format", '"letgo-pack/2" is not a pack format'),
    ("top-unknown-key", pack(GOOD, extra='  "entrys": [],\n'), "ESCHEMA", "[]", 1, "/entrys", 'unknown member "entrys"'),
    ("id-missing", '{\n  "format": "letgo-pack/1",\n  "version": "1.0.0",\n  "locale": "en"\n}\n', "ESCHEMA", "{", 1, "", 'the required member "id" is missing'),
    ("id-invalid", HEAD.replace('"test"', '"Test Pack"') + '  "entries": []\n}\n', "ESCHEMA", '"Test Pack"', 1, "/id", "is not a valid id"),
    ("version-missing", '{\n  "format": "letgo-pack/1",\n  "id": "test",\n  "locale": "en"\n}\n', "ESCHEMA", "{", 1, "", 'the required member "version" is missing'),
    ("version-invalid", HEAD.replace('"1.0.0"', '"1.0"') + '  "entries": []\n}\n', "ESCHEMA", '"1.0"', 1, "/version", '"1.0" is not a version'),
    ("version-not-string", HEAD.replace('"1.0.0"', '1.0') + '  "entries": []\n}\n', "ESCHEMA", '1.0', 1, "/version", "must be a string, not a number"),
    ("locale-missing", '{\n  "format": "letgo-pack/1",\n  "id": "test",\n  "version": "1.0.0"\n}\n', "ESCHEMA", "{", 1, "", 'the required member "locale" is missing'),
    ("locale-invalid", HEAD.replace('"en"', '"en_US"') + '  "entries": []\n}\n', "ESCHEMA", '"en_US"', 1, "/locale", '"en_US" is not a language tag'),
    ("entries-not-list", HEAD + '  "entries": {}\n}\n', "ESCHEMA", "{}", 1, "/entries", "must be a list"),
    ("entry-not-object", pack(GOOD, '    "tip.two"'), "ESCHEMA", '"tip.two"', 1, "/entries/1", "must be an object"),
    ("entry-id-missing", pack(GOOD, entry('"kind": "tip", "title": "Two", "body": "Body two."')), "ESCHEMA", '{"kind"', 1, "/entries/1", 'the required member "id" is missing'),
    ("entry-id-invalid", pack(entry(E.replace("tip.two", "Tip.Two"))), "ESCHEMA", '"Tip.Two"', 1, "/entries/0/id", '"Tip.Two" is not a valid id'),
    ("entry-id-too-long", pack(entry(E.replace("tip.two", "t" * 65))), "ESCHEMA", '"ttt', 1, "/entries/0/id", "is not a valid id"),
    ("entry-kind-missing", pack(entry('"id": "tip.two", "title": "Two", "body": "Body two."')), "ESCHEMA", '{"id"', 1, "/entries/0", 'the required member "kind" is missing'),
    ("entry-kind-unknown", pack(GOOD, entry(E.replace('"kind": "tip"', '"kind": "tipp"'))), "ESCHEMA", '"tipp"', 1, "/entries/1/kind", '"tipp" is not a kind; expected one of article, section, sign, tip'),
    ("entry-kind-not-string", pack(entry(E.replace('"kind": "tip"', '"kind": ["tip"]'))), "ESCHEMA", '["tip"]', 1, "/entries/0/kind", "must be a string: one of article"),
    ("entry-title-missing", pack(entry('"id": "tip.two", "kind": "tip", "body": "Body two."')), "ESCHEMA", '{"id"', 1, "/entries/0", 'the required member "title" is missing'),
    ("entry-title-empty", pack(entry(E.replace('"Two"', '""'))), "ESCHEMA", '""', 1, "/entries/0/title", "must not be empty"),
    ("entry-body-missing", pack(entry('"id": "tip.two", "kind": "tip", "title": "Two"')), "ESCHEMA", '{"id"', 1, "/entries/0", 'the required member "body" is missing'),
    ("entry-body-not-string", pack(entry(E.replace('"Body two."', "42"))), "ESCHEMA", "42", 1, "/entries/0/body", "must be a string, not a number"),
    ("entry-unknown-key", pack(entry(E + ', "tittle": "x"')), "ESCHEMA", '"x"', 1, "/entries/0/tittle", 'unknown member "tittle"; expected one of id, kind, title, body'),
    ("entry-duplicate-id", pack(GOOD, entry(E), entry(E.replace("tip.two", "tip.one"))), "ESCHEMA", '"tip.one"', 2, "/entries/2/id", '"tip.one" is already the id of /entries/0'),
    ("tags-not-list", pack(entry(E + ', "tags": "talk"')), "ESCHEMA", '"talk"', 1, "/entries/0/tags", "must be a list of strings"),
    ("tag-not-string", pack(entry(E + ', "tags": ["talk", 7]')), "ESCHEMA", "7]", 1, "/entries/0/tags/1", "must be a string, not a number"),
    ("tag-invalid", pack(entry(E + ', "tags": ["talk", "Self Care"]')), "ESCHEMA", '"Self Care"', 1, "/entries/0/tags/1", '"Self Care" is not a valid tag'),
    ("tag-repeated", pack(entry(E + ', "tags": ["talk", "walk", "talk"]')), "ESCHEMA", '"talk"]', 1, "/entries/0/tags/2", '"talk" is listed twice'),
    ("phase-unknown", pack(entry(E + ', "phase": "heal"')), "ESCHEMA", '"heal"', 1, "/entries/0/phase", '"heal" is not a phase; expected one of recognize, decide, grieve, rebuild, reopen'),
    ("region-invalid", pack(entry(E + ', "regions": ["us"]')), "ESCHEMA", '"us"', 1, "/entries/0/regions/0", '"us" is not a region'),
    ("region-repeated", pack(entry(E + ', "regions": ["US", "MX", "US"]')), "ESCHEMA", '"US"]', 1, "/entries/0/regions/2", '"US" is listed twice'),
    ("contact-not-object", pack(entry(E + ', "contact": "988"')), "ESCHEMA", '"988"', 1, "/entries/0/contact", "must be an object"),
    ("contact-empty", pack(entry(E + ', "contact": {}')), "ESCHEMA", "{}", 1, "/entries/0/contact", "needs at least one of phone, sms or url"),
    ("contact-unknown-key", pack(entry(E + ', "contact": {"email": "a@b.org"}')), "ESCHEMA", '"a@b.org"', 1, "/entries/0/contact/email", 'unknown member "email"; expected one of phone, sms, url'),
    ("contact-not-string", pack(entry(E + ', "contact": {"phone": 988}')), "ESCHEMA", "988}", 1, "/entries/0/contact/phone", "must be a string, not a number"),
    ("source-empty", pack(entry(E + ', "source": ""')), "ESCHEMA", '""', 1, "/entries/0/source", "must not be empty"),
    ("checked-not-date", pack(entry(E + ', "checked": "2024/01/05"')), "ESCHEMA", '"2024/01/05"', 1, "/entries/0/checked", '"2024/01/05" is not a date; write YYYY-MM-DD'),
    ("checked-impossible", pack(entry(E + ', "checked": "2023-02-30"')), "ESCHEMA", '"2023-02-30"', 1, "/entries/0/checked", '"2023-02-30" is not a real date'),
    ("duplicate-key", pack(entry(E + ', "title": "Again"')), "ESCHEMA", '"Again"', 1, "/entries/0/title", '"title" appears twice'),
    ("duplicate-key-in-extension", pack(GOOD, extra='  "x-notes": {"a": 1, "a": 2},\n'), "ESCHEMA", "2}", 1, "/x-notes/a", '"a" appears twice'),
    ("nul-in-text", pack(entry(E.replace("Body two.", "Body\\u0000two."))), "ESCHEMA", '"Body\\u0000', 1, "/entries/0/body", "must not contain the character \\u0000"),
    ("nul-in-extension", pack(GOOD, extra='  "x-notes": ["ok", "a\\u0000b"],\n'), "ESCHEMA", '"a\\u0000b"', 1, "/x-notes/1", "must not contain the character \\u0000"),
    ("placeholder-unknown", pack(entry(E.replace("Body two.", "Hello {nmae}."))), "ESCHEMA", '"Hello {nmae}."', 1, "/entries/0/body", 'unknown placeholder {nmae}; did you mean {name}?'),
    ("placeholder-unknown-far", pack(entry(E.replace("Body two.", "Dear {beloved},"))), "ESCHEMA", '"Dear {beloved},"', 1, "/entries/0/body", "unknown placeholder {beloved}; use {name}, {partner}, {they}"),
    ("placeholder-wrong-case", pack(entry(E.replace('"Two"', '"{THEY_ARE} here"'))), "ESCHEMA", '"{THEY_ARE} here"', 1, "/entries/0/title", "unknown placeholder {THEY_ARE}; did you mean {They_are}?"),
    ("placeholder-unterminated", pack(entry(E.replace('"Two"', '"Hi {name"'))), "ESCHEMA", '"Hi {name"', 1, "/entries/0/title", 'the placeholder starting "{name" has no closing "}"'),
    ("placeholder-lone-close", pack(entry(E.replace("Body two.", "a } b"))), "ESCHEMA", '"a } b"', 1, "/entries/0/body", 'a "}" closes no placeholder'),
    ("instruments-not-list", pack(GOOD, extra='  "instruments": 5,\n'), "ESCHEMA", "5,", 1, "/instruments", "must be a list"),
    ("plan-not-object", pack(GOOD, extra='  "plans": [true],\n'), "ESCHEMA", "true", 1, "/plans/0", "must be an object"),
]


def position(text, needle, occurrence):
    data = text.encode("utf-8")
    nb = needle.encode("utf-8")
    at = -1
    for _ in range(occurrence):
        at = data.index(nb, at + 1)
    line = data.count(b"\n", 0, at) + 1
    col = at - (data.rfind(b"\n", 0, at) + 1) + 1
    return line, col, at


def main():
    out = os.path.join(HERE, "bad")
    os.makedirs(out, exist_ok=True)
    rows = []
    for name, text, status, needle, occ, pointer, msg in CASES:
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        line, col, off = position(text, needle, occ)
        rows.append("\t".join([name, status, str(line), str(col), str(off), pointer, msg]))
    with open(os.path.join(out, "EXPECTED"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# name\tstatus\tline\tcolumn\toffset\tpointer\tmessage part (generated by ../make_bad.py)\n")
        f.write("\n".join(rows) + "\n")


main()
