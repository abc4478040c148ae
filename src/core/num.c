/*
 * num.c - JSON numbers without the C library: exact, locale-independent and
 * the same on every platform.
 *
 * Parsing is correctly rounded (round-half-even, as IEEE 754 and strtod in
 * the C locale do). Most inputs take Clinger's fast path: an integer
 * significand of at most 2^53 and a power of ten of at most 10^22 are both
 * exact doubles, so one multiplication or division rounds once, correctly.
 * Everything else starts from a floating-point estimate a few ulps off and
 * corrects it with exact big-integer comparisons against the halfway points
 * between neighbouring doubles. Only the estimate uses floating point, so
 * the answer does not depend on the FPU (x87 extended precision, FMA
 * contraction on arm or s390x); where FLT_EVAL_METHOD is not 0 the fast
 * path is skipped because its single rounding is not guaranteed there.
 *
 * Formatting generates digits exactly from the double's binary value with
 * big integers (Steele & White's scheme, as in Dragon4), so no libc and no
 * locale is involved. lgi_num_format takes the first precision from 1 to 17
 * whose correctly rounded digits read back as the same double.
 */
#include <float.h>
#include <string.h>

#include "core/core.h"

/* ---- big unsigned integers -------------------------------------------- */

/* Enough for the largest comparison: 801 significant digits (2661 bits)
 * against (2m+1) * 5^1144 (2710 bits), plus alignment shifts. */
#define BIG_LIMBS 200

typedef struct big {
  uint32_t d[BIG_LIMBS]; /* little-endian base-2^32 limbs */
  size_t n;              /* limbs in use; no leading zero limbs */
} big;

static void big_trim(big *a) {
  while (a->n > 0 && a->d[a->n - 1] == 0) a->n--;
}

static void big_set(big *a, uint64_t v) {
  a->n = 0;
  while (v) {
    a->d[a->n++] = (uint32_t)v;
    v >>= 32;
  }
}

static void big_copy(big *dst, const big *src) {
  dst->n = src->n;
  memcpy(dst->d, src->d, src->n * sizeof src->d[0]);
}

/* a = a * m + add. Capacity is never exceeded for the values num.c
 * builds (see BIG_LIMBS); the guard only keeps a mistake in bounds. */
static void big_mul_add_small(big *a, uint32_t m, uint32_t add) {
  uint64_t carry = add;
  size_t i;
  for (i = 0; i < a->n; i++) {
    uint64_t t = (uint64_t)a->d[i] * m + carry;
    a->d[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry && a->n < BIG_LIMBS) a->d[a->n++] = (uint32_t)carry;
  big_trim(a);
}

static void big_mul_small(big *a, uint32_t m) {
  big_mul_add_small(a, m, 0);
}

static void big_mul_pow5(big *a, unsigned k) {
  static const uint32_t pow5[14] = {1u,       5u,        25u,        125u,       625u,
                                    3125u,    15625u,    78125u,     390625u,    1953125u,
                                    9765625u, 48828125u, 244140625u, 1220703125u};
  while (k >= 13) {
    big_mul_small(a, pow5[13]);
    k -= 13;
  }
  if (k) big_mul_small(a, pow5[k]);
}

static void big_shl(big *a, unsigned bits) {
  size_t limbs = bits / 32, i;
  unsigned r = bits % 32;
  if (a->n == 0) return;
  if (a->n + limbs + 1 > BIG_LIMBS) limbs = BIG_LIMBS - 1 - a->n;
  if (r) {
    uint32_t top = a->d[a->n - 1] >> (32 - r);
    for (i = a->n - 1; i > 0; i--) a->d[i] = (a->d[i] << r) | (a->d[i - 1] >> (32 - r));
    a->d[0] <<= r;
    if (top) a->d[a->n++] = top;
  }
  if (limbs) {
    memmove(a->d + limbs, a->d, a->n * sizeof a->d[0]);
    memset(a->d, 0, limbs * sizeof a->d[0]);
    a->n += limbs;
  }
}

static void big_mul_pow10(big *a, unsigned k) {
  big_mul_pow5(a, k);
  big_shl(a, k);
}

static int big_cmp(const big *a, const big *b) {
  size_t i;
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (i = a->n; i > 0; i--)
    if (a->d[i - 1] != b->d[i - 1]) return a->d[i - 1] < b->d[i - 1] ? -1 : 1;
  return 0;
}

/* a -= b; requires a >= b. */
static void big_sub(big *a, const big *b) {
  uint64_t borrow = 0;
  size_t i;
  for (i = 0; i < a->n; i++) {
    uint64_t t = (uint64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
    a->d[i] = (uint32_t)t;
    borrow = (t >> 32) & 1;
  }
  big_trim(a);
}

/* a -= q * b; requires a >= q * b. */
static void big_submul_small(big *a, const big *b, uint32_t q) {
  uint64_t carry = 0, borrow = 0;
  size_t i;
  if (q == 0) return;
  for (i = 0; i < a->n; i++) {
    uint64_t p = (i < b->n ? (uint64_t)b->d[i] * q : 0) + carry;
    uint64_t t = (uint64_t)a->d[i] - (uint32_t)p - borrow;
    carry = p >> 32;
    a->d[i] = (uint32_t)t;
    borrow = (t >> 32) & 1;
  }
  big_trim(a);
}

static unsigned big_bitlen(const big *a) {
  uint32_t top;
  unsigned bits;
  if (a->n == 0) return 0;
  top = a->d[a->n - 1];
  bits = (unsigned)(a->n - 1) * 32;
  while (top) {
    bits++;
    top >>= 1;
  }
  return bits;
}

/* Compares a * 2^ea with b * 2^eb without changing a or b. */
static int big_cmp_scaled(const big *a, int ea, const big *b, int eb) {
  big t;
  if (ea >= eb) {
    big_copy(&t, a);
    big_shl(&t, (unsigned)(ea - eb));
    return big_cmp(&t, b);
  }
  big_copy(&t, b);
  big_shl(&t, (unsigned)(eb - ea));
  return big_cmp(a, &t);
}

/* ---- doubles as bits ---------------------------------------------------- */

static uint64_t to_bits(double v) {
  uint64_t u;
  memcpy(&u, &v, sizeof u);
  return u;
}

static double from_bits(uint64_t u) {
  double v;
  memcpy(&v, &u, sizeof v);
  return v;
}

#define EXP_MASK   0x7FF0000000000000u
#define FRAC_MASK  0x000FFFFFFFFFFFFFu
#define HIDDEN_BIT 0x0010000000000000u

/* A positive finite v as m * 2^k with m an integer (53 bits when normal). */
static void decompose(double v, uint64_t *m, int *k) {
  uint64_t u = to_bits(v) & ~((uint64_t)1 << 63);
  int e = (int)(u >> 52);
  if (e == 0) {
    *m = u & FRAC_MASK;
    *k = -1074;
  } else {
    *m = (u & FRAC_MASK) | HIDDEN_BIT;
    *k = e - 1075;
  }
}

static int is_finite(double v) {
  return (to_bits(v) & EXP_MASK) != EXP_MASK;
}

/* ---- parsing ------------------------------------------------------------ */

/* Significant digits kept: a halfway point between two doubles has at most
 * 767 of them, so digits past 800 only matter as "nonzero or not". */
#define MAX_DIGITS 800

typedef struct decimal {
  unsigned char dig[MAX_DIGITS + 1]; /* digit values, no leading zeros */
  int n;                             /* count, trailing zeros removed */
  long exp;                          /* value = digits (as integer) * 10^exp */
} decimal;

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* Reads the JSON number grammar into a decimal; 0 or -1 (syntax). */
static int scan(const char *s, size_t n, decimal *d, int *neg) {
  size_t i = 0;
  long frac_digits = 0, ex = 0;
  int truncated = 0, eneg = 0;
  d->n = 0;
  d->exp = 0;
  *neg = 0;
  if (i < n && s[i] == '-') {
    *neg = 1;
    i++;
  }
  if (i >= n || !is_digit(s[i])) return -1;
  if (s[i] == '0') {
    i++;
  } else {
    for (; i < n && is_digit(s[i]); i++) {
      if (d->n < MAX_DIGITS)
        d->dig[d->n++] = (unsigned char)(s[i] - '0');
      else {
        d->exp++; /* an integer digit past what is kept still scales */
        if (s[i] != '0') truncated = 1;
      }
    }
  }
  if (i < n && s[i] == '.') {
    i++;
    if (i >= n || !is_digit(s[i])) return -1;
    for (; i < n && is_digit(s[i]); i++) {
      if (d->n == 0 && s[i] == '0') {
        frac_digits++; /* leading zeros only move the point */
      } else if (d->n < MAX_DIGITS) {
        d->dig[d->n++] = (unsigned char)(s[i] - '0');
        frac_digits++;
      } else if (s[i] != '0') {
        truncated = 1;
      }
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    if (i >= n || !is_digit(s[i])) return -1;
    for (; i < n && is_digit(s[i]); i++)
      if (ex < 100000000L) ex = ex * 10 + (s[i] - '0'); /* saturates far beyond any double */
  }
  if (i != n) return -1;
  if (truncated) {
    /* A 1 after the kept digits stands for the nonzero tail: it falls
     * strictly between the same two neighbours as the true value. */
    d->dig[d->n++] = 1;
    frac_digits++;
  }
  d->exp += (eneg ? -ex : ex) - frac_digits;
  while (d->n > 0 && d->dig[d->n - 1] == 0) {
    d->n--;
    d->exp++;
  }
  return 0;
}

/* Compares the decimal (as big D, exponent e10) with the point halfway
 * between the double m*2^k and its successor, (2m+1) * 2^(k-1). */
static int cmp_halfway(const big *dpow, long e10, const big *p5, uint64_t m, int k) {
  big h;
  big_set(&h, 2 * m + 1);
  if (e10 >= 0) return big_cmp_scaled(dpow, (int)e10, &h, k - 1);
  /* D * 10^e10 vs h * 2^(k-1)  <=>  D vs h * 5^-e10 * 2^(k-1-e10) */
  {
    big t;
    size_t i, j;
    t.n = 0;
    memset(t.d, 0, sizeof t.d);
    /* t = h * p5 (schoolbook; h has at most two limbs) */
    for (i = 0; i < h.n; i++) {
      uint64_t carry = 0;
      for (j = 0; j < p5->n && i + j < BIG_LIMBS; j++) {
        uint64_t x = (uint64_t)h.d[i] * p5->d[j] + t.d[i + j] + carry;
        t.d[i + j] = (uint32_t)x;
        carry = x >> 32;
      }
      if (i + j < BIG_LIMBS) t.d[i + j] = (uint32_t)carry;
    }
    t.n = h.n + p5->n < BIG_LIMBS ? h.n + p5->n : BIG_LIMBS;
    big_trim(&t);
    return big_cmp_scaled(dpow, 0, &t, (int)(k - 1 - e10));
  }
}

/* The estimate: the first 19 digits scaled by powers of ten in floating
 * point. A few ulps off at worst; exact comparison fixes it. */
static double estimate(const decimal *d) {
  uint64_t w = 0;
  int i, take = d->n < 19 ? d->n : 19;
  long e = d->exp + (d->n - take);
  double x;
  for (i = 0; i < take; i++) w = w * 10 + d->dig[i];
  x = (double)w;
  for (; e >= 22; e -= 22) x *= 1e22;
  if (e > 0) x *= pow10_exact[e];
  for (; e <= -22; e += 22) x /= 1e22;
  if (e < 0) x /= pow10_exact[-e];
  return x;
}

static double correct(const decimal *d, double x) {
  big dpow, p5;
  p5.n = 0;
  uint64_t m, u;
  int k, i, c;
  big_set(&dpow, 0);
  /* Nine digits at a time: 10^9 still fits a limb. */
  for (i = 0; i < d->n;) {
    uint32_t chunk = 0, scale = 1;
    int j;
    for (j = 0; j < 9 && i < d->n; j++, i++) {
      chunk = chunk * 10 + d->dig[i];
      scale *= 10;
    }
    big_mul_add_small(&dpow, scale, chunk);
  }
  if (d->exp >= 0) {
    big_mul_pow5(&dpow, (unsigned)d->exp); /* the 2^exp goes in the scale */
  } else {
    big_set(&p5, 1);
    big_mul_pow5(&p5, (unsigned)-d->exp);
  }
  u = to_bits(x);
  if ((u & EXP_MASK) == EXP_MASK) u = EXP_MASK - 1; /* inf: start at DBL_MAX */
  /* Each round moves one ulp toward the true value; the estimate is close,
   * so few are needed, but the loop is exact however many it takes. */
  for (;;) {
    decompose(from_bits(u), &m, &k);
    c = cmp_halfway(&dpow, d->exp, &p5, m, k);
    if (c > 0 || (c == 0 && (m & 1))) {
      u++; /* above the upper halfway point (or a tie to the odd side) */
      if ((u & EXP_MASK) == EXP_MASK) break; /* rounds to infinity */
      continue;
    }
    if (u == 0) break;
    decompose(from_bits(u - 1), &m, &k);
    c = cmp_halfway(&dpow, d->exp, &p5, m, k);
    if (c < 0 || (c == 0 && !(m & 1))) {
      u--; /* below the lower halfway point (or a tie to the even side) */
      continue;
    }
    break;
  }
  return from_bits(u);
}

int lgi_num_parse(const char *s, size_t n, double *out) {
  decimal d;
  int neg;
  double v;
  long point;
  if (!s || !out) return LG_EINVAL;
  if (scan(s, n, &d, &neg) != 0) return LG_ESYNTAX;
  point = d.exp + d.n; /* value < 10^point and >= 10^(point-1) */
  if (d.n == 0 || point < -324) {
    v = 0.0; /* below half the smallest subnormal (2.47e-324) */
  } else if (point > 310) {
    v = from_bits(EXP_MASK); /* at least 1e310 */
  } else {
    v = -1;
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    if (d.n <= 15 && d.exp >= -22 && d.exp <= 22 + 15 - d.n) {
      uint64_t w = 0;
      int i;
      long e = d.exp;
      for (i = 0; i < d.n; i++) w = w * 10 + d.dig[i];
      for (; e > 22; e--) w *= 10; /* stays below 10^15: exact */
      if (e >= 0)
        v = (double)w * pow10_exact[e];
      else
        v = (double)w / pow10_exact[-e];
    }
#endif
    if (v < 0) v = correct(&d, estimate(&d));
  }
  *out = neg ? -v : v;
  return is_finite(v) ? LG_OK : LG_ERANGE;
}

/* ---- digit generation ---------------------------------------------------- */

/*
 * Digits of a positive finite v. With shortest set, stops at the first
 * precision (1-17) whose correctly rounded digits read back as v; else
 * produces exactly `want` digits rounded half-even on the exact value, as
 * printf does. Returns the digit count (trailing zeros possible) and sets
 * *point: v ~= 0.d1d2... * 10^(point).
 */
static int gen_digits(double v, int shortest, int want, char *dig, int *point) {
  big r, s, mplus, mminus, t;
  uint64_t m;
  int k, est, i, even, unequal, up = 0, n = 0;
  unsigned bl;
  decompose(v, &m, &k);
  even = (m & 1) == 0;
  /* At a power of two the gap below is half the gap above. */
  unequal = m == HIDDEN_BIT && k > -1074;
  /* r/s = v, mplus/s and mminus/s = half the gaps above and below. */
  big_set(&r, m);
  if (k >= 0) {
    big_shl(&r, (unsigned)k + (unequal ? 2 : 1));
    big_set(&s, unequal ? 4 : 2);
    big_set(&mplus, 1);
    big_shl(&mplus, (unsigned)k + (unequal ? 1 : 0));
    big_set(&mminus, 1);
    big_shl(&mminus, (unsigned)k);
  } else {
    big_shl(&r, unequal ? 2 : 1);
    big_set(&s, 1);
    big_shl(&s, (unsigned)(-k) + (unequal ? 2 : 1));
    big_set(&mplus, unequal ? 2 : 1);
    big_set(&mminus, 1);
  }
  /* est ~ floor(log10(v)); 1233/4096 is log10(2) to 5 digits. */
  bl = 0;
  while (bl < 64 && (m >> bl)) bl++;
  {
    long l2 = (long)k + (long)bl - 1, prod = l2 * 1233;
    est = (int)(prod >= 0 ? prod / 4096 : -((-prod + 4095) / 4096));
  }
  if (est >= 0) {
    big_mul_pow10(&s, (unsigned)est);
  } else {
    big_mul_pow10(&r, (unsigned)-est);
    big_mul_pow10(&mplus, (unsigned)-est);
    big_mul_pow10(&mminus, (unsigned)-est);
  }
  /* Fix the estimate so 1 <= r/s < 10. */
  for (;;) {
    big_copy(&t, &s);
    big_mul_small(&t, 10);
    if (big_cmp(&r, &t) < 0) break;
    big_copy(&s, &t);
    est++;
  }
  while (big_cmp(&r, &s) < 0) {
    big_mul_small(&r, 10);
    big_mul_small(&mplus, 10);
    big_mul_small(&mminus, 10);
    est--;
  }
  *point = est + 1;
  /* Scale so s's top limb is in [2^27, 2^28): digit estimates are then
   * off by at most one. */
  {
    unsigned sh = (28 - big_bitlen(&s) % 32 + 32) % 32;
    if (sh) {
      big_shl(&s, sh);
      big_shl(&r, sh);
      big_shl(&mplus, sh);
      big_shl(&mminus, sh);
    }
  }
  for (i = 0; i < 17 + 1; i++) {
    uint32_t q = 0;
    int c2, last;
    if (r.n == s.n) q = r.d[r.n - 1] / (s.d[s.n - 1] + 1);
    big_submul_small(&r, &s, q);
    while (big_cmp(&r, &s) >= 0) {
      big_sub(&r, &s);
      q++;
    }
    dig[n++] = (char)('0' + q);
    last = shortest ? 0 : n == want;
    big_copy(&t, &r);
    big_shl(&t, 1);
    c2 = big_cmp(&t, &s);
    up = c2 > 0 || (c2 == 0 && (q & 1));
    if (shortest) {
      if (!up) {
        int c = big_cmp(&r, &mminus);
        last = c < 0 || (c == 0 && even);
      } else {
        int c;
        big_copy(&t, &s);
        big_sub(&t, &r);
        c = big_cmp(&t, &mplus);
        last = c < 0 || (c == 0 && even);
      }
      if (n == 17) last = 1; /* 17 digits always read back */
    }
    if (last) break;
    big_mul_small(&r, 10);
    big_mul_small(&mplus, 10);
    big_mul_small(&mminus, 10);
  }
  if (up) {
    int j = n - 1;
    while (j >= 0 && dig[j] == '9') dig[j--] = '0';
    if (j >= 0) {
      dig[j]++;
    } else {
      dig[0] = '1'; /* 9.99 -> 10.0: one digit more before the point */
      (*point)++;
    }
  }
  return n;
}

/* ---- text ---------------------------------------------------------------- */

static size_t put_exp(char *out, size_t o, int x) {
  int a = x < 0 ? -x : x;
  out[o++] = 'e';
  out[o++] = x < 0 ? '-' : '+';
  if (a >= 100) out[o++] = (char)('0' + a / 100);
  out[o++] = (char)('0' + a / 10 % 10);
  out[o++] = (char)('0' + a % 10);
  return o;
}

/*
 * Writes digits (n, no trailing zeros) with the first digit at 10^x, in
 * fixed form when fixed is set, else as d.ddde+XX.
 */
static size_t layout(char *out, size_t o, const char *dig, int n, int x, int fixed) {
  int i;
  if (!fixed) {
    out[o++] = dig[0];
    if (n > 1) {
      out[o++] = '.';
      for (i = 1; i < n; i++) out[o++] = dig[i];
    }
    return put_exp(out, o, x);
  }
  if (x < 0) {
    out[o++] = '0';
    out[o++] = '.';
    for (i = -1; i > x; i--) out[o++] = '0';
    for (i = 0; i < n; i++) out[o++] = dig[i];
    return o;
  }
  for (i = 0; i <= x; i++) out[o++] = i < n ? dig[i] : '0';
  if (n > x + 1) {
    out[o++] = '.';
    for (i = x + 1; i < n; i++) out[o++] = dig[i];
  }
  return o;
}

/* Sign and zero and non-finite handling shared by both formatters; 1 when
 * it wrote everything. */
static int special(double v, char *out, size_t *len, size_t *o) {
  uint64_t u = to_bits(v);
  *o = 0;
  if (!is_finite(v)) {
    const char *w = (u & FRAC_MASK) ? "nan" : (u >> 63) ? "-inf" : "inf";
    *len = strlen(w);
    memcpy(out, w, *len + 1);
    return 1;
  }
  if (u >> 63) out[(*o)++] = '-';
  if ((u << 1) == 0) {
    out[(*o)++] = '0';
    out[*o] = '\0';
    *len = *o;
    return 1;
  }
  return 0;
}

size_t lgi_num_format(double v, char out[LGI_NUM_MAX]) {
  char dig[20];
  size_t o, len;
  int n, point;
  if (!is_finite(v)) {
    memcpy(out, "null", 5); /* JSON has no infinities or NaN */
    return 4;
  }
  if (special(v, out, &len, &o)) return len;
  n = gen_digits(v < 0 ? -v : v, 1, 0, dig, &point);
  while (n > 1 && dig[n - 1] == '0') n--;
  /* As JavaScript prints numbers: fixed from 1e-6 up to below 1e21. */
  o = layout(out, o, dig, n, point - 1, point - 1 >= -6 && point - 1 < 21);
  out[o] = '\0';
  return o;
}

size_t lgi_num_format_sig(double v, int sig, char out[LGI_NUM_MAX]) {
  char dig[20];
  size_t o, len;
  int n, point, x;
  if (sig < 1) sig = 1;
  if (sig > 17) sig = 17;
  if (special(v, out, &len, &o)) return len;
  n = gen_digits(v < 0 ? -v : v, 0, sig, dig, &point);
  x = point - 1;
  while (n > 1 && dig[n - 1] == '0') n--;
  /* %g: exponent form when x < -4 or x >= precision. */
  o = layout(out, o, dig, n, x, x >= -4 && x < sig);
  out[o] = '\0';
  return o;
}

/*
 * Rounds the number as printed: the shortest decimal that reads back as v
 * (what lgi_num_format writes) is rounded half away from zero, and the
 * result read back exactly. So 2.675, which prints as 2.675 although the
 * double is 2.67499999999999982236431605997495353221893310546875, becomes
 * 2.68, as a person reading the number expects.
 */
double lgi_num_round(double v, int decimals) {
  char dig[20], text[48];
  int n, point, keep, i;
  size_t o = 0;
  long e;
  double r;
  if (!is_finite(v)) return v;
  if (v == 0) return 0.0;
  if (decimals < 0) decimals = 0;
  if (decimals > 17) decimals = 17;
  n = gen_digits(v < 0 ? -v : v, 1, 0, dig, &point);
  keep = point + decimals; /* digits left of the rounding position */
  if (keep >= n) return v;
  if (keep < 0) return 0.0;
  if (v < 0) text[o++] = '-';
  if (keep == 0) {
    text[o++] = dig[0] >= '5' ? '1' : '0';
  } else {
    int carry = dig[keep] >= '5';
    for (i = keep - 1; i >= 0 && carry; i--) {
      if (dig[i] == '9') {
        dig[i] = '0';
      } else {
        dig[i]++;
        carry = 0;
      }
    }
    if (carry) text[o++] = '1';
    for (i = 0; i < keep; i++) text[o++] = dig[i];
  }
  /* text holds the integer count of 10^-decimals units */
  e = -(long)decimals;
  text[o++] = 'e';
  text[o++] = '-';
  text[o++] = (char)('0' + (-e) / 10);
  text[o++] = (char)('0' + (-e) % 10);
  if (lgi_num_parse(text, o, &r) != LG_OK) return v;
  return r == 0 ? 0.0 : r;
}
