/*
 * test_session.c - sessions through the public API: items of every type,
 * answer checks, skip logic, progress, save and restore (and every way a
 * saved state can be tampered with), allocation failures, the
 * zero-allocation property and the wipe.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <letgo/assess.h>
#include <letgo/catalog.h>

#include "test_alloc.h"

#define PACK LETGO_TEST_DATA "/instruments/test.en.json"
/* The fingerprint of "kinds": the same on every platform. */
#define KINDS_FP "105ff436250d8179"

static lgt_alloc ta;
static lg_catalog *cat;

static lg_catalog *load_pack(const lg_allocator *alloc) {
  lg_catalog *c = NULL;
  lg_error err;
  size_t len;
  char *json = lgt_read_file(PACK, &len);
  int rc;
  assert_non_null(json);
  rc = lg_catalog_new(&c, alloc, LG_CATALOG_EMPTY);
  if (rc != LG_OK) {
    free(json);
    return NULL;
  }
  rc = lg_catalog_load(c, json, len, &err);
  free(json);
  if (rc != LG_OK) {
    if (rc != LG_ENOMEM) fail_msg("test pack: %s", err.message);
    lg_catalog_free(c);
    return NULL;
  }
  return c;
}

static int setup(void **state) {
  (void)state;
  lgt_alloc_init(&ta);
  cat = load_pack(&ta.base);
  return cat ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  lg_catalog_free(cat);
  assert_int_equal(ta.live_bytes, 0);
  return 0;
}

static lg_session *start(const char *id) {
  lg_session *s = NULL;
  assert_int_equal(lg_session_new(&s, cat, id, "en"), LG_OK);
  return s;
}

/* ---- creating a session ----------------------------------------------------- */

static void new_checks_arguments(void **state) {
  lg_session *s = (lg_session *)1;
  (void)state;
  assert_int_equal(lg_session_new(NULL, cat, "kinds", "en"), LG_EINVAL);
  assert_int_equal(lg_session_new(&s, NULL, "kinds", "en"), LG_EINVAL);
  assert_int_equal(lg_session_new(&s, cat, NULL, "en"), LG_EINVAL);
  assert_int_equal(lg_session_new(&s, cat, "nope", "en"), LG_ENOTFOUND);
  assert_ptr_equal(s, (lg_session *)1);
  lg_session_free(NULL);
  assert_null(lg_session_next(NULL));
}

static void new_renders_texts_for_the_locale(void **state) {
  lg_session *s = NULL;
  (void)state;
  assert_int_equal(lg_session_new(&s, cat, "kinds", "en-GB"), LG_OK);
  assert_string_equal(lg_session_instrument(s), "kinds");
  assert_string_equal(lg_session_locale(s), "en");
  assert_string_equal(lg_session_title(s), "All kinds");
  assert_string_equal(lg_session_intro(s), "About your partner.");
  assert_int_equal(lg_session_item_count(s), 8);
  assert_string_equal(lg_item_text(lg_session_item(s, "s1")), "Does your partner listen?");
  assert_string_equal(lg_item_text(lg_session_item(s, "s2")), "You feel heard.");
  assert_string_equal(lg_item_option_label(lg_session_item(s, "ch"), 2), "All of them");
  assert_null(lg_session_item(s, "nope"));
  assert_null(lg_session_item_at(s, 8));
  assert_string_equal(lg_item_id(lg_session_item_at(s, 7)), "safe");
  lg_session_free(s);
}

static void items_describe_every_type(void **state) {
  lg_session *s = start("kinds");
  const lg_item *it;
  (void)state;
  it = lg_session_item(s, "s2");
  assert_int_equal(lg_item_type(it), LG_ITEM_SCALE);
  assert_true(lg_item_min(it) == 0 && lg_item_max(it) == 4);
  assert_int_equal(lg_item_option_count(it), 5);
  assert_string_equal(lg_item_option_label(it, 0), "Never");
  assert_string_equal(lg_item_option_label(it, 4), "Always");
  assert_true(lg_item_option_value(it, 3) == 3);
  assert_null(lg_item_option_label(it, 5));
  assert_int_equal(lg_item_required(it), 1);

  it = lg_session_item(s, "yn");
  assert_int_equal(lg_item_type(it), LG_ITEM_YESNO);
  assert_int_equal(lg_item_option_count(it), 2);
  assert_string_equal(lg_item_option_label(it, 0), "No");
  assert_string_equal(lg_item_option_label(it, 1), "Yes");
  assert_true(lg_item_option_value(it, 1) == 1);

  it = lg_session_item(s, "ch");
  assert_int_equal(lg_item_type(it), LG_ITEM_CHOICE);
  assert_int_equal(lg_item_option_count(it), 3);
  assert_string_equal(lg_item_option_label(it, 1), "Half");
  assert_true(lg_item_option_value(it, 1) == 2.5);
  assert_true(lg_item_min(it) == 0 && lg_item_max(it) == 5);

  it = lg_session_item(s, "num");
  assert_int_equal(lg_item_type(it), LG_ITEM_NUMBER);
  assert_int_equal(lg_item_option_count(it), 0);
  assert_null(lg_item_option_label(it, 0));
  assert_true(lg_item_min(it) == 0 && lg_item_max(it) == 10);

  assert_int_equal(lg_item_required(lg_session_item(s, "opt")), 0);
  assert_int_equal(lg_item_type(NULL), -1);
  assert_null(lg_item_id(NULL));
  assert_null(lg_item_text(NULL));
  assert_int_equal(lg_item_option_count(NULL), 0);
  lg_session_free(s);
}

/* ---- answering -------------------------------------------------------------- */

static void answer_rejects_bad_values_and_changes_nothing(void **state) {
  lg_session *s = start("kinds");
  double v = -1;
  (void)state;
  assert_int_equal(lg_session_answer(s, "s1", 3), LG_OK);
  assert_int_equal(lg_session_answer(s, "s1", 5), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "s1", -1), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "s1", 2.5), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "s1", NAN), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "s1", INFINITY), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "s1", -INFINITY), LG_ERANGE);
  assert_int_equal(lg_session_value(s, "s1", &v), LG_OK);
  assert_true(v == 3);
  assert_int_equal(lg_session_answer(s, "yn", 2), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "yn", 0.5), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "ch", 1), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "ch", 2.5), LG_OK);
  assert_int_equal(lg_session_answer(s, "num", 10.5), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "num", 11), LG_ERANGE);
  assert_int_equal(lg_session_answer(s, "num", 10), LG_OK);
  assert_int_equal(lg_session_answer(s, "nope", 1), LG_ENOTFOUND);
  assert_int_equal(lg_session_answer(NULL, "s1", 1), LG_EINVAL);
  assert_int_equal(lg_session_answer(s, NULL, 1), LG_EINVAL);
  assert_int_equal(lg_session_value(s, "yn", &v), LG_ENOTFOUND);
  assert_int_equal(lg_session_value(s, "nope", &v), LG_ENOTFOUND);
  assert_int_equal(lg_session_value(s, "s1", NULL), LG_EINVAL);
  lg_session_free(s);
}

static void clear_removes_an_answer(void **state) {
  lg_session *s = start("kinds");
  double v;
  (void)state;
  assert_int_equal(lg_session_answer(s, "s1", 4), LG_OK);
  assert_int_equal(lg_session_clear(s, "s1"), LG_OK);
  assert_int_equal(lg_session_value(s, "s1", &v), LG_ENOTFOUND);
  assert_int_equal(lg_session_clear(s, "s1"), LG_OK);
  assert_int_equal(lg_session_clear(s, "nope"), LG_ENOTFOUND);
  assert_int_equal(lg_session_clear(NULL, "s1"), LG_EINVAL);
  assert_string_equal(lg_item_id(lg_session_next(s)), "s1");
  lg_session_free(s);
}

static void next_walks_in_order_and_follows_enable_when(void **state) {
  lg_session *s = start("kinds");
  size_t answered = 9, total = 9;
  double v;
  (void)state;
  assert_string_equal(lg_item_id(lg_session_next(s)), "s1");
  assert_int_equal(lg_session_progress(s, &answered, &total), LG_OK);
  assert_int_equal(answered, 0);
  assert_int_equal(total, 7); /* "gated" waits for "ch" */
  assert_int_equal(lg_session_enabled(s, "gated"), 0);
  assert_int_equal(lg_session_answer(s, "gated", 1), LG_ESTATE);
  assert_int_equal(lg_session_answer(s, "s1", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "s2", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "yn", 1), LG_OK);
  assert_string_equal(lg_item_id(lg_session_next(s)), "ch");
  assert_int_equal(lg_session_answer(s, "ch", 0), LG_OK);
  assert_int_equal(lg_session_answer(s, "num", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "opt", 1), LG_OK);
  assert_string_equal(lg_item_id(lg_session_next(s)), "safe");
  /* A high choice enables "gated". */
  assert_int_equal(lg_session_answer(s, "ch", 5), LG_OK);
  assert_int_equal(lg_session_enabled(s, "gated"), 1);
  assert_string_equal(lg_item_id(lg_session_next(s)), "gated");
  assert_int_equal(lg_session_answer(s, "gated", 3), LG_OK);
  assert_int_equal(lg_session_answer(s, "safe", 0), LG_OK);
  assert_null(lg_session_next(s));
  assert_int_equal(lg_session_progress(s, &answered, &total), LG_OK);
  assert_int_equal(answered, 8);
  assert_int_equal(total, 8);
  /* Switching it off keeps the answer, ignored; switching back restores it. */
  assert_int_equal(lg_session_answer(s, "ch", 0), LG_OK);
  assert_int_equal(lg_session_enabled(s, "gated"), 0);
  assert_int_equal(lg_session_value(s, "gated", &v), LG_OK);
  assert_true(v == 3);
  assert_int_equal(lg_session_progress(s, &answered, &total), LG_OK);
  assert_int_equal(answered, 7);
  assert_int_equal(total, 7);
  assert_null(lg_session_next(s));
  assert_int_equal(lg_session_answer(s, "ch", 2.5), LG_OK);
  assert_int_equal(lg_session_enabled(s, "gated"), 1);
  assert_null(lg_session_next(s));
  assert_int_equal(lg_session_progress(NULL, &answered, &total), LG_EINVAL);
  assert_int_equal(lg_session_enabled(s, "nope"), LG_ENOTFOUND);
  lg_session_free(s);
}

static void flags_show_a_crisis_answer_at_once(void **state) {
  lg_session *s = start("kinds");
  (void)state;
  assert_int_equal(lg_session_flags(s), 0);
  assert_int_equal(lg_session_answer(s, "safe", 1), LG_OK);
  assert_int_equal(lg_session_flags(s), LG_FLAG_CRISIS);
  assert_int_equal(lg_session_answer(s, "safe", 0), LG_OK);
  assert_int_equal(lg_session_flags(s), 0);
  assert_int_equal(lg_session_flags(NULL), 0);
  lg_session_free(s);
}

/* ---- allocation ------------------------------------------------------------- */

static void answering_and_scoring_allocate_only_the_result(void **state) {
  lg_session *s = start("kinds");
  lg_result *r = NULL;
  size_t before, blocks;
  (void)state;
  before = ta.allocs;
  blocks = ta.live_blocks;
  assert_int_equal(lg_session_answer(s, "s1", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "s2", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "yn", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "ch", 5), LG_OK);
  assert_int_equal(lg_session_answer(s, "num", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "gated", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "safe", 0), LG_OK);
  assert_int_equal(lg_session_clear(s, "num"), LG_OK);
  assert_int_equal(lg_session_answer(s, "num", 2), LG_OK);
  assert_non_null(lg_session_next(s)); /* "opt" is still open */
  assert_int_equal(ta.allocs, before);
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  assert_int_equal(ta.allocs, before + 1);
  assert_int_equal(ta.live_blocks, blocks + 1);
  lg_result_free(r);
  lg_session_free(s);
}

static int journey_new(lgt_alloc *t, void *ctx) {
  lg_catalog *c;
  lg_session *s = NULL;
  lg_result *r = NULL;
  size_t before;
  int rc;
  (void)ctx;
  /* The catalogue is loaded with failures off: this journey is about sessions. */
  before = t->fail_at;
  t->fail_at = 0;
  c = load_pack(&t->base);
  assert_non_null(c);
  t->fail_at = before ? t->allocs + before : 0;
  rc = lg_session_new(&s, c, "kinds", "en");
  if (rc == LG_OK) {
    assert_int_equal(lg_session_answer(s, "s1", 1), LG_OK);
    assert_int_equal(lg_session_answer(s, "s2", 1), LG_OK);
    assert_int_equal(lg_session_answer(s, "yn", 1), LG_OK);
    rc = lg_session_score(s, &r);
    if (rc == LG_OK) {
      assert_string_equal(lg_result_band(r), "low");
      lg_result_free(r);
    }
    lg_session_free(s);
  } else {
    assert_null(s);
  }
  lg_catalog_free(c);
  return rc;
}

static void new_and_score_survive_every_allocation_failure(void **state) {
  (void)state;
  assert_int_equal(lgt_alloc_every_failure(journey_new, NULL), 2);
}

/* ---- the wipe --------------------------------------------------------------- */

/*
 * Answers are doubles, which the string scanner of the test allocator
 * cannot look for: this allocator wraps it and scans every freed block for
 * the bytes of the distinctive answers.
 */
typedef struct scanner {
  lg_allocator base;
  lgt_alloc *inner;
  double needles[2];
  size_t hits;
  size_t freed;
} scanner;

static void *scanning_realloc(void *ud, void *ptr, size_t old_size, size_t new_size) {
  scanner *sc = ud;
  size_t i, k;
  void *p;
  if (ptr && new_size < old_size) {
    const unsigned char *b = ptr;
    sc->freed++;
    for (k = 0; k < 2; k++)
      for (i = 0; i + sizeof(double) <= old_size; i++)
        if (memcmp(b + i, &sc->needles[k], sizeof(double)) == 0) sc->hits++;
  }
  p = sc->inner->base.realloc(sc->inner->base.ud, ptr, old_size, new_size);
  /* Fresh bytes get a pattern, so the scan never reads uninitialised memory. */
  if (p && new_size > old_size) memset((unsigned char *)p + old_size, 0xA5, new_size - old_size);
  return p;
}

static void freeing_wipes_answers_from_sessions_results_and_states(void **state) {
  lgt_alloc inner;
  scanner sc;
  lg_catalog *c;
  lg_session *s = NULL, *s2 = NULL;
  lg_result *r = NULL;
  char buf[512];
  size_t len;
  (void)state;
  lgt_alloc_init(&inner);
  sc.inner = &inner;
  sc.base.realloc = scanning_realloc;
  sc.base.ud = &sc;
  sc.needles[0] = 12345.678901;
  sc.needles[1] = 987654;
  sc.hits = sc.freed = 0;
  c = load_pack(&sc.base);
  assert_non_null(c);
  sc.hits = sc.freed = 0; /* the pack's own parse tree held the option value */
  assert_int_equal(lg_session_new(&s, c, "secret", "en"), LG_OK);
  assert_int_equal(lg_session_answer(s, "pick", 12345.678901), LG_OK);
  assert_int_equal(lg_session_answer(s, "count", 987654), LG_OK);
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  assert_int_equal(lg_session_save(s, buf, sizeof buf, &len), LG_OK);
  assert_int_equal(lg_session_restore(&s2, c, buf, len, NULL), LG_OK);
  {
    double v = 0;
    assert_int_equal(lg_result_answer(r, "pick", &v), LG_OK);
    assert_true(v == 12345.678901);
    assert_int_equal(lg_session_value(s2, "count", &v), LG_OK);
    assert_true(v == 987654);
  }
  lg_session_free(s);
  lg_session_free(s2);
  lg_result_free(r);
  /* The catalogue's own blocks hold the option value 12345.678901 itself, so
   * it is freed (and counted) separately. */
  assert_int_equal(sc.hits, 0);
  assert_true(sc.freed >= 5); /* two sessions, a result, the restore's parse arena */
  lg_catalog_free(c);
  assert_int_equal(inner.live_bytes, 0);
}

/* ---- save and restore ------------------------------------------------------- */

static void save_writes_the_documented_state(void **state) {
  lg_session *s = start("kinds");
  char buf[512];
  size_t len = 0;
  (void)state;
  assert_int_equal(lg_session_answer(s, "s1", 3), LG_OK);
  assert_int_equal(lg_session_answer(s, "ch", 2.5), LG_OK);
  assert_int_equal(lg_session_answer(s, "gated", 4), LG_OK);
  assert_int_equal(lg_session_answer(s, "ch", 0), LG_OK); /* gated is off; its answer is kept */
  assert_int_equal(lg_session_save(s, buf, sizeof buf, &len), LG_OK);
  assert_string_equal(buf, "{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\","
                           "\"fingerprint\":\"" KINDS_FP "\",\"pack_version\":\"2.1.0\","
                           "\"answers\":{\"s1\":3,\"ch\":0,\"gated\":4}}");
  assert_int_equal(len, strlen(buf));
  assert_int_equal(lg_session_save(s, NULL, 0, &len), LG_ETRUNC);
  assert_int_equal(len, strlen(buf));
  assert_int_equal(lg_session_save(s, buf, 10, &len), LG_ETRUNC);
  assert_string_equal(buf, "{\"format\"");
  assert_int_equal(lg_session_save(NULL, buf, sizeof buf, &len), LG_EINVAL);
  assert_int_equal(lg_session_save(s, buf, sizeof buf, NULL), LG_EINVAL);
  lg_session_free(s);
}

static void restore_round_trips_every_answer(void **state) {
  lg_session *s = start("kinds"), *back = NULL;
  char a[512], b[512];
  size_t la, lb;
  double v;
  (void)state;
  assert_int_equal(lg_session_answer(s, "s1", 3), LG_OK);
  assert_int_equal(lg_session_answer(s, "yn", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "ch", 2.5), LG_OK);
  assert_int_equal(lg_session_answer(s, "num", 10), LG_OK);
  assert_int_equal(lg_session_answer(s, "gated", 2), LG_OK);
  assert_int_equal(lg_session_save(s, a, sizeof a, &la), LG_OK);
  assert_int_equal(lg_session_restore(&back, cat, a, la, NULL), LG_OK);
  assert_int_equal(lg_session_save(back, b, sizeof b, &lb), LG_OK);
  assert_string_equal(a, b);
  assert_int_equal(lg_session_value(back, "ch", &v), LG_OK);
  assert_true(v == 2.5);
  assert_string_equal(lg_item_id(lg_session_next(back)), "s2");
  lg_session_free(back);
  lg_session_free(s);
}

typedef struct tamper {
  const char *state;
  int status;
  const char *path;
  const char *message;
} tamper;

static void restore_rejects_tampered_states(void **state) {
  char fp[17], good[512], text[700];
  lg_session *s = start("kinds"), *back;
  size_t len, i;
  const char *p;
  /* %s: the real fingerprint. */
  static const tamper cases[] = {
      {"[]", LG_ESCHEMA, "", "a saved session is a JSON object"},
      {"{}", LG_ESCHEMA, "", "a saved session needs \"format\""},
      {"{\"format\":\"letgo-session/2\"}", LG_EVERSION, "/format",
       "/format: unsupported format \"letgo-session/2\"; this library reads letgo-session/1"},
      {"{\"format\":\"letgo-plan/1\"}", LG_ESCHEMA, "/format",
       "/format: \"letgo-plan/1\" is not a saved session format"},
      {"{\"format\":7}", LG_ESCHEMA, "/format", "/format: must be a string"},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":{},\"extra\":1}",
       LG_ESCHEMA, "/extra", "/extra: unknown key \"extra\""},
      {"{\"format\":\"letgo-session/1\",\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\","
       "\"fingerprint\":\"%s\",\"pack_version\":\"2.1.0\",\"answers\":{}}",
       LG_ESCHEMA, "/format", "/format: duplicate key \"format\""},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"gone\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":{}}",
       LG_ESCHEMA, "/instrument", "/instrument: the catalogue has no instrument \"gone\""},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"0123456789abcdef\","
       "\"pack_version\":\"2.1.0\",\"answers\":{}}",
       LG_ESCHEMA, "/fingerprint", "/fingerprint: the instrument \"kinds\" has changed since this session was saved"},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"answers\":{}}",
       LG_ESCHEMA, "", "a saved session needs \"pack_version\""},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\"}",
       LG_ESCHEMA, "", "a saved session needs \"answers\""},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":[]}",
       LG_ESCHEMA, "/answers", "/answers: must be an object"},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":{\"zz\":1}}",
       LG_ESCHEMA, "/answers/zz", "/answers/zz: the instrument has no item \"zz\""},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":{\"s1\":5}}",
       LG_ESCHEMA, "/answers/s1", "/answers/s1: 5 is not an answer this item accepts"},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":{\"ch\":1}}",
       LG_ESCHEMA, "/answers/ch", "/answers/ch: 1 is not an answer this item accepts"},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":{\"s1\":1e999}}",
       LG_ESCHEMA, "/answers/s1", "/answers/s1: the answer is out of range"},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":{\"s1\":\"3\"}}",
       LG_ESCHEMA, "/answers/s1", "/answers/s1: an answer must be a number"},
      {"{\"format\":\"letgo-session/1\",\"instrument\":\"kinds\",\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":{\"s1\":1,\"s1\":4}}",
       LG_ESCHEMA, "/answers/s1", "/answers/s1: the item is answered twice"},
      {"{\"format\":\"letgo-session/1\",\"instrument\":5,\"locale\":\"en\",\"fingerprint\":\"%s\","
       "\"pack_version\":\"2.1.0\",\"answers\":{}}",
       LG_ESCHEMA, "/instrument", "/instrument: must be a string"},
  };
  (void)state;
  assert_int_equal(lg_session_save(s, good, sizeof good, &len), LG_OK);
  p = strstr(good, "\"fingerprint\":\"");
  assert_non_null(p);
  memcpy(fp, p + 15, 16);
  fp[16] = '\0';
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    lg_error err;
    int rc;
    snprintf(text, sizeof text, cases[i].state, fp);
    back = (lg_session *)1;
    memset(&err, 0, sizeof err);
    rc = lg_session_restore(&back, cat, text, strlen(text), &err);
    if (rc != cases[i].status || strcmp(err.path, cases[i].path) != 0 ||
        strcmp(err.message, cases[i].message) != 0)
      fail_msg("case %zu: status %d path '%s' message '%s'", i, rc, err.path, err.message);
    assert_int_equal(err.status, cases[i].status);
    assert_ptr_equal(back, (lg_session *)1);
  }
  lg_session_free(s);
}

static void restore_reports_syntax_errors_with_their_position(void **state) {
  lg_session *back = NULL;
  lg_error err;
  (void)state;
  assert_int_equal(lg_session_restore(&back, cat, "{\n  \"format\": }", 15, &err), LG_ESYNTAX);
  assert_int_equal(err.line, 2);
  assert_int_equal(lg_session_restore(&back, cat, "", 0, &err), LG_ESYNTAX);
  assert_int_equal(lg_session_restore(NULL, cat, "{}", 2, &err), LG_EINVAL);
  assert_int_equal(lg_session_restore(&back, NULL, "{}", 2, &err), LG_EINVAL);
  assert_int_equal(lg_session_restore(&back, cat, NULL, 2, NULL), LG_EINVAL);
  assert_null(back);
}

static void restore_points_at_the_line_of_a_bad_answer(void **state) {
  char good[512], text[600];
  lg_session *s = start("kinds"), *back = NULL;
  lg_error err;
  size_t len;
  const char *p;
  (void)state;
  assert_int_equal(lg_session_save(s, good, sizeof good, &len), LG_OK);
  p = strstr(good, "\"answers\"");
  snprintf(text, sizeof text, "%.*s\"answers\": {\n\"s1\": 1,\n  \"s2\": 9}}", (int)(p - good), good);
  assert_int_equal(lg_session_restore(&back, cat, text, strlen(text), &err), LG_ESCHEMA);
  assert_int_equal(err.line, 3);
  assert_int_equal(err.column, 9);
  assert_string_equal(err.path, "/answers/s2");
  lg_session_free(s);
}

static int journey_restore(lgt_alloc *t, void *ctx) {
  const char *state = ctx;
  lg_catalog *c;
  lg_session *s = NULL;
  size_t before = t->fail_at;
  int rc;
  t->fail_at = 0;
  c = load_pack(&t->base);
  assert_non_null(c);
  t->fail_at = before ? t->allocs + before : 0;
  rc = lg_session_restore(&s, c, state, strlen(state), NULL);
  if (rc == LG_OK) {
    double v;
    assert_int_equal(lg_session_value(s, "num", &v), LG_OK);
    assert_true(v == 7);
    lg_session_free(s);
  }
  lg_catalog_free(c);
  return rc;
}

static void restore_survives_every_allocation_failure(void **state) {
  lg_session *s = start("kinds");
  char buf[512];
  size_t len, points;
  (void)state;
  assert_int_equal(lg_session_answer(s, "num", 7), LG_OK);
  assert_int_equal(lg_session_save(s, buf, sizeof buf, &len), LG_OK);
  points = lgt_alloc_every_failure(journey_restore, buf);
  assert_true(points >= 2);
  lg_session_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(new_checks_arguments),
      cmocka_unit_test(new_renders_texts_for_the_locale),
      cmocka_unit_test(items_describe_every_type),
      cmocka_unit_test(answer_rejects_bad_values_and_changes_nothing),
      cmocka_unit_test(clear_removes_an_answer),
      cmocka_unit_test(next_walks_in_order_and_follows_enable_when),
      cmocka_unit_test(flags_show_a_crisis_answer_at_once),
      cmocka_unit_test(answering_and_scoring_allocate_only_the_result),
      cmocka_unit_test(new_and_score_survive_every_allocation_failure),
      cmocka_unit_test(freeing_wipes_answers_from_sessions_results_and_states),
      cmocka_unit_test(save_writes_the_documented_state),
      cmocka_unit_test(restore_round_trips_every_answer),
      cmocka_unit_test(restore_rejects_tampered_states),
      cmocka_unit_test(restore_reports_syntax_errors_with_their_position),
      cmocka_unit_test(restore_points_at_the_line_of_a_bad_answer),
      cmocka_unit_test(restore_survives_every_allocation_failure),
  };
  return cmocka_run_group_tests_name("session", tests, setup, teardown);
}
