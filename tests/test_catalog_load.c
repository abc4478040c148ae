/* test_catalog_load.c - loading packs: validation, limits, overrides,
 * all-or-nothing, files, the built-in catalogue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/catalog_impl.h"
#include "letgo/letgo.h"
#include "test_alloc.h"

#define PACKS LETGO_TEST_DATA "/packs"

static int load_str(lg_catalog *cat, const char *json, lg_error *err) {
  return lg_catalog_load(cat, json, strlen(json), err);
}

static lg_catalog *empty_catalog(void) {
  lg_catalog *cat = NULL;
  assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
  assert_non_null(cat);
  return cat;
}

/* Everything a reader of the catalogue can see, as one string (malloc). */
static char *fingerprint(const lg_catalog *cat) {
  size_t cap = 1 << 16, len = 0, i, k;
  char *s = malloc(cap);
  static const char *const ids[] = {"tip.a", "tip.b", "tip.c", "tip.d", "tip.e", "label.x", NULL};
  static const char *const locales[] = {"en", "es", "es-MX", "fr", NULL};
  assert_non_null(s);
#define PUT(...)                                                                                \
  do {                                                                                          \
    int n_ = snprintf(s + len, cap - len, __VA_ARGS__);                                          \
    assert_true(n_ >= 0 && (size_t)n_ < cap - len);                                               \
    len += (size_t)n_;                                                                          \
  } while (0)
  PUT("count=%zu\n", lg_catalog_entry_count(cat));
  for (i = 0; i < lg_catalog_entry_count(cat); i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    PUT("%s|%s|%s|%s|%s|%s|", lg_entry_id(e), lg_entry_locale(e), lg_entry_kind(e),
        lg_entry_title(e), lg_entry_body(e), lg_entry_phase(e) ? lg_entry_phase(e) : "-");
    for (k = 0; k < lg_entry_tag_count(e); k++) PUT("%s,", lg_entry_tag(e, k));
    PUT("\n");
  }
  for (i = 0; ids[i]; i++)
    for (k = 0; locales[k]; k++) {
      const lg_entry *e = lg_catalog_entry(cat, ids[i], locales[k]);
      PUT("%s@%s=%s\n", ids[i], locales[k], e ? lg_entry_body(e) : "(none)");
    }
  PUT("instruments=%zu templates=%zu\n", lg_catalog_instrument_count(cat),
      lg_catalog_template_count(cat));
  for (i = 0; i < lg_catalog_instrument_count(cat); i++) {
    const char *id = lg_catalog_instrument_id(cat, i);
    PUT("instrument %s en=%d es=%d\n", id, lgi_catalog_instrument(cat, id, "en") != NULL,
        lgi_catalog_instrument(cat, id, "es") != lgi_catalog_instrument(cat, id, "en"));
  }
#undef PUT
  return s;
}

static const char pack_a[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"a\",\"version\":\"1.0.0\",\"locale\":\"en\",\"entries\":["
    "{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":\"A\",\"body\":\"a1\",\"tags\":[\"talk\"]},"
    "{\"id\":\"tip.b\",\"kind\":\"tip\",\"title\":\"B\",\"body\":\"b1\",\"phase\":\"grieve\"},"
    "{\"id\":\"tip.c\",\"kind\":\"tip\",\"title\":\"C\",\"body\":\"c1\"}]}";

/* Overrides tip.b in place, adds tip.d. */
static const char pack_b[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"b\",\"version\":\"1.1.0\",\"locale\":\"en\",\"entries\":["
    "{\"id\":\"tip.d\",\"kind\":\"tip\",\"title\":\"D\",\"body\":\"d2\"},"
    "{\"id\":\"tip.b\",\"kind\":\"strategy\",\"title\":\"B2\",\"body\":\"b2\",\"tags\":[\"x\",\"y\"]}]}";

/* A new locale: same ids, no override of the English ones. */
static const char pack_es[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"a\",\"version\":\"1.0.0\",\"locale\":\"ES\",\"entries\":["
    "{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":\"A es\",\"body\":\"a-es\",\"tags\":[\"hablar\"]},"
    "{\"id\":\"tip.e\",\"kind\":\"tip\",\"title\":\"E es\",\"body\":\"e-es\",\"regions\":[\"MX\"],"
    "\"contact\":{\"phone\":\"1\"},\"checked\":\"2024-01-31\",\"source\":\"s\"}]}";

/* Labels and a one-question instrument, in Spanish. */
static const char pack_q[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"q\",\"version\":\"1.0.0\",\"locale\":\"es\",\"entries\":["
    "{\"id\":\"label.yes\",\"kind\":\"label\",\"title\":\"S\\u00ed\",\"body\":\"S\\u00ed\"},"
    "{\"id\":\"label.no\",\"kind\":\"label\",\"title\":\"No\",\"body\":\"No\"}],"
    "\"instruments\":[{\"id\":\"quiz\",\"title\":\"T\",\"intro\":\"I\",\"items\":[{\"id\":\"a\","
    "\"type\":\"yesno\",\"text\":\"Q?\"}],\"bands\":[{\"id\":\"low\",\"max\":1,\"label\":\"L\","
    "\"summary\":\"S\"}]}]}";

/* ---- validation ------------------------------------------------------------------ */

static int status_of(const char *name) {
  if (strcmp(name, "ESCHEMA") == 0) return LG_ESCHEMA;
  if (strcmp(name, "EVERSION") == 0) return LG_EVERSION;
  if (strcmp(name, "ESYNTAX") == 0) return LG_ESYNTAX;
  if (strcmp(name, "ELIMIT") == 0) return LG_ELIMIT;
  fail_msg("unknown status %s", name);
  return 0;
}

static void every_bad_pack_reports_status_line_column_and_pointer(void **state) {
  FILE *f = fopen(PACKS "/bad/EXPECTED", "r");
  char line[1024];
  size_t cases = 0;
  (void)state;
  assert_non_null(f);
  while (fgets(line, sizeof line, f)) {
    char *field[7] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    char *p = line, path[2048], expect_msg[1100];
    size_t n = 0;
    lg_catalog *cat = empty_catalog();
    lg_error err;
    int rc;
    if (line[0] == '#') {
      lg_catalog_free(cat);
      continue;
    }
    line[strcspn(line, "\n")] = '\0';
    while (n < 7) {
      field[n++] = p;
      p = strchr(p, '\t');
      if (!p) break;
      *p++ = '\0';
    }
    assert_int_equal(n, 7);
    snprintf(path, sizeof path, PACKS "/bad/%s.json", field[0]);
    memset(&err, 0x55, sizeof err);
    rc = lg_catalog_load_file(cat, path, &err);
    if (rc != status_of(field[1]) || err.line != (unsigned)atoi(field[2]) ||
        err.column != (unsigned)atoi(field[3]) || err.offset != (size_t)atol(field[4]) ||
        strcmp(err.path, field[5]) != 0 || !strstr(err.message, field[6]))
      fail_msg("%s: got %d %u:%u @%zu \"%s\" \"%s\"", field[0], rc, err.line, err.column,
               err.offset, err.path, err.message);
    assert_int_equal(err.status, rc);
    /* The message is "<pointer>: <sentence>" (no prefix at the root). */
    if (field[5][0]) {
      snprintf(expect_msg, sizeof expect_msg, "%s: ", field[5]);
      assert_memory_equal(err.message, expect_msg, strlen(expect_msg));
    }
    assert_null(strchr(err.message, '\n'));
    assert_int_equal(lg_catalog_entry_count(cat), 0);
    lg_catalog_free(cat);
    cases++;
  }
  fclose(f);
  assert_true(cases >= 45);
}

static void kind_message_lists_every_kind(void **state) {
  lg_catalog *cat = empty_catalog();
  lg_error err;
  (void)state;
  assert_int_equal(lg_catalog_load_file(cat, PACKS "/bad/entry-kind-unknown.json", &err),
                   LG_ESCHEMA);
  assert_string_equal(err.message,
                      "/entries/1/kind: \"tipp\" is not a kind; expected one of article, section, "
                      "sign, tip, strategy, prompt, ritual, affirmation, exercise, resource, "
                      "disclaimer, label");
  lg_catalog_free(cat);
}

static void syntax_errors_are_esyntax_with_position(void **state) {
  lg_catalog *cat = empty_catalog();
  lg_error err;
  (void)state;
  memset(&err, 0, sizeof err);
  assert_int_equal(load_str(cat, "{\"format\": \"letgo-pack/1\",\n  \"id\": }", &err), LG_ESYNTAX);
  assert_int_equal(err.status, LG_ESYNTAX);
  assert_int_equal(err.line, 2);
  assert_true(err.column >= 7);
  assert_int_equal(load_str(cat, "", &err), LG_ESYNTAX);
  assert_int_equal(lg_catalog_load(cat, "{\"format\":\"letgo-pack/1\xff\"}", 26, &err), LG_ESYNTAX);
  assert_int_equal(lg_catalog_entry_count(cat), 0);
  lg_catalog_free(cat);
}

static void limits_are_elimit(void **state) {
  lg_catalog *cat = empty_catalog();
  lg_error err;
  char deep[400];
  size_t i, n = 0;
  (void)state;
  /* Nesting 65 deep inside an ignored member. */
  n += (size_t)sprintf(deep + n, "{\"format\":\"letgo-pack/1\",\"x-deep\":");
  for (i = 0; i < 64; i++) deep[n++] = '[';
  for (i = 0; i < 64; i++) deep[n++] = ']';
  deep[n++] = '}';
  assert_int_equal(lg_catalog_load(cat, deep, n, &err), LG_ELIMIT);
  /* One string over 1 MiB. */
  {
    size_t big = ((size_t)1 << 20) + 1, m = 0;
    char *json = malloc(big + 200);
    assert_non_null(json);
    m += (size_t)sprintf(json, "{\"format\":\"letgo-pack/1\",\"x-big\":\"");
    memset(json + m, 'a', big);
    m += big;
    m += (size_t)sprintf(json + m, "\"}");
    assert_int_equal(lg_catalog_load(cat, json, m, &err), LG_ELIMIT);
    assert_int_equal(err.line, 1);
    memcpy(json + m - 3, "\"}", 2); /* one byte shorter: exactly 1 MiB is allowed */
    assert_int_equal(lg_catalog_load(cat, json, m - 1, &err), LG_ESCHEMA); /* no id */
    free(json);
  }
  /* The size limit is checked before a byte is read. */
  assert_int_equal(lg_catalog_load(cat, "{}", (size_t)256 << 20 | 1, &err), LG_ELIMIT);
  assert_int_equal(err.status, LG_ELIMIT);
  assert_int_equal(err.line, 0);
  assert_int_equal(lg_catalog_entry_count(cat), 0);
  lg_catalog_free(cat);
}

static void a_full_pack_loads_every_field(void **state) {
  lg_catalog *cat = empty_catalog();
  const lg_entry *e;
  lg_error err;
  (void)state;
  assert_int_equal(lg_catalog_load_file(cat, PACKS "/good/full.en.json", &err), LG_OK);
  assert_int_equal(lg_catalog_entry_count(cat), 4);
  e = lg_catalog_entry(cat, "resource.test-line", "en");
  assert_non_null(e);
  assert_string_equal(lg_entry_kind(e), "resource");
  assert_string_equal(lg_entry_locale(e), "en");
  assert_int_equal(lg_entry_region_count(e), 2);
  assert_string_equal(lg_entry_region(e, 1), "CA");
  assert_null(lg_entry_region(e, 2));
  assert_string_equal(lg_entry_contact(e, "phone"), "555 0100");
  assert_string_equal(lg_entry_contact(e, "sms"), "55501");
  assert_string_equal(lg_entry_contact(e, "url"), "https://example.org");
  assert_null(lg_entry_contact(e, "x-note"));
  assert_string_equal(lg_entry_source(e), "https://example.org/about");
  assert_string_equal(lg_entry_checked(e), "2024-02-29");
  assert_null(lg_entry_phase(e));
  e = lg_catalog_entry(cat, "tip.call-a-friend", "en");
  assert_string_equal(lg_entry_phase(e), "rebuild");
  assert_int_equal(lg_entry_tag_count(e), 2);
  assert_string_equal(lg_entry_tag(e, 0), "talk");
  assert_null(lg_entry_tag(e, 2));
  assert_null(lg_entry_contact(e, "phone"));
  assert_null(lg_entry_source(e));
  assert_null(lg_entry_checked(e));
  assert_int_equal(lg_entry_region_count(e), 0);
  /* Locales are stored lowercase. */
  assert_int_equal(lg_catalog_load_file(cat, PACKS "/good/full.es-MX.json", &err), LG_OK);
  assert_string_equal(lg_entry_locale(lg_catalog_entry(cat, "tip.call-a-friend", "es-MX")),
                      "es-mx");
  lg_catalog_free(cat);
}

/* Entries keep the strings the reader decoded (no second copy): escapes,
 * surrogate pairs and extension members must come out exactly, and stay
 * right after a later pack overrides the entry and until the free. */
static void escaped_strings_read_back_exactly(void **state) {
  static const char pack[] =
      "{\"format\":\"letgo-pack/1\",\"id\":\"esc\",\"version\":\"1.0.0\",\"locale\":\"es\","
      "\"x-note\":\"not kept \\u00e9\",\"entries\":["
      "{\"id\":\"tip.\\u0061\",\"kind\":\"ti\\u0070\",\"title\":\"Di \\\"s\\u00ed\\\"\\\\\","
      "\"body\":\"l\\u00ednea\\n\\ttab \\ud83d\\ude00 {{x}}\\/\",\"tags\":[\"t\\u0061lk\",\"b\"],"
      "\"x-extra\":[\"\\u00e9\"],\"phase\":\"gri\\u0065ve\"},"
      "{\"id\":\"resource.r\",\"kind\":\"resource\",\"title\":\"R\",\"body\":\"r\","
      "\"tags\":[\"crisis\"],\"regions\":[\"M\\u0058\",\"*\"],"
      "\"contact\":{\"phone\":\"\\u0031 2\",\"url\":\"https:\\/\\/e.org\"},"
      "\"source\":\"s\\u00ed\",\"checked\":\"2024-01-3\\u0031\"}]}";
  static const char again[] =
      "{\"format\":\"letgo-pack/1\",\"id\":\"esc\",\"version\":\"1.0.1\",\"locale\":\"es\","
      "\"entries\":[{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":\"T2\",\"body\":\"B2\"}]}";
  lg_catalog *cat = empty_catalog();
  const lg_entry *e, *r;
  lg_error err;
  (void)state;
  assert_int_equal(load_str(cat, pack, &err), LG_OK);
  e = lg_catalog_entry(cat, "tip.a", "es");
  assert_non_null(e);
  assert_string_equal(lg_entry_id(e), "tip.a");
  assert_string_equal(lg_entry_kind(e), "tip");
  assert_string_equal(lg_entry_title(e), "Di \"s\xc3\xad\"\\");
  assert_string_equal(lg_entry_body(e), "l\xc3\xadnea\n\ttab \xf0\x9f\x98\x80 {{x}}/");
  assert_int_equal(lg_entry_tag_count(e), 2);
  assert_string_equal(lg_entry_tag(e, 0), "talk");
  assert_string_equal(lg_entry_tag(e, 1), "b");
  assert_string_equal(lg_entry_phase(e), "grieve");
  assert_int_equal(lg_entry_region_count(e), 0);
  assert_null(lg_entry_source(e));
  r = lg_catalog_entry(cat, "resource.r", "es");
  assert_non_null(r);
  assert_int_equal(lg_entry_region_count(r), 2);
  assert_string_equal(lg_entry_region(r, 0), "MX");
  assert_string_equal(lg_entry_region(r, 1), "*");
  assert_string_equal(lg_entry_contact(r, "phone"), "1 2");
  assert_null(lg_entry_contact(r, "sms"));
  assert_string_equal(lg_entry_contact(r, "url"), "https://e.org");
  assert_string_equal(lg_entry_source(r), "s\xc3\xad");
  assert_string_equal(lg_entry_checked(r), "2024-01-31");
  assert_null(lg_entry_phase(r));
  /* The free-word index reads the same decoded text. */
  {
    lg_hit hit;
    size_t total = 0;
    assert_int_equal(lg_catalog_search(cat, "linea", "es", &hit, 1, &total), LG_OK);
    assert_int_equal(total, 1);
    assert_ptr_equal(hit.entry, e);
  }
  /* Overridden, the old entry keeps its strings until the catalogue goes. */
  assert_int_equal(load_str(cat, again, &err), LG_OK);
  assert_string_equal(lg_entry_body(lg_catalog_entry(cat, "tip.a", "es")), "B2");
  assert_string_equal(lg_entry_body(e), "l\xc3\xadnea\n\ttab \xf0\x9f\x98\x80 {{x}}/");
  assert_string_equal(lg_entry_tag(e, 0), "talk");
  assert_string_equal(lg_entry_contact(r, "url"), "https://e.org");
  lg_catalog_free(cat);
}

/* \u0000 decoded into the pack's arena is still refused, at its pointer,
 * and the failed load leaves nothing behind. */
static void an_escaped_nul_in_a_text_is_still_refused(void **state) {
  static const char pack[] =
      "{\"format\":\"letgo-pack/1\",\"id\":\"n\",\"version\":\"1.0.0\",\"locale\":\"en\",\n"
      "\"entries\":[{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":\"T\",\"body\":\"B\"},\n"
      "{\"id\":\"tip.b\",\"kind\":\"tip\",\"title\":\"T\",\"body\":\"a\\u0000b\"}]}";
  lgt_alloc t;
  lg_catalog *cat = NULL;
  lg_error err;
  (void)state;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&cat, &t.base, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(load_str(cat, pack, &err), LG_ESCHEMA);
  assert_string_equal(err.path, "/entries/1/body");
  assert_string_equal(err.message, "/entries/1/body: must not contain the character \\u0000");
  assert_int_equal(err.line, 3);
  assert_int_equal(err.column, 47);
  assert_int_equal(lg_catalog_entry_count(cat), 0);
  lg_catalog_free(cat);
  assert_int_equal(t.live_bytes, 0);
  assert_int_equal(t.live_blocks, 0);
}

/* Loads a header-only pack with one member's value replaced. */
static int load_header(const char *id, const char *version, const char *locale) {
  char json[256];
  lg_catalog *cat = empty_catalog();
  int rc;
  snprintf(json, sizeof json,
           "{\"format\":\"letgo-pack/1\",\"id\":\"%s\",\"version\":\"%s\",\"locale\":\"%s\"}",
           id, version, locale);
  rc = load_str(cat, json, NULL);
  lg_catalog_free(cat);
  return rc;
}

static void accepted_language_tags(void **state) {
  static const char *const good[] = {"en", "es", "es-MX", "es-419", "zh-Hant-TW", "sr-Latn",
                                     "de-CH-1996", "en-US-x-test", "en-a-bbb-x-a", "ES-mx", NULL};
  static const char *const bad[] = {"", "e", "en_US", "en-", "-en", "en--US", "12",
                                    "en-x", "toolongtag", "en-a", "es-MX-", "en-US-a-b", NULL};
  size_t i;
  (void)state;
  for (i = 0; good[i]; i++)
    if (load_header("t", "1.0.0", good[i]) != LG_OK) fail_msg("tag %s", good[i]);
  for (i = 0; bad[i]; i++)
    if (load_header("t", "1.0.0", bad[i]) != LG_ESCHEMA) fail_msg("tag %s", bad[i]);
}

static void versions_follow_semver(void **state) {
  static const char *const good[] = {"0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-rc.1",
                                     "1.0.0+20240101", "1.0.0-x.7.z.92+exp.sha.5114f85", NULL};
  static const char *const bad[] = {"1", "1.0", "1.0.0.0", "01.0.0", "1.0.0-", "1.0.0+",
                                    "v1.0.0", "1.0.0-a..b", "", NULL};
  size_t i;
  (void)state;
  for (i = 0; good[i]; i++)
    if (load_header("t", good[i], "en") != LG_OK) fail_msg("version %s", good[i]);
  for (i = 0; bad[i]; i++)
    if (load_header("t", bad[i], "en") != LG_ESCHEMA) fail_msg("version %s", bad[i]);
}

static void many_repeated_tags_are_found_fast(void **state) {
  /* A long tag list takes the sorting path; the first repeat is reported. */
  char json[8192];
  size_t n = 0, i;
  lg_catalog *cat = empty_catalog();
  lg_error err;
  (void)state;
  n += (size_t)sprintf(json + n, "{\"format\":\"letgo-pack/1\",\"id\":\"t\",\"version\":\"1.0.0\","
                                 "\"locale\":\"en\",\"entries\":[{\"id\":\"a\",\"kind\":\"tip\","
                                 "\"title\":\"t\",\"body\":\"b\",\"tags\":[");
  for (i = 0; i < 100; i++) n += (size_t)sprintf(json + n, "%s\"t%zu\"", i ? "," : "", i);
  n += (size_t)sprintf(json + n, ",\"t70\",\"t5\",\"t5\"]}]}");
  assert_int_equal(load_str(cat, json, &err), LG_ESCHEMA);
  assert_string_equal(err.path, "/entries/0/tags/100");
  lg_catalog_free(cat);
}

/* The entry pointer is counted up from entry to entry, not formatted anew:
 * a bad entry right after each carry (9 -> 10, 99 -> 100, ...) and at a
 * few other places still gets its exact pointer. */
static void bad_entries_after_many_get_their_exact_pointer(void **state) {
  static const size_t at[] = {0, 1, 9, 10, 11, 19, 20, 99, 100, 101, 199, 999, 1000, 1009, 1010};
  size_t k;
  (void)state;
  for (k = 0; k < sizeof at / sizeof at[0]; k++) {
    size_t cap = (at[k] + 1) * 80 + 256, n = 0, i;
    char *json = malloc(cap), want[64];
    lg_catalog *cat = empty_catalog();
    lg_error err;
    assert_non_null(json);
    n += (size_t)sprintf(json + n, "{\"format\":\"letgo-pack/1\",\"id\":\"t\",\"version\":"
                                   "\"1.0.0\",\"locale\":\"en\",\"entries\":[");
    for (i = 0; i <= at[k]; i++)
      n += (size_t)sprintf(json + n, "%s{\"id\":\"e%zu\",\"kind\":\"%s\",\"title\":\"t\","
                                     "\"body\":\"b\"}",
                           i ? "," : "", i, i == at[k] ? "tipp" : "tip");
    n += (size_t)sprintf(json + n, "]}");
    assert_true(n < cap);
    assert_int_equal(load_str(cat, json, &err), LG_ESCHEMA);
    sprintf(want, "/entries/%zu/kind", at[k]);
    assert_string_equal(err.path, want);
    assert_int_equal(err.line, 1);
    assert_int_equal(lg_catalog_entry_count(cat), 0);
    lg_catalog_free(cat);
    free(json);
  }
}

/* ---- overrides and order -------------------------------------------------------------- */

static void a_later_pack_overrides_in_place(void **state) {
  lg_catalog *cat = empty_catalog();
  const lg_entry *old_b;
  (void)state;
  assert_int_equal(load_str(cat, pack_a, NULL), LG_OK);
  old_b = lg_catalog_entry(cat, "tip.b", "en");
  assert_int_equal(load_str(cat, pack_b, NULL), LG_OK);
  assert_int_equal(lg_catalog_entry_count(cat), 4);
  assert_string_equal(lg_entry_id(lg_catalog_entry_at(cat, 0)), "tip.a");
  assert_string_equal(lg_entry_id(lg_catalog_entry_at(cat, 1)), "tip.b");
  assert_string_equal(lg_entry_body(lg_catalog_entry_at(cat, 1)), "b2");
  assert_string_equal(lg_entry_kind(lg_catalog_entry_at(cat, 1)), "strategy");
  assert_string_equal(lg_entry_id(lg_catalog_entry_at(cat, 2)), "tip.c");
  assert_string_equal(lg_entry_id(lg_catalog_entry_at(cat, 3)), "tip.d");
  assert_null(lg_catalog_entry_at(cat, 4));
  assert_string_equal(lg_entry_body(lg_catalog_entry(cat, "tip.b", NULL)), "b2");
  /* The replaced entry stays readable while the catalogue lives. */
  assert_string_equal(lg_entry_body(old_b), "b1");
  /* Another locale adds; it does not override. */
  assert_int_equal(load_str(cat, pack_es, NULL), LG_OK);
  assert_int_equal(lg_catalog_entry_count(cat), 6);
  assert_string_equal(lg_entry_body(lg_catalog_entry(cat, "tip.a", "en")), "a1");
  assert_string_equal(lg_entry_body(lg_catalog_entry(cat, "tip.a", "es")), "a-es");
  assert_string_equal(lg_entry_locale(lg_catalog_entry(cat, "tip.a", "es")), "es");
  /* Loading the same pack again changes nothing a reader sees. */
  {
    char *before = fingerprint(cat), *after;
    assert_int_equal(load_str(cat, pack_es, NULL), LG_OK);
    after = fingerprint(cat);
    assert_string_equal(before, after);
    free(before);
    free(after);
  }
  lg_catalog_free(cat);
}

static void a_failed_load_changes_nothing(void **state) {
  lg_catalog *cat = empty_catalog();
  char *before, *after;
  lg_error err;
  (void)state;
  assert_int_equal(load_str(cat, pack_a, NULL), LG_OK);
  before = fingerprint(cat);
  /* Fails at its last entry, after overriding tip.a and adding tip.z. */
  assert_int_equal(
      load_str(cat,
               "{\"format\":\"letgo-pack/1\",\"id\":\"b\",\"version\":\"1.0.0\",\"locale\":\"en\","
               "\"entries\":[{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":\"A\",\"body\":\"zz\"},"
               "{\"id\":\"tip.z\",\"kind\":\"tip\",\"title\":\"Z\",\"body\":\"z\"},"
               "{\"id\":\"tip.y\",\"kind\":\"tip\",\"title\":\"Y\",\"body\":\"{oops}\"}]}",
               &err),
      LG_ESCHEMA);
  assert_string_equal(err.path, "/entries/2/body");
  after = fingerprint(cat);
  assert_string_equal(before, after);
  assert_null(lg_catalog_entry(cat, "tip.z", "en"));
  free(after);
  free(before);
  lg_catalog_free(cat);
}

typedef struct journey_ctx {
  char *before; /* fingerprint with pack_a only  */
  char *after;  /* fingerprint with pack_a, then b and es */
} journey_ctx;

static int overlay_journey(lgt_alloc *t, void *vctx) {
  journey_ctx *ctx = vctx;
  size_t n = t->fail_at;
  lg_catalog *cat = NULL;
  char *fp;
  int rc;
  /* Set up without failures, then fail the nth allocation of the loads. */
  t->fail_at = 0;
  assert_int_equal(lg_catalog_new(&cat, &t->base, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(load_str(cat, pack_a, NULL), LG_OK);
  lgt_alloc_fail_at(t, n);
  rc = load_str(cat, pack_b, NULL);
  if (rc == LG_OK) rc = load_str(cat, pack_es, NULL);
  if (rc == LG_OK) rc = load_str(cat, pack_q, NULL);
  t->fail_at = 0;
  fp = fingerprint(cat);
  if (rc == LG_OK) {
    assert_string_equal(fp, ctx->after);
  } else {
    lg_error err;
    assert_int_equal(rc, LG_ENOMEM);
    /* Earlier packs may have gone in before a later one failed: whichever
     * packs are in, each is whole. */
    if (strcmp(fp, ctx->before) != 0) {
      lg_catalog *ref = empty_catalog();
      char *mid;
      assert_int_equal(load_str(ref, pack_a, NULL), LG_OK);
      assert_int_equal(load_str(ref, pack_b, NULL), LG_OK);
      mid = fingerprint(ref);
      if (strcmp(fp, mid) != 0) {
        free(mid);
        assert_int_equal(load_str(ref, pack_es, NULL), LG_OK);
        mid = fingerprint(ref);
      }
      assert_string_equal(fp, mid);
      free(mid);
      lg_catalog_free(ref);
    }
    /* And the catalogue still works after the failure. */
    assert_int_equal(load_str(cat, pack_b, &err), LG_OK);
  }
  free(fp);
  lg_catalog_free(cat);
  return rc;
}

static void allocation_failures_anywhere_leave_the_catalogue_whole(void **state) {
  journey_ctx ctx;
  lg_catalog *cat = empty_catalog();
  size_t points;
  (void)state;
  assert_int_equal(load_str(cat, pack_a, NULL), LG_OK);
  ctx.before = fingerprint(cat);
  assert_int_equal(load_str(cat, pack_b, NULL), LG_OK);
  assert_int_equal(load_str(cat, pack_es, NULL), LG_OK);
  assert_int_equal(load_str(cat, pack_q, NULL), LG_OK);
  assert_int_equal(lg_catalog_instrument_count(cat), 1);
  ctx.after = fingerprint(cat);
  lg_catalog_free(cat);
  points = lgt_alloc_every_failure(overlay_journey, &ctx);
  assert_true(points >= 10);
  free(ctx.before);
  free(ctx.after);
}

/* Every allocation of the built-in catalogue would take minutes under
 * valgrind (each run loads all packs): the first and last 15 and 30 spread
 * between are enough to cross every pack and stage. */
static void the_builtin_catalogue_survives_allocation_failures(void **state) {
  lgt_alloc t;
  lg_catalog *cat = NULL;
  size_t total, n, step;
  (void)state;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&cat, &t.base, 0), LG_OK);
  lg_catalog_free(cat);
  total = t.allocs;
  assert_true(total >= 100);
  step = total / 30;
  for (n = 1; n <= total; n += (n < 15 || n > total - 15) ? 1 : step) {
    lgt_alloc_init(&t);
    t.fail_at = n;
    cat = (lg_catalog *)&t;
    assert_int_equal(lg_catalog_new(&cat, &t.base, 0), LG_ENOMEM);
    assert_ptr_equal(cat, (lg_catalog *)&t); /* untouched on failure */
    assert_int_equal(t.live_bytes, 0);
    assert_int_equal(t.live_blocks, 0);
  }
}

/* ---- the helpers section loaders (assess/, plan/) use ---------------------- */

static void section_helpers_check_copy_and_report(void **state) {
  static const char obj_json[] =
      "{\"id\": \"one-sided\", \"text\": \"Hi {name}\", \"bad\": \"{nope}\", \"n\": 5,\n"
      " \"empty\": \"\", \"nul\": \"a\\u0000b\", \"Id\": \"Bad Id\", \"x-ok\": 1}";
  static const char *const known[] = {"id", "text", "bad", "n", "empty", "nul", NULL};
  lg_catalog *cat = empty_catalog();
  lgi_load ld;
  lgi_arena tree;
  const lgi_json *obj = NULL;
  lgi_path path;
  lg_error err;
  const char *s = NULL, *kept = NULL;
  (void)state;
  assert_int_equal(load_str(cat, pack_a, NULL), LG_OK);
  memset(&ld, 0, sizeof ld);
  ld.cat = cat;
  ld.err = &err;
  ld.serial = 99;
  ld.locale = "en";
  lgi_arena_init(&ld.arena, lgi_catalog_alloc(cat));
  lgi_arena_init(&tree, lgi_catalog_alloc(cat));
  assert_int_equal(lgi_state_begin(lgi_catalog_alloc(cat), &cat->st, &ld.next, 0, 0, 0), LG_OK);
  /* As lg_catalog_load reads a pack: string values in the pack's arena. */
  assert_int_equal(lgi_json_parse_split(&tree, &ld.arena, obj_json, strlen(obj_json), &obj,
                                        NULL, NULL),
                   LG_OK);
  lgi_path_init(&path);
  lgi_path_push_key(&path, "instruments", 11);
  lgi_path_push_index(&path, 0);

  assert_int_equal(lgi_load_string(&ld, obj, "id", &path, LGI_FIELD_REQUIRED | LGI_FIELD_ID, &s),
                   LG_OK);
  assert_string_equal(s, "one-sided");
  assert_ptr_equal(s, lgi_json_get(obj, "id")->u.str); /* kept where it was decoded, no copy */
  kept = s;
  assert_int_equal(lgi_load_string(&ld, obj, "text", &path, LGI_FIELD_TEXT, &s), LG_OK);
  assert_string_equal(s, "Hi {name}");
  assert_int_equal(lgi_load_string(&ld, obj, "empty", &path, 0, &s), LG_OK);
  assert_string_equal(s, "");
  assert_int_equal(lgi_load_string(&ld, obj, "missing", &path, 0, &s), LG_OK);
  assert_null(s);
  assert_string_equal(path.s, "/instruments/0");

  assert_int_equal(lgi_load_string(&ld, obj, "missing", &path, LGI_FIELD_REQUIRED, &s), LG_ESCHEMA);
  assert_string_equal(err.path, "/instruments/0");
  assert_string_equal(err.message, "/instruments/0: the required member \"missing\" is missing");
  assert_int_equal(err.line, 1);
  assert_int_equal(err.column, 1);
  assert_int_equal(lgi_load_string(&ld, obj, "bad", &path, LGI_FIELD_TEXT, &s), LG_ESCHEMA);
  assert_string_equal(err.path, "/instruments/0/bad");
  assert_int_equal(err.column, 49);
  assert_int_equal(lgi_load_string(&ld, obj, "bad", &path, 0, &s), LG_OK); /* not a text */
  assert_int_equal(lgi_load_string(&ld, obj, "n", &path, 0, &s), LG_ESCHEMA);
  assert_string_equal(err.message, "/instruments/0/n: must be a string, not a number");
  assert_int_equal(lgi_load_string(&ld, obj, "empty", &path, LGI_FIELD_TEXT, &s), LG_ESCHEMA);
  assert_string_equal(err.message, "/instruments/0/empty: must not be empty");
  assert_int_equal(err.line, 2);
  assert_int_equal(lgi_load_string(&ld, obj, "nul", &path, 0, &s), LG_ESCHEMA);
  assert_int_equal(lgi_load_string(&ld, obj, "Id", &path, LGI_FIELD_ID, &s), LG_ESCHEMA);
  assert_string_equal(err.path, "/instruments/0/Id");
  assert_string_equal(path.s, "/instruments/0");

  assert_int_equal(lgi_load_check_keys(&ld, obj, &path, known), LG_ESCHEMA);
  assert_string_equal(err.path, "/instruments/0/Id");
  assert_non_null(strstr(err.message, "unknown member \"Id\"; expected one of id, text, bad"));

  assert_int_equal(lgi_load_fail(&ld, LG_ESCHEMA, lgi_json_get(obj, "n"), &path, "bands must ",
                                 "ascend", (const char *)NULL),
                   LG_ESCHEMA);
  assert_string_equal(err.message, "/instruments/0: bands must ascend");
  assert_int_equal(err.column, 64);

  assert_string_equal(lg_entry_body(lgi_load_find_entry(&ld, "tip.b")), "b1");
  assert_null(lgi_load_find_entry(&ld, "tip.none"));
  assert_null(lgi_load_find_instrument(&ld, "one-sided"));
  assert_ptr_equal(lgi_load_catalog(&ld), cat);
  assert_ptr_equal(lgi_load_alloc(&ld), lgi_catalog_alloc(cat));
  assert_ptr_equal(lgi_load_arena(&ld), &ld.arena);
  assert_string_equal(lgi_load_locale(&ld), "en");

  lgi_arena_free(&tree); /* the tree goes first, as in a load: the kept string stays */
  assert_string_equal(kept, "one-sided");
  lgi_state_free_arrays(lgi_catalog_alloc(cat), &ld.next);
  lgi_arena_free(&ld.arena);
  lg_catalog_free(cat);
}

/* ---- files, arguments, the built-in packs ---------------------------------------------- */

static void load_file_reports_missing_files_as_eio(void **state) {
  lg_catalog *cat = empty_catalog();
  lg_error err;
  (void)state;
  memset(&err, 0, sizeof err);
  assert_int_equal(lg_catalog_load_file(cat, PACKS "/no-such-pack.json", &err), LG_EIO);
  assert_int_equal(err.status, LG_EIO);
  assert_int_equal(err.line, 0);
  assert_non_null(strstr(err.message, "no-such-pack.json"));
  assert_int_equal(lg_catalog_load_file(cat, PACKS, &err), LG_EIO); /* a directory */
  assert_int_equal(lg_catalog_load_file(cat, PACKS "/good/full.en.json", NULL), LG_OK);
  lg_catalog_free(cat);
}

static void load_file_reads_through_the_allocator(void **state) {
  lgt_alloc t;
  lg_catalog *cat = NULL;
  (void)state;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&cat, &t.base, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(lg_catalog_load_file(cat, PACKS "/good/full.en.json", NULL), LG_OK);
  lgt_alloc_fail_at(&t, 1);
  assert_int_equal(lg_catalog_load_file(cat, PACKS "/good/full.en.json", NULL), LG_ENOMEM);
  t.fail_at = 0;
  assert_int_equal(lg_catalog_entry_count(cat), 4);
  lg_catalog_free(cat);
  assert_int_equal(t.live_bytes, 0);
}

static void null_arguments_are_einval(void **state) {
  lg_catalog *cat = empty_catalog();
  lg_catalog *out = (lg_catalog *)&out;
  lg_error err;
  lg_allocator half = {NULL, NULL};
  (void)state;
  assert_int_equal(lg_catalog_new(NULL, NULL, 0), LG_EINVAL);
  assert_int_equal(lg_catalog_new(&out, NULL, 2u), LG_EINVAL);
  assert_ptr_equal(out, (lg_catalog *)&out);
  assert_int_equal(lg_catalog_new(&out, &half, 0), LG_EINVAL);
  assert_int_equal(lg_catalog_load(NULL, "{}", 2, &err), LG_EINVAL);
  assert_int_equal(err.status, LG_EINVAL);
  assert_int_equal(lg_catalog_load(cat, NULL, 0, NULL), LG_EINVAL);
  assert_int_equal(lg_catalog_load_file(NULL, "x", NULL), LG_EINVAL);
  assert_int_equal(lg_catalog_load_file(cat, NULL, NULL), LG_EINVAL);
  assert_null(lg_catalog_entry(NULL, "tip.a", "en"));
  assert_null(lg_catalog_entry(cat, NULL, "en"));
  assert_int_equal(lg_catalog_entry_count(NULL), 0);
  assert_null(lg_catalog_entry_at(NULL, 0));
  assert_int_equal(lg_catalog_instrument_count(NULL), 0);
  assert_null(lg_catalog_instrument_id(NULL, 0));
  assert_int_equal(lg_catalog_template_count(NULL), 0);
  assert_null(lg_catalog_template_id(NULL, 0));
  assert_null(lg_entry_id(NULL));
  assert_null(lg_entry_kind(NULL));
  assert_null(lg_entry_title(NULL));
  assert_null(lg_entry_body(NULL));
  assert_null(lg_entry_locale(NULL));
  assert_int_equal(lg_entry_tag_count(NULL), 0);
  assert_null(lg_entry_tag(NULL, 0));
  assert_null(lg_entry_phase(NULL));
  assert_int_equal(lg_entry_region_count(NULL), 0);
  assert_null(lg_entry_region(NULL, 0));
  assert_null(lg_entry_contact(NULL, "phone"));
  assert_null(lg_entry_source(NULL));
  assert_null(lg_entry_checked(NULL));
  lg_catalog_free(NULL);
  lg_catalog_free(cat);
}

static void the_builtin_catalogue_loads(void **state) {
  lg_catalog *cat = NULL;
  lgt_alloc t;
  size_t i;
  (void)state;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&cat, &t.base, 0), LG_OK);
  assert_non_null(cat);
  for (i = 0; i < lg_catalog_entry_count(cat); i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    assert_ptr_equal(lg_catalog_entry(cat, lg_entry_id(e), lg_entry_locale(e)), e);
  }
  lg_catalog_free(cat);
  assert_int_equal(t.live_bytes, 0);
}

static void the_documented_example_pack_loads(void **state) {
  /* docs/pack-format.md holds tests/data/packs/example.json verbatim. */
  size_t doc_len = 0, ex_len = 0;
  char *doc = lgt_read_file(LETGO_SOURCE_DIR "/docs/pack-format.md", &doc_len);
  char *ex = lgt_read_file(PACKS "/example.json", &ex_len);
  lg_catalog *cat = empty_catalog();
  lg_error err;
  (void)state;
  assert_non_null(doc);
  assert_non_null(ex);
  assert_non_null(strstr(doc, ex));
  if (lg_catalog_load(cat, ex, ex_len, &err) != LG_OK) fail_msg("%s", err.message);
  assert_true(lg_catalog_entry_count(cat) >= 3);
  free(doc);
  free(ex);
  lg_catalog_free(cat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_bad_pack_reports_status_line_column_and_pointer),
      cmocka_unit_test(kind_message_lists_every_kind),
      cmocka_unit_test(syntax_errors_are_esyntax_with_position),
      cmocka_unit_test(limits_are_elimit),
      cmocka_unit_test(a_full_pack_loads_every_field),
      cmocka_unit_test(escaped_strings_read_back_exactly),
      cmocka_unit_test(an_escaped_nul_in_a_text_is_still_refused),
      cmocka_unit_test(accepted_language_tags),
      cmocka_unit_test(versions_follow_semver),
      cmocka_unit_test(many_repeated_tags_are_found_fast),
      cmocka_unit_test(bad_entries_after_many_get_their_exact_pointer),
      cmocka_unit_test(a_later_pack_overrides_in_place),
      cmocka_unit_test(a_failed_load_changes_nothing),
      cmocka_unit_test(allocation_failures_anywhere_leave_the_catalogue_whole),
      cmocka_unit_test(the_builtin_catalogue_survives_allocation_failures),
      cmocka_unit_test(section_helpers_check_copy_and_report),
      cmocka_unit_test(load_file_reports_missing_files_as_eio),
      cmocka_unit_test(load_file_reads_through_the_allocator),
      cmocka_unit_test(null_arguments_are_einval),
      cmocka_unit_test(the_builtin_catalogue_loads),
      cmocka_unit_test(the_documented_example_pack_loads),
  };
  return cmocka_run_group_tests_name("catalog_load", tests, NULL, NULL);
}
