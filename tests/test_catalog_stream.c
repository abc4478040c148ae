/* test_catalog_stream.c - a pack's entries are read while it is parsed
 * (lgi_json_parse_items): the same catalogue as reading the whole tree, and
 * for a bad pack the same first problem, with the same words, line, column
 * and pointer, whatever comes after it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "letgo/letgo.h"
#include "test_alloc.h"

#define HDR "\"format\":\"letgo-pack/1\",\"id\":\"p\",\"version\":\"1.0.0\",\"locale\":\"en\""
#define E(id, kind)                                                                                \
  "{\"id\":\"" id "\",\"kind\":\"" kind "\",\"title\":\"t\",\"body\":\"b\",\"tags\":[\"a\",\"b\"]}"

static const char keep_pack[] = "{" HDR ",\"entries\":[{\"id\":\"keep\",\"kind\":\"tip\","
                                "\"title\":\"k\",\"body\":\"kept\"}]}";

typedef struct bad_case {
  const char *json;
  int status;
  unsigned line, column;
  size_t offset;
  const char *path, *message;
} bad_case;

/* The expected reports are those of the reader before entries were read
 * while parsing (the whole tree, then the rules in their order). */
static const bad_case bad[] = {
    /* a bad entry, then a syntax error at the end */
    {"{" HDR ",\"entries\":[\n" E("e0", "tip") ",\n" E("e1", "tipp") ",\n" E("e2", "tip") "\n],\"x\":tru}",
     LG_ESYNTAX, 5, 7, 282,
     "/x",
     "/x: expected a value (a string, number, object, array, true, false or null)"},
    /* a bad entry, then a bad locale after the entries */
    {"{\"format\":\"letgo-pack/1\",\"id\":\"p\",\"version\":\"1.0.0\",\"entries\":[\n" E("e0", "tipp") "\n],\n\"locale\":\"e n\"}",
     LG_ESCHEMA, 4, 10, 142,
     "/locale",
     "/locale: \"e n\" is not a language tag; write one like \"en\", \"es\" or \"es-MX\""},
    /* a bad entry, then a repeated key in a later entry */
    {"{" HDR ",\"entries\":[\n" E("e0", "tipp") ",\n{\"id\":\"e1\",\"kind\":\"tip\",\"kind\":\"tip\",\"title\":\"t\",\"body\":\"b\"}\n]}",
     LG_ESCHEMA, 3, 32, 176,
     "/entries/1/kind",
     "/entries/1/kind: \"kind\" appears twice in the same object; keep only one"},
    /* a bad entry, then a plan that is not an object */
    {"{" HDR ",\"entries\":[\n" E("e0", "tipp") "\n],\n\"plans\":[1]}",
     LG_ESCHEMA, 4, 10, 156,
     "/plans/0",
     "/plans/0: must be an object {...}, not a number"},
    /* a good entry, then a number in the list */
    {"{" HDR ",\"entries\":[\n" E("e0", "tip") ",\n5\n]}",
     LG_ESCHEMA, 3, 1, 144,
     "/entries/1",
     "/entries/1: must be an object {...}, not a number"},
    /* a number, then a bad entry */
    {"{" HDR ",\"entries\":[\n5,\n" E("e0", "tipp") "\n]}",
     LG_ESCHEMA, 2, 1, 78,
     "/entries/0",
     "/entries/0: must be an object {...}, not a number"},
    /* one id twice (and a third time) */
    {"{" HDR ",\"entries\":[\n" E("e0", "tip") ",\n" E("e1", "tip") ",\n" E("e0", "tip") ",\n" E("e0", "tip") "\n]}",
     LG_ESCHEMA, 4, 7, 216,
     "/entries/2/id",
     "/entries/2/id: \"e0\" is already the id of /entries/0; each entry of a pack needs its own id"},
    /* a bad entry, then \u0000 in a later body */
    {"{" HDR ",\"entries\":[\n" E("e0", "tipp") ",\n{\"id\":\"e1\",\"kind\":\"tip\",\"title\":\"t\",\"body\":\"a\\u0000b\"}\n]}",
     LG_ESCHEMA, 3, 44, 188,
     "/entries/1/body",
     "/entries/1/body: must not contain the character \\u0000"},
    /* three good entries, then a syntax error inside the fourth */
    {"{" HDR ",\"entries\":[\n" E("e0", "tip") ",\n" E("e1", "tip") ",\n" E("e2", "tip") ",\n{\"id\":\"e3\",\"title\":\"fo\\qr\"}\n]}",
     LG_ESYNTAX, 5, 23, 298,
     "/entries/3/title",
     "/entries/3/title: invalid escape sequence in a string"},
    /* a bad tag deep in the 3rd entry */
    {"{" HDR ",\"entries\":[\n" E("e0", "tip") ",\n" E("e1", "tip") ",\n{\"id\":\"e2\",\"kind\":\"tip\",\"title\":\"t\",\"body\":\"b\",\"tags\":[\"ok\",\"Not ok\"]}\n]}",
     LG_ESCHEMA, 4, 61, 270,
     "/entries/2/tags/1",
     "/entries/2/tags/1: \"Not ok\" is not a valid tag; tags are 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit"},
    /* a bad entry, then "entries" again */
    {"{" HDR ",\"entries\":[\n" E("e0", "tipp") "\n],\"entries\":[]}",
     LG_ESCHEMA, 3, 13, 156,
     "/entries",
     "/entries: \"entries\" appears twice in the same object; keep only one"},
    /* an unknown placeholder in the 2nd entry, then an unknown member at the root */
    {"{" HDR ",\"entries\":[\n" E("e0", "tip") ",\n{\"id\":\"e1\",\"kind\":\"tip\",\"title\":\"t\",\"body\":\"hi {nam}\"}\n],\"extra\":1}",
     LG_ESCHEMA, 4, 11, 209,
     "/extra",
     "/extra: unknown member \"extra\"; expected one of format, id, version, locale, entries, instruments, plans (or a name starting with \"x-\")"},
    /* a list inside the list */
    {"{" HDR ",\"entries\":[\n" E("e0", "tip") ",\n[" E("e1", "tip") "]\n]}",
     LG_ESCHEMA, 3, 1, 144,
     "/entries/1",
     "/entries/1: must be an object {...}, not a list"},
    /* a bad entry, then nesting deeper than 64 levels in a later one */
    {"{" HDR ",\"entries\":[\n" E("e0", "tipp") ",\n{\"id\":\"e1\",\"x-deep\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}\n]}",
     LG_ELIMIT, 3, 82, 226,
     "/entries/1/x-deep/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0",
     "/entries/1/x-deep/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0: nesting is deeper than the limit of 64 levels"},
    /* a bad entry, then the format is wrong (after the entries) */
    {"{\"entries\":[\n" E("e0", "tipp") "\n],\"format\":\"letgo-pack/2\",\"id\":\"p\",\"version\":\"1.0.0\",\"locale\":\"en\"}",
     LG_EVERSION, 3, 12, 90,
     "/format",
     "/format: \"letgo-pack/2\" is not a pack format this library reads; it reads \"letgo-pack/1\""},
    /* entries missing "id" in a later one, nested contact object fine before */
    {"{" HDR ",\"entries\":[\n{\"id\":\"r\",\"kind\":\"resource\",\"title\":\"t\",\"body\":\"b\",\"contact\":{\"phone\":\"1\"},\"regions\":[\"US\",\"*\"]},\n{\"kind\":\"tip\",\"title\":\"t\",\"body\":\"b\"}\n]}",
     LG_ESCHEMA, 3, 1, 176,
     "/entries/1",
     "/entries/1: the required member \"id\" is missing"},
};

static void the_first_problem_wins_as_before(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    lg_catalog *cat = NULL;
    lg_error err;
    const lg_entry *e;
    memset(&err, 0, sizeof err);
    assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
    assert_int_equal(lg_catalog_load(cat, keep_pack, strlen(keep_pack), NULL), LG_OK);
    assert_int_equal(lg_catalog_load(cat, bad[i].json, strlen(bad[i].json), &err), bad[i].status);
    assert_int_equal(err.status, bad[i].status);
    assert_int_equal(err.line, bad[i].line);
    assert_int_equal(err.column, bad[i].column);
    assert_int_equal(err.offset, bad[i].offset);
    assert_string_equal(err.path, bad[i].path);
    assert_string_equal(err.message, bad[i].message);
    /* All or nothing: the earlier pack alone. */
    assert_int_equal(lg_catalog_entry_count(cat), 1);
    e = lg_catalog_entry(cat, "keep", "en");
    assert_non_null(e);
    assert_string_equal(lg_entry_body(e), "kept");
    lg_catalog_free(cat);
  }
}

/* "entries" may come before the header: the entries get the header's
 * locale all the same. */
static void entries_before_the_header_load_the_same(void **state) {
  static const char first[] =
      "{\"format\":\"letgo-pack/1\",\"id\":\"p\",\"version\":\"1.0.0\",\"locale\":\"ES-mx\","
      "\"entries\":[" E("e0", "tip") "," E("e1", "sign") "]}";
  static const char last[] = "{\"entries\":[" E("e0", "tip") "," E("e1", "sign") "],"
                             "\"format\":\"letgo-pack/1\",\"id\":\"p\",\"version\":\"1.0.0\","
                             "\"locale\":\"ES-mx\"}";
  const char *const packs[] = {first, last};
  size_t k;
  (void)state;
  for (k = 0; k < 2; k++) {
    lg_catalog *cat = NULL;
    const lg_entry *e;
    assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
    assert_int_equal(lg_catalog_load(cat, packs[k], strlen(packs[k]), NULL), LG_OK);
    assert_int_equal(lg_catalog_entry_count(cat), 2);
    e = lg_catalog_entry_at(cat, 1);
    assert_string_equal(lg_entry_id(e), "e1");
    assert_string_equal(lg_entry_kind(e), "sign");
    assert_string_equal(lg_entry_locale(e), "es-mx");
    assert_int_equal(lg_entry_tag_count(e), 2);
    assert_string_equal(lg_entry_tag(e, 1), "b");
    assert_ptr_equal(lg_catalog_entry(cat, "e0", "es-MX"), lg_catalog_entry_at(cat, 0));
    lg_catalog_free(cat);
  }
}

/* A pack of n entries with lists and objects inside them (tags of every
 * length up to 40, so long lists take the sorting check; regions and
 * contact on every third). (malloc) */
static char *nested_pack(size_t n, size_t *len) {
  size_t cap = n * 700 + 256, at = 0, i, k;
  char *s = malloc(cap);
  assert_non_null(s);
  at += (size_t)sprintf(s + at, "{" HDR ",\"entries\":[\n");
  for (i = 0; i < n; i++) {
    at += (size_t)sprintf(s + at, "%s{\"id\":\"e%zu\",\"kind\":\"%s\",\"title\":\"Title %zu\","
                                  "\"body\":\"Body \\\"%zu\\\" {name}\",\"tags\":[",
                          i ? ",\n" : "", i, i % 3 ? "tip" : "resource", i, i);
    for (k = 0; k < i % 41; k++) at += (size_t)sprintf(s + at, "%s\"t%zu\"", k ? "," : "", k);
    at += (size_t)sprintf(s + at, "]");
    if (i % 3 == 0)
      at += (size_t)sprintf(s + at, ",\"regions\":[\"US\",\"*\"],\"contact\":{\"phone\":\"%zu\","
                                    "\"url\":\"https://example.org/%zu\"},\"x-note\":{\"a\":[[1]]}",
                            i, i);
    at += (size_t)sprintf(s + at, "}");
    assert_true(at + 1000 < cap);
  }
  at += (size_t)sprintf(s + at, "\n]}");
  *len = at;
  return s;
}

static void check_nested(const lg_catalog *cat, size_t n) {
  size_t i, k;
  char want[64];
  assert_int_equal(lg_catalog_entry_count(cat), n);
  for (i = 0; i < n; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    sprintf(want, "e%zu", i);
    assert_string_equal(lg_entry_id(e), want);
    sprintf(want, "Title %zu", i);
    assert_string_equal(lg_entry_title(e), want);
    sprintf(want, "Body \"%zu\" {name}", i);
    assert_string_equal(lg_entry_body(e), want);
    assert_string_equal(lg_entry_kind(e), i % 3 ? "tip" : "resource");
    assert_int_equal(lg_entry_tag_count(e), i % 41);
    for (k = 0; k < i % 41; k++) {
      sprintf(want, "t%zu", k);
      assert_string_equal(lg_entry_tag(e, k), want);
    }
    if (i % 3 == 0) {
      assert_int_equal(lg_entry_region_count(e), 2);
      assert_string_equal(lg_entry_region(e, 1), "*");
      sprintf(want, "%zu", i);
      assert_string_equal(lg_entry_contact(e, "phone"), want);
      sprintf(want, "https://example.org/%zu", i);
      assert_string_equal(lg_entry_contact(e, "url"), want);
    } else {
      assert_int_equal(lg_entry_region_count(e), 0);
      assert_null(lg_entry_contact(e, "phone"));
    }
  }
}

/* Lists and objects inside entries are dropped with each entry: what the
 * catalogue keeps never points into them (ASan and valgrind would see). */
static void entries_with_lists_inside_load_exactly(void **state) {
  size_t len;
  char *json = nested_pack(3000, &len);
  lgt_alloc t;
  lg_catalog *cat = NULL;
  lg_error err;
  (void)state;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&cat, &t.base, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(lg_catalog_load(cat, json, len, &err), LG_OK);
  free(json); /* nothing kept points into the input either */
  check_nested(cat, 3000);
  lg_catalog_free(cat);
  assert_int_equal(t.live_bytes, 0);
}

typedef struct nested_ctx {
  const char *json;
  size_t len;
} nested_ctx;

static int nested_journey(lgt_alloc *t, void *vctx) {
  const nested_ctx *ctx = vctx;
  size_t n = t->fail_at;
  lg_catalog *cat = NULL;
  int rc;
  t->fail_at = 0;
  assert_int_equal(lg_catalog_new(&cat, &t->base, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(lg_catalog_load(cat, keep_pack, strlen(keep_pack), NULL), LG_OK);
  lgt_alloc_fail_at(t, n);
  rc = lg_catalog_load(cat, ctx->json, ctx->len, NULL);
  t->fail_at = 0;
  if (rc == LG_OK) {
    assert_int_equal(lg_catalog_entry_count(cat), 41);
  } else {
    assert_int_equal(rc, LG_ENOMEM);
    assert_int_equal(lg_catalog_entry_count(cat), 1);
    assert_non_null(lg_catalog_entry(cat, "keep", "en"));
  }
  lg_catalog_free(cat);
  return rc;
}

static void allocation_failures_while_entries_stream_change_nothing(void **state) {
  nested_ctx ctx;
  char *json = nested_pack(40, &ctx.len);
  (void)state;
  ctx.json = json;
  assert_true(lgt_alloc_every_failure(nested_journey, &ctx) >= 10);
  free(json);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_first_problem_wins_as_before),
      cmocka_unit_test(entries_before_the_header_load_the_same),
      cmocka_unit_test(entries_with_lists_inside_load_exactly),
      cmocka_unit_test(allocation_failures_while_entries_stream_change_nothing),
  };
  return cmocka_run_group_tests_name("catalog_stream", tests, NULL, NULL);
}
