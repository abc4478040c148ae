/* test_text.c - locale-independent ASCII helpers (src/core/text.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static void lower_changes_only_ascii_capitals(void **state) {
  int c;
  (void)state;
  for (c = -1; c < 256; c++) {
    int want = c >= 'A' && c <= 'Z' ? c + 32 : c;
    assert_int_equal(lgi_ascii_lower(c), want);
  }
}

static void casecmp_ignores_ascii_case_only(void **state) {
  (void)state;
  assert_int_equal(lgi_ascii_casecmp("Hello", "hELLO"), 0);
  assert_int_equal(lgi_ascii_casecmp("", ""), 0);
  assert_true(lgi_ascii_casecmp("abc", "abd") < 0);
  assert_true(lgi_ascii_casecmp("ABD", "abc") > 0);
  assert_true(lgi_ascii_casecmp("ab", "abc") < 0);
  assert_true(lgi_ascii_casecmp("abc", "AB") > 0);
  /* Non-ASCII bytes compare as unsigned and are never folded. */
  assert_true(lgi_ascii_casecmp("\xC3\x89", "\xC3\xA9") < 0);
  assert_true(lgi_ascii_casecmp("z", "\xC3\xA9") < 0);
  /* Lowered bytes are compared, as strcasecmp does in the C locale. */
  assert_true(lgi_ascii_casecmp("[", "A") < 0);
}

static void is_id_accepts_the_id_grammar(void **state) {
  static const char *const ok[] = {"a", "0", "sign.exhausted", "one-sided", "a_b", "x.y-z_0",
                                   "9lives"};
  char max[65];
  size_t i;
  (void)state;
  for (i = 0; i < sizeof ok / sizeof ok[0]; i++) assert_int_equal(lgi_is_id(ok[i], strlen(ok[i])), 1);
  memset(max, 'a', 64);
  assert_int_equal(lgi_is_id(max, 64), 1);
  assert_int_equal(lgi_is_id(max, 65), 0);
}

static void is_id_rejects_everything_else(void **state) {
  static const char *const bad[] = {"", ".a", "-a", "_a", "A", "aB", "a b", "a/b", "a~b",
                                    "caf\xC3\xA9", "a\n"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) assert_int_equal(lgi_is_id(bad[i], strlen(bad[i])), 0);
  assert_int_equal(lgi_is_id("ab\0c", 4), 0);
  assert_int_equal(lgi_is_id(NULL, 3), 0);
  assert_int_equal(lgi_is_id("abc", 2), 1); /* only n bytes count */
}

/* The grammar spelled out, for every byte at the first and at a later place. */
static void is_id_decides_every_byte_as_the_grammar_says(void **state) {
  char s[3] = "aaa";
  int c;
  (void)state;
  for (c = 0; c < 256; c++) {
    int start = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    int inner = start || c == '.' || c == '_' || c == '-';
    s[0] = (char)c;
    s[1] = 'a';
    assert_int_equal(lgi_is_id(s, 1), start);
    assert_int_equal(lgi_is_id(s, 3), start);
    s[0] = 'a';
    s[1] = (char)c;
    assert_int_equal(lgi_is_id(s, 2), inner);
    assert_int_equal(lgi_is_id(s, 3), inner);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lower_changes_only_ascii_capitals),
      cmocka_unit_test(casecmp_ignores_ascii_case_only),
      cmocka_unit_test(is_id_accepts_the_id_grammar),
      cmocka_unit_test(is_id_rejects_everything_else),
      cmocka_unit_test(is_id_decides_every_byte_as_the_grammar_says),
  };
  return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
