/*
 * test_privacy.c - what a person tells the library does not outlive the
 * objects that hold it.
 *
 * The test allocator scans every block as it is freed (and the old block of
 * every moving or shrinking resize) for secrets:
 * - persona values: a distinctive name and partner name;
 * - answers: values of a test instrument chosen to be distinctive in
 *   memory (a choice value and a large integer), scanned for as the bytes of
 *   their double and as the decimal text they have in saved states;
 * - moods: a mood is one small number, so a single one cannot be told
 *   from other bytes; the plan gets twelve check-ins whose moods follow a
 *   fixed sequence, and a wrapper around the test allocator looks in every
 *   released block for six of them in a row, as integers of 1, 2, 4 or 8
 *   bytes or as doubles, at any offset and any stride up to 64 bytes (any
 *   array of check-in records).
 * The journeys make, use, save, restore and free sessions, results and
 * plans; none of the secrets may ever be found.
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

#define NAME        "Zyxwvu Privatename"
#define PARTNER     "Qponml Hiddenpartner"
#define CHOICE      1234.56789012345 /* a choice value with no zero byte */
#define CHOICE_TEXT "1234.56789012345"
#define NUMBER      987654321.0 /* a number answer */
#define NUMBER_TEXT "987654321"

static const char PACK[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"privacy\",\"version\":\"1.0.0\",\"locale\":\"en\","
    "\"instruments\":[{\"id\":\"private\",\"title\":\"T\",\"intro\":\"I\","
    "\"scale\":{\"min\":0,\"max\":4,\"labels\":[\"a\",\"b\",\"c\",\"d\",\"e\"]},"
    "\"items\":[{\"id\":\"feel\",\"text\":\"F\"},"
    "{\"id\":\"count\",\"type\":\"number\",\"text\":\"N\",\"min\":0,\"max\":999999999,\"weight\":0}"
    ","
    "{\"id\":\"pick\",\"type\":\"choice\",\"text\":\"C\",\"weight\":0,\"options\":["
    "{\"value\":1,\"label\":\"one\"},{\"value\":" CHOICE_TEXT ",\"label\":\"odd\"}]}],"
    "\"scoring\":{\"method\":\"sum\",\"min_answered\":1},"
    "\"bands\":[{\"id\":\"lo\",\"max\":2,\"label\":\"L\",\"summary\":\"S\"},"
    "{\"id\":\"hi\",\"max\":4,\"label\":\"H\",\"summary\":\"S\"}]}]}";

static lgt_alloc a;
static lg_catalog *cat;
static size_t restore_hits;
static char choice_bytes[9], number_bytes[9];

/* ---- the mood sequence detector ------------------------------------------ */

/* Moods of days 0..11, in date order; no value repeats within six, and no
 * run of six starts with 0, so zero bytes (most of any block) are skipped. */
static const int MOODS[12] = {3, 9, 1, 10, 4, 7, 8, 0, 2, 6, 5, 9};
#define RUN 6
static int scan_moods_on;
static size_t mood_hits;

static int value_at(const unsigned char *p, int width, double *out) {
  switch (width) {
  case 1:
    *out = p[0];
    return 1;
  case 2: {
    unsigned short v;
    memcpy(&v, p, 2);
    *out = v;
    return 1;
  }
  case 4: {
    int v;
    memcpy(&v, p, 4);
    *out = v;
    return 1;
  }
  case 8: {
    long long v;
    memcpy(&v, p, 8);
    *out = (double)v;
    return 1;
  }
  default: {
    double v;
    memcpy(&v, p, 8);
    *out = v;
    return 1;
  }
  }
}

static int holds_moods(const unsigned char *p, size_t n) {
  static const int widths[] = {1, 2, 4, 8, 9 /* double */};
  size_t w, stride, off, k, first;
  for (w = 0; w < 5; w++) {
    size_t size = widths[w] == 9 ? 8 : (size_t)widths[w];
    for (off = 0; off + size <= n; off++) {
      double v0;
      value_at(p + off, widths[w], &v0);
      if (!(v0 >= 0 && v0 <= 10)) continue; /* the usual case: no run starts here */
      for (first = 0; first + RUN <= 12; first++) {
        if (v0 != MOODS[first]) continue;
        for (stride = size; stride <= 64 && off + size + (RUN - 1) * stride <= n; stride++) {
          for (k = 1; k < RUN; k++) {
            double v;
            value_at(p + off + k * stride, widths[w], &v);
            if (v != MOODS[first + k]) break;
          }
          if (k == RUN) return 1;
        }
      }
    }
  }
  return 0;
}

static void *scanning_realloc(void *ud, void *ptr, size_t old_size, size_t new_size) {
  unsigned char *p;
  /* every resize of the test allocator moves the block: the old one is released */
  if (ptr && scan_moods_on && holds_moods(ptr, old_size)) mood_hits++;
  p = a.base.realloc(ud, ptr, old_size, new_size);
  /* Fresh bytes get a pattern: stale heap contents (say, the pack's own
   * option value from a parse at load time) are then never mistaken for a
   * secret the library left behind, and scans read no uninitialised bytes. */
  if (p && new_size > old_size)
    memset(p + (ptr ? old_size : 0), 0xA5, new_size - (ptr ? old_size : 0));
  return p;
}

static int setup(void **state) {
  lg_allocator wrap;
  (void)state;
  lgt_alloc_init(&a);
  wrap.realloc = scanning_realloc;
  wrap.ud = &a;
  if (lg_catalog_new(&cat, &wrap, 0) != LG_OK) return -1;
  if (lg_catalog_load(cat, PACK, sizeof PACK - 1, NULL) != LG_OK) return -1;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  lg_catalog_free(cat);
  return a.live_bytes == 0 ? 0 : -1;
}

/* Arms the scan: from now on every freed block is checked. */
static void arm(void) {
  size_t i;
  for (i = 0; i < LGT_MAX_SECRETS; i++) a.secrets[i] = NULL;
  a.secret_hits = 0;
  mood_hits = 0;
  scan_moods_on = 0;
  assert_true(lgt_secret_of_double(CHOICE, choice_bytes) >= 7);
  assert_true(lgt_secret_of_double(NUMBER, number_bytes) >= 5);
  lgt_alloc_add_secret(&a, NAME);
  lgt_alloc_add_secret(&a, PARTNER);
  lgt_alloc_add_secret(&a, CHOICE_TEXT);
  lgt_alloc_add_secret(&a, NUMBER_TEXT);
  lgt_alloc_add_secret(&a, choice_bytes);
  lgt_alloc_add_secret(&a, number_bytes);
}

static lg_session *answered_session(void) {
  lg_session *s;
  assert_int_equal(lg_session_new(&s, cat, "private", "en"), LG_OK);
  assert_int_equal(lg_session_answer(s, "feel", 3), LG_OK);
  assert_int_equal(lg_session_answer(s, "count", NUMBER), LG_OK);
  assert_int_equal(lg_session_answer(s, "pick", CHOICE), LG_OK);
  /* change answers, so old copies would have to be wiped too */
  assert_int_equal(lg_session_answer(s, "pick", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "pick", CHOICE), LG_OK);
  return s;
}

static char *saved_of(const lg_session *s) {
  size_t len = 0;
  char *buf;
  assert_int_equal(lg_session_save(s, NULL, 0, &len), LG_ETRUNC);
  buf = malloc(len + 1);
  assert_non_null(buf);
  assert_int_equal(lg_session_save(s, buf, len + 1, &len), LG_OK);
  return buf;
}

static void the_secrets_are_detectable(void **state) {
  /* the scan finds what it looks for: a block freed unwiped is caught */
  char *p;
  double d = NUMBER;
  (void)state;
  arm();
  p = a.base.realloc(a.base.ud, NULL, 0, 64);
  memset(p, 0, 64);
  memcpy(p, "..." NAME "...", sizeof NAME + 6);
  a.base.realloc(a.base.ud, p, 64, 0);
  assert_int_equal(a.secret_hits, 1);
  p = a.base.realloc(a.base.ud, NULL, 0, 64);
  memset(p, 0, 64);
  memcpy(p + 3, &d, sizeof d);
  a.base.realloc(a.base.ud, p, 64, 0);
  assert_int_equal(a.secret_hits, 2);
  /* check-in records of 12 bytes, the mood at offset 4 */
  {
    unsigned char block[12 * 12];
    int k;
    memset(block, 0xAB, sizeof block);
    for (k = 0; k < 12; k++) memcpy(block + 12 * k + 4, &MOODS[k], sizeof(int));
    assert_true(holds_moods(block, sizeof block));
    memset(block, 0, sizeof block);
    assert_false(holds_moods(block, sizeof block));
  }
}

static void a_freed_session_leaves_no_answer_behind(void **state) {
  lg_session *s, *r;
  char *saved;
  double v = 0;
  (void)state;
  arm();
  s = answered_session();
  saved = saved_of(s);
  assert_non_null(strstr(saved, NUMBER_TEXT));
  assert_non_null(strstr(saved, CHOICE_TEXT));
  assert_int_equal(lg_session_restore(&r, cat, saved, strlen(saved), NULL), LG_OK);
  assert_int_equal(lg_session_value(r, "pick", &v), LG_OK);
  assert_true(v == CHOICE);
  assert_int_equal(lg_session_clear(r, "count"), LG_OK);
  lg_session_free(r);
  lg_session_free(s);
  assert_int_equal(a.secret_hits, 0);
  free(saved);
}

static void a_freed_result_leaves_no_answer_behind(void **state) {
  lg_session *s;
  lg_result *r;
  double v = 0;
  size_t len;
  char buf[16];
  (void)state;
  arm();
  s = answered_session();
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  lg_session_free(s);
  assert_int_equal(lg_result_answer(r, "count", &v), LG_OK);
  assert_true(v == NUMBER);
  assert_int_equal(lg_result_json(r, buf, sizeof buf, &len), LG_ETRUNC);
  lg_result_free(r);
  assert_int_equal(a.secret_hits, 0);
}

static char *text_of(const lg_plan *p, int format, int save) {
  size_t len = 0;
  char *buf;
  int rc = save ? lg_plan_save(p, NULL, 0, &len) : lg_plan_export(p, format, NULL, 0, &len);
  assert_int_equal(rc, LG_ETRUNC);
  buf = malloc(len + 1);
  assert_non_null(buf);
  rc = save ? lg_plan_save(p, buf, len + 1, &len) : lg_plan_export(p, format, buf, len + 1, &len);
  assert_int_equal(rc, LG_OK);
  return buf;
}

static void a_freed_plan_leaves_no_persona_answer_or_mood_behind(void **state) {
  static const lg_date start = {2026, 3, 2};
  lg_session *s;
  lg_result *r;
  lg_plan *p, *p2;
  char *saved, *out;
  const char *done[2];
  int f, day;
  (void)state;
  arm();
  s = answered_session();
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  lg_session_free(s);
  scan_moods_on = 1;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  assert_int_equal(lg_plan_set(p, "name", NAME), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_name", PARTNER), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_pronouns", "he"), LG_OK);
  assert_int_equal(lg_plan_set(p, "region", "ES"), LG_OK);
  assert_int_equal(lg_plan_use_result(p, r), LG_OK);
  lg_result_free(r);
  assert_int_equal(lg_plan_build(p, start, 5), LG_OK);
  /* a rebuild frees the first plan's rendered texts */
  assert_int_equal(lg_plan_build(p, start, 6), LG_OK);
  for (day = 0; day < 12; day++) {
    lg_date d = start;
    d.day += day;
    done[0] =
        lg_plan_task_count(p, (size_t)day) ? lg_task_id(lg_plan_task(p, (size_t)day, 0)) : NULL;
    done[1] = NULL;
    /* first a wrong mood, then the real one replaces it */
    assert_int_equal(lg_plan_checkin(p, d, (MOODS[day] + 5) % 11, NULL), LG_OK);
    assert_int_equal(lg_plan_checkin(p, d, MOODS[day], done), LG_OK);
  }
  assert_int_equal(lg_plan_checkin_count(p), 12);
  for (f = 0; f < 3; f++) {
    out = text_of(p, f, 0);
    free(out);
  }
  saved = text_of(p, 0, 1);
  assert_non_null(strstr(saved, NAME));
  lg_plan_free(p);
  assert_int_equal(a.secret_hits, 0);
  assert_int_equal(mood_hits, 0);

  /* restoring parses the saved state, which holds all of the above */
  a.secret_hits = 0;
  assert_int_equal(lg_plan_restore(&p2, cat, saved, strlen(saved), NULL), LG_OK);
  restore_hits = a.secret_hits + mood_hits;
  assert_int_equal(lg_plan_set(p2, "name", "Someone else"), LG_OK); /* the old name goes */
  lg_plan_free(p2);
  assert_int_equal(a.secret_hits + mood_hits, restore_hits);
  free(saved);
  assert_int_equal(restore_hits, 0);
}

/* Found by this test: lg_plan_restore parses through the catalogue's
 * allocator, and the JSON reader releases its scratch (holding the parsed
 * numbers: result scores and answers, moods) unwiped (src/core/json_read.c,
 * the frees at the end of lgi_json_parse and the stack growth);
 * lg_session_restore avoids it with a wiping allocator (src/assess/state.c).
 * Until lg_plan_restore does the same, this test reports and skips. */
#define SCORE      3.14159265358979
#define SCORE_TEXT "3.14159265358979"

static void a_restored_plan_leaves_no_score_behind(void **state) {
  static const char saved[] =
      "{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":\"en\","
      "\"start\":\"2026-03-02\",\"seed\":\"6\",\"prefs\":{},\"results\":[{\"instrument\":"
      "\"one-sided\",\"band\":\"uneven\",\"score\":" SCORE_TEXT ",\"flags\":0,\"answers\":{}}],"
      "\"checkins\":[]}";
  char score_bytes[9];
  lg_plan *p = NULL;
  (void)state;
  arm();
  a.secrets[LGT_MAX_SECRETS - 1] = NULL;
  assert_true(lgt_secret_of_double(SCORE, score_bytes) >= 7);
  lgt_alloc_add_secret(&a, score_bytes);
  assert_int_equal(lg_plan_restore(&p, cat, saved, sizeof saved - 1, NULL), LG_OK);
  lg_plan_free(p);
  /* Regression: restore used to parse through the plain allocator, and the
   * JSON reader's scratch went back holding the score's bytes. */
  assert_int_equal(a.secret_hits, 0);
}

static void rendering_leaves_no_persona_behind(void **state) {
  static const char *const vars[] = {"name", NAME, "partner_name", PARTNER, NULL};
  char buf[256];
  size_t len;
  (void)state;
  arm();
  assert_int_equal(
      lg_render(cat, "{name}, {partner} {they_were} there.", "en", vars, buf, sizeof buf, &len),
      LG_OK);
  assert_non_null(strstr(buf, PARTNER));
  assert_int_equal(a.secret_hits, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_secrets_are_detectable),
      cmocka_unit_test(a_freed_session_leaves_no_answer_behind),
      cmocka_unit_test(a_freed_result_leaves_no_answer_behind),
      cmocka_unit_test(a_freed_plan_leaves_no_persona_answer_or_mood_behind),
      cmocka_unit_test(a_restored_plan_leaves_no_score_behind),
      cmocka_unit_test(rendering_leaves_no_persona_behind),
  };
  return cmocka_run_group_tests_name("privacy", tests, setup, teardown);
}
