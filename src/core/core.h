/*
 * core.h - libletgo's internal foundation, shared by every module.
 *
 * Allocation, the arena, output sinks, UTF-8, locale-independent numbers,
 * civil dates, JSON Pointers, error records, the secure wipe and the JSON
 * reader and writer. Nothing here is exported from the shared library; the
 * lgi_ prefix keeps the names clear of apps that link the static library.
 */
#ifndef LETGO_SRC_CORE_H
#define LETGO_SRC_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "letgo/letgo.h"

/* ---- limits (DESIGN.md) ---------------------------------------------- */

#define LGI_MAX_DEPTH  64                  /* JSON nesting           */
#define LGI_MAX_STRING ((size_t)1 << 20)   /* one string: 1 MiB      */
#define LGI_MAX_PACK   ((size_t)256 << 20) /* one pack: 256 MiB      */
#define LGI_MAX_ITEMS  500                 /* items per instrument   */

/* ---- allocation (alloc.c) --------------------------------------------- */

/* Copies `src` into `dst`, or the libc allocator when src is NULL.
 * Returns LG_EINVAL when src has a NULL function. */
int lgi_alloc_init(lg_allocator *dst, const lg_allocator *src);

/* All return NULL on failure (or when n is 0 for lgi_malloc). */
void *lgi_malloc(const lg_allocator *a, size_t n);
void *lgi_calloc(const lg_allocator *a, size_t count, size_t size); /* overflow-checked */
void *lgi_realloc(const lg_allocator *a, void *p, size_t old_n, size_t new_n);
void lgi_free(const lg_allocator *a, void *p, size_t n); /* p NULL is fine */
/* Wipes n bytes with lgi_wipe, then frees them. */
void lgi_free_wiped(const lg_allocator *a, void *p, size_t n);
char *lgi_strndup(const lg_allocator *a, const char *s, size_t n); /* n+1 bytes */
/*
 * Makes `out` an allocator that forwards to `inner` but wipes every block
 * before it goes back, growth included (a resize moves to a new block).
 * Parse saved states through it: the JSON reader's arena and scratch then
 * leave no copy of answers, moods or scores in freed memory. `inner` must
 * outlive `out`.
 */
void lgi_alloc_wiping(lg_allocator *out, lg_allocator *inner);
/* Returns 0 and sets *out = a*b, or -1 on overflow. */
int lgi_size_mul(size_t a, size_t b, size_t *out);
int lgi_size_add(size_t a, size_t b, size_t *out);

/* ---- the arena (arena.c): read-only data, freed all at once ------------- */

typedef struct lgi_arena_block lgi_arena_block;
typedef struct lgi_arena {
  const lg_allocator *alloc;
  lgi_arena_block *head;
  size_t bytes; /* total bytes obtained from the allocator */
} lgi_arena;

void lgi_arena_init(lgi_arena *a, const lg_allocator *alloc);
/* Aligned for any type; NULL on failure. n == 0 returns a valid pointer. */
void *lgi_arena_alloc(lgi_arena *a, size_t n);
/* n bytes with no alignment (text): packed one after the other, so many
 * short strings waste nothing on padding. NULL on failure. */
char *lgi_arena_bytes(lgi_arena *a, size_t n);
/* Copies n bytes and adds a NUL. */
char *lgi_arena_strndup(lgi_arena *a, const char *s, size_t n);
void lgi_arena_free(lgi_arena *a);       /* releases everything; a is reusable */
void lgi_arena_free_wiped(lgi_arena *a); /* wipes every block first */

/* ---- output sinks (out.c): the one implementation of (buf, cap, len) --- */

/*
 * A sink either writes into a caller's fixed buffer, counting the full
 * length past its end (the public output convention), or grows a buffer of
 * its own through an allocator.
 */
typedef struct lgi_out {
  char *buf;
  size_t cap;
  size_t len;                /* bytes written or counted so far          */
  const lg_allocator *alloc; /* non-NULL: a growing sink that owns buf   */
  int failed;                /* a growing sink could not grow: LG_ENOMEM */
} lgi_out;

void lgi_out_fixed(lgi_out *o, char *buf, size_t cap); /* buf may be NULL when cap is 0 */
void lgi_out_growing(lgi_out *o, const lg_allocator *alloc);
void lgi_out_put(lgi_out *o, const void *data, size_t n);
void lgi_out_puts(lgi_out *o, const char *s);
void lgi_out_putc(lgi_out *o, char c);
void lgi_out_int(lgi_out *o, int64_t v);
void lgi_out_num(lgi_out *o, double v); /* lgi_num_format */
/* Fixed sink: NUL-terminates (a prefix when it did not fit), sets *len to
 * the full length, returns LG_OK or LG_ETRUNC. Growing sink: NUL-terminates,
 * sets *len, returns LG_OK or LG_ENOMEM. */
int lgi_out_finish(lgi_out *o, size_t *len);
/* Frees a growing sink's buffer, wiping it first. */
void lgi_out_release(lgi_out *o);

/* ---- the secure wipe (wipe.c) ----------------------------------------- */

/* Overwrites n bytes with zeros in a way the optimiser cannot remove. */
void lgi_wipe(void *p, size_t n);

/* ---- UTF-8 (utf8.c) ---------------------------------------------------- */

/* Decodes one scalar value. Returns the bytes it took (1-4) and sets *cp,
 * or 0 for an invalid or truncated sequence (overlong, surrogate, > U+10FFFF). */
size_t lgi_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes a scalar value; returns 1-4 bytes, or 0 when cp is not one. */
size_t lgi_utf8_encode(uint32_t cp, char out[4]);
/* 1 when all n bytes are well-formed UTF-8. */
int lgi_utf8_valid(const char *s, size_t n);

/* ---- ASCII and text helpers (text.c): never locale-dependent ----------- */

int lgi_ascii_lower(int c);
/* Case-insensitive (ASCII) comparison of NUL-terminated strings. */
int lgi_ascii_casecmp(const char *a, const char *b);
/* 1 for [a-z0-9][a-z0-9._-]{0,63}. */
int lgi_is_id(const char *s, size_t n);

/* ---- numbers (num.c): locale-independent, deterministic everywhere ----- */

/* Parses exactly one JSON number (RFC 8259 grammar) of n bytes, correctly
 * rounded. LG_OK; LG_ESYNTAX when not a JSON number; LG_ERANGE when it
 * overflows (then *out is +-HUGE_VAL). Underflow gives +-0 and LG_OK. */
int lgi_num_parse(const char *s, size_t n, double *out);
/* Shortest text that parses back to v (at most 17 significant digits), as
 * JSON: "12", "0.5", "1e+300", "1.5e-07", "-0". The digits are those of the
 * first precision 1..17 whose correctly rounded value reads back as v.
 * Fixed notation from 1e-6 up to below 1e21 (as JavaScript), so integers up
 * to 2^53 print exactly ("9007199254740992"); exponent form otherwise, with
 * a sign and at least two digits. v should be finite: infinities and NaN
 * write "null". Returns the length; out needs LGI_NUM_MAX bytes
 * (NUL-terminated). */
#define LGI_NUM_MAX 32
size_t lgi_num_format(double v, char out[LGI_NUM_MAX]);
/* v as printf's "%.<sig>g" writes it in the C locale (sig clamped to 1-17):
 * exactly rounded half-even, trailing zeros dropped, exponent form when the
 * exponent is < -4 or >= sig; "inf", "-inf", "nan" for non-finite v. */
size_t lgi_num_format_sig(double v, int sig, char out[LGI_NUM_MAX]);
/* Rounds to `decimals` (0-6; clamped to 0-17) places, half away from zero,
 * on the number as printed: the shortest decimal that reads back as v (what
 * lgi_num_format writes) is rounded and the result read back exactly. So
 * lgi_num_round(2.675, 2) == 2.68 although the double 2.675 is really
 * 2.67499999999999982236431605997495353221893310546875. A zero result is
 * +0; non-finite v is returned as is. */
double lgi_num_round(double v, int decimals);

/* ---- civil dates (date.c): proleptic Gregorian, years 1900-2399 -------- */

int lgi_date_valid(int y, int m, int d);          /* 1 or 0 */
int32_t lgi_days_from_civil(int y, int m, int d); /* days since 1970-01-01 */
void lgi_civil_from_days(int32_t days, int *y, int *m, int *d);
int lgi_weekday(int32_t days); /* ISO: 1 = Monday .. 7 = Sunday */
/* Moves a valid date by delta days: LG_OK, LG_EINVAL (not a valid date) or
 * LG_ERANGE (the result leaves 1900-2399; the date is then unchanged). */
int lgi_date_add_days(int *y, int *m, int *d, int32_t delta);
/* Parses exactly "YYYY-MM-DD" (n bytes) into a valid date: LG_OK or LG_ERANGE
 * (well-formed but impossible) or LG_ESYNTAX. */
int lgi_date_parse(const char *s, size_t n, int *y, int *m, int *d);
/* Writes "YYYY-MM-DD" and a NUL; returns 10. */
size_t lgi_date_format(int y, int m, int d, char out[11]);

/* ---- JSON Pointers and error records (error.c) ------------------------- */

typedef struct lgi_path {
  char s[128];
  size_t len; /* may stop growing at the end of s: a long path is cut */
} lgi_path;

void lgi_path_init(lgi_path *p);
/* Both return the old length, for lgi_path_pop. Keys are escaped (~0, ~1). */
size_t lgi_path_push_key(lgi_path *p, const char *key, size_t n);
size_t lgi_path_push_index(lgi_path *p, size_t i);
void lgi_path_pop(lgi_path *p, size_t old_len);

/*
 * Fills `err` (when not NULL): status, line/column/offset (0 when all are
 * 0), path, and the message "<path>: <part><part>..." from the NULL-ended
 * list of parts (the "<path>: " prefix is left out when path is empty).
 * Text is cut at the field's size on a UTF-8 boundary. Returns status.
 */
int lgi_error_set(lg_error *err, int status, unsigned line, unsigned column, size_t offset,
                  const char *path, ...);

/* ---- the JSON reader (json_read.c) -------------------------------------- */

enum {
  LGI_JSON_NULL,
  LGI_JSON_FALSE,
  LGI_JSON_TRUE,
  LGI_JSON_NUMBER,
  LGI_JSON_STRING,
  LGI_JSON_ARRAY,
  LGI_JSON_OBJECT
};

/* Node flags. */
#define LGI_JSON_HAS_NUL  1u /* a string (or key) holds \u0000               */
#define LGI_JSON_DUP_KEY  2u /* on a member: its key repeats an earlier one  */
#define LGI_JSON_OVERFLOW 4u /* a number too large for a double (+-inf kept) */

typedef struct lgi_json lgi_json;
typedef struct lgi_json_member lgi_json_member;

/* 32 bytes (a member 48) on 64-bit machines: a tree is mostly nodes. */
struct lgi_json {
  unsigned char type;
  unsigned char flags;
  uint32_t line;   /* 1-based, where the value starts */
  uint32_t column; /* 1-based, in bytes                */
  uint32_t len;    /* string: bytes (NUL added after; at most LGI_MAX_STRING);
                    * array/object: count (more is LG_ELIMIT)            */
  size_t offset;   /* byte offset where the value starts */
  union {
    double num;
    const char *str;          /* decoded UTF-8, NUL-terminated */
    lgi_json *items;          /* array: `len` values, contiguous */
    lgi_json_member *members; /* object: `len` members, in input order */
  } u;
};

struct lgi_json_member {
  const char *key; /* decoded, NUL-terminated */
  uint32_t key_len;
  unsigned flags; /* LGI_JSON_DUP_KEY, LGI_JSON_HAS_NUL (in the key) */
  lgi_json value;
};

/*
 * Parses one JSON text of `len` bytes (no NUL needed, and a NUL byte does
 * not end it: U+0000 is data inside strings when escaped as \u0000, and a
 * raw NUL byte is an error like any control character) into a tree
 * allocated in `arena`. docs/json.md has the whole contract.
 * Strict RFC 8259: whitespace around the value only, UTF-8 validated,
 * escapes and surrogate pairs checked, numbers per the grammar. Duplicate
 * keys and \u0000 are flagged, not rejected: the caller decides. Depth above
 * LGI_MAX_DEPTH is LG_ELIMIT; a string over LGI_MAX_STRING is LG_ELIMIT.
 * A leading UTF-8 BOM is rejected (RFC 8259 8.1 lets a parser ignore it;
 * packs are plain UTF-8).
 *
 * On failure: LG_ESYNTAX, LG_ELIMIT or LG_ENOMEM with `err` filled (line,
 * column, offset and the JSON Pointer of the node being read). What was
 * allocated stays in the arena, which the caller frees.
 */
int lgi_json_parse(lgi_arena *arena, const char *text, size_t len, const lgi_json **root,
                   lg_error *err);

/*
 * lgi_json_parse, but string values (not keys) are decoded into `strings`
 * while the tree and the keys go to `arena`. A caller that keeps the strings
 * and drops the tree passes its long-lived arena as `strings` and frees
 * `arena` after reading: the strings are then never copied twice, and the
 * keys (repeated in every object) are not kept. `strings` may be `arena`.
 * When they differ, short unescaped strings that repeat (tags, kinds, keys)
 * may share one copy: treat every string as read-only.
 * `seen` (may be NULL) receives every LGI_JSON_* flag that some node or
 * member of the tree carries (0: no duplicate key, no \u0000, no overflow
 * anywhere), so a caller need not walk the tree to look for them. On
 * failure both arenas may hold allocations; the caller frees them.
 */
int lgi_json_parse_split(lgi_arena *arena, lgi_arena *strings, const char *text, size_t len,
                         const lgi_json **root, unsigned *seen, lg_error *err);

/*
 * lgi_json_parse_split that hands each object in the array that is the
 * root object's member `key` to `fn` as soon as the object is read, and
 * then drops it from the tree: the object and everything in it are valid
 * only during the call (its string values excepted: they are in
 * `strings`), and its memory is used again for the next one, so a long
 * list never makes a big tree. The list keeps only its other elements (0
 * when all are objects). `index` is the object's place in the list. The
 * object's members are flagged (LGI_JSON_DUP_KEY, ...) as usual. fn returns
 * LG_OK to go on; anything else stops the read, which returns that value
 * as it is (fn fills `err` if it should say why).
 */
typedef int (*lgi_json_item_fn)(void *ctx, const lgi_json *item, size_t index);
int lgi_json_parse_items(lgi_arena *arena, lgi_arena *strings, const char *text, size_t len,
                         const char *key, lgi_json_item_fn fn, void *ctx, const lgi_json **root,
                         unsigned *seen, lg_error *err);

/* Object member lookup by key (first match); NULL when absent or not an object. */
const lgi_json *lgi_json_get(const lgi_json *obj, const char *key);

/* ---- the JSON writer (json_write.c) ------------------------------------ */

/* Writes s (n bytes) as a JSON string: quoted, with ", \ and every control
 * character escaped; invalid UTF-8 becomes U+FFFD so the output is always
 * valid UTF-8. */
void lgi_json_write_string(lgi_out *o, const char *s, size_t n);

/* A structured writer: commas, nesting and (optionally) indentation. */
typedef struct lgi_jw {
  lgi_out *out;
  int pretty; /* 1: two-space indentation and newlines */
  int depth;
  unsigned char has_item[LGI_MAX_DEPTH + 1];
  int after_key;
} lgi_jw;

void lgi_jw_init(lgi_jw *w, lgi_out *out, int pretty);
void lgi_jw_object_begin(lgi_jw *w);
void lgi_jw_object_end(lgi_jw *w);
void lgi_jw_array_begin(lgi_jw *w);
void lgi_jw_array_end(lgi_jw *w);
void lgi_jw_key(lgi_jw *w, const char *key);
void lgi_jw_string(lgi_jw *w, const char *s); /* NULL writes null */
void lgi_jw_stringn(lgi_jw *w, const char *s, size_t n);
void lgi_jw_number(lgi_jw *w, double v); /* non-finite writes null */
void lgi_jw_int(lgi_jw *w, int64_t v);
void lgi_jw_bool(lgi_jw *w, int v);
void lgi_jw_null(lgi_jw *w);

#endif /* LETGO_SRC_CORE_H */
