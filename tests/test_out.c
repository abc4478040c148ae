/* test_out.c - output sinks and the (buf, cap, len) convention (src/core/out.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "test_alloc.h"

static int write_fixed(char *buf, size_t cap, const char *text, size_t *len) {
  lgi_out o;
  lgi_out_fixed(&o, buf, cap);
  lgi_out_puts(&o, text);
  return lgi_out_finish(&o, len);
}

static void fixed_fits_and_terminates(void **state) {
  char buf[8];
  size_t len = 99;
  (void)state;
  memset(buf, 'x', sizeof buf);
  assert_int_equal(write_fixed(buf, sizeof buf, "abcdefg", &len), LG_OK);
  assert_int_equal(len, 7);
  assert_string_equal(buf, "abcdefg");
}

static void fixed_one_byte_short_truncates(void **state) {
  char buf[8];
  size_t len = 0;
  (void)state;
  assert_int_equal(write_fixed(buf, sizeof buf, "abcdefgh", &len), LG_ETRUNC);
  assert_int_equal(len, 8);
  assert_string_equal(buf, "abcdefg");
}

static void null_buffer_zero_cap_asks_for_length(void **state) {
  size_t len = 0;
  (void)state;
  assert_int_equal(write_fixed(NULL, 0, "hello", &len), LG_ETRUNC);
  assert_int_equal(len, 5);
  assert_int_equal(write_fixed(NULL, 0, "", &len), LG_ETRUNC);
  assert_int_equal(len, 0);
}

static void zero_cap_never_touches_buffer(void **state) {
  char buf[4] = {'q', 'q', 'q', 'q'};
  size_t len = 0;
  (void)state;
  assert_int_equal(write_fixed(buf, 0, "hi", &len), LG_ETRUNC);
  assert_int_equal(len, 2);
  assert_memory_equal(buf, "qqqq", 4);
}

static void cap_one_holds_only_nul(void **state) {
  char buf[4] = {'q', 'q', 'q', 'q'};
  size_t len = 0;
  (void)state;
  assert_int_equal(write_fixed(buf, 1, "hi", &len), LG_ETRUNC);
  assert_int_equal(len, 2);
  assert_memory_equal(buf, "\0qqq", 4);
  assert_int_equal(write_fixed(buf, 1, "", &len), LG_OK);
  assert_int_equal(len, 0);
}

static void truncation_never_splits_a_character(void **state) {
  /* "a" + e-acute (2) + euro sign (3) + G clef (4) = 10 bytes */
  const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E";
  static const size_t expect[11] = {0, 0, 1, 1, 3, 3, 3, 6, 6, 6, 6};
  char buf[16];
  size_t cap, len;
  (void)state;
  for (cap = 1; cap <= 10; cap++) {
    memset(buf, 'x', sizeof buf);
    assert_int_equal(write_fixed(buf, cap, s, &len), LG_ETRUNC);
    assert_int_equal(len, 10);
    assert_int_equal(strlen(buf), expect[cap]);
    assert_memory_equal(buf, s, expect[cap]);
    assert_int_equal(buf[cap], 'x'); /* nothing past cap was written */
  }
  assert_int_equal(write_fixed(buf, 11, s, &len), LG_OK);
  assert_string_equal(buf, s);
}

static void counts_full_length_over_many_puts(void **state) {
  char buf[4];
  lgi_out o;
  size_t len;
  int i;
  (void)state;
  lgi_out_fixed(&o, buf, sizeof buf);
  for (i = 0; i < 100; i++) lgi_out_putc(&o, 'z');
  lgi_out_put(&o, "abc", 0);
  assert_int_equal(lgi_out_finish(&o, &len), LG_ETRUNC);
  assert_int_equal(len, 100);
  assert_string_equal(buf, "zzz");
}

static void finish_accepts_null_len(void **state) {
  char buf[4];
  lgi_out o;
  (void)state;
  lgi_out_fixed(&o, buf, sizeof buf);
  lgi_out_puts(&o, "ok");
  assert_int_equal(lgi_out_finish(&o, NULL), LG_OK);
  assert_string_equal(buf, "ok");
}

static void int_writes_extremes(void **state) {
  char buf[64];
  lgi_out o;
  size_t len;
  (void)state;
  lgi_out_fixed(&o, buf, sizeof buf);
  lgi_out_int(&o, 0);
  lgi_out_putc(&o, ' ');
  lgi_out_int(&o, -42);
  lgi_out_putc(&o, ' ');
  lgi_out_int(&o, INT64_MAX);
  lgi_out_putc(&o, ' ');
  lgi_out_int(&o, INT64_MIN);
  assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
  assert_string_equal(buf, "0 -42 9223372036854775807 -9223372036854775808");
  assert_int_equal(len, strlen(buf));
}

static void num_writes_shortest_form(void **state) {
  char buf[64];
  lgi_out o;
  (void)state;
  lgi_out_fixed(&o, buf, sizeof buf);
  lgi_out_num(&o, 12);
  lgi_out_putc(&o, ',');
  lgi_out_num(&o, 9007199254740992.0);
  assert_int_equal(lgi_out_finish(&o, NULL), LG_OK);
  assert_string_equal(buf, "12,9007199254740992");
}

static void growing_sink_collects_everything(void **state) {
  lgt_alloc t;
  lgi_out o;
  size_t len, i;
  (void)state;
  lgt_alloc_init(&t);
  lgi_out_growing(&o, &t.base);
  for (i = 0; i < 10000; i++) lgi_out_puts(&o, "0123456789");
  assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
  assert_int_equal(len, 100000);
  assert_int_equal(o.buf[100000], '\0');
  assert_memory_equal(o.buf + 99990, "0123456789", 10);
  assert_true(t.allocs < 20); /* grows geometrically */
  lgi_out_release(&o);
  assert_int_equal(t.live_bytes, 0);
}

static void growing_sink_empty_is_empty_string(void **state) {
  lgt_alloc t;
  lgi_out o;
  size_t len = 7;
  (void)state;
  lgt_alloc_init(&t);
  lgi_out_growing(&o, &t.base);
  assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
  assert_int_equal(len, 0);
  assert_string_equal(o.buf, "");
  lgi_out_release(&o);
  lgi_out_release(&o);
  assert_int_equal(t.live_bytes, 0);
}

static void growing_sink_records_failure(void **state) {
  lgt_alloc t;
  lgi_out o;
  size_t len, i;
  (void)state;
  lgt_alloc_init(&t);
  lgi_out_growing(&o, &t.base);
  lgi_out_puts(&o, "first");
  lgt_alloc_fail_at(&t, 1);
  for (i = 0; i < 100; i++) lgi_out_puts(&o, "more text to force growth");
  assert_int_equal(o.failed, 1);
  assert_int_equal(lgi_out_finish(&o, &len), LG_ENOMEM);
  lgi_out_release(&o);
  assert_int_equal(t.live_bytes, 0);
}

static void growing_sink_fails_on_first_allocation(void **state) {
  lgt_alloc t;
  lgi_out o;
  (void)state;
  lgt_alloc_init(&t);
  lgt_alloc_fail_at(&t, 1);
  lgi_out_growing(&o, &t.base);
  assert_int_equal(lgi_out_finish(&o, NULL), LG_ENOMEM);
  lgi_out_release(&o);
  assert_int_equal(t.live_bytes, 0);
}

static void release_wipes_growing_buffer(void **state) {
  lgt_alloc t;
  lgi_out o;
  int i;
  (void)state;
  lgt_alloc_init(&t);
  lgt_alloc_add_secret(&t, "Alexandra");
  lgi_out_growing(&o, &t.base);
  for (i = 0; i < 50; i++) lgi_out_puts(&o, "dear Alexandra, ");
  assert_int_equal(lgi_out_finish(&o, NULL), LG_OK);
  lgi_out_release(&o);
  assert_int_equal(t.live_bytes, 0);
  /* Every block it outgrew was wiped too, not only the last. */
  assert_true(t.allocs > 2);
  assert_int_equal(t.secret_hits, 0);
}

static void truncation_of_invalid_utf8_still_terminates(void **state) {
  /* Stray continuation bytes and a bad lead: no character to protect, the
   * prefix is simply cut at cap - 1. */
  const char *s = "ab\x80\x80\x80\x80\x80\xFF\xFFxyz";
  char buf[8];
  size_t len, cap;
  (void)state;
  for (cap = 1; cap <= sizeof buf; cap++) {
    assert_int_equal(write_fixed(buf, cap, s, &len), LG_ETRUNC);
    assert_int_equal(len, strlen(s));
    assert_true(strlen(buf) <= cap - 1);
    assert_memory_equal(buf, s, strlen(buf));
  }
}

static int grow_journey(lgt_alloc *t, void *ctx) {
  lgi_out o;
  size_t len, i;
  int rc;
  (void)ctx;
  lgi_out_growing(&o, &t->base);
  for (i = 0; i < 300; i++) {
    lgi_out_puts(&o, "line ");
    lgi_out_int(&o, (int64_t)i);
    lgi_out_putc(&o, '\n');
  }
  rc = lgi_out_finish(&o, &len);
  if (rc == LG_OK) assert_memory_equal(o.buf + len - 9, "line 299\n", 9);
  lgi_out_release(&o);
  return rc;
}

static void growing_sink_survives_every_allocation_failure(void **state) {
  (void)state;
  assert_true(lgt_alloc_every_failure(grow_journey, NULL) >= 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fixed_fits_and_terminates),
      cmocka_unit_test(fixed_one_byte_short_truncates),
      cmocka_unit_test(null_buffer_zero_cap_asks_for_length),
      cmocka_unit_test(zero_cap_never_touches_buffer),
      cmocka_unit_test(cap_one_holds_only_nul),
      cmocka_unit_test(truncation_never_splits_a_character),
      cmocka_unit_test(counts_full_length_over_many_puts),
      cmocka_unit_test(finish_accepts_null_len),
      cmocka_unit_test(int_writes_extremes),
      cmocka_unit_test(num_writes_shortest_form),
      cmocka_unit_test(growing_sink_collects_everything),
      cmocka_unit_test(growing_sink_empty_is_empty_string),
      cmocka_unit_test(growing_sink_records_failure),
      cmocka_unit_test(growing_sink_fails_on_first_allocation),
      cmocka_unit_test(release_wipes_growing_buffer),
      cmocka_unit_test(truncation_of_invalid_utf8_still_terminates),
      cmocka_unit_test(growing_sink_survives_every_allocation_failure),
  };
  return cmocka_run_group_tests_name("out", tests, NULL, NULL);
}
