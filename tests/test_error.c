/* test_error.c - JSON Pointers and error records (src/core/error.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static void path_builds_and_pops(void **state) {
  lgi_path p;
  size_t a, b, c;
  (void)state;
  lgi_path_init(&p);
  assert_string_equal(p.s, "");
  a = lgi_path_push_key(&p, "instruments", 11);
  b = lgi_path_push_index(&p, 0);
  c = lgi_path_push_key(&p, "bands", 5);
  lgi_path_push_index(&p, 12);
  assert_string_equal(p.s, "/instruments/0/bands/12");
  assert_int_equal(p.len, 23);
  lgi_path_pop(&p, c);
  assert_string_equal(p.s, "/instruments/0");
  lgi_path_pop(&p, b);
  assert_string_equal(p.s, "/instruments");
  lgi_path_pop(&p, a);
  assert_string_equal(p.s, "");
  assert_int_equal(p.len, 0);
}

static void path_escapes_tilde_and_slash(void **state) {
  lgi_path p;
  (void)state;
  lgi_path_init(&p);
  lgi_path_push_key(&p, "a/b~c", 5);
  lgi_path_push_key(&p, "", 0);
  lgi_path_push_key(&p, "~1", 2);
  assert_string_equal(p.s, "/a~1b~0c//~01");
}

static void path_keeps_nul_free_multibyte_keys(void **state) {
  lgi_path p;
  (void)state;
  lgi_path_init(&p);
  lgi_path_push_key(&p, "caf\xC3\xA9", 5);
  lgi_path_push_index(&p, (size_t)4294967295u);
  assert_string_equal(p.s, "/caf\xC3\xA9/4294967295");
}

static void long_path_is_cut_on_a_character_boundary(void **state) {
  lgi_path p;
  char key[200];
  size_t i, old;
  (void)state;
  for (i = 0; i < 100; i++) {
    key[2 * i] = (char)0xC3;
    key[2 * i + 1] = (char)0xA9;
  }
  lgi_path_init(&p);
  lgi_path_push_key(&p, "x", 1); /* "/x": the rest starts at an odd offset */
  old = lgi_path_push_key(&p, key, 200);
  assert_int_equal(old, 2);
  assert_true(p.len <= 127);
  assert_int_equal(p.len, 127); /* "/x/" + 62 two-byte characters */
  assert_int_equal(strlen(p.s), p.len);
  assert_int_equal(lgi_utf8_valid(p.s, p.len), 1);
  lgi_path_pop(&p, old);
  assert_string_equal(p.s, "/x");
}

static void error_set_fills_every_field(void **state) {
  lg_error e;
  int rc;
  (void)state;
  memset(&e, 0x5A, sizeof e);
  rc = lgi_error_set(&e, LG_ESCHEMA, 3, 14, 42, "/instruments/0/bands/2/max", "bands must ascend; ",
                     "12", " follows ", "20", NULL);
  assert_int_equal(rc, LG_ESCHEMA);
  assert_int_equal(e.status, LG_ESCHEMA);
  assert_int_equal(e.line, 3);
  assert_int_equal(e.column, 14);
  assert_int_equal(e.offset, 42);
  assert_string_equal(e.path, "/instruments/0/bands/2/max");
  assert_string_equal(e.message, "/instruments/0/bands/2/max: bands must ascend; 12 follows 20");
  assert_int_equal(e.reserved_[0], 0);
}

static void error_set_without_path_has_no_prefix(void **state) {
  lg_error e;
  (void)state;
  assert_int_equal(lgi_error_set(&e, LG_EIO, 0, 0, 0, "", "the file could not be read", NULL), LG_EIO);
  assert_string_equal(e.message, "the file could not be read");
  assert_string_equal(e.path, "");
  assert_int_equal(lgi_error_set(&e, LG_EIO, 0, 0, 0, NULL, "x", NULL), LG_EIO);
  assert_string_equal(e.message, "x");
  assert_string_equal(e.path, "");
}

static void error_set_null_err_returns_status(void **state) {
  (void)state;
  assert_int_equal(lgi_error_set(NULL, LG_ENOMEM, 1, 2, 3, "/a", "out of memory", NULL), LG_ENOMEM);
}

static void error_message_is_cut_on_a_character_boundary(void **state) {
  lg_error e;
  char part[400];
  size_t i;
  (void)state;
  for (i = 0; i + 3 <= sizeof part - 1; i += 3) memcpy(part + i, "\xE2\x82\xAC", 3);
  part[i] = '\0';
  lgi_error_set(&e, LG_ELIMIT, 1, 1, 0, "/p", part, NULL);
  /* "/p: " is 4 bytes, then 65 euro signs fit in the remaining 195. */
  assert_int_equal(strlen(e.message), 4 + 65 * 3);
  assert_int_equal(lgi_utf8_valid(e.message, strlen(e.message)), 1);
}

static void error_set_accepts_its_own_path(void **state) {
  lg_error e;
  (void)state;
  lgi_error_set(&e, LG_ESYNTAX, 1, 1, 0, "/entries/7", "bad", NULL);
  lgi_error_set(&e, LG_ESCHEMA, 2, 2, 5, e.path, "again", NULL);
  assert_string_equal(e.path, "/entries/7");
  assert_string_equal(e.message, "/entries/7: again");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(path_builds_and_pops),
      cmocka_unit_test(path_escapes_tilde_and_slash),
      cmocka_unit_test(path_keeps_nul_free_multibyte_keys),
      cmocka_unit_test(long_path_is_cut_on_a_character_boundary),
      cmocka_unit_test(error_set_fills_every_field),
      cmocka_unit_test(error_set_without_path_has_no_prefix),
      cmocka_unit_test(error_set_null_err_returns_status),
      cmocka_unit_test(error_message_is_cut_on_a_character_boundary),
      cmocka_unit_test(error_set_accepts_its_own_path),
  };
  return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
