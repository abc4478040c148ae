/*
 * fold.c - the search tokenizer: splits text into tokens and folds case
 * and accents, the same way for the index, for queries and for phrase checks.
 *
 * It follows SQLite FTS5's unicode61 tokenizer closely enough that on the
 * benchmark corpus (ASCII words, em dashes, curly quotes) both produce the
 * same tokens, so BM25 statistics agree bit for bit. Beyond that it does
 * what a person searching Spanish or English text expects: Latin-1
 * Supplement and Latin Extended-A letters fold to their ASCII base letters
 * ("día" and "dia" are one token), ligatures expand (ß -> ss, æ -> ae,
 * œ -> oe), combining accents vanish. Other letters stay themselves, with
 * Greek and Cyrillic capitals lowered. Without Unicode tables the set of
 * separators is a list of the punctuation and symbol blocks; every other
 * code point is a letter, which errs on the side of finding things.
 */
#include "catalog/search.h"

/*
 * Folds of U+00C0..U+017F: a base letter, '#' for a separator (the
 * multiplication and division signs), or a digit naming a two-letter fold.
 */
/* One row per block; clang-format has no stable layout for this table. */
/* clang-format off */
static const char fold_latin[] =
    /* U+00C0 */ "aaaaaa1ceeeeiiiidnooooo#ouuuuy23"
    /* U+00E0 */ "aaaaaa1ceeeeiiiidnooooo#ouuuuy2y"
    /* U+0100 */ "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkk"
    /* U+0139 */ "llllllllllnnnnnnnnnoooooo55rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzz"
                 "zzs";
/* clang-format on */

static const char *const fold_pairs[] = {"ae", "th", "ss", "ij", "oe"};

/* 1 when the code point (>= 0x80) separates tokens. */
static int cp_is_separator(uint32_t cp) {
  if (cp < 0xC0) {
    /* Latin-1 punctuation and symbols, except the letters and digits among them. */
    return !(cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 || cp == 0xBA ||
             cp == 0xBC || cp == 0xBD || cp == 0xBE);
  }
  if (cp == 0xD7 || cp == 0xF7 || cp == 0x37E || cp == 0x387) return 1;
  if (cp >= 0x2000 && cp <= 0x206F) /* general punctuation: spaces, dashes, quotes */
    return 1;
  if (cp >= 0x20A0 && cp <= 0x20CF) /* currency */
    return 1;
  if (cp >= 0x2190 && cp <= 0x2BFF) /* arrows, maths, technical, boxes, shapes, dingbats */
    return 1;
  if ((cp >= 0x3000 && cp <= 0x3004) || (cp >= 0x3008 && cp <= 0x3020) || cp == 0x3030 ||
      (cp >= 0x303D && cp <= 0x303F)) /* CJK punctuation */
    return 1;
  if ((cp >= 0xFE00 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F)) return 1;
  if ((cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
      (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65)) /* fullwidth */
    return 1;
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return 1;
  if (cp >= 0x1F000 && cp <= 0x1FAFF) /* emoji and pictographs */
    return 1;
  if (cp >= 0xE0000 && cp <= 0xE007F) return 1;
  return 0;
}

/* Writes the fold of a token code point (>= 0x80) to out; returns its length (0-4). */
static size_t cp_fold(uint32_t cp, char out[4]) {
  if (cp >= 0xC0 && cp <= 0x17F) {
    char c = fold_latin[cp - 0xC0];
    if (c >= '1' && c <= '5') {
      const char *p = fold_pairs[c - '1'];
      out[0] = p[0];
      out[1] = p[1];
      return 2;
    }
    out[0] = c;
    return 1;
  }
  if (cp == 0xAA || cp == 0xBA) {
    out[0] = cp == 0xAA ? 'a' : 'o';
    return 1;
  }
  if (cp == 0xB2 || cp == 0xB3 || cp == 0xB9) {
    out[0] = cp == 0xB2 ? '2' : cp == 0xB3 ? '3' : '1';
    return 1;
  }
  if (cp >= 0x300 && cp <= 0x36F) /* combining diacritics are removed */
    return 0;
  if ((cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
    cp += 0x20; /* Greek and Cyrillic capitals */
  else if (cp >= 0x400 && cp <= 0x40F)
    cp += 0x50;
  return lgi_utf8_encode(cp, out);
}

/* ASCII folds: the lowercase letter or digit, 0 for a separator, 1 for a
 * byte of a multi-byte character (classified by char_at). */
const unsigned char lgi_fold_ascii[256] = {
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   48,  49,  50,  51,  52,  53,  54,  55,  56,
    57,  0,   0,   0,   0,   0,   0,   0,   97,  98,  99,  100, 101, 102, 103, 104, 105, 106, 107,
    108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0,   0,   0,   0,
    0,   0,   97,  98,  99,  100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113,
    114, 115, 116, 117, 118, 119, 120, 121, 122, 0,   0,   0,   0,   0,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,
};

/*
 * Classifies the character at s[i]: returns the bytes it takes (at least
 * 1), sets *is_token and writes its fold (up to 4 bytes) to out, *olen.
 * An invalid UTF-8 byte is a separator of one byte.
 */
static size_t char_at(const char *s, size_t n, size_t i, int *is_token, char out[4], size_t *olen) {
  unsigned char c = (unsigned char)s[i];
  uint32_t cp;
  size_t k;
  if (c < 0x80) {
    out[0] = (char)lgi_fold_ascii[c];
    *is_token = out[0] != 0;
    *olen = (size_t)*is_token;
    return 1;
  }
  k = lgi_utf8_decode(s + i, n - i, &cp);
  if (k == 0 || cp_is_separator(cp)) {
    *is_token = 0;
    *olen = 0;
    return k == 0 ? 1 : k;
  }
  *is_token = 1;
  *olen = cp_fold(cp, out);
  return k;
}

int lgi_token_next(const char *s, size_t n, size_t *pos, char *out, size_t cap, size_t *len,
                   size_t *start, size_t *end) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = *pos;
  for (;;) {
    size_t o = 0, b, k, fl, j;
    unsigned char f = 0;
    char tmp[4];
    int tok;
    for (;;) { /* separators; ASCII in a tight loop */
      while (i < n && (f = lgi_fold_ascii[u[i]]) == 0) i++;
      if (i >= n) {
        *pos = n;
        return 0;
      }
      if (f != 1) break;
      k = char_at(s, n, i, &tok, tmp, &fl);
      if (tok) break;
      i += k;
    }
    b = i;
    for (;;) {
      while (i < n && (f = lgi_fold_ascii[u[i]]) > 1) {
        if (o < cap) out[o] = (char)f;
        o++;
        i++;
      }
      if (i >= n || f == 0) break;
      k = char_at(s, n, i, &tok, tmp, &fl);
      if (!tok) break;
      for (j = 0; j < fl; j++)
        if (o + j < cap) out[o + j] = tmp[j];
      o += fl;
      i += k;
    }
    if (o > 0) {
      *pos = i;
      *len = o;
      if (start) *start = b;
      if (end) *end = i;
      return 1;
    }
    /* Only combining marks: not a token, look further. */
  }
}
