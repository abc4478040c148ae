/* test_json_write.c - the JSON writer (src/core/json_write.c) and its round trip through the reader. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "test_alloc.h"

/* ---- helpers -------------------------------------------------------------- */

static char out_buf[1 << 16];

/* lgi_json_write_string into a fixed buffer; returns the text. */
static const char *str(const char *s, size_t n) {
  lgi_out o;
  size_t len = 0;
  lgi_out_fixed(&o, out_buf, sizeof out_buf);
  lgi_json_write_string(&o, s, n);
  assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
  assert_int_equal(len, strlen(out_buf));
  return out_buf;
}

#define STR(lit) str(lit, sizeof lit - 1)

/* A deterministic generator (xorshift64*), so failures reproduce. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rnd(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545F4914F6CDD1Du;
}

/* ---- lgi_json_write_string ----------------------------------------------- */

static void string_plain_ascii_is_copied(void **state) {
  (void)state;
  assert_string_equal(STR("hello, world /~"), "\"hello, world /~\"");
  assert_string_equal(STR(""), "\"\"");
}

static void string_escapes_quote_and_backslash(void **state) {
  (void)state;
  assert_string_equal(STR("a\"b\\c"), "\"a\\\"b\\\\c\"");
  assert_string_equal(STR("\\\"\\"), "\"\\\\\\\"\\\\\"");
}

static void string_escapes_every_c0_control(void **state) {
  unsigned c;
  (void)state;
  for (c = 0; c < 0x20; c++) {
    char in = (char)c, want[16];
    switch (c) {
    case '\b': strcpy(want, "\"\\b\""); break;
    case '\t': strcpy(want, "\"\\t\""); break;
    case '\n': strcpy(want, "\"\\n\""); break;
    case '\f': strcpy(want, "\"\\f\""); break;
    case '\r': strcpy(want, "\"\\r\""); break;
    default: snprintf(want, sizeof want, "\"\\u%04x\"", c); break;
    }
    assert_string_equal(str(&in, 1), want);
  }
  assert_string_equal(STR("a\0b"), "\"a\\u0000b\"");
}

static void string_escapes_del_and_c1_controls(void **state) {
  (void)state;
  assert_string_equal(STR("\x7f"), "\"\\u007f\"");
  assert_string_equal(STR("\xc2\x80|\xc2\x9f"), "\"\\u0080|\\u009f\"");
  /* U+00A0 (no-break space) is not a control: kept as it is. */
  assert_string_equal(STR("\xc2\xa0"), "\"\xc2\xa0\"");
}

static void string_escapes_line_and_paragraph_separators(void **state) {
  (void)state;
  assert_string_equal(STR("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c"), "\"a\\u2028b\\u2029c\"");
  /* Their neighbours are not escaped. */
  assert_string_equal(STR("\xe2\x80\xa7\xe2\x80\xaa"), "\"\xe2\x80\xa7\xe2\x80\xaa\"");
}

static void string_keeps_valid_utf8(void **state) {
  (void)state;
  assert_string_equal(STR("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf"),
                      "\"caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf\"");
}

#define FFFD "\xef\xbf\xbd"

static void string_replaces_invalid_utf8_by_maximal_subparts(void **state) {
  (void)state;
  assert_string_equal(STR("a\xff" "b"), "\"a" FFFD "b\"");
  assert_string_equal(STR("\x80\xbf"), "\"" FFFD FFFD "\"");        /* stray continuations */
  assert_string_equal(STR("\xc0\xaf"), "\"" FFFD FFFD "\"");        /* overlong 2-byte */
  assert_string_equal(STR("\xe0\x80\xaf"), "\"" FFFD FFFD FFFD "\""); /* overlong 3-byte */
  assert_string_equal(STR("\xed\xa0\x80"), "\"" FFFD FFFD FFFD "\""); /* UTF-8 surrogate */
  assert_string_equal(STR("\xf4\x90\x80\x80"), "\"" FFFD FFFD FFFD FFFD "\""); /* > U+10FFFF */
  assert_string_equal(STR("\xe2\x82"), "\"" FFFD "\"");               /* truncated at the end */
  assert_string_equal(STR("\xe2\x82" "A"), "\"" FFFD "A\"");          /* cut short by ASCII */
  assert_string_equal(STR("\xf0\x9f\x98"), "\"" FFFD "\"");
  assert_string_equal(STR("\xf0\x9f\x98\xf0\x9f\x98\x80"), "\"" FFFD "\xf0\x9f\x98\x80\"");
  assert_string_equal(STR("\xf8\x88\x80\x80\x80"), "\"" FFFD FFFD FFFD FFFD FFFD "\"");
}

static void string_output_is_always_valid_utf8(void **state) {
  int i;
  (void)state;
  for (i = 0; i < 20000; i++) {
    unsigned char in[24];
    size_t n = (size_t)(rnd() % sizeof in), k;
    const char *o;
    lgi_arena arena;
    lgt_alloc t;
    const lgi_json *root = NULL;
    for (k = 0; k < n; k++) {
      uint64_t r = rnd();
      /* Mostly bytes that start or continue sequences, to hit the edges. */
      in[k] = (unsigned char)(r % 4 == 0 ? r >> 8 : 0x80 | ((r >> 8) & 0x7f));
    }
    o = str((const char *)in, n);
    assert_true(lgi_utf8_valid(o, strlen(o)));
    /* And it is a JSON string the reader takes. */
    lgt_alloc_init(&t);
    lgi_arena_init(&arena, &t.base);
    assert_int_equal(lgi_json_parse(&arena, o, strlen(o), &root, NULL), LG_OK);
    assert_int_equal(root->type, LGI_JSON_STRING);
    lgi_arena_free(&arena);
  }
}

static void string_null_writes_empty_string(void **state) {
  lgi_out o;
  size_t len = 0;
  char buf[8];
  (void)state;
  lgi_out_fixed(&o, buf, sizeof buf);
  lgi_json_write_string(&o, NULL, 5);
  assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
  assert_string_equal(buf, "\"\"");
  lgi_json_write_string(NULL, "x", 1); /* no sink: nothing, no crash */
}

/* ---- the structured writer ------------------------------------------------ */

static const char *write_doc(int pretty) {
  lgi_out o;
  lgi_jw w;
  size_t len = 0;
  lgi_out_fixed(&o, out_buf, sizeof out_buf);
  lgi_jw_init(&w, &o, pretty);
  lgi_jw_object_begin(&w);
  lgi_jw_key(&w, "format");
  lgi_jw_string(&w, "letgo-session/1");
  lgi_jw_key(&w, "answers");
  lgi_jw_array_begin(&w);
  lgi_jw_int(&w, 3);
  lgi_jw_int(&w, -1);
  lgi_jw_number(&w, 0.5);
  lgi_jw_bool(&w, 1);
  lgi_jw_bool(&w, 0);
  lgi_jw_null(&w);
  lgi_jw_string(&w, NULL);
  lgi_jw_array_end(&w);
  lgi_jw_key(&w, "empty");
  lgi_jw_object_begin(&w);
  lgi_jw_object_end(&w);
  lgi_jw_key(&w, "none");
  lgi_jw_array_begin(&w);
  lgi_jw_array_end(&w);
  lgi_jw_key(&w, "nested");
  lgi_jw_array_begin(&w);
  lgi_jw_object_begin(&w);
  lgi_jw_key(&w, "k\"ey");
  lgi_jw_stringn(&w, "a\nb", 3);
  lgi_jw_object_end(&w);
  lgi_jw_array_end(&w);
  lgi_jw_object_end(&w);
  assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
  assert_int_equal(len, strlen(out_buf));
  return out_buf;
}

static void jw_compact_places_commas_and_colons(void **state) {
  (void)state;
  assert_string_equal(write_doc(0),
                      "{\"format\":\"letgo-session/1\",\"answers\":[3,-1,0.5,true,false,null,null],"
                      "\"empty\":{},\"none\":[],\"nested\":[{\"k\\\"ey\":\"a\\nb\"}]}");
}

static void jw_pretty_indents_two_spaces(void **state) {
  (void)state;
  assert_string_equal(write_doc(1), "{\n"
                                    "  \"format\": \"letgo-session/1\",\n"
                                    "  \"answers\": [\n"
                                    "    3,\n"
                                    "    -1,\n"
                                    "    0.5,\n"
                                    "    true,\n"
                                    "    false,\n"
                                    "    null,\n"
                                    "    null\n"
                                    "  ],\n"
                                    "  \"empty\": {},\n"
                                    "  \"none\": [],\n"
                                    "  \"nested\": [\n"
                                    "    {\n"
                                    "      \"k\\\"ey\": \"a\\nb\"\n"
                                    "    }\n"
                                    "  ]\n"
                                    "}");
}

static const char *numbers_doc(void) {
  lgi_out o;
  lgi_jw w;
  size_t len = 0;
  lgi_out_fixed(&o, out_buf, sizeof out_buf);
  lgi_jw_init(&w, &o, 0);
  lgi_jw_array_begin(&w);
  lgi_jw_number(&w, 0.1);
  lgi_jw_number(&w, 12);
  lgi_jw_number(&w, -0.0);
  lgi_jw_number(&w, 9007199254740992.0);
  lgi_jw_number(&w, 1e21);
  lgi_jw_number(&w, 1.5e-7);
  lgi_jw_number(&w, 1e300);
  lgi_jw_number(&w, HUGE_VAL);
  lgi_jw_number(&w, -HUGE_VAL);
  lgi_jw_number(&w, NAN);
  lgi_jw_int(&w, INT64_MIN);
  lgi_jw_int(&w, INT64_MAX);
  lgi_jw_int(&w, 0);
  lgi_jw_array_end(&w);
  assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
  return out_buf;
}

static void jw_numbers_use_the_shortest_form_and_nonfinite_is_null(void **state) {
  (void)state;
  assert_string_equal(numbers_doc(), "[0.1,12,-0,9007199254740992,1e+21,1.5e-07,1e+300,null,null,null,"
                                     "-9223372036854775808,9223372036854775807,0]");
}

static void jw_top_level_scalar_has_no_separator(void **state) {
  lgi_out o;
  lgi_jw w;
  size_t len = 0;
  char buf[16];
  (void)state;
  lgi_out_fixed(&o, buf, sizeof buf);
  lgi_jw_init(&w, &o, 1);
  lgi_jw_string(&w, "x");
  assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
  assert_string_equal(buf, "\"x\"");
}

static void jw_null_writer_is_ignored(void **state) {
  (void)state;
  lgi_jw_init(NULL, NULL, 0);
  lgi_jw_object_begin(NULL);
  lgi_jw_key(NULL, "k");
  lgi_jw_string(NULL, "s");
  lgi_jw_number(NULL, 1);
  lgi_jw_int(NULL, 1);
  lgi_jw_bool(NULL, 1);
  lgi_jw_null(NULL);
  lgi_jw_object_end(NULL);
}

static void jw_fixed_sink_truncates_and_counts(void **state) {
  lgi_out o;
  lgi_jw w;
  size_t len = 0;
  char buf[8];
  (void)state;
  lgi_out_fixed(&o, buf, sizeof buf);
  lgi_jw_init(&w, &o, 0);
  lgi_jw_array_begin(&w);
  lgi_jw_string(&w, "abcdef");
  lgi_jw_array_end(&w);
  assert_int_equal(lgi_out_finish(&o, &len), LG_ETRUNC);
  assert_int_equal(len, 10);
  assert_string_equal(buf, "[\"abcde");
}

static void jw_deeper_than_the_limit_fails_the_growing_sink(void **state) {
  lgt_alloc t;
  lgi_out o;
  lgi_jw w;
  size_t len = 0;
  int i;
  (void)state;
  lgt_alloc_init(&t);
  lgi_out_growing(&o, &t.base);
  lgi_jw_init(&w, &o, 0);
  for (i = 0; i < LGI_MAX_DEPTH; i++) lgi_jw_array_begin(&w);
  assert_int_equal(o.failed, 0);
  lgi_jw_array_begin(&w);
  assert_int_equal(lgi_out_finish(&o, &len), LG_ENOMEM);
  lgi_out_release(&o);
  assert_int_equal(t.live_bytes, 0);
}

/* ---- round trips ---------------------------------------------------------- */

typedef struct nasty {
  char *s;
  size_t n;
} nasty;

static size_t put_cp(char *d, uint32_t cp) {
  return lgi_utf8_encode(cp, d);
}

/* Strings that a writer and reader are most likely to disagree on. */
static size_t make_nasty(nasty *v, size_t max) {
  static const char *fixed[] = {
      "",
      "\"",
      "\\",
      "\\\"\\\\\"",
      "/",
      "\\u0041 is not an escape here",
      "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9",
      "\xe2\x80\xa8\xe2\x80\xa9",
      "\xc2\x80\xc2\x9f\x7f",
      "\357\273\277bom inside",
      "\xf4\x8f\xbf\xbf\xee\x80\x80\xef\xbf\xbf",
  };
  size_t n = 0, i;
  for (i = 0; i < sizeof fixed / sizeof fixed[0] && n < max; i++, n++) {
    v[n].n = strlen(fixed[i]);
    v[n].s = malloc(v[n].n + 1);
    memcpy(v[n].s, fixed[i], v[n].n + 1);
  }
  /* Every ASCII byte, NUL included, in one string. */
  v[n].n = 128;
  v[n].s = malloc(129);
  for (i = 0; i < 128; i++) v[n].s[i] = (char)i;
  n++;
  /* \0 alone and between text. */
  v[n].n = 1;
  v[n].s = calloc(1, 2);
  n++;
  v[n].n = 5;
  v[n].s = malloc(6);
  memcpy(v[n].s, "a\0b\0c", 6);
  n++;
  /* A long string (300 KiB) of mixed quotes, controls and emoji. */
  {
    size_t cap = 300 << 10, k = 0;
    char *s = malloc(cap + 8);
    while (k < cap) {
      uint64_t r = rnd() % 6;
      if (r == 0) s[k++] = '"';
      else if (r == 1) s[k++] = '\\';
      else if (r == 2) s[k++] = (char)(rnd() % 32);
      else if (r == 3) k += put_cp(s + k, 0x1F600 + (uint32_t)(rnd() % 80));
      else s[k++] = (char)('a' + rnd() % 26);
    }
    s[k] = '\0'; /* keys are written as C strings */
    v[n].s = s;
    v[n].n = k;
    n++;
  }
  /* Random scalar values, every plane. */
  while (n < max) {
    size_t len = (size_t)(rnd() % 40), k = 0, j;
    char *s = malloc(len * 4 + 1);
    for (j = 0; j < len; j++) {
      uint32_t cp;
      do {
        uint64_t r = rnd();
        cp = (uint32_t)(r % 4 == 0 ? (r >> 8) % 0x80 : r % 4 == 1 ? (r >> 8) % 0x800 : (r >> 8) % 0x110000);
      } while (cp >= 0xD800 && cp <= 0xDFFF);
      k += put_cp(s + k, cp);
    }
    s[k] = '\0'; /* keys are written as C strings */
    v[n].s = s;
    v[n].n = k;
    n++;
  }
  return n;
}

static void strings_round_trip_byte_for_byte(void **state) {
  nasty v[400];
  size_t n = make_nasty(v, 400), i, len = 0;
  lgt_alloc t;
  lgi_out o;
  lgi_jw w;
  lgi_arena arena;
  const lgi_json *root = NULL;
  lg_error err;
  int pretty;
  (void)state;
  for (pretty = 0; pretty <= 1; pretty++) {
    lgt_alloc_init(&t);
    lgi_out_growing(&o, &t.base);
    lgi_jw_init(&w, &o, pretty);
    /* Each string as an array item and as an object key. */
    lgi_jw_object_begin(&w);
    lgi_jw_key(&w, "items");
    lgi_jw_array_begin(&w);
    for (i = 0; i < n; i++) lgi_jw_stringn(&w, v[i].s, v[i].n);
    lgi_jw_array_end(&w);
    lgi_jw_key(&w, "keys");
    lgi_jw_object_begin(&w);
    for (i = 0; i < n; i++) {
      /* lgi_jw_key takes a C string: keys stop at a NUL. */
      lgi_jw_key(&w, v[i].s);
      lgi_jw_int(&w, (int64_t)i);
    }
    lgi_jw_object_end(&w);
    lgi_jw_object_end(&w);
    assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
    assert_true(lgi_utf8_valid(o.buf, len));

    lgi_arena_init(&arena, &t.base);
    assert_int_equal(lgi_json_parse(&arena, o.buf, len, &root, &err), LG_OK);
    {
      const lgi_json *items = lgi_json_get(root, "items"), *keys = lgi_json_get(root, "keys");
      assert_non_null(items);
      assert_non_null(keys);
      assert_int_equal(items->len, n);
      assert_int_equal(keys->len, n);
      for (i = 0; i < n; i++) {
        const lgi_json *it = &items->u.items[i];
        const lgi_json_member *m = &keys->u.members[i];
        size_t klen = strlen(v[i].s);
        assert_int_equal(it->type, LGI_JSON_STRING);
        assert_int_equal(it->len, v[i].n);
        assert_memory_equal(it->u.str, v[i].s, v[i].n);
        assert_int_equal(it->u.str[it->len], '\0');
        assert_int_equal(it->flags, memchr(v[i].s, 0, v[i].n) ? LGI_JSON_HAS_NUL : 0);
        assert_int_equal(m->key_len, klen);
        assert_memory_equal(m->key, v[i].s, klen);
        assert_true(m->value.u.num == (double)i);
      }
    }
    lgi_arena_free(&arena);
    lgi_out_release(&o);
    assert_int_equal(t.live_bytes, 0);
  }
  for (i = 0; i < n; i++) free(v[i].s);
}

static void numbers_round_trip_bit_for_bit(void **state) {
  lgt_alloc t;
  lgi_out o;
  lgi_jw w;
  lgi_arena arena;
  const lgi_json *root = NULL;
  size_t len = 0, i, count = 0;
  double *v = malloc(5000 * sizeof *v);
  static const double edge[] = {0.0, -0.0, 1.0, -1.0, 0.1, 1e-7, 5e-324, -5e-324,
                                2.2250738585072014e-308, 1.7976931348623157e308, 9007199254740993.0,
                                123456789012345678.0, 1e21, 1e-6, 0.3};
  (void)state;
  for (i = 0; i < sizeof edge / sizeof edge[0]; i++) v[count++] = edge[i];
  while (count < 5000) {
    uint64_t bits = rnd();
    double d;
    memcpy(&d, &bits, sizeof d);
    if (isfinite(d)) v[count++] = d;
  }
  lgt_alloc_init(&t);
  lgi_out_growing(&o, &t.base);
  lgi_jw_init(&w, &o, 0);
  lgi_jw_array_begin(&w);
  for (i = 0; i < count; i++) lgi_jw_number(&w, v[i]);
  lgi_jw_array_end(&w);
  assert_int_equal(lgi_out_finish(&o, &len), LG_OK);
  lgi_arena_init(&arena, &t.base);
  assert_int_equal(lgi_json_parse(&arena, o.buf, len, &root, NULL), LG_OK);
  assert_int_equal(root->len, count);
  for (i = 0; i < count; i++) {
    const lgi_json *x = &root->u.items[i];
    assert_int_equal(x->type, LGI_JSON_NUMBER);
    assert_int_equal(x->flags, 0);
    assert_memory_equal(&x->u.num, &v[i], sizeof(double));
  }
  lgi_arena_free(&arena);
  lgi_out_release(&o);
  assert_int_equal(t.live_bytes, 0);
  free(v);
}

/* ---- allocation failures -------------------------------------------------- */

static int write_journey(lgt_alloc *t, void *ctx) {
  lgi_out o;
  lgi_jw w;
  size_t len = 0, i;
  int rc;
  (void)ctx;
  lgi_out_growing(&o, &t->base);
  lgi_jw_init(&w, &o, 1);
  lgi_jw_array_begin(&w);
  for (i = 0; i < 200; i++) {
    lgi_jw_object_begin(&w);
    lgi_jw_key(&w, "text");
    lgi_jw_string(&w, "a line that is long enough to make the buffer grow \xe2\x80\xa8");
    lgi_jw_key(&w, "n");
    lgi_jw_number(&w, (double)i / 7);
    lgi_jw_object_end(&w);
  }
  lgi_jw_array_end(&w);
  rc = lgi_out_finish(&o, &len);
  if (rc == LG_OK) {
    assert_int_equal(len, strlen(o.buf));
    assert_int_equal(o.buf[len - 1], ']');
  }
  lgi_out_release(&o);
  return rc;
}

static void writing_fails_cleanly_at_every_allocation(void **state) {
  (void)state;
  assert_true(lgt_alloc_every_failure(write_journey, NULL) > 5);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(string_plain_ascii_is_copied),
      cmocka_unit_test(string_escapes_quote_and_backslash),
      cmocka_unit_test(string_escapes_every_c0_control),
      cmocka_unit_test(string_escapes_del_and_c1_controls),
      cmocka_unit_test(string_escapes_line_and_paragraph_separators),
      cmocka_unit_test(string_keeps_valid_utf8),
      cmocka_unit_test(string_replaces_invalid_utf8_by_maximal_subparts),
      cmocka_unit_test(string_output_is_always_valid_utf8),
      cmocka_unit_test(string_null_writes_empty_string),
      cmocka_unit_test(jw_compact_places_commas_and_colons),
      cmocka_unit_test(jw_pretty_indents_two_spaces),
      cmocka_unit_test(jw_numbers_use_the_shortest_form_and_nonfinite_is_null),
      cmocka_unit_test(jw_top_level_scalar_has_no_separator),
      cmocka_unit_test(jw_null_writer_is_ignored),
      cmocka_unit_test(jw_fixed_sink_truncates_and_counts),
      cmocka_unit_test(jw_deeper_than_the_limit_fails_the_growing_sink),
      cmocka_unit_test(strings_round_trip_byte_for_byte),
      cmocka_unit_test(numbers_round_trip_bit_for_bit),
      cmocka_unit_test(writing_fails_cleanly_at_every_allocation),
  };
  return cmocka_run_group_tests_name("json_write", tests, NULL, NULL);
}
