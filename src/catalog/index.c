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
 * The build tokenizes each text once. Pass 1 finds the tokens 64 bytes at
 * a time, looks their terms up, counts them per entry and writes each
 * posting, already in its final bytes, to the bucket of its term; pass 2
 * lays out one exact-size block and copies the postings in, a bucket at a
 * time. Building costs instructions, cache misses and mispredicted
 * branches in about equal parts: the hot loops avoid work per byte and per
 * token, fetch the build table's slots ahead, and do not branch where the
 * text decides the way (whether a word repeats, how long a gap is).
 */
#include <stddef.h>
#include <string.h>

#include "catalog/search.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(LETGO_NO_SIMD)
#include <emmintrin.h>
#endif

/*
 * Pass 1 looks every token up in a build-time dictionary: open addressing
 * with 24-byte slots holding the term's first 16 folded bytes, its id and
 * a stamp. A token costs that one slot, which matters: the table outgrows
 * the L2 cache and the tail terms miss, so an entry's tokens are read
 * first and their slots prefetched a few tokens ahead. (24-byte slots
 * measured faster than 32-byte ones, though a quarter of them straddle
 * two cache lines.) The stamp says whether the term was seen in the
 * current entry and where its counts are in the entry's `local` list, so
 * repeated words count in that small, hot list. A term's posting
 * statistics are kept by id, apart from the table: the postings are
 * written from the `local` list, which knows the ids.
 */
typedef struct bslot {
  uint64_t k0, k1; /* the first 16 folded bytes, zero-padded */
  uint32_t id1;    /* term id + 1; 0 for empty */
  uint32_t stamp;  /* base + 1 + index in local when seen in the current entry */
} bslot;

/* Per term: what its postings need while they are written. */
typedef struct bstat {
  uint32_t last;  /* doc + 1 of its last posting; in pass 2, where its next goes */
  uint32_t df;    /* entries, labels not counted */
  uint32_t psize; /* bytes of its postings */
} bstat;

/* A token of the current entry: its key words, length and hash. */
typedef struct btok {
  uint64_t k0, k1;
  uint32_t len, hash;
  uint32_t off; /* in fold, when longer than 16 bytes */
} btok;

/*
 * Pass 1 sorts each posting into the bucket of its term's id / 256, in
 * entry order: its length in bytes, the id's low byte, then the posting
 * as the block holds it (search.h). Pass 2 copies one bucket at a time:
 * 256 terms' cursors and a small part of the block, all in cache, where
 * one pass over every posting would write all over the block.
 *
 * A bucket is a list of chunks that double up to CHUNK_MAX bytes: it grows
 * without copying what it holds, and in pieces small enough for the
 * allocator to serve from memory freed earlier.
 */
#define BUCKET_BITS 8
#define CHUNK_MIN   256
#define CHUNK_MAX   32768
#define POSTING_MAX 19 /* 2 + 5 + 11 bytes, and one more that pass 2 may read */

typedef struct bchunk {
  struct bchunk *next;
  size_t len, cap;
  unsigned char data[];
} bchunk;

typedef struct bucket {
  unsigned char *w, *end; /* where its next posting goes; its last chunk's end */
  bchunk *head, *tail;
} bucket;

/* A distinct term of the current entry: its id and its counts there,
 * title count << 32 | body count. */
typedef struct blocal {
  uint64_t c;
  uint32_t id;
} blocal;
#define TITLE_ONE (UINT64_C(1) << 32)

typedef struct builder {
  const lg_allocator *a;
  bslot *slots;
  uint32_t hmask;
  uint32_t nterms;
  uint32_t *soff; /* per term: where its text starts in strs; soff[nterms] = slen */
  size_t socap;
  bstat *stat; /* per term */
  size_t stcap;
  char *strs;
  size_t scap, slen;
  uint32_t base; /* stamps below base + 1 are from earlier entries */
  blocal *local;
  size_t lcap;
  btok *toks;
  size_t tkcap;
  char *fold; /* folded text of the entry's long or non-ASCII tokens */
  size_t fcap;
  bucket *bk; /* bucket b: the postings of terms [b * 256, b * 256 + 256) */
  size_t nbk, bkcap;
} builder;

/* A hint to start loading a slot: lookups are memory-bound, and an entry's
 * tokens are known before they are looked up, so their misses overlap. */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#define NOINLINE    __attribute__((noinline))
#else
#define PREFETCH(p) ((void)(p))
#define NOINLINE
#endif
#define PREFETCH_AHEAD 12 /* tokens: about the misses a core keeps in flight */
#define HEAD_AHEAD     8  /* terms, likewise */

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

/* The dictionary's hash: multiply-xorshift over 8-byte words (host order:
 * hashes never leave the process). */
uint32_t lgi_index_hash(const char *s, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15u ^ (uint64_t)n;
  for (;;) {
    uint64_t w = load_key(s, n);
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

/*
 * The build table's own hash, of a term's first 16 folded bytes (its key
 * words): two multiplies, the high half kept. Terms that share 16 bytes
 * share a hash and are told apart in the probe; the final table uses
 * lgi_index_hash, which reads every byte.
 */
static uint32_t build_hash(uint64_t k0, uint64_t k1) {
  return (uint32_t)(((k0 ^ (k1 * 0x9E3779B97F4A7C15u)) * 0xFF51AFD7ED558CCDu) >> 32);
}

/* OR-ed into ASCII letters it lowercases them; digits already have the bit. */
#define LOWER 0x2020202020202020u

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

static size_t term_len(const builder *B, uint32_t t) {
  return B->soff[t + 1] - B->soff[t];
}

/* Doubles the table; slots are rehashed from their keys. */
static int rehash(builder *B) {
  uint32_t nslots = (B->hmask + 1) * 2, mask = nslots - 1, i;
  bslot *ns;
  if (nslots == 0) return -1;
  ns = lgi_calloc(B->a, nslots, sizeof *ns);
  if (!ns) return -1;
  for (i = 0; i <= B->hmask; i++) {
    const bslot *sl = &B->slots[i];
    uint32_t j;
    if (!sl->id1) continue;
    j = build_hash(sl->k0, sl->k1) & mask;
    while (ns[j].id1) j = (j + 1) & mask;
    ns[j] = *sl;
  }
  lgi_free(B->a, B->slots, ((size_t)B->hmask + 1) * sizeof *B->slots);
  B->slots = ns;
  B->hmask = mask;
  return 0;
}

/* Adds the token as a new term in empty slot i. -1 when out of memory. */
static int add_term(builder *B, const btok *tk, uint32_t i) {
  uint32_t t = B->nterms;
  size_t n = tk->len;
  if (t >= UINT32_MAX - 2 || B->slen + n >= UINT32_MAX - 16) return -1;
  /* strs keeps 16 bytes of room so a short term is copied in two words */
  if (((size_t)t + 2 > B->socap || (size_t)t + 1 > B->stcap || B->slen + n + 16 > B->scap) &&
      (grow(B->a, (void **)&B->soff, &B->socap, (size_t)t + 2, sizeof *B->soff) ||
       grow(B->a, (void **)&B->stat, &B->stcap, (size_t)t + 1, sizeof *B->stat) ||
       grow(B->a, (void **)&B->strs, &B->scap, B->slen + n + 16, 1)))
    return -1;
  if (n <= 16) {
    memcpy(B->strs + B->slen, &tk->k0, 8);
    memcpy(B->strs + B->slen + 8, &tk->k1, 8);
  } else {
    memcpy(B->strs + B->slen, B->fold + tk->off, n);
  }
  B->slen += n;
  B->soff[t + 1] = (uint32_t)B->slen;
  B->slots[i].k0 = tk->k0;
  B->slots[i].k1 = tk->k1;
  B->slots[i].id1 = t + 1;
  B->slots[i].stamp = 0;
  memset(&B->stat[t], 0, sizeof B->stat[t]);
  B->nterms = t + 1;
  return 0;
}

/*
 * Sixty-four bytes at a time: bit i of *alnum is set when byte i is an
 * ASCII letter or digit, bit i of *high when byte i is part of a
 * multi-byte character. With SSE2, sixteen bytes per step; elsewhere eight
 * (SWAR), where the additions cannot carry across bytes: every byte is
 * below 0x80 once the high bits are masked, and the constants keep each
 * sum below 0x100.
 */
#define HIGH 0x8080808080808080u
#define ONES 0x0101010101010101u
#if defined(__SSE2__) && defined(__GNUC__) && !defined(LETGO_NO_SIMD)
static void classify64(const unsigned char *s, uint64_t *alnum, uint64_t *high) {
  const __m128i lower = _mm_set1_epi8(0x20), ba = _mm_set1_epi8((char)(0x80 - 'a')),
                b0 = _mm_set1_epi8((char)(0x80 - '0')), la = _mm_set1_epi8((char)(-128 + 26)),
                l0 = _mm_set1_epi8((char)(-128 + 10));
  uint64_t a = 0, h = 0;
  size_t i;
  for (i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * i));
    __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, lower), ba), la);
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, b0), l0);
    unsigned hi = (unsigned)_mm_movemask_epi8(v);
    unsigned al = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit)) & ~hi;
    a |= (uint64_t)al << (16 * i);
    h |= (uint64_t)hi << (16 * i);
  }
  *alnum = a;
  *high = h;
}
#else
/* The high bit of each byte: set when that byte is an ASCII letter or digit. */
static uint64_t alnum_bytes(uint64_t w) {
  uint64_t x = w & ~HIGH, low = x | LOWER;
  uint64_t letter = (low + (0x80 - 'a') * ONES) & ~(low + (0x80 - 'z' - 1) * ONES);
  uint64_t digit = (x + (0x80 - '0') * ONES) & ~(x + (0x80 - '9' - 1) * ONES);
  return (letter | digit) & ~w & HIGH;
}

/* The high bits of w's bytes as 8 bits, the first byte in memory lowest. */
static uint64_t gather(uint64_t m) {
  unsigned char b[8];
  uint64_t r = 0;
  int i;
  memcpy(b, &m, 8);
  for (i = 0; i < 8; i++) r |= (uint64_t)(b[i] >> 7) << i;
  return r;
}

static void classify64(const unsigned char *s, uint64_t *alnum, uint64_t *high) {
  uint64_t a = 0, h = 0;
  size_t i;
  for (i = 0; i < 8; i++) {
    uint64_t w;
    memcpy(&w, s + 8 * i, 8);
    a |= gather(alnum_bytes(w)) << (8 * i);
    h |= gather(w & HIGH) << (8 * i);
  }
  *alnum = a;
  *high = h;
}
#endif

static unsigned ctz64(uint64_t m) { /* m != 0 */
#if defined(__GNUC__) || defined(__clang__)
  return (unsigned)__builtin_ctzll(m);
#else
  unsigned i = 0;
  while (!(m & 1)) {
    m >>= 1;
    i++;
  }
  return i;
#endif
}

/* Keys a token from its folded text in f (flen bytes, 16 of slack). */
static void key_folded(btok *tk, char *f, size_t flen) {
  memset(f + flen, 0, 16);
  tk->k0 = load_key_slack(f, flen);
  tk->k1 = flen > 8 ? load_key_slack(f + 8, flen - 8) : 0;
  tk->len = (uint32_t)flen;
  tk->hash = build_hash(tk->k0, tk->k1);
}

/* Keys an ASCII token of len < 16 bytes at u, 16 of them readable. */
#if defined(__SSE2__) && defined(__GNUC__) && !defined(LETGO_NO_SIMD)
static const unsigned char prefix_mask[32] = {255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
                                              255, 255, 255, 255, 255, 0,   0,   0,   0,   0,   0,
                                              0,   0,   0,   0,   0,   0,   0,   0,   0,   0};

static void key_ascii(btok *tk, const unsigned char *u, size_t len) {
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)u);
  __m128i m = _mm_loadu_si128((const __m128i *)(const void *)(prefix_mask + 16 - len));
  uint64_t k[2];
  _mm_storeu_si128((__m128i *)(void *)k, _mm_and_si128(_mm_or_si128(v, _mm_set1_epi8(0x20)), m));
  tk->k0 = k[0];
  tk->k1 = k[1];
  tk->len = (uint32_t)len;
  tk->hash = build_hash(k[0], k[1]);
}
#else
static void key_ascii(btok *tk, const unsigned char *u, size_t len) {
  uint64_t w0, w1, m0, m1;
  memcpy(&w0, u, 8);
  memcpy(&w1, u + 8, 8);
  memcpy(&m0, key_masks[len < 8 ? len : 8], 8);
  memcpy(&m1, key_masks[len > 8 ? len - 8 : 0], 8);
  tk->k0 = (w0 | LOWER) & m0;
  tk->k1 = (w1 | LOWER) & m1;
  tk->len = (uint32_t)len;
  tk->hash = build_hash(tk->k0, tk->k1);
}
#endif

/*
 * Reads the token at or after s[b] with lgi_token_next into tk (its folded
 * text at B->fold + *fo); returns the position after it, or 0 when no
 * token is left. -1 (as size_t) when out of memory.
 */
static size_t read_slow(builder *B, const char *s, size_t n, size_t b, btok *tk, size_t *fo) {
  size_t flen, q = b;
  char *f;
  /* Folded text is never longer than the raw bytes; 16 bytes of slack
   * for the key reads. */
  if (grow(B->a, (void **)&B->fold, &B->fcap, *fo + n - b + 17, 1)) return (size_t)-1;
  f = B->fold + *fo;
  if (!lgi_token_next(s, n, &q, f, n - b, &flen, NULL, NULL)) return 0;
  key_folded(tk, f, flen);
  tk->off = (uint32_t)*fo;
  if (flen > 16) *fo += flen;
  return q;
}

/*
 * Reads the tokens of one field into B->toks from *ntok on; returns their
 * number, or -1 when out of memory. Runs of ASCII letters and digits are
 * found 64 bytes at a time and keyed straight from the text (lowercase is
 * | 0x20 on letters and a no-op on digits); a run that holds or touches
 * anything else, or is 16 bytes or longer, is read by lgi_token_next,
 * which knows every rule. The last block of a field is read from a copy
 * padded with NULs, so every block has 16 readable bytes after it.
 */
static int64_t read_field(builder *B, const char *s, size_t n, size_t *ntok, size_t *fo) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned char tail[64 + 16 + 16];
  size_t p = 0, k = *ntok, q;
  /* A token takes a byte and a separator: (n + 1) / 2 tokens at most. */
  if (grow(B->a, (void **)&B->toks, &B->tkcap, k + n / 2 + 1 + PREFETCH_AHEAD, sizeof *B->toks) ||
      grow(B->a, (void **)&B->local, &B->lcap, k + n / 2 + 1, sizeof *B->local))
    return -1;
  while (p < n) {
    const unsigned char *blk = u + p;
    uint64_t al, hi, t;
    unsigned st;
    if (n - p < 64 + 16) {
      memset(tail, 0, sizeof tail);
      memcpy(tail, u + p, n - p);
      blk = tail;
    }
    classify64(blk, &al, &hi);
    t = al | hi;
    for (;;) {
      /* Adding the lowest set bit clears the lowest run and sets the bit
       * after it: zero when the run reaches the block's end. */
      uint64_t next = t + (t & (0 - t));
      unsigned en;
      if (!t) {
        p += 64;
        break;
      }
      st = ctz64(t);
      if (!next) {
        if (st == 0) goto slow; /* 64 bytes or more */
        p += st;
        break;
      }
      en = ctz64(next);
      /* Runs before this one in the block held no high byte. */
      if ((hi & ~next) || en - st >= 16) goto slow;
      key_ascii(&B->toks[k++], blk + st, en - st);
      t &= next;
    }
    continue;
  slow:
    q = read_slow(B, s, n, p + st, &B->toks[k], fo);
    if (q == (size_t)-1) return -1;
    if (q == 0) break;
    k++;
    p = q;
  }
  n = k - *ntok;
  *ntok = k;
  return (int64_t)n;
}

/* 1 when the term in slot sl is the token, which is 16 bytes or longer
 * and whose first 16 bytes match the slot's. */
static int same_long(const builder *B, const bslot *sl, const btok *tk) {
  uint32_t t = sl->id1 - 1;
  return term_len(B, t) == tk->len &&
         (tk->len == 16 || memcmp(B->strs + B->soff[t], B->fold + tk->off, tk->len) == 0);
}

/* 1 when the slot's key words are the token's. */
#if defined(__SSE2__) && defined(__GNUC__) && !defined(LETGO_NO_SIMD)
static int same_key(const bslot *sl, const btok *tk) {
  __m128i a = _mm_loadu_si128((const __m128i *)(const void *)&sl->k0);
  __m128i b = _mm_loadu_si128((const __m128i *)(const void *)&tk->k0);
  return _mm_movemask_epi8(_mm_cmpeq_epi8(a, b)) == 0xFFFF;
}
#else
static int same_key(const bslot *sl, const btok *tk) {
  return sl->k0 == tk->k0 && sl->k1 == tk->k1;
}
#endif

/*
 * The slot of the token's term, found from slot i on: added when new
 * (which may rehash the table), or NULL when out of memory. Kept out of
 * line: count_tokens calls it only for long tokens and new terms, and its
 * hot loop keeps its values in registers without it.
 */
static NOINLINE bslot *find_slot(builder *B, const btok *tk, uint32_t i) {
  for (;;) {
    bslot *sl = &B->slots[i];
    /* A token's first byte is never 0, so an empty slot never matches. */
    if (same_key(sl, tk)) {
      if (tk->len < 16 || same_long(B, sl, tk)) return sl;
    } else if (!sl->id1) {
      if (add_term(B, tk, i)) return NULL;
      /* Keep the table at most half full. */
      if ((uint64_t)B->nterms * 2 > (uint64_t)B->hmask + 1) {
        if (rehash(B)) return NULL;
        i = tk->hash & B->hmask;
        while (B->slots[i].id1 != B->nterms) i = (i + 1) & B->hmask;
      }
      return &B->slots[i];
    }
    i = (i + 1) & B->hmask;
  }
}

/*
 * Counts the tokens B->toks[from..to) into B->local, which holds nlocal
 * terms, adding inc to each token's counts; returns the new number of
 * terms there, or -1 when out of memory. The hot fields live in locals:
 * the counts are stores the compiler must otherwise assume could change
 * them.
 */
static int64_t count_tokens(builder *B, size_t from, size_t to, uint64_t inc, uint32_t nlocal) {
  bslot *slots = B->slots;
  uint32_t mask = B->hmask, base = B->base;
  const btok *toks = B->toks;
  blocal *local = B->local;
  const bstat *stat = B->stat;
  size_t k;
  for (k = from; k < from + PREFETCH_AHEAD; k++) PREFETCH(&slots[toks[k].hash & mask]);
  for (k = from; k < to; k++) {
    const btok *tk = &toks[k];
    uint32_t i = tk->hash & mask, at;
    bslot *sl;
    /* toks has PREFETCH_AHEAD zero hashes after the last token */
    PREFETCH(&slots[toks[k + PREFETCH_AHEAD].hash & mask]);
    /* The usual case: a known term of under 16 bytes, in a slot or two. */
    for (;;) {
      sl = &slots[i];
      if (same_key(sl, tk) || !sl->id1) break;
      i = (i + 1) & mask;
    }
    if (!sl->id1 || tk->len >= 16) {
      sl = find_slot(B, tk, i);
      if (!sl) return -1;
      slots = B->slots;
      mask = B->hmask;
      stat = B->stat;
    }
    /* Stamps from earlier entries are at most base: at wraps past nlocal.
     * Whether a word repeats is hard to predict, so no branch on it:
     * local[nlocal].c is kept 0 for the next new term. */
    at = sl->stamp - base - 1;
    at = at < nlocal ? at : nlocal;
    local[at].c += inc;
    local[at].id = sl->id1 - 1;
    sl->stamp = base + 1 + at;
    nlocal += at == nlocal;
    local[nlocal].c = 0;
    /* its posting is written once the entry is counted */
    PREFETCH(&stat[sl->id1 - 1]);
  }
  return nlocal;
}

static size_t field_len(const char *s, size_t len) {
  return len ? len : s ? strlen(s) : 0;
}

/*
 * The first size of the build table: room at half load for the terms that
 * `bytes` of text likely hold. Heaps' law with the usual parameters for
 * English (about 18 sqrt(bytes) distinct words) is used with a margin
 * below, so a wrong guess costs one rebuild, never a table far too large.
 */
static uint32_t first_table(uint64_t bytes) {
  uint64_t r = 1, terms;
  uint32_t n = 4096;
  while (r * r < bytes) r++;
  terms = 15 * r;
  while (n < (1u << 24) && (uint64_t)n < terms * 2) n *= 2;
  return n;
}

/* Starts a new chunk for bucket bk; -1 when out of memory. */
static int bucket_more(builder *B, bucket *bk) {
  size_t cap = bk->tail ? bk->tail->cap * 2 : CHUNK_MIN;
  bchunk *c;
  if (cap > CHUNK_MAX) cap = CHUNK_MAX;
  c = lgi_malloc(B->a, offsetof(bchunk, data) + cap);
  if (!c) return -1;
  c->next = NULL;
  c->len = 0;
  c->cap = cap;
  if (bk->tail) {
    bk->tail->len = (size_t)(bk->w - bk->tail->data);
    bk->tail->next = c;
  } else {
    bk->head = c;
  }
  bk->tail = c;
  bk->w = c->data;
  bk->end = c->data + cap;
  return 0;
}

/* Makes sure every term so far has its bucket. */
static int bucket_room(builder *B) {
  size_t need = ((size_t)B->nterms + (1u << BUCKET_BITS) - 1) >> BUCKET_BITS;
  if (need <= B->nbk) return 0;
  if (grow(B->a, (void **)&B->bk, &B->bkcap, need, sizeof *B->bk)) return -1;
  memset(B->bk + B->nbk, 0, (need - B->nbk) * sizeof *B->bk);
  B->nbk = need;
  return 0;
}

/* Pass 1 for doc d: tokenizes, counts, and puts its postings in buckets. */
static int add_doc(builder *B, const lgi_index_doc *doc, uint32_t d, uint64_t *dlen) {
  uint32_t nlocal, j, counted = !(doc->flags & LGI_DOC_LABEL);
  size_t ntok = 0, fo = 0, k;
  int64_t nt, nb, nl;
  nt = read_field(B, doc->title, field_len(doc->title, doc->title_len), &ntok, &fo);
  if (nt < 0) return -1;
  nb = read_field(B, doc->body, field_len(doc->body, doc->body_len), &ntok, &fo);
  if (nb < 0) return -1;
  *dlen = (uint64_t)nt + (uint64_t)nb;
  for (k = 0; k < PREFETCH_AHEAD; k++) B->toks[ntok + k].hash = 0;
  if ((uint64_t)B->base + ntok >= UINT32_MAX) { /* stamps wrap: forget them all */
    uint32_t i;
    for (i = 0; i <= B->hmask; i++) B->slots[i].stamp = 0;
    B->base = 0;
  }
  B->local[0].c = 0;
  nl = count_tokens(B, 0, (size_t)nt, TITLE_ONE, 0);
  if (nl >= 0) nl = count_tokens(B, (size_t)nt, ntok, 1, (uint32_t)nl);
  if (nl < 0) return -1;
  nlocal = (uint32_t)nl;
  B->base += nlocal;
  /* Each posting goes to its bucket as it will be in the block, after its
   * length and the low byte of its term id. */
  if (bucket_room(B)) return -1;
  for (j = 0; j < nlocal; j++) {
    const blocal *lc = &B->local[j];
    uint32_t id = lc->id, plen;
    bstat *st = &B->stat[id];
    uint32_t gap = d + 1 - st->last;
    uint64_t c = lc->c, x = c != 1, v = (uint64_t)gap << 1 | x;
    bucket *bk = &B->bk[id >> BUCKET_BITS];
    unsigned char *p;
    if (bk->end - bk->w < POSTING_MAX && bucket_more(B, bk)) return -1;
    p = bk->w;
    p[1] = (unsigned char)(id & 0xFF);
    if (v < (UINT64_C(1) << 21)) {
      /* Whether a term is rare or common decides the varint's length, and
       * a branch on it would be mispredicted: three bytes are written and
       * the varint's own kept. */
      p[2] = (unsigned char)(v | 0x80);
      p[3] = (unsigned char)(v >> 7 | 0x80);
      p[4] = (unsigned char)(v >> 14);
      plen = 1u + (v >= 0x80) + (v >= 0x4000);
      p[1 + plen] &= 0x7F;
      if (x) plen = (uint32_t)(put_counts(p + 2 + plen, c >> 32, c & 0xFFFFFFFFu) - p - 2);
    } else {
      unsigned char *w = varint_put(p + 2, v);
      if (x) w = put_counts(w, c >> 32, c & 0xFFFFFFFFu);
      plen = (uint32_t)(w - p - 2);
    }
    p[0] = (unsigned char)plen;
    bk->w = p + 2 + plen;
    st->psize += plen;
    if (st->psize < plen) return -1; /* over 4 GiB of postings */
    st->df += counted;
    st->last = d + 1;
  }
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
  size_t b;
  lgi_free(B->a, B->slots, B->slots ? ((size_t)B->hmask + 1) * sizeof *B->slots : 0);
  lgi_free(B->a, B->soff, B->socap * sizeof *B->soff);
  lgi_free(B->a, B->stat, B->stcap * sizeof *B->stat);
  lgi_free(B->a, B->strs, B->scap);
  lgi_free(B->a, B->local, B->lcap * sizeof *B->local);
  lgi_free(B->a, B->toks, B->tkcap * sizeof *B->toks);
  lgi_free(B->a, B->fold, B->fcap);
  for (b = 0; b < B->nbk; b++) {
    bchunk *c = B->bk[b].head;
    while (c) {
      bchunk *next = c->next;
      lgi_free(B->a, c, offsetof(bchunk, data) + c->cap);
      c = next;
    }
  }
  lgi_free(B->a, B->bk, B->bkcap * sizeof *B->bk);
}

static size_t header_len(size_t len, uint32_t df, uint32_t psize) {
  return varint_len(len) + len + varint_len(df) + varint_len(psize);
}

/*
 * Pass 2: the block of terms and postings, then the final table. Each
 * term's postings are copied first, a bucket at a time (256 terms'
 * cursors and a small part of the block, all in cache), two bytes at a
 * time: a byte written past a term's postings falls on the next term's
 * header (or the block's last byte), which is written afterwards. The
 * block takes over the build table's memory when it fits, so pages the
 * table already touched are not touched afresh.
 */
static int finish_locale(builder *B, lgi_ixloc *L) {
  uint64_t total = 0, ns;
  uint32_t nt = B->nterms, i, b;
  size_t tbytes = ((size_t)B->hmask + 1) * sizeof *B->slots;
  bstat *st = B->stat;
  uint32_t ahead[HEAD_AHEAD];
  int rc = -1;
  /* At most 70% full; lookups map the hash onto any table size. */
  ns = (uint64_t)nt + (uint64_t)nt * 3 / 7 + 16;
  if (ns >= UINT32_MAX) goto done;
  L->nslots = (uint32_t)ns;
  L->slots = lgi_calloc(B->a, L->nslots, sizeof *L->slots);
  if (!L->slots) goto done;
  /* Terms in id order (first occurrence), each a header then postings;
   * st[].last becomes where the term's next posting goes. */
  for (i = 0; i < nt; i++) {
    total += header_len(term_len(B, i), st[i].df, st[i].psize);
    st[i].last = (uint32_t)total;
    total += st[i].psize;
    if (total >= UINT32_MAX) goto done;
  }
  L->blob_bytes = (size_t)total + 1;
  if (L->blob_bytes <= tbytes) {
    L->blob = lgi_realloc(B->a, B->slots, tbytes, L->blob_bytes);
    if (L->blob) B->slots = NULL;
  } else {
    L->blob = lgi_malloc(B->a, L->blob_bytes);
  }
  if (!L->blob) goto done;
  for (b = 0; b < B->nbk; b++) {
    const bchunk *c;
    if (B->bk[b].tail) B->bk[b].tail->len = (size_t)(B->bk[b].w - B->bk[b].tail->data);
    for (c = B->bk[b].head; c; c = c->next) {
      const unsigned char *p = c->data, *end = p + c->len;
      while (p < end) {
        size_t plen = p[0], j;
        uint32_t t = b << BUCKET_BITS | p[1];
        unsigned char *w = L->blob + st[t].last;
        w[0] = p[2];
        w[1] = p[3]; /* the chunk has room for it (POSTING_MAX) */
        for (j = 2; j < plen; j++) w[j] = p[2 + j];
        st[t].last += (uint32_t)plen;
        p += 2 + plen;
      }
    }
  }
  /* Headers, and each term's place in the final table: the places are
   * random, so their slots are fetched HEAD_AHEAD terms ahead. */
  for (i = 0; i < nt + HEAD_AHEAD; i++) {
    if (i >= HEAD_AHEAD) { /* term t: st[t].last is the end of its postings */
      uint32_t t = i - HEAD_AHEAD, j = ahead[t % HEAD_AHEAD];
      size_t len = term_len(B, t),
             start = st[t].last - st[t].psize - header_len(len, st[t].df, st[t].psize);
      unsigned char *w = L->blob + start;
      while (L->slots[j]) j = j + 1 == L->nslots ? 0 : j + 1;
      L->slots[j] = (uint32_t)start + 1;
      w = varint_put(w, len);
      memcpy(w, B->strs + B->soff[t], len);
      w = varint_put(w + len, st[t].df);
      (void)varint_put(w, st[t].psize);
    }
    if (i < nt) {
      uint32_t h = lgi_index_slot(lgi_index_hash(B->strs + B->soff[i], term_len(B, i)), L->nslots);
      PREFETCH(&L->slots[h]);
      ahead[i % HEAD_AHEAD] = h;
    }
  }
  L->blob[total] = 0;
  L->nterms = nt;
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
  return rc;
}

static int build_locale(const lg_allocator *a, const lgi_index_doc *docs, const uint32_t *which,
                        uint32_t nd, lgi_ixloc *L) {
  builder B;
  uint32_t d;
  uint64_t text = 0;
  int rc = LG_ENOMEM;
  memset(&B, 0, sizeof B);
  B.a = a;
  L->locale = docs[which[0]].locale;
  L->ndocs = nd;
  L->docs = lgi_malloc(a, (size_t)nd * sizeof(const lg_entry *));
  L->knorm = lgi_malloc(a, (size_t)nd * sizeof *L->knorm);
  L->dflags = lgi_malloc(a, nd);
  for (d = 0; d < nd; d++)
    text += field_len(docs[which[d]].title, docs[which[d]].title_len) +
            field_len(docs[which[d]].body, docs[which[d]].body_len);
  B.hmask = first_table(text) - 1;
  B.slots = lgi_calloc(a, (size_t)B.hmask + 1, sizeof *B.slots);
  if (!L->docs || !L->knorm || !L->dflags || !B.slots ||
      grow(a, (void **)&B.soff, &B.socap, 1024, sizeof *B.soff))
    goto done;
  B.soff[0] = 0;
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
