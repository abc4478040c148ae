/*
 * placeholder.c - the placeholder syntax of texts, shared by the pack
 * loader (which rejects bad ones) and lg_render (which fills them), so the
 * two can never disagree about what a text means.
 */
#include <string.h>

#include "catalog/catalog_impl.h"

/* In LGI_PH_* order. */
static const char *const names[LGI_PH_COUNT] = {
    "name",      "partner",   "Partner",  "they",      "them",     "their",
    "theirs",    "themself",  "They",     "Them",      "Their",    "they_are",
    "they_were", "they_have", "They_are", "They_were", "They_have"};

const char *lgi_placeholder_name(int ph) {
  return ph >= 0 && ph < LGI_PH_COUNT ? names[ph] : "";
}

/* Optimal string alignment distance (edits, swaps of neighbours), with a
 * change of case costing nothing, capped at 3: enough to spot a typo. */
static size_t distance(const char *a, size_t n, const char *b, size_t m) {
  size_t d[3][33], i, j;
  if (n > 32 || m > 32) return 3;
  for (j = 0; j <= m; j++) d[0][j] = j;
  for (i = 1; i <= n; i++) {
    size_t *row = d[i % 3], *up = d[(i - 1) % 3], *up2 = d[(i + 1) % 3];
    row[0] = i;
    for (j = 1; j <= m; j++) {
      size_t cost =
          lgi_ascii_lower((unsigned char)a[i - 1]) != lgi_ascii_lower((unsigned char)b[j - 1]);
      size_t best = up[j] + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      if (up[j - 1] + cost < best) best = up[j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && up2[j - 2] + 1 < best)
        best = up2[j - 2] + 1;
      row[j] = best;
    }
  }
  return d[n % 3][m] < 3 ? d[n % 3][m] : 3;
}

const char *lgi_placeholder_suggest(const char *s, size_t n) {
  size_t best = 3, i;
  int best_case = 0;
  const char *found = NULL;
  for (i = 0; i < LGI_PH_COUNT; i++) {
    size_t k = distance(s, n, names[i], strlen(names[i]));
    /* On a tie, the one whose first letter has the same case ({THEY} -> {They}). */
    int same_case = n > 0 && s[0] == names[i][0];
    if (k < best || (k == best && same_case && !best_case)) {
      best = k;
      best_case = same_case;
      found = names[i];
    }
  }
  return best <= 2 ? found : NULL;
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
