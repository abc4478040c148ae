/*
 * index.c - the inverted index behind lg_catalog_search, built once per load.
 *
 * Per locale: a hash dictionary of folded terms, and for each term a
 * delta-coded posting list of (entry, title count, body count) in catalogue
 * order, so queries can walk lists in step and intersect from the rarest.
 * Terms and postings share one block (layout in search.h); postings take
 * about 1.6 bytes each on English text, so the whole index is about a
 * third of the pack's size. Each entry's BM25 length
 * normaliser is computed here, with the same operations FTS5 uses, so a
 * query only multiplies, adds and divides.
 *
 * The build tokenizes each text once: a first pass encodes every posting
 * into a temporary stream (tagged with its term) and sizes each term's
 * list; the second copies them into one exact-size block.
 */
#include <string.h>

#include "catalog/search.h"

/*
 * A build-time hash slot holds everything pass 1 touches per token: the
 * hash, the term's first 16 bytes (the whole term, zero-padded, when
 * shorter), its counts in the current entry and its posting statistics.
 * So a token costs one slot, which matters: the dictionary is larger than
 * the L2 cache and its tail terms miss. The final index keeps only the
 * terms' offsets in its table (lgi_ixloc.slots).
 */
typedef struct bslot {
  uint32_t id1; /* term id + 1; 0 for empty */
  uint32_t hash;
  uint32_t stamp; /* doc + 1 of the entry counted in ct, cb */
  uint32_t ct;    /* occurrences in that entry's title */
  uint32_t cb;    /* ... and body */
  uint32_t last;  /* doc + 1 of its last posting */
  uint32_t df;    /* entries, labels not counted */
  uint32_t psize; /* bytes of its postings */
  unsigned char key[16];
} bslot;

#define KEY_LEN 16

typedef struct builder {
  const lg_allocator *a;
  bslot *slots;
  uint32_t hmask;
  uint32_t nterms;
  uint32_t *soff; /* per term: where its text starts in strs */
  size_t socap;
  char *strs;
  size_t scap, slen;
  uint32_t *local; /* slots of the current entry's distinct terms */
  size_t lcap;
  unsigned char *tmp; /* pass-1 stream: per entry, its (term, counts) */
  size_t tcap, tlen;
  char *fold; /* the current entry's folded tokens, back to back */
  size_t fcap;
  struct btok {
    uint32_t off, len, hash;
  } * toks; /* the current entry's tokens */
  size_t tkcap, ntoks;
} builder;

/* A hint to start loading a slot: lookups are memory-bound, and an entry's
 * tokens are known before they are looked up, so their misses overlap. */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
#define PREFETCH_AHEAD 12 /* tokens: about the misses a core keeps in flight */

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
  if (*p < 0x80) {
    *pp = p + 1;
    return *p;
  }
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
/* The two ways a posting's counts are written (see search.h). */
static unsigned char *put_counts(unsigned char *w, uint64_t ct, uint64_t cb) {
  if (ct < 8 && cb < 16) {
    *w++ = (unsigned char)(ct << 4 | cb);
    return w;
  }
  *w++ = 0x80;
  w = varint_put(w, ct);
  return varint_put(w, cb);
}

/* The first 8 bytes of s (n of them when fewer), zero-padded. */
static uint64_t load_key(const char *s, size_t n) {
  uint64_t w = 0;
  if (n >= 8) {
    memcpy(&w, s, 8);
  } else {
    unsigned char b[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t i;
    for (i = 0; i < n; i++) b[i] = (unsigned char)s[i];
    memcpy(&w, b, 8);
  }
  return w;
}

/* Byte masks that keep the first n bytes of a word, in any byte order. */
static const unsigned char key_masks[9][8] = {
    {0, 0, 0, 0, 0, 0, 0, 0},
    {255, 0, 0, 0, 0, 0, 0, 0},
    {255, 255, 0, 0, 0, 0, 0, 0},
    {255, 255, 255, 0, 0, 0, 0, 0},
    {255, 255, 255, 255, 0, 0, 0, 0},
    {255, 255, 255, 255, 255, 0, 0, 0},
    {255, 255, 255, 255, 255, 255, 0, 0},
    {255, 255, 255, 255, 255, 255, 255, 0},
    {255, 255, 255, 255, 255, 255, 255, 255},
};

/* load_key for a buffer with 8 readable bytes at s, whatever n is. */
static uint64_t load_key_slack(const char *s, size_t n) {
  uint64_t w, m;
  memcpy(&w, s, 8);
  memcpy(&m, key_masks[n < 8 ? n : 8], 8);
  return w & m;
}

uint32_t lgi_index_slot(uint32_t hash, uint32_t nslots) {
  return (uint32_t)(((uint64_t)hash * nslots) >> 32);
}

/* The hash over 8-byte words; `slack`: s may be read 8 bytes past n. */
static uint32_t hash_words(const char *s, size_t n, int slack) {
  uint64_t h = 0x9E3779B97F4A7C15u ^ (uint64_t)n;
  for (;;) {
    uint64_t w = slack ? load_key_slack(s, n) : load_key(s, n);
    h = (h ^ w) * 0xFF51AFD7ED558CCDu;
    h ^= h >> 32;
    if (n <= 8) break;
    s += 8;
    n -= 8;
  }
  h *= 0xC4CEB9FE1A85EC53u;
  h ^= h >> 29;
  return (uint32_t)h;
}

uint32_t lgi_index_hash(const char *s, size_t n) {
  return hash_words(s, n, 0);
}

/*
 * Grows *p (count elements of `size`) to at least `need`; 0 or -1. On 0,
 * *p is never NULL, even for need 0: callers do arithmetic on it, and
 * NULL + 0 is undefined.
 */
static int grow(const lg_allocator *a, void **p, size_t *cap, size_t need, size_t size) {
  size_t ncap = *cap ? *cap : 16, oldb, newb;
  void *q;
  if (need <= *cap && *p) return 0;
  while (ncap < need) {
    if (ncap > ((size_t)-1) / 2) return -1;
    ncap *= 2;
  }
  if (lgi_size_mul(*cap, size, &oldb) || lgi_size_mul(ncap, size, &newb)) return -1;
  q = lgi_realloc(a, *p, oldb, newb);
  if (!q) return -1;
  *p = q;
  *cap = ncap;
  return 0;
}

/* Doubles the table; the current entry's slot list follows its slots. */
static int rehash(builder *B, uint32_t nlocal) {
  uint32_t nslots = (B->hmask + 1) * 2, mask = nslots - 1, i;
  bslot *ns;
  if (nslots == 0) return -1;
  ns = lgi_calloc(B->a, nslots, sizeof *ns);
  if (!ns) return -1;
  for (i = 0; i <= B->hmask; i++) {
    uint32_t j;
    if (!B->slots[i].id1) continue;
    j = B->slots[i].hash & mask;
    while (ns[j].id1) j = (j + 1) & mask;
    ns[j] = B->slots[i];
  }
  for (i = 0; i < nlocal; i++) {
    const bslot *old = &B->slots[B->local[i]];
    uint32_t j = old->hash & mask;
    while (ns[j].id1 != old->id1) j = (j + 1) & mask;
    B->local[i] = j;
  }
  lgi_free(B->a, B->slots, ((size_t)B->hmask + 1) * sizeof *B->slots);
  B->slots = ns;
  B->hmask = mask;
  return 0;
}

static size_t term_len(const builder *B, uint32_t t) {
  uint32_t end = t + 1 < B->nterms ? B->soff[t + 1] : (uint32_t)B->slen;
  return end - B->soff[t];
}

/*
 * The slot of the folded token s[0..n), added when new; *fresh is set for
 * a new term. 0, or -1 when out of memory.
 */
static int intern(builder *B, const char *s, size_t n, uint32_t h, uint32_t *slot) {
  uint32_t i = h & B->hmask, t;
  uint64_t k0 = load_key_slack(s, n), k1 = n > 8 ? load_key_slack(s + 8, n - 8) : 0;
  bslot *sl;
  for (;;) {
    uint64_t a, b;
    sl = &B->slots[i];
    if (!sl->id1) break;
    memcpy(&a, sl->key, 8);
    memcpy(&b, sl->key + 8, 8);
    if (sl->hash == h && a == k0 && b == k1 &&
        (n < KEY_LEN ||
         (term_len(B, sl->id1 - 1) == n && memcmp(B->strs + B->soff[sl->id1 - 1], s, n) == 0))) {
      *slot = i;
      return 0;
    }
    i = (i + 1) & B->hmask;
  }
  if (B->nterms >= UINT32_MAX - 1 || B->slen + n >= UINT32_MAX) return -1;
  if (grow(B->a, (void **)&B->soff, &B->socap, (size_t)B->nterms + 1, sizeof *B->soff) ||
      grow(B->a, (void **)&B->strs, &B->scap, B->slen + n + 1, 1))
    return -1;
  t = B->nterms++;
  B->soff[t] = (uint32_t)B->slen;
  memcpy(B->strs + B->slen, s, n);
  B->slen += n;
  memset(sl, 0, sizeof *sl);
  sl->id1 = t + 1;
  sl->hash = h;
  memcpy(sl->key, &k0, 8);
  memcpy(sl->key + 8, &k1, 8);
  *slot = i;
  return 0;
}

/* Tokenizes one field into the entry's token list; -1 when out of memory. */
static int64_t read_field(builder *B, const char *s, size_t *fo, size_t *ntok) {
  size_t n = s ? strlen(s) : 0, pos = 0, flen;
  int64_t count = 0;
  /* A token takes a byte and a separator: (n + 1) / 2 tokens at most.
   * The folded tokens get 16 bytes of slack for whole-word key reads. */
  if (grow(B->a, (void **)&B->fold, &B->fcap, *fo + n + 17, 1) ||
      grow(B->a, (void **)&B->toks, &B->tkcap, *ntok + n / 2 + 1, sizeof *B->toks) ||
      grow(B->a, (void **)&B->local, &B->lcap, *ntok + n / 2 + 1, sizeof *B->local))
    return -1;
  /* ASCII tokens here; a token that holds or follows anything else is
   * read again by lgi_token_next, which knows every rule. */
  while (pos < n) {
    const unsigned char *u = (const unsigned char *)s;
    char *out = B->fold + *fo;
    unsigned char c = lgi_fold_ascii[u[pos]];
    size_t b = pos, o = 0;
    struct btok *tk;
    if (c == 0) {
      pos++;
      continue;
    }
    while (c > 1) { /* s[n] is its NUL, a separator */
      out[o++] = (char)c;
      c = lgi_fold_ascii[u[++pos]];
    }
    if (c == 1) {
      pos = b;
      if (!lgi_token_next(s, n, &pos, out, n, &flen, NULL, NULL)) break;
    } else {
      flen = o;
    }
    tk = &B->toks[(*ntok)++];
    tk->off = (uint32_t)*fo;
    tk->len = (uint32_t)flen;
    tk->hash = hash_words(out, flen, 1);
    *fo += flen;
    count++;
  }
  return count;
}

/* Counts tokens[from, to) into doc `d`'s title or body counts. */
static int count_tokens(builder *B, size_t from, size_t to, uint32_t d, int title,
                        uint32_t *nlocal) {
  size_t k;
  for (k = from; k < to; k++) {
    const struct btok *tk = &B->toks[k];
    uint32_t i;
    bslot *sl;
    if (k + PREFETCH_AHEAD < B->ntoks) {
      const bslot *ahead = &B->slots[B->toks[k + PREFETCH_AHEAD].hash & B->hmask];
      PREFETCH(ahead);
      PREFETCH(ahead->key + KEY_LEN - 1);
    }
    if (intern(B, B->fold + tk->off, tk->len, tk->hash, &i)) return -1;
    sl = &B->slots[i];
    if (sl->stamp != d + 1) { /* local has room for every token (read_field) */
      sl->stamp = d + 1;
      sl->ct = 0;
      sl->cb = 0;
      B->local[(*nlocal)++] = i;
      /* Grow only between lookups, and keep the table at most half full. */
      if ((uint64_t)B->nterms * 2 > (uint64_t)B->hmask + 1) {
        if (rehash(B, *nlocal)) return -1;
        sl = &B->slots[B->local[*nlocal - 1]];
      }
    }
    if (title)
      sl->ct++;
    else
      sl->cb++;
  }
  return 0;
}

/* Pass 1 for doc d: tokenizes, appends its term list to tmp, sizes postings. */
static int add_doc(builder *B, const lgi_index_doc *doc, uint32_t d, uint64_t *dlen) {
  uint32_t nlocal = 0, j, counted = !(doc->flags & LGI_DOC_LABEL);
  size_t fo = 0, ntok = 0, k;
  int64_t nt, nb;
  unsigned char *p;
  nt = read_field(B, doc->title, &fo, &ntok);
  if (nt < 0) return -1;
  nb = read_field(B, doc->body, &fo, &ntok);
  if (nb < 0) return -1;
  for (k = 0; k < ntok && k < PREFETCH_AHEAD; k++) { /* a slot may straddle two lines */
    const bslot *sl = &B->slots[B->toks[k].hash & B->hmask];
    PREFETCH(sl);
    PREFETCH(sl->key + KEY_LEN - 1);
  }
  B->ntoks = ntok;
  if (count_tokens(B, 0, (size_t)nt, d, 1, &nlocal) ||
      count_tokens(B, (size_t)nt, ntok, d, 0, &nlocal))
    return -1;
  *dlen = (uint64_t)nt + (uint64_t)nb;
  /* Each posting goes to tmp as it will be in the blob, after its term id
   * and length: (4 + 1 + at most 16) bytes. */
  if (grow(B->a, (void **)&B->tmp, &B->tcap, B->tlen + (size_t)nlocal * 21, 1)) return -1;
  p = B->tmp + B->tlen;
  for (j = 0; j < nlocal; j++) {
    bslot *sl = &B->slots[B->local[j]];
    uint64_t gap = (uint64_t)(d + 1 - sl->last), x = !(sl->ct == 0 && sl->cb == 1);
    uint32_t term = sl->id1 - 1;
    unsigned char *w;
    memcpy(p, &term, 4);
    w = varint_put(p + 5, gap << 1 | x);
    if (x) w = put_counts(w, sl->ct, sl->cb);
    p[4] = (unsigned char)(w - p - 5);
    if ((uint64_t)sl->psize + p[4] >= UINT32_MAX) return -1;
    sl->psize += p[4];
    sl->last = d + 1;
    sl->df += counted;
    p = w;
  }
  B->tlen = (size_t)(p - B->tmp);
  return 0;
}

static void free_locale(const lg_allocator *a, lgi_ixloc *L) {
  size_t nd = L->ndocs;
  lgi_free(a, (void *)L->docs, nd * sizeof(const lg_entry *));
  lgi_free(a, L->knorm, nd * sizeof *L->knorm);
  lgi_free(a, L->dflags, nd);
  lgi_free(a, L->slots, (size_t)L->nslots * sizeof *L->slots);
  lgi_free(a, L->blob, L->blob_bytes);
  memset(L, 0, sizeof *L);
}

static void free_builder(builder *B) {
  lgi_free(B->a, B->slots, B->slots ? ((size_t)B->hmask + 1) * sizeof *B->slots : 0);
  lgi_free(B->a, B->soff, B->socap * sizeof *B->soff);
  lgi_free(B->a, B->strs, B->scap);
  lgi_free(B->a, B->local, B->lcap * sizeof *B->local);
  lgi_free(B->a, B->tmp, B->tcap);
  lgi_free(B->a, B->fold, B->fcap);
  lgi_free(B->a, B->toks, B->tkcap * sizeof *B->toks);
}

static size_t term_header_len(size_t len, uint32_t df, uint32_t psize) {
  return varint_len(len) + len + varint_len(df) + varint_len(psize);
}

/*
 * Pass 2: the blob of terms and postings, and the final table. The
 * postings are copied from tmp to per-term write cursors, a compact array
 * that fits in cache where the slots do not.
 */
static int finish_locale(builder *B, lgi_ixloc *L) {
  const unsigned char *p = B->tmp, *end = B->tmp + B->tlen;
  uint64_t total = 0, ns;
  uint32_t nt = B->nterms, i;
  uint32_t *cur = NULL, *dfs = NULL, *hoff = NULL;
  int rc = -1;
  cur = lgi_malloc(B->a, ((size_t)nt + 1) * sizeof *cur);
  dfs = lgi_malloc(B->a, ((size_t)nt + 1) * sizeof *dfs);
  hoff = lgi_malloc(B->a, ((size_t)nt + 1) * sizeof *hoff);
  /* At most 70% full; lookups map the hash onto any table size. */
  ns = (uint64_t)nt + (uint64_t)nt * 3 / 7 + 16;
  if (ns >= UINT32_MAX) goto done;
  L->nslots = (uint32_t)ns;
  L->slots = lgi_calloc(B->a, L->nslots, sizeof *L->slots);
  if (!cur || !dfs || !hoff || !L->slots) goto done;
  /* Terms in id order (first occurrence), each a header then postings. */
  for (i = 0; i <= B->hmask; i++) {
    const bslot *sl = &B->slots[i];
    if (sl->id1) {
      cur[sl->id1 - 1] = sl->psize;
      dfs[sl->id1 - 1] = sl->df;
    }
  }
  for (i = 0; i < nt; i++) {
    size_t len = term_len(B, i);
    hoff[i] = (uint32_t)total;
    total += term_header_len(len, dfs[i], cur[i]) + cur[i];
    if (total >= UINT32_MAX) goto done;
  }
  L->blob_bytes = (size_t)total + 1;
  L->blob = lgi_malloc(B->a, L->blob_bytes);
  if (!L->blob) goto done;
  for (i = 0; i < nt; i++) {
    size_t len = term_len(B, i);
    unsigned char *w = varint_put(L->blob + hoff[i], len);
    memcpy(w, B->strs + B->soff[i], len);
    w = varint_put(w + len, dfs[i]);
    w = varint_put(w, cur[i]);
    cur[i] = (uint32_t)(w - L->blob);
  }
  L->blob[total] = 0;
  for (i = 0; i <= B->hmask; i++) {
    const bslot *sl = &B->slots[i];
    uint32_t j;
    if (!sl->id1) continue;
    j = lgi_index_slot(sl->hash, L->nslots);
    while (L->slots[j]) j = j + 1 == L->nslots ? 0 : j + 1;
    L->slots[j] = hoff[sl->id1 - 1] + 1;
  }
  L->nterms = nt;
  while (p < end) { /* scatter the postings, each a copy */
    uint32_t term;
    size_t len, j;
    unsigned char *w;
    memcpy(&term, p, 4);
    len = p[4];
    p += 5;
    w = L->blob + cur[term];
    for (j = 0; j < len; j++) w[j] = p[j];
    cur[term] += (uint32_t)len;
    p += len;
  }
  rc = 0;
done:
  if (rc) { /* leave nothing half made for free_locale */
    lgi_free(B->a, L->slots, (size_t)L->nslots * sizeof *L->slots);
    lgi_free(B->a, L->blob, L->blob_bytes);
    L->slots = NULL;
    L->blob = NULL;
    L->nslots = 0;
    L->blob_bytes = 0;
    L->nterms = 0;
  }
  lgi_free(B->a, cur, ((size_t)nt + 1) * sizeof *cur);
  lgi_free(B->a, dfs, ((size_t)nt + 1) * sizeof *dfs);
  lgi_free(B->a, hoff, ((size_t)nt + 1) * sizeof *hoff);
  return rc;
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
  L->docs = lgi_malloc(a, (size_t)nd * sizeof(const lg_entry *));
  L->knorm = lgi_malloc(a, (size_t)nd * sizeof *L->knorm);
  L->dflags = lgi_malloc(a, nd);
  B.hmask = 4095;
  B.slots = lgi_calloc(a, (size_t)B.hmask + 1, sizeof *B.slots);
  if (!L->docs || !L->knorm || !L->dflags || !B.slots) goto done;
  for (d = 0; d < nd; d++) {
    const lgi_index_doc *doc = &docs[which[d]];
    uint64_t dl;
    if (add_doc(&B, doc, d, &dl)) goto done;
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
  if (finish_locale(&B, L)) goto done;
  rc = LG_OK;
done:
  free_builder(&B);
  return rc;
}

static size_t locale_bytes(const lgi_ixloc *L) {
  return (size_t)L->ndocs * (sizeof(const lg_entry *) + sizeof *L->knorm + 1) +
         (size_t)L->nslots * sizeof *L->slots + L->blob_bytes;
}

void lgi_index_free(const lg_allocator *a, lgi_index *ix) {
  size_t i;
  if (!ix) return;
  /* nloc is set only once locs exists */
  for (i = 0; ix->locs && i < ix->nloc; i++) free_locale(a, &ix->locs[i]);
  lgi_free(a, ix->locs, ix->nloc * sizeof *ix->locs);
  lgi_free(a, ix, sizeof *ix);
}

size_t lgi_index_bytes(const lgi_index *ix) {
  return ix ? ix->bytes : 0;
}

int lgi_index_build_docs(const lg_allocator *a, const lgi_index_doc *docs, size_t n,
                         lgi_index **out) {
  lgi_index *ix;
  uint32_t *which = NULL;
  const char **locs = NULL;
  size_t nloc = 0, i, l;
  int rc = LG_ENOMEM;
  if (n >= UINT32_MAX) return LG_ENOMEM;
  ix = lgi_calloc(a, 1, sizeof *ix);
  if (!ix) return LG_ENOMEM;
  if (n == 0) {
    *out = ix;
    return LG_OK;
  }
  which = lgi_malloc(a, n * sizeof *which);
  locs = lgi_malloc(a, n * sizeof *locs);
  if (!which || !locs) goto done;
  for (i = 0; i < n; i++) {
    for (l = 0; l < nloc; l++)
      if (strcmp(locs[l], docs[i].locale) == 0) break;
    if (l == nloc) locs[nloc++] = docs[i].locale;
  }
  ix->locs = lgi_calloc(a, nloc, sizeof *ix->locs);
  if (!ix->locs) goto done;
  ix->nloc = nloc;
  for (l = 0; l < nloc; l++) {
    uint32_t nd = 0;
    for (i = 0; i < n; i++)
      if (strcmp(locs[l], docs[i].locale) == 0) which[nd++] = (uint32_t)i;
    if (build_locale(a, docs, which, nd, &ix->locs[l]) != LG_OK) goto done;
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
  if (!ix || !locale) return NULL;
  for (i = 0; i < ix->nloc; i++)
    if (lgi_ascii_casecmp(ix->locs[i].locale, locale) == 0) return &ix->locs[i];
  return NULL;
}

int lgi_index_term(const lgi_ixloc *L, const char *s, size_t n, lgi_term *out) {
  uint32_t i;
  if (!L->nslots) return -1;
  i = lgi_index_slot(lgi_index_hash(s, n), L->nslots);
  while (L->slots[i]) {
    const unsigned char *h = L->blob + L->slots[i] - 1, *p = h;
    uint64_t len = varint_get(&p);
    if (len == n && memcmp(p, s, n) == 0) {
      uint64_t plen;
      p += n;
      out->id = L->slots[i] - 1;
      out->df = (uint32_t)varint_get(&p);
      plen = varint_get(&p);
      out->post = p;
      out->end = p + plen;
      return 0;
    }
    i = i + 1 == L->nslots ? 0 : i + 1;
  }
  return -1;
}
