/*
 * test_template.c - plan templates are validated when their pack loads:
 * one bad template per rule (tests/data/plan/bad/), each rejected with
 * LG_ESCHEMA, the JSON Pointer of the offending node and a message.
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

typedef struct bad_case {
  const char *file;
  const char *path;
  const char *message; /* a part of the message */
  unsigned line;
} bad_case;

static const bad_case bad_cases[] = {
    {"unknown-entry", "/plans/0/phases/1/tasks/0/entry", "no entry \"strategy.nope\"", 0},
    {"range-min-above-max", "/plans/0/phases/0/days", "impossible range", 0},
    {"range-default-outside", "/plans/0/phases/0/days", "\"default\" must lie between", 0},
    {"unknown-instrument", "/plans/0/phases/0/days/rules/0/if/band", "no instrument \"nope\"", 0},
    {"unknown-band", "/plans/0/phases/0/days/rules/0/if/in/1", "has no band \"very\"", 0},
    {"unknown-item", "/plans/0/phases/0/tasks/0/if/item", "has no item \"nope\"", 0},
    {"empty-pool", "/plans/0/phases/0/tasks/0/pick", "the pool is empty", 0},
    {"pick-unknown-phase", "/plans/0/phases/0/tasks/0/pick/phase",
     "unknown phase \"heal\" (known: recognize, decide, grieve, rebuild, reopen)", 0},
    {"pick-phase-empty-pool", "/plans/0/phases/0/tasks/1/pick", "the pool is empty", 0},
    /* the only prompts tagged grief are the phase's own fixed tasks */
    {"pick-only-fixed-entries", "/plans/0/phases/0/tasks/0/pick", "the pool is empty", 0},
    {"unknown-key", "/plans/0/colour", "", 0},
    {"unknown-task-key", "/plans/0/phases/1/tasks/0/when", "", 0},
    {"day-beyond-phase", "/plans/0/phases/0/tasks/1/on/day", "must be between 1 and 14", 0},
    {"phases-too-long", "/plans/0/phases", "impossible lengths", 0},
    {"two-rest-phases", "/plans/0/phases", "only one phase", 0},
    {"bad-reminder", "/plans/0/reminder", "HH:MM", 0},
    {"bad-schedule", "/plans/0/phases/0/tasks/0/on", "must be daily, weekdays", 0},
    {"duplicate-task", "/plans/0/phases/0/tasks/1", "duplicate task id \"journal\"", 0},
    {"adapt-unknown-phase", "/plans/0/adapt/after", "no phase \"heal\"", 0},
    {"bad-pref-value", "/plans/0/phases/0/tasks/0/if/in", "\"shout\" is not a value", 0},
    {"unknown-flag", "/plans/0/phases/0/tasks/0/if/flag", "unknown flag \"panic\"", 0},
    {"missing-labels", "/plans/0", "missing \"labels\"", 0},
    {"crisis-id-clash", "/plans/0/crisis", "already used", 0},
    {"bad-op", "/plans/0/phases/0/tasks/0/if/op", "must be one of", 0},
    {"too-deep", "/plans/0/phases/0/tasks/0/if/not/not/not/not/not/not/not/not",
     "nest too deeply", 0},
    {"unknown-placeholder", "/plans/0/phases/1/tasks/0/title", "nickname", 0},
    {"pick-and-entry", "/plans/0/phases/0/tasks/0", "not both", 0},
    {"every-phase-conditional", "/plans/0/phases", "at least one phase", 0},
};

static char *read_data(const char *name, size_t *len) {
  char path[512];
  char *text;
  snprintf(path, sizeof path, "%s/plan/%s", LETGO_TEST_DATA, name);
  text = lgt_read_file(path, len);
  if (!text) fail_msg("cannot read %s", path);
  return text;
}

static void the_good_template_loads_and_plans(void **state) {
  lg_catalog *cat = NULL;
  lg_plan *p = NULL;
  lg_error err;
  size_t len;
  char *json = read_data("good.json", &len);
  lg_date start = {2026, 3, 2};
  (void)state;
  assert_int_equal(lg_catalog_new(&cat, NULL, 0), LG_OK);
  memset(&err, 0, sizeof err);
  assert_int_equal(lg_catalog_load(cat, json, len, &err), LG_OK);
  assert_int_equal(lg_plan_new(&p, cat, "mini", "en"), LG_OK);
  assert_int_equal(lg_plan_build(p, start, 1), LG_OK);
  assert_int_equal(lg_plan_day_count(p), 42);
  assert_int_equal(lg_plan_phase_count(p), 2);
  assert_int_equal(lg_plan_phase_length(p, 0), 10);
  assert_int_equal(lg_plan_phase_length(p, 1), 32);
  assert_int_equal(lg_task_reminder(lg_plan_task(p, 0, 0)), 19 * 60 + 30);
  assert_string_equal(lg_plan_title(p), "Mini plan for friend");
  lg_plan_free(p);
  lg_catalog_free(cat);
  free(json);
}

static void each_bad_template_is_rejected_with_its_pointer(void **state) {
  lg_catalog *cat = NULL;
  size_t i;
  (void)state;
  assert_int_equal(lg_catalog_new(&cat, NULL, 0), LG_OK);
  for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
    char name[128];
    size_t len;
    char *json;
    lg_error err;
    lg_plan *p = NULL;
    int rc;
    snprintf(name, sizeof name, "bad/%s.json", bad_cases[i].file);
    json = read_data(name, &len);
    memset(&err, 0, sizeof err);
    rc = lg_catalog_load(cat, json, len, &err);
    if (rc != LG_ESCHEMA || strcmp(err.path, bad_cases[i].path) != 0 ||
        !strstr(err.message, bad_cases[i].message))
      fail_msg("%s: got %d at \"%s\": %s", bad_cases[i].file, rc, err.path, err.message);
    assert_true(err.line > 0);
    /* all or nothing: the template is not there */
    assert_int_equal(lg_plan_new(&p, cat, "mini", "en"), LG_ENOTFOUND);
    free(json);
  }
  lg_catalog_free(cat);
}

static void a_template_may_not_name_unknown_things_even_in_spanish(void **state) {
  /* the built-in Spanish template resolves every entry in Spanish */
  lg_catalog *cat = NULL;
  lg_plan *p = NULL;
  lg_date start = {2026, 3, 2};
  (void)state;
  assert_int_equal(lg_catalog_new(&cat, NULL, 0), LG_OK);
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "es-MX"), LG_OK);
  assert_int_equal(lg_plan_build(p, start, 7), LG_OK);
  assert_string_equal(lg_plan_title(p), "Tu plan para soltar");
  assert_string_equal(lg_plan_phase_title(p, 0), "Espacio para el duelo");
  lg_plan_free(p);
  assert_int_equal(lg_plan_new(&p, cat, "no-such-plan", "en"), LG_ENOTFOUND);
  lg_catalog_free(cat);
}

static int load_journey(lgt_alloc *t, void *ctx) {
  lg_catalog *c = NULL;
  lg_plan *p = NULL;
  const char *json = ctx;
  char buf[32];
  size_t len;
  int rc = lg_catalog_new(&c, &t->base, LG_CATALOG_EMPTY);
  if (rc == LG_OK) rc = lg_catalog_load(c, json, strlen(json), NULL);
  if (rc == LG_OK) rc = lg_plan_new(&p, c, "tiny", "en");
  if (rc == LG_OK) rc = lg_plan_build(p, (lg_date){2026, 3, 2}, 1);
  if (rc == LG_OK && lg_plan_export(p, LG_FORMAT_MARKDOWN, buf, sizeof buf, &len) != LG_ETRUNC)
    rc = LG_EINVAL;
  lg_plan_free(p);
  lg_catalog_free(c);
  return rc;
}

static void a_self_contained_template_loads_under_every_allocation_failure(void **state) {
  size_t len;
  char *json = read_data("self-contained.json", &len);
  (void)state;
  assert_true(lgt_alloc_every_failure(load_journey, json) > 3);
  free(json);
}

static void a_template_may_use_its_own_packs_entries(void **state) {
  lg_catalog *c = NULL;
  lg_plan *p = NULL;
  size_t len;
  char *json = read_data("self-contained.json", &len);
  (void)state;
  assert_int_equal(lg_catalog_new(&c, NULL, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(lg_catalog_load(c, json, len, NULL), LG_OK);
  assert_int_equal(lg_plan_new(&p, c, "tiny", NULL), LG_OK);
  assert_int_equal(lg_plan_set(p, "plan_days", "28"), LG_OK);
  assert_int_equal(lg_plan_build(p, (lg_date){2026, 3, 2}, 1), LG_OK);
  assert_int_equal(lg_plan_day_count(p), 28);
  assert_int_equal(lg_plan_task_count(p, 0), 1);
  assert_int_equal(lg_plan_task_count(p, 2), 2);
  assert_string_equal(lg_task_title(lg_plan_task(p, 0, 0)), "One thing for friend");
  assert_string_equal(lg_task_body(lg_plan_task(p, 0, 0)), "Do one kind thing, and tell your partner.");
  assert_string_equal(lg_task_title(lg_plan_task(p, 2, 1)), "A note");
  assert_null(lg_task_entry(lg_plan_task(p, 2, 1)));
  assert_int_equal(lg_plan_task_count(p, 3), 1); /* every 2 from day 1 of rebuild */
  assert_int_equal(lg_plan_task_count(p, 4), 0);
  lg_plan_free(p);
  lg_catalog_free(c);
  free(json);
}

static void every_one_byte_change_to_a_template_loads_or_fails_cleanly(void **state) {
  static const char subst[] = {'"', '9'};
  lgt_alloc t;
  size_t len, i, k, loaded = 0;
  char *json = read_data("self-contained.json", &len);
  char *buf = malloc(len + 1);
  (void)state;
  lgt_alloc_init(&t);
  for (i = 0; i < len; i++) {
    for (k = 0; k < sizeof subst; k++) {
      lg_catalog *c = NULL;
      lg_error err;
      int rc;
      if (json[i] == subst[k]) continue;
      memcpy(buf, json, len + 1);
      buf[i] = subst[k];
      assert_int_equal(lg_catalog_new(&c, &t.base, LG_CATALOG_EMPTY), LG_OK);
      rc = lg_catalog_load(c, buf, len, &err);
      if (rc == LG_OK) {
        lg_plan *p = NULL;
        loaded++;
        if (lg_plan_new(&p, c, "tiny", "en") == LG_OK) {
          assert_int_equal(lg_plan_build(p, (lg_date){2026, 3, 2}, 1), LG_OK);
          lg_plan_free(p);
        }
      } else {
        assert_int_equal(err.status, rc);
      }
      lg_catalog_free(c);
      assert_int_equal(t.live_bytes, 0);
    }
  }
  assert_true(loaded > 0);
  free(buf);
  free(json);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_good_template_loads_and_plans),
      cmocka_unit_test(each_bad_template_is_rejected_with_its_pointer),
      cmocka_unit_test(a_template_may_not_name_unknown_things_even_in_spanish),
      cmocka_unit_test(a_template_may_use_its_own_packs_entries),
      cmocka_unit_test(a_self_contained_template_loads_under_every_allocation_failure),
      cmocka_unit_test(every_one_byte_change_to_a_template_loads_or_fails_cleanly),
  };
  return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
