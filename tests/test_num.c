/*
 * test_num.c - locale-independent, exact numbers (src/core/num.c).
 *
 * glibc's strtod and printf are correctly rounded, so in the C locale they
 * are the reference here (tests only: src/ must not use them). Random
 * inputs come from a fixed-seed generator, so every run checks the same
 * cases. Under valgrind (detected through LD_PRELOAD) the random counts
 * drop to a twentieth; LETGO_NUM_CASES overrides the count.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <float.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t rnd(void) {
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 0x2545F4914F6CDD1Du;
}

static unsigned rnd_below(unsigned n) {
  return (unsigned)(rnd() % n);
}

static size_t cases(size_t full) {
  const char *env = getenv("LETGO_NUM_CASES");
  const char *pre = getenv("LD_PRELOAD");
  if (env && *env) return (size_t)strtoul(env, NULL, 10);
  if (pre && strstr(pre, "vgpreload")) return full / 20;
  return full;
}

static uint64_t bits(double v) {
  uint64_t u;
  memcpy(&u, &v, sizeof u);
  return u;
}

static double from_bits(uint64_t u) {
  double v;
  memcpy(&v, &u, sizeof v);
  return v;
}

static int parse(const char *s, double *v) {
  return lgi_num_parse(s, strlen(s), v);
}

/* ---- grammar and fixed cases -------------------------------------------- */

static void parse_accepts_exactly_the_json_grammar(void **state) {
  static const char *const good[] = {"0",    "-0",   "1",     "-1",     "10",      "0.5",
                                     "-0.0", "1e5",  "1E5",   "1e+5",   "1e-5",    "1.25e-3",
                                     "0e0",  "0E-0", "123.456e+789", "1e0001", "0.000"};
  static const char *const bad[] = {"",    "-",   "+1",  "01",    "-01",  "00",  "1.",
                                    ".5",  "1e",  "1e+", "1e-",   "0x10", " 1",  "1 ",
                                    "Infinity", "NaN", "-Infinity", "1,5", "1.5.5", "1e5.5",
                                    "--1", "1ee5", "1e+-5", "\xEF\xBC\x91", "1f", "0.e1"};
  size_t i;
  double v;
  (void)state;
  for (i = 0; i < sizeof good / sizeof good[0]; i++) {
    int rc = parse(good[i], &v);
    if (rc != LG_OK && rc != LG_ERANGE) fail_msg("rejected %s", good[i]);
  }
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    v = 42;
    if (parse(bad[i], &v) != LG_ESYNTAX) fail_msg("accepted \"%s\"", bad[i]);
    assert_true(v == 42); /* untouched on failure */
  }
  assert_int_equal(lgi_num_parse(NULL, 1, &v), LG_EINVAL);
  assert_int_equal(lgi_num_parse("1", 1, NULL), LG_EINVAL);
  /* Only n bytes count: no NUL needed, trailing bytes ignored. */
  assert_int_equal(lgi_num_parse("12345", 2, &v), LG_OK);
  assert_true(v == 12);
  assert_int_equal(lgi_num_parse("1\0" "5", 3, &v), LG_ESYNTAX);
}

static void parse_rounds_hard_cases_exactly(void **state) {
  static const struct {
    const char *s;
    uint64_t bits;
    int rc;
  } t[] = {
      {"9007199254740993", 0x4340000000000000u, LG_OK},        /* tie -> even 2^53 */
      {"9007199254740995", 0x4340000000000002u, LG_OK},        /* tie -> even above */
      {"9007199254740993.0000000000000000000001", 0x4340000000000001u, LG_OK},
      {"2.2250738585072011e-308", 0x000FFFFFFFFFFFFFu, LG_OK},  /* largest subnormal */
      {"2.2250738585072012e-308", 0x0010000000000000u, LG_OK},  /* smallest normal */
      {"4.9e-324", 0x0000000000000001u, LG_OK},
      {"2.4703282292062327e-324", 0x0u, LG_OK},                 /* below half of min */
      {"2.4703282292062328e-324", 0x1u, LG_OK},                 /* above half of min */
      {"1e-400", 0x0u, LG_OK},
      {"-1e-400", 0x8000000000000000u, LG_OK},
      {"1.7976931348623157e308", 0x7FEFFFFFFFFFFFFFu, LG_OK},
      {"1.7976931348623158e308", 0x7FEFFFFFFFFFFFFFu, LG_OK},
      {"1.7976931348623159e308", 0x7FF0000000000000u, LG_ERANGE},
      {"-1e400", 0xFFF0000000000000u, LG_ERANGE},
      {"0.1", 0x3FB999999999999Au, LG_OK},
      {"1.00000000000000011102230246251565404236316680908203125", 0x3FF0000000000000u, LG_OK},
      {"1.000000000000000111022302462515654042363166809082031250000000001",
       0x3FF0000000000001u, LG_OK},
      {"1.00000000000000011102230246251565404236316680908203124999999999",
       0x3FF0000000000000u, LG_OK},
      {"123456789012345678901234567890", 0x45F8EE90FF6C373Eu, LG_OK},
      {"-0", 0x8000000000000000u, LG_OK},
      {"0e999999999999999999", 0x0u, LG_OK},
      {"1e999999999999999999", 0x7FF0000000000000u, LG_ERANGE},
      {"1e-999999999999999999", 0x0u, LG_OK},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof t / sizeof t[0]; i++) {
    double v;
    int rc = parse(t[i].s, &v);
    if (rc != t[i].rc || bits(v) != t[i].bits)
      fail_msg("%s: rc %d bits %016llx, want rc %d bits %016llx", t[i].s, rc,
               (unsigned long long)bits(v), t[i].rc, (unsigned long long)t[i].bits);
  }
}

static void parse_handles_very_long_inputs(void **state) {
  char *s = malloc(5000);
  double v;
  (void)state;
  /* 0.000...0001 with 1000 zeros: far below the smallest subnormal. */
  memcpy(s, "0.", 2);
  memset(s + 2, '0', 1000);
  memcpy(s + 1002, "1", 2);
  assert_int_equal(parse(s, &v), LG_OK);
  assert_true(bits(v) == 0);
  /* 1 and 400 zeros: overflow. */
  s[0] = '1';
  memset(s + 1, '0', 400);
  s[401] = '\0';
  assert_int_equal(parse(s, &v), LG_ERANGE);
  /* 3000 digits of 1.2345... with a point at 1: the tail past 800 digits
   * only counts as "nonzero". */
  s[0] = '1';
  s[1] = '.';
  {
    int i;
    for (i = 2; i < 3002; i++) s[i] = (char)('0' + i % 10);
    s[3002] = '\0';
  }
  assert_int_equal(parse(s, &v), LG_OK);
  assert_true(bits(v) == bits(strtod(s, NULL)));
  free(s);
}

/* ---- random decimals against strtod ---------------------------------------- */

static size_t random_decimal(char *buf) {
  size_t o = 0;
  unsigned kind = rnd_below(100), ndig, intlen, i, lead = 0;
  int target, ex;
  if (rnd_below(4) == 0) buf[o++] = '-';
  if (kind < 15) {
    /* Near a double: its 15-19 digit rendering, nudged. */
    double d;
    char tmp[64];
    int prec = 14 + (int)rnd_below(5), len, p;
    do d = from_bits(rnd() & 0x7FFFFFFFFFFFFFFFu); while (d != d || d > DBL_MAX);
    len = snprintf(tmp, sizeof tmp, "%.*e", prec, d);
    p = (int)(strchr(tmp, 'e') - tmp) - 1;
    switch (rnd_below(4)) {
    case 0: tmp[p] = tmp[p] == '9' ? '8' : (char)(tmp[p] + 1); break;
    case 1: tmp[p] = tmp[p] == '0' ? '1' : (char)(tmp[p] - 1); break;
    case 2: tmp[p] = '5'; break;
    default: break;
    }
    memcpy(buf + o, tmp, (size_t)len + 1);
    return o + (size_t)len;
  }
  if (kind < 50)
    ndig = 1 + rnd_below(20), target = (int)rnd_below(60) - 30;
  else if (kind < 97)
    ndig = 1 + rnd_below(25), target = (int)rnd_below(660) - 345;
  else if (kind < 99)
    ndig = 26 + rnd_below(100), target = (int)rnd_below(660) - 345;
  else
    ndig = 700 + rnd_below(250), target = (int)rnd_below(660) - 345;
  intlen = rnd_below(ndig + 1);
  if (intlen == 0) {
    buf[o++] = '0';
    buf[o++] = '.';
    lead = rnd_below(4);
    for (i = 0; i < lead; i++) buf[o++] = '0';
  }
  for (i = 0; i < ndig; i++) {
    unsigned r = rnd_below(10);
    /* runs of 0s and 9s make near-halfway values */
    if (i > 0 && rnd_below(3) == 0) r = buf[o - 1] == '9' ? 9 : buf[o - 1] == '0' ? 0 : r;
    if (i == 0 && intlen > 0 && r == 0) r = 1;
    buf[o++] = (char)('0' + r);
    if (i + 1 == intlen && i + 1 < ndig) buf[o++] = '.';
  }
  ex = target - (int)intlen + (int)lead;
  if (ex != 0 || rnd_below(4) == 0) {
    buf[o++] = rnd_below(2) ? 'e' : 'E';
    if (ex < 0)
      buf[o++] = '-';
    else if (rnd_below(2))
      buf[o++] = '+';
    o += (size_t)sprintf(buf + o, "%d", ex < 0 ? -ex : ex);
  }
  buf[o] = '\0';
  return o;
}

static void parse_matches_strtod_on_random_decimals(void **state) {
  static char buf[2048];
  size_t n = cases(200000), i, slow = 0;
  (void)state;
  for (i = 0; i < n; i++) {
    size_t len = random_decimal(buf);
    double mine, ref = strtod(buf, NULL);
    int rc = lgi_num_parse(buf, len, &mine);
    if (bits(mine) != bits(ref)) fail_msg("%s: %.17g, strtod %.17g", buf, mine, ref);
    assert_int_equal(rc, ref - ref == 0 ? LG_OK : LG_ERANGE);
    if (len > 30) slow++;
  }
  print_message("parse vs strtod: %zu random decimals (%zu longer than 30 bytes), bit-identical\n",
                n, slow);
}

/* Exact decimal text of (2m+1) * 2^(k-1), the point halfway between the
 * double m*2^k and the next one, by schoolbook arithmetic in base 10^9. */
static size_t halfway_text(uint64_t m, int k, char *out) {
  static uint32_t d[200]; /* little-endian base-10^9 limbs */
  static char dec[1900];
  size_t n = 0, i, o = 0, len = 0, frac;
  uint64_t h = 2 * m + 1;
  int times = k - 1 >= 0 ? k - 1 : 1 - k, two = k - 1 >= 0;
  while (h) {
    d[n++] = (uint32_t)(h % 1000000000u);
    h /= 1000000000u;
  }
  while (times > 0) {
    /* 5^13 or 2^29 at a time: limb * factor + carry stays below 2^64 */
    int step = two ? (times < 29 ? times : 29) : (times < 13 ? times : 13);
    uint64_t f = 1, carry = 0;
    int j;
    for (j = 0; j < step; j++) f *= two ? 2 : 5;
    for (i = 0; i < n; i++) {
      uint64_t x = d[i] * f + carry;
      d[i] = (uint32_t)(x % 1000000000u);
      carry = x / 1000000000u;
    }
    while (carry) {
      d[n++] = (uint32_t)(carry % 1000000000u);
      carry /= 1000000000u;
    }
    times -= step;
  }
  len = (size_t)sprintf(dec, "%u", d[n - 1]);
  for (i = n - 1; i > 0; i--) len += (size_t)sprintf(dec + len, "%09u", d[i - 1]);
  if (two) {
    memcpy(out, dec, len + 1);
    return len;
  }
  frac = (size_t)(1 - k); /* value = dec * 10^-frac */
  if (len <= frac) {
    out[o++] = '0';
    out[o++] = '.';
    for (i = len; i < frac; i++) out[o++] = '0';
    memcpy(out + o, dec, len);
    o += len;
  } else {
    memcpy(out, dec, len - frac);
    o = len - frac;
    out[o++] = '.';
    memcpy(out + o, dec + len - frac, frac);
    o += frac;
  }
  out[o] = '\0';
  return o;
}

static void parse_matches_strtod_on_exact_halfway_points(void **state) {
  static char buf[2048];
  size_t n = cases(3000), i;
  (void)state;
  for (i = 0; i < n; i++) {
    int k = (int)rnd_below(60) - 1074 + (i % 2 ? (int)rnd_below(2000) : 0);
    uint64_t m = rnd() >> 11;
    size_t len, v;
    if (k > 971) k = 971;
    if (k > -1074) m |= (uint64_t)1 << 52; /* normal */
    else m &= ((uint64_t)1 << 52) - 1;     /* subnormal */
    len = halfway_text(m, k, buf);
    for (v = 0; v < 3; v++) {
      double mine, ref;
      if (v == 1) { /* a hair above */
        if (!strchr(buf, '.')) buf[len++] = '.';
        buf[len++] = '0';
        buf[len++] = '1';
        buf[len] = '\0';
      }
      if (v == 2) { /* a hair below: ...4999 */
        len = halfway_text(m, k, buf);
        if (buf[len - 1] == '0' || !strchr(buf, '.')) break;
        buf[len - 1]--;
        buf[len++] = '9';
        buf[len++] = '9';
        buf[len] = '\0';
      }
      ref = strtod(buf, NULL);
      lgi_num_parse(buf, len, &mine);
      if (bits(mine) != bits(ref)) fail_msg("%s: %.17g, strtod %.17g", buf, mine, ref);
    }
  }
  print_message("parse vs strtod: %zu exact halfway points, each also a hair above and below\n", n);
}

/* ---- formatting ------------------------------------------------------------- */

static void format_writes_json_examples(void **state) {
  static const struct {
    double v;
    const char *s;
  } t[] = {
      {0.0, "0"},
      {-0.0, "-0"},
      {12, "12"},
      {-12, "-12"},
      {0.5, "0.5"},
      {1e300, "1e+300"},
      {1.5e-7, "1.5e-07"},
      {1e-7, "1e-07"},
      {0.000001, "0.000001"},
      {0.0000012345, "0.0000012345"},
      {9007199254740992.0, "9007199254740992"},
      {9007199254740991.0, "9007199254740991"},
      {1e20, "100000000000000000000"},
      {123456789012345680000.0, "123456789012345680000"},
      {1e21, "1e+21"},
      {1.5e21, "1.5e+21"},
      {123.456, "123.456"},
      {0.1, "0.1"},
      {0.30000000000000004, "0.30000000000000004"},
      {5e-324, "5e-324"},
      {2.2250738585072014e-308, "2.2250738585072014e-308"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {-1.25e-100, "-1.25e-100"},
      {100, "100"},
      {4.35, "4.35"},
      {2.675, "2.675"},
  };
  char out[LGI_NUM_MAX];
  size_t i;
  (void)state;
  for (i = 0; i < sizeof t / sizeof t[0]; i++) {
    size_t n = lgi_num_format(t[i].v, out);
    assert_string_equal(out, t[i].s);
    assert_int_equal(n, strlen(t[i].s));
  }
  assert_int_equal(lgi_num_format(from_bits(0x7FF0000000000000u), out), 4);
  assert_string_equal(out, "null");
  lgi_num_format(from_bits(0x7FF8000000000000u), out);
  assert_string_equal(out, "null");
}

static void format_prints_every_integer_up_to_2_53_exactly(void **state) {
  size_t n = cases(200000), i;
  char out[LGI_NUM_MAX], ref[32];
  (void)state;
  for (i = 0; i < n; i++) {
    uint64_t u = rnd() >> (11 + rnd_below(53));
    if (i < 2) u = i ? (uint64_t)1 << 53 : 0;
    lgi_num_format((double)u, out);
    snprintf(ref, sizeof ref, "%llu", (unsigned long long)u);
    assert_string_equal(out, ref);
  }
}

static void format_round_trips_random_doubles(void **state) {
  size_t n = cases(200000), i, done = 0, sub = 0;
  char out[LGI_NUM_MAX], sig[LGI_NUM_MAX], ref[64];
  (void)state;
  for (i = 0; i < n; i++) {
    uint64_t u = rnd();
    double v, back;
    size_t len;
    if (i % 10 == 0) u &= 0x800FFFFFFFFFFFFFu; /* subnormals */
    v = from_bits(u);
    if (v != v || v - v != 0) continue;
    if ((u & 0x7FF0000000000000u) == 0) sub++;
    len = lgi_num_format(v, out);
    assert_true(len < LGI_NUM_MAX);
    assert_int_equal(strlen(out), len);
    assert_int_equal(lgi_num_parse(out, len, &back), LG_OK);
    if (bits(back) != u) fail_msg("%s does not read back as %016llx", out, (unsigned long long)u);
    if (bits(strtod(out, NULL)) != u) fail_msg("strtod reads %s differently", out);
    lgi_num_format_sig(v, 17, sig);
    snprintf(ref, sizeof ref, "%.17g", v);
    if (strcmp(sig, ref) != 0) fail_msg("sig 17: %s, printf %s", sig, ref);
    done++;
  }
  print_message("format -> parse round trip and %%.17g: %zu random doubles (%zu subnormal)\n", done,
                sub);
}

/* Splits printf %.*e-style text into digits (trailing zeros dropped) and
 * exponent, to compare digit choices independent of layout. */
static void digits_of(const char *s, char *dig, int *ex) {
  size_t n = 0;
  const char *e = strpbrk(s, "eE");
  for (; *s && s != e; s++)
    if (*s >= '0' && *s <= '9') dig[n++] = *s;
  while (n > 1 && dig[n - 1] == '0') n--;
  dig[n] = '\0';
  *ex = e ? atoi(e + 1) : 0;
}

static void format_picks_first_precision_that_reads_back(void **state) {
  size_t n = cases(20000), i;
  (void)state;
  for (i = 0; i < n; i++) {
    double v = from_bits(rnd() & 0x7FFFFFFFFFFFFFFFu), back;
    char out[LGI_NUM_MAX], ref[64], a[32], b[32], tmp[64];
    int p, ea, eb;
    if (v != v || v - v != 0) continue;
    for (p = 1; p <= 17; p++) {
      snprintf(ref, sizeof ref, "%.*e", p - 1, v);
      if (strtod(ref, NULL) == v) break;
    }
    lgi_num_format(v, out);
    /* write ours as d.ddde+X too: re-read and reprint at its own length */
    assert_int_equal(parse(out, &back), LG_OK);
    digits_of(ref, a, &ea);
    snprintf(tmp, sizeof tmp, "%.*e", p - 1, back);
    digits_of(tmp, b, &eb);
    assert_string_equal(a, b);
    {
      /* and ours has exactly the significant digits of the reference */
      char od[32];
      size_t k = 0;
      const char *s = out;
      const char *e = strchr(out, 'e');
      for (; *s && s != e; s++)
        if (*s >= '0' && *s <= '9' && (k > 0 || *s != '0')) od[k++] = *s;
      while (k > 1 && od[k - 1] == '0') k--;
      od[k] = '\0';
      assert_string_equal(od, a);
    }
  }
}

static void format_sig_matches_printf_g_at_every_precision(void **state) {
  size_t n = cases(10000), i;
  (void)state;
  for (i = 0; i < n; i++) {
    uint64_t u = rnd();
    double v;
    int p;
    if (i % 3 == 0) u = bits((double)(int64_t)(rnd() % 2000001) / 1000.0 - 1000.0); /* ties like 0.125 */
    v = from_bits(u);
    if (v != v || v - v != 0) continue;
    for (p = 1; p <= 17; p++) {
      char out[LGI_NUM_MAX], ref[64];
      lgi_num_format_sig(v, p, out);
      snprintf(ref, sizeof ref, "%.*g", p, v);
      if (strcmp(out, ref) != 0) fail_msg("%%.%dg: %s, printf %s", p, out, ref);
    }
  }
}

static void format_sig_clamps_precision(void **state) {
  char out[LGI_NUM_MAX];
  (void)state;
  lgi_num_format_sig(2.5, 0, out);
  assert_string_equal(out, "2"); /* as %.1g: the tie goes to even */
  lgi_num_format_sig(0.1, 40, out);
  assert_string_equal(out, "0.10000000000000001");
  lgi_num_format_sig(-0.0, 17, out);
  assert_string_equal(out, "-0");
  lgi_num_format_sig(from_bits(0xFFF0000000000000u), 17, out);
  assert_string_equal(out, "-inf");
}

/* ---- rounding ----------------------------------------------------------------- */

static void round_goes_half_away_from_zero_as_printed(void **state) {
  static const struct {
    double v;
    int d;
    double want;
  } t[] = {
      {2.675, 2, 2.68},   {1.005, 2, 1.01},   {-2.675, 2, -2.68}, {2.5, 0, 3},
      {-2.5, 0, -3},      {0.5, 0, 1},        {1.5, 0, 2},        {0.49999999999999994, 0, 0},
      {2.4, 0, 2},        {9.995, 2, 10},     {99.95, 1, 100},    {0.0000005, 6, 0.000001},
      {0.0000004, 6, 0},  {1234.5678, 6, 1234.5678}, {1234.5678, 3, 1234.568},
      {-0.004, 2, 0},     {0.045, 2, 0.05},   {1e20, 3, 1e20},    {0.125, 2, 0.13},
      {3.14159, 2, 3.14}, {7, 6, 7},          {0.05, 1, 0.1},     {0.04999, 1, 0},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof t / sizeof t[0]; i++) {
    double r = lgi_num_round(t[i].v, t[i].d);
    if (bits(r) != bits(t[i].want))
      fail_msg("round(%.17g, %d) = %.17g, want %.17g", t[i].v, t[i].d, r, t[i].want);
  }
  assert_true(bits(lgi_num_round(-0.0, 2)) == 0);
  assert_true(bits(lgi_num_round(-0.4, 0)) == 0); /* a zero result is +0 */
  assert_true(lgi_num_round(2.5, -3) == 3);       /* decimals below 0 act as 0 */
  assert_true(bits(lgi_num_round(from_bits(0x7FF0000000000000u), 2)) == 0x7FF0000000000000u);
}

static void round_result_prints_with_at_most_the_decimals(void **state) {
  size_t n = cases(20000), i;
  (void)state;
  for (i = 0; i < n; i++) {
    double v = (double)(int64_t)(rnd() % 2000000001) / 1e6 - 1000.0;
    int d = (int)rnd_below(7);
    double r = lgi_num_round(v, d);
    char out[LGI_NUM_MAX];
    const char *dot;
    lgi_num_format(r, out);
    dot = strchr(out, '.');
    if (dot) assert_true(strlen(dot + 1) <= (size_t)d);
    {
      double diff = r > v ? r - v : v - r, unit = 1;
      int k;
      for (k = 0; k < d; k++) unit /= 10;
      /* exact ties sit at unit/2; allow the subtraction's own error */
      assert_true(diff <= unit / 2 + 1e-12 * (v < 0 ? -v : v));
    }
  }
}

/* ---- locale ---------------------------------------------------------------------- */

static void numbers_ignore_a_decimal_comma_locale(void **state) {
  static const char *const comma[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
                                      "de_DE", "fr_FR", "es_ES.UTF-8", "nl_NL.UTF-8"};
  char out[LGI_NUM_MAX], probe[16];
  const char *got = NULL;
  size_t i;
  double v;
  (void)state;
  for (i = 0; i < sizeof comma / sizeof comma[0] && !got; i++) got = setlocale(LC_ALL, comma[i]);
  if (!got) {
    print_message("no decimal-comma locale installed (try locales-all); skipped\n");
    skip();
  }
  snprintf(probe, sizeof probe, "%.1f", 1.5);
  assert_string_equal(probe, "1,5"); /* the locale really is active */
  lgi_num_format(1.5, out);
  assert_string_equal(out, "1.5");
  lgi_num_format(-1234.25e-10, out);
  assert_string_equal(out, "-1.23425e-07");
  lgi_num_format_sig(0.1, 17, out);
  assert_string_equal(out, "0.10000000000000001");
  assert_int_equal(parse("1.5", &v), LG_OK);
  assert_true(v == 1.5);
  assert_int_equal(parse("1,5", &v), LG_ESYNTAX);
  assert_true(lgi_num_round(2.675, 2) == 2.68);
  print_message("under LC_ALL=%s numbers still use '.'\n", got);
  setlocale(LC_ALL, "C");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(parse_accepts_exactly_the_json_grammar),
      cmocka_unit_test(parse_rounds_hard_cases_exactly),
      cmocka_unit_test(parse_handles_very_long_inputs),
      cmocka_unit_test(parse_matches_strtod_on_random_decimals),
      cmocka_unit_test(parse_matches_strtod_on_exact_halfway_points),
      cmocka_unit_test(format_writes_json_examples),
      cmocka_unit_test(format_prints_every_integer_up_to_2_53_exactly),
      cmocka_unit_test(format_round_trips_random_doubles),
      cmocka_unit_test(format_picks_first_precision_that_reads_back),
      cmocka_unit_test(format_sig_matches_printf_g_at_every_precision),
      cmocka_unit_test(format_sig_clamps_precision),
      cmocka_unit_test(round_goes_half_away_from_zero_as_printed),
      cmocka_unit_test(round_result_prints_with_at_most_the_decimals),
      cmocka_unit_test(numbers_ignore_a_decimal_comma_locale),
  };
  return cmocka_run_group_tests_name("num", tests, NULL, NULL);
}
