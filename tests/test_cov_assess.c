/*
 * test_cov_assess.c - the comparison operators of enable_when and flag
 * (each one gating an item, on a scale and on a choice), conditions that
 * can never hold, and the score range of a mean over optional items.
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

/* %s: the enable_when of item "x" (or an empty object member list). */
static const char pack_fmt[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"ops\",\"version\":\"1.0.0\",\"locale\":\"en\","
    "\"entries\":[{\"id\":\"label.no\",\"kind\":\"label\",\"title\":\"No\",\"body\":\"No\"},"
    "{\"id\":\"label.yes\",\"kind\":\"label\",\"title\":\"Yes\",\"body\":\"Yes\"}],"
    "\"instruments\":[{\"id\":\"ops\",\"title\":\"Operators\",\"intro\":\"Each gate.\","
    "\"scale\":{\"min\":0,\"max\":4,\"labels\":[\"0\",\"1\",\"2\",\"3\",\"4\"]},"
    "\"items\":["
    "{\"id\":\"a\",\"text\":\"A?\"},"
    "{\"id\":\"ne\",\"text\":\"Not "
    "zero.\",\"enable_when\":{\"item\":\"a\",\"op\":\"!=\",\"value\":0}},"
    "{\"id\":\"lt\",\"text\":\"Below "
    "two.\",\"enable_when\":{\"item\":\"a\",\"op\":\"<\",\"value\":2}},"
    "{\"id\":\"gt\",\"text\":\"Above "
    "three.\",\"enable_when\":{\"item\":\"a\",\"op\":\">\",\"value\":3}},"
    "{\"id\":\"le\",\"text\":\"At most "
    "one.\",\"enable_when\":{\"item\":\"a\",\"op\":\"<=\",\"value\":1}},"
    "{\"id\":\"c\",\"type\":\"choice\",\"text\":\"Pick.\",\"options\":[{\"value\":0,\"label\":"
    "\"Z\"},"
    "{\"value\":2,\"label\":\"T\"},{\"value\":4,\"label\":\"F\"}]},"
    "{\"id\":\"cne\",\"text\":\"Not "
    "two.\",\"enable_when\":{\"item\":\"c\",\"op\":\"!=\",\"value\":2}},"
    "{\"id\":\"clt\",\"text\":\"Below "
    "two.\",\"enable_when\":{\"item\":\"c\",\"op\":\"<\",\"value\":2}},"
    "{\"id\":\"x\",\"text\":\"The case.\"%s},"
    "{\"id\":\"f\",\"type\":\"yesno\",\"weight\":0,\"text\":\"Safe?\","
    "\"flag\":{\"name\":\"crisis\",\"op\":\">\",\"value\":0}}],"
    "\"scoring\":{\"method\":\"mean\"},"
    "\"bands\":[{\"id\":\"low\",\"max\":2,\"label\":\"Low\",\"summary\":\"Low.\"},"
    "{\"id\":\"high\",\"max\":4,\"label\":\"High\",\"summary\":\"High.\"}]}]}";

static lg_catalog *catalog_with(const char *x_extra, int *status, lg_error *err) {
  char json[4096];
  lg_catalog *cat = NULL;
  snprintf(json, sizeof json, pack_fmt, x_extra);
  assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
  memset(err, 0, sizeof *err);
  *status = lg_catalog_load(cat, json, strlen(json), err);
  return cat;
}

static void each_operator_gates_its_item(void **state) {
  lg_error err;
  int rc;
  lg_catalog *cat = catalog_with("", &rc, &err);
  lg_session *s = NULL;
  (void)state;
  if (rc != LG_OK) fail_msg("%d at %s: %s", rc, err.path, err.message);
  assert_int_equal(lg_session_new(&s, cat, "ops", "en"), LG_OK);
  assert_int_equal(lg_session_answer(s, "a", 0), LG_OK);
  assert_int_equal(lg_session_enabled(s, "ne"), 0);
  assert_int_equal(lg_session_enabled(s, "lt"), 1);
  assert_int_equal(lg_session_enabled(s, "gt"), 0);
  assert_int_equal(lg_session_enabled(s, "le"), 1);
  assert_int_equal(lg_session_answer(s, "a", 4), LG_OK);
  assert_int_equal(lg_session_enabled(s, "ne"), 1);
  assert_int_equal(lg_session_enabled(s, "lt"), 0);
  assert_int_equal(lg_session_enabled(s, "gt"), 1);
  assert_int_equal(lg_session_enabled(s, "le"), 0);
  assert_int_equal(lg_session_answer(s, "c", 2), LG_OK);
  assert_int_equal(lg_session_enabled(s, "cne"), 0);
  assert_int_equal(lg_session_enabled(s, "clt"), 0);
  assert_int_equal(lg_session_answer(s, "c", 0), LG_OK);
  assert_int_equal(lg_session_enabled(s, "cne"), 1);
  assert_int_equal(lg_session_enabled(s, "clt"), 1);
  /* the flag's ">" */
  assert_int_equal(lg_session_answer(s, "f", 0), LG_OK);
  assert_int_equal(lg_session_flags(s) & LG_FLAG_CRISIS, 0);
  assert_int_equal(lg_session_answer(s, "f", 1), LG_OK);
  assert_int_equal(lg_session_flags(s) & LG_FLAG_CRISIS, LG_FLAG_CRISIS);
  lg_session_free(s);
  lg_catalog_free(cat);
}

static void a_mean_counts_only_the_enabled_answers(void **state) {
  lg_error err;
  int rc;
  lg_catalog *cat = catalog_with("", &rc, &err);
  lg_session *s = NULL;
  lg_result *r = NULL;
  (void)state;
  assert_int_equal(rc, LG_OK);
  assert_int_equal(lg_session_new(&s, cat, "ops", "en"), LG_OK);
  /* a=4 enables ne and gt; c=4 enables cne; x and f answered; lt, le, clt off */
  assert_int_equal(lg_session_answer(s, "a", 4), LG_OK);
  assert_int_equal(lg_session_answer(s, "ne", 2), LG_OK);
  assert_int_equal(lg_session_answer(s, "gt", 3), LG_OK);
  assert_int_equal(lg_session_answer(s, "c", 4), LG_OK);
  assert_int_equal(lg_session_answer(s, "cne", 0), LG_OK);
  assert_int_equal(lg_session_answer(s, "x", 4), LG_OK);
  assert_int_equal(lg_session_answer(s, "f", 0), LG_OK);
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  /* (4 + 2 + 3 + 4 + 0 + 4) / 6 = 2.833..., rounded to 2 places; f weighs nothing */
  assert_float_equal(lg_result_score(r), 2.83, 1e-12);
  assert_string_equal(lg_result_band(r), "high");
  assert_int_equal(lg_result_flags(r), 0);
  lg_result_free(r);
  lg_session_free(s);
  lg_catalog_free(cat);
}

static void conditions_that_can_never_hold_are_refused(void **state) {
  static const char *const never[] = {
      ",\"enable_when\":{\"item\":\"a\",\"op\":\">\",\"value\":4}",
      ",\"enable_when\":{\"item\":\"a\",\"op\":\"<\",\"value\":0}",
      ",\"enable_when\":{\"item\":\"c\",\"op\":\"<\",\"value\":0}",
      ",\"enable_when\":{\"item\":\"c\",\"op\":\">\",\"value\":4}",
  };
  static const char *const fine[] = {
      ",\"enable_when\":{\"item\":\"a\",\"op\":\">=\",\"value\":4}",
      ",\"enable_when\":{\"item\":\"c\",\"op\":\"<=\",\"value\":0}",
      ",\"enable_when\":{\"item\":\"c\",\"op\":\"!=\",\"value\":0}",
      ",\"enable_when\":{\"item\":\"a\",\"op\":\"!=\",\"value\":4}",
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof never / sizeof never[0]; i++) {
    lg_error err;
    int rc;
    lg_catalog *cat = catalog_with(never[i], &rc, &err);
    if (rc != LG_ESCHEMA || strcmp(err.path, "/instruments/0/items/8/enable_when/op") != 0 ||
        !strstr(err.message, "never hold"))
      fail_msg("never %u: %d at %s: %s", (unsigned)i, rc, err.path, err.message);
    assert_int_equal(lg_catalog_instrument_count(cat), 0);
    lg_catalog_free(cat);
  }
  for (i = 0; i < sizeof fine / sizeof fine[0]; i++) {
    lg_error err;
    int rc;
    lg_catalog *cat = catalog_with(fine[i], &rc, &err);
    if (rc != LG_OK) fail_msg("fine %u: %d at %s: %s", (unsigned)i, rc, err.path, err.message);
    assert_int_equal(lg_catalog_instrument_count(cat), 1);
    lg_catalog_free(cat);
  }
}

typedef struct bad_instrument {
  const char *from, *to;
  int status;
  const char *path;
} bad_instrument;

#define BANDS_                                                                                     \
  "\"bands\":[{\"id\":\"low\",\"max\":2,\"label\":\"Low\",\"summary\":\"Low.\"},{\"id\":\"high\"," \
  "\"max\":4,\"label\":\"High\",\"summary\":\"High.\"}]"
#define OPTIONS_                                                                                   \
  "\"options\":[{\"value\":0,\"label\":\"Z\"},{\"value\":2,\"label\":\"T\"},{\"value\":4,"         \
  "\"label\":"                                                                                     \
  "\"F\"}]"
#define SCALE_ "\"scale\":{\"min\":0,\"max\":4,\"labels\":[\"0\",\"1\",\"2\",\"3\",\"4\"]}"
#define NE_    "\"enable_when\":{\"item\":\"a\",\"op\":\"!=\",\"value\":0}"
#define FLAG_  "\"flag\":{\"name\":\"crisis\",\"op\":\">\",\"value\":0}"
#define IN0    "/instruments/0"

static void each_broken_instrument_part_is_refused_at_its_pointer(void **state) {
  static const bad_instrument cases[] = {
      {SCALE_, "\"scale\":5", LG_ESCHEMA, IN0 "/scale"},
      {SCALE_, "\"scale\":{\"min\":0,\"max\":4}", LG_ESCHEMA, IN0 "/scale"},
      {SCALE_, "\"scale\":{\"min\":0,\"max\":4,\"labels\":\"0\"}", LG_ESCHEMA, IN0 "/scale/labels"},
      {SCALE_, "\"scale\":{\"min\":0,\"max\":99,\"labels\":[]}", LG_ELIMIT, IN0 "/scale/max"},
      {OPTIONS_, "\"options\":5", LG_ESCHEMA, IN0 "/items/5/options"},
      {OPTIONS_, "\"options\":[{\"value\":0,\"label\":\"Z\"}]", LG_ESCHEMA, IN0 "/items/5/options"},
      {OPTIONS_, "\"options\":[5,{\"value\":2,\"label\":\"T\"}]", LG_ESCHEMA,
       IN0 "/items/5/options/0"},
      {"{\"value\":0,\"label\":\"Z\"}", "{\"label\":\"Z\"}", LG_ESCHEMA, IN0 "/items/5/options/0"},
      {"\"label\":\"Z\"", "\"label\":5", LG_ESCHEMA, IN0 "/items/5/options/0/label"},
      {"\"label\":\"Z\"", "\"label\":\"\"", LG_ESCHEMA, IN0 "/items/5/options/0/label"},
      {"\"label\":\"Z\"", "\"label\":\"Z\\u0000\"", LG_ESCHEMA, IN0 "/items/5/options/0/label"},
      {NE_, "\"enable_when\":5", LG_ESCHEMA, IN0 "/items/1/enable_when"},
      {NE_, "\"enable_when\":{\"item\":\"a\",\"op\":\"!=\",\"value\":0,\"why\":1}", LG_ESCHEMA,
       IN0 "/items/1/enable_when/why"},
      {FLAG_, "\"flag\":5", LG_ESCHEMA, IN0 "/items/9/flag"},
      {FLAG_, "\"flag\":{\"name\":\"crisis\",\"op\":\">\",\"value\":0,\"why\":1}", LG_ESCHEMA,
       IN0 "/items/9/flag/why"},
      {FLAG_, "\"flag\":{\"name\":\"crisis\",\"op\":\"~\",\"value\":0}", LG_ESCHEMA,
       IN0 "/items/9/flag/op"},
      {"\"text\":\"The case.\"", "\"text\":\"The case.\",\"max\":3", LG_ESCHEMA,
       IN0 "/items/8/max"},
      {"\"scoring\":{\"method\":\"mean\"}", "\"scoring\":5", LG_ESCHEMA, IN0 "/scoring"},
      {"\"scoring\":{\"method\":\"mean\"}", "\"scoring\":{\"method\":\"mean\",\"why\":1}",
       LG_ESCHEMA, IN0 "/scoring/why"},
      /* without a method the score is a sum, which these bands do not reach */
      {"\"scoring\":{\"method\":\"mean\"}", "\"scoring\":{}", LG_ESCHEMA, IN0 "/bands/1/max"},
      {BANDS_, "\"bands\":5", LG_ESCHEMA, IN0 "/bands"},
      {BANDS_, "\"bands\":[]", LG_ESCHEMA, IN0 "/bands"},
      {BANDS_ "}", "\"x-bands\":1}", LG_ESCHEMA, IN0},
      {"{\"id\":\"low\",\"max\":2,", "5,{\"id\":\"low\",\"max\":2,", LG_ESCHEMA, IN0 "/bands/0"},
      {"{\"id\":\"low\",\"max\":2,", "{\"id\":\"low\",\"why\":2,", LG_ESCHEMA, IN0 "/bands/0/why"},
      {"{\"id\":\"low\",\"max\":2,", "{\"id\":\"low\",", LG_ESCHEMA, IN0 "/bands/0"},
      {"\"instruments\":[{", "\"instruments\":[5,{", LG_ESCHEMA, IN0},
      {"\"items\":[", "\"items\":[],\"x-items\":[", LG_ESCHEMA, IN0 "/items"},
  };
  char base[4096];
  size_t i;
  (void)state;
  snprintf(base, sizeof base, pack_fmt, "");
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char json[4096];
    const char *at = strstr(base, cases[i].from);
    lg_catalog *cat = NULL;
    lg_error err;
    int rc;
    if (!at) fail_msg("case %u: no %s", (unsigned)i, cases[i].from);
    snprintf(json, sizeof json, "%.*s%s%s", (int)(at - base), base, cases[i].to,
             at + strlen(cases[i].from));
    assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
    memset(&err, 0, sizeof err);
    rc = lg_catalog_load(cat, json, strlen(json), &err);
    if (rc != cases[i].status || strcmp(err.path, cases[i].path) != 0)
      fail_msg("case %u: got %d at \"%s\": %s", (unsigned)i, rc, err.path, err.message);
    assert_int_equal(lg_catalog_instrument_count(cat), 0);
    lg_catalog_free(cat);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(each_operator_gates_its_item),
      cmocka_unit_test(a_mean_counts_only_the_enabled_answers),
      cmocka_unit_test(conditions_that_can_never_hold_are_refused),
      cmocka_unit_test(each_broken_instrument_part_is_refused_at_its_pointer),
  };
  return cmocka_run_group_tests_name("cov_assess", tests, NULL, NULL);
}
