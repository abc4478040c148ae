/*
 * text.c - ASCII helpers that behave the same in every locale (the
 * <ctype.h> functions and strcasecmp follow LC_CTYPE).
 */
#include "core/core.h"

int lgi_ascii_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int lgi_ascii_casecmp(const char *a, const char *b) {
  const unsigned char *x = (const unsigned char *)a;
  const unsigned char *y = (const unsigned char *)b;
  for (;; x++, y++) {
    int cx = lgi_ascii_lower(*x), cy = lgi_ascii_lower(*y);
    if (cx != cy) return cx < cy ? -1 : 1;
    if (cx == 0) return 0;
  }
}

/* Bit 0: may stand in an id; bit 1: may also start one (a-z, 0-9).
 * Ids and tags are checked for every entry of a pack: one load a byte. */
/* clang-format off */
static const unsigned char id_tab[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
    R16(0), R16(0),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, /* 0x20: '-' '.' */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, /* 0x30: 0-9     */
    R16(0),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, /* 0x50: '_'     */
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x60: a-o     */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, /* 0x70: p-z     */
    R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0)
#undef R16
};
/* clang-format on */

int lgi_is_id(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i;
  unsigned all;
  if (!s || n == 0 || n > 64) return 0;
  all = id_tab[p[0]] >> 1;
  /* No early exit: a good id, the usual case, is read to its end anyway. */
  for (i = 1; i < n; i++) all &= id_tab[p[i]];
  return (int)(all & 1);
}
