/*
 * test_result.c - scoring through the public API: sums with weights and
 * reverse-scoring, means, proration, bands at each boundary, subscales,
 * feedback entries, the crisis flag, the result JSON, and the built-in
 * instruments.
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

static lgt_alloc ta;
static lg_catalog *cat;

static int setup(void **state) {
  lg_error err;
  size_t len;
  char *json = lgt_read_file(PACK, &len);
  int rc;
  (void)state;
  if (!json) return -1;
  lgt_alloc_init(&ta);
  if (lg_catalog_new(&cat, &ta.base, LG_CATALOG_EMPTY) != LG_OK) return -1;
  rc = lg_catalog_load(cat, json, len, &err);
  free(json);
  if (rc != LG_OK) fprintf(stderr, "test pack: %s\n", err.message);
  return rc == LG_OK ? 0 : -1;
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

static void answer(lg_session *s, const char *id, double v) {
  int rc = lg_session_answer(s, id, v);
  if (rc != LG_OK) fail_msg("answer %s = %g: %d", id, v, rc);
}

static lg_result *score(const lg_session *s) {
  lg_result *r = NULL;
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  return r;
}

/* Answers "nine" so the answers add up to `total`, four points at a time. */
static lg_result *nine_with(double total) {
  static const char *const ids[] = {"i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9"};
  lg_session *s = start("nine");
  lg_result *r;
  size_t i;
  for (i = 0; i < 9; i++) {
    double v = total > 4 ? 4 : total;
    answer(s, ids[i], v);
    total -= v;
  }
  r = score(s);
  lg_session_free(s);
  return r;
}

/* ---- sums ------------------------------------------------------------------- */

static lg_session *kinds_full(void) {
  lg_session *s = start("kinds");
  answer(s, "s1", 3);
  answer(s, "s2", 1); /* reverse: counts 3 */
  answer(s, "yn", 1);
  answer(s, "ch", 5);
  answer(s, "num", 7); /* weight 2: counts 14 */
  answer(s, "opt", 2);
  answer(s, "gated", 4);
  answer(s, "safe", 0);
  return s;
}

static void score_sums_weighted_reverse_scored_answers(void **state) {
  lg_session *s = kinds_full();
  lg_result *r = score(s);
  double v;
  (void)state;
  assert_true(lg_result_score(r) == 32);
  assert_string_equal(lg_result_band(r), "high");
  assert_string_equal(lg_result_band_label(r), "High");
  assert_string_equal(lg_result_band_summary(r), "A high score.");
  assert_int_equal(lg_result_flags(r), 0);
  assert_string_equal(lg_result_instrument(r), "kinds");
  assert_string_equal(lg_result_locale(r), "en");
  assert_string_equal(lg_result_pack_version(r), "2.1.0");
  assert_int_equal(lg_result_subscale_count(r), 2);
  assert_string_equal(lg_result_subscale_id(r, 0), "a");
  assert_true(lg_result_subscale_score(r, 0) == 6);
  assert_string_equal(lg_result_subscale_id(r, 1), "b");
  assert_true(lg_result_subscale_score(r, 1) == 15);
  assert_null(lg_result_subscale_id(r, 2));
  assert_true(isnan(lg_result_subscale_score(r, 2)));
  assert_int_equal(lg_result_answer(r, "num", &v), LG_OK);
  assert_true(v == 7);
  assert_int_equal(lg_result_answer(r, "nope", &v), LG_ENOTFOUND);
  lg_result_free(r);
  /* A disabled item's kept answer does not count. */
  answer(s, "ch", 0);
  r = score(s);
  assert_true(lg_result_score(r) == 23);
  assert_string_equal(lg_result_band(r), "mid");
  assert_int_equal(lg_result_answer(r, "gated", &v), LG_ENOTFOUND);
  lg_result_free(r);
  lg_session_free(s);
}

static void score_lists_feedback_of_items_in_their_upper_half(void **state) {
  lg_session *s = kinds_full();
  lg_result *r = score(s);
  (void)state;
  assert_int_equal(lg_result_feedback_count(r), 5);
  assert_string_equal(lg_result_feedback(r, 0), "tip.s1");
  assert_string_equal(lg_result_feedback(r, 1), "tip.s2");
  assert_string_equal(lg_result_feedback(r, 2), "tip.yn");
  assert_string_equal(lg_result_feedback(r, 3), "tip.ch");
  assert_string_equal(lg_result_feedback(r, 4), "tip.num");
  assert_null(lg_result_feedback(r, 5));
  lg_result_free(r);
  /* The middle of a range is not its upper half; reverse items turn around. */
  answer(s, "s1", 2);
  answer(s, "s2", 3); /* counts 1 */
  answer(s, "yn", 0);
  answer(s, "ch", 2.5);
  answer(s, "num", 6);
  r = score(s);
  assert_int_equal(lg_result_feedback_count(r), 1);
  assert_string_equal(lg_result_feedback(r, 0), "tip.num");
  lg_result_free(r);
  lg_session_free(s);
}

static void score_needs_required_items_or_min_answered(void **state) {
  lg_session *s = start("kinds");
  lg_result *r = (lg_result *)1;
  (void)state;
  assert_int_equal(lg_session_score(s, &r), LG_ESTATE);
  answer(s, "s1", 4);
  answer(s, "s2", 0); /* counts 4 */
  assert_int_equal(lg_session_score(s, &r), LG_ESTATE);
  assert_ptr_equal(r, (lg_result *)1);
  answer(s, "yn", 1);
  /* 3 answered (weights 3) of s1, s2, yn, ch, num (weights 6): 9 * 6 / 3. */
  r = score(s);
  assert_true(lg_result_score(r) == 18);
  assert_int_equal(lg_result_flags(r), LG_FLAG_PRORATED);
  assert_string_equal(lg_result_band(r), "mid");
  lg_result_free(r);
  assert_int_equal(lg_session_score(NULL, &r), LG_EINVAL);
  assert_int_equal(lg_session_score(s, NULL), LG_EINVAL);
  lg_session_free(s);
}

static void proration_rounds_to_two_decimals(void **state) {
  static const char *const ids[] = {"i1", "i2", "i3", "i4", "i5", "i6", "i7"};
  static const double answers[] = {4, 4, 4, 4, 4, 4, 3};
  lg_session *s = start("nine");
  lg_result *r;
  size_t i;
  char json[1024];
  size_t len;
  (void)state;
  for (i = 0; i < 6; i++) answer(s, ids[i], answers[i]);
  assert_int_equal(lg_session_score(s, &r), LG_ESTATE);
  answer(s, ids[6], answers[6]);
  r = score(s); /* 27 * 9 / 7 = 34.714... */
  assert_true(lg_result_score(r) == 34.71);
  assert_int_equal(lg_result_flags(r), LG_FLAG_PRORATED);
  assert_string_equal(lg_result_band(r), "one-sided");
  assert_true(lg_result_subscale_score(r, 0) == 12);
  assert_true(lg_result_subscale_score(r, 1) == 12);
  assert_true(lg_result_subscale_score(r, 2) == 9); /* 3 * 3 / 1 */
  assert_int_equal(lg_result_json(r, json, sizeof json, &len), LG_OK);
  assert_non_null(strstr(json, "\"score\":34.71,"));
  assert_non_null(strstr(json, "\"subscales\":{\"x\":12,\"y\":12,\"z\":9},\"flags\":[\"prorated\"]"));
  lg_result_free(r);
  assert_int_equal(lg_session_clear(s, "i7"), LG_OK);
  answer(s, "i8", 1);
  r = score(s); /* 25 * 9 / 7 = 32.142... */
  assert_true(lg_result_score(r) == 32.14);
  lg_result_free(r);
  lg_session_free(s);
}

static void bands_hold_their_maximum_and_start_above_the_last(void **state) {
  static const struct {
    double total;
    const char *band;
  } cases[] = {{0, "balanced"},   {9, "balanced"},   {10, "uneven"},
               {20, "uneven"},    {21, "one-sided"}, {36, "one-sided"}};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    lg_result *r = nine_with(cases[i].total);
    assert_true(lg_result_score(r) == cases[i].total);
    assert_string_equal(lg_result_band(r), cases[i].band);
    lg_result_free(r);
  }
}

/* ---- means ------------------------------------------------------------------ */

static void mean_scoring_weighs_and_rounds(void **state) {
  lg_session *s = start("avg");
  lg_result *r;
  (void)state;
  answer(s, "a", 2);
  answer(s, "b", 4); /* counts 2 */
  answer(s, "c", 3); /* weight 2 */
  r = score(s);      /* (2 + 2 + 6) / 4 */
  assert_true(lg_result_score(r) == 2.5);
  assert_string_equal(lg_result_band(r), "lower");
  assert_int_equal(lg_result_flags(r), 0);
  lg_result_free(r);
  answer(s, "b", 3);
  r = score(s); /* (2 + 3 + 6) / 4 */
  assert_true(lg_result_score(r) == 2.75);
  assert_string_equal(lg_result_band(r), "upper");
  lg_result_free(r);
  answer(s, "d", 9);
  r = score(s); /* (2 + 3 + 6 + 9) / 5 */
  assert_true(lg_result_score(r) == 4);
  lg_result_free(r);
  assert_int_equal(lg_session_clear(s, "d"), LG_OK);
  assert_int_equal(lg_session_clear(s, "b"), LG_OK);
  answer(s, "a", 1);
  answer(s, "c", 2);
  r = score(s); /* (1 + 4) / 3, b missing: prorated */
  assert_true(lg_result_score(r) == 1.67);
  assert_int_equal(lg_result_flags(r), LG_FLAG_PRORATED);
  lg_result_free(r);
  lg_session_free(s);
}

/* ---- the crisis flag -------------------------------------------------------- */

static void crisis_flag_is_set_whatever_the_other_answers(void **state) {
  lg_session *s = kinds_full();
  lg_result *r;
  (void)state;
  answer(s, "safe", 1);
  r = score(s);
  assert_int_equal(lg_result_flags(r), LG_FLAG_CRISIS);
  assert_string_equal(lg_result_band(r), "high");
  lg_result_free(r);
  lg_session_free(s);
  /* Even with too few answers to score, a crisis answer gives a result. */
  s = start("kinds");
  answer(s, "safe", 1);
  r = score(s);
  assert_int_equal(lg_result_flags(r), LG_FLAG_CRISIS | LG_FLAG_PRORATED | LG_FLAG_PARTIAL);
  assert_true(lg_result_score(r) == 0);
  assert_string_equal(lg_result_band(r), "low");
  assert_string_equal(lg_result_band_label(r), "Low for your partner");
  lg_result_free(r);
  answer(s, "safe", 0);
  assert_int_equal(lg_session_score(s, &r), LG_ESTATE);
  lg_session_free(s);
}

/* ---- JSON ------------------------------------------------------------------- */

static void json_follows_the_documented_schema(void **state) {
  lg_session *s = kinds_full();
  lg_result *r = score(s);
  char buf[1024];
  size_t len = 0;
  static const char expected[] =
      "{\"format\":\"letgo-result/1\",\"instrument\":\"kinds\",\"pack\":\"assess-test\","
      "\"pack_version\":\"2.1.0\",\"locale\":\"en\",\"score\":32,\"min\":0,\"max\":42,"
      "\"band\":{\"id\":\"high\",\"label\":\"High\",\"summary\":\"A high score.\"},"
      "\"subscales\":{\"a\":6,\"b\":15},\"flags\":[],"
      "\"feedback\":[\"tip.s1\",\"tip.s2\",\"tip.yn\",\"tip.ch\",\"tip.num\"],"
      "\"resources\":{\"*\":[\"resource.world\"],"
      "\"GB\":[\"resource.gb-us\",\"resource.world\"],"
      "\"US\":[\"resource.us\",\"resource.gb-us\",\"resource.world\"]}}";
  (void)state;
  assert_int_equal(lg_result_json(r, buf, sizeof buf, &len), LG_OK);
  assert_string_equal(buf, expected);
  assert_int_equal(len, sizeof expected - 1);
  assert_int_equal(lg_result_json(r, NULL, 0, &len), LG_ETRUNC);
  assert_int_equal(len, sizeof expected - 1);
  assert_int_equal(lg_result_json(r, buf, 12, &len), LG_ETRUNC);
  assert_string_equal(buf, "{\"format\":\"");
  assert_int_equal(lg_result_json(NULL, buf, sizeof buf, &len), LG_EINVAL);
  assert_int_equal(lg_result_json(r, buf, sizeof buf, NULL), LG_EINVAL);
  lg_result_free(r);
  lg_session_free(s);
}

static void json_for_one_region_lists_its_resources_first(void **state) {
  lg_session *s = start("kinds");
  lg_result *r;
  char buf[1024];
  size_t len;
  (void)state;
  answer(s, "safe", 1);
  r = score(s);
  assert_int_equal(lg_result_json_region(r, "us", buf, sizeof buf, &len), LG_OK);
  assert_non_null(strstr(buf, "\"flags\":[\"crisis\",\"prorated\",\"partial\"],\"feedback\":[],"
                              "\"resources\":{\"US\":[\"resource.us\",\"resource.gb-us\","
                              "\"resource.world\"]}}"));
  assert_int_equal(lg_result_json_region(r, "FR", buf, sizeof buf, &len), LG_OK);
  assert_non_null(strstr(buf, "\"resources\":{\"FR\":[\"resource.world\"]}}"));
  assert_int_equal(lg_result_json_region(r, "USA", buf, sizeof buf, &len), LG_EINVAL);
  assert_int_equal(lg_result_json_region(r, "U1", buf, sizeof buf, &len), LG_EINVAL);
  assert_int_equal(lg_result_json_region(r, NULL, buf, sizeof buf, &len), LG_EINVAL);
  lg_result_free(r);
  lg_session_free(s);
}

static void result_accessors_take_null(void **state) {
  double v;
  (void)state;
  lg_result_free(NULL);
  assert_true(lg_result_score(NULL) == 0);
  assert_null(lg_result_band(NULL));
  assert_null(lg_result_band_label(NULL));
  assert_null(lg_result_band_summary(NULL));
  assert_int_equal(lg_result_flags(NULL), 0);
  assert_int_equal(lg_result_subscale_count(NULL), 0);
  assert_int_equal(lg_result_feedback_count(NULL), 0);
  assert_int_equal(lg_result_answer(NULL, "x", &v), LG_EINVAL);
  assert_null(lg_result_instrument(NULL));
}

/* ---- the built-in instruments ----------------------------------------------- */

static lg_catalog *builtin(void) {
  lg_catalog *c = NULL;
  assert_int_equal(lg_catalog_new(&c, NULL, 0), LG_OK);
  return c;
}

static lg_session *begin(lg_catalog *c, const char *id, const char *locale) {
  lg_session *s = NULL;
  assert_int_equal(lg_session_new(&s, c, id, locale), LG_OK);
  return s;
}

static void fingerprint_of(const lg_session *s, char out[17]) {
  char buf[2048];
  size_t len;
  const char *p;
  assert_int_equal(lg_session_save(s, buf, sizeof buf, &len), LG_OK);
  p = strstr(buf, "\"fingerprint\":\"");
  assert_non_null(p);
  memcpy(out, p + 15, 16);
  out[16] = '\0';
}

static void builtin_instruments_share_structure_across_locales(void **state) {
  static const char *const ids[] = {"one-sided", "readiness", "checkin", "support"};
  lg_catalog *c = builtin();
  size_t i, k;
  (void)state;
  for (i = 0; i < 4; i++) {
    lg_session *en = begin(c, ids[i], "en"), *es = begin(c, ids[i], "es-MX");
    char fa[17], fb[17];
    assert_string_equal(lg_session_locale(es), "es");
    assert_string_not_equal(lg_session_title(en), lg_session_title(es));
    fingerprint_of(en, fa);
    fingerprint_of(es, fb);
    assert_string_equal(fa, fb);
    assert_int_equal(lg_session_item_count(en), lg_session_item_count(es));
    for (k = 0; k < lg_session_item_count(en); k++) {
      const char *t = lg_item_text(lg_session_item_at(es, k));
      assert_string_equal(lg_item_id(lg_session_item_at(en, k)), lg_item_id(lg_session_item_at(es, k)));
      assert_null(strchr(t, '{'));
    }
    lg_session_free(en);
    lg_session_free(es);
  }
  lg_catalog_free(c);
}

static void builtin_one_sided_links_each_sign(void **state) {
  static const char *const signs[] = {"sign.exhausted",      "sign.no-connection",
                                      "sign.always-apologize", "sign.no-compromise",
                                      "sign.needs-last",     "sign.no-repair",
                                      "sign.not-priority",   "sign.no-time-together",
                                      "sign.time-for-others"};
  lg_catalog *c = builtin();
  lg_session *s = begin(c, "one-sided", "en");
  const lg_item *it;
  lg_result *r;
  size_t i;
  (void)state;
  assert_int_equal(lg_session_item_count(s), 9);
  while ((it = lg_session_next(s)) != NULL) assert_int_equal(lg_session_answer(s, lg_item_id(it), 4), LG_OK);
  r = score(s);
  assert_true(lg_result_score(r) == 36);
  assert_string_equal(lg_result_band(r), "one-sided");
  assert_int_equal(lg_result_feedback_count(r), 9);
  for (i = 0; i < 9; i++) {
    assert_string_equal(lg_result_feedback(r, i), signs[i]);
    assert_non_null(lg_catalog_entry(c, signs[i], "en"));
  }
  assert_int_equal(lg_result_subscale_count(r), 3);
  assert_string_equal(lg_result_subscale_id(r, 0), "effort");
  assert_string_equal(lg_result_subscale_id(r, 1), "connection");
  assert_string_equal(lg_result_subscale_id(r, 2), "priority");
  assert_true(lg_result_subscale_score(r, 2) == 12);
  lg_result_free(r);
  for (i = 0; i < 9; i++) assert_int_equal(lg_session_answer(s, lg_item_id(lg_session_item_at(s, i)), i == 0), LG_OK);
  r = score(s);
  assert_string_equal(lg_result_band(r), "balanced");
  assert_int_equal(lg_result_feedback_count(r), 0);
  lg_result_free(r);
  lg_session_free(s);
  lg_catalog_free(c);
}

static void builtin_texts_render_for_any_partner(void **state) {
  lg_catalog *c = builtin();
  lg_session *en = begin(c, "one-sided", "en"), *es = begin(c, "one-sided", "es");
  (void)state;
  assert_string_equal(lg_item_text(lg_session_item(en, "time-for-others")),
                      "Your partner finds time for friends, work and hobbies, but seldom for you.");
  assert_string_equal(lg_item_text(lg_session_item(es, "no-connection")),
                      "Aun estando en el mismo sitio, sientes a tu pareja lejos en lugar de cerca.");
  assert_string_equal(lg_item_option_label(lg_session_item(es, "exhausted"), 4), "Siempre");
  assert_non_null(strstr(lg_session_intro(en), "not a diagnosis"));
  lg_session_free(en);
  lg_session_free(es);
  lg_catalog_free(c);
}

static void builtin_readiness_reverse_scores_hope(void **state) {
  lg_catalog *c = builtin();
  lg_session *s = begin(c, "readiness", "es");
  const lg_item *it;
  lg_result *r;
  (void)state;
  assert_int_equal(lg_session_item_count(s), 10);
  while ((it = lg_session_next(s)) != NULL) assert_int_equal(lg_session_answer(s, lg_item_id(it), 0), LG_OK);
  r = score(s); /* three reverse-scored items count 4 each */
  assert_true(lg_result_score(r) == 12);
  assert_string_equal(lg_result_band(r), "not-yet");
  lg_result_free(r);
  lg_session_free(s);
  lg_catalog_free(c);
}

static void builtin_checkin_raises_the_crisis_flag(void **state) {
  lg_catalog *c = builtin();
  lg_session *s = begin(c, "checkin", "en");
  lg_result *r;
  char buf[4096];
  size_t len;
  (void)state;
  /* Only the safety answer: a result anyway, flagged. */
  assert_int_equal(lg_session_answer(s, "safety", 1), LG_OK);
  r = score(s);
  assert_true(lg_result_flags(r) & LG_FLAG_CRISIS);
  assert_true(lg_result_flags(r) & LG_FLAG_PARTIAL);
  assert_int_equal(lg_result_json_region(r, "ES", buf, sizeof buf, &len), LG_OK);
  assert_non_null(strstr(buf, "\"resources\":{\"ES\":[\"resource.es-024\""));
  assert_non_null(strstr(buf, "\"resource.find-a-helpline\"]}}"));
  lg_result_free(r);
  /* A low mood brings the gentle follow-up. */
  assert_int_equal(lg_session_enabled(s, "low-followup"), 0);
  assert_int_equal(lg_session_answer(s, "mood", 2), LG_OK);
  assert_int_equal(lg_session_enabled(s, "low-followup"), 1);
  assert_int_equal(lg_session_answer(s, "mood", 4), LG_OK);
  assert_int_equal(lg_session_enabled(s, "low-followup"), 0);
  assert_int_equal(lg_session_answer(s, "sleep", 2), LG_OK);
  assert_int_equal(lg_session_answer(s, "reached-out", 1), LG_OK);
  assert_int_equal(lg_session_answer(s, "dwelling", 2), LG_OK);
  assert_int_equal(lg_session_answer(s, "safety", 0), LG_OK);
  r = score(s);
  assert_true(lg_result_score(r) == 9);
  assert_string_equal(lg_result_band(r), "low");
  assert_int_equal(lg_result_flags(r), 0);
  /* Help is there whatever the score. */
  assert_int_equal(lg_result_json(r, buf, sizeof buf, &len), LG_OK);
  assert_non_null(strstr(buf, "\"*\":[\"resource.find-a-helpline\"]"));
  lg_result_free(r);
  lg_session_free(s);
  lg_catalog_free(c);
}

static void builtin_support_answers_reach_the_result(void **state) {
  static const char *const interests[] = {"fitness", "skills", "creativity", "nature",
                                          "mindfulness", "social", "self-care"};
  lg_catalog *c = builtin();
  lg_session *s = begin(c, "support", "en");
  lg_result *r;
  size_t i;
  double v;
  (void)state;
  assert_int_equal(lg_session_answer(s, "people", 3), LG_OK);
  assert_int_equal(lg_session_answer(s, "style", 2), LG_OK);
  for (i = 0; i < 7; i++) assert_int_equal(lg_session_answer(s, interests[i], i % 2 == 0), LG_OK);
  r = score(s);
  assert_string_equal(lg_result_band(r), "profile");
  assert_true(lg_result_score(r) == 0);
  assert_int_equal(lg_result_answer(r, "style", &v), LG_OK);
  assert_true(v == 2);
  assert_int_equal(lg_result_answer(r, "people", &v), LG_OK);
  assert_true(v == 3);
  for (i = 0; i < 7; i++) {
    assert_int_equal(lg_result_answer(r, interests[i], &v), LG_OK);
    assert_true(v == (double)(i % 2 == 0));
  }
  lg_result_free(r);
  lg_session_free(s);
  lg_catalog_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(score_sums_weighted_reverse_scored_answers),
      cmocka_unit_test(score_lists_feedback_of_items_in_their_upper_half),
      cmocka_unit_test(score_needs_required_items_or_min_answered),
      cmocka_unit_test(proration_rounds_to_two_decimals),
      cmocka_unit_test(bands_hold_their_maximum_and_start_above_the_last),
      cmocka_unit_test(mean_scoring_weighs_and_rounds),
      cmocka_unit_test(crisis_flag_is_set_whatever_the_other_answers),
      cmocka_unit_test(json_follows_the_documented_schema),
      cmocka_unit_test(json_for_one_region_lists_its_resources_first),
      cmocka_unit_test(result_accessors_take_null),
      cmocka_unit_test(builtin_instruments_share_structure_across_locales),
      cmocka_unit_test(builtin_one_sided_links_each_sign),
      cmocka_unit_test(builtin_texts_render_for_any_partner),
      cmocka_unit_test(builtin_readiness_reverse_scores_hope),
      cmocka_unit_test(builtin_checkin_raises_the_crisis_flag),
      cmocka_unit_test(builtin_support_answers_reach_the_result),
  };
  return cmocka_run_group_tests_name("result", tests, setup, teardown);
}
