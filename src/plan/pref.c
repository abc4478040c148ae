/*
 * pref.c - plan preferences: their names, and the one place that decides
 * what a valid value is (lg_plan_set, template conditions and restore all
 * go through lgi_pref_normalize).
 */
#include <string.h>

#include "plan/plan_impl.h"

const char *const lgi_plan_interests[LGI_INTEREST_COUNT] = {
    "fitness", "skills", "creativity", "nature", "mindfulness", "social", "self-care"};

static const char *const pref_names[LGI_PREF_COUNT] = {
    "grief_days",   "support",          "interests", "reminder_time", "name",
    "partner_name", "partner_pronouns", "region",    "plan_days"};

int lgi_pref_index(const char *key) {
  int i;
  for (i = 0; i < LGI_PREF_COUNT; i++)
    if (strcmp(pref_names[i], key) == 0) return i;
  return -1;
}

const char *lgi_pref_name(int pref) {
  return pref >= 0 && pref < LGI_PREF_COUNT ? pref_names[pref] : "";
}

static int digit(char c) {
  return c >= '0' && c <= '9';
}

int lgi_parse_hhmm(const char *s, size_t n) {
  int h, m;
  if (n != 5 || !digit(s[0]) || !digit(s[1]) || s[2] != ':' || !digit(s[3]) || !digit(s[4]))
    return -1;
  h = (s[0] - '0') * 10 + (s[1] - '0');
  m = (s[3] - '0') * 10 + (s[4] - '0');
  return h < 24 && m < 60 ? h * 60 + m : -1;
}

void lgi_format_hhmm(int minutes, char out[6]) {
  out[0] = (char)('0' + minutes / 600);
  out[1] = (char)('0' + minutes / 60 % 10);
  out[2] = ':';
  out[3] = (char)('0' + minutes % 60 / 10);
  out[4] = (char)('0' + minutes % 10);
  out[5] = '\0';
}

/* A decimal integer of at most 3 digits in [lo, hi]. */
static int small_int(const char *s, int lo, int hi, char *out, size_t cap) {
  size_t n = strlen(s), i;
  int v = 0;
  if (n == 0 || n > 3 || cap < 4) return LG_ERANGE;
  for (i = 0; i < n; i++) {
    if (!digit(s[i])) return LG_ERANGE;
    v = v * 10 + (s[i] - '0');
  }
  if (v < lo || v > hi) return LG_ERANGE;
  /* canonical form: no leading zeros */
  i = 0;
  if (v >= 100) out[i++] = (char)('0' + v / 100);
  if (v >= 10) out[i++] = (char)('0' + v / 10 % 10);
  out[i++] = (char)('0' + v % 10);
  out[i] = '\0';
  return LG_OK;
}

static int one_of(const char *s, const char *const *set, char *out, size_t cap) {
  size_t n = strlen(s);
  for (; *set; set++) {
    if (strcmp(s, *set) == 0 && n < cap) {
      memcpy(out, s, n + 1);
      return LG_OK;
    }
  }
  return LG_ERANGE;
}

static int is_space(char c) {
  return c == ' ' || c == '\t';
}

/* A comma list of interests into the canonical order, each once. */
static int interests(const char *s, char *out, size_t cap) {
  unsigned mask = 0;
  size_t i, k, len = 0;
  while (*s) {
    const char *a = s, *b;
    size_t n;
    while (is_space(*a)) a++;
    b = a;
    while (*b && *b != ',') b++;
    s = *b ? b + 1 : b;
    n = (size_t)(b - a);
    while (n > 0 && is_space(a[n - 1])) n--;
    for (k = 0; k < LGI_INTEREST_COUNT; k++)
      if (strlen(lgi_plan_interests[k]) == n && memcmp(lgi_plan_interests[k], a, n) == 0) break;
    if (k == LGI_INTEREST_COUNT) return LG_ERANGE;
    mask |= 1u << k;
    if (!*b) break;
  }
  if (!mask) return LG_ERANGE;
  for (k = 0; k < LGI_INTEREST_COUNT; k++) {
    if (!(mask & (1u << k))) continue;
    i = strlen(lgi_plan_interests[k]);
    if (len + i + 2 > cap) return LG_ERANGE;
    if (len) out[len++] = ',';
    memcpy(out + len, lgi_plan_interests[k], i);
    len += i;
  }
  out[len] = '\0';
  return LG_OK;
}

int lgi_pref_normalize(int pref, const char *value, char *out, size_t cap) {
  static const char *const support[] = {"talk", "distract", "both", NULL};
  static const char *const pronouns[] = {"they", "he", "she", NULL};
  size_t n = strlen(value);
  int t;
  switch (pref) {
  case LGI_PREF_GRIEF_DAYS:
    return small_int(value, 7, 14, out, cap);
  case LGI_PREF_PLAN_DAYS:
    return small_int(value, LGI_PLAN_MIN_DAYS, LGI_PLAN_MAX_DAYS, out, cap);
  case LGI_PREF_SUPPORT:
    return one_of(value, support, out, cap);
  case LGI_PREF_PARTNER_PRONOUNS:
    return one_of(value, pronouns, out, cap);
  case LGI_PREF_INTERESTS:
    return interests(value, out, cap);
  case LGI_PREF_REMINDER_TIME:
    t = lgi_parse_hhmm(value, n);
    if (t < 0 || cap < 6) return LG_ERANGE;
    lgi_format_hhmm(t, out);
    return LG_OK;
  case LGI_PREF_REGION:
    if (n != 2 || cap < 3) return LG_ERANGE;
    for (t = 0; t < 2; t++) {
      char c = value[t];
      if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
      if (c < 'A' || c > 'Z') return LG_ERANGE;
      out[t] = c;
    }
    out[2] = '\0';
    return LG_OK;
  case LGI_PREF_NAME:
  case LGI_PREF_PARTNER_NAME:
    if (n == 0 || n >= cap || n >= LGI_PLAN_MAX_TEXT || !lgi_utf8_valid(value, n)) return LG_ERANGE;
    memcpy(out, value, n + 1);
    return LG_OK;
  default:
    return LG_ERANGE;
  }
}
