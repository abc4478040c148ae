/* test_utf8.c - strict UTF-8 (src/core/utf8.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static size_t dec(const char *s, size_t n, uint32_t *cp) {
  *cp = 0xFFFFFFFFu;
  return lgi_utf8_decode(s, n, cp);
}

static void decodes_each_length_at_its_bounds(void **state) {
  static const struct {
    const char *s;
    size_t n;
    uint32_t cp;
  } ok[] = {
      {"\x00", 1, 0x0},           {"\x7F", 1, 0x7F},
      {"\xC2\x80", 2, 0x80},      {"\xDF\xBF", 2, 0x7FF},
      {"\xE0\xA0\x80", 3, 0x800}, {"\xED\x9F\xBF", 3, 0xD7FF},
      {"\xEE\x80\x80", 3, 0xE000}, {"\xEF\xBF\xBF", 3, 0xFFFF},
      {"\xF0\x90\x80\x80", 4, 0x10000}, {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF},
      {"\xC3\xA9", 2, 0xE9},      {"\xE2\x82\xAC", 3, 0x20AC},
  };
  size_t i;
  uint32_t cp;
  (void)state;
  for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    assert_int_equal(dec(ok[i].s, ok[i].n, &cp), ok[i].n);
    assert_int_equal(cp, ok[i].cp);
  }
}

static void rejects_ill_formed_sequences(void **state) {
  static const char *const bad[] = {
      "\x80",             /* stray continuation */
      "\xBF",             /* stray continuation */
      "\xC0\x80",         /* overlong NUL */
      "\xC1\xBF",         /* overlong */
      "\xE0\x80\x80",     /* overlong 3-byte */
      "\xE0\x9F\xBF",     /* overlong U+07FF */
      "\xF0\x80\x80\x80", /* overlong 4-byte */
      "\xF0\x8F\xBF\xBF", /* overlong U+FFFF */
      "\xED\xA0\x80",     /* U+D800 */
      "\xED\xBF\xBF",     /* U+DFFF */
      "\xF4\x90\x80\x80", /* U+110000 */
      "\xF5\x80\x80\x80", /* F5 lead */
      "\xFF",             /* never valid */
      "\xFE",             /* never valid */
      "\xF8\x88\x80\x80\x80", /* 5-byte form */
      "\xC3\x28",         /* bad continuation */
      "\xE2\x28\xA1",     /* bad continuation */
      "\xF0\x90\x28\xBC", /* bad continuation */
  };
  size_t i;
  uint32_t cp;
  (void)state;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(dec(bad[i], strlen(bad[i]), &cp), 0);
    assert_int_equal(lgi_utf8_valid(bad[i], strlen(bad[i])), 0);
  }
}

static void rejects_truncated_sequences(void **state) {
  uint32_t cp;
  (void)state;
  assert_int_equal(dec("\xC3\xA9", 1, &cp), 0);
  assert_int_equal(dec("\xE2\x82\xAC", 2, &cp), 0);
  assert_int_equal(dec("\xF0\x9D\x84\x9E", 3, &cp), 0);
  assert_int_equal(dec("", 0, &cp), 0);
  assert_int_equal(lgi_utf8_valid("ok\xE2\x82", 4), 0);
}

static void encode_round_trips_every_scalar_value(void **state) {
  uint32_t c, back;
  char buf[4];
  size_t n;
  (void)state;
  for (c = 0; c <= 0x10FFFF; c++) {
    n = lgi_utf8_encode(c, buf);
    if (c >= 0xD800 && c <= 0xDFFF) {
      assert_int_equal(n, 0);
      continue;
    }
    assert_int_equal(n, c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4);
    assert_int_equal(dec(buf, n, &back), n);
    assert_int_equal(back, c);
  }
  assert_int_equal(lgi_utf8_encode(0x110000, buf), 0);
  assert_int_equal(lgi_utf8_encode(0xFFFFFFFFu, buf), 0);
}

static void every_two_byte_prefix_agrees_with_the_rules(void **state) {
  /* Exhaustive over the first two bytes, padded with valid continuations. */
  unsigned a, b;
  (void)state;
  for (a = 0; a < 256; a++) {
    for (b = 0; b < 256; b++) {
      char s[4];
      uint32_t cp;
      size_t n, want;
      int cont = (b & 0xC0) == 0x80;
      s[0] = (char)a;
      s[1] = (char)b;
      s[2] = (char)0x80;
      s[3] = (char)0x80;
      n = dec(s, 4, &cp);
      if (a < 0x80) want = 1;
      else if (a < 0xC2 || a > 0xF4 || !cont) want = 0;
      else if (a < 0xE0) want = 2;
      else if (a == 0xE0) want = b >= 0xA0 ? 3 : 0;
      else if (a == 0xED) want = b < 0xA0 ? 3 : 0;
      else if (a < 0xF0) want = 3;
      else if (a == 0xF0) want = b >= 0x90 ? 4 : 0;
      else if (a == 0xF4) want = b < 0x90 ? 4 : 0;
      else want = 4;
      assert_int_equal(n, want);
    }
  }
}

static void valid_accepts_mixed_text_and_embedded_nul(void **state) {
  const char s[] = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x92\x9C\0tail";
  (void)state;
  assert_int_equal(lgi_utf8_valid(s, sizeof s - 1), 1);
  assert_int_equal(lgi_utf8_valid("", 0), 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(decodes_each_length_at_its_bounds),
      cmocka_unit_test(rejects_ill_formed_sequences),
      cmocka_unit_test(rejects_truncated_sequences),
      cmocka_unit_test(encode_round_trips_every_scalar_value),
      cmocka_unit_test(every_two_byte_prefix_agrees_with_the_rules),
      cmocka_unit_test(valid_accepts_mixed_text_and_embedded_nul),
  };
  return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
