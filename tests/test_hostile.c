/*
 * test_hostile.c - input written to break the library: deep nesting, a
 * million keys, a pack over the size limit, every kind of invalid UTF-8 in
 * every string field, NUL characters, extreme numbers, path-like ids,
 * broken placeholders, persona values full of syntax, impossible dates and
 * moods. Each gets its documented status, the JSON Pointer of the node and
 * never a crash; persona values come out literally, escaped for each format.
 *
 * Large inputs are generated here at run time, not committed. The 256 MiB
 * pack limit is tested through lg_catalog_load_file on a sparse file of
 * 256 MiB + 1 byte (the loader checks the size before reading); with
 * LETGO_TEST_SCALE other than "small" an in-memory pack of 256 MiB + 1 byte
 * is refused too, and a million-key object is parsed (100 000 at small).
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <letgo/letgo.h>

#include "core/core.h" /* LGI_MAX_PACK, LGI_MAX_DEPTH */
#include "test_alloc.h"

static lg_catalog *cat;   /* built-in */
static lg_catalog *empty; /* LG_CATALOG_EMPTY */
static const lg_date START = {2026, 3, 2};

static int small_scale(void) {
  const char *s = getenv("LETGO_TEST_SCALE");
  return s && strcmp(s, "small") == 0;
}

static int setup(void **state) {
  (void)state;
  if (lg_catalog_new(&cat, NULL, 0) != LG_OK) return -1;
  return lg_catalog_new(&empty, NULL, LG_CATALOG_EMPTY) == LG_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  lg_catalog_free(cat);
  lg_catalog_free(empty);
  return 0;
}

static int load(const char *json, size_t len, lg_error *err) {
  memset(err, 0, sizeof *err);
  return lg_catalog_load(empty, json, len, err);
}

/* ---- deep nesting --------------------------------------------------------- */

#define DEEP 100000

static char *nest(const char *open, const char *close, const char *inner) {
  size_t lo = strlen(open), lc = strlen(close), li = strlen(inner), i;
  char *s = malloc(DEEP * (lo + lc) + li + 1), *p = s;
  assert_non_null(s);
  for (i = 0; i < DEEP; i++, p += lo) memcpy(p, open, lo);
  memcpy(p, inner, li);
  p += li;
  for (i = 0; i < DEEP; i++, p += lc) memcpy(p, close, lc);
  *p = '\0';
  return s;
}

static void deep_nesting_is_refused_at_the_limit(void **state) {
  static const char *const shapes[][3] = {{"[", "]", "0"}, {"{\"a\":", "}", "0"},
                                          {"[{\"x-a\":", "}]", "[]"}};
  lg_error err;
  size_t k;
  lg_session *s = NULL;
  lg_plan *p = NULL;
  (void)state;
  for (k = 0; k < 3; k++) {
    char *json = nest(shapes[k][0], shapes[k][1], shapes[k][2]);
    size_t len = strlen(json), before = lg_catalog_entry_count(empty);
    assert_int_equal(load(json, len, &err), LG_ELIMIT);
    assert_int_equal(err.status, LG_ELIMIT);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.message, "64"));
    assert_int_equal(lg_catalog_entry_count(empty), before);
    /* saved states go through the same reader */
    memset(&err, 0, sizeof err);
    assert_int_equal(lg_session_restore(&s, cat, json, len, &err), LG_ELIMIT);
    assert_int_equal(err.status, LG_ELIMIT);
    memset(&err, 0, sizeof err);
    assert_int_equal(lg_plan_restore(&p, cat, json, len, &err), LG_ELIMIT);
    /* unterminated: the limit is met long before the end */
    json[DEEP * strlen(shapes[k][0])] = '\0';
    assert_int_equal(load(json, strlen(json), &err), LG_ELIMIT);
    free(json);
  }
  /* the 65th '[' is the one refused */
  {
    char *json = nest("[", "]", "0");
    assert_int_equal(load(json, strlen(json), &err), LG_ELIMIT);
    assert_int_equal(err.offset, LGI_MAX_DEPTH);
    assert_int_equal(err.column, LGI_MAX_DEPTH + 1);
    free(json);
  }
  assert_null(s);
  assert_null(p);
}

/* ---- many keys ------------------------------------------------------------ */

static const char PACK_HEAD[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"keys\",\"version\":\"1.0.0\",\"locale\":\"en\"";

static char *many_keys(size_t n, const char *head, const char *dup_last) {
  size_t cap = strlen(head) + n * 24 + 64, len, i;
  char *s = malloc(cap);
  assert_non_null(s);
  len = (size_t)snprintf(s, cap, "%s", head);
  for (i = 0; i < n; i++) len += (size_t)snprintf(s + len, cap - len, ",\"x-k%07zu\":%zu", i, i);
  if (dup_last) len += (size_t)snprintf(s + len, cap - len, ",\"%s\":1", dup_last);
  snprintf(s + len, cap - len, "}");
  return s;
}

static void a_million_keys_load_in_linear_time(void **state) {
  size_t n = small_scale() ? 100000 : 1000000;
  lg_error err;
  lg_session *s = NULL;
  char *json = many_keys(n, PACK_HEAD, NULL);
  clock_t t0 = clock();
  (void)state;
  /* extension keys ("x-") are ignored, so this is a valid, empty pack */
  assert_int_equal(load(json, strlen(json), &err), LG_OK);
  printf("%zu keys (%zu bytes) loaded in %.0f ms\n", n, strlen(json),
         (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC);
  free(json);

  /* a duplicate found after them all: the pointer names it */
  json = many_keys(n, PACK_HEAD, "x-k0000007");
  assert_int_equal(load(json, strlen(json), &err), LG_ESCHEMA);
  assert_string_equal(err.path, "/x-k0000007");
  free(json);

  /* in a saved session every key is an item id: the first unknown one fails */
  json = many_keys(n, "{\"format\":\"letgo-session/1\",\"instrument\":\"checkin\",\"locale\":\"en\","
                      "\"fingerprint\":\"0\",\"pack_version\":\"1.0.0\",\"answers\":{\"mood\":1",
                   NULL);
  strcat(json, "}");
  memset(&err, 0, sizeof err);
  assert_int_equal(lg_session_restore(&s, cat, json, strlen(json), &err), LG_ESCHEMA);
  assert_null(s);
  free(json);
}

/* ---- the pack size limit -------------------------------------------------- */

static void a_pack_over_the_size_limit_is_refused(void **state) {
  const char *path = LETGO_BINARY_DIR "/tests/hostile_over_limit.json";
  lg_error err;
  FILE *f;
  (void)state;
  assert_int_equal(LGI_MAX_PACK, (size_t)256 << 20);
  /* 256 MiB + 1 byte, sparse: no disk space, and never read */
  f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fseek(f, (long)LGI_MAX_PACK, SEEK_SET), 0);
  assert_int_equal(fputc('}', f), '}');
  assert_int_equal(fclose(f), 0);
  memset(&err, 0, sizeof err);
  assert_int_equal(lg_catalog_load_file(empty, path, &err), LG_ELIMIT);
  assert_int_equal(err.status, LG_ELIMIT);
  assert_non_null(strstr(err.message, "256 MiB"));
  remove(path);

  if (!small_scale()) {
    /* in memory: 256 MiB of spaces, then one more byte */
    char *big = malloc(LGI_MAX_PACK + 1);
    static const char pack[] =
        "{\"format\":\"letgo-pack/1\",\"id\":\"big\",\"version\":\"1.0.0\",\"locale\":\"en\"}";
    assert_non_null(big);
    memset(big, ' ', LGI_MAX_PACK + 1);
    memcpy(big + LGI_MAX_PACK + 1 - (sizeof pack - 1), pack, sizeof pack - 1);
    assert_int_equal(load(big, LGI_MAX_PACK + 1, &err), LG_ELIMIT);
    /* exactly at the limit it is read, and loads */
    assert_int_equal(load(big + 1, LGI_MAX_PACK, &err), LG_OK);
    free(big);
  }
}

/* ---- invalid UTF-8 in every string field ---------------------------------- */

static const char *const BAD_UTF8[][2] = {
    {"overlong 2-byte '/'", "\xC0\xAF"},
    {"overlong 3-byte '/'", "\xE0\x80\xAF"},
    {"overlong 4-byte", "\xF0\x80\x80\xAF"},
    {"UTF-16 surrogate", "\xED\xA0\x80"},
    {"above U+10FFFF", "\xF4\x90\x80\x80"},
    {"F5 lead byte", "\xF5\x80\x80\x80"},
    {"truncated 3-byte", "\xE2\x82"},
    {"truncated 4-byte", "\xF0\x9F\x98"},
    {"stray continuation", "\x80"},
    {"FF byte", "\xFF"},
    {"lone high surrogate escape", "\\ud800"},
    {"lone low surrogate escape", "\\udc00"},
};
#define NBAD (sizeof BAD_UTF8 / sizeof BAD_UTF8[0])

/* Every string of a resource entry, with @ where the bad bytes go. */
static const char *const ENTRY_FIELDS[][2] = {
    {"/id", "{\"format\":\"letgo-pack/1\",\"id\":\"h@\",\"version\":\"1.0.0\",\"locale\":\"en\"}"},
    {"/version", "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0@\",\"locale\":\"en\"}"},
    {"/locale", "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"e@\"}"},
    {"/format", "{\"format\":\"letgo-pack/1@\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\"}"},
};

static const char ENTRY_TEMPLATE[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\",\n"
    "\"entries\":[{\"id\":\"%s\",\"kind\":\"%s\",\"title\":\"%s\",\"body\":\"%s\","
    "\"tags\":[\"%s\"],\"phase\":\"%s\",\"regions\":[\"%s\"],"
    "\"contact\":{\"phone\":\"%s\",\"sms\":\"%s\",\"url\":\"%s\"},\"source\":\"%s\",\"checked\":\"%s\"}]}";

static const char *const FIELD_PATH[] = {
    "/entries/0/id",          "/entries/0/kind",        "/entries/0/title",
    "/entries/0/body",        "/entries/0/tags/0",      "/entries/0/phase",
    "/entries/0/regions/0",   "/entries/0/contact/phone", "/entries/0/contact/sms",
    "/entries/0/contact/url", "/entries/0/source",      "/entries/0/checked"};
#define NFIELDS 12

static char *entry_pack(int bad_field, const char *bad, size_t *bad_at) {
  static const char *const good[NFIELDS] = {
      "resource.h", "resource", "Help", "Call {partner} later", "crisis", "recognize", "ES",
      "+34 900 000 000", "717", "https://example.org/help", "Example", "2024-06-01"};
  char vals[NFIELDS][128];
  char *out = malloc(4096);
  int i;
  assert_non_null(out);
  for (i = 0; i < NFIELDS; i++) {
    if (i == bad_field) snprintf(vals[i], sizeof vals[i], "%.2s%s%s", good[i], bad, good[i] + 2);
    else snprintf(vals[i], sizeof vals[i], "%s", good[i]);
  }
  snprintf(out, 4096, ENTRY_TEMPLATE, vals[0], vals[1], vals[2], vals[3], vals[4], vals[5],
           vals[6], vals[7], vals[8], vals[9], vals[10], vals[11]);
  if (bad_at && bad_field >= 0) {
    /* the error points at the first bad byte */
    const char *b = strstr(out, bad);
    assert_non_null(b);
    *bad_at = (size_t)(b - out);
  }
  return out;
}

static void the_entry_template_is_a_valid_pack(void **state) {
  lg_error err;
  char *json = entry_pack(-1, "", NULL);
  (void)state;
  assert_int_equal(load(json, strlen(json), &err), LG_OK);
  assert_string_equal(lg_entry_contact(lg_catalog_entry(empty, "resource.h", "en"), "sms"), "717");
  free(json);
}

static void invalid_utf8_in_every_string_field_is_a_syntax_error(void **state) {
  lg_error err;
  size_t b, before = lg_catalog_entry_count(empty), at = 0;
  int f;
  (void)state;
  for (b = 0; b < NBAD; b++) {
    for (f = 0; f < NFIELDS; f++) {
      char *json = entry_pack(f, BAD_UTF8[b][1], &at);
      int rc = load(json, strlen(json), &err);
      if (rc != LG_ESYNTAX || strcmp(err.path, FIELD_PATH[f]) != 0 || err.offset != at)
        fail_msg("%s in %s: status %d, path %s, offset %zu (want %d, %s, %zu)", BAD_UTF8[b][0],
                 FIELD_PATH[f], rc, err.path, err.offset, LG_ESYNTAX, FIELD_PATH[f], at);
      assert_int_equal(err.status, LG_ESYNTAX);
      assert_int_equal(err.line, 2);
      assert_int_equal(err.column, at - (size_t)(strchr(json, '\n') - json));
      free(json);
    }
    for (f = 0; f < 4; f++) {
      char json[512], *p;
      snprintf(json, sizeof json, "%s", ENTRY_FIELDS[f][1]);
      p = strchr(json, '@');
      memmove(p + strlen(BAD_UTF8[b][1]), p + 1, strlen(p + 1) + 1);
      memcpy(p, BAD_UTF8[b][1], strlen(BAD_UTF8[b][1]));
      assert_int_equal(load(json, strlen(json), &err), LG_ESYNTAX);
      assert_string_equal(err.path, ENTRY_FIELDS[f][0]);
    }
  }
  assert_int_equal(lg_catalog_entry_count(empty), before);
}

static void invalid_utf8_in_saved_states_is_a_syntax_error(void **state) {
  lg_error err;
  lg_session *s = NULL;
  lg_plan *p = NULL;
  char json[512];
  size_t b;
  (void)state;
  for (b = 0; b < NBAD; b++) {
    snprintf(json, sizeof json,
             "{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":\"en\","
             "\"start\":\"2026-03-02\",\"seed\":\"5\",\"prefs\":{\"name\":\"Al%sex\"},"
             "\"results\":[],\"checkins\":[]}",
             BAD_UTF8[b][1]);
    memset(&err, 0, sizeof err);
    assert_int_equal(lg_plan_restore(&p, cat, json, strlen(json), &err), LG_ESYNTAX);
    assert_string_equal(err.path, "/prefs/name");
    snprintf(json, sizeof json,
             "{\"format\":\"letgo-session/1\",\"instrument\":\"check%sin\",\"locale\":\"en\","
             "\"fingerprint\":\"0\",\"pack_version\":\"1.0.0\",\"answers\":{}}",
             BAD_UTF8[b][1]);
    memset(&err, 0, sizeof err);
    assert_int_equal(lg_session_restore(&s, cat, json, strlen(json), &err), LG_ESYNTAX);
    assert_string_equal(err.path, "/instrument");
  }
  assert_null(p);
  assert_null(s);
}

static void invalid_utf8_in_persona_values_is_refused(void **state) {
  lg_plan *p;
  char buf[256];
  size_t len, b;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  for (b = 0; b < NBAD; b++) {
    const char *const vars[] = {"name", BAD_UTF8[b][1], NULL};
    if (BAD_UTF8[b][1][0] == '\\') continue; /* escapes are JSON's, not raw UTF-8 */
    assert_int_equal(lg_plan_set(p, "name", BAD_UTF8[b][1]), LG_ERANGE);
    assert_int_equal(lg_plan_set(p, "partner_name", BAD_UTF8[b][1]), LG_ERANGE);
    /* lg_render takes UTF-8 and does not check persona values (a caller's
     * contract); it must not crash or read past the value */
    assert_int_equal(lg_render(cat, "Hi {name}", "en", vars, buf, sizeof buf, &len), LG_OK);
    assert_int_equal(len, 3 + strlen(BAD_UTF8[b][1]));
  }
  lg_plan_free(p);
}

/* ---- NUL characters -------------------------------------------------------- */

static void nul_in_ids_and_texts_is_a_schema_error(void **state) {
  static const char *const fields[] = {"/entries/0/id", "/entries/0/title", "/entries/0/body",
                                       "/entries/0/tags/0", "/entries/0/source"};
  lg_error err;
  int f;
  (void)state;
  for (f = 0; f < 5; f++) {
    static const int index[] = {0, 2, 3, 4, 10};
    char *json = entry_pack(index[f], "\\u0000", NULL);
    assert_int_equal(load(json, strlen(json), &err), LG_ESCHEMA);
    assert_string_equal(err.path, fields[f]);
    assert_non_null(strstr(err.message, "\\u0000"));
    free(json);
  }
}

/* ---- numbers ---------------------------------------------------------------- */

/* An instrument whose numbers are %s: scale min, max, an item's weight, a
 * number item's min and max, an option value, min_answered, the first
 * band's max. Its highest score is 4 + 10 + 1 = 15. */
static const char NUM_TEMPLATE[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"n\",\"version\":\"1.0.0\",\"locale\":\"en\","
    "\"instruments\":[{\"id\":\"nums\",\"title\":\"T\",\"intro\":\"I\","
    "\"scale\":{\"min\":%s,\"max\":%s,\"labels\":[\"a\",\"b\",\"c\",\"d\",\"e\"]},"
    "\"items\":[{\"id\":\"q\",\"text\":\"Q\",\"weight\":%s},"
    "{\"id\":\"n\",\"type\":\"number\",\"text\":\"N\",\"min\":%s,\"max\":%s},"
    "{\"id\":\"c\",\"type\":\"choice\",\"text\":\"C\",\"options\":[{\"value\":%s,\"label\":\"x\"},"
    "{\"value\":1,\"label\":\"y\"}]}],"
    "\"scoring\":{\"method\":\"sum\",\"min_answered\":%s},"
    "\"bands\":[{\"id\":\"lo\",\"max\":%s,\"label\":\"L\",\"summary\":\"S\"},"
    "{\"id\":\"hi\",\"max\":15,\"label\":\"H\",\"summary\":\"S\"}]}]}";

static const char *const NUM_PATH[8] = {
    "/instruments/0/scale/min",        "/instruments/0/scale/max",
    "/instruments/0/items/0/weight",   "/instruments/0/items/1/min",
    "/instruments/0/items/1/max",      "/instruments/0/items/2/options/0/value",
    "/instruments/0/scoring/min_answered", "/instruments/0/bands/0/max"};

static int load_nums(int field, const char *value, lg_error *err) {
  const char *v[8] = {"0", "4", "1", "0", "10", "0", "1", "5"};
  char json[2048];
  lg_catalog *c;
  int rc;
  v[field] = value;
  snprintf(json, sizeof json, NUM_TEMPLATE, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
  assert_int_equal(lg_catalog_new(&c, NULL, LG_CATALOG_EMPTY), LG_OK);
  memset(err, 0, sizeof *err);
  rc = lg_catalog_load(c, json, strlen(json), err);
  lg_catalog_free(c);
  return rc;
}

static void extreme_numbers_get_their_documented_status(void **state) {
  /* docs/pack-format-instruments.md: every number lies between -1e9 and 1e9 */
  static const char *const huge[] = {"1e999", "-1e999", "123456789012345678901234567890",
                                     "18446744073709551616", "1000000001", "-1e10"};
  lg_error err;
  int f;
  size_t k;
  (void)state;
  assert_int_equal(load_nums(0, "0", &err), LG_OK);
  for (f = 0; f < 8; f++) {
    for (k = 0; k < sizeof huge / sizeof huge[0]; k++) {
      assert_int_equal(load_nums(f, huge[k], &err), LG_ELIMIT);
      assert_string_equal(err.path, NUM_PATH[f]);
    }
  }
  /* -0 and an underflow to 0 are zero: fine where 0 is */
  assert_int_equal(load_nums(0, "-0", &err), LG_OK);
  assert_int_equal(load_nums(0, "1e-400", &err), LG_OK);
  assert_int_equal(load_nums(3, "-0.0", &err), LG_OK);
  assert_int_equal(load_nums(5, "-0", &err), LG_OK);
  assert_int_equal(load_nums(7, "0e0", &err), LG_OK);
  /* and refused where 0 is not allowed */
  assert_int_equal(load_nums(6, "-0", &err), LG_ESCHEMA);
  assert_string_equal(err.path, NUM_PATH[6]);
  assert_int_equal(load_nums(6, "1e-400", &err), LG_ESCHEMA);
  assert_string_equal(err.path, NUM_PATH[6]);
  /* integers are integers */
  assert_int_equal(load_nums(0, "0.5", &err), LG_ESCHEMA);
  assert_string_equal(err.path, NUM_PATH[0]);
  assert_int_equal(load_nums(4, "1e-400", &err), LG_ESCHEMA); /* max 0 is not above min 0 */
  assert_string_equal(err.path, NUM_PATH[4]);
}

static void extreme_numbers_in_saved_states_are_schema_errors(void **state) {
  static const char *const bad[] = {"1e999", "-1e999", "123456789012345678901234567890",
                                    "18446744073709551616", "-1", "11", "5.5", "NaN"};
  lg_error err;
  lg_session *s = NULL;
  lg_plan *p = NULL;
  char json[512];
  size_t k;
  double v = -1;
  (void)state;
  for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    int want = strcmp(bad[k], "NaN") == 0 ? LG_ESYNTAX : LG_ESCHEMA;
    snprintf(json, sizeof json,
             "{\"format\":\"letgo-session/1\",\"instrument\":\"checkin\",\"locale\":\"en\","
             "\"fingerprint\":\"6064d6e2fe7d016e\",\"pack_version\":\"1.0.0\","
             "\"answers\":{\"mood\":%s}}",
             bad[k]);
    memset(&err, 0, sizeof err);
    assert_int_equal(lg_session_restore(&s, cat, json, strlen(json), &err), want);
    if (want == LG_ESCHEMA) assert_string_equal(err.path, "/answers/mood");
    snprintf(json, sizeof json,
             "{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":\"en\","
             "\"start\":\"2026-03-02\",\"seed\":\"5\",\"prefs\":{},\"results\":[],"
             "\"checkins\":[{\"date\":\"2026-03-02\",\"mood\":%s,\"done\":[]}]}",
             bad[k]);
    memset(&err, 0, sizeof err);
    assert_int_equal(lg_plan_restore(&p, cat, json, strlen(json), &err), want);
    if (want == LG_ESCHEMA) assert_string_equal(err.path, "/checkins/0/mood");
  }
  assert_null(s);
  assert_null(p);
  /* -0 and 1e-400 are the answer 0 */
  snprintf(json, sizeof json,
           "{\"format\":\"letgo-session/1\",\"instrument\":\"checkin\",\"locale\":\"en\","
           "\"fingerprint\":\"6064d6e2fe7d016e\",\"pack_version\":\"1.0.0\","
           "\"answers\":{\"mood\":1e-400}}");
  assert_int_equal(lg_session_restore(&s, cat, json, strlen(json), NULL), LG_OK);
  assert_int_equal(lg_session_value(s, "mood", &v), LG_OK);
  assert_true(v == 0);
  lg_session_free(s);
  /* seeds are decimal strings within 64 bits */
  {
    static const char *const seeds[][2] = {{"\"18446744073709551615\"", "0"},
                                           {"\"18446744073709551616\"", "1"},
                                           {"\"-1\"", "1"},
                                           {"\"1e3\"", "1"},
                                           {"5", "1"}};
    for (k = 0; k < 5; k++) {
      snprintf(json, sizeof json,
               "{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":\"en\","
               "\"start\":\"2026-03-02\",\"seed\":%s,\"prefs\":{},\"results\":[],\"checkins\":[]}",
               seeds[k][0]);
      memset(&err, 0, sizeof err);
      p = NULL;
      assert_int_equal(lg_plan_restore(&p, cat, json, strlen(json), &err),
                       seeds[k][1][0] == '0' ? LG_OK : LG_ESCHEMA);
      if (p) lg_plan_free(p);
      else assert_string_equal(err.path, "/seed");
    }
  }
}

static void extreme_answers_are_out_of_range(void **state) {
  lg_session *s;
  double inf = 1e308 * 10.0;
  (void)state;
  assert_int_equal(lg_session_new(&s, cat, "checkin", "en"), LG_OK);
  assert_int_equal(lg_session_answer(s, "mood", inf), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "mood", -inf), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "mood", inf - inf), LG_ERANGE); /* NaN */
  assert_int_equal(lg_session_answer(s, "mood", 1e300), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "mood", 4.000000001), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "mood", -1), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "mood", 11), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "safety", 2), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "sleep", 0.5), LG_ERANGE);
  assert_int_equal(lg_session_progress(s, &(size_t){0}, &(size_t){0}), LG_OK);
  assert_null(lg_session_item(s, "nope"));
  lg_session_free(s);
}

/* ---- ids that look like paths ---------------------------------------------- */

static void ids_with_slashes_dots_and_spaces_are_schema_errors(void **state) {
  static const char *const ids[] = {"tip/a",  "..",    "../etc", "a/../b", "./a", "tip a",
                                    " tip",   "tip ",  "tip\\\\a", "Tip.a", ".tip", "-tip",
                                    "tip.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
  char json[512];
  lg_error err;
  size_t k;
  (void)state;
  for (k = 0; k < sizeof ids / sizeof ids[0]; k++) {
    snprintf(json, sizeof json,
             "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\","
             "\"entries\":[{\"id\":\"%s\",\"kind\":\"tip\",\"title\":\"T\",\"body\":\"B\"}]}",
             ids[k]);
    assert_int_equal(load(json, strlen(json), &err), LG_ESCHEMA);
    assert_string_equal(err.path, "/entries/0/id");
    snprintf(json, sizeof json,
             "{\"format\":\"letgo-pack/1\",\"id\":\"%s\",\"version\":\"1.0.0\",\"locale\":\"en\"}",
             ids[k]);
    assert_int_equal(load(json, strlen(json), &err), LG_ESCHEMA);
    assert_string_equal(err.path, "/id");
  }
  /* lookups by such ids find nothing and touch nothing */
  assert_null(lg_catalog_entry(cat, "../core.en.json", "en"));
  assert_null(lg_catalog_entry(cat, "/etc/passwd", "../en"));
  assert_int_equal(lg_session_new(&(lg_session *){NULL}, cat, "../one-sided", "en"), LG_ENOTFOUND);
  assert_int_equal(lg_plan_new(&(lg_plan *){NULL}, cat, "let-go/..", "en"), LG_ENOTFOUND);
}

/* ---- placeholders ---------------------------------------------------------- */

static void broken_placeholders_are_schema_errors_at_load(void **state) {
  static const char *const bodies[] = {"{na{name}me}", "{name",      "Hi {partner",
                                       "{partner{they}}", "{name}}", "}{",
                                       "{}",           "{ name}",    "{NAME}",
                                       "{they_are",    "{{name}",    "{na\\nme}"};
  char json[512];
  lg_error err;
  size_t k;
  (void)state;
  for (k = 0; k < sizeof bodies / sizeof bodies[0]; k++) {
    snprintf(json, sizeof json,
             "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\","
             "\"entries\":[{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":\"T\",\"body\":\"x %s y\"}]}",
             bodies[k]);
    if (load(json, strlen(json), &err) != LG_ESCHEMA)
      fail_msg("body \"x %s y\": status %d", bodies[k], err.status);
    assert_string_equal(err.path, "/entries/0/body");
  }
  /* and in rendering, which the app may call with its own texts */
  for (k = 0; k < 8; k++) {
    char buf[64];
    size_t len;
    assert_int_equal(lg_render(cat, bodies[k], "en", NULL, buf, sizeof buf, &len), LG_ESYNTAX);
  }
}

/* ---- persona values come out literally, escaped per format ----------------- */

#define NAME "Zq{partner}<i>x</i>\"q\"\r\nA&B;C,D\\E*F_G#[H](I)|J!\tK"
#define PARTNER "Yw{name}{{they}}\"q\";a,b\\c\r\nd<e>`f`"

static char *export_of(const lg_plan *p, int format) {
  size_t len = 0;
  char *buf;
  assert_int_equal(lg_plan_export(p, format, NULL, 0, &len), LG_ETRUNC);
  buf = malloc(len + 1);
  assert_non_null(buf);
  assert_int_equal(lg_plan_export(p, format, buf, len + 1, &len), LG_OK);
  return buf;
}

static void persona_values_are_rendered_literally(void **state) {
  static const char *const vars[] = {"name", "{partner}", "partner_name", "{name}{they}", NULL};
  char buf[256];
  size_t len;
  (void)state;
  assert_int_equal(lg_render(cat, "Hi {name}; {partner} and {Partner}.", "en", vars, buf,
                             sizeof buf, &len),
                   LG_OK);
  assert_string_equal(buf, "Hi {partner}; {name}{they} and {name}{they}.");
}

static void persona_values_are_escaped_in_every_export(void **state) {
  lg_plan *p;
  char *json, *ics, *md, *u;
  size_t i, j, n;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  assert_int_equal(lg_plan_set(p, "name", NAME), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_name", PARTNER), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 9), LG_OK);

  json = export_of(p, LG_FORMAT_JSON);
  assert_non_null(strstr(json, "Zq{partner}<i>x</i>\\\"q\\\"\\r\\nA&B;C,D\\\\E*F_G#[H](I)|J!\\tK"));
  assert_non_null(strstr(json, "Yw{name}{{they}}\\\"q\\\";a,b\\\\c\\r\\nd<e>`f`"));
  for (i = 0; json[i]; i++) assert_true((unsigned char)json[i] >= 0x20 || json[i] == '\n');

  /* iCalendar (RFC 5545 3.3.11): \\ \; \, and \n; CRLF only as line ends */
  ics = export_of(p, LG_FORMAT_ICALENDAR);
  n = strlen(ics);
  u = malloc(n + 1);
  assert_non_null(u);
  for (i = 0, j = 0; i < n; i++) {
    if (ics[i] == '\r') {
      assert_true(ics[i + 1] == '\n');
      if (ics[i + 2] == ' ') {
        i += 2; /* unfold */
        continue;
      }
    }
    u[j++] = ics[i];
  }
  u[j] = '\0';
  assert_non_null(strstr(u, "Yw{name}{{they}}\"q\"\\;a\\,b\\\\c\\nd<e>`f`"));
  for (i = 0; i < j; i++)
    if (u[i] == '\n') assert_true(u[i - 1] == '\r' && (u[i + 1] == '\0' || (u[i + 1] >= 'A' && u[i + 1] <= 'Z')));
  free(u);

  /* Markdown: every character that could start markup is escaped; CR goes */
  md = export_of(p, LG_FORMAT_MARKDOWN);
  assert_non_null(
      strstr(md, "Zq\\{partner\\}\\<i\\>x\\</i\\>\"q\"\nA\\&B;C,D\\\\E\\*F\\_G\\#\\[H\\](I)\\|J\\!"));
  assert_non_null(strstr(md, "Yw\\{name\\}\\{\\{they\\}\\}\"q\";a,b\\\\c\n  d\\<e\\>\\`f\\`"));
  assert_null(strstr(md, "<i>"));
  assert_null(strchr(md, '\r'));

  /* the task texts themselves hold the value as given */
  {
    int found = 0;
    size_t d, t;
    for (d = 0; d < lg_plan_day_count(p) && !found; d++)
      for (t = 0; t < lg_plan_task_count(p, d); t++)
        if (strstr(lg_task_body(lg_plan_task(p, d, t)), PARTNER)) found = 1;
    assert_true(found);
  }
  free(json);
  free(ics);
  free(md);
  lg_plan_free(p);
}

static void markup_lines_in_a_name_cannot_start_blocks(void **state) {
  lg_plan *p;
  char *md;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  assert_int_equal(lg_plan_set(p, "name", "Zq\n- item\n1. num\n> quote\n===\n---\n+ plus\n~~~"),
                   LG_OK);
  assert_int_equal(lg_plan_build(p, START, 9), LG_OK);
  md = export_of(p, LG_FORMAT_MARKDOWN);
  assert_non_null(strstr(md, "Zq\n\\- item\n1\\. num\n\\> quote\n\\===\n\\---\n\\+ plus\n\\~\\~\\~"));
  free(md);
  lg_plan_free(p);
}

/* ---- dates and moods --------------------------------------------------------- */

static void impossible_dates_are_out_of_range(void **state) {
  static const lg_date bad[] = {{0, 0, 0},     {2026, 2, 29}, {9999, 12, 31}, {2026, 4, 31},
                                {2026, 13, 1}, {2026, 0, 10}, {2026, 1, 0},   {1899, 12, 31},
                                {2400, 1, 1},  {-2147483647 - 1, 1, 1},       {2147483647, 12, 31}};
  lg_plan *p;
  size_t k, streak = 99;
  char *before, *after;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  for (k = 0; k < sizeof bad / sizeof bad[0]; k++)
    assert_int_equal(lg_plan_build(p, bad[k], 1), LG_ERANGE);
  assert_int_equal(lg_plan_day_count(p), 0);
  assert_int_equal(lg_plan_build(p, START, 1), LG_OK);
  before = export_of(p, LG_FORMAT_JSON);
  for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    assert_int_equal(lg_plan_build(p, bad[k], 1), LG_ERANGE);
    assert_int_equal(lg_plan_checkin(p, bad[k], 5, NULL), LG_ERANGE);
    assert_int_equal(lg_plan_streak(p, bad[k], &streak), LG_ERANGE);
  }
  after = export_of(p, LG_FORMAT_JSON);
  assert_string_equal(after, before);
  assert_int_equal(streak, 99);
  /* 2024-02-29 is real */
  assert_int_equal(lg_plan_build(p, (lg_date){2024, 2, 29}, 1), LG_OK);
  free(before);
  free(after);
  lg_plan_free(p);
}

static void impossible_dates_in_saved_plans_are_schema_errors(void **state) {
  static const char *const dates[] = {"0000-00-00", "2026-02-29", "9999-12-31", "2026-3-2",
                                      "2026-03-02T00:00", "1899-12-31", "+2026-03-02", ""};
  char json[512];
  lg_error err;
  lg_plan *p = NULL;
  size_t k;
  (void)state;
  for (k = 0; k < sizeof dates / sizeof dates[0]; k++) {
    snprintf(json, sizeof json,
             "{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":\"en\","
             "\"start\":\"%s\",\"seed\":\"5\",\"prefs\":{},\"results\":[],\"checkins\":[]}",
             dates[k]);
    memset(&err, 0, sizeof err);
    assert_int_equal(lg_plan_restore(&p, cat, json, strlen(json), &err), LG_ESCHEMA);
    assert_string_equal(err.path, "/start");
    snprintf(json, sizeof json,
             "{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":\"en\","
             "\"start\":\"2026-03-02\",\"seed\":\"5\",\"prefs\":{},\"results\":[],"
             "\"checkins\":[{\"date\":\"%s\",\"mood\":5,\"done\":[]}]}",
             dates[k]);
    assert_int_equal(lg_plan_restore(&p, cat, json, strlen(json), &err), LG_ESCHEMA);
    assert_string_equal(err.path, "/checkins/0/date");
  }
  assert_null(p);
}

static void moods_outside_0_to_10_are_out_of_range(void **state) {
  static const int bad[] = {-1, 11, -2147483647 - 1, 2147483647, 100};
  lg_plan *p;
  char *before, *after;
  size_t k;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 1), LG_OK);
  assert_int_equal(lg_plan_checkin(p, START, 3, NULL), LG_OK);
  before = export_of(p, LG_FORMAT_JSON);
  for (k = 0; k < sizeof bad / sizeof bad[0]; k++)
    assert_int_equal(lg_plan_checkin(p, START, bad[k], NULL), LG_ERANGE);
  after = export_of(p, LG_FORMAT_JSON);
  assert_string_equal(after, before);
  assert_int_equal(lg_plan_checkin(p, START, 0, NULL), LG_OK);
  assert_int_equal(lg_plan_checkin(p, START, 10, NULL), LG_OK);
  assert_int_equal(lg_plan_checkin_count(p), 1);
  free(before);
  free(after);
  lg_plan_free(p);
}


/* ---- hostile queries ----------------------------------------------------------- */

static size_t hits_of(const char *q, const char *locale, char *ids, size_t cap) {
  lg_hit hits[16];
  size_t total = 0, i, n = 0;
  assert_int_equal(lg_catalog_search(cat, q, locale, hits, 16, &total), LG_OK);
  ids[0] = '\0';
  for (i = 0; i < total && i < 16; i++)
    n += (size_t)snprintf(ids + n, cap - n, "%s ", lg_entry_id(hits[i].entry));
  return total;
}

static void queries_fold_case_accents_and_separators_alike(void **state) {
  /* each line: queries that must find exactly the same entries */
  static const char *const same[][6] = {
      {"corazón", "CORAZÓN", "corazo\xCC\x81n", "Corazon", "\xE2\x80\x9C" "corazón" "\xE2\x80\x9D", NULL},
      {"duelo", "DUELO", "duelo\xF0\x9F\x92\x94", "\xE2\x86\x92" "duelo", "duelo\xE2\x82\xAC", "duelo\xE3\x80\x81"},
      {"amistad", "AMISTAD", "amistad\xEF\xBC\x81", "amistad\xEF\xB8\x8F", "amistad\xC2\xBF", "\xC2\xA1" "amistad!"},
      {"culpa", "CÚLPÂ", "cu\xCC\x81lpa", "Çulpa", NULL, NULL}, /* Ç folds to c */
  };
  char first[4096], other[4096];
  size_t k, j, total;
  (void)state;
  for (k = 0; k < sizeof same / sizeof same[0]; k++) {
    total = hits_of(same[k][0], "es", first, sizeof first);
    assert_true(total > 0);
    for (j = 1; j < 6 && same[k][j]; j++) {
      size_t t2 = hits_of(same[k][j], "es", other, sizeof other);
      if (t2 != total || strcmp(first, other) != 0)
        fail_msg("\"%s\" finds %zu (%s), \"%s\" finds %zu (%s)", same[k][0], total, first,
                 same[k][j], t2, other);
    }
  }
  /* invalid UTF-8 separates words; it never matches or breaks anything */
  total = hits_of("duelo", "es", first, sizeof first);
  assert_int_equal(hits_of("\xFF" "duelo" "\xC0\xAF", "es", other, sizeof other), total);
  assert_string_equal(first, other);
  /* letters of other scripts and symbols that are letters stay words */
  assert_int_equal(hits_of("\xCE\x91\xCE\x93\xCE\x91\xCE\xA0\xCE\x97 \xD0\x9B\xD0\xAE\xD0\x91\xD0\x9E\xD0\x92\xD0\xAC "
                           "\xD0\x81 \xC2\xAA\xC2\xBA\xC2\xB2\xC2\xB3\xC2\xB9 \xC2\xBD",
                           "en", other, sizeof other),
                   0);
  /* a long query of many words, and one long word */
  {
    char q[8192];
    size_t n = 0;
    for (k = 0; k < 500; k++) n += (size_t)snprintf(q + n, sizeof q - n, "w%zu ", k);
    assert_int_equal(hits_of(q, "en", other, sizeof other), 0);
    memset(q, 'a', 8000);
    q[8000] = '\0';
    assert_int_equal(hits_of(q, "en", other, sizeof other), 0);
  }
}

/* ---- plan templates ----------------------------------------------------------- */

/* tests/data/hostile/template.json: every condition, schedule and length
 * rule of docs/pack-format-plans.md in one template, built on the built-in
 * catalogue. */
static char *template_json(size_t *len) {
  char *t = lgt_read_file(LETGO_TEST_DATA "/hostile/template.json", len);
  assert_non_null(t);
  return t;
}

static lg_result *scored(const lg_catalog *c, const char *instrument, double v) {
  lg_session *s;
  lg_result *r;
  const lg_item *it;
  assert_int_equal(lg_session_new(&s, c, instrument, "en"), LG_OK);
  while ((it = lg_session_next(s)) != NULL) {
    double x = v;
    if (lg_item_type(it) == LG_ITEM_CHOICE) x = lg_item_option_value(it, 0);
    else if (x > lg_item_max(it)) x = lg_item_max(it);
    if (strcmp(lg_item_id(it), "safety") == 0) x = 1;
    assert_int_equal(lg_session_answer(s, lg_item_id(it), x), LG_OK);
  }
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  lg_session_free(s);
  return r;
}

static void a_template_using_every_rule_builds_and_adapts(void **state) {
  static const char *const prefs[][2] = {
      {"support", "distract"}, {"partner_pronouns", "she"}, {"region", "ES"},
      {"interests", "nature"}, {"name", "Robin"}, {"partner_name", "Sasha"}};
  lg_catalog *c;
  lg_plan *p;
  lg_error err;
  size_t len, i, first_days;
  char *t = template_json(&len), *a, *b;
  lg_result *r[4];
  int k;
  (void)state;
  assert_int_equal(lg_catalog_new(&c, NULL, 0), LG_OK);
  assert_int_equal(lg_catalog_load(c, t, len, &err), LG_OK);
  r[0] = scored(c, "one-sided", 2);
  r[1] = scored(c, "readiness", 4);
  r[2] = scored(c, "support", 1);
  r[3] = scored(c, "checkin", 1); /* the safety item: crisis */

  /* without results or preferences: the first phase has its default */
  assert_int_equal(lg_plan_new(&p, c, "hostile", "en"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 3), LG_OK);
  assert_int_equal(lg_plan_phase_count(p), 2);
  assert_int_equal(lg_plan_phase_length(p, 0), 5);
  assert_int_equal(lg_plan_day_count(p), 42);
  assert_string_equal(lg_plan_title(p), "Plan for friend");
  lg_plan_free(p);

  /* everything set: three rules add to the default (every comparison with
   * 10 holds for exactly three of the six operators), the optional phase
   * is in, the crisis task leads every day */
  assert_int_equal(lg_plan_new(&p, c, "hostile", "en"), LG_OK);
  for (k = 0; k < 4; k++) assert_int_equal(lg_plan_use_result(p, r[k]), LG_OK);
  for (i = 0; i < sizeof prefs / sizeof prefs[0]; i++)
    assert_int_equal(lg_plan_set(p, prefs[i][0], prefs[i][1]), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 3), LG_OK);
  first_days = lg_plan_phase_length(p, 0);
  assert_int_equal(first_days, 8);
  assert_int_equal(lg_plan_phase_count(p), 3);
  assert_string_equal(lg_plan_phase_id(p, 2), "maybe");
  assert_true(lg_plan_flags(p) & LG_PLAN_CRISIS);
  for (i = 0; i < lg_plan_day_count(p); i++)
    assert_string_equal(lg_task_id(lg_plan_task(p, i, 0)), "reach-out");
  assert_string_equal(lg_task_id(lg_plan_task(p, first_days - 1, lg_plan_task_count(p, first_days - 1) - 1)),
                      "t-last");
  assert_int_equal(lg_task_reminder(lg_plan_task(p, 0, 0)), 9 * 60);
  /* grief_days wins over the rules */
  assert_int_equal(lg_plan_set(p, "grief_days", "7"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 3), LG_OK);
  assert_int_equal(lg_plan_phase_length(p, 0), 7);
  /* low moods after the first phase bring the therapy task */
  for (k = 0; k < 3; k++) {
    lg_date d = START;
    d.day += 7 + k;
    assert_int_equal(lg_plan_checkin(p, d, 1, NULL), LG_OK);
  }
  assert_true(lg_plan_flags(p) & LG_PLAN_THERAPY);
  /* deterministic: the same inputs, the same bytes */
  for (k = 0; k < 3; k++) {
    lg_plan *q;
    char *saved;
    a = export_of(p, k);
    assert_int_equal(lg_plan_save(p, NULL, 0, &len), LG_ETRUNC);
    saved = malloc(len + 1);
    assert_non_null(saved);
    assert_int_equal(lg_plan_save(p, saved, len + 1, &len), LG_OK);
    assert_int_equal(lg_plan_restore(&q, c, saved, len, &err), LG_OK);
    b = export_of(q, k);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(saved);
    lg_plan_free(q);
  }
  lg_plan_free(p);
  for (k = 0; k < 4; k++) lg_result_free(r[k]);
  lg_catalog_free(c);
  free(t);
}

typedef struct mutation {
  const char *find, *replace, *path;
} mutation;

static const mutation MUTATIONS[] = {
    {"\"default\": 5", "\"default\": 10", "/plans/0/phases/0/days"},
    {"\"min\": 3", "\"min\": 12", "/plans/0/phases/0/days"},
    {"strategy.grieve", "strategy.nope", "/plans/0/phases/0/tasks/1/entry"},
    {"\"score\": \"one-sided\", \"op\": \">\"", "\"score\": \"nope\", \"op\": \">\"",
     "/plans/0/phases/0/days/rules/0/if/score"},
    {"\"ready\",", "\"very\",", "/plans/0/phases/0/tasks/4/if/in/0"},
    {"\"item\": \"style\"", "\"item\": \"nope\"", "/plans/0/phases/0/tasks/3/if/item"},
    {"\"tag\": \"journal\"", "\"tag\": \"no-such-tag\"", "/plans/0/phases/0/tasks/0/pick"},
    {"\"kind\": \"prompt\"", "\"kind\": \"label\"", "/plans/0/phases/0/tasks/0/pick"},
    {"\"reminder\": \"08:30\",", "\"colour\": 1,", "/plans/0/colour"},
    {"\"day\": 3", "\"day\": 30", "/plans/0/phases/0/tasks/5/on/day"},
    {"\"on\": \"daily\"}", "\"on\": \"hourly\"}", "/plans/0/phases/0/tasks/0/on"},
    {"\"id\": \"t-weekends\"", "\"id\": \"t-daily\"", "/plans/0/phases/0/tasks/2"},
    {"\"op\": \">\"", "\"op\": \"=>\"", "/plans/0/phases/0/days/rules/0/if/op"},
    {"\"reminder\": \"08:30\"", "\"reminder\": \"24:00\"", "/plans/0/reminder"},
    {"\"pref\": \"region\"", "\"pref\": \"name\"", "/plans/0/phases/0/tasks/2/if/all/1/not/pref"},
    {"{\"flag\": \"crisis\"}",
     "{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":"
     "{\"flag\": \"crisis\"}}}}}}}}}}",
     "/plans/0/phases/0/tasks/5/if/not/not/not/not/not/not/not/not"},
    {"\"rest\": true, \"min\": 7", "\"rest\": true, \"min\": 20", "/plans/0/phases"},
    {"\"id\": \"therapy-x\"", "\"id\": \"t2\"", "/plans/0/adapt/therapy"},
    {"\"crisis\": {\"id\": \"reach-out\"", "\"crisis\": {\"id\": \"t-daily\"", "/plans/0/crisis"},
    {"\"after\": \"first\"", "\"after\": \"nowhere\"", "/plans/0/adapt/after"},
    {"\"days\": 4", "\"days\": 91", "/plans/0/phases/2/days"},
    {"\"days\": 4", "\"days\": {\"rest\": true, \"min\": 1}", "/plans/0/phases/2"},
    {"\"flag\": \"crisis\"", "\"flag\": \"nope\"", "/plans/0/phases/0/tasks/5/if/flag"},
    {"\"every\": 2, \"from\": 2", "\"every\": 0, \"from\": 2", "/plans/0/phases/0/tasks/3/on/every"},
    {"\"title\": \"Weekend\", \"note\": \"Rest, {name}.\"", "\"title\": \"Weekend\"",
     "/plans/0/phases/0/tasks/2"},
    {"Rest, {name}.", "Rest, {nam}.", "/plans/0/phases/0/tasks/2/note"},
    {"Rest, {name}.", "Rest, {name", "/plans/0/phases/0/tasks/2/note"},
    {"section.get-help", "section.nope", "/plans/0/help"},
    {"\"low_mood\": 4", "\"low_mood\": 11", "/plans/0/adapt/low_mood"},
    {"\"window\": 3", "\"window\": 0", "/plans/0/adapt/window"},
    {"\"from\": \"grief_days\"", "\"from\": \"plan_days\"", "/plans/0/phases/0/days/from"},
    {"\"add\": 1}]", "\"add\": 1, \"x\": 2}]", "/plans/0/phases/0/days/rules/5/x"},
    {"\"interests\": true", "\"interests\": false", "/plans/0/phases/0/tasks/3/pick"},
    {"\"in\": \"she\"", "\"in\": []", "/plans/0/phases/0/tasks/2/if/all/0/in"},
    {"\"in\": [\"distract\"]", "\"in\": [\"sometimes\"]", "/plans/0/phases/2/if/in"},
    {"\"title\": \"Second\",", "", "/plans/0/phases/1"},
    {"\"web\": \"label.plan.web\"", "\"x-web\": \"label.plan.web\"", "/plans/0/labels"},
    {"\"version\": \"1.0.0\"", "\"version\": \"1.0.0\", \"plans\": []", "/plans"},
    {"\"days\": 4", "\"days\": 1.5", "/plans/0/phases/2/days"},
    {"\"in\": \"she\"", "\"in\": [1]", "/plans/0/phases/0/tasks/2/if/all/0/in/0"},
    {"\"op\": \">\", \"value\": 10", "\"op\": \">\"", "/plans/0/phases/0/days/rules/0/if"},
    {"\"op\": \">\", \"value\": 10", "\"op\": \">\", \"value\": \"x\"", "/plans/0/phases/0/days/rules/0/if/value"},
    {"\"in\": [\"US\"]", "\"in\": [\"USA\"]", "/plans/0/phases/0/tasks/2/if/all/1/not/in"},
    {"\"if\": {\"any\": [{\"pref\": \"support\", \"in\": [\"talk\"]}, {\"pref\": \"interests\", \"in\": [\"nature\", \"fitness\"]}]}",
     "\"if\": {\"any\": []}", "/plans/0/phases/0/tasks/1/if/any"},
    {"{\"flag\": \"crisis\"}", "[1]", "/plans/0/phases/0/tasks/5/if"},
    {"{\"flag\": \"crisis\"}", "{\"colour\": 1}", "/plans/0/phases/0/tasks/5/if"},
    {"\"pick\": {\"tag\": \"affirmation\"}", "\"pick\": \"affirmation\"", "/plans/0/phases/1/tasks/0/pick"},
    {"\"interests\": true", "\"interests\": 1", "/plans/0/phases/0/tasks/3/pick/interests"},
    {"\"on\": \"daily\"}", "\"on\": 5}", "/plans/0/phases/0/tasks/0/on"},
    {"\"days\": {\"rest\": true, \"min\": 7}", "\"days\": \"rest\"", "/plans/0/phases/1/days"},
    {"\"rest\": true, \"min\": 7", "\"rest\": false, \"min\": 7", "/plans/0/phases/1/days/rest"},
    {"\"rules\": [", "\"rules\": {}, \"x-r\": [", "/plans/0/phases/0/days/rules"},
    {"\"rules\": [", "\"rules\": [1, ", "/plans/0/phases/0/days/rules/0"},
    {"{\"if\": {\"score\": \"one-sided\", \"op\": \">\", \"value\": 10}, \"add\": 1}", "{\"add\": 1}",
     "/plans/0/phases/0/days/rules/0"},
    {"\"phases\": [", "\"phases\": [1, ", "/plans/0/phases/0"},
    {"\"tasks\": [{\"id\": \"t3\", \"entry\": \"strategy.visualize\"}]", "\"tasks\": []", "/plans/0/phases/2/tasks"},
    {"\"labels\": {", "\"labels\": 1, \"x-l\": {", "/plans/0/labels"},
    {"\"adapt\": {", "\"adapt\": 1, \"x-a\": {", "/plans/0/adapt"},
    {"\"therapy\": {", "\"x-therapy\": {", "/plans/0/adapt"},
    {"\"days\": {\"rest\": true, \"min\": 7}", "\"days\": 90", "/plans/0/phases"},
    {"\"phases\": [", "\"phases\": [], \"x-p\": [", "/plans/0/phases"},
    {"{\"id\": \"maybe\"", "{\"id\": \"first\"", "/plans/0/phases/2"},
    {"\"plans\": [{", "\"plans\": [1, {", "/plans/0"},
    {"\"crisis\": {\"id\": \"reach-out\", \"entry\": \"section.crisis-now\",", "\"crisis\": {\"id\": \"reach-out\",",
     "/plans/0/crisis"},
};

static char *mutate(const char *t, const mutation *m) {
  const char *at = strstr(t, m->find);
  size_t k, n = strlen(t) + strlen(m->replace) + 1;
  char *out = malloc(n);
  assert_non_null(at);
  assert_non_null(out);
  k = (size_t)(at - t);
  memcpy(out, t, k);
  strcpy(out + k, m->replace);
  strcat(out, at + strlen(m->find));
  return out;
}

static void broken_templates_are_schema_errors_with_their_pointer(void **state) {
  size_t len, i, before = lg_catalog_template_count(cat);
  char *t = template_json(&len);
  lg_error err;
  (void)state;
  for (i = 0; i < sizeof MUTATIONS / sizeof MUTATIONS[0]; i++) {
    char *m = mutate(t, &MUTATIONS[i]);
    int rc;
    memset(&err, 0, sizeof err);
    rc = lg_catalog_load(cat, m, strlen(m), &err);
    if (rc != LG_ESCHEMA || strcmp(err.path, MUTATIONS[i].path) != 0)
      fail_msg("%s -> %s: status %d, path %s (want %s)", MUTATIONS[i].find, MUTATIONS[i].replace,
               rc, err.path, MUTATIONS[i].path);
    assert_true(err.line > 0);
    free(m);
  }
  assert_int_equal(lg_catalog_template_count(cat), before);
  free(t);
}

/* ---- instruments ---------------------------------------------------------------- */

static const mutation INSTRUMENT_MUTATIONS[] = {
    {"\"min\": 0, \"max\": 4", "\"min\": 4, \"max\": 4", "/instruments/0/scale/max"},
    {"\"Often\", \"Always\"", "\"Often\"", "/instruments/0/scale/labels"},
    {"\"type\": \"choice\"", "\"type\": \"multi\"", "/instruments/0/items/4/type"},
    {"\"weight\": 2,", "\"weight\": 2, \"options\": [],", "/instruments/0/items/0/options"},
    {"\"value\": 2.5", "\"value\": 1", "/instruments/0/items/4/options/1/value"},
    {"\"item\": \"d\"", "\"item\": \"z\"", "/instruments/0/items/4/enable_when/item"},
    {"\"enable_when\": {\"item\": \"d\"", "\"enable_when\": {\"item\": \"e\"",
     "/instruments/0/items/4/enable_when/item"},
    {"\"op\": \"<=\", \"value\": 3", "\"op\": \"<=\", \"value\": -1",
     "/instruments/0/items/4/enable_when/value"},
    {"\"op\": \"<=\", \"value\": 3", "\"op\": \"~\", \"value\": 3", "/instruments/0/items/4/enable_when/op"},
    {"\"name\": \"crisis\"", "\"name\": \"panic\"", "/instruments/0/items/2/flag/name"},
    {"\"op\": \">=\", \"value\": 1}", "\"op\": \">=\", \"value\": 2}", "/instruments/0/items/2/flag/value"},
    {"sign.exhausted", "sign.nope", "/instruments/0/items/0/entry"},
    {"\"id\": \"b\"", "\"id\": \"a\"", "/instruments/0/items/1/id"},
    {"\"id\": \"mid\"", "\"id\": \"lo\"", "/instruments/0/bands/1/id"},
    {"\"min_answered\": 2", "\"min_answered\": 0", "/instruments/0/scoring/min_answered"},
    {"\"min_answered\": 2", "\"min_answered\": 9", "/instruments/0/scoring/min_answered"},
    {"\"id\": \"mid\", \"max\": 10", "\"id\": \"mid\", \"max\": 4", "/instruments/0/bands/1/max"},
    {"\"max\": 15.5", "\"max\": 16", "/instruments/0/bands/2/max"},
    {"\"id\": \"lo\", \"max\": 5", "\"id\": \"lo\", \"max\": -1", "/instruments/0/bands/0/max"},
    {"\"weight\": 2,", "\"weight\": 1001,", "/instruments/0/items/0/weight"},
    {"\"text\": \"C?\",", "\"text\": \"C?\", \"reverse\": true,", "/instruments/0/items/2/reverse"},
    {"\"text\": \"A?\",", "\"text\": \"A?\", \"min\": 0,", "/instruments/0/items/0/min"},
    {"\"method\": \"sum\"", "\"method\": \"median\"", "/instruments/0/scoring/method"},
    {"\"text\": \"B?\",", "\"text\": \"B?\", \"colour\": 1,", "/instruments/0/items/1/colour"},
    {"\"text\": \"D?\"", "\"text\": \"D? {nobody}\"", "/instruments/0/items/3/text"},
    {"\"min\": 0, \"max\": 10", "\"min\": 10, \"max\": 0", "/instruments/0/items/3/max"},
    {"\"max\": 10, \"weight\": 0", "\"max\": 10.5, \"weight\": 0", "/instruments/0/items/3/max"},
    {"\"title\": \"A test of {partner}\", ", "", "/instruments/0"},
    {"{\"value\": 1, \"label\": \"One\"}, ", "", "/instruments/0/items/4/options"},
    {"\"required\": false", "\"required\": \"no\"", "/instruments/0/items/1/required"},
    {"\"subscale\": \"s1\", \"entry\"", "\"subscale\": \"S 1\", \"entry\"",
     "/instruments/0/items/0/subscale"},
};

static void broken_instruments_are_schema_errors_with_their_pointer(void **state) {
  size_t len, i, before = lg_catalog_instrument_count(cat);
  char *t = lgt_read_file(LETGO_TEST_DATA "/hostile/instrument.json", &len);
  lg_error err;
  (void)state;
  assert_non_null(t);
  for (i = 0; i < sizeof INSTRUMENT_MUTATIONS / sizeof INSTRUMENT_MUTATIONS[0]; i++) {
    char *m = mutate(t, &INSTRUMENT_MUTATIONS[i]);
    int rc;
    memset(&err, 0, sizeof err);
    rc = lg_catalog_load(cat, m, strlen(m), &err);
    if (rc != LG_ESCHEMA || strcmp(err.path, INSTRUMENT_MUTATIONS[i].path) != 0)
      fail_msg("%s -> %s: status %d, path %s (want %s)", INSTRUMENT_MUTATIONS[i].find,
               INSTRUMENT_MUTATIONS[i].replace, rc, err.path, INSTRUMENT_MUTATIONS[i].path);
    free(m);
  }
  assert_int_equal(lg_catalog_instrument_count(cat), before);
  free(t);
}

static void an_instrument_using_every_rule_scores_as_documented(void **state) {
  lg_catalog *c;
  lg_session *s;
  lg_result *r;
  size_t len, a = 0, n = 0;
  char *t = lgt_read_file(LETGO_TEST_DATA "/hostile/instrument.json", &len), *json;
  double v;
  (void)state;
  assert_non_null(t);
  assert_int_equal(lg_catalog_new(&c, NULL, 0), LG_OK);
  assert_int_equal(lg_catalog_load(c, t, len, NULL), LG_OK);
  assert_int_equal(lg_session_new(&s, c, "hostile", "es-MX"), LG_OK);
  assert_string_equal(lg_session_locale(s), "en");
  assert_string_equal(lg_session_title(s), "A test of your partner");
  /* too few answers */
  assert_int_equal(lg_session_answer(s, "a", 4), LG_OK);
  assert_int_equal(lg_session_score(s, &r), LG_ESTATE);
  /* e shows only while d <= 3 */
  assert_int_equal(lg_session_answer(s, "d", 7), LG_OK);
  assert_int_equal(lg_session_enabled(s, "e"), 0);
  assert_int_equal(lg_session_answer(s, "e", 2.5), LG_ESTATE);
  assert_int_equal(lg_session_answer(s, "d", 2), LG_OK);
  assert_int_equal(lg_session_enabled(s, "e"), 1);
  assert_int_equal(lg_session_answer(s, "e", 2), LG_ERANGE); /* not an option value */
  assert_int_equal(lg_session_answer(s, "e", 2.5), LG_OK);
  assert_int_equal(lg_session_answer(s, "b", 1), LG_OK);   /* reversed: 3 */
  assert_int_equal(lg_session_flags(s), 0);
  assert_int_equal(lg_session_answer(s, "c", 1), LG_OK);
  assert_int_equal(lg_session_flags(s), LG_FLAG_CRISIS);
  assert_int_equal(lg_session_progress(s, &a, &n), LG_OK);
  assert_int_equal(a, 5);
  assert_int_equal(n, 5);
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  /* 2*4 + (4-1) + 1 + 2.5 = 14.5: the last band */
  assert_true(lg_result_score(r) == 14.5);
  assert_string_equal(lg_result_band(r), "hi");
  assert_int_equal(lg_result_flags(r) & LG_FLAG_CRISIS, LG_FLAG_CRISIS);
  assert_int_equal(lg_result_subscale_count(r), 1);
  assert_string_equal(lg_result_subscale_id(r, 0), "s1");
  assert_true(lg_result_subscale_score(r, 0) == 11);
  assert_int_equal(lg_result_feedback_count(r), 1);
  assert_string_equal(lg_result_feedback(r, 0), "sign.exhausted");
  assert_int_equal(lg_result_answer(r, "e", &v), LG_OK);
  assert_true(v == 2.5);
  assert_int_equal(lg_result_json(r, NULL, 0, &len), LG_ETRUNC);
  json = malloc(len + 1);
  assert_non_null(json);
  assert_int_equal(lg_result_json(r, json, len + 1, &len), LG_OK);
  assert_non_null(strstr(json, "\"band\":{\"id\":\"hi\",\"label\":\"High\""));
  free(json);
  lg_result_free(r);
  /* disabling e again drops its answer from the score */
  assert_int_equal(lg_session_answer(s, "d", 9), LG_OK);
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  assert_true(lg_result_score(r) == 12);
  assert_int_equal(lg_result_answer(r, "e", &v), LG_ENOTFOUND);
  lg_result_free(r);
  lg_session_free(s);
  lg_catalog_free(c);
  free(t);
}

/* ---- preferences and saved plans -------------------------------------------------- */

static void preference_values_are_checked(void **state) {
  static const char *const cases[][3] = {
      /* key, value, expected status: 0 OK, R ERANGE, N ENOTFOUND */
      {"grief_days", "7", "0"},     {"grief_days", "14", "0"},      {"grief_days", "6", "R"},
      {"grief_days", "15", "R"},    {"grief_days", "x", "R"},       {"grief_days", "1e1", "R"},
      {"grief_days", "-7", "R"},    {"grief_days", "0010", "R"},    {"plan_days", "28", "0"},
      {"plan_days", "90", "0"},     {"plan_days", "27", "R"},       {"plan_days", "91", "R"},
      {"reminder_time", "00:00", "0"}, {"reminder_time", "23:59", "0"}, {"reminder_time", "24:00", "R"},
      {"reminder_time", "12:60", "R"}, {"reminder_time", "7:30", "R"}, {"reminder_time", "07:30:00", "R"},
      {"reminder_time", "ab:cd", "R"}, {"support", "talk", "0"},    {"support", "TALK", "R"},
      {"support", "none", "R"},     {"interests", "nature", "0"},   {"interests", " nature , fitness ", "0"},
      {"interests", "nature,,fitness", "R"}, {"interests", "gardening", "R"}, {"interests", ",", "R"},
      {"partner_pronouns", "she", "0"}, {"partner_pronouns", "xe", "R"}, {"partner_pronouns", "He", "R"},
      {"region", "es", "0"},        {"region", "ESP", "R"},         {"region", "1A", "R"},
      {"region", "E", "R"},         {"name", "Ana", "0"},           {"partner_name", "Luz", "0"},
      {"colour", "red", "N"},       {"Name", "Ana", "N"},           {"", "x", "N"},
  };
  lg_plan *p;
  size_t k;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    int want = cases[k][2][0] == '0' ? LG_OK : cases[k][2][0] == 'R' ? LG_ERANGE : LG_ENOTFOUND;
    int rc = lg_plan_set(p, cases[k][0], cases[k][1]);
    if (rc != want) fail_msg("%s=\"%s\": status %d, want %d", cases[k][0], cases[k][1], rc, want);
  }
  /* the accepted ones took effect */
  assert_int_equal(lg_plan_build(p, START, 1), LG_OK);
  lg_plan_free(p);
}

static const struct {
  mutation m;
  int status;
} PLAN_MUTATIONS[] = {
    {{"\"template\":\"let-go\"", "\"template\":7", "/template"}, LG_ESCHEMA},
    {{"\"template\":\"let-go\"", "\"template\":\"gone\"", "/template"}, LG_ENOTFOUND},
    {{"\"format\":\"letgo-plan/1\"", "\"format\":\"letgo-plan/9\"", "/format"}, LG_EVERSION},
    {{"\"seed\":\"7\"", "\"seed\":7", "/seed"}, LG_ESCHEMA},
    {{"\"locale\":\"en\"", "\"locale\":5", "/locale"}, LG_ESCHEMA},
    {{"\"prefs\":{", "\"prefs\":{\"colour\":\"red\",", "/prefs/colour"}, LG_ESCHEMA},
    {{"\"grief_days\":\"10\"", "\"grief_days\":\"99\"", "/prefs/grief_days"}, LG_ESCHEMA},
    {{"\"grief_days\":\"10\"", "\"grief_days\":10", "/prefs/grief_days"}, LG_ESCHEMA},
    {{"\"name\":\"Robin\"", "\"name\":\"\"", "/prefs/name"}, LG_ESCHEMA},
    {{"\"plan_days\":\"35\"", "\"plan_days\":\"35\",\"plan_days\":\"36\"", "/prefs/plan_days"}, LG_ESCHEMA},
    {{"\"results\":[", "\"results\":[1,", "/results/0"}, LG_ESCHEMA},
    {{"\"band\":\"struggling\"", "\"band\":\"nope\"", "/results/0"}, LG_ESCHEMA},
    {{"\"instrument\":\"checkin\"", "\"instrument\":\"nope\"", "/results/0"}, LG_ESCHEMA},
    {{"\"flags\":1", "\"flags\":\"1\"", "/results/0/flags"}, LG_ESCHEMA},
    {{"\"flags\":1", "\"flags\":99", "/results/0"}, LG_ESCHEMA},
    {{"\"score\":4,", "\"score\":4,\"y\":1,", "/results/0/y"}, LG_ESCHEMA},
    {{"\"answers\":{}", "\"answers\":{\"nope\":1}", "/results/0/answers/nope"}, LG_ESCHEMA},
    {{"\"crisis_from\":\"start\"", "\"crisis_from\":\"later\"", "/crisis_from"}, LG_ESCHEMA},
    {{"{\"date\":\"2026-03-03\",\"mood\":3", "{\"date\":\"2026-03-02\",\"mood\":3", "/checkins/1"}, LG_ESCHEMA},
    {{"\"done\":[\"reach-out\"]", "\"done\":[\"no-such-task\"]", "/checkins/1/done/0"}, LG_ESCHEMA},
    {{"\"done\":[\"reach-out\"]", "\"done\":\"reach-out\"", "/checkins/1/done"}, LG_ESCHEMA},
    {{"\"start\":\"2026-03-02\"", "\"start\":\"2031-03-02\"", "/checkins/0"}, LG_ESCHEMA},
    {{"\"mood\":0", "\"mood\":\"0\"", "/checkins/0/mood"}, LG_ESCHEMA},
    {{"\"checkins\":[", "\"checkins\":{},\"z\":[", "/z"}, LG_ESCHEMA},
};

static void broken_saved_plans_are_refused_with_their_pointer(void **state) {
  size_t len, i;
  char *t = lgt_read_file(LETGO_SOURCE_DIR "/tests/fuzz/corpus/plan_restore/crisis-en.json", &len);
  lg_error err;
  lg_plan *p = NULL;
  (void)state;
  assert_non_null(t);
  assert_int_equal(lg_plan_restore(&p, cat, t, len, NULL), LG_OK);
  lg_plan_free(p);
  p = NULL;
  for (i = 0; i < sizeof PLAN_MUTATIONS / sizeof PLAN_MUTATIONS[0]; i++) {
    char *m = mutate(t, &PLAN_MUTATIONS[i].m);
    int rc;
    memset(&err, 0, sizeof err);
    rc = lg_plan_restore(&p, cat, m, strlen(m), &err);
    if (rc != PLAN_MUTATIONS[i].status || strcmp(err.path, PLAN_MUTATIONS[i].m.path) != 0)
      fail_msg("%s -> %s: status %d, path %s (want %d, %s)", PLAN_MUTATIONS[i].m.find,
               PLAN_MUTATIONS[i].m.replace, rc, err.path, PLAN_MUTATIONS[i].status,
               PLAN_MUTATIONS[i].m.path);
    assert_null(p);
    free(m);
  }
  free(t);
}

/* ---- error messages stay whole --------------------------------------------------- */

static int valid_utf8(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    size_t k = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
    size_t i;
    if (k == 0) return 0;
    for (i = 1; i < k; i++)
      if ((p[i] & 0xC0) != 0x80) return 0;
    p += k;
  }
  return 1;
}

static void error_messages_quote_long_values_in_whole_characters(void **state) {
  static const char *const units[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x92\x94", "A"};
  static const char *const shapes[] = {
      "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\","
      "\"entries\":[{\"id\":\"%s\",\"kind\":\"tip\",\"title\":\"T\",\"body\":\"B\"}]}",
      "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\","
      "\"entries\":[{\"id\":\"tip.a\",\"kind\":\"%s\",\"title\":\"T\",\"body\":\"B\"}]}",
      "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\","
      "\"entries\":[{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":\"T\",\"body\":\"B {%s}\"}]}",
      "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\",\"%s\":1}",
  };
  char value[2048], json[4096];
  lg_error err;
  size_t u, k, n, sh;
  (void)state;
  for (sh = 0; sh < 4; sh++) {
    for (u = 0; u < 4; u++) {
      for (n = 1; n < 400; n += 37) {
        value[0] = '\0';
        for (k = 0; k < n; k++) strcat(value, units[u]);
        snprintf(json, sizeof json, shapes[sh], value);
        assert_int_equal(load(json, strlen(json), &err), LG_ESCHEMA);
        assert_true(strlen(err.message) < sizeof err.message);
        assert_true(strlen(err.path) < sizeof err.path);
        if (!valid_utf8(err.message) || !valid_utf8(err.path))
          fail_msg("shape %zu, %zu x U+%zu: message or path cut inside a character", sh, n, u);
      }
    }
  }
  /* types are named */
  snprintf(json, sizeof json,
           "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\","
           "\"entries\":[{\"id\":\"tip.a\",\"kind\":\"tip\",\"title\":null,\"body\":\"B\"}]}");
  assert_int_equal(load(json, strlen(json), &err), LG_ESCHEMA);
  assert_string_equal(err.path, "/entries/0/title");
  assert_non_null(strstr(err.message, "null"));
  /* a member name holding \u0000 */
  snprintf(json, sizeof json,
           "{\"format\":\"letgo-pack/1\",\"id\":\"h\",\"version\":\"1.0.0\",\"locale\":\"en\","
           "\"x-a\\u0000b\":1}");
  assert_int_equal(load(json, strlen(json), &err), LG_ESCHEMA);
  assert_non_null(strstr(err.message, "\\u0000"));
}

static void files_that_are_not_packs_are_refused(void **state) {
  lg_error err;
  FILE *f;
  const char *path = LETGO_BINARY_DIR "/tests/hostile_empty.json";
  (void)state;
  /* a directory */
  memset(&err, 0, sizeof err);
  assert_int_equal(lg_catalog_load_file(empty, LETGO_TEST_DATA, &err), LG_EIO);
  assert_int_equal(err.status, LG_EIO);
  /* an empty file */
  f = fopen(path, "wb");
  assert_non_null(f);
  fclose(f);
  assert_int_equal(lg_catalog_load_file(empty, path, &err), LG_ESYNTAX);
  remove(path);
  /* a file whose size is unknown until read (procfs reports 0) */
  f = fopen("/proc/self/status", "rb");
  if (f) {
    fclose(f);
    assert_int_equal(lg_catalog_load_file(empty, "/proc/self/status", &err), LG_ESYNTAX);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(deep_nesting_is_refused_at_the_limit),
      cmocka_unit_test(a_million_keys_load_in_linear_time),
      cmocka_unit_test(a_pack_over_the_size_limit_is_refused),
      cmocka_unit_test(files_that_are_not_packs_are_refused),
      cmocka_unit_test(the_entry_template_is_a_valid_pack),
      cmocka_unit_test(invalid_utf8_in_every_string_field_is_a_syntax_error),
      cmocka_unit_test(invalid_utf8_in_saved_states_is_a_syntax_error),
      cmocka_unit_test(invalid_utf8_in_persona_values_is_refused),
      cmocka_unit_test(nul_in_ids_and_texts_is_a_schema_error),
      cmocka_unit_test(extreme_numbers_get_their_documented_status),
      cmocka_unit_test(extreme_numbers_in_saved_states_are_schema_errors),
      cmocka_unit_test(extreme_answers_are_out_of_range),
      cmocka_unit_test(ids_with_slashes_dots_and_spaces_are_schema_errors),
      cmocka_unit_test(broken_placeholders_are_schema_errors_at_load),
      cmocka_unit_test(persona_values_are_rendered_literally),
      cmocka_unit_test(persona_values_are_escaped_in_every_export),
      cmocka_unit_test(markup_lines_in_a_name_cannot_start_blocks),
      cmocka_unit_test(impossible_dates_are_out_of_range),
      cmocka_unit_test(impossible_dates_in_saved_plans_are_schema_errors),
      cmocka_unit_test(moods_outside_0_to_10_are_out_of_range),
      cmocka_unit_test(queries_fold_case_accents_and_separators_alike),
      cmocka_unit_test(a_template_using_every_rule_builds_and_adapts),
      cmocka_unit_test(broken_templates_are_schema_errors_with_their_pointer),
      cmocka_unit_test(broken_instruments_are_schema_errors_with_their_pointer),
      cmocka_unit_test(an_instrument_using_every_rule_scores_as_documented),
      cmocka_unit_test(preference_values_are_checked),
      cmocka_unit_test(broken_saved_plans_are_refused_with_their_pointer),
      cmocka_unit_test(error_messages_quote_long_values_in_whole_characters),
  };
  return cmocka_run_group_tests_name("hostile", tests, setup, teardown);
}
