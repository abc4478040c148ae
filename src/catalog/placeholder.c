/*
 * placeholder.c - the placeholder syntax of texts, shared by the pack
 * loader (which rejects bad ones) and lg_render (which fills them), so the
 * two can never disagree about what a text means.
 */
#include <string.h>

#include "catalog/catalog_impl.h"

/* In LGI_PH_* order. */
static const char *const names[LGI_PH_COUNT] = {
    "name",     "partner",   "Partner",  "they",      "them",      "their",
    "theirs",   "themself",  "They",     "Them",      "Their",     "they_are",
    "they_were", "they_have", "They_are", "They_were", "They_have"};

const char *lgi_placeholder_name(int ph) {
  return ph >= 0 && ph < LGI_PH_COUNT ? names[ph] : "";
}

const char *lgi_placeholder_list(void) {
  return "{name}, {partner}, {Partner}, {they}, {them}, {their}, {theirs}, {themself}, "
         "{They}, {Them}, {Their}, {they_are}, {they_were}, {they_have}, {They_are}, "
         "{They_were} and {They_have}";
}

static int lookup(const char *s, size_t n) {
  int i;
  for (i = 0; i < LGI_PH_COUNT; i++)
    if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0) return i;
  return -1;
}

static size_t next_brace(const char *s, size_t n, size_t from) {
  const char *open = memchr(s + from, '{', n - from);
  size_t end = open ? (size_t)(open - s) : n;
  const char *close = memchr(s + from, '}', end - from);
  return close ? (size_t)(close - s) : end;
}

int lgi_text_next(const char *s, size_t n, size_t *pos, lgi_piece *piece, int *problem) {
  size_t p = *pos, j;
  *problem = LGI_TEXT_OK;
  if (p >= n) return 0;
  if (s[p] != '{' && s[p] != '}') {
    j = next_brace(s, n, p);
    piece->s = s + p;
    piece->n = j - p;
    piece->ph = -1;
    *pos = j;
    return 1;
  }
  if (p + 1 < n && s[p + 1] == s[p]) { /* "{{" or "}}": one literal brace */
    piece->s = s + p;
    piece->n = 1;
    piece->ph = -1;
    *pos = p + 2;
    return 1;
  }
  if (s[p] == '}') {
    piece->s = s + p;
    piece->n = 1;
    piece->ph = -1;
    *problem = LGI_TEXT_LONE_CLOSE;
    return -1;
  }
  for (j = p + 1; j < n && s[j] != '}' && s[j] != '{'; j++) {
  }
  if (j == n || s[j] == '{') {
    piece->s = s + p;
    piece->n = j - p;
    piece->ph = -1;
    *problem = LGI_TEXT_UNTERMINATED;
    return -1;
  }
  piece->s = s + p + 1;
  piece->n = j - p - 1;
  piece->ph = lookup(piece->s, piece->n);
  if (piece->ph < 0) {
    *problem = LGI_TEXT_UNKNOWN;
    return -1;
  }
  *pos = j + 1;
  return 1;
}
