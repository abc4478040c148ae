/* test_date.c - civil dates (src/core/date.c). Expected day numbers and
 * weekdays were taken from Python's datetime (proleptic Gregorian). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static const struct {
  int y, m, d;
  int32_t days;
  int weekday;
} known[] = {
    {1900, 1, 1, -25567, 1},  {1969, 12, 31, -1, 3},    {1970, 1, 1, 0, 4},
    {2000, 1, 1, 10957, 6},   {2000, 2, 29, 11016, 2},  {2000, 3, 1, 11017, 3},
    {2024, 2, 29, 19782, 4},  {2026, 11, 26, 20783, 4}, {2038, 1, 19, 24855, 2},
    {2038, 1, 20, 24856, 3},  {2100, 2, 28, 47540, 7},  {2100, 3, 1, 47541, 1},
    {2399, 12, 31, 157053, 5},
};

static void known_dates_have_known_day_numbers(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < sizeof known / sizeof known[0]; i++) {
    int y, m, d;
    assert_int_equal(lgi_days_from_civil(known[i].y, known[i].m, known[i].d), known[i].days);
    assert_int_equal(lgi_weekday(known[i].days), known[i].weekday);
    lgi_civil_from_days(known[i].days, &y, &m, &d);
    assert_int_equal(y, known[i].y);
    assert_int_equal(m, known[i].m);
    assert_int_equal(d, known[i].d);
  }
}

static void leap_years_follow_the_gregorian_rule(void **state) {
  (void)state;
  assert_int_equal(lgi_date_valid(2000, 2, 29), 1); /* divisible by 400 */
  assert_int_equal(lgi_date_valid(2024, 2, 29), 1); /* divisible by 4 */
  assert_int_equal(lgi_date_valid(1900, 2, 29), 0); /* by 100, not 400 */
  assert_int_equal(lgi_date_valid(2100, 2, 29), 0);
  assert_int_equal(lgi_date_valid(2026, 2, 29), 0);
  assert_int_equal(lgi_date_valid(2026, 2, 28), 1);
  assert_int_equal(lgi_date_valid(2026, 4, 31), 0);
  assert_int_equal(lgi_date_valid(2026, 12, 31), 1);
  assert_int_equal(lgi_date_valid(2026, 13, 1), 0);
  assert_int_equal(lgi_date_valid(2026, 0, 1), 0);
  assert_int_equal(lgi_date_valid(2026, 1, 0), 0);
  assert_int_equal(lgi_date_valid(1899, 12, 31), 0);
  assert_int_equal(lgi_date_valid(2400, 1, 1), 0);
}

static int test_days_in_month(int y, int m) {
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : dim[m - 1];
}

static void every_day_1900_to_2399_round_trips(void **state) {
  int32_t expect = -25567;
  int prev_wd = 7; /* 1899-12-31 was a Sunday */
  int y, m, d;
  (void)state;
  for (y = 1900; y <= 2399; y++) {
    for (m = 1; m <= 12; m++) {
      for (d = 1; d <= test_days_in_month(y, m); d++) {
        int32_t days = lgi_days_from_civil(y, m, d);
        int by, bm, bd, py, pm, pd, wd;
        char text[11];
        if (days != expect) fail_msg("%04d-%02d-%02d: %ld, want %ld", y, m, d, (long)days, (long)expect);
        assert_int_equal(lgi_date_valid(y, m, d), 1);
        lgi_civil_from_days(days, &by, &bm, &bd);
        assert_true(by == y && bm == m && bd == d);
        wd = lgi_weekday(days);
        assert_int_equal(wd, prev_wd % 7 + 1);
        prev_wd = wd;
        assert_int_equal(lgi_date_format(y, m, d, text), 10);
        assert_int_equal(lgi_date_parse(text, 10, &py, &pm, &pd), LG_OK);
        assert_true(py == y && pm == m && pd == d);
        py = y, pm = m, pd = d;
        if (days < 157053) {
          int32_t next;
          assert_int_equal(lgi_date_add_days(&py, &pm, &pd, 1), LG_OK);
          next = lgi_days_from_civil(py, pm, pd);
          assert_int_equal(next, days + 1);
        } else {
          assert_int_equal(lgi_date_add_days(&py, &pm, &pd, 1), LG_ERANGE);
        }
        expect++;
      }
      /* the day after the month's end is never valid */
      assert_int_equal(lgi_date_valid(y, m, test_days_in_month(y, m) + 1), 0);
    }
  }
  assert_int_equal(expect, 157054);
}

static void parse_accepts_only_yyyy_mm_dd(void **state) {
  static const char *const syntax[] = {"2026-1-01",   "20260101",    "2026/01/01", "2026-01-01T",
                                       " 2026-01-01", "+026-01-01",  "2026-01-0a", "",
                                       "2026-01-1 ",  "\xEF\xBC\x92\x30\x32\x36-01-01", "2026_01-01", "-026-01-01"};
  int y = 1, m = 2, d = 3;
  size_t i;
  (void)state;
  for (i = 0; i < sizeof syntax / sizeof syntax[0]; i++)
    if (lgi_date_parse(syntax[i], strlen(syntax[i]), &y, &m, &d) != LG_ESYNTAX)
      fail_msg("accepted \"%s\"", syntax[i]);
  assert_int_equal(lgi_date_parse("2026-01-01", 9, &y, &m, &d), LG_ESYNTAX);
  assert_int_equal(lgi_date_parse("2026-01\0" "01", 10, &y, &m, &d), LG_ESYNTAX);
  assert_true(y == 1 && m == 2 && d == 3); /* untouched */
  assert_int_equal(lgi_date_parse(NULL, 10, &y, &m, &d), LG_EINVAL);
  assert_int_equal(lgi_date_parse("2026-01-01", 10, NULL, &m, &d), LG_EINVAL);
  /* only n bytes are read */
  assert_int_equal(lgi_date_parse("2026-03-04xyz", 10, &y, &m, &d), LG_OK);
  assert_true(y == 2026 && m == 3 && d == 4);
}

static void parse_rejects_impossible_dates_as_range_errors(void **state) {
  static const char *const range[] = {"2026-02-29", "1900-02-29", "2100-02-29", "1899-12-31",
                                      "2400-01-01", "0000-01-01", "2026-13-01", "2026-00-10",
                                      "2026-01-00", "2026-04-31", "2026-01-32", "9999-99-99"};
  int y = 1, m = 2, d = 3;
  size_t i;
  (void)state;
  for (i = 0; i < sizeof range / sizeof range[0]; i++)
    if (lgi_date_parse(range[i], 10, &y, &m, &d) != LG_ERANGE) fail_msg("\"%s\" not LG_ERANGE", range[i]);
  assert_true(y == 1 && m == 2 && d == 3);
  assert_int_equal(lgi_date_parse("2024-02-29", 10, &y, &m, &d), LG_OK);
  assert_int_equal(lgi_date_parse("2000-02-29", 10, &y, &m, &d), LG_OK);
  assert_int_equal(lgi_date_parse("1900-01-01", 10, &y, &m, &d), LG_OK);
  assert_int_equal(lgi_date_parse("2399-12-31", 10, &y, &m, &d), LG_OK);
}

static void format_writes_fixed_width_text(void **state) {
  char out[11];
  (void)state;
  assert_int_equal(lgi_date_format(1970, 1, 1, out), 10);
  assert_string_equal(out, "1970-01-01");
  lgi_date_format(2399, 12, 31, out);
  assert_string_equal(out, "2399-12-31");
  lgi_date_format(-5, 123, -1, out); /* nonsense stays inside 11 bytes */
  assert_int_equal(strlen(out), 10);
}

static void add_days_moves_across_months_years_and_bounds(void **state) {
  int y = 2024, m = 2, d = 28;
  (void)state;
  assert_int_equal(lgi_date_add_days(&y, &m, &d, 1), LG_OK);
  assert_true(y == 2024 && m == 2 && d == 29);
  assert_int_equal(lgi_date_add_days(&y, &m, &d, 1), LG_OK);
  assert_true(y == 2024 && m == 3 && d == 1);
  assert_int_equal(lgi_date_add_days(&y, &m, &d, -61), LG_OK);
  assert_true(y == 2023 && m == 12 && d == 31);
  assert_int_equal(lgi_date_add_days(&y, &m, &d, 42), LG_OK);
  assert_true(y == 2024 && m == 2 && d == 11);
  y = 1900, m = 1, d = 1;
  assert_int_equal(lgi_date_add_days(&y, &m, &d, -1), LG_ERANGE);
  assert_true(y == 1900 && m == 1 && d == 1);
  assert_int_equal(lgi_date_add_days(&y, &m, &d, INT32_MAX), LG_ERANGE);
  assert_int_equal(lgi_date_add_days(&y, &m, &d, INT32_MIN), LG_ERANGE);
  assert_int_equal(lgi_date_add_days(&y, &m, &d, 157053 + 25567), LG_OK);
  assert_true(y == 2399 && m == 12 && d == 31);
  m = 2, d = 30;
  assert_int_equal(lgi_date_add_days(&y, &m, &d, 1), LG_EINVAL);
  assert_int_equal(lgi_date_add_days(NULL, &m, &d, 1), LG_EINVAL);
}

static void weekday_is_iso_for_negative_days_too(void **state) {
  int32_t k;
  (void)state;
  for (k = -30000; k <= 30000; k++) {
    int wd = lgi_weekday(k);
    assert_true(wd >= 1 && wd <= 7);
    assert_int_equal(wd, lgi_weekday(k + 7));
  }
  assert_int_equal(lgi_weekday(-4), 7); /* 1969-12-28, a Sunday */
  assert_int_equal(lgi_weekday(-3), 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(known_dates_have_known_day_numbers),
      cmocka_unit_test(leap_years_follow_the_gregorian_rule),
      cmocka_unit_test(every_day_1900_to_2399_round_trips),
      cmocka_unit_test(parse_accepts_only_yyyy_mm_dd),
      cmocka_unit_test(parse_rejects_impossible_dates_as_range_errors),
      cmocka_unit_test(format_writes_fixed_width_text),
      cmocka_unit_test(add_days_moves_across_months_years_and_bounds),
      cmocka_unit_test(weekday_is_iso_for_negative_days_too),
  };
  return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
