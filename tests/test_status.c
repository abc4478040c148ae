/* test_status.c - lg_version and lg_strerror (src/core/status.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <letgo/letgo.h>

static void version_matches_the_macros(void **state) {
  (void)state;
  assert_string_equal(lg_version(), LG_VERSION_STRING);
  assert_string_equal(LG_VERSION_STRING, "0.1.0");
}

static void every_status_has_its_own_sentence(void **state) {
  int s, t;
  (void)state;
  for (s = LG_ETRUNC; s <= LG_OK; s++) {
    const char *m = lg_strerror(s);
    size_t n = strlen(m);
    assert_non_null(m);
    assert_true(n > 10);
    assert_true(m[0] >= 'A' && m[0] <= 'Z');
    assert_int_equal(m[n - 1], '.');
    assert_string_not_equal(m, "unknown status");
    for (t = LG_ETRUNC; t < s; t++) assert_string_not_equal(m, lg_strerror(t));
  }
}

static void unknown_codes_say_so(void **state) {
  (void)state;
  assert_string_equal(lg_strerror(1), "unknown status");
  assert_string_equal(lg_strerror(LG_ETRUNC - 1), "unknown status");
  assert_string_equal(lg_strerror(-1000), "unknown status");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(version_matches_the_macros),
      cmocka_unit_test(every_status_has_its_own_sentence),
      cmocka_unit_test(unknown_codes_say_so),
  };
  return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
