/* test_json_read.c - the strict JSON reader (src/core/json_read.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/core.h"
#include "test_alloc.h"

/* ---- helpers -------------------------------------------------------------- */

/* One parse under the counting allocator; the arena lives until done(). */
typedef struct parse {
  lgt_alloc t;
  lgi_arena arena;
  const lgi_json *root;
  lg_error err;
  int rc;
  char *copy; /* the input, in a heap block of exactly its length */
} parse;

static void parse_n(parse *p, const char *text, size_t len) {
  memset(p, 0, sizeof *p);
  lgt_alloc_init(&p->t);
  lgi_arena_init(&p->arena, &p->t.base);
  /* An exact-size copy, so ASan and valgrind catch any read past the end. */
  p->copy = malloc(len ? len : 1);
  assert_non_null(p->copy);
  if (len) memcpy(p->copy, text, len);
  p->rc = lgi_json_parse(&p->arena, p->copy, len, &p->root, &p->err);
}

static void parse_s(parse *p, const char *text) { parse_n(p, text, strlen(text)); }

static void done(parse *p) {
  lgi_arena_free(&p->arena);
  assert_int_equal(p->t.live_bytes, 0);
  assert_int_equal(p->t.live_blocks, 0);
  free(p->copy);
}

/* Asserts a failure's status and exact position, then frees. */
static void expect_error(const char *text, size_t len, int status, unsigned line, unsigned column,
                         size_t offset, const char *path, const char *message) {
  parse p;
  parse_n(&p, text, len);
  assert_int_equal(p.rc, status);
  assert_int_equal(p.err.status, status);
  assert_int_equal(p.err.line, line);
  assert_int_equal(p.err.column, column);
  assert_int_equal(p.err.offset, offset);
  assert_string_equal(p.err.path, path);
  if (message) assert_string_equal(p.err.message, message);
  assert_null(p.root);
  done(&p);
}

#define EXPECT_ERROR(lit, status, line, column, offset, path, message)                             \
  expect_error(lit, sizeof lit - 1, status, line, column, offset, path, message)

static int small_scale(void) {
  const char *s = getenv("LETGO_TEST_SCALE");
  return s && strcmp(s, "small") == 0;
}

static double cpu_ms(clock_t since) {
  return (double)(clock() - since) * 1000.0 / CLOCKS_PER_SEC;
}

/* ---- values --------------------------------------------------------------- */

static void reads_every_kind_of_value(void **state) {
  parse p;
  const lgi_json *a, *b;
  (void)state;
  parse_s(&p, "{\"a\":[1,\"x\",true,false,null,{},[]],\"b\":{\"c\":-2.5}}");
  assert_int_equal(p.rc, LG_OK);
  assert_int_equal(p.root->type, LGI_JSON_OBJECT);
  assert_int_equal(p.root->len, 2);
  assert_string_equal(p.root->u.members[0].key, "a");
  assert_int_equal(p.root->u.members[0].key_len, 1);
  a = lgi_json_get(p.root, "a");
  assert_non_null(a);
  assert_int_equal(a->type, LGI_JSON_ARRAY);
  assert_int_equal(a->len, 7);
  assert_int_equal(a->u.items[0].type, LGI_JSON_NUMBER);
  assert_true(a->u.items[0].u.num == 1.0);
  assert_int_equal(a->u.items[1].type, LGI_JSON_STRING);
  assert_string_equal(a->u.items[1].u.str, "x");
  assert_int_equal(a->u.items[1].len, 1);
  assert_int_equal(a->u.items[2].type, LGI_JSON_TRUE);
  assert_int_equal(a->u.items[3].type, LGI_JSON_FALSE);
  assert_int_equal(a->u.items[4].type, LGI_JSON_NULL);
  assert_int_equal(a->u.items[5].type, LGI_JSON_OBJECT);
  assert_int_equal(a->u.items[5].len, 0);
  assert_int_equal(a->u.items[6].type, LGI_JSON_ARRAY);
  assert_int_equal(a->u.items[6].len, 0);
  b = lgi_json_get(lgi_json_get(p.root, "b"), "c");
  assert_non_null(b);
  assert_true(b->u.num == -2.5);
  done(&p);
}

static void scalar_at_top_level_with_whitespace(void **state) {
  parse p;
  (void)state;
  parse_s(&p, " \t\r\n \"top\" \r\n");
  assert_int_equal(p.rc, LG_OK);
  assert_int_equal(p.root->type, LGI_JSON_STRING);
  assert_string_equal(p.root->u.str, "top");
  assert_int_equal(p.root->line, 2);
  assert_int_equal(p.root->column, 2);
  assert_int_equal(p.root->offset, 5);
  done(&p);
  parse_s(&p, "7");
  assert_int_equal(p.rc, LG_OK);
  assert_true(p.root->u.num == 7.0);
  done(&p);
}

static void nodes_carry_their_line_column_and_offset(void **state) {
  parse p;
  const lgi_json *list;
  (void)state;
  parse_s(&p, "{\r\n  \"list\": [\n    10,\n  \"\xc3\xa9\", 2]\n}");
  assert_int_equal(p.rc, LG_OK);
  assert_int_equal(p.root->line, 1);
  assert_int_equal(p.root->column, 1);
  list = lgi_json_get(p.root, "list");
  assert_int_equal(list->line, 2);
  assert_int_equal(list->column, 11);
  assert_int_equal(list->offset, 13);
  assert_int_equal(list->u.items[0].line, 3);
  assert_int_equal(list->u.items[0].column, 5);
  assert_int_equal(list->u.items[1].line, 4);
  assert_int_equal(list->u.items[1].column, 3);
  /* Columns count bytes: the é before it is two. */
  assert_int_equal(list->u.items[2].line, 4);
  assert_int_equal(list->u.items[2].column, 9);
  assert_int_equal(list->u.items[2].offset, 31);
  done(&p);
}

static void decodes_every_escape(void **state) {
  parse p;
  (void)state;
  parse_s(&p, "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041\\u00e9\\u65E5\\uD83D\\uDE00\\ud834\\udd1e\"");
  assert_int_equal(p.rc, LG_OK);
  assert_string_equal(p.root->u.str, "\" \\ / \b \f \n \r \t A\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80\xf0\x9d\x84\x9e");
  assert_int_equal(p.root->len, strlen(p.root->u.str));
  assert_int_equal(p.root->flags, 0);
  done(&p);
}

static void keeps_valid_utf8_as_it_is(void **state) {
  parse p;
  (void)state;
  parse_s(&p, "[\"caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf \xef\xbb\xbf\"]");
  assert_int_equal(p.rc, LG_OK);
  assert_string_equal(p.root->u.items[0].u.str, "caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf \xef\xbb\xbf");
  done(&p);
}

static void reads_only_len_bytes(void **state) {
  parse p;
  (void)state;
  parse_n(&p, "[1]garbage", 3);
  assert_int_equal(p.rc, LG_OK);
  assert_int_equal(p.root->len, 1);
  done(&p);
  /* Values that end exactly at the end of the input. */
  parse_n(&p, "123", 3);
  assert_int_equal(p.rc, LG_OK);
  assert_true(p.root->u.num == 123.0);
  done(&p);
  parse_n(&p, "null", 4);
  assert_int_equal(p.rc, LG_OK);
  done(&p);
  EXPECT_ERROR("tru", LG_ESYNTAX, 1, 1, 0, "", NULL);
  EXPECT_ERROR("\"\\u12", LG_ESYNTAX, 1, 2, 1, "", "a \\u escape needs four hex digits");
  EXPECT_ERROR("\"\\", LG_ESYNTAX, 1, 2, 1, "", "unterminated string");
  EXPECT_ERROR("\"\xe6\x97", LG_ESYNTAX, 1, 2, 1, "", "invalid UTF-8 in a string");
  EXPECT_ERROR("-", LG_ESYNTAX, 1, 2, 1, "", "a number needs a digit here");
}

/* The reader's inline UTF-8 check agrees with lgi_utf8_valid on every lead
 * byte followed by every second byte (then a continuation or ASCII). */
static void utf8_check_agrees_with_lgi_utf8_valid(void **state) {
  static const unsigned char tails[][2] = {{0x80, 0x80}, {0xBF, 0xBF}, {0x80, 'a'}, {'a', 'a'}};
  unsigned lead, b1;
  size_t t, checked = 0;
  lgt_alloc a;
  (void)state;
  lgt_alloc_init(&a);
  for (lead = 0x80; lead <= 0xFF; lead++)
    for (b1 = 0x20; b1 <= 0xFF; b1++) {
      if (b1 == '"' || b1 == '\\') continue;
      for (t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        unsigned char doc[6] = {'"', (unsigned char)lead, (unsigned char)b1, tails[t][0], tails[t][1], '"'};
        lgi_arena arena;
        const lgi_json *root = NULL;
        int want = lgi_utf8_valid((const char *)doc + 1, 4) ? LG_OK : LG_ESYNTAX, rc;
        lgi_arena_init(&arena, &a.base);
        rc = lgi_json_parse(&arena, (const char *)doc, sizeof doc, &root, NULL);
        lgi_arena_free(&arena);
        if (rc != want) fail_msg("%02x %02x %02x %02x: %d, want %d", lead, b1, doc[3], doc[4], rc, want);
        checked++;
      }
    }
  assert_int_equal(checked, 128 * 222 * 4);
  assert_int_equal(a.live_bytes, 0);
}

/* Strings are scanned in blocks: a special byte at every position of
 * strings of every length up to 70 is still found at its exact offset. */
static void special_bytes_are_found_at_every_position(void **state) {
  char doc[80];
  size_t len, i;
  (void)state;
  for (len = 1; len <= 70; len++)
    for (i = 0; i < len; i++) {
      parse p;
      memset(doc, 'a', sizeof doc);
      doc[0] = '"';
      doc[len + 1] = '"';
      /* A control character: rejected exactly there. */
      doc[1 + i] = '\x1f';
      parse_n(&p, doc, len + 2);
      assert_int_equal(p.rc, LG_ESYNTAX);
      assert_int_equal(p.err.offset, 1 + i);
      done(&p);
      /* DEL is plain; a quote ends the string early. */
      doc[1 + i] = '\x7f';
      parse_n(&p, doc, len + 2);
      assert_int_equal(p.rc, LG_OK);
      assert_int_equal(p.root->len, len);
      done(&p);
      doc[1 + i] = '"';
      parse_n(&p, doc, len + 2);
      assert_int_equal(p.rc, LG_ESYNTAX);
      assert_int_equal(p.err.offset, i + 2); /* the text after the string */
      done(&p);
      /* A stray continuation byte; then a valid two-byte character. */
      doc[1 + i] = '\x80';
      parse_n(&p, doc, len + 2);
      assert_int_equal(p.rc, LG_ESYNTAX);
      assert_int_equal(p.err.offset, 1 + i);
      done(&p);
      if (i + 1 < len) {
        doc[1 + i] = '\xc3';
        doc[2 + i] = '\xa9';
        parse_n(&p, doc, len + 2);
        assert_int_equal(p.rc, LG_OK);
        assert_int_equal(p.root->len, len);
        assert_memory_equal(p.root->u.str + i, "\xc3\xa9", 2);
        done(&p);
        doc[1 + i] = '\\';
        doc[2 + i] = 't';
        parse_n(&p, doc, len + 2);
        assert_int_equal(p.rc, LG_OK);
        assert_int_equal(p.root->len, len - 1);
        assert_int_equal(p.root->u.str[i], '\t');
        done(&p);
      }
    }
}

/* A string that closes within the 16 bytes after its quote is read with
 * one block test: text after the quote (escapes, controls in other
 * strings, non-ASCII, more quotes) must not count, and anything special
 * before the quote takes the full scan. Every length 0..40, keys and
 * values, single and split reads. */
static void short_strings_end_exactly_at_their_quote(void **state) {
  size_t len, k, split;
  (void)state;
  for (split = 0; split < 2; split++)
    for (len = 0; len <= 40; len++) {
      char doc[512], a[64], b[64];
      size_t n;
      lgt_alloc t;
      lgi_arena tree, strings;
      const lgi_json *root = NULL, *obj;
      lg_error err;
      for (k = 0; k < len; k++) {
        a[k] = (char)('a' + k % 26);
        b[k] = (char)('A' + k % 26);
      }
      a[len] = b[len] = '\0';
      n = (size_t)sprintf(doc, "[\"%s\",\"\\\"\xc3\xa9\x7f\",{\"%s\":\"\xc3\xa9\\n\",\"%s\\t\":\"%s\"}]", a,
                          b, b, a);
      lgt_alloc_init(&t);
      lgi_arena_init(&tree, &t.base);
      lgi_arena_init(&strings, &t.base);
      if (split)
        assert_int_equal(lgi_json_parse_split(&tree, &strings, doc, n, &root, NULL, &err), LG_OK);
      else
        assert_int_equal(lgi_json_parse(&tree, doc, n, &root, &err), LG_OK);
      assert_int_equal(root->len, 3);
      assert_int_equal(root->u.items[0].len, len);
      assert_string_equal(root->u.items[0].u.str, a);
      assert_int_equal(root->u.items[1].len, 4);
      assert_string_equal(root->u.items[1].u.str, "\"\xc3\xa9\x7f");
      obj = &root->u.items[2];
      assert_int_equal(obj->len, 2);
      assert_int_equal(obj->u.members[0].key_len, len);
      assert_string_equal(obj->u.members[0].key, b);
      assert_string_equal(obj->u.members[0].value.u.str, "\xc3\xa9\n");
      assert_int_equal(obj->u.members[1].key_len, len + 1);
      assert_memory_equal(obj->u.members[1].key, b, len);
      assert_string_equal(obj->u.members[1].key + len, "\t");
      assert_string_equal(obj->u.members[1].value.u.str, a);
      lgi_arena_free(&tree);
      lgi_arena_free(&strings);
      assert_int_equal(t.live_bytes, 0);
    }
}

/* ---- errors and their positions ------------------------------------------- */

static void error_inside_a_nested_member_has_its_pointer(void **state) {
  static const char doc[] = "{\n"
                            "  \"entries\": [\n"
                            "    {\"title\": \"one\"},\n"
                            "    {\"title\": \"two\"},\n"
                            "    {\"title\": \"three\"},\n"
                            "    {\"title\": \"fo\\qr\"}\n"
                            "  ]\n"
                            "}\n";
  (void)state;
  expect_error(doc, sizeof doc - 1, LG_ESYNTAX, 6, 18, 102, "/entries/3/title",
               "/entries/3/title: invalid escape sequence in a string");
}

static void error_positions_are_exact(void **state) {
  (void)state;
  EXPECT_ERROR("", LG_ESYNTAX, 1, 1, 0, "", "unexpected end of input; expected a value");
  EXPECT_ERROR("  \n ", LG_ESYNTAX, 2, 2, 4, "", "unexpected end of input; expected a value");
  EXPECT_ERROR("[1 2]", LG_ESYNTAX, 1, 4, 3, "", "expected ',' or ']' after an array item");
  EXPECT_ERROR("[1,]", LG_ESYNTAX, 1, 4, 3, "/1", NULL);
  EXPECT_ERROR("{\"a\":1,}", LG_ESYNTAX, 1, 8, 7, "", "expected a string as an object key");
  EXPECT_ERROR("{\"a\" 1}", LG_ESYNTAX, 1, 6, 5, "/a", "/a: expected ':' after an object key");
  EXPECT_ERROR("{\"a\":1 \"b\":2}", LG_ESYNTAX, 1, 8, 7, "", NULL);
  EXPECT_ERROR("{\"a\":\"abc", LG_ESYNTAX, 1, 6, 5, "/a", "/a: unterminated string");
  EXPECT_ERROR("{\"a/b\":{\"c~d\":[nul]}}", LG_ESYNTAX, 1, 16, 15, "/a~1b/c~0d/0", NULL);
  EXPECT_ERROR("[01]", LG_ESYNTAX, 1, 3, 2, "/0", "/0: a number must not have leading zeros");
  EXPECT_ERROR("[1.]", LG_ESYNTAX, 1, 4, 3, "/0", "/0: a number needs a digit after its decimal point");
  EXPECT_ERROR("[1e+]", LG_ESYNTAX, 1, 5, 4, "/0", "/0: a number needs a digit in its exponent");
  EXPECT_ERROR("{} x", LG_ESYNTAX, 1, 4, 3, "", "unexpected text after the JSON value");
  EXPECT_ERROR("[\"a\tb\"]", LG_ESYNTAX, 1, 4, 3, "/0", "/0: a control character in a string must be escaped");
  EXPECT_ERROR("[\n\"ok\",\n  \"bad \xc3\x28\"]", LG_ESYNTAX, 3, 8, 15, "/1", "/1: invalid UTF-8 in a string");
  EXPECT_ERROR("[\"\\ud800\"]", LG_ESYNTAX, 1, 3, 2, "/0", "/0: a high surrogate escape without a low one after it");
  EXPECT_ERROR("[\"\\udc00\\ud800\"]", LG_ESYNTAX, 1, 3, 2, "/0", "/0: a low surrogate escape without a high one before it");
  EXPECT_ERROR("\xef\xbb\xbf{}", LG_ESYNTAX, 1, 1, 0, "", "a byte order mark is not allowed before JSON text");
  EXPECT_ERROR("{\"k\\u00\":1}", LG_ESYNTAX, 1, 4, 3, "", "a \\u escape needs four hex digits");
}

static void error_is_optional(void **state) {
  lgt_alloc t;
  lgi_arena arena;
  const lgi_json *root = NULL;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&arena, &t.base);
  assert_int_equal(lgi_json_parse(&arena, "[1,", 3, &root, NULL), LG_ESYNTAX);
  assert_null(root);
  lgi_arena_free(&arena);
  assert_int_equal(t.live_bytes, 0);
}

static void bad_arguments_are_einval(void **state) {
  lgt_alloc t;
  lgi_arena arena;
  const lgi_json *root = NULL;
  lg_error err;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&arena, &t.base);
  assert_int_equal(lgi_json_parse(NULL, "1", 1, &root, &err), LG_EINVAL);
  assert_int_equal(err.status, LG_EINVAL);
  assert_int_equal(lgi_json_parse(&arena, "1", 1, NULL, &err), LG_EINVAL);
  assert_int_equal(lgi_json_parse(&arena, NULL, 1, &root, &err), LG_EINVAL);
  /* NULL with no bytes is the empty text. */
  assert_int_equal(lgi_json_parse(&arena, NULL, 0, &root, &err), LG_ESYNTAX);
  assert_null(root);
  lgi_arena_free(&arena);
  assert_int_equal(t.live_bytes, 0);
}

/* ---- limits --------------------------------------------------------------- */

static char *nested(size_t depth, const char *open, const char *mid, const char *close, size_t *len) {
  size_t lo = strlen(open), lm = strlen(mid), lc = strlen(close), i, k = 0;
  char *s = malloc(depth * (lo + lc) + lm + 1);
  assert_non_null(s);
  for (i = 0; i < depth; i++, k += lo) memcpy(s + k, open, lo);
  memcpy(s + k, mid, lm);
  k += lm;
  for (i = 0; i < depth; i++, k += lc) memcpy(s + k, close, lc);
  *len = k;
  return s;
}

static void depth_64_is_read(void **state) {
  size_t len;
  char *s = nested(LGI_MAX_DEPTH, "[", "1", "]", &len);
  parse p;
  const lgi_json *v;
  int d = 1;
  (void)state;
  parse_n(&p, s, len);
  assert_int_equal(p.rc, LG_OK);
  for (v = p.root; v->type == LGI_JSON_ARRAY; v = &v->u.items[0], d++) assert_int_equal(v->len, 1);
  assert_int_equal(d, LGI_MAX_DEPTH + 1);
  assert_true(v->u.num == 1.0);
  done(&p);
  free(s);
  s = nested(LGI_MAX_DEPTH, "{\"a\":", "null", "}", &len);
  parse_n(&p, s, len);
  assert_int_equal(p.rc, LG_OK);
  done(&p);
  free(s);
}

static void depth_65_is_elimit_at_the_65th_bracket(void **state) {
  size_t len;
  char *s = nested(LGI_MAX_DEPTH + 1, "[", "1", "]", &len);
  parse p;
  (void)state;
  parse_n(&p, s, len);
  assert_int_equal(p.rc, LG_ELIMIT);
  assert_int_equal(p.err.offset, 64);
  assert_int_equal(p.err.line, 1);
  assert_int_equal(p.err.column, 65);
  /* The path names 64 levels (cut to fit): "/0/0/0...". */
  assert_memory_equal(p.err.path, "/0/0/0/0", 8);
  assert_non_null(strstr(p.err.message, "nesting is deeper than the limit of 64 levels"));
  done(&p);
  free(s);
  s = nested(LGI_MAX_DEPTH + 1, "{\"a\":", "null", "}", &len);
  parse_n(&p, s, len);
  assert_int_equal(p.rc, LG_ELIMIT);
  assert_int_equal(p.err.offset, 64 * 5);
  assert_memory_equal(p.err.path, "/a/a/a/a", 8);
  done(&p);
  free(s);
}

static void hundred_thousand_levels_fail_fast_without_recursion(void **state) {
  size_t len;
  char *s = nested(100000, "[", "", "", &len);
  parse p;
  clock_t t0 = clock();
  (void)state;
  parse_n(&p, s, len);
  assert_int_equal(p.rc, LG_ELIMIT);
  assert_int_equal(p.err.offset, 64);
  done(&p);
  free(s);
  s = nested(100000, "[{\"\":", "0", "}]", &len);
  parse_n(&p, s, len);
  assert_int_equal(p.rc, LG_ELIMIT);
  /* It stops at the 65th container: it never reads the rest. */
  assert_true(p.err.offset < 200);
  done(&p);
  free(s);
  print_message("two 100000-level documents rejected in %.1f ms\n", cpu_ms(t0));
}

static void string_over_one_mib_is_elimit(void **state) {
  size_t n = LGI_MAX_STRING, i;
  char *s = malloc(2 * n + 8);
  parse p;
  (void)state;
  assert_non_null(s);
  /* Exactly 1 MiB: read. */
  s[0] = '"';
  memset(s + 1, 'x', n);
  s[n + 1] = '"';
  parse_n(&p, s, n + 2);
  assert_int_equal(p.rc, LG_OK);
  assert_int_equal(p.root->len, n);
  done(&p);
  /* One byte more: LG_ELIMIT at the opening quote. */
  s[0] = '[';
  s[1] = '"';
  memset(s + 2, 'x', n + 1);
  s[n + 3] = '"';
  s[n + 4] = ']';
  parse_n(&p, s, n + 5);
  assert_int_equal(p.rc, LG_ELIMIT);
  assert_int_equal(p.err.offset, 1);
  assert_string_equal(p.err.path, "/0");
  done(&p);
  /* The limit is on decoded bytes: 1 MiB written as 2 MiB of escapes is
   * read, one escape more is not. */
  s[0] = '"';
  for (i = 0; i < n; i++) memcpy(s + 1 + 2 * i, "\\n", 2);
  s[2 * n + 1] = '"';
  parse_n(&p, s, 2 * n + 2);
  assert_int_equal(p.rc, LG_OK);
  assert_int_equal(p.root->len, n);
  assert_int_equal(p.root->u.str[n - 1], '\n');
  done(&p);
  memcpy(s + 2 * n + 1, "\\t\"", 3);
  parse_n(&p, s, 2 * n + 4);
  assert_int_equal(p.rc, LG_ELIMIT);
  assert_int_equal(p.err.offset, 0);
  done(&p);
  free(s);
}

/* ---- duplicate keys and NULs ---------------------------------------------- */

static void duplicate_keys_are_flagged_not_rejected(void **state) {
  parse p;
  const lgi_json_member *m;
  (void)state;
  parse_s(&p, "{\"a\":1,\"b\":2,\"a\":3,\"\\u0061\":4,\"ab\":5}");
  assert_int_equal(p.rc, LG_OK);
  m = p.root->u.members;
  assert_int_equal(p.root->len, 5);
  assert_int_equal(m[0].flags, 0);
  assert_int_equal(m[1].flags, 0);
  assert_int_equal(m[2].flags, LGI_JSON_DUP_KEY);
  assert_int_equal(m[3].flags, LGI_JSON_DUP_KEY);
  assert_int_equal(m[4].flags, 0);
  /* Lookup finds the first. */
  assert_true(lgi_json_get(p.root, "a")->u.num == 1.0);
  done(&p);
  /* Keys in different objects never clash. */
  parse_s(&p, "[{\"a\":1},{\"a\":2,\"b\":{\"a\":3}}]");
  assert_int_equal(p.rc, LG_OK);
  assert_int_equal(p.root->u.items[1].u.members[0].flags, 0);
  assert_int_equal(p.root->u.items[1].u.members[1].value.u.members[0].flags, 0);
  done(&p);
}

/* An object of n members "k<i>" (i from 0), plus `dup` repeating key 0 at the end. */
static char *wide_object(size_t n, int dup, size_t *len) {
  char *s = malloc(n * 24 + 64), *d = s;
  size_t i;
  assert_non_null(s);
  *d++ = '{';
  for (i = 0; i < n; i++) d += sprintf(d, "%s\"k%zu\":%zu", i ? "," : "", i, i);
  if (dup) d += sprintf(d, ",\"k0\":-1");
  *d++ = '}';
  *len = (size_t)(d - s);
  return s;
}

static void duplicates_are_found_in_objects_of_every_size(void **state) {
  size_t sizes[] = {2, 15, 16, 17, 100, 5000}, k;
  (void)state;
  for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    size_t len, i;
    char *s = wide_object(sizes[k], 1, &len);
    parse p;
    parse_n(&p, s, len);
    assert_int_equal(p.rc, LG_OK);
    assert_int_equal(p.root->len, sizes[k] + 1);
    for (i = 0; i < sizes[k]; i++) assert_int_equal(p.root->u.members[i].flags, 0);
    assert_int_equal(p.root->u.members[sizes[k]].flags, LGI_JSON_DUP_KEY);
    done(&p);
    free(s);
  }
}

/* Split: string values go to their own arena and outlive the tree; keys
 * stay with the tree. */
static void split_parse_keeps_values_apart_from_the_tree(void **state) {
  static const char text[] =
      "{\"title\":\"caf\\u00e9 \\\"x\\\"\",\"tags\":[\"a\",\"b\"],\"n\":1,\"o\":{\"k\":\"\"}}";
  lgt_alloc t;
  lgi_arena tree, strings;
  const lgi_json *root = NULL;
  const char *title, *b, *empty;
  lg_error err;
  unsigned seen = 99;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&tree, &t.base);
  lgi_arena_init(&strings, &t.base);
  assert_int_equal(lgi_json_parse_split(&tree, &strings, text, sizeof text - 1, &root, &seen, &err),
                   LG_OK);
  assert_int_equal(seen, 0);
  title = lgi_json_get(root, "title")->u.str;
  b = lgi_json_get(root, "tags")->u.items[1].u.str;
  empty = lgi_json_get(lgi_json_get(root, "o"), "k")->u.str;
  assert_true(strings.bytes > 0);
  lgi_arena_free(&tree); /* ASan and valgrind see any value left in it */
  assert_int_equal(t.live_blocks, 1);
  assert_string_equal(title, "caf\xc3\xa9 \"x\"");
  assert_string_equal(b, "b");
  assert_string_equal(empty, "");
  lgi_arena_free(&strings);
  assert_int_equal(t.live_bytes, 0);

  /* Keys alone put nothing in the strings arena. */
  lgi_arena_init(&tree, &t.base);
  lgi_arena_init(&strings, &t.base);
  assert_int_equal(lgi_json_parse_split(&tree, &strings, "{\"abc\":{\"d\":[1]}}", 17, &root, NULL,
                                        NULL),
                   LG_OK);
  assert_int_equal(strings.bytes, 0);
  assert_string_equal(root->u.members[0].key, "abc");
  lgi_arena_free(&tree);
  lgi_arena_free(&strings);
  assert_int_equal(t.live_bytes, 0);
}

/* Split: kept values are handed out from chunks of what is left of the
 * input. Values of every length across many chunks, one over a quarter of
 * a chunk, escaped ones and the very last bytes all read back exactly, and
 * the arena holds little more than the input. */
static void split_parse_packs_values_across_chunks(void **state) {
  size_t cap = 400000, n = 0, i, count = 0, k;
  char *text = malloc(cap);
  lgt_alloc t;
  lgi_arena tree, strings;
  const lgi_json *root = NULL;
  (void)state;
  assert_non_null(text);
  text[n++] = '[';
  for (i = 0; n < cap - 40000; i++, count++) {
    size_t len = i == 300 ? 20000 : (i * 37) % 1500; /* 0..1499, and one long one */
    if (i) text[n++] = ',';
    text[n++] = '"';
    for (k = 0; k < len; k++) text[n++] = (char)('a' + (i + k) % 26);
    if (i % 7 == 0) {
      memcpy(text + n, "\\n", 2); /* an escape: the string is decoded */
      n += 2;
    }
    text[n++] = '"';
  }
  text[n++] = ']';
  lgt_alloc_init(&t);
  lgi_arena_init(&tree, &t.base);
  lgi_arena_init(&strings, &t.base);
  assert_int_equal(lgi_json_parse_split(&tree, &strings, text, n, &root, NULL, NULL), LG_OK);
  assert_int_equal(root->len, count);
  for (i = 0; i < count; i++) {
    const lgi_json *v = &root->u.items[i];
    size_t len = i == 300 ? 20000 : (i * 37) % 1500;
    if (len <= 16 && i % 7) continue; /* short ones may be shared: checked elsewhere */
    assert_int_equal(v->len, len + (i % 7 == 0 ? 1 : 0));
    for (k = 0; k < len; k++) assert_int_equal(v->u.str[k], 'a' + (int)((i + k) % 26));
    if (i % 7 == 0) assert_memory_equal(v->u.str + len, "\n", 2);
  }
  assert_true(strings.bytes < n + n / 16);
  lgi_arena_free(&tree);
  lgi_arena_free(&strings);
  assert_int_equal(t.live_bytes, 0);
  free(text);
}

/* Split reads share short unescaped strings; a single-arena read (saved
 * states) keeps one copy per string, as before. */
static void split_parse_shares_short_repeated_strings(void **state) {
  static const char text[] = "{\"t\":[\"talk\",\"talk\",\"ta\\u006ck\",\"sixteen-bytes-16\","
                             "\"seventeen-bytes17\",\"sixteen-bytes-16\",\"seventeen-bytes17\",\"\",\"\"],"
                             "\"o\":{\"t\":\"talk\"}}";
  lgt_alloc t;
  lgi_arena tree, strings;
  const lgi_json *root = NULL, *v, *o;
  size_t i;
  (void)state;
  lgt_alloc_init(&t);
  lgi_arena_init(&tree, &t.base);
  lgi_arena_init(&strings, &t.base);
  assert_int_equal(lgi_json_parse_split(&tree, &strings, text, sizeof text - 1, &root, NULL, NULL),
                   LG_OK);
  v = lgi_json_get(root, "t");
  o = lgi_json_get(root, "o");
  assert_ptr_equal(v->u.items[0].u.str, v->u.items[1].u.str);
  assert_ptr_equal(v->u.items[0].u.str, o->u.members[0].value.u.str); /* anywhere in the tree */
  assert_ptr_not_equal(v->u.items[2].u.str, v->u.items[0].u.str);    /* escaped: its own copy */
  assert_string_equal(v->u.items[2].u.str, "talk");
  assert_ptr_equal(v->u.items[3].u.str, v->u.items[5].u.str); /* 16 bytes: shared */
  assert_ptr_not_equal(v->u.items[4].u.str, v->u.items[6].u.str); /* 17: not */
  assert_string_equal(v->u.items[6].u.str, "seventeen-bytes17");
  assert_ptr_equal(v->u.items[7].u.str, v->u.items[8].u.str);
  assert_string_equal(v->u.items[8].u.str, "");
  assert_ptr_equal(root->u.members[0].key, o->u.members[0].key); /* keys too, in the tree */
  for (i = 0; i < v->len; i++) assert_int_equal(v->u.items[i].len, strlen(v->u.items[i].u.str));
  lgi_arena_free(&tree);
  lgi_arena_free(&strings);
  assert_int_equal(t.live_bytes, 0);

  lgi_arena_init(&tree, &t.base);
  assert_int_equal(lgi_json_parse(&tree, text, sizeof text - 1, &root, NULL), LG_OK);
  v = lgi_json_get(root, "t");
  assert_ptr_not_equal(v->u.items[0].u.str, v->u.items[1].u.str);
  assert_string_equal(v->u.items[1].u.str, "talk");
  lgi_arena_free(&tree);
  assert_int_equal(t.live_bytes, 0);
}

/* `seen` sums up the flags of the whole tree, so a caller can skip a walk. */
static unsigned seen_of(const char *text) {
  lgt_alloc t;
  lgi_arena a;
  const lgi_json *root = NULL;
  unsigned seen = 99;
  lgt_alloc_init(&t);
  lgi_arena_init(&a, &t.base);
  assert_int_equal(lgi_json_parse_split(&a, &a, text, strlen(text), &root, &seen, NULL), LG_OK);
  lgi_arena_free(&a);
  return seen;
}

static void split_parse_reports_every_flag_it_set(void **state) {
  char big[2048], *d = big, *tail;
  int i;
  (void)state;
  assert_int_equal(seen_of("{\"a\":[1,\"x\",{\"b\":null}],\"c\":1e300}"), 0);
  assert_int_equal(seen_of("[{\"a\":1},{\"b\":{\"a\":1,\"a\":2}}]"), LGI_JSON_DUP_KEY);
  assert_int_equal(seen_of("[[\"ok\",\"a\\u0000\"]]"), LGI_JSON_HAS_NUL);
  assert_int_equal(seen_of("{\"k\\u0000\":1}"), LGI_JSON_HAS_NUL);
  assert_int_equal(seen_of("[1,-1e400]"), LGI_JSON_OVERFLOW);
  assert_int_equal(seen_of("{\"a\":1e999,\"a\":\"\\u0000\"}"),
                   LGI_JSON_DUP_KEY | LGI_JSON_HAS_NUL | LGI_JSON_OVERFLOW);
  /* An object past the pairwise limit: the hash table finds the repeat. */
  d += sprintf(d, "{");
  for (i = 0; i < 40; i++) d += sprintf(d, "\"k%d\":%d,", i, i);
  tail = d;
  sprintf(tail, "\"k7\":0}");
  assert_int_equal(seen_of(big), LGI_JSON_DUP_KEY);
  sprintf(tail, "\"k99\":0}");
  assert_int_equal(seen_of(big), 0);
}

/* A copy of json_read.c's key hash, to make keys that all collide. */
static uint64_t key_hash(const char *k, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15u ^ n;
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, k, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDu;
    h ^= h >> 32;
    k += 8;
    n -= 8;
  }
  while (n > 0) {
    h = (h ^ (unsigned char)*k++) * 0x100000001B3u;
    n--;
  }
  h ^= h >> 29;
  h *= 0xC4CEB9FE1A85EC53u;
  return h ^ (h >> 32);
}

/* 1000 distinct keys that share one bucket of the 4096-slot table an
 * object of 1003 members gets, and three repeats: the probe budget runs
 * out and the sorting fallback must flag exactly the repeats. */
static void colliding_keys_still_find_exactly_the_duplicates(void **state) {
  enum { N = 1000 };
  char (*keys)[16] = malloc(N * sizeof *keys);
  char *doc = malloc(N * 32 + 256), *d = doc;
  unsigned long c = 0;
  size_t n = 0, i;
  parse p;
  clock_t t0;
  (void)state;
  assert_non_null(keys);
  assert_non_null(doc);
  while (n < N) {
    char k[16];
    int len = sprintf(k, "c%lu", c++);
    if ((key_hash(k, (size_t)len) & 4095) == 0) strcpy(keys[n++], k);
  }
  *d++ = '{';
  for (i = 0; i < N; i++) {
    d += sprintf(d, "%s\"%s\":%zu", i ? "," : "", keys[i], i);
    if (i == 500) d += sprintf(d, ",\"%s\":-1", keys[5]);
  }
  d += sprintf(d, ",\"%s\":-2,\"%s\":-3}", keys[N - 1], keys[N - 1]);
  t0 = clock();
  parse_n(&p, doc, (size_t)(d - doc));
  print_message("1003 colliding keys checked in %.1f ms\n", cpu_ms(t0));
  assert_int_equal(p.rc, LG_OK);
  assert_int_equal(p.root->len, N + 3);
  for (i = 0; i < N + 3; i++) {
    unsigned want = (i == 501 || i == N + 1 || i == N + 2) ? LGI_JSON_DUP_KEY : 0;
    if (p.root->u.members[i].flags != want) fail_msg("member %zu: flags %u", i, p.root->u.members[i].flags);
  }
  assert_true(p.root->u.members[501].value.u.num == -1.0);
  done(&p);
  *d = '\0';
  assert_int_equal(seen_of(doc), LGI_JSON_DUP_KEY); /* found by the sorting fallback too */
  free(doc);
  free(keys);
}

static void million_key_object_is_read_fast(void **state) {
  size_t n = small_scale() ? 100000 : 1000000, len, i;
  char *s = wide_object(n, 1, &len);
  lgi_arena arena;
  lg_allocator libc;
  const lgi_json *root = NULL;
  clock_t t0;
  double ms;
  (void)state;
  lgi_alloc_init(&libc, NULL);
  lgi_arena_init(&arena, &libc);
  t0 = clock();
  assert_int_equal(lgi_json_parse(&arena, s, len, &root, NULL), LG_OK);
  ms = cpu_ms(t0);
  print_message("%zu-key object (%zu bytes) read with duplicate detection in %.0f ms\n", n + 1, len, ms);
  assert_int_equal(root->len, n + 1);
  for (i = 0; i < n; i++)
    if (root->u.members[i].flags != 0) fail_msg("member %zu flagged", i);
  assert_int_equal(root->u.members[n].flags, LGI_JSON_DUP_KEY);
  assert_true(root->u.members[n].value.u.num == -1.0);
  /* Linear time: well under a second even in a sanitizer build (pairwise
   * comparison would take hours). */
  assert_true(ms < 3000.0);
  lgi_arena_free(&arena);
  free(s);
}

static void escaped_nul_is_data_and_flagged(void **state) {
  parse p;
  const lgi_json_member *m;
  (void)state;
  parse_s(&p, "[\"a\\u0000b\",\"plain\"]");
  assert_int_equal(p.rc, LG_OK);
  assert_int_equal(p.root->u.items[0].len, 3);
  assert_memory_equal(p.root->u.items[0].u.str, "a\0b", 4);
  assert_int_equal(p.root->u.items[0].flags, LGI_JSON_HAS_NUL);
  assert_int_equal(p.root->u.items[1].flags, 0);
  done(&p);
  /* In keys too; keys that differ after the NUL are not duplicates. */
  parse_s(&p, "{\"a\\u0000b\":1,\"a\\u0000c\":2,\"a\":3}");
  assert_int_equal(p.rc, LG_OK);
  m = p.root->u.members;
  assert_int_equal(m[0].key_len, 3);
  assert_memory_equal(m[0].key, "a\0b", 4);
  assert_int_equal(m[0].flags, LGI_JSON_HAS_NUL);
  assert_int_equal(m[1].flags, LGI_JSON_HAS_NUL);
  assert_int_equal(m[2].flags, 0);
  assert_int_equal(m[0].value.flags, 0);
  done(&p);
}

static void raw_nul_bytes_are_errors_not_the_end(void **state) {
  (void)state;
  /* Inside a string a raw NUL is a control character; elsewhere it is not
   * whitespace, and it never ends the input early. */
  EXPECT_ERROR("[\"a\0b\"]", LG_ESYNTAX, 1, 4, 3, "/0", "/0: a control character in a string must be escaped");
  EXPECT_ERROR("[1]\0", LG_ESYNTAX, 1, 4, 3, "", "unexpected text after the JSON value");
  EXPECT_ERROR("[1,\0 2]", LG_ESYNTAX, 1, 4, 3, "/1", NULL);
  EXPECT_ERROR("\0", LG_ESYNTAX, 1, 1, 0, "", NULL);
}

/* ---- numbers -------------------------------------------------------------- */

static void numbers_match_lgi_num_parse(void **state) {
  static const char *const nums[] = {
      "0", "-0", "1", "-1", "12", "999999999999999", "-999999999999999", "1000000000000000",
      "9007199254740993", "123456789012345678901234567890", "0.1", "0.3", "-2.5", "1e2", "1E-2",
      "1e+2", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308", "1e-400", "-1e-400",
      "0.000001", "123.456e-7", "18446744073709551616"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    parse p;
    double want;
    assert_int_equal(lgi_num_parse(nums[i], strlen(nums[i]), &want), LG_OK);
    parse_s(&p, nums[i]);
    assert_int_equal(p.rc, LG_OK);
    assert_int_equal(p.root->type, LGI_JSON_NUMBER);
    assert_int_equal(p.root->flags, 0);
    if (memcmp(&p.root->u.num, &want, sizeof want) != 0)
      fail_msg("%s read as %.17g, lgi_num_parse gives %.17g", nums[i], p.root->u.num, want);
    done(&p);
  }
}

static void negative_zero_keeps_its_sign(void **state) {
  parse p;
  (void)state;
  parse_s(&p, "[-0,-0.0,0]");
  assert_int_equal(p.rc, LG_OK);
  assert_true(signbit(p.root->u.items[0].u.num));
  assert_true(signbit(p.root->u.items[1].u.num));
  assert_false(signbit(p.root->u.items[2].u.num));
  done(&p);
}

static void overflowing_numbers_are_flagged_infinities(void **state) {
  parse p;
  const lgi_json *v;
  (void)state;
  parse_s(&p, "[1e400,-1e400,1.8e308,1e-400,1]");
  assert_int_equal(p.rc, LG_OK);
  v = p.root->u.items;
  assert_int_equal(v[0].flags, LGI_JSON_OVERFLOW);
  assert_true(isinf(v[0].u.num) && v[0].u.num > 0);
  assert_int_equal(v[1].flags, LGI_JSON_OVERFLOW);
  assert_true(isinf(v[1].u.num) && v[1].u.num < 0);
  assert_int_equal(v[2].flags, LGI_JSON_OVERFLOW);
  /* Underflow is a plain zero. */
  assert_int_equal(v[3].flags, 0);
  assert_true(v[3].u.num == 0.0);
  assert_int_equal(v[4].flags, 0);
  done(&p);
}

static void malformed_numbers_are_syntax_errors(void **state) {
  static const char *const bad[] = {"[+1]", "[.5]", "[1.]", "[1e]", "[1e+]", "[01]", "[-01]", "[-]",
                                    "[0x10]", "[1.5e]", "[Infinity]", "[NaN]", "[-Infinity]", "[1 .5]",
                                    "[2.e3]", "[0e]", "[--1]", "[1,-]"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    parse p;
    parse_s(&p, bad[i]);
    if (p.rc != LG_ESYNTAX) fail_msg("%s gave %d", bad[i], p.rc);
    done(&p);
  }
}

/* ---- lgi_json_get --------------------------------------------------------- */

static void get_finds_the_first_member_or_null(void **state) {
  parse p;
  (void)state;
  parse_s(&p, "{\"a\":1,\"ab\":2,\"a\":3,\"\":4}");
  assert_int_equal(p.rc, LG_OK);
  assert_true(lgi_json_get(p.root, "a")->u.num == 1.0);
  assert_true(lgi_json_get(p.root, "ab")->u.num == 2.0);
  assert_true(lgi_json_get(p.root, "")->u.num == 4.0);
  assert_null(lgi_json_get(p.root, "b"));
  assert_null(lgi_json_get(p.root, NULL));
  assert_null(lgi_json_get(NULL, "a"));
  assert_null(lgi_json_get(&p.root->u.members[0].value, "a"));
  done(&p);
}

/* ---- allocation failures -------------------------------------------------- */

typedef struct doc {
  char *s;
  size_t len;
} doc;

/* A medium document that reaches every allocation site: stacks that grow,
 * objects big enough for the duplicate hash table, strings bigger than a
 * pool chunk, escapes and numbers. */
static doc medium_doc(void) {
  doc d;
  size_t cap = 200000, i;
  char *s = malloc(cap), *p = s;
  assert_non_null(s);
  p += sprintf(p, "{\"format\":\"letgo-pack/1\",\"entries\":[");
  for (i = 0; i < 150; i++)
    p += sprintf(p, "%s{\"id\":\"tip.%zu\",\"tags\":[\"a\",\"b\"],\"n\":%zu.5,\"body\":\"line\\n\\u00e9 %zu\"}",
                 i ? "," : "", i, i, i);
  p += sprintf(p, "],\"wide\":{");
  for (i = 0; i < 40; i++) p += sprintf(p, "%s\"k%zu\":[[%zu]]", i ? "," : "", i, i);
  p += sprintf(p, "},\"big\":\"");
  for (i = 0; i < 40000; i++) *p++ = (char)('a' + i % 26);
  p += sprintf(p, "\"}");
  d.s = s;
  d.len = (size_t)(p - s);
  assert_true(d.len < cap);
  return d;
}

static int parse_journey(lgt_alloc *t, void *ctx) {
  const doc *d = ctx;
  lgi_arena arena;
  const lgi_json *root = NULL;
  lg_error err;
  int rc;
  lgi_arena_init(&arena, &t->base);
  rc = lgi_json_parse(&arena, d->s, d->len, &root, &err);
  if (rc == LG_OK) {
    assert_int_equal(root->type, LGI_JSON_OBJECT);
    assert_int_equal(lgi_json_get(root, "entries")->len, 150);
    assert_int_equal(lgi_json_get(root, "big")->len, 40000);
  } else {
    assert_int_equal(rc, LG_ENOMEM);
    assert_int_equal(err.status, LG_ENOMEM);
    assert_null(root);
  }
  lgi_arena_free(&arena);
  return rc;
}

/* The same document split: values in one arena, the tree and keys in another. */
static int split_journey(lgt_alloc *t, void *ctx) {
  const doc *d = ctx;
  lgi_arena tree, strings;
  const lgi_json *root = NULL;
  lg_error err;
  unsigned seen = 99;
  int rc;
  lgi_arena_init(&tree, &t->base);
  lgi_arena_init(&strings, &t->base);
  rc = lgi_json_parse_split(&tree, &strings, d->s, d->len, &root, &seen, &err);
  if (rc == LG_OK) {
    const char *big = lgi_json_get(root, "big")->u.str;
    assert_int_equal(lgi_json_get(root, "entries")->len, 150);
    assert_int_equal(seen, 0);
    lgi_arena_free(&tree); /* the values outlive the tree */
    assert_int_equal(strlen(big), 40000);
  } else {
    assert_int_equal(rc, LG_ENOMEM);
    assert_int_equal(err.status, LG_ENOMEM);
    assert_null(root);
    lgi_arena_free(&tree);
  }
  lgi_arena_free(&strings);
  return rc;
}

static void every_allocation_failure_is_enomem_without_leaks(void **state) {
  doc d = medium_doc();
  size_t points;
  (void)state;
  points = lgt_alloc_every_failure(parse_journey, &d);
  print_message("%zu allocation points\n", points);
  assert_true(points >= 5);
  points = lgt_alloc_every_failure(split_journey, &d);
  print_message("%zu allocation points split\n", points);
  assert_true(points >= 6);
  free(d.s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_every_kind_of_value),
      cmocka_unit_test(scalar_at_top_level_with_whitespace),
      cmocka_unit_test(nodes_carry_their_line_column_and_offset),
      cmocka_unit_test(decodes_every_escape),
      cmocka_unit_test(keeps_valid_utf8_as_it_is),
      cmocka_unit_test(reads_only_len_bytes),
      cmocka_unit_test(utf8_check_agrees_with_lgi_utf8_valid),
      cmocka_unit_test(special_bytes_are_found_at_every_position),
      cmocka_unit_test(short_strings_end_exactly_at_their_quote),
      cmocka_unit_test(error_inside_a_nested_member_has_its_pointer),
      cmocka_unit_test(error_positions_are_exact),
      cmocka_unit_test(error_is_optional),
      cmocka_unit_test(bad_arguments_are_einval),
      cmocka_unit_test(depth_64_is_read),
      cmocka_unit_test(depth_65_is_elimit_at_the_65th_bracket),
      cmocka_unit_test(hundred_thousand_levels_fail_fast_without_recursion),
      cmocka_unit_test(string_over_one_mib_is_elimit),
      cmocka_unit_test(duplicate_keys_are_flagged_not_rejected),
      cmocka_unit_test(duplicates_are_found_in_objects_of_every_size),
      cmocka_unit_test(colliding_keys_still_find_exactly_the_duplicates),
      cmocka_unit_test(million_key_object_is_read_fast),
      cmocka_unit_test(escaped_nul_is_data_and_flagged),
      cmocka_unit_test(raw_nul_bytes_are_errors_not_the_end),
      cmocka_unit_test(numbers_match_lgi_num_parse),
      cmocka_unit_test(negative_zero_keeps_its_sign),
      cmocka_unit_test(overflowing_numbers_are_flagged_infinities),
      cmocka_unit_test(malformed_numbers_are_syntax_errors),
      cmocka_unit_test(get_finds_the_first_member_or_null),
      cmocka_unit_test(every_allocation_failure_is_enomem_without_leaks),
      cmocka_unit_test(split_parse_keeps_values_apart_from_the_tree),
      cmocka_unit_test(split_parse_reports_every_flag_it_set),
      cmocka_unit_test(split_parse_packs_values_across_chunks),
      cmocka_unit_test(split_parse_shares_short_repeated_strings),
  };
  return cmocka_run_group_tests_name("json_read", tests, NULL, NULL);
}
