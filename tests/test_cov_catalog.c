/*
 * test_cov_catalog.c - the rarer paths of the catalogue: language tags and
 * versions at the edges of their grammars, member names a pack may not
 * use, repeated ids, lg_catalog_load_file on things that are not packs,
 * and how search folds and splits characters outside ASCII.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <letgo/letgo.h>

#include "test_alloc.h"

#define HEADER_(id, version, locale)                                                               \
  "{\"format\":\"letgo-pack/1\",\"id\":\"" id "\",\"version\":\"" version                          \
  "\",\"locale\":\"" locale "\""

static lg_catalog *empty(void) {
  lg_catalog *cat = NULL;
  assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
  return cat;
}

static int load(const char *json, lg_error *err) {
  lg_catalog *cat = empty();
  int rc;
  memset(err, 0, sizeof *err);
  rc = lg_catalog_load(cat, json, strlen(json), err);
  lg_catalog_free(cat);
  return rc;
}

static int load_header(const char *version, const char *locale) {
  char json[512];
  lg_error err;
  snprintf(json, sizeof json,
           "{\"format\":\"letgo-pack/1\",\"id\":\"t\",\"version\":\"%s\",\"locale\":\"%s\"}",
           version, locale);
  return load(json, &err);
}

static void language_tags_at_the_edges_of_rfc_5646(void **state) {
  static const char *const good[] = {"zh-yue-HK",         /* an extended language subtag        */
                                     "zh-yue-abc-def-HK", /* three of them, the most             */
                                     "tlh",
                                     "en-US-posix",
                                     "de-1996",
                                     "sl-rozaj-biske",
                                     "en-a-bbb-b-ccc",
                                     "en-X-priv",
                                     "en-a-bbb-ccc-x-a1",
                                     "es-419-x-1",
                                     "EN-latn-us",
                                     "ab-Abcd-12345",
                                     NULL};
  static const char *const bad[] = {"e1",        "en-a-b", "en-a-bb-c",     "en-US-x",   "en-1",
                                    "abcdefghi", "en-@",   "x-private",     "en-a-x-bb", "1en",
                                    "en-US-12",  "en-a1b", "en-abcdefghij", NULL};
  size_t i;
  (void)state;
  for (i = 0; good[i]; i++)
    if (load_header("1.0.0", good[i]) != LG_OK) fail_msg("tag %s should load", good[i]);
  for (i = 0; bad[i]; i++)
    if (load_header("1.0.0", bad[i]) != LG_ESCHEMA) fail_msg("tag %s should fail", bad[i]);
}

static void versions_at_the_edges_of_semver(void **state) {
  static const char *const good[] = {"1.0.0-RC.1A", "1.0.0-0-9.a-b", "1.0.0+Build.007",
                                     "1.0.0-a+b",   "0.0.1-x-",      NULL};
  static const char *const bad[] = {
      "1.0.0-a+",  "1.0.0-a$",
      "1.0.0+b+c", "1.0.0-a b",
      "1-0.0",     "1.0x.0",
      "1.0.0~",    "1.0.0+a.",
      ".1.0",      "1.0.0-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      NULL};
  size_t i;
  (void)state;
  for (i = 0; good[i]; i++)
    if (load_header(good[i], "en") != LG_OK) fail_msg("version %s should load", good[i]);
  for (i = 0; bad[i]; i++)
    if (load_header(bad[i], "en") != LG_ESCHEMA) fail_msg("version %s should fail", bad[i]);
}

typedef struct bad_pack {
  const char *json;
  int status;
  const char *path;
  const char *message; /* a part of the message */
} bad_pack;

static void members_and_ids_a_pack_may_not_use(void **state) {
  static const bad_pack cases[] = {
      {HEADER_("t", "1.0.0", "en") ",\"x-note\":1,\"x-note\":2}", LG_ESCHEMA, "/x-note",
       "appears twice"},
      {HEADER_("t", "1.0.0", "en") ",\"a\\u0000b\":1}", LG_ESCHEMA, "", "\\u0000"},
      {HEADER_("t", "1.0.0", "en") ",\"entries\":[{\"id\":\"\",\"kind\":\"tip\",\"title\":\"T\","
                                   "\"body\":\"B\"}]}",
       LG_ESCHEMA, "/entries/0/id", ""},
      {HEADER_("t", "1.0.0", "en") ",\"entries\":[{\"id\":\"tip.a\",\"kind\":\"tip\","
                                   "\"title\":\"\",\"body\":\"B\"}]}",
       LG_ESCHEMA, "/entries/0/title", ""},
      {HEADER_("t", "1.0.0",
               "en") ",\"entries\":["
                     "{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":\"A\",\"body\":\"a\"},"
                     "{\"id\":\"tip.b\",\"kind\":\"tip\",\"title\":\"B\",\"body\":\"b\"},"
                     "{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":\"C\",\"body\":\"c\"}]}",
       LG_ESCHEMA, "/entries/2/id", "/entries/0"},
      {HEADER_("t", "1.0.0", "en") ",\"entries\":[{\"kind\":\"tip\",\"title\":\"A\","
                                   "\"body\":\"a\"}]}",
       LG_ESCHEMA, "/entries/0", "id"},
      {"{\"format\":\"letgo-pack/2\",\"id\":\"t\",\"version\":\"1.0.0\",\"locale\":\"en\"}",
       LG_EVERSION, "/format", "letgo-pack/2"},
      {"{\"format\":\"letgo-pack/10\",\"id\":\"t\",\"version\":\"1.0.0\",\"locale\":\"en\"}",
       LG_EVERSION, "/format", ""},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    lg_error err;
    int rc = load(cases[i].json, &err);
    if (rc != cases[i].status || strcmp(err.path, cases[i].path) != 0 ||
        !strstr(err.message, cases[i].message))
      fail_msg("case %u: got %d at \"%s\": %s", (unsigned)i, rc, err.path, err.message);
    assert_int_equal(err.status, cases[i].status);
    assert_true(err.line >= 1);
  }
}

/* ---- lg_catalog_load_file ---------------------------------------------------- */

static void a_directory_cannot_be_read_as_a_pack(void **state) {
  lg_catalog *cat = empty();
  lg_error err;
  (void)state;
  memset(&err, 0, sizeof err);
  assert_int_equal(lg_catalog_load_file(cat, LETGO_TEST_DATA, &err), LG_EIO);
  assert_int_equal(err.status, LG_EIO);
  assert_non_null(strstr(err.message, "could not be read"));
  assert_int_equal(lg_catalog_entry_count(cat), 0);
  lg_catalog_free(cat);
}

static void a_file_that_reports_no_size_is_read_to_its_end(void **state) {
  /* /proc files report size 0: the loader reads them in growing blocks. */
  lg_catalog *cat = empty();
  lg_error err;
  FILE *f = fopen("/proc/self/status", "rb");
  (void)state;
  if (!f) {
    lg_catalog_free(cat);
    skip();
  }
  fclose(f);
  memset(&err, 0, sizeof err);
  assert_int_equal(lg_catalog_load_file(cat, "/proc/self/status", &err), LG_ESYNTAX);
  assert_int_equal(err.line, 1);
  assert_int_equal(err.column, 1);
  lg_catalog_free(cat);
}

static void a_file_over_256_mib_is_refused_unread(void **state) {
  static const char path[] = LETGO_BINARY_DIR "/cov_catalog_huge.json";
  lg_catalog *cat = empty();
  lgt_alloc t;
  lg_catalog *counted = NULL;
  lg_error err;
  FILE *f = fopen(path, "wb");
  (void)state;
  assert_non_null(f);
  /* sparse: one byte past the limit */
  assert_int_equal(fseek(f, (long)(256L << 20), SEEK_SET), 0);
  assert_int_equal(fputc('x', f), 'x');
  assert_int_equal(fclose(f), 0);
  memset(&err, 0, sizeof err);
  assert_int_equal(lg_catalog_load_file(cat, path, &err), LG_ELIMIT);
  assert_non_null(strstr(err.message, "larger than 256 MiB"));
  lg_catalog_free(cat);
  /* and nothing was allocated for it */
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&counted, &t.base, LG_CATALOG_EMPTY), LG_OK);
  {
    size_t before = t.allocs;
    assert_int_equal(lg_catalog_load_file(counted, path, NULL), LG_ELIMIT);
    assert_int_equal(t.allocs, before);
  }
  lg_catalog_free(counted);
  assert_int_equal(t.live_bytes, 0);
  remove(path);
}

static void a_long_path_is_quoted_by_its_end_in_whole_characters(void **state) {
  char path[400];
  size_t n = 0, i;
  lg_catalog *cat = empty();
  lg_error err;
  const char *dots;
  (void)state;
  n += (size_t)sprintf(path, "/no/such/dir/");
  for (i = 0; i < 60; i++) n += (size_t)sprintf(path + n, "\xc3\xa9"); /* é */
  sprintf(path + n, "x.json");
  memset(&err, 0, sizeof err);
  assert_int_equal(lg_catalog_load_file(cat, path, &err), LG_EIO);
  dots = strstr(err.message, "\"...");
  assert_non_null(dots);
  /* the quote starts on a whole character, and keeps the file's name */
  assert_true(((unsigned char)dots[4] & 0xC0) != 0x80);
  assert_non_null(strstr(err.message, "\xc3\xa9x.json\""));
  assert_non_null(strstr(err.message, "could not be opened"));
  lg_catalog_free(cat);
}

/* ---- search folding ---------------------------------------------------------- */

static size_t total_of(const lg_catalog *cat, const char *query) {
  size_t total = 999;
  assert_int_equal(lg_catalog_search(cat, query, "en", NULL, 0, &total), LG_OK);
  return total;
}

static void symbols_outside_ascii_separate_words(void **state) {
  static const char *const seps[] = {
      "\xc3\x97",         /* U+00D7 multiplication sign */
      "\xc3\xb7",         /* U+00F7 division sign */
      "\xcd\xbe",         /* U+037E Greek question mark */
      "\xce\x87",         /* U+0387 Greek ano teleia */
      "\xe3\x80\x80",     /* U+3000 ideographic space */
      "\xe3\x80\x88",     /* U+3008 angle bracket */
      "\xe3\x80\xb0",     /* U+3030 wavy dash */
      "\xe3\x80\xbd",     /* U+303D part alternation mark */
      "\xef\xb8\x8f",     /* U+FE0F variation selector */
      "\xef\xb8\xb0",     /* U+FE30 vertical two dot leader */
      "\xef\xbc\x81",     /* U+FF01 fullwidth ! */
      "\xef\xbc\x9a",     /* U+FF1A fullwidth : */
      "\xef\xbc\xbb",     /* U+FF3B fullwidth [ */
      "\xef\xbd\x9b",     /* U+FF5B fullwidth { */
      "\xef\xbf\xbd",     /* U+FFFD replacement character */
      "\xf0\x9f\x98\x80", /* U+1F600 grinning face */
      "\xf3\xa0\x80\x81", /* U+E0001 language tag */
      "\xc2\xab",         /* U+00AB guillemet */
      "\xe2\x80\x94",     /* U+2014 em dash */
  };
  static const char *const letters[] = {"\xc2\xb5", "\xc2\xbc", "\xc2\xbd", "\xc2\xbe",
                                        "\xc2\xaa", "\xc2\xb9", "\xc3\xa6"};
  lg_catalog *cat = NULL;
  size_t base, i;
  char q[64];
  (void)state;
  assert_int_equal(lg_catalog_new(&cat, NULL, 0), LG_OK);
  base = total_of(cat, "journal");
  assert_true(base > 0);
  for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
    snprintf(q, sizeof q, "%sjournal%s", seps[i], seps[i]);
    if (total_of(cat, q) != base) fail_msg("separator %u", (unsigned)i);
  }
  /* letters and digits among the symbols stay part of the word */
  for (i = 0; i < sizeof letters / sizeof letters[0]; i++) {
    snprintf(q, sizeof q, "journal%s", letters[i]);
    if (total_of(cat, q) != 0) fail_msg("letter %u", (unsigned)i);
  }
  lg_catalog_free(cat);
}

static void greek_and_cyrillic_capitals_fold_to_small_letters(void **state) {
  static const char pack[] = HEADER_(
      "g", "1.0.0", "en") ",\"entries\":[{\"id\":\"tip.greek\",\"kind\":\"tip\","
                          "\"title\":\"\\u03a3\\u03a9\\u03a3\",\"body\":\"\\u0414\\u041e\\u041c "
                          "\\u0400\\u0401 \\u00c6ther \\u00aa\\u00ba \\u00b2\\u00b3\\u00b9\"}]}";
  static const struct {
    const char *query;
    size_t total;
  } cases[] = {
      {"\xcf\x83\xcf\x89\xcf\x83", 1}, /* σωσ */
      {"\xce\xa3\xce\xa9\xce\xa3", 1}, /* ΣΩΣ */
      {"\xd0\xb4\xd0\xbe\xd0\xbc", 1}, /* дом */
      {"\xd1\x90\xd1\x91", 1},         /* ѐё (from U+0400 U+0401) */
      {"aether", 1},                   /* Æ folds to ae */
      {"ao", 1},                       /* ª º */
      {"231", 1},                      /* ² ³ ¹ */
      {"\xd0\xb4\xd0\xbe", 0},         /* a prefix is not a word */
  };
  lg_catalog *cat = empty();
  lg_error err;
  size_t i;
  (void)state;
  assert_int_equal(lg_catalog_load(cat, pack, strlen(pack), &err), LG_OK);
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    if (total_of(cat, cases[i].query) != cases[i].total) fail_msg("query %u", (unsigned)i);
  lg_catalog_free(cat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(language_tags_at_the_edges_of_rfc_5646),
      cmocka_unit_test(versions_at_the_edges_of_semver),
      cmocka_unit_test(members_and_ids_a_pack_may_not_use),
      cmocka_unit_test(a_directory_cannot_be_read_as_a_pack),
      cmocka_unit_test(a_file_that_reports_no_size_is_read_to_its_end),
      cmocka_unit_test(a_file_over_256_mib_is_refused_unread),
      cmocka_unit_test(a_long_path_is_quoted_by_its_end_in_whole_characters),
      cmocka_unit_test(symbols_outside_ascii_separate_words),
      cmocka_unit_test(greek_and_cyrillic_capitals_fold_to_small_letters),
  };
  return cmocka_run_group_tests_name("cov_catalog", tests, NULL, NULL);
}
