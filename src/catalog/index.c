/*
 * index.c - the inverted index behind lg_catalog_search, built once per load.
 *
 * Per locale: a hash dictionary of folded terms, and for each term a
 * delta-coded posting list of (entry, title count, body count) in catalogue
 * order, so queries can walk lists in step and intersect from the rarest.
 * Postings are varints, about 1.7 bytes each on English text, so the whole
 * index stays a fraction of the pack's size. Each entry's BM25 length
 * normaliser is computed here, with the same operations FTS5 uses, so a
 * query only multiplies, adds and divides.
 *
 * The build tokenizes each text once: a first pass writes every entry's
 * (term, counts) list to a temporary stream and sizes each term's postings;
 * the second scatters the stream into one exact-size block.
 */
#include <string.h>

#include "catalog/search.h"

/* Per-term state while building. */
typedef struct term_info {
  uint32_t soff;  /* where its text starts in strs */
  uint32_t df;
  uint32_t stamp; /* doc + 1 it was last seen in */
  uint32_t cnt_t; /* occurrences in the current doc's title */
  uint32_t cnt_b; /* ... and body */
  uint32_t last;  /* doc + 1 of its last posting */
  uint64_t psize; /* bytes of its postings (pass 1), then the write cursor */
} term_info;

/*
 * A build-time hash slot: the hash and the first 8 bytes of the term sit in
 * the slot, so a lookup of a short term (most of them) touches one cache
 * line. The final index keeps only term ids (lgi_ixloc.slots).
 */
typedef struct bslot {
  uint32_t id1; /* term id + 1; 0 for empty */
  uint32_t hash;
  unsigned char key[8]; /* first bytes, zero-padded: the whole term when shorter than 8 */
} bslot;

typedef struct builder {
  const lg_allocator *a;
  term_info *ti;
  size_t ticap;
  uint32_t nterms;
  bslot *slots;
  uint32_t hmask;
  char *strs;
  size_t scap, slen;
  uint32_t *local; /* distinct terms of the current doc */
  size_t lcap;
  unsigned char *tmp; /* pass-1 stream */
  size_t tcap, tlen;
  char *fold; /* one folded token */
  size_t fcap;
} builder;

static size_t varint_len(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    n++;
  }
  return n;
}

static unsigned char *varint_put(unsigned char *p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = (unsigned char)(v | 0x80);
    v >>= 7;
  }
  *p++ = (unsigned char)v;
  return p;
}

static uint64_t varint_get(const unsigned char **pp) {
  const unsigned char *p = *pp;
  uint64_t v = 0;
  unsigned shift = 0;
  while (*p & 0x80) {
    v |= (uint64_t)(*p++ & 0x7F) << shift;
    shift += 7;
  }
  v |= (uint64_t)*p++ << shift;
  *pp = p;
  return v;
}

/* A 64-bit multiply-xorshift hash over 8-byte words (host order: hashes
 * never leave the process). */
static uint64_t load_key(const char *s, size_t n) {
  uint64_t w = 0;
  if (n >= 8) {
    memcpy(&w, s, 8);
  } else {
    unsigned char b[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t i;
    for (i = 0; i < n; i++)
      b[i] = (unsigned char)s[i];
    memcpy(&w, b, 8);
  }
  return w;
}

uint32_t lgi_index_hash(const char *s, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15u ^ (uint64_t)n;
  for (;;) {
    uint64_t w = load_key(s, n);
    h = (h ^ w) * 0xFF51AFD7ED558CCDu;
    h ^= h >> 32;
    if (n <= 8)
      break;
    s += 8;
    n -= 8;
  }
  h *= 0xC4CEB9FE1A85EC53u;
  h ^= h >> 29;
  return (uint32_t)h;
}

/* Grows *p (count elements of `size`) to at least `need`; 0 or -1. */
static int grow(const lg_allocator *a, void **p, size_t *cap, size_t need, size_t size) {
  size_t ncap = *cap ? *cap : 16, oldb, newb;
  void *q;
  if (need <= *cap)
    return 0;
  while (ncap < need) {
    if (ncap > ((size_t)-1) / 2)
      return -1;
    ncap *= 2;
  }
  if (lgi_size_mul(*cap, size, &oldb) || lgi_size_mul(ncap, size, &newb))
    return -1;
  q = lgi_realloc(a, *p, oldb, newb);
  if (!q)
    return -1;
  *p = q;
  *cap = ncap;
  return 0;
}

static int rehash(builder *B) {
  uint32_t nslots = (B->hmask + 1) * 2, mask = nslots - 1, i;
  bslot *ns = lgi_calloc(B->a, nslots, sizeof *ns);
  if (!ns || nslots == 0)
    return -1;
  for (i = 0; i <= B->hmask; i++) {
    uint32_t j;
    if (!B->slots[i].id1)
      continue;
    j = B->slots[i].hash & mask;
    while (ns[j].id1)
      j = (j + 1) & mask;
    ns[j] = B->slots[i];
  }
  lgi_free(B->a, B->slots, ((size_t)B->hmask + 1) * sizeof *B->slots);
  B->slots = ns;
  B->hmask = mask;
  return 0;
}

static size_t term_len(const builder *B, uint32_t t) {
  uint32_t end = t + 1 < B->nterms ? B->ti[t + 1].soff : (uint32_t)B->slen;
  return end - B->ti[t].soff;
}

/* The id of the folded token s[0..n), added when new. 0 or -1 (no memory). */
static int intern(builder *B, const char *s, size_t n, uint32_t *out) {
  uint32_t h = lgi_index_hash(s, n), i = h & B->hmask, t;
  uint64_t key = load_key(s, n);
  bslot *sl;
  for (;;) {
    uint64_t k;
    sl = &B->slots[i];
    if (!sl->id1)
      break;
    memcpy(&k, sl->key, 8);
    if (sl->hash == h && k == key) {
      t = sl->id1 - 1;
      if (n < 8 || (term_len(B, t) == n && memcmp(B->strs + B->ti[t].soff, s, n) == 0)) {
        *out = t;
        return 0;
      }
    }
    i = (i + 1) & B->hmask;
  }
  if (B->nterms == UINT32_MAX - 1 || B->slen + n >= UINT32_MAX)
    return -1;
  if (grow(B->a, (void **)&B->ti, &B->ticap, (size_t)B->nterms + 1, sizeof *B->ti) ||
      grow(B->a, (void **)&B->strs, &B->scap, B->slen + n + 1, 1))
    return -1;
  t = B->nterms;
  memset(&B->ti[t], 0, sizeof B->ti[t]);
  B->ti[t].soff = (uint32_t)B->slen;
  memcpy(B->strs + B->slen, s, n);
  B->slen += n;
  sl->id1 = t + 1;
  sl->hash = h;
  memcpy(sl->key, &key, 8);
  B->nterms++;
  *out = t;
  if ((uint64_t)B->nterms * 2 > (uint64_t)B->hmask + 1 && rehash(B))
    return -1; /* the table is still consistent, only fuller */
  return 0;
}

/* Counts the tokens of one field into the current doc `d`; returns its
 * token count, or -1 when out of memory. */
static int64_t add_field(builder *B, const char *s, uint32_t d, int title, uint32_t *nlocal) {
  size_t n = s ? strlen(s) : 0, pos = 0, flen;
  int64_t count = 0;
  if (grow(B->a, (void **)&B->fold, &B->fcap, n + 1, 1))
    return -1;
  while (lgi_token_next(s, n, &pos, B->fold, B->fcap, &flen, NULL, NULL)) {
    uint32_t t;
    term_info *ti;
    if (intern(B, B->fold, flen, &t))
      return -1;
    ti = &B->ti[t];
    if (ti->stamp != d + 1) {
      if (grow(B->a, (void **)&B->local, &B->lcap, (size_t)*nlocal + 1, sizeof *B->local))
        return -1;
      ti = &B->ti[t];
      ti->stamp = d + 1;
      ti->cnt_t = 0;
      ti->cnt_b = 0;
      B->local[(*nlocal)++] = t;
    }
    if (title)
      ti->cnt_t++;
    else
      ti->cnt_b++;
    count++;
  }
  return count;
}

/* Pass 1 for doc d: tokenizes, appends its term list to tmp, sizes postings. */
static int add_doc(builder *B, const lgi_index_doc *doc, uint32_t d, uint64_t *dlen) {
  int counted = !(doc->flags & LGI_DOC_LABEL);
  uint32_t nlocal = 0, j;
  int64_t nt, nb;
  unsigned char *p;
  nt = add_field(B, doc->title, d, 1, &nlocal);
  if (nt < 0)
    return -1;
  nb = add_field(B, doc->body, d, 0, &nlocal);
  if (nb < 0)
    return -1;
  *dlen = (uint64_t)nt + (uint64_t)nb;
  /* At most 5 + 3 * 10 bytes per term. */
  if (grow(B->a, (void **)&B->tmp, &B->tcap, B->tlen + 5 + (size_t)nlocal * 30, 1))
    return -1;
  p = varint_put(B->tmp + B->tlen, nlocal);
  for (j = 0; j < nlocal; j++) {
    term_info *ti = &B->ti[B->local[j]];
    uint64_t gap = (uint64_t)(d + 1 - ti->last), x = !(ti->cnt_t == 0 && ti->cnt_b == 1);
    ti->psize += varint_len(gap << 1 | x);
    if (x)
      ti->psize += varint_len(ti->cnt_t) + varint_len(ti->cnt_b);
    ti->last = d + 1;
    ti->df += (uint32_t)counted;
    p = varint_put(p, B->local[j]);
    p = varint_put(p, ti->cnt_t);
    p = varint_put(p, ti->cnt_b);
  }
  B->tlen = (size_t)(p - B->tmp);
  return 0;
}

static void free_locale(const lg_allocator *a, lgi_ixloc *L) {
  size_t nd = L->ndocs, nt = L->nterms;
  lgi_free(a, (void *)L->docs, nd * sizeof *L->docs);
  lgi_free(a, L->knorm, nd * sizeof *L->knorm);
  lgi_free(a, L->dflags, nd);
  lgi_free(a, L->slots, L->slots ? ((size_t)L->hmask + 1) * sizeof *L->slots : 0);
  lgi_free(a, L->strs, L->soff ? (size_t)L->soff[nt] + 1 : 0);
  lgi_free(a, L->soff, (nt + 1) * sizeof *L->soff);
  lgi_free(a, L->df, (nt + 1) * sizeof *L->df);
  lgi_free(a, L->post, L->poff ? (size_t)L->poff[nt] + 1 : 0);
  lgi_free(a, L->poff, (nt + 1) * sizeof *L->poff);
  memset(L, 0, sizeof *L);
}

static void free_builder(builder *B) {
  lgi_free(B->a, B->ti, B->ticap * sizeof *B->ti);
  lgi_free(B->a, B->slots, B->slots ? ((size_t)B->hmask + 1) * sizeof *B->slots : 0);
  lgi_free(B->a, B->strs, B->scap);
  lgi_free(B->a, B->local, B->lcap * sizeof *B->local);
  lgi_free(B->a, B->tmp, B->tcap);
  lgi_free(B->a, B->fold, B->fcap);
}

/* Pass 2: the posting block, the final dictionary arrays. */
static int finish_locale(builder *B, lgi_ixloc *L) {
  const unsigned char *p = B->tmp, *end = B->tmp + B->tlen;
  uint64_t total = 0;
  uint32_t t, d = 0, nt = B->nterms;
  L->nterms = nt;
  L->soff = lgi_malloc(B->a, ((size_t)nt + 1) * sizeof *L->soff);
  L->df = lgi_malloc(B->a, ((size_t)nt + 1) * sizeof *L->df);
  L->poff = lgi_malloc(B->a, ((size_t)nt + 1) * sizeof *L->poff);
  if (!L->soff || !L->df || !L->poff)
    return -1;
  for (t = 0; t < nt; t++) {
    uint64_t sz = B->ti[t].psize;
    L->soff[t] = B->ti[t].soff;
    L->df[t] = B->ti[t].df;
    L->poff[t] = (uint32_t)total;
    B->ti[t].psize = total;
    B->ti[t].last = 0;
    total += sz;
    if (total >= UINT32_MAX)
      return -1;
  }
  L->soff[nt] = (uint32_t)B->slen;
  L->df[nt] = 0;
  L->poff[nt] = (uint32_t)total;
  L->strs = lgi_malloc(B->a, B->slen + 1);
  L->post = lgi_malloc(B->a, (size_t)total + 1);
  if (!L->strs || !L->post)
    return -1;
  memcpy(L->strs, B->strs, B->slen);
  L->strs[B->slen] = '\0';
  while (p < end) {
    uint64_t k = varint_get(&p), j;
    for (j = 0; j < k; j++) {
      uint32_t term = (uint32_t)varint_get(&p);
      uint64_t ct = varint_get(&p), cb = varint_get(&p);
      term_info *ti = &B->ti[term];
      uint64_t gap = (uint64_t)(d + 1 - ti->last), x = !(ct == 0 && cb == 1);
      unsigned char *w = varint_put(L->post + ti->psize, gap << 1 | x);
      if (x) {
        w = varint_put(w, ct);
        w = varint_put(w, cb);
      }
      ti->psize = (uint64_t)(w - L->post);
      ti->last = d + 1;
    }
    d++;
  }
  L->post[total] = 0;
  /* The final table: ids only, at most half full. */
  {
    uint32_t nslots = 16, i;
    while (nslots < 2 * (uint64_t)nt)
      nslots *= 2;
    L->slots = lgi_calloc(B->a, nslots, sizeof *L->slots);
    if (!L->slots)
      return -1;
    L->hmask = nslots - 1;
    for (i = 0; i <= B->hmask; i++) {
      uint32_t j;
      if (!B->slots[i].id1)
        continue;
      j = B->slots[i].hash & L->hmask;
      while (L->slots[j])
        j = (j + 1) & L->hmask;
      L->slots[j] = B->slots[i].id1;
    }
  }
  return 0;
}

static int build_locale(const lg_allocator *a, const lgi_index_doc *docs, const uint32_t *which,
                        uint32_t nd, lgi_ixloc *L) {
  builder B;
  uint32_t d;
  int rc = LG_ENOMEM;
  memset(&B, 0, sizeof B);
  B.a = a;
  L->locale = docs[which[0]].locale;
  L->ndocs = nd;
  L->docs = lgi_malloc(a, (size_t)nd * sizeof *L->docs);
  L->knorm = lgi_malloc(a, (size_t)nd * sizeof *L->knorm);
  L->dflags = lgi_malloc(a, nd);
  B.hmask = 1023;
  B.slots = lgi_calloc(a, (size_t)B.hmask + 1, sizeof *B.slots);
  if (!L->docs || !L->knorm || !L->dflags || !B.slots)
    goto done;
  for (d = 0; d < nd; d++) {
    const lgi_index_doc *doc = &docs[which[d]];
    uint64_t dl;
    if (add_doc(&B, doc, d, &dl))
      goto done;
    L->docs[d] = doc->entry;
    L->dflags[d] = (unsigned char)doc->flags;
    L->knorm[d] = (double)dl; /* the length for now; the normaliser below */
    if (doc->flags & LGI_DOC_LABEL) {
      L->nlabels++;
    } else {
      L->ntokens += dl;
    }
  }
  /* FTS5: avgdl = total / rows; k1 * (1 - b + b * D / avgdl). One
   * operation per statement so no compiler fuses them. */
  L->avgdl = L->ntokens ? (double)L->ntokens / (double)(nd - L->nlabels) : 1.0;
  for (d = 0; d < nd; d++) {
    const double k1 = LGI_BM25_K1, b = LGI_BM25_B;
    double bd = b * L->knorm[d];
    double r = bd / L->avgdl;
    double s = 1 - b + r;
    L->knorm[d] = k1 * s;
  }
  if (finish_locale(&B, L))
    goto done;
  rc = LG_OK;
done:
  free_builder(&B);
  return rc;
}

static size_t locale_bytes(const lgi_ixloc *L) {
  size_t nd = L->ndocs, nt = L->nterms;
  return nd * (sizeof *L->docs + sizeof *L->knorm + 1) +
         ((size_t)L->hmask + 1) * sizeof *L->slots + (size_t)L->soff[nt] + 1 +
         (nt + 1) * (sizeof *L->soff + sizeof *L->df + sizeof *L->poff) + (size_t)L->poff[nt] + 1;
}

void lgi_index_free(const lg_allocator *a, lgi_index *ix) {
  size_t i;
  if (!ix)
    return;
  for (i = 0; i < ix->nloc; i++)
    free_locale(a, &ix->locs[i]);
  lgi_free(a, ix->locs, ix->nloc * sizeof *ix->locs);
  lgi_free(a, ix, sizeof *ix);
}

size_t lgi_index_bytes(const lgi_index *ix) { return ix ? ix->bytes : 0; }

int lgi_index_build_docs(const lg_allocator *a, const lgi_index_doc *docs, size_t n,
                         lgi_index **out) {
  lgi_index *ix;
  uint32_t *which = NULL;
  const char **locs = NULL;
  size_t nloc = 0, i, l;
  int rc = LG_ENOMEM;
  if (n >= UINT32_MAX)
    return LG_ENOMEM;
  ix = lgi_calloc(a, 1, sizeof *ix);
  if (!ix)
    return LG_ENOMEM;
  if (n == 0) {
    *out = ix;
    return LG_OK;
  }
  which = lgi_malloc(a, n * sizeof *which);
  locs = lgi_malloc(a, n * sizeof *locs);
  if (!which || !locs)
    goto done;
  for (i = 0; i < n; i++) {
    for (l = 0; l < nloc; l++)
      if (strcmp(locs[l], docs[i].locale) == 0)
        break;
    if (l == nloc)
      locs[nloc++] = docs[i].locale;
  }
  ix->locs = lgi_calloc(a, nloc, sizeof *ix->locs);
  if (!ix->locs)
    goto done;
  ix->nloc = nloc;
  for (l = 0; l < nloc; l++) {
    uint32_t nd = 0;
    for (i = 0; i < n; i++)
      if (strcmp(locs[l], docs[i].locale) == 0)
        which[nd++] = (uint32_t)i;
    if (build_locale(a, docs, which, nd, &ix->locs[l]) != LG_OK)
      goto done;
    ix->bytes += locale_bytes(&ix->locs[l]);
  }
  ix->bytes += sizeof *ix + nloc * sizeof *ix->locs;
  rc = LG_OK;
done:
  lgi_free(a, which, n * sizeof *which);
  lgi_free(a, (void *)locs, n * sizeof *locs);
  if (rc != LG_OK) {
    lgi_index_free(a, ix);
    return rc;
  }
  *out = ix;
  return LG_OK;
}

const lgi_ixloc *lgi_index_locale(const lgi_index *ix, const char *locale) {
  size_t i;
  if (!ix || !locale)
    return NULL;
  for (i = 0; i < ix->nloc; i++)
    if (lgi_ascii_casecmp(ix->locs[i].locale, locale) == 0)
      return &ix->locs[i];
  return NULL;
}

int lgi_index_term(const lgi_ixloc *L, const char *s, size_t n, uint32_t *term) {
  uint32_t i = lgi_index_hash(s, n) & L->hmask;
  while (L->slots[i]) {
    uint32_t t = L->slots[i] - 1;
    if (L->soff[t + 1] - L->soff[t] == n && memcmp(L->strs + L->soff[t], s, n) == 0) {
      *term = t;
      return 0;
    }
    i = (i + 1) & L->hmask;
  }
  return -1;
}
