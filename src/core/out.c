/*
 * out.c - the one implementation of the (buf, cap, len) output convention
 * (letgo.h) and of the growing buffers the exporters write into.
 *
 * A fixed sink stores what fits in cap - 1 bytes (one is kept for the NUL)
 * and counts everything, so *len is the full length however small cap is.
 */
#include <string.h>

#include "core/core.h"

void lgi_out_fixed(lgi_out *o, char *buf, size_t cap) {
  o->buf = buf;
  o->cap = buf ? cap : 0;
  o->len = 0;
  o->alloc = NULL;
  o->failed = 0;
}

void lgi_out_growing(lgi_out *o, const lg_allocator *alloc) {
  o->buf = NULL;
  o->cap = 0;
  o->len = 0;
  o->alloc = alloc;
  o->failed = 0;
}

/* Makes room for `extra` more bytes plus the NUL; 0 on success. */
static int grow(lgi_out *o, size_t extra) {
  size_t need, cap;
  char *nb;
  if (lgi_size_add(o->len, extra, &need) != 0 || lgi_size_add(need, 1, &need) != 0) return -1;
  if (need <= o->cap) return 0;
  cap = o->cap < 64 ? 64 : o->cap;
  while (cap < need) {
    if (cap > (size_t)-1 / 2) {
      cap = need;
      break;
    }
    cap *= 2;
  }
  /* Not realloc: the old block may hold private text and must be wiped
   * before it goes back. */
  nb = lgi_malloc(o->alloc, cap);
  if (!nb) return -1;
  if (o->buf) {
    memcpy(nb, o->buf, o->len);
    lgi_free_wiped(o->alloc, o->buf, o->cap);
  }
  o->buf = nb;
  o->cap = cap;
  return 0;
}

void lgi_out_put(lgi_out *o, const void *data, size_t n) {
  if (n == 0) return;
  if (o->alloc) {
    if (o->failed) return;
    if (grow(o, n) != 0) {
      o->failed = 1;
      return;
    }
    memcpy(o->buf + o->len, data, n);
    o->len += n;
    return;
  }
  if (o->cap > 0 && o->len < o->cap - 1) {
    size_t room = o->cap - 1 - o->len;
    memcpy(o->buf + o->len, data, n < room ? n : room);
  }
  /* The count saturates rather than wrap; no real text gets near it. */
  o->len = n > (size_t)-1 - o->len ? (size_t)-1 : o->len + n;
}

void lgi_out_puts(lgi_out *o, const char *s) {
  if (s) lgi_out_put(o, s, strlen(s));
}

void lgi_out_putc(lgi_out *o, char c) {
  lgi_out_put(o, &c, 1);
}

void lgi_out_int(lgi_out *o, int64_t v) {
  char tmp[24];
  size_t i = sizeof tmp;
  /* Through unsigned so INT64_MIN needs no special case. */
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    tmp[--i] = (char)('0' + (int)(u % 10));
    u /= 10;
  } while (u);
  if (v < 0) tmp[--i] = '-';
  lgi_out_put(o, tmp + i, sizeof tmp - i);
}

void lgi_out_num(lgi_out *o, double v) {
  char tmp[LGI_NUM_MAX];
  size_t n = lgi_num_format(v, tmp);
  lgi_out_put(o, tmp, n);
}

/* Where to end a prefix of at most k bytes so no character is split. */
static size_t utf8_cut(const char *s, size_t k) {
  size_t j = k, want;
  unsigned char lead;
  if (k == 0) return 0;
  /* Step back over at most three continuation bytes to a lead byte. */
  while (j > 0 && k - j < 3 && ((unsigned char)s[j - 1] & 0xC0) == 0x80) j--;
  if (j == 0) return k; /* no lead byte: not UTF-8 we can reason about */
  lead = (unsigned char)s[j - 1];
  if (lead < 0x80)
    want = 1;
  else if ((lead & 0xE0) == 0xC0)
    want = 2;
  else if ((lead & 0xF0) == 0xE0)
    want = 3;
  else if ((lead & 0xF8) == 0xF0)
    want = 4;
  else
    return k;
  return k - (j - 1) < want ? j - 1 : k;
}

int lgi_out_finish(lgi_out *o, size_t *len) {
  if (o->alloc) {
    if (!o->failed && grow(o, 0) != 0) o->failed = 1;
    if (len) *len = o->len;
    if (o->failed) return LG_ENOMEM;
    o->buf[o->len] = '\0';
    return LG_OK;
  }
  if (len) *len = o->len;
  if (o->len < o->cap) {
    o->buf[o->len] = '\0';
    return LG_OK;
  }
  if (o->cap > 0) o->buf[utf8_cut(o->buf, o->cap - 1)] = '\0';
  return LG_ETRUNC;
}

void lgi_out_release(lgi_out *o) {
  if (!o->alloc) return;
  if (o->buf) lgi_free_wiped(o->alloc, o->buf, o->cap);
  o->buf = NULL;
  o->cap = 0;
  o->len = 0;
  o->failed = 0;
}
