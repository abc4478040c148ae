/*
 * json_write.c - the JSON writer every exporter uses.
 *
 * Strings come out as valid UTF-8 whatever goes in, with every control
 * character escaped (C0, DEL and C1: JSON needs only C0, but the others are
 * invisible in an editor and unsafe in a terminal) and U+2028/U+2029 escaped
 * too (they end lines in JavaScript), so the output can be embedded in a
 * script as it is. Invalid UTF-8 becomes U+FFFD, one for each maximal
 * subpart of an ill-formed sequence (Unicode 15, 3.9), as browsers and
 * Python decode it. What this file writes, json_read.c reads back to the
 * same bytes.
 */
#include <math.h>
#include <string.h>

#include "core.h"

static const char hex_digits[] = "0123456789abcdef";

/* 1: a byte copied as it is (printable ASCII other than '"' and '\\'). */
static int plain(unsigned char c) {
  return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

/* The bytes of the longest start of a well-formed sequence at p (at least
 * one): what one U+FFFD replaces. */
static size_t ill_formed_len(const unsigned char *p, const unsigned char *end) {
  unsigned char lo = 0x80, hi = 0xBF, c = p[0];
  size_t want, k;
  if (c >= 0xC2 && c <= 0xDF)
    want = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    want = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    want = 4;
  else
    return 1;
  if (c == 0xE0) lo = 0xA0; /* overlong */
  if (c == 0xED) hi = 0x9F; /* surrogates */
  if (c == 0xF0) lo = 0x90; /* overlong */
  if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
  for (k = 1; k < want && p + k < end; k++) {
    if (p[k] < lo || p[k] > hi) break;
    lo = 0x80;
    hi = 0xBF;
  }
  return k;
}

static void put_escape(lgi_out *o, unsigned char c) {
  char u[6] = {'\\', 'u', '0', '0', 0, 0};
  switch (c) {
  case '"':
    lgi_out_put(o, "\\\"", 2);
    return;
  case '\\':
    lgi_out_put(o, "\\\\", 2);
    return;
  case '\b':
    lgi_out_put(o, "\\b", 2);
    return;
  case '\f':
    lgi_out_put(o, "\\f", 2);
    return;
  case '\n':
    lgi_out_put(o, "\\n", 2);
    return;
  case '\r':
    lgi_out_put(o, "\\r", 2);
    return;
  case '\t':
    lgi_out_put(o, "\\t", 2);
    return;
  default:
    break;
  }
  u[4] = hex_digits[c >> 4];
  u[5] = hex_digits[c & 15];
  lgi_out_put(o, u, 6);
}

/* A code point outside ASCII that is written as an escape (C1, U+2028/9). */
static void put_escape_cp(lgi_out *o, uint32_t cp) {
  char u[6] = {'\\', 'u', 0, 0, 0, 0};
  u[2] = hex_digits[(cp >> 12) & 15];
  u[3] = hex_digits[(cp >> 8) & 15];
  u[4] = hex_digits[(cp >> 4) & 15];
  u[5] = hex_digits[cp & 15];
  lgi_out_put(o, u, 6);
}

void lgi_json_write_string(lgi_out *o, const char *s, size_t n) {
  const unsigned char *p, *end, *run;
  if (!o) return;
  if (!s) n = 0; /* writes "" */
  p = (const unsigned char *)(s ? s : "");
  end = p + n;
  lgi_out_putc(o, '"');
  run = p;
  while (p < end) {
    uint32_t cp;
    size_t k;
    if (plain(*p)) {
      p++;
      continue;
    }
    if (*p < 0x80) {
      lgi_out_put(o, run, (size_t)(p - run));
      put_escape(o, *p);
      run = ++p;
      continue;
    }
    k = lgi_utf8_decode((const char *)p, (size_t)(end - p), &cp);
    if (k != 0 && cp > 0x9F && cp != 0x2028 && cp != 0x2029) {
      p += k;
      continue;
    }
    lgi_out_put(o, run, (size_t)(p - run));
    if (k == 0) {
      lgi_out_put(o, "\xEF\xBF\xBD", 3);
      p += ill_formed_len(p, end);
    } else {
      put_escape_cp(o, cp);
      p += k;
    }
    run = p;
  }
  lgi_out_put(o, run, (size_t)(p - run));
  lgi_out_putc(o, '"');
}

/* ---- the structured writer ------------------------------------------------ */

void lgi_jw_init(lgi_jw *w, lgi_out *out, int pretty) {
  if (!w) return;
  memset(w, 0, sizeof *w);
  w->out = out;
  w->pretty = pretty != 0;
}

static void newline(lgi_jw *w, int depth) {
  int i;
  lgi_out_putc(w->out, '\n');
  for (i = 0; i < depth; i++) lgi_out_put(w->out, "  ", 2);
}

/* Separates a value from the one before it; 0 when nothing may be written. */
static int before_value(lgi_jw *w) {
  if (!w || !w->out) return 0;
  if (w->after_key) {
    w->after_key = 0;
    return 1;
  }
  if (w->depth > 0 && w->depth <= LGI_MAX_DEPTH) {
    if (w->has_item[w->depth]) lgi_out_putc(w->out, ',');
    w->has_item[w->depth] = 1;
    if (w->pretty) newline(w, w->depth);
  }
  return 1;
}

static void begin(lgi_jw *w, char open) {
  if (!before_value(w)) return;
  lgi_out_putc(w->out, open);
  w->depth++;
  /* Deeper than the reader accepts is a caller bug: the sink reports it. */
  if (w->depth > LGI_MAX_DEPTH)
    w->out->failed = 1;
  else
    w->has_item[w->depth] = 0;
}

static void end(lgi_jw *w, char close) {
  if (!w || !w->out || w->depth == 0) return;
  if (w->depth <= LGI_MAX_DEPTH && w->has_item[w->depth] && w->pretty) newline(w, w->depth - 1);
  w->depth--;
  w->after_key = 0;
  lgi_out_putc(w->out, close);
}

void lgi_jw_object_begin(lgi_jw *w) {
  begin(w, '{');
}
void lgi_jw_object_end(lgi_jw *w) {
  end(w, '}');
}
void lgi_jw_array_begin(lgi_jw *w) {
  begin(w, '[');
}
void lgi_jw_array_end(lgi_jw *w) {
  end(w, ']');
}

void lgi_jw_key(lgi_jw *w, const char *key) {
  if (!before_value(w)) return;
  lgi_json_write_string(w->out, key, key ? strlen(key) : 0);
  if (w->pretty)
    lgi_out_put(w->out, ": ", 2);
  else
    lgi_out_putc(w->out, ':');
  w->after_key = 1;
}

void lgi_jw_stringn(lgi_jw *w, const char *s, size_t n) {
  if (!before_value(w)) return;
  if (s)
    lgi_json_write_string(w->out, s, n);
  else
    lgi_out_put(w->out, "null", 4);
}

void lgi_jw_string(lgi_jw *w, const char *s) {
  lgi_jw_stringn(w, s, s ? strlen(s) : 0);
}

void lgi_jw_number(lgi_jw *w, double v) {
  if (!before_value(w)) return;
  if (isfinite(v))
    lgi_out_num(w->out, v);
  else
    lgi_out_put(w->out, "null", 4);
}

void lgi_jw_int(lgi_jw *w, int64_t v) {
  if (!before_value(w)) return;
  lgi_out_int(w->out, v);
}

void lgi_jw_bool(lgi_jw *w, int v) {
  if (!before_value(w)) return;
  if (v)
    lgi_out_put(w->out, "true", 4);
  else
    lgi_out_put(w->out, "false", 5);
}

void lgi_jw_null(lgi_jw *w) {
  if (!before_value(w)) return;
  lgi_out_put(w->out, "null", 4);
}
