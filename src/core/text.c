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

static int id_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int lgi_is_id(const char *s, size_t n) {
  size_t i;
  if (!s || n == 0 || n > 64 || !id_start(s[0])) return 0;
  for (i = 1; i < n; i++)
    if (!id_start(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-') return 0;
  return 1;
}
