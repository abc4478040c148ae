/* test_wipe.c - the secure wipe (src/core/wipe.c). That it survives the
 * optimiser is proven by tests/cmake/core.cmake (core_wipe_*). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "test_alloc.h"

static void wipe_zeroes_exactly_n_bytes(void **state) {
  unsigned char buf[32];
  size_t i;
  (void)state;
  memset(buf, 0xAB, sizeof buf);
  lgi_wipe(buf + 4, 20);
  for (i = 0; i < 4; i++) assert_int_equal(buf[i], 0xAB);
  for (i = 4; i < 24; i++) assert_int_equal(buf[i], 0);
  for (i = 24; i < 32; i++) assert_int_equal(buf[i], 0xAB);
}

static void wipe_null_or_empty_is_harmless(void **state) {
  unsigned char b = 7;
  (void)state;
  lgi_wipe(NULL, 10);
  lgi_wipe(&b, 0);
  assert_int_equal(b, 7);
}

static void wiped_block_holds_no_secret_when_freed(void **state) {
  lgt_alloc t;
  char *p;
  (void)state;
  lgt_alloc_init(&t);
  lgt_alloc_add_secret(&t, "I still love you");
  p = lgi_strndup(&t.base, "I still love you", 16);
  lgi_wipe(p, 17);
  lgi_free(&t.base, p, 17);
  assert_int_equal(t.secret_hits, 0);
  assert_int_equal(t.live_bytes, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(wipe_zeroes_exactly_n_bytes),
      cmocka_unit_test(wipe_null_or_empty_is_harmless),
      cmocka_unit_test(wiped_block_holds_no_secret_when_freed),
  };
  return cmocka_run_group_tests_name("wipe", tests, NULL, NULL);
}
