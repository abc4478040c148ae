/*
 * date.c - civil dates in the proleptic Gregorian calendar, as day counts
 * from 1970-01-01, without time_t or any libc time function (the library
 * never reads the clock and has no time zone).
 *
 * The conversions are Howard Hinnant's days_from_civil and
 * civil_from_days: the year is shifted to start in March so the leap day
 * falls last, then 400-year eras of 146097 days are split into days of the
 * era. They hold for any year; the library accepts 1900-2399.
 */
#include "core/core.h"

#define YEAR_MIN 1900
#define YEAR_MAX 2399

static int is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m) {
  static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int lgi_date_valid(int y, int m, int d) {
  if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1) return 0;
  return d <= days_in_month(y, m);
}

int32_t lgi_days_from_civil(int y, int m, int d) {
  int32_t era, yoe, doy, doe;
  int32_t yy = (int32_t)y - (m <= 2);
  era = (yy >= 0 ? yy : yy - 399) / 400;
  yoe = yy - era * 400;                                  /* [0, 399]   */
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365]   */
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
  return era * 146097 + doe - 719468;
}

void lgi_civil_from_days(int32_t days, int *y, int *m, int *d) {
  int32_t z = days + 719468;
  int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  int32_t doe = z - era * 146097;
  int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int32_t mp = (5 * doy + 2) / 153;
  int32_t mm = mp < 10 ? mp + 3 : mp - 9;
  if (y) *y = (int)(yoe + era * 400 + (mm <= 2));
  if (m) *m = (int)mm;
  if (d) *d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int lgi_weekday(int32_t days) {
  /* 1970-01-01 was a Thursday (4); the % is kept non-negative. */
  int32_t r = (days + 3) % 7;
  return (int)(r < 0 ? r + 7 : r) + 1;
}

int lgi_date_add_days(int *y, int *m, int *d, int32_t delta) {
  int ny, nm, nd;
  if (!y || !m || !d || !lgi_date_valid(*y, *m, *d)) return LG_EINVAL;
  /* Years 1900-2399 span about 182,600 days: clamp so the sum cannot
   * overflow, and anything that far out is out of range anyway. */
  if (delta > 200000 || delta < -200000) return LG_ERANGE;
  lgi_civil_from_days(lgi_days_from_civil(*y, *m, *d) + delta, &ny, &nm, &nd);
  if (ny < YEAR_MIN || ny > YEAR_MAX) return LG_ERANGE;
  *y = ny;
  *m = nm;
  *d = nd;
  return LG_OK;
}

static int digits(const char *s, int n, int *out) {
  int i, v = 0;
  for (i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 0;
}

int lgi_date_parse(const char *s, size_t n, int *y, int *m, int *d) {
  int yy, mm, dd;
  if (!s || !y || !m || !d) return LG_EINVAL;
  if (n != 10 || s[4] != '-' || s[7] != '-') return LG_ESYNTAX;
  if (digits(s, 4, &yy) || digits(s + 5, 2, &mm) || digits(s + 8, 2, &dd)) return LG_ESYNTAX;
  if (!lgi_date_valid(yy, mm, dd)) return LG_ERANGE;
  *y = yy;
  *m = mm;
  *d = dd;
  return LG_OK;
}

size_t lgi_date_format(int y, int m, int d, char out[11]) {
  /* Fields are written modulo their width so a bad date cannot overflow. */
  unsigned uy = (unsigned)(y < 0 ? 0 : y) % 10000u, um = (unsigned)(m < 0 ? 0 : m) % 100u,
           ud = (unsigned)(d < 0 ? 0 : d) % 100u;
  out[0] = (char)('0' + uy / 1000);
  out[1] = (char)('0' + uy / 100 % 10);
  out[2] = (char)('0' + uy / 10 % 10);
  out[3] = (char)('0' + uy % 10);
  out[4] = '-';
  out[5] = (char)('0' + um / 10);
  out[6] = (char)('0' + um % 10);
  out[7] = '-';
  out[8] = (char)('0' + ud / 10);
  out[9] = (char)('0' + ud % 10);
  out[10] = '\0';
  return 10;
}
