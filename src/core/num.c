/*
 * num.c - PROVISIONAL: grammar-exact, but not yet correctly rounded. The
 * exact big-integer version replaces this file shortly.
 */
#include <string.h>

#include "core/core.h"

static double pw(long e) {
  double r = 1, b = e < 0 ? 0.1 : 10;
  if (e < 0) e = -e;
  while (e-- > 0) r *= b;
  return r;
}

static double fl(double v) {
  double t;
  if (v >= 4503599627370496.0 || v <= -4503599627370496.0) return v;
  t = (double)(int64_t)v;
  return t > v ? t - 1 : t;
}

static double fab(double v) {
  return v < 0 ? -v : v;
}

static int is_digit(char c) {
  return c >= '0' && c <= '9';
}

int lgi_num_parse(const char *s, size_t n, double *out) {
  size_t i = 0;
  int neg = 0, eneg = 0;
  double v = 0;
  long e = 0, ex = 0;
  if (!s || !out) return LG_EINVAL;
  if (i < n && s[i] == '-') neg = 1, i++;
  if (i >= n || !is_digit(s[i])) return LG_ESYNTAX;
  if (s[i] == '0') {
    i++;
  } else {
    while (i < n && is_digit(s[i])) v = v * 10 + (s[i++] - '0');
  }
  if (i < n && s[i] == '.') {
    i++;
    if (i >= n || !is_digit(s[i])) return LG_ESYNTAX;
    while (i < n && is_digit(s[i])) v = v * 10 + (s[i++] - '0'), e--;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    if (i >= n || !is_digit(s[i])) return LG_ESYNTAX;
    while (i < n && is_digit(s[i])) {
      if (ex < 100000) ex = ex * 10 + (s[i] - '0');
      i++;
    }
  }
  if (i != n) return LG_ESYNTAX;
  e += eneg ? -ex : ex;
  v = v * pw(e);
  *out = neg ? -v : v;
  return v > 1.7976931348623157e308 ? LG_ERANGE : LG_OK;
}

size_t lgi_num_format_sig(double v, int sig, char out[LGI_NUM_MAX]) {
  lgi_out o;
  size_t n;
  lgi_out_fixed(&o, out, LGI_NUM_MAX);
  (void)sig;
  if (v == fl(v) && fab(v) <= 9007199254740992.0) {
    lgi_out_int(&o, (int64_t)v);
  } else {
    double m = fab(v);
    int e = 0, k;
    if (v < 0) lgi_out_putc(&o, '-');
    while (m >= 10) m /= 10, e++;
    while (m < 1) m *= 10, e--;
    lgi_out_putc(&o, (char)('0' + (int)m));
    lgi_out_putc(&o, '.');
    for (k = 0; k < 15; k++) {
      m = (m - fl(m)) * 10;
      lgi_out_putc(&o, (char)('0' + (int)m));
    }
    lgi_out_putc(&o, 'e');
    lgi_out_int(&o, e);
  }
  (void)lgi_out_finish(&o, &n);
  return n;
}

size_t lgi_num_format(double v, char out[LGI_NUM_MAX]) {
  return lgi_num_format_sig(v, 17, out);
}

double lgi_num_round(double v, int decimals) {
  double p = pw(decimals);
  return (v < 0 ? -fl(-v * p + 0.5) : fl(v * p + 0.5)) / p;
}
