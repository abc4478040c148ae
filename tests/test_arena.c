/* test_arena.c - the arena (src/core/arena.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "test_alloc.h"

/* The alignment C99 types need here (max_align_t is C11): 16 on x86-64,
 * 8 on armhf, where malloc itself gives no more. */
struct probe {
  char c;
  union {
    long double ld;
    long long ll;
    double d;
    void *p;
  } u;
};
#define STRICTEST offsetof(struct probe, u)

static void results_are_aligned_for_any_type(void **state) {
  lgt_alloc t;
  lgi_arena a;
  size_t i;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  for (i = 0; i < 500; i++) {
    void *p = lgi_arena_alloc(&a, i % 37 + 1);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % STRICTEST, 0);
  }
  lgi_arena_free(&a);
  assert_int_equal(t.live_bytes, 0);
}

/* Text is packed byte by byte; aligned requests between text stay aligned. */
static void bytes_are_packed_and_alignment_survives_them(void **state) {
  lgt_alloc t;
  lgi_arena a;
  char *s1, *s2, *s3, *z1, *z2;
  void *p;
  size_t i;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  s1 = lgi_arena_bytes(&a, 3);
  s2 = lgi_arena_bytes(&a, 5);
  assert_ptr_equal(s2, s1 + 3);
  memcpy(s1, "ab", 3);
  memcpy(s2, "cdef", 5);
  p = lgi_arena_alloc(&a, 8);
  assert_int_equal((uintptr_t)p % STRICTEST, 0);
  assert_ptr_equal((char *)p, s1 + 16); /* 8 bytes of text, padded to 16 */
  s3 = lgi_arena_bytes(&a, 1);
  assert_ptr_equal(s3, (char *)p + 16);
  z1 = lgi_arena_bytes(&a, 0);
  z2 = lgi_arena_bytes(&a, 0);
  assert_non_null(z1);
  assert_ptr_not_equal(z1, z2);
  assert_string_equal(s1, "ab");
  assert_string_equal(s2, "cdef");
  assert_int_equal(t.live_blocks, 1);
  /* Mixed, across many blocks: every aligned result aligned, nothing overlaps. */
  for (i = 0; i < 3000; i++) {
    char *s = lgi_arena_bytes(&a, i % 23 + 1);
    assert_non_null(s);
    memset(s, 'x', i % 23 + 1);
    p = lgi_arena_alloc(&a, i % 7 + 1);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % STRICTEST, 0);
    memset(p, 'y', i % 7 + 1);
  }
  /* A large text gets an exact block of its own, keeping the current one. */
  s1 = lgi_arena_bytes(&a, 40001);
  assert_non_null(s1);
  memset(s1, 'z', 40001);
  assert_int_equal(a.bytes, t.live_bytes);
  lgt_alloc_fail_at(&t, 1);
  assert_null(lgi_arena_bytes(&a, 50000));
  lgi_arena_free(&a);
  assert_int_equal(t.live_bytes, 0);
}

static void zero_bytes_gives_valid_pointer(void **state) {
  lgt_alloc t;
  lgi_arena a;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  assert_non_null(lgi_arena_alloc(&a, 0));
  lgi_arena_free(&a);
  assert_int_equal(t.live_blocks, 0);
}

static void allocations_do_not_overlap(void **state) {
  lgt_alloc t;
  lgi_arena a;
  unsigned char *ps[300];
  size_t i, j;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  for (i = 0; i < 300; i++) {
    size_t n = (i * 97) % 3000 + 1;
    ps[i] = lgi_arena_alloc(&a, n);
    assert_non_null(ps[i]);
    memset(ps[i], (int)(i & 0xFF), n);
  }
  for (i = 0; i < 300; i++) {
    size_t n = (i * 97) % 3000 + 1;
    for (j = 0; j < n; j++) assert_int_equal(ps[i][j], i & 0xFF);
  }
  lgi_arena_free(&a);
  assert_int_equal(t.live_bytes, 0);
}

static void block_sizes_grow_to_64_kibibytes(void **state) {
  lgt_alloc t;
  lgi_arena a;
  size_t i;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  assert_non_null(lgi_arena_alloc(&a, 16));
  assert_int_equal(t.live_blocks, 1);
  assert_true(t.live_bytes >= 4096 && t.live_bytes < 4096 + 256);
  /* 8 MiB in 1 KiB pieces: blocks of 4 (3 pieces after the 16 bytes), 8,
   * 16, 32 and 64 KiB (123 pieces in all), then 64 KiB blocks of 64. */
  for (i = 0; i < 8192; i++) assert_non_null(lgi_arena_alloc(&a, 1024));
  assert_int_equal(t.live_blocks, 5 + (8192 - 123 + 63) / 64);
  assert_int_equal(a.bytes, t.live_bytes);
  assert_true(t.peak_bytes < (size_t)10 << 20);
  lgi_arena_free(&a);
  assert_int_equal(t.live_bytes, 0);
  assert_int_equal(a.bytes, 0);
}

static void large_request_gets_own_block_and_keeps_current(void **state) {
  lgt_alloc t;
  lgi_arena a;
  unsigned char *small1, *big, *small2;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  small1 = lgi_arena_alloc(&a, 16);
  big = lgi_arena_alloc(&a, (size_t)3 << 20);
  assert_non_null(big);
  memset(big, 1, (size_t)3 << 20);
  assert_int_equal(t.live_blocks, 2);
  small2 = lgi_arena_alloc(&a, 16);
  assert_int_equal(t.live_blocks, 2); /* still from the first block */
  assert_true(small2 > small1 && small2 < small1 + 4096);
  lgi_arena_free(&a);
  assert_int_equal(t.live_bytes, 0);
}

/* Over a quarter of the next block (8 KiB after the first 4 KiB): a block of
 * exactly its size, so a long-lived arena wastes at most a quarter. */
static void a_request_over_a_quarter_block_gets_an_exact_block(void **state) {
  lgt_alloc t;
  lgi_arena a;
  unsigned char *small1, *mid, *small2;
  size_t before;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  small1 = lgi_arena_alloc(&a, 16);
  before = t.live_bytes;
  assert_non_null(lgi_arena_alloc(&a, 2048)); /* a quarter: from the block */
  assert_int_equal(t.live_blocks, 1);
  mid = lgi_arena_alloc(&a, 2049);
  assert_non_null(mid);
  memset(mid, 1, 2049);
  assert_int_equal(t.live_blocks, 2);
  assert_true(t.live_bytes - before >= 2064 && t.live_bytes - before < 2064 + 256);
  small2 = lgi_arena_alloc(&a, 16);
  assert_int_equal(t.live_blocks, 2); /* still from the first block */
  assert_true(small2 > small1 && small2 < small1 + 4096);
  assert_int_equal(a.bytes, t.live_bytes);
  lgi_arena_free(&a);
  assert_int_equal(t.live_bytes, 0);
  /* An empty arena: 2 KiB starts a normal 4 KiB block that later requests share. */
  assert_non_null(lgi_arena_alloc(&a, 2048));
  assert_non_null(lgi_arena_alloc(&a, 1024));
  assert_int_equal(t.live_blocks, 1);
  assert_true(t.live_bytes >= 4096 && t.live_bytes < 4096 + 256);
  lgi_arena_free(&a);
  /* ... and a request over 4 KiB gets its own block. */
  assert_non_null(lgi_arena_alloc(&a, 5000));
  assert_int_equal(t.live_blocks, 1);
  assert_true(t.live_bytes >= 5008 && t.live_bytes < 5008 + 256);
  lgi_arena_free(&a);
  assert_int_equal(t.live_bytes, 0);
}

static void overflowing_request_fails_cleanly(void **state) {
  lgt_alloc t;
  lgi_arena a;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  assert_null(lgi_arena_alloc(&a, SIZE_MAX));
  assert_null(lgi_arena_alloc(&a, SIZE_MAX - 8));
  assert_null(lgi_arena_strndup(&a, "x", SIZE_MAX));
  assert_int_equal(t.live_bytes, 0);
  lgi_arena_free(&a);
}

static void allocator_failure_returns_null_and_arena_stays_usable(void **state) {
  lgt_alloc t;
  lgi_arena a;
  char *s;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  lgt_alloc_fail_at(&t, 1);
  assert_null(lgi_arena_alloc(&a, 10));
  assert_int_equal(a.bytes, 0);
  s = lgi_arena_strndup(&a, "kept", 4);
  assert_string_equal(s, "kept");
  lgt_alloc_fail_at(&t, 1); /* a large request's own block fails too */
  assert_null(lgi_arena_alloc(&a, (size_t)2 << 20));
  assert_int_equal(t.live_blocks, 1);
  assert_string_equal(s, "kept");
  lgi_arena_free(&a);
  assert_int_equal(t.live_bytes, 0);
}

static void strndup_copies_and_terminates(void **state) {
  lgt_alloc t;
  lgi_arena a;
  char *s;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  s = lgi_arena_strndup(&a, "abc\0def", 7);
  assert_memory_equal(s, "abc\0def\0", 8);
  assert_null(lgi_arena_strndup(&a, NULL, 0));
  lgi_arena_free(&a);
}

static void free_makes_arena_reusable(void **state) {
  lgt_alloc t;
  lgi_arena a;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  assert_non_null(lgi_arena_alloc(&a, 100));
  lgi_arena_free(&a);
  assert_non_null(lgi_arena_alloc(&a, 100));
  lgi_arena_free(&a);
  lgi_arena_free(&a);
  lgi_arena_free(NULL);
  assert_int_equal(t.live_bytes, 0);
}

static void free_wiped_wipes_every_block(void **state) {
  lgt_alloc t;
  lgi_arena a;
  int i;
  (void)state;
  lgt_alloc_init(&t);
  lgt_alloc_add_secret(&t, "moonlight");
  lgi_arena_init(&a, &t.base);
  for (i = 0; i < 2000; i++) assert_non_null(lgi_arena_strndup(&a, "moonlight", 9));
  assert_non_null(lgi_arena_strndup(&a, "moonlight", 9));
  assert_true(t.live_blocks > 2);
  lgi_arena_free_wiped(&a);
  assert_int_equal(t.secret_hits, 0);
  assert_int_equal(t.live_bytes, 0);
}

static int arena_journey(lgt_alloc *t, void *ctx) {
  lgi_arena a;
  size_t i;
  (void)ctx;
  lgi_arena_init(&a, &t->base);
  for (i = 0; i < 3000; i++) {
    if (!lgi_arena_strndup(&a, "an entry title", 14)) {
      lgi_arena_free(&a);
      return LG_ENOMEM;
    }
  }
  if (!lgi_arena_alloc(&a, (size_t)2 << 20)) {
    lgi_arena_free(&a);
    return LG_ENOMEM;
  }
  lgi_arena_free(&a);
  return LG_OK;
}

static void arena_survives_every_allocation_failure(void **state) {
  (void)state;
  /* 3000 * 16 bytes fill blocks of 4, 8, 16 and 32 KiB; the 2 MiB request
   * gets a fifth of its own */
  assert_int_equal(lgt_alloc_every_failure(arena_journey, NULL), 5);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(results_are_aligned_for_any_type),
      cmocka_unit_test(bytes_are_packed_and_alignment_survives_them),
      cmocka_unit_test(zero_bytes_gives_valid_pointer),
      cmocka_unit_test(allocations_do_not_overlap),
      cmocka_unit_test(block_sizes_grow_to_64_kibibytes),
      cmocka_unit_test(large_request_gets_own_block_and_keeps_current),
      cmocka_unit_test(a_request_over_a_quarter_block_gets_an_exact_block),
      cmocka_unit_test(overflowing_request_fails_cleanly),
      cmocka_unit_test(allocator_failure_returns_null_and_arena_stays_usable),
      cmocka_unit_test(strndup_copies_and_terminates),
      cmocka_unit_test(free_makes_arena_reusable),
      cmocka_unit_test(free_wiped_wipes_every_block),
      cmocka_unit_test(arena_survives_every_allocation_failure),
  };
  return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
