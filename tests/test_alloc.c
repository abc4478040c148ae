/* test_alloc.c - the allocation layer (src/core/alloc.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "test_alloc.h"

static void *null_realloc(void *ud, void *p, size_t o, size_t n) {
  (void)ud;
  (void)p;
  (void)o;
  (void)n;
  return NULL;
}

static void init_null_gives_libc_allocator(void **state) {
  lg_allocator a;
  char *p;
  (void)state;
  assert_int_equal(lgi_alloc_init(&a, NULL), LG_OK);
  assert_non_null(a.realloc);
  p = lgi_malloc(&a, 100);
  assert_non_null(p);
  memset(p, 'x', 100);
  p = lgi_realloc(&a, p, 100, 200000);
  assert_non_null(p);
  assert_int_equal(p[99], 'x');
  lgi_free(&a, p, 200000);
}

static void init_rejects_half_set_allocator(void **state) {
  lg_allocator a, half = {NULL, NULL};
  int ud;
  (void)state;
  half.ud = &ud;
  assert_int_equal(lgi_alloc_init(&a, &half), LG_EINVAL);
  assert_int_equal(lgi_alloc_init(NULL, NULL), LG_EINVAL);
}

static void init_copies_custom_allocator(void **state) {
  lg_allocator a, src;
  int ud;
  (void)state;
  src.realloc = null_realloc;
  src.ud = &ud;
  assert_int_equal(lgi_alloc_init(&a, &src), LG_OK);
  assert_ptr_equal(a.realloc, null_realloc);
  assert_ptr_equal(a.ud, &ud);
  assert_null(lgi_malloc(&a, 10));
}

static void malloc_zero_returns_null(void **state) {
  lgt_alloc t;
  (void)state;
  lgt_alloc_init(&t);
  assert_null(lgi_malloc(&t.base, 0));
  assert_int_equal(t.allocs, 0);
}

static void calloc_zeroes_and_checks_overflow(void **state) {
  lgt_alloc t;
  unsigned char *p;
  size_t i;
  (void)state;
  lgt_alloc_init(&t);
  p = lgi_calloc(&t.base, 7, 9);
  assert_non_null(p);
  for (i = 0; i < 63; i++) assert_int_equal(p[i], 0);
  assert_int_equal(t.live_bytes, 63);
  lgi_free(&t.base, p, 63);
  assert_null(lgi_calloc(&t.base, SIZE_MAX / 2, 3));
  assert_int_equal(t.live_bytes, 0);
  assert_int_equal(t.allocs, 1);
}

static void realloc_keeps_contents_and_counts(void **state) {
  lgt_alloc t;
  char *p;
  (void)state;
  lgt_alloc_init(&t);
  p = lgi_malloc(&t.base, 4);
  memcpy(p, "abcd", 4);
  p = lgi_realloc(&t.base, p, 4, 1000);
  assert_memory_equal(p, "abcd", 4);
  assert_int_equal(t.live_bytes, 1000);
  assert_int_equal(t.live_blocks, 1);
  lgi_free(&t.base, p, 1000);
  assert_int_equal(t.live_bytes, 0);
  assert_int_equal(t.live_blocks, 0);
}

static void realloc_failure_keeps_old_block(void **state) {
  lgt_alloc t;
  char *p, *q;
  (void)state;
  lgt_alloc_init(&t);
  p = lgi_malloc(&t.base, 8);
  memcpy(p, "12345678", 8);
  lgt_alloc_fail_at(&t, 1);
  q = lgi_realloc(&t.base, p, 8, 64);
  assert_null(q);
  assert_memory_equal(p, "12345678", 8);
  lgi_free(&t.base, p, 8);
  assert_int_equal(t.live_bytes, 0);
}

static void free_null_is_harmless(void **state) {
  lgt_alloc t;
  (void)state;
  lgt_alloc_init(&t);
  lgi_free(&t.base, NULL, 0);
  lgi_free_wiped(&t.base, NULL, 10);
  lgi_free(NULL, NULL, 0);
  assert_int_equal(t.allocs, 0);
}

static void free_wiped_leaves_no_secret(void **state) {
  lgt_alloc t;
  char *p;
  (void)state;
  lgt_alloc_init(&t);
  lgt_alloc_add_secret(&t, "hunter2");
  p = lgi_strndup(&t.base, "my hunter2 secret", 17);
  lgi_free_wiped(&t.base, p, 18);
  assert_int_equal(t.secret_hits, 0);
  p = lgi_strndup(&t.base, "my hunter2 secret", 17);
  lgi_free(&t.base, p, 18);
  assert_int_equal(t.secret_hits, 1); /* the scan itself works */
}

static void strndup_copies_and_terminates(void **state) {
  lgt_alloc t;
  char *p;
  (void)state;
  lgt_alloc_init(&t);
  p = lgi_strndup(&t.base, "hello world", 5);
  assert_string_equal(p, "hello");
  assert_int_equal(t.live_bytes, 6);
  lgi_free(&t.base, p, 6);
  p = lgi_strndup(&t.base, "", 0);
  assert_string_equal(p, "");
  lgi_free(&t.base, p, 1);
  assert_null(lgi_strndup(&t.base, NULL, 3));
  assert_null(lgi_strndup(&t.base, "x", SIZE_MAX));
  lgt_alloc_fail_at(&t, 1);
  assert_null(lgi_strndup(&t.base, "abc", 3));
  assert_int_equal(t.live_bytes, 0);
}

static void size_arithmetic_detects_overflow(void **state) {
  size_t r = 7;
  (void)state;
  assert_int_equal(lgi_size_mul(3, 5, &r), 0);
  assert_int_equal(r, 15);
  assert_int_equal(lgi_size_mul(0, SIZE_MAX, &r), 0);
  assert_int_equal(r, 0);
  assert_int_equal(lgi_size_mul(SIZE_MAX / 2 + 1, 2, &r), -1);
  assert_int_equal(lgi_size_mul(SIZE_MAX, 1, &r), 0);
  assert_true(r == SIZE_MAX);
  assert_int_equal(lgi_size_add(SIZE_MAX - 1, 1, &r), 0);
  assert_true(r == SIZE_MAX);
  assert_int_equal(lgi_size_add(SIZE_MAX, 1, &r), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(init_null_gives_libc_allocator),
      cmocka_unit_test(init_rejects_half_set_allocator),
      cmocka_unit_test(init_copies_custom_allocator),
      cmocka_unit_test(malloc_zero_returns_null),
      cmocka_unit_test(calloc_zeroes_and_checks_overflow),
      cmocka_unit_test(realloc_keeps_contents_and_counts),
      cmocka_unit_test(realloc_failure_keeps_old_block),
      cmocka_unit_test(free_null_is_harmless),
      cmocka_unit_test(free_wiped_leaves_no_secret),
      cmocka_unit_test(strndup_copies_and_terminates),
      cmocka_unit_test(size_arithmetic_detects_overflow),
  };
  return cmocka_run_group_tests_name("alloc", tests, NULL, NULL);
}
