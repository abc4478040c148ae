/*
 * locale.c - BCP 47 language tags: the check packs must pass, and the
 * fallback chain lookups walk (the tag, its parents, the default).
 *
 * Tags are compared in lowercase: RFC 5646 makes them case-insensitive, so
 * "es-MX", "es-mx" and "ES-mx" are one locale.
 */
#include <string.h>

#include "catalog/catalog_impl.h"

static int is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

static int all_alpha(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!is_alpha(s[i])) return 0;
  return 1;
}

static int all_digit(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!is_digit(s[i])) return 0;
  return 1;
}

static int all_alnum(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!is_alpha(s[i]) && !is_digit(s[i])) return 0;
  return 1;
}

/*
 * RFC 5646 section 2.1 "langtag" (grandfathered and private-use-only tags
 * are not accepted for a pack): language ["-" script] ["-" region]
 * *("-" variant) *("-" extension) ["-" privateuse].
 */
int lgi_locale_valid(const char *s, size_t n) {
  const char *sub[LGI_TAG_MAX];
  size_t len[LGI_TAG_MAX], count = 0, pos = 0, i = 0, k;
  if (n == 0 || n > LGI_TAG_MAX) return 0;
  for (;;) {
    size_t start = pos;
    while (pos < n && s[pos] != '-') pos++;
    if (pos == start || pos - start > 8 || !all_alnum(s + start, pos - start)) return 0;
    sub[count] = s + start;
    len[count++] = pos - start;
    if (pos == n) break;
    pos++;
  }
  /* language, with up to three extended language subtags after a short one */
  if (len[0] < 2 || !all_alpha(sub[0], len[0])) return 0;
  i = 1;
  if (len[0] <= 3)
    for (k = 0; k < 3 && i < count && len[i] == 3 && all_alpha(sub[i], 3); k++) i++;
  if (i < count && len[i] == 4 && all_alpha(sub[i], 4)) i++; /* script */
  if (i < count && ((len[i] == 2 && all_alpha(sub[i], 2)) || (len[i] == 3 && all_digit(sub[i], 3))))
    i++;                                                                          /* region */
  while (i < count && (len[i] >= 5 || (len[i] == 4 && is_digit(sub[i][0])))) i++; /* variants */
  while (i < count && len[i] == 1 && lgi_ascii_lower((unsigned char)sub[i][0]) != 'x') {
    i++; /* an extension: a singleton and one or more subtags of 2-8 */
    if (i == count || len[i] < 2) return 0;
    while (i < count && len[i] >= 2) i++;
  }
  if (i < count && len[i] == 1) { /* private use: x and one or more subtags */
    i++;
    if (i == count) return 0;
    i = count;
  }
  return i == count;
}

int lgi_locale_normalize(const char *tag, char out[LGI_TAG_MAX + 1]) {
  size_t i;
  for (i = 0; tag[i]; i++) {
    char c = tag[i];
    if (i == LGI_TAG_MAX) return 0;
    out[i] = c == '_' ? '-' : (char)lgi_ascii_lower((unsigned char)c);
  }
  out[i] = '\0';
  return i > 0;
}

int lgi_locale_parent(char tag[LGI_TAG_MAX + 1]) {
  char *dash = strrchr(tag, '-');
  if (!dash) return 0;
  *dash = '\0';
  /* RFC 4647 3.4: a singleton left at the end goes too ("de-x" -> "de"). */
  dash = strrchr(tag, '-');
  if (dash && dash[1] && !dash[2]) *dash = '\0';
  return tag[0] != '\0';
}

static size_t chain_add(const lgi_state *st, const char *tag, uint32_t *out, size_t n) {
  int loc = lgi_state_locale(st, tag);
  size_t i;
  if (loc < 0 || n == LGI_CHAIN_MAX) return n;
  for (i = 0; i < n; i++)
    if (out[i] == (uint32_t)loc) return n;
  out[n] = (uint32_t)loc;
  return n + 1;
}

size_t lgi_locale_chain(const lgi_state *st, const char *tag, uint32_t out[LGI_CHAIN_MAX]) {
  char buf[LGI_TAG_MAX + 1];
  size_t n = 0;
  if (tag && lgi_locale_normalize(tag, buf)) {
    do {
      n = chain_add(st, buf, out, n);
    } while (lgi_locale_parent(buf));
  }
  return chain_add(st, LGI_DEFAULT_LOCALE, out, n);
}
