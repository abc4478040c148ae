#!/usr/bin/env python3
"""Reference BM25 for lg_catalog_search, written as SQLite FTS5 computes it.

Usage:
  bm25_ref.py PACK QUERIES [--or] [--title-weight W] [--top FILE] [--fts5]

PACK is a letgo-pack/1 JSON file (one locale; labels are left out of free
word search), QUERIES one query per line (words only). Writes the top 10 per
query in the format of `bench/search --top`:
    qno<TAB>total<TAB>id:score id:score ...
with scores printed with 17 significant digits ('%.17g').

With --fts5 the same is computed by SQLite FTS5 (python's sqlite3 module)
and compared: the script prints how many top-10 lists and scores agree.

The formula (../shared/bench/README.md), with FTS5's column weights:
  N rows, avgdl = total tokens / N (all columns, unweighted);
  idf_i = log((N - n_i + 0.5) / (n_i + 0.5)), 1e-6 when <= 0;
  f_i = W added once per title occurrence, then 1.0 per body occurrence;
  D = title tokens + body tokens (unweighted);
  score = sum over query tokens, in query order, of
          idf_i * ((f_i * (k1 + 1.0)) / (f_i + k1 * (1 - b + b * D / avgdl)))
Python floats are IEEE doubles and math.log is the C library's log, so the
result is bit-identical to FTS5 (and to libletgo) on the same machine.
"""
import argparse
import json
import math
import re
import sqlite3
import sys

TOKEN = re.compile(r"[a-z0-9]+")
K1 = 1.2
B = 0.75


def tokenize(text):
    return TOKEN.findall(text.lower())


def load_pack(path):
    with open(path, encoding="utf-8") as f:
        pack = json.load(f)
    return [e for e in pack["entries"] if e["kind"] != "label"], pack["entries"]


class Index:
    def __init__(self, entries):
        self.ids = [e["id"] for e in entries]
        self.tf = []  # per doc: {token: (title count, body count)}
        self.dl = []
        self.postings = {}
        total = 0
        for d, e in enumerate(entries):
            t = tokenize(e["title"])
            b = tokenize(e["body"])
            counts = {}
            for tok in t:
                c = counts.get(tok, (0, 0))
                counts[tok] = (c[0] + 1, c[1])
            for tok in b:
                c = counts.get(tok, (0, 0))
                counts[tok] = (c[0], c[1] + 1)
            for tok in counts:
                self.postings.setdefault(tok, []).append(d)
            self.tf.append(counts)
            self.dl.append(len(t) + len(b))
            total += len(t) + len(b)
        self.n = len(entries)
        self.avgdl = total / self.n

    def search(self, query, use_or, w):
        toks = []
        for tok in tokenize(query):
            if tok not in toks:
                toks.append(tok)
        if not toks:
            return 0, []
        sets = [set(self.postings.get(t, ())) for t in toks]
        docs = set.union(*sets) if use_or else set.intersection(*sets)
        idf = []
        for t in toks:
            nhit = len(self.postings.get(t, ()))
            v = math.log((self.n - nhit + 0.5) / (nhit + 0.5))
            idf.append(v if v > 0.0 else 1e-6)
        scored = []
        for d in docs:
            D = float(self.dl[d])
            norm = K1 * (1 - B + B * D / self.avgdl)
            score = 0.0
            for i, t in enumerate(toks):
                ct, cb = self.tf[d].get(t, (0, 0))
                if ct == 0 and cb == 0:
                    continue
                f = 0.0
                for _ in range(ct):
                    f += w
                for _ in range(cb):
                    f += 1.0
                score += idf[i] * ((f * (K1 + 1.0)) / (f + norm))
            scored.append((-score, d))
        scored.sort()
        return len(docs), [(self.ids[d], -s) for s, d in scored[:10]]


def fts5_search(entries, queries, use_or, w):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, "
               "tokenize = 'unicode61 remove_diacritics 1')")
    db.executemany("INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)",
                   [(i + 1, e["title"], e["body"]) for i, e in enumerate(entries)])
    db.execute("INSERT INTO t(t) VALUES ('optimize')")
    ids = [e["id"] for e in entries]
    out = []
    for q in queries:
        toks = []
        for tok in tokenize(q):
            if tok not in toks:
                toks.append(tok)
        if not toks:
            out.append((0, []))
            continue
        expr = (" OR " if use_or else " ").join('"%s"' % t for t in toks)
        total = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()[0]
        rows = db.execute("SELECT rowid, bm25(t, ?, 1.0) FROM t WHERE t MATCH ? "
                          "ORDER BY bm25(t, ?, 1.0), rowid LIMIT 10", (w, expr, w)).fetchall()
        out.append((total, [(ids[r - 1], -s) for r, s in rows]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pack")
    ap.add_argument("queries")
    ap.add_argument("--or", dest="use_or", action="store_true")
    ap.add_argument("--title-weight", type=float, default=1.0)
    ap.add_argument("--top")
    ap.add_argument("--fts5", action="store_true")
    a = ap.parse_args()
    entries, _ = load_pack(a.pack)
    with open(a.queries, encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f if line.strip()]
    ix = Index(entries)
    ours = [ix.search(q, a.use_or, a.title_weight) for q in queries]
    if a.top:
        with open(a.top, "w", encoding="utf-8") as f:
            for i, (total, top) in enumerate(ours, 1):
                f.write("%d\t%d\t%s\n" % (i, total, " ".join("%s:%.17g" % h for h in top)))
    if a.fts5:
        theirs = fts5_search(entries, queries, a.use_or, a.title_weight)
        same_ids = sum(1 for x, y in zip(ours, theirs)
                       if [h[0] for h in x[1]] == [h[0] for h in y[1]] and x[0] == y[0])
        same_all = sum(1 for x, y in zip(ours, theirs) if x == y)
        print("queries=%d identical_top10_ids=%d identical_top10_ids_and_scores=%d"
              % (len(queries), same_ids, same_all))
        for i, (x, y) in enumerate(zip(ours, theirs), 1):
            if x != y:
                print("differs: query %d %r\n  ref  %s\n  fts5 %s" % (i, queries[i - 1], x, y))
                break
        return 0 if same_all == len(queries) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
