/*
 * search.c - lg_catalog_search: the query language, matching and BM25.
 *
 * A query is parsed into filters and free "units" (a word, or a phrase of
 * consecutive tokens); units joined by OR form a group, and every group must
 * match. Candidates come from the posting lists of the cheapest group (for
 * plain AND: the rarest word), every other list is walked in step, and the
 * best `max` hits are kept in a bounded heap, so a query costs the lengths
 * of its lists and one allocation sized by the query (two when `max` is
 * above 32 and the heap leaves the stack).
 *
 * Scores are SQLite FTS5's bm25() bit for bit: the same statistics, the same
 * floating-point operations in the same order, one operation per statement
 * so no compiler fuses a multiply and an add. See docs/search.md.
 */
#include <math.h>
#include <string.h>

#include "catalog/catalog_impl.h"
#include "catalog/search.h"

/* ---- building the index from catalogue entries ------------------------ */

int lgi_index_build(const lg_allocator *a, const lg_entry *const *entries, size_t n,
                    lgi_index **out) {
  lgi_index_doc *docs = NULL;
  size_t i;
  int rc;
  if (n) {
    docs = lgi_calloc(a, n, sizeof *docs);
    if (!docs) return LG_ENOMEM;
  }
  for (i = 0; i < n; i++) {
    const char *kind = lg_entry_kind(entries[i]);
    docs[i].entry = entries[i];
    docs[i].locale = lg_entry_locale(entries[i]);
    docs[i].title = lg_entry_title(entries[i]);
    docs[i].body = lg_entry_body(entries[i]);
    docs[i].title_len = entries[i]->title_len;
    docs[i].body_len = entries[i]->body_len;
    docs[i].flags = kind && strcmp(kind, "label") == 0 ? LGI_DOC_LABEL : 0u;
    if (!docs[i].locale) docs[i].locale = "";
  }
  rc = lgi_index_build_docs(a, docs, n, out);
  lgi_free(a, docs, n * sizeof *docs);
  return rc;
}

/* ---- the parsed query --------------------------------------------------- */

enum { FILTER_KIND, FILTER_TAG, FILTER_PHASE };

typedef struct qfilter {
  int type;
  const char *v; /* in the query text, not NUL-terminated */
  size_t n;
} qfilter;

typedef struct qtoken {
  const char *s; /* folded, in the parse buffer */
  size_t n;
  int32_t term; /* index into the query's distinct terms; -1 when not indexed */
} qtoken;

typedef struct qunit {
  size_t first, count; /* its tokens */
  size_t group;
} qunit;

typedef struct cursor {
  const unsigned char *p, *end;
  uint32_t d1; /* doc + 1 of the current posting; 0 before the first, DONE after */
  uint32_t ct, cb;
} cursor;

#define DONE UINT32_MAX

typedef struct qterm {
  uint32_t id, df;
  double idf;
  cursor c;
} qterm;

typedef struct query {
  qfilter *filters;
  size_t nfilters;
  qtoken *toks;
  size_t ntoks;
  qunit *units;
  size_t nunits, ngroups;
  int kind_label; /* a kind:label filter lets labels through */
  char *fold;     /* folded tokens */
  size_t foldlen;
  char *cmp; /* a text token being compared with a phrase */
  size_t cmpcap;
  unsigned char *state; /* phrase matching, ntoks + 1 */
  /* Filled per locale. */
  qterm *terms;
  size_t nterms;
  uint32_t *drivers;      /* terms that propose candidates */
  unsigned char *present; /* per term: in the current candidate */
} query;

typedef struct heap_item {
  double score;
  uint32_t doc;
} heap_item;

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* s (NUL-terminated) equals v[0..n), ASCII case-insensitively. */
static int eq_ci(const char *s, const char *v, size_t n) {
  size_t i;
  if (!s) return 0;
  for (i = 0; i < n; i++)
    if (!s[i] || lgi_ascii_lower((unsigned char)s[i]) != lgi_ascii_lower((unsigned char)v[i]))
      return 0;
  return s[n] == '\0';
}

/* Tokenizes raw[0..n) as one unit; opens a new group unless `join`. */
static void add_unit(query *q, const char *raw, size_t n, int join) {
  size_t pos = 0, len, first = q->ntoks;
  char *out = q->fold + q->foldlen;
  while (lgi_token_next(raw, n, &pos, out, n, &len, NULL, NULL)) {
    q->toks[q->ntoks].s = out;
    q->toks[q->ntoks].n = len;
    q->toks[q->ntoks].term = -1;
    q->ntoks++;
    out += len;
    q->foldlen += len;
  }
  if (q->ntoks == first) return; /* only punctuation: nothing to look for */
  if (!join || q->nunits == 0) q->ngroups++;
  q->units[q->nunits].first = first;
  q->units[q->nunits].count = q->ntoks - first;
  q->units[q->nunits].group = q->ngroups - 1;
  q->nunits++;
}

static int filter_type(const char *w, size_t n) {
  if (n == 4 && eq_ci("kind", w, 4)) return FILTER_KIND;
  if (n == 3 && eq_ci("tag", w, 3)) return FILTER_TAG;
  if (n == 5 && eq_ci("phase", w, 5)) return FILTER_PHASE;
  return -1;
}

/*
 * Splits the query into filters and units. An OR joins the units on both
 * sides; anywhere else it is the word "or". A word like "self-care" that
 * holds several tokens is a phrase. Unknown prefixes ("time:10") are words.
 */
static int parse(query *q, const char *s, size_t n, int all_or) {
  size_t i = 0;
  const char *or_word = NULL; /* a pending OR */
  int last_unit = 0;
  while (i < n) {
    size_t b, colon = 0;
    if (is_space(s[i])) {
      i++;
      continue;
    }
    b = i;
    if (s[i] == '"') {
      const char *close = memchr(s + i + 1, '"', n - i - 1);
      size_t before = q->nunits;
      if (!close) return LG_ESYNTAX;
      add_unit(q, s + i + 1, (size_t)(close - s) - i - 1, all_or || (or_word && last_unit));
      i = (size_t)(close - s) + 1;
      if (q->nunits > before) {
        or_word = NULL;
        last_unit = 1;
      }
      continue;
    }
    while (i < n && !is_space(s[i]) && s[i] != '"') {
      if (s[i] == ':' && !colon) colon = i;
      i++;
    }
    if (i - b == 2 && s[b] == 'O' && s[b + 1] == 'R' && last_unit && !or_word) {
      or_word = s + b;
      continue;
    }
    if (colon > b && filter_type(s + b, colon - b) >= 0) {
      qfilter *f = &q->filters[q->nfilters];
      if (colon + 1 == i) return LG_ESYNTAX; /* "kind:" names nothing */
      f->type = filter_type(s + b, colon - b);
      f->v = s + colon + 1;
      f->n = i - colon - 1;
      if (f->type == FILTER_KIND && eq_ci("label", f->v, f->n)) q->kind_label = 1;
      q->nfilters++;
      if (or_word) /* "a OR kind:tip": that OR was a word */
        add_unit(q, or_word, 2, all_or);
      or_word = NULL;
      last_unit = 0;
      continue;
    }
    {
      size_t before = q->nunits;
      add_unit(q, s + b, i - b, all_or || (or_word && last_unit));
      if (q->nunits > before) {
        or_word = NULL;
        last_unit = 1;
      }
    }
  }
  if (or_word) add_unit(q, or_word, 2, all_or);
  return LG_OK;
}

/* ---- posting cursors ---------------------------------------------------- */

static uint32_t get_varint32(const unsigned char **pp) {
  const unsigned char *p = *pp;
  uint64_t v;
  unsigned shift = 7;
  if (!(*p & 0x80)) {
    *pp = p + 1;
    return *p;
  }
  v = *p++ & 0x7Fu;
  while (*p & 0x80) {
    v |= (uint64_t)(*p++ & 0x7F) << shift;
    shift += 7;
  }
  v |= (uint64_t)*p++ << shift;
  *pp = p;
  return (uint32_t)v;
}

static void cur_next(cursor *c) {
  uint32_t h;
  if (c->p >= c->end) {
    c->d1 = DONE;
    return;
  }
  h = get_varint32(&c->p);
  c->d1 += h >> 1;
  if (h & 1) {
    unsigned char b = *c->p++;
    if (b < 0x80) {
      c->ct = b >> 4;
      c->cb = b & 15u;
    } else {
      c->ct = get_varint32(&c->p);
      c->cb = get_varint32(&c->p);
    }
  } else {
    c->ct = 0;
    c->cb = 1;
  }
}

static void cur_seek(cursor *c, uint32_t d1) {
  while (c->d1 < d1) cur_next(c);
}

/* ---- matching and scoring ----------------------------------------------- */

static int filters_pass(const query *q, const lg_entry *e) {
  size_t i, t;
  for (i = 0; i < q->nfilters; i++) {
    const qfilter *f = &q->filters[i];
    int ok = 0;
    if (f->type == FILTER_KIND) {
      ok = eq_ci(lg_entry_kind(e), f->v, f->n);
    } else if (f->type == FILTER_PHASE) {
      ok = eq_ci(lg_entry_phase(e), f->v, f->n);
    } else {
      size_t nt = lg_entry_tag_count(e);
      for (t = 0; t < nt && !ok; t++) ok = eq_ci(lg_entry_tag(e, t), f->v, f->n);
    }
    if (!ok) return 0;
  }
  return 1;
}

static int field_has_phrase(query *q, const char *s, const qtoken *tk, size_t k) {
  size_t n = s ? strlen(s) : 0, pos = 0, len, l;
  unsigned char *st = q->state;
  memset(st, 0, k + 1);
  st[0] = 1;
  while (lgi_token_next(s, n, &pos, q->cmp, q->cmpcap, &len, NULL, NULL)) {
    for (l = k; l >= 1; l--)
      st[l] =
          (unsigned char)(st[l - 1] && len == tk[l - 1].n && memcmp(q->cmp, tk[l - 1].s, len) == 0);
    if (st[k]) return 1;
  }
  return 0;
}

/* Every group has a unit whose tokens are all present (phrases in order). */
static int groups_match(query *q, const unsigned char *present, const lg_entry *e) {
  size_t g, u = 0;
  for (g = 0; g < q->ngroups; g++) {
    int ok = 0;
    for (; u < q->nunits && q->units[u].group == g; u++) {
      const qunit *un = &q->units[u];
      size_t j;
      if (ok) continue;
      for (j = 0; j < un->count; j++) {
        int32_t t = q->toks[un->first + j].term;
        if (t < 0 || !present[t]) break;
      }
      if (j < un->count) continue;
      ok = un->count == 1 ||
           field_has_phrase(q, lg_entry_title(e), q->toks + un->first, un->count) ||
           field_has_phrase(q, lg_entry_body(e), q->toks + un->first, un->count);
    }
    if (!ok) return 0;
  }
  return 1;
}

/*
 * FTS5 adds the title weight once per title occurrence, then 1.0 per body
 * occurrence (instances in column order). Integer weights sum exactly.
 */
static double weighted_freq(double w, int w_is_int, uint32_t ct, uint32_t cb) {
  double f = 0.0;
  uint32_t i;
  if (w_is_int) {
    double t = w * (double)ct;
    return t + (double)cb;
  }
  for (i = 0; i < ct; i++) f += w;
  for (i = 0; i < cb; i++) f += 1.0;
  return f;
}

static double score_doc(const query *q, const lgi_ixloc *L, const unsigned char *present,
                        uint32_t doc, double w, int w_is_int) {
  const double k1 = LGI_BM25_K1;
  double score = 0.0;
  size_t i;
  for (i = 0; i < q->nterms; i++) {
    const qterm *t = &q->terms[i];
    double f, num, den, r, x;
    if (!present[i]) continue; /* FTS5 adds idf * 0 / den == +0.0 */
    f = weighted_freq(w, w_is_int, t->c.ct, t->c.cb);
    num = f * (k1 + 1.0);
    den = f + L->knorm[doc];
    r = num / den;
    x = t->idf * r;
    score += x;
  }
  return score;
}

/* a ranks before b: higher score, then earlier in the catalogue. */
static int better(const heap_item *a, const heap_item *b) {
  return a->score > b->score || (a->score == b->score && a->doc < b->doc);
}

/* A heap with the worst item at the root. */
static void sift_down(heap_item *h, size_t n, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, w = i;
    heap_item tmp;
    if (l < n && better(&h[w], &h[l])) w = l;
    if (r < n && better(&h[w], &h[r])) w = r;
    if (w == i) return;
    tmp = h[i];
    h[i] = h[w];
    h[w] = tmp;
    i = w;
  }
}

static void heap_push(heap_item *h, size_t *n, size_t cap, double score, uint32_t doc) {
  heap_item it;
  size_t i;
  it.score = score;
  it.doc = doc;
  if (*n == cap) {
    if (!better(&it, &h[0])) return;
    h[0] = it;
    sift_down(h, *n, 0);
    return;
  }
  i = (*n)++;
  while (i > 0) {
    size_t p = (i - 1) / 2;
    if (!better(&h[p], &it)) break;
    h[i] = h[p];
    i = p;
  }
  h[i] = it;
}

/* Sorts the heap in place, best first: the worst goes to the end each time. */
static void heap_sort(heap_item *h, size_t n) {
  while (n > 1) {
    heap_item tmp = h[0];
    h[0] = h[n - 1];
    h[n - 1] = tmp;
    n--;
    sift_down(h, n, 0);
  }
}

/* Filters only: matches in catalogue order, score 0. */
static size_t list_filtered(const query *q, const lgi_ixloc *L, lg_hit *hits, size_t max) {
  size_t total = 0;
  uint32_t d;
  for (d = 0; d < L->ndocs; d++) {
    if ((L->dflags[d] & LGI_DOC_LABEL) && !q->kind_label) continue;
    if (!filters_pass(q, L->docs[d])) continue;
    if (total < max) {
      hits[total].entry = L->docs[d];
      hits[total].score = 0.0;
    }
    total++;
  }
  return total;
}

/* Looks the query's tokens up in the locale: distinct terms, in query order. */
static void resolve_terms(query *q, const lgi_ixloc *L) {
  size_t i, j;
  for (i = 0; i < q->ntoks; i++) {
    lgi_term lt;
    qtoken *tk = &q->toks[i];
    if (lgi_index_term(L, tk->s, tk->n, &lt)) continue;
    for (j = 0; j < q->nterms; j++)
      if (q->terms[j].id == lt.id) break;
    if (j == q->nterms) {
      qterm *t = &q->terms[q->nterms++];
      /* FTS5: log((nRow - nHit + 0.5) / (nHit + 0.5)), floored at 1e-6. */
      int64_t nrow = (int64_t)(L->ndocs - L->nlabels), nhit = (int64_t)lt.df;
      double a = (double)(nrow - nhit) + 0.5, b = (double)nhit + 0.5, idf;
      idf = log(a / b);
      if (idf <= 0.0) idf = 1e-6;
      t->id = lt.id;
      t->df = lt.df;
      t->idf = idf;
      t->c.p = lt.post;
      t->c.end = lt.end;
      t->c.d1 = 0;
      t->c.ct = t->c.cb = 0;
    }
    tk->term = (int32_t)j;
  }
}

/*
 * Picks the driving terms: for the group whose candidates are fewest, the
 * rarest term of each of its units. Returns how many (0: nothing matches).
 */
static size_t pick_drivers(const query *q, const lgi_ixloc *L, uint32_t *drivers, uint64_t *bound) {
  uint64_t extra = q->kind_label ? L->nlabels : 0; /* df leaves labels out */
  size_t g, u = 0, nd = 0, best_g = (size_t)-1;
  uint64_t best = UINT64_MAX;
  for (g = 0; g < q->ngroups; g++) {
    uint64_t cost = 0;
    for (; u < q->nunits && q->units[u].group == g; u++) {
      const qunit *un = &q->units[u];
      uint64_t m = UINT64_MAX;
      size_t j;
      for (j = 0; j < un->count; j++) {
        int32_t t = q->toks[un->first + j].term;
        uint64_t df = t < 0 ? 0 : q->terms[t].df + extra;
        if (df < m) m = df;
      }
      cost += m;
    }
    if (cost < best) {
      best = cost;
      best_g = g;
    }
  }
  *bound = best;
  if (best == 0) return 0;
  for (u = 0; u < q->nunits; u++) {
    const qunit *un = &q->units[u];
    size_t j, k;
    int32_t r = -1;
    if (un->group != best_g) continue;
    for (j = 0; j < un->count; j++) {
      int32_t t = q->toks[un->first + j].term;
      if (t < 0) break;
      if (r < 0 || q->terms[t].df < q->terms[r].df) r = t;
    }
    if (j < un->count) continue; /* holds a word no entry has */
    for (k = 0; k < nd; k++)
      if (drivers[k] == (uint32_t)r) break;
    if (k == nd) drivers[nd++] = (uint32_t)r;
  }
  return nd;
}

typedef struct run {
  const lg_allocator *a;
  const lgi_ixloc *L;
  double w;
  lg_hit *hits;
  size_t max;
  size_t total;
} run;

/* Heaps up to this size live on the stack: a page of ten hits allocates nothing. */
#define STACK_HEAP 32

static int rank(query *q, run *R) {
  const lgi_ixloc *L = R->L;
  uint64_t bound;
  size_t nd, cap, nheap = 0, i, hb = 0;
  uint32_t *drivers = q->drivers;
  unsigned char *present = q->present;
  heap_item stack_heap[STACK_HEAP], *heap = stack_heap;
  int w_is_int = R->w <= 1048576.0 && (double)(uint32_t)R->w == R->w;
  nd = pick_drivers(q, L, drivers, &bound);
  if (nd == 0) {
    R->total = 0;
    return LG_OK;
  }
  /* The heap never holds more than the driving group's candidates. */
  if (bound > L->ndocs) /* an OR group may count an entry twice */
    bound = L->ndocs;
  cap = R->max < bound ? R->max : (size_t)bound;
  if (cap > STACK_HEAP) {
    hb = cap * sizeof *heap;
    heap = lgi_malloc(R->a, hb);
    if (!heap) return LG_ENOMEM;
  }
  for (i = 0; i < q->nterms; i++) cur_next(&q->terms[i].c);
  for (;;) {
    uint32_t cand = DONE, doc;
    const lg_entry *e;
    for (i = 0; i < nd; i++)
      if (q->terms[drivers[i]].c.d1 < cand) cand = q->terms[drivers[i]].c.d1;
    if (cand == DONE) break;
    doc = cand - 1;
    for (i = 0; i < q->nterms; i++) {
      cur_seek(&q->terms[i].c, cand);
      present[i] = q->terms[i].c.d1 == cand;
    }
    e = L->docs[doc];
    if (!((L->dflags[doc] & LGI_DOC_LABEL) && !q->kind_label) &&
        (q->nfilters == 0 || filters_pass(q, e)) && groups_match(q, present, e)) {
      R->total++;
      if (cap) heap_push(heap, &nheap, cap, score_doc(q, L, present, doc, R->w, w_is_int), doc);
    }
    for (i = 0; i < nd; i++)
      if (q->terms[drivers[i]].c.d1 == cand) cur_next(&q->terms[drivers[i]].c);
  }
  heap_sort(heap, nheap);
  for (i = 0; i < nheap; i++) {
    R->hits[i].entry = L->docs[heap[i].doc];
    R->hits[i].score = heap[i].score;
  }
  if (heap != stack_heap) lgi_free(R->a, heap, hb);
  return LG_OK;
}

static size_t align8(size_t n) {
  return (n + 7) & ~(size_t)7;
}

int lg_catalog_search_ex(const lg_catalog *cat, const char *text, const char *locale,
                         double title_weight, unsigned flags, lg_hit *hits, size_t max,
                         size_t *total) {
  const lg_allocator *a;
  const lgi_ixloc *L;
  query q;
  run R;
  size_t n, k, bytes, off;
  unsigned char *block;
  int rc;
  if (!cat || !text || (!hits && max > 0) || (flags & ~(unsigned)LG_SEARCH_OR)) return LG_EINVAL;
  if (!(title_weight > 0.0) || title_weight > 1e300) return LG_ERANGE;
  a = lgi_catalog_alloc(cat);
  n = strlen(text);
  if (n > ((size_t)-1) / 64) return LG_ENOMEM;
  /* A token takes a byte and a separator, so k bounds tokens, units, filters. */
  k = n / 2 + 2;
  memset(&q, 0, sizeof q);
  {
    size_t sizes[8];
    sizes[0] = align8(k * sizeof *q.filters);
    sizes[1] = align8(k * sizeof *q.toks);
    sizes[2] = align8(k * sizeof *q.units);
    sizes[3] = align8(k * sizeof *q.terms);
    sizes[4] = align8(n + 2);                 /* folded tokens */
    sizes[5] = align8(align8(n + 2) + k + 1); /* compare buffer, phrase states */
    sizes[6] = align8(k * sizeof *q.drivers);
    sizes[7] = k;
    bytes = sizes[0] + sizes[1] + sizes[2] + sizes[3] + sizes[4] + sizes[5] + sizes[6] + sizes[7];
    block = lgi_malloc(a, bytes);
    if (!block) return LG_ENOMEM;
    off = 0;
    q.filters = (qfilter *)(void *)(block + off);
    off += sizes[0];
    q.toks = (qtoken *)(void *)(block + off);
    off += sizes[1];
    q.units = (qunit *)(void *)(block + off);
    off += sizes[2];
    q.terms = (qterm *)(void *)(block + off);
    off += sizes[3];
    q.fold = (char *)(block + off);
    off += sizes[4];
    q.cmp = (char *)(block + off);
    q.cmpcap = n + 2;
    q.state = block + off + align8(n + 2);
    off += sizes[5];
    q.drivers = (uint32_t *)(void *)(block + off);
    off += sizes[6];
    q.present = block + off;
  }
  rc = parse(&q, text, n, (flags & LG_SEARCH_OR) != 0);
  if (rc != LG_OK) goto done;
  L = lgi_index_locale(lgi_catalog_index(cat), lgi_catalog_resolve_locale(cat, locale));
  memset(&R, 0, sizeof R);
  R.a = a;
  R.L = L;
  R.w = title_weight;
  R.hits = hits;
  R.max = max;
  if (!L || (q.nunits == 0 && q.nfilters == 0)) {
    R.total = 0;
  } else if (q.nunits == 0) {
    R.total = list_filtered(&q, L, hits, max);
  } else {
    resolve_terms(&q, L);
    rc = rank(&q, &R);
    if (rc != LG_OK) goto done;
  }
  if (total) *total = R.total;
done:
  lgi_free(a, block, bytes);
  return rc;
}

int lg_catalog_search(const lg_catalog *cat, const char *text, const char *locale, lg_hit *hits,
                      size_t max, size_t *total) {
  return lg_catalog_search_ex(cat, text, locale, 2.0, 0, hits, max, total);
}
