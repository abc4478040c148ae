/*
 * test_instrument.c - validation of instruments at pack load: one broken
 * instrument per rule (tests/data/instruments/bad/, made by make_bad.py),
 * each with its exact status, line and JSON Pointer; the fingerprint; and
 * loads that fail part-way leaving the catalogue unchanged.
 */
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

#define DIR LETGO_TEST_DATA "/instruments/bad/"

typedef struct bad_case {
  const char *file;
  int status;
  unsigned line;
  const char *path;
  const char *message; /* after "<path>: "; NULL: the catalogue's own words */
} bad_case;

static const bad_case cases[] = {
    {"scale-min-max", LG_ESCHEMA, 6, "/instruments/0/scale/max",
     "the scale's max must be greater than its min"},
    {"scale-labels", LG_ESCHEMA, 6, "/instruments/0/scale/labels",
     "the scale has 5 points, so it needs as many labels, not 4"},
    {"scale-label-placeholder", LG_ESCHEMA, 6, "/instruments/0/scale/labels/0",
     "unknown placeholder in \"{nope}\""},
    {"scale-missing", LG_ESCHEMA, 8, "/instruments/0/items/0",
     "a scale item needs the instrument's \"scale\""},
    {"reverse-yesno", LG_ESCHEMA, 10, "/instruments/0/items/2/reverse",
     "only scale items can be reverse-scored"},
    {"option-values", LG_ESCHEMA, 10, "/instruments/0/items/2/options/1/value",
     "option values must be unique"},
    {"options-missing", LG_ESCHEMA, 10, "/instruments/0/items/2", "a choice item needs \"options\""},
    {"options-on-scale", LG_ESCHEMA, 9, "/instruments/0/items/1/options",
     "only choice items have options"},
    {"number-min", LG_ESCHEMA, 10, "/instruments/0/items/2", "missing \"min\""},
    {"number-range", LG_ESCHEMA, 10, "/instruments/0/items/2/max", "max must be greater than min"},
    {"number-integer", LG_ESCHEMA, 10, "/instruments/0/items/2/max", "must be an integer"},
    {"type-unknown", LG_ESCHEMA, 10, "/instruments/0/items/2/type",
     "unknown item type \"slider\"; use scale, yesno, choice or number"},
    {"enable-later", LG_ESCHEMA, 8, "/instruments/0/items/0/enable_when/item",
     "enable_when must name an earlier item; \"b\" is not one"},
    {"enable-unknown", LG_ESCHEMA, 9, "/instruments/0/items/1/enable_when/item",
     "enable_when must name an earlier item; \"zz\" is not one"},
    {"enable-value", LG_ESCHEMA, 9, "/instruments/0/items/1/enable_when/value",
     "item \"a\" never takes the value 7"},
    {"enable-never", LG_ESCHEMA, 9, "/instruments/0/items/1/enable_when/op",
     "this condition can never hold, so the item never shows"},
    {"enable-op", LG_ESCHEMA, 9, "/instruments/0/items/1/enable_when/op",
     "unknown operator \"=~\"; use one of == != < <= > >="},
    {"bands-ascend", LG_ESCHEMA, 14, "/instruments/0/bands/1/max", "bands must ascend; 3 follows 4"},
    {"bands-short", LG_ESCHEMA, 15, "/instruments/0/bands/1/max",
     "the last band must end at the highest possible score, 9, not 8"},
    {"bands-past", LG_ESCHEMA, 14, "/instruments/0/bands/0/max",
     "this band ends at 9 but the highest possible score is 9, so the bands after it can never "
     "be reached"},
    {"bands-below", LG_ESCHEMA, 14, "/instruments/0/bands/0/max",
     "the first band ends at -1, below the lowest possible score, 0"},
    {"bands-mean", LG_ESCHEMA, 14, "/instruments/0/bands/0/max",
     "this band ends at 4 but the highest possible score is 3, so the bands after it can never "
     "be reached"},
    {"bands-duplicate", LG_ESCHEMA, 15, "/instruments/0/bands/1/id", "duplicate band id \"low\""},
    {"bands-required", LG_ESCHEMA, 14, "/instruments/0/bands/0/max",
     "the first band ends at 0.5, below the lowest possible score, 1"},
    {"entry-unknown", LG_ESCHEMA, 8, "/instruments/0/items/0/entry",
     "no entry \"tip.none\" in this pack or the catalogue"},
    {"flag-unreachable", LG_ESCHEMA, 10, "/instruments/0/items/2/flag/value",
     "no answer to this item can raise the flag"},
    {"flag-name", LG_ESCHEMA, 10, "/instruments/0/items/2/flag/name",
     "unknown flag \"panic\"; the only flag is \"crisis\""},
    {"item-key", LG_ESCHEMA, 8, "/instruments/0/items/0/colour", NULL},
    {"item-duplicate", LG_ESCHEMA, 9, "/instruments/0/items/1/id", "duplicate item id \"a\""},
    {"item-not-object", LG_ESCHEMA, 9, "/instruments/0/items/1", "an item must be an object"},
    {"weight-negative", LG_ESCHEMA, 9, "/instruments/0/items/1/weight",
     "a weight lies between 0 (unscored) and 1000"},
    {"required-type", LG_ESCHEMA, 9, "/instruments/0/items/1/required", "must be true or false"},
    {"min-answered", LG_ESCHEMA, 12, "/instruments/0/scoring/min_answered",
     "min_answered must lie between 1 and the number of scored items"},
    {"method-unknown", LG_ESCHEMA, 12, "/instruments/0/scoring/method",
     "unknown scoring method \"median\"; use sum or mean"},
    {"yesno-labels", LG_ESCHEMA, 9, "/instruments/0/items/2",
     "yes/no items need the label entries \"label.no\" and \"label.yes\""},
    {"instrument-key", LG_ESCHEMA, 5, "/instruments/0/colour", NULL},
    {"too-many-items", LG_ELIMIT, 7, "/instruments/0/items", "an instrument has at most 500 items"},
};

static int load(lg_catalog *cat, const char *name, lg_error *err) {
  char path[512];
  size_t len;
  char *json;
  int rc;
  snprintf(path, sizeof path, DIR "%s.json", name);
  json = lgt_read_file(path, &len);
  assert_non_null(json);
  rc = lg_catalog_load(cat, json, len, err);
  free(json);
  return rc;
}

static void every_rule_fails_with_its_own_status_line_and_pointer(void **state) {
  lgt_alloc ta;
  size_t i;
  (void)state;
  lgt_alloc_init(&ta);
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const bad_case *c = &cases[i];
    lg_catalog *cat = NULL;
    lg_error err;
    char want[400];
    int rc;
    assert_int_equal(lg_catalog_new(&cat, &ta.base, LG_CATALOG_EMPTY), LG_OK);
    memset(&err, 0, sizeof err);
    rc = load(cat, c->file, &err);
    if (rc != c->status || err.line != c->line || strcmp(err.path, c->path) != 0)
      fail_msg("%s: status %d line %u path '%s' message '%s'", c->file, rc, err.line, err.path,
               err.message);
    if (c->message) {
      snprintf(want, sizeof want, "%s: %s", c->path, c->message);
      if (strcmp(err.message, want) != 0) fail_msg("%s: message '%s'", c->file, err.message);
    }
    /* All or nothing: the broken pack left nothing behind. */
    assert_int_equal(lg_catalog_instrument_count(cat), 0);
    assert_null(lg_catalog_entry(cat, "tip.a", "en"));
    lg_catalog_free(cat);
    assert_int_equal(ta.live_bytes, 0);
  }
}

static void good_instruments_load(void **state) {
  static const char *const good[] = {"good", "good-x-keys", "good-texts", "good-moved",
                                     "good-optional"};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof good / sizeof good[0]; i++) {
    lg_catalog *cat = NULL;
    lg_error err;
    int rc;
    assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
    rc = load(cat, good[i], &err);
    if (rc != LG_OK) fail_msg("%s: %s", good[i], err.message);
    assert_int_equal(lg_catalog_instrument_count(cat), 1);
    assert_string_equal(lg_catalog_instrument_id(cat, 0), "t");
    lg_catalog_free(cat);
  }
}

static void fingerprint(const char *name, char out[17]) {
  lg_catalog *cat = NULL;
  lg_session *s = NULL;
  char buf[512];
  size_t len;
  const char *p;
  assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(load(cat, name, NULL), LG_OK);
  assert_int_equal(lg_session_new(&s, cat, "t", "en"), LG_OK);
  assert_int_equal(lg_session_save(s, buf, sizeof buf, &len), LG_OK);
  p = strstr(buf, "\"fingerprint\":\"");
  assert_non_null(p);
  memcpy(out, p + 15, 16);
  out[16] = '\0';
  assert_int_equal(strspn(out, "0123456789abcdef"), 16);
  lg_session_free(s);
  lg_catalog_free(cat);
}

static void fingerprint_follows_structure_not_texts(void **state) {
  char a[17], b[17], c[17], d[17];
  (void)state;
  fingerprint("good", a);
  fingerprint("good-texts", b);
  fingerprint("good-moved", c);
  fingerprint("good-optional", d);
  assert_string_equal(a, b);
  assert_string_not_equal(a, c);
  assert_string_not_equal(a, d);
}

static void a_session_outlives_nothing_but_its_catalogue(void **state) {
  lg_catalog *cat = NULL;
  lg_session *s = NULL;
  (void)state;
  assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(load(cat, "good", NULL), LG_OK);
  /* A failed second load keeps the first pack's instrument usable. */
  assert_int_equal(load(cat, "bands-short", NULL), LG_ESCHEMA);
  assert_int_equal(lg_session_new(&s, cat, "t", "fr"), LG_OK);
  assert_string_equal(lg_session_locale(s), "en");
  lg_session_free(s);
  lg_catalog_free(cat);
}

static int journey_load(lgt_alloc *t, void *ctx) {
  lg_catalog *cat = NULL;
  int rc;
  (void)ctx;
  rc = lg_catalog_new(&cat, &t->base, LG_CATALOG_EMPTY);
  if (rc != LG_OK) return rc;
  rc = load(cat, "good", NULL);
  lg_catalog_free(cat);
  return rc;
}

static void loading_survives_every_allocation_failure(void **state) {
  (void)state;
  assert_true(lgt_alloc_every_failure(journey_load, NULL) > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_rule_fails_with_its_own_status_line_and_pointer),
      cmocka_unit_test(good_instruments_load),
      cmocka_unit_test(fingerprint_follows_structure_not_texts),
      cmocka_unit_test(a_session_outlives_nothing_but_its_catalogue),
      cmocka_unit_test(loading_survives_every_allocation_failure),
  };
  return cmocka_run_group_tests_name("instrument", tests, NULL, NULL);
}
