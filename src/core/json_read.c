/*
 * json_read.c - the strict RFC 8259 reader.
 *
 * One pass, no recursion: containers being read sit on a fixed frame stack
 * of LGI_MAX_DEPTH entries, and their children collect on two growing
 * temporary stacks (array items, object members). When a container closes,
 * its children are copied into the arena in one piece, so every array and
 * object is contiguous and the tree costs one arena allocation per
 * container plus pooled string bytes.
 *
 * The JSON Pointer of an error is rebuilt from the frames only when an
 * error happens, so the success path never formats a path.
 */
#include <string.h>
/* LETGO_NO_SIMD builds the portable paths, so tests can run them here too. */
#if defined(__SSE2__) && defined(__GNUC__) && !defined(LETGO_NO_SIMD)
#define LGI_JSON_SSE2 1
#include <emmintrin.h>
#endif

#include "core.h"

/* Nodes stay at 32 bytes, members at 48, where pointers are 8 (core.h). */
typedef char lgi_node_size_check
    [sizeof(void *) != 8 || (sizeof(lgi_json) == 32 && sizeof(lgi_json_member) == 48) ? 1 : -1];

/* Strings are most of a pack: their reader is inlined into the driver's
 * two call sites, which saves a call and its spills per string. */
#if defined(__GNUC__)
#define STRING_INLINE __attribute__((always_inline)) inline
#else
#define STRING_INLINE
#endif

/* Bytes of decoded text handed out from one arena chunk. */
#define POOL_CHUNK ((size_t)64 << 10)
/* lgi_json_parse_items: the memory of dropped objects' lists and objects
 * is given back once it passes this. */
#define SCRATCH_KEEP ((size_t)32 << 10)
/* Objects up to this many members check duplicate keys pairwise. */
#define DUP_LINEAR_MAX 16

typedef struct frame {
  unsigned char type; /* LGI_JSON_ARRAY or LGI_JSON_OBJECT */
  size_t base;        /* first child on the items or mems stack */
  size_t slot;        /* own node on the parent's stack (unused at the root) */
} frame;

/* Split reads share short unescaped strings (tags, kinds, keys: the same
 * few words again and again) through a small table of recent ones. */
#define SHARE_MAX   16
#define SHARE_SLOTS 64

/* A string of up to 16 bytes is its length and two words (share_words). */
typedef struct shared {
  const char *s;
  uint64_t a, b;
  size_t n;
} shared;

/* Decoded strings are handed out from arena chunks, one after the other. */
typedef struct strpool {
  char *next;
  size_t left;
  int share; /* recent[] is in use (split reads only) */
  shared recent[SHARE_SLOTS];
} strpool;

typedef struct parser {
  const unsigned char *start, *end;
  const unsigned char *line_start;
  size_t line;
  lgi_arena *arena;   /* the tree and keys                        */
  lgi_arena *strings; /* string values (the same arena, or the caller's) */
  const lg_allocator *alloc;
  lgi_json *items;
  size_t nitems, citems;
  lgi_json_member *mems;
  size_t nmems, cmems;
  uint32_t *htab;
  size_t chtab;
  strpool keys;   /* decoded keys (and values unless split), from `arena` */
  strpool values; /* split: the share table of values in `strings`       */
  lgi_json root;
  int depth;
  int in_value;  /* the innermost container's last child is being read */
  unsigned seen; /* every flag set on a node or member so far           */
  lg_error *err;
  /* lgi_json_parse_items: the list's key, the callback, and while the
   * list is open (stream_on) how many objects went to fn. Containers inside
   * such an object go to `scratch`, which is never read after fn returns. */
  const char *stream_key;
  size_t stream_key_len;
  lgi_json_item_fn fn;
  void *fn_ctx;
  int stream_on;
  size_t streamed;
  lgi_arena scratch;
  frame frames[LGI_MAX_DEPTH];
} parser;

/* 1: a byte that may stand in a string as it is (printable ASCII). */
/* clang-format off */
static const unsigned char plain_tab[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
    R16(0), R16(0),
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: '"' */
    R16(1), R16(1),
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50: '\\' */
    R16(1), R16(1),
    R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0)
#undef R16
};
/* clang-format on */

/* ---- errors --------------------------------------------------------------- */

static void build_path(const parser *ps, lgi_path *path) {
  int i;
  lgi_path_init(path);
  for (i = 0; i < ps->depth; i++) {
    const frame *f = &ps->frames[i];
    size_t child;
    if (i + 1 < ps->depth) {
      child = ps->frames[i + 1].slot;
    } else if (ps->in_value) {
      child = f->type == LGI_JSON_ARRAY ? ps->nitems - 1 : ps->nmems - 1;
    } else {
      break;
    }
    if (f->type == LGI_JSON_ARRAY)
      lgi_path_push_index(path, child - f->base + (i == 1 && ps->stream_on ? ps->streamed : 0));
    else
      lgi_path_push_key(path, ps->mems[child].key, ps->mems[child].key_len);
  }
}

static int fail2(parser *ps, int status, const unsigned char *at, const char *m1, const char *m2) {
  lgi_path path;
  size_t column;
  if (!ps->err) return status;
  build_path(ps, &path);
  column = (size_t)(at - ps->line_start) + 1;
  return lgi_error_set(ps->err, status, (unsigned)ps->line, (unsigned)column,
                       (size_t)(at - ps->start), path.s, m1, m2, (const char *)NULL);
}

static int fail(parser *ps, int status, const unsigned char *at, const char *msg) {
  return fail2(ps, status, at, msg, (const char *)NULL);
}

static int fail_nomem(parser *ps, const unsigned char *at) {
  return fail(ps, LG_ENOMEM, at, "out of memory while reading JSON");
}

/* ---- memory ---------------------------------------------------------------- */

/*
 * n bytes of a decoded string that starts at q in the input, from pool's
 * chunks of `arena`. A chunk is at most what is left of the input: the
 * strings still to come cannot need more, so the last chunk keeps little
 * unused, and a string costs a pointer bump instead of a call.
 */
static char *pool_take(parser *ps, strpool *pool, lgi_arena *arena, const unsigned char *q,
                       size_t n) {
  char *r;
  if (n > pool->left) {
    size_t chunk = (size_t)(ps->end - q);
    if (chunk > POOL_CHUNK) chunk = POOL_CHUNK;
    if (n >= POOL_CHUNK / 4 || chunk < n) return lgi_arena_bytes(arena, n);
    pool->next = lgi_arena_bytes(arena, chunk);
    if (!pool->next) {
      pool->left = 0;
      return NULL;
    }
    pool->left = chunk;
  }
  r = pool->next;
  pool->next += n;
  pool->left -= n;
  return r;
}

static int grow(parser *ps, void **stack, size_t *cap, size_t elem) {
  size_t ncap = *cap ? *cap * 2 : 64;
  size_t old_bytes = *cap * elem, new_bytes;
  void *p;
  if (lgi_size_mul(ncap, elem, &new_bytes) != 0) return -1;
  p = lgi_realloc(ps->alloc, *stack, old_bytes, new_bytes);
  if (!p) return -1;
  *stack = p;
  *cap = ncap;
  return 0;
}

static lgi_json *push_item(parser *ps) {
  if (ps->nitems == ps->citems) {
    void *s = ps->items;
    if (grow(ps, &s, &ps->citems, sizeof(lgi_json)) != 0) return NULL;
    ps->items = s;
  }
  return &ps->items[ps->nitems++];
}

static lgi_json_member *push_member(parser *ps) {
  if (ps->nmems == ps->cmems) {
    void *s = ps->mems;
    if (grow(ps, &s, &ps->cmems, sizeof(lgi_json_member)) != 0) return NULL;
    ps->mems = s;
  }
  return &ps->mems[ps->nmems++];
}

/* The node of the value being read now. */
static lgi_json *current(parser *ps) {
  const frame *f;
  if (ps->depth == 0) return &ps->root;
  f = &ps->frames[ps->depth - 1];
  if (f->type == LGI_JSON_ARRAY) return &ps->items[ps->nitems - 1];
  return &ps->mems[ps->nmems - 1].value;
}

/* ---- strings ------------------------------------------------------------- */

#define ONES  ((uint64_t)0x0101010101010101u)
#define HIGHS ((uint64_t)0x8080808080808080u)

/* Nonzero when one of 8 bytes is '"', '\\', a control or a non-ASCII byte. */
static uint64_t special8(const unsigned char *p) {
  uint64_t x, q, b;
  memcpy(&x, p, 8);
  q = x ^ (ONES * '"');
  b = x ^ (ONES * '\\');
  return (((x - ONES * 0x20) & ~x) | ((q - ONES) & ~q) | ((b - ONES) & ~b) | x) & HIGHS;
}

#ifdef LGI_JSON_SSE2
/* The bytes of x that a string cannot take as they are: signed bytes below
 * 0x20 are the controls and every non-ASCII byte at once. */
static __m128i special16(__m128i x) {
  const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                      _mm_cmplt_epi8(x, space));
}

static __m128i load16(const unsigned char *p) {
  return _mm_loadu_si128((const __m128i *)(const void *)p);
}
#endif

/*
 * The first byte at or after p that a string cannot take as it is, or end.
 * On little-endian machines the lowest flagged byte of a word is exact (the
 * borrows of the test only run upwards), so it is found with one count of
 * trailing zeros instead of a byte loop.
 */
static const unsigned char *skip_plain(const unsigned char *p, const unsigned char *end) {
#ifdef LGI_JSON_SSE2
  /* SSE2 is part of every x86-64 (and of Android's x86 ABI); other
   * machines use the portable words below. */
  if (end - p >= 16) {
    const unsigned char *last = end - 16; /* the last place 16 bytes start */
    do {
      unsigned bits = (unsigned)_mm_movemask_epi8(special16(load16(p)));
      if (bits) return p + __builtin_ctz(bits);
      p += 16;
    } while (p <= last);
  }
#endif
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  while (end - p >= 8) {
    uint64_t m = special8(p);
    if (m) return p + ((unsigned)__builtin_ctzll(m) >> 3);
    p += 8;
  }
#else
  while (end - p >= 8 && !special8(p)) p += 8;
#endif
  while (p < end && plain_tab[*p]) p++;
  return p;
}

static int hexval(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = (unsigned char)(c | 0x20);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Four hex digits at p (p + 4 <= end checked by the caller); -1 if not. */
static long hex4(const unsigned char *p) {
  int a = hexval(p[0]), b = hexval(p[1]), c = hexval(p[2]), d = hexval(p[3]);
  if ((a | b | c | d) < 0) return -1;
  return (long)((a << 12) | (b << 8) | (c << 4) | d);
}

/* Checks the escape at p (a backslash); returns its length or 0 (error set). */
static size_t check_escape(parser *ps, const unsigned char *p, int *status) {
  long cp, lo;
  if (ps->end - p < 2) {
    *status = fail(ps, LG_ESYNTAX, p, "unterminated string");
    return 0;
  }
  switch (p[1]) {
  case '"':
  case '\\':
  case '/':
  case 'b':
  case 'f':
  case 'n':
  case 'r':
  case 't':
    return 2;
  case 'u':
    break;
  default:
    *status = fail(ps, LG_ESYNTAX, p, "invalid escape sequence in a string");
    return 0;
  }
  if (ps->end - p < 6 || (cp = hex4(p + 2)) < 0) {
    *status = fail(ps, LG_ESYNTAX, p, "a \\u escape needs four hex digits");
    return 0;
  }
  if (cp >= 0xDC00 && cp <= 0xDFFF) {
    *status = fail(ps, LG_ESYNTAX, p, "a low surrogate escape without a high one before it");
    return 0;
  }
  if (cp < 0xD800 || cp > 0xDBFF) return 6;
  if (ps->end - p < 12 || p[6] != '\\' || p[7] != 'u' || (lo = hex4(p + 8)) < 0 || lo < 0xDC00 ||
      lo > 0xDFFF) {
    *status = fail(ps, LG_ESYNTAX, p, "a high surrogate escape without a low one after it");
    return 0;
  }
  return 12;
}

/*
 * The length of the well-formed UTF-8 sequence at p (lead byte >= 0x80), or
 * 0. The same rules as lgi_utf8_decode (Unicode 15, table 3-7), inline and
 * without building the code point: strings are most of a pack's bytes.
 */
static size_t utf8_len(const unsigned char *p, const unsigned char *end) {
  size_t left = (size_t)(end - p);
  unsigned char c = p[0], lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (c == 0xE0) lo = 0xA0; /* overlong */
    if (c == 0xED) hi = 0x9F; /* surrogates */
    return left >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (c == 0xF0) lo = 0x90; /* overlong */
    if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
    return left >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80
               ? 4
               : 0;
  }
  return 0;
}

/*
 * Scans the string whose opening quote is at q: validates it and finds its
 * closing quote. Sets *close and *escaped; returns LG_OK or an error status.
 */
static int scan_string(parser *ps, const unsigned char *q, const unsigned char **close,
                       int *escaped) {
  const unsigned char *p = q + 1, *end = ps->end;
  int status = LG_OK;
  *escaped = 0;
  for (;;) {
    p = skip_plain(p, end);
    if (p >= end) return fail(ps, LG_ESYNTAX, q, "unterminated string");
    if (*p == '"') break;
    if (*p == '\\') {
      size_t n = check_escape(ps, p, &status);
      if (n == 0) return status;
      *escaped = 1;
      p += n;
    } else if (*p < 0x20) {
      return fail(ps, LG_ESYNTAX, p, "a control character in a string must be escaped");
    } else {
      /* Non-ASCII characters come in runs (CJK, Cyrillic, emoji): take the
       * whole run before going back to the block scan. */
      do {
        size_t n = utf8_len(p, end);
        if (n == 0) return fail(ps, LG_ESYNTAX, p, "invalid UTF-8 in a string");
        p += n;
      } while (p < end && *p >= 0x80);
    }
  }
  *close = p;
  return LG_OK;
}

/* scan_string, but keys, ids, kinds and tags end within 16 bytes: when
 * the first special byte of the 16 after the quote closes the string, that
 * one test is the whole scan. */
static int find_close(parser *ps, const unsigned char *q, const unsigned char **close,
                      int *escaped) {
#ifdef LGI_JSON_SSE2
  if (ps->end - q > 16) {
    unsigned bits = (unsigned)_mm_movemask_epi8(special16(load16(q + 1)));
    if (bits && q[1 + __builtin_ctz(bits)] == '"') {
      *close = q + 1 + __builtin_ctz(bits);
      *escaped = 0;
      return LG_OK;
    }
  }
#endif
  return scan_string(ps, q, close, escaped);
}

/* Decodes a validated string body [s, e) into dst; returns its length. */
static size_t decode(char *dst, const unsigned char *s, const unsigned char *e, unsigned *flags) {
  char *d = dst;
  while (s < e) {
    const unsigned char *bs = memchr(s, '\\', (size_t)(e - s));
    uint32_t cp;
    if (!bs) bs = e;
    memcpy(d, s, (size_t)(bs - s));
    d += bs - s;
    s = bs;
    if (s == e) break;
    switch (s[1]) {
    case 'b':
      *d++ = '\b';
      s += 2;
      continue;
    case 'f':
      *d++ = '\f';
      s += 2;
      continue;
    case 'n':
      *d++ = '\n';
      s += 2;
      continue;
    case 'r':
      *d++ = '\r';
      s += 2;
      continue;
    case 't':
      *d++ = '\t';
      s += 2;
      continue;
    case 'u':
      break;
    default:
      *d++ = (char)s[1];
      s += 2;
      continue;
    }
    cp = (uint32_t)hex4(s + 2);
    s += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)hex4(s + 2) - 0xDC00);
      s += 6;
    }
    if (cp == 0) *flags |= LGI_JSON_HAS_NUL;
    d += lgi_utf8_encode(cp, d);
  }
  return (size_t)(d - dst);
}

/* Two words that, with n, hold all n (<= SHARE_MAX) bytes at s, so equal
 * strings are equal words: overlapping words cover any length from 4 to 16,
 * and bytes 0, n/2 and n-1 any shorter one. Reads only those n bytes. */
static void share_words(const unsigned char *s, size_t n, uint64_t *a, uint64_t *b) {
  *a = *b = 0;
  if (n >= 8) {
    memcpy(a, s, 8);
    memcpy(b, s + n - 8, 8);
  } else if (n >= 4) {
    uint32_t x, y;
    memcpy(&x, s, 4);
    memcpy(&y, s + n - 4, 4);
    *a = x;
    *b = y;
  } else if (n > 0) {
    *a = (uint64_t)s[0] | (uint64_t)s[n / 2] << 8 | (uint64_t)s[n - 1] << 16;
  }
}

/* Reads the string at q (a key when is_key) into its arena; *next is past
 * its closing quote. */
static STRING_INLINE int read_string(parser *ps, int is_key, const unsigned char *q,
                                     const char **out, size_t *out_len, unsigned *flags,
                                     const unsigned char **next) {
  const unsigned char *close = q;
  int escaped, status = find_close(ps, q, &close, &escaped);
  size_t raw, n;
  char *s;
  strpool *pool = is_key || ps->strings == ps->arena ? &ps->keys : &ps->values;
  shared *slot = NULL;
  uint64_t a = 0, b = 0;
  if (status != LG_OK) return status;
  raw = (size_t)(close - q) - 1;
  if (raw > LGI_MAX_STRING && !escaped)
    return fail(ps, LG_ELIMIT, q, "a string is longer than the limit of 1 MiB");
  if (pool->share && !escaped && raw <= SHARE_MAX) {
    share_words(q + 1, raw, &a, &b);
    slot = &pool->recent[((a ^ (b * 0x9E3779B97F4A7C15u) ^ raw) * 0xFF51AFD7ED558CCDu) >> 58];
    if (slot->s && slot->n == raw && slot->a == a && slot->b == b) {
      *out = slot->s;
      *out_len = raw;
      *next = close + 1;
      return LG_OK;
    }
  }
  s = pool_take(ps, pool, pool == &ps->values ? ps->strings : ps->arena, q, raw + 1);
  if (!s) return fail_nomem(ps, q);
  if (slot) {
    slot->s = s;
    slot->a = a;
    slot->b = b;
    slot->n = raw;
  }
  if (escaped) {
    n = decode(s, q + 1, close, flags);
    if (n > LGI_MAX_STRING)
      return fail(ps, LG_ELIMIT, q, "a string is longer than the limit of 1 MiB");
  } else {
    memcpy(s, q + 1, raw);
    n = raw;
  }
  s[n] = '\0';
  *out = s;
  *out_len = n;
  *next = close + 1;
  return LG_OK;
}

/* ---- numbers and literals ------------------------------------------------ */

static int is_digit(const unsigned char *p, const unsigned char *end) {
  return p < end && *p >= '0' && *p <= '9';
}

static int read_number(parser *ps, const unsigned char *s, lgi_json *node,
                       const unsigned char **next) {
  const unsigned char *p = s, *end = ps->end, *digits;
  int integral = 1, rc;
  double v;
  if (*p == '-') p++;
  digits = p;
  if (!is_digit(p, end)) return fail(ps, LG_ESYNTAX, p, "a number needs a digit here");
  if (*p == '0') {
    p++;
    if (is_digit(p, end)) return fail(ps, LG_ESYNTAX, p, "a number must not have leading zeros");
  } else {
    while (is_digit(p, end)) p++;
  }
  if (p < end && *p == '.') {
    integral = 0;
    p++;
    if (!is_digit(p, end))
      return fail(ps, LG_ESYNTAX, p, "a number needs a digit after its decimal point");
    while (is_digit(p, end)) p++;
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    integral = 0;
    p++;
    if (p < end && (*p == '+' || *p == '-')) p++;
    if (!is_digit(p, end)) return fail(ps, LG_ESYNTAX, p, "a number needs a digit in its exponent");
    while (is_digit(p, end)) p++;
  }
  node->type = LGI_JSON_NUMBER;
  node->len = 0;
  *next = p;
  /* Up to 15 digits an integer is exact in a double: no rounding to do. */
  if (integral && p - digits <= 15) {
    int64_t n = 0;
    const unsigned char *d;
    for (d = digits; d < p; d++) n = n * 10 + (*d - '0');
    node->u.num = *s == '-' ? -(double)n : (double)n;
    return LG_OK;
  }
  rc = lgi_num_parse((const char *)s, (size_t)(p - s), &v);
  if (rc == LG_ERANGE) {
    node->flags |= LGI_JSON_OVERFLOW;
    ps->seen |= LGI_JSON_OVERFLOW;
  } else if (rc != LG_OK) {
    return fail(ps, LG_ESYNTAX, s, "invalid number");
  }
  node->u.num = v;
  return LG_OK;
}

static int read_literal(parser *ps, const unsigned char *p, lgi_json *node,
                        const unsigned char **next) {
  size_t left = (size_t)(ps->end - p);
  if (left >= 4 && memcmp(p, "true", 4) == 0) {
    node->type = LGI_JSON_TRUE;
    *next = p + 4;
  } else if (left >= 5 && memcmp(p, "false", 5) == 0) {
    node->type = LGI_JSON_FALSE;
    *next = p + 5;
  } else if (left >= 4 && memcmp(p, "null", 4) == 0) {
    node->type = LGI_JSON_NULL;
    *next = p + 4;
  } else {
    return fail(ps, LG_ESYNTAX, p,
                "expected a value (a string, number, object, array, true, false or null)");
  }
  node->len = 0;
  node->u.num = 0;
  return LG_OK;
}

/* ---- duplicate keys ------------------------------------------------------ */

static uint64_t key_hash(const char *k, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15u ^ n;
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, k, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDu;
    h ^= h >> 32;
    k += 8;
    n -= 8;
  }
  while (n > 0) {
    h = (h ^ (unsigned char)*k++) * 0x100000001B3u;
    n--;
  }
  h ^= h >> 29;
  h *= 0xC4CEB9FE1A85EC53u;
  return h ^ (h >> 32);
}

static int same_key(const lgi_json_member *a, const lgi_json_member *b) {
  /* Keys are NUL-terminated, so [0] is readable even when empty; most
   * different keys of one length differ there, without a call. */
  return a->key_len == b->key_len && a->key[0] == b->key[0] &&
         memcmp(a->key, b->key, a->key_len) == 0;
}

/* By length, then bytes. */
static int key_cmp(const lgi_json_member *a, const lgi_json_member *b) {
  if (a->key_len != b->key_len) return a->key_len < b->key_len ? -1 : 1;
  return memcmp(a->key, b->key, a->key_len);
}

/*
 * The fallback when hashing degrades (keys made to collide): a stable merge
 * sort of member indices, O(n log n) whatever the keys, after which equal
 * keys are neighbours in input order. idx and tmp hold n entries each.
 * Returns the flags it set (LGI_JSON_DUP_KEY or 0).
 */
static unsigned mark_by_sorting(lgi_json_member *m, size_t n, uint32_t *idx, uint32_t *tmp) {
  size_t width, i;
  unsigned set = 0;
  for (i = 0; i < n; i++) idx[i] = (uint32_t)i;
  for (width = 1; width < n; width *= 2) {
    uint32_t *t;
    for (i = 0; i < n; i += 2 * width) {
      size_t mid = i + width < n ? i + width : n;
      size_t hi = mid + width < n ? mid + width : n;
      size_t a = i, b = mid, k = i;
      while (a < mid && b < hi)
        tmp[k++] = key_cmp(&m[idx[b]], &m[idx[a]]) < 0 ? idx[b++] : idx[a++];
      while (a < mid) tmp[k++] = idx[a++];
      while (b < hi) tmp[k++] = idx[b++];
    }
    t = idx;
    idx = tmp;
    tmp = t;
  }
  for (i = 1; i < n; i++)
    if (same_key(&m[idx[i]], &m[idx[i - 1]])) {
      m[idx[i]].flags |= LGI_JSON_DUP_KEY;
      set = LGI_JSON_DUP_KEY;
    }
  return set;
}

/* Flags every member whose key repeats an earlier one; -1 when out of memory. */
static int mark_duplicates(parser *ps, lgi_json_member *m, size_t n) {
  size_t i, j, size = 64, mask, probes = 0, budget = 8 * n + 64;
  if (n <= DUP_LINEAR_MAX) {
    for (i = 1; i < n; i++)
      for (j = 0; j < i; j++)
        if (same_key(&m[i], &m[j])) {
          m[i].flags |= LGI_JSON_DUP_KEY;
          ps->seen |= LGI_JSON_DUP_KEY;
          break;
        }
    return 0;
  }
  while (size < n * 2) size *= 2;
  if (size > ps->chtab) {
    void *t = ps->htab;
    size_t old = ps->chtab * sizeof(uint32_t), bytes;
    if (n > UINT32_MAX - 1 || lgi_size_mul(size, sizeof(uint32_t), &bytes) != 0) return -1;
    t = lgi_realloc(ps->alloc, t, old, bytes);
    if (!t) return -1;
    ps->htab = t;
    ps->chtab = size;
  }
  memset(ps->htab, 0, size * sizeof(uint32_t));
  mask = size - 1;
  for (i = 0; i < n; i++) {
    size_t h = (size_t)key_hash(m[i].key, m[i].key_len) & mask;
    for (;;) {
      uint32_t e = ps->htab[h];
      if (e == 0) {
        ps->htab[h] = (uint32_t)(i + 1);
        break;
      }
      if (same_key(&m[i], &m[e - 1])) {
        m[i].flags |= LGI_JSON_DUP_KEY;
        ps->seen |= LGI_JSON_DUP_KEY;
        break;
      }
      /* Honest keys probe about 1.5 times each; far more means collisions
       * made on purpose, which must not make a big object quadratic. */
      if (++probes > budget) {
        ps->seen |= mark_by_sorting(m, n, ps->htab, ps->htab + n);
        return 0;
      }
      h = (h + 1) & mask;
    }
  }
  return 0;
}

/* ---- containers ----------------------------------------------------------- */

static int open_container(parser *ps, unsigned char type, const unsigned char *at) {
  frame *f;
  if (ps->depth == LGI_MAX_DEPTH)
    return fail(ps, LG_ELIMIT, at, "nesting is deeper than the limit of 64 levels");
  f = &ps->frames[ps->depth];
  f->type = type;
  if (type == LGI_JSON_ARRAY) {
    f->base = ps->nitems;
  } else {
    f->base = ps->nmems;
  }
  if (ps->depth > 0) {
    const frame *parent = &ps->frames[ps->depth - 1];
    f->slot = parent->type == LGI_JSON_ARRAY ? ps->nitems - 1 : ps->nmems - 1;
  } else {
    f->slot = 0;
  }
  if (ps->depth == 1 && type == LGI_JSON_ARRAY && ps->fn && ps->frames[0].type == LGI_JSON_OBJECT &&
      ps->mems[f->slot].key_len == ps->stream_key_len &&
      memcmp(ps->mems[f->slot].key, ps->stream_key, ps->stream_key_len) == 0) {
    ps->stream_on = 1;
    ps->streamed = 0;
  }
  ps->depth++;
  ps->in_value = 0;
  return LG_OK;
}

/* Hands a finished object of the streamed list to fn, then forgets it. */
static int stream_object(parser *ps, const frame *f, size_t n, const unsigned char *at) {
  lgi_json *node = &ps->items[ps->nitems - 1];
  size_t index = ps->streamed + (ps->nitems - 1 - ps->frames[1].base);
  int rc;
  if (n > 0 && mark_duplicates(ps, &ps->mems[f->base], n) != 0) return fail_nomem(ps, at);
  node->len = (uint32_t)n;
  node->u.members = n > 0 ? &ps->mems[f->base] : NULL;
  rc = ps->fn(ps->fn_ctx, node, index);
  ps->nmems = f->base;
  ps->nitems--;
  ps->depth--;
  ps->streamed++;
  /* Emptied only now and then: a malloc and free per object would cost
   * more than the few lists an object holds. */
  if (ps->scratch.bytes > SCRATCH_KEEP) lgi_arena_free(&ps->scratch);
  return rc;
}

/* Moves the innermost container's children into the arena. */
static int close_container(parser *ps, const unsigned char *at) {
  frame *f = &ps->frames[ps->depth - 1];
  lgi_json *node;
  size_t n;
  void *dst = NULL;
  lgi_arena *arena = ps->arena;
  n = (f->type == LGI_JSON_ARRAY ? ps->nitems : ps->nmems) - f->base;
  if (n > UINT32_MAX) /* lengths are 32-bit (the nodes alone would need 128 GiB) */
    return fail(ps, LG_ELIMIT, at, "a list or object has more than 4294967295 elements");
  if (ps->stream_on && ps->depth >= 3 && ps->frames[2].type == LGI_JSON_OBJECT) {
    if (ps->depth == 3) return stream_object(ps, f, n, at);
    arena = &ps->scratch; /* inside an object fn is about to see */
  }
  if (ps->depth == 2 && ps->stream_on) ps->stream_on = 0; /* the list itself closes */
  if (f->type == LGI_JSON_ARRAY) {
    if (n > 0) {
      dst = lgi_arena_alloc(arena, n * sizeof(lgi_json));
      if (!dst) return fail_nomem(ps, at);
      memcpy(dst, &ps->items[f->base], n * sizeof(lgi_json));
    }
    ps->nitems = f->base;
  } else {
    if (n > 0) {
      if (mark_duplicates(ps, &ps->mems[f->base], n) != 0) return fail_nomem(ps, at);
      dst = lgi_arena_alloc(arena, n * sizeof(lgi_json_member));
      if (!dst) return fail_nomem(ps, at);
      memcpy(dst, &ps->mems[f->base], n * sizeof(lgi_json_member));
    }
    ps->nmems = f->base;
  }
  ps->depth--;
  node = current(ps);
  node->len = (uint32_t)n;
  if (f->type == LGI_JSON_ARRAY)
    node->u.items = dst;
  else
    node->u.members = dst;
  return LG_OK;
}

/* ---- the driver ------------------------------------------------------------ */

static const unsigned char *skip_ws(parser *ps, const unsigned char *p) {
  const unsigned char *end = ps->end;
  while (p < end) {
    unsigned char c = *p;
    if (c > ' ') break; /* the usual case: a token follows at once */
    if (c == ' ' || c == '\t' || c == '\r') {
      p++;
    } else if (c == '\n') {
      p++;
      ps->line++;
      ps->line_start = p;
    } else {
      break;
    }
  }
  return p;
}

static void begin_node(parser *ps, lgi_json *node, const unsigned char *p) {
  node->flags = 0;
  node->line = (uint32_t)ps->line;
  node->column = (uint32_t)(p - ps->line_start) + 1;
  node->offset = (size_t)(p - ps->start);
}

static int run(parser *ps) {
  const unsigned char *p = ps->start, *end = ps->end;
  int rc;

  if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    return fail(ps, LG_ESYNTAX, p, "a byte order mark is not allowed before JSON text");

value:
  p = skip_ws(ps, p);
  if (p >= end) return fail(ps, LG_ESYNTAX, p, "unexpected end of input; expected a value");
  {
    lgi_json *node = current(ps);
    unsigned char c = *p;
    begin_node(ps, node, p);
    if (c == '"') {
      unsigned flags = 0;
      size_t n = 0;
      rc = read_string(ps, 0, p, &node->u.str, &n, &flags, &p);
      if (rc != LG_OK) return rc;
      node->len = (uint32_t)n; /* at most LGI_MAX_STRING */
      node->flags = (unsigned char)flags;
      ps->seen |= flags;
      node->type = LGI_JSON_STRING;
      goto value_done;
    }
    if (c == '[' || c == '{') {
      node->type = c == '[' ? LGI_JSON_ARRAY : LGI_JSON_OBJECT;
      node->len = 0;
      node->u.items = NULL;
      rc = open_container(ps, node->type, p);
      if (rc != LG_OK) return rc;
      p = skip_ws(ps, p + 1);
      if (c == '[') {
        if (p < end && *p == ']') {
          p++;
          rc = close_container(ps, p - 1);
          if (rc != LG_OK) return rc;
          goto value_done;
        }
        if (!push_item(ps)) return fail_nomem(ps, p);
        ps->in_value = 1;
        goto value;
      }
      if (p < end && *p == '}') {
        p++;
        rc = close_container(ps, p - 1);
        if (rc != LG_OK) return rc;
        goto value_done;
      }
      goto key;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      rc = read_number(ps, p, node, &p);
    } else {
      rc = read_literal(ps, p, node, &p);
    }
    if (rc != LG_OK) return rc;
  }

value_done:
  ps->in_value = 0;
  if (ps->depth == 0) {
    p = skip_ws(ps, p);
    if (p < end) return fail(ps, LG_ESYNTAX, p, "unexpected text after the JSON value");
    return LG_OK;
  }
  p = skip_ws(ps, p);
  if (ps->frames[ps->depth - 1].type == LGI_JSON_ARRAY) {
    if (p < end && *p == ',') {
      p++;
      if (!push_item(ps)) return fail_nomem(ps, p);
      ps->in_value = 1;
      goto value;
    }
    if (p < end && *p == ']') {
      rc = close_container(ps, p);
      if (rc != LG_OK) return rc;
      p++;
      goto value_done;
    }
    return fail(ps, LG_ESYNTAX, p, "expected ',' or ']' after an array item");
  }
  if (p < end && *p == ',') {
    p = skip_ws(ps, p + 1);
    goto key;
  }
  if (p < end && *p == '}') {
    rc = close_container(ps, p);
    if (rc != LG_OK) return rc;
    p++;
    goto value_done;
  }
  return fail(ps, LG_ESYNTAX, p, "expected ',' or '}' after an object member");

key:
  if (p >= end || *p != '"') return fail(ps, LG_ESYNTAX, p, "expected a string as an object key");
  {
    const char *key = NULL;
    size_t key_len = 0;
    unsigned flags = 0;
    lgi_json_member *m;
    rc = read_string(ps, 1, p, &key, &key_len, &flags, &p);
    if (rc != LG_OK) return rc;
    m = push_member(ps);
    if (!m) return fail_nomem(ps, p);
    m->key = key;
    m->key_len = (uint32_t)key_len; /* at most LGI_MAX_STRING */
    m->flags = flags;
    ps->seen |= flags;
    ps->in_value = 1;
    p = skip_ws(ps, p);
    if (p >= end || *p != ':') return fail(ps, LG_ESYNTAX, p, "expected ':' after an object key");
    p++;
    goto value;
  }
}

int lgi_json_parse(lgi_arena *arena, const char *text, size_t len, const lgi_json **root,
                   lg_error *err) {
  return lgi_json_parse_split(arena, arena, text, len, root, NULL, err);
}

int lgi_json_parse_split(lgi_arena *arena, lgi_arena *strings, const char *text, size_t len,
                         const lgi_json **root, unsigned *seen, lg_error *err) {
  return lgi_json_parse_items(arena, strings, text, len, NULL, NULL, NULL, root, seen, err);
}

int lgi_json_parse_items(lgi_arena *arena, lgi_arena *strings, const char *text, size_t len,
                         const char *key, lgi_json_item_fn fn, void *ctx, const lgi_json **root,
                         unsigned *seen, lg_error *err) {
  parser ps;
  int rc;
  if (!arena || !strings || !root || (!text && len > 0))
    return lgi_error_set(err, LG_EINVAL, 0, 0, 0, "",
                         "lgi_json_parse needs an arena, text and a root", (const char *)NULL);
  memset(&ps, 0, sizeof ps);
  ps.start = (const unsigned char *)(text ? text : "");
  ps.end = ps.start + len;
  ps.line_start = ps.start;
  ps.line = 1;
  ps.arena = arena;
  ps.strings = strings;
  /* Only split reads share strings: a caller's single arena (saved states)
   * gets exactly one copy of each string, as it always has. */
  ps.keys.share = ps.values.share = strings != arena;
  ps.alloc = arena->alloc;
  ps.err = err;
  if (fn && key) {
    ps.fn = fn;
    ps.fn_ctx = ctx;
    ps.stream_key = key;
    ps.stream_key_len = strlen(key);
  }
  lgi_arena_init(&ps.scratch, ps.alloc);
  rc = run(&ps);
  lgi_arena_free(&ps.scratch);
  if (seen) *seen = ps.seen;
  if (rc == LG_OK) {
    lgi_json *top = lgi_arena_alloc(arena, sizeof *top);
    if (top) {
      *top = ps.root;
      *root = top;
    } else {
      rc = fail_nomem(&ps, ps.end);
    }
  }
  lgi_free(ps.alloc, ps.items, ps.citems * sizeof(lgi_json));
  lgi_free(ps.alloc, ps.mems, ps.cmems * sizeof(lgi_json_member));
  lgi_free(ps.alloc, ps.htab, ps.chtab * sizeof(uint32_t));
  return rc;
}

const lgi_json *lgi_json_get(const lgi_json *obj, const char *key) {
  size_t i, n;
  if (!obj || !key || obj->type != LGI_JSON_OBJECT) return NULL;
  n = strlen(key);
  for (i = 0; i < obj->len; i++) {
    const lgi_json_member *m = &obj->u.members[i];
    if (m->key_len == n && memcmp(m->key, key, n) == 0) return &m->value;
  }
  return NULL;
}
