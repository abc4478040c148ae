/*
 * test_plan_export.c - the JSON, iCalendar and Markdown exports: golden
 * files (three scenarios x en, es x three formats, byte for byte), the
 * output convention, iCalendar line rules, and hostile names coming out
 * escaped and harmless in all three.
 *
 * To regenerate the golden files after an intended change:
 *   LETGO_UPDATE_GOLDEN=1 ./test_plan_export
 * then review the diff of tests/data/plan/golden/.
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

static lg_catalog *cat;

static int setup(void **state) {
  (void)state;
  return lg_catalog_new(&cat, NULL, 0) == LG_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  lg_catalog_free(cat);
  return 0;
}

static const lg_date START = {2026, 3, 2};

static lg_date day_after(lg_date d, int n) {
  static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  d.day += n;
  while (d.day > dim[d.month - 1]) {
    d.day -= dim[d.month - 1];
    d.month++;
  }
  return d;
}

static void use(const lg_catalog *c, lg_plan *p, const char *instrument, double def,
                const char *item1, double v1, const char *item2, double v2) {
  lg_session *s = NULL;
  lg_result *r = NULL;
  const lg_item *it;
  assert_int_equal(lg_session_new(&s, c, instrument, "en"), LG_OK);
  while ((it = lg_session_next(s)) != NULL) {
    const char *id = lg_item_id(it);
    double v = def;
    if (item1 && strcmp(id, item1) == 0) v = v1;
    else if (item2 && strcmp(id, item2) == 0) v = v2;
    else if (lg_item_type(it) == LG_ITEM_CHOICE) v = lg_item_option_value(it, 0);
    else if (v > lg_item_max(it)) v = lg_item_max(it);
    assert_int_equal(lg_session_answer(s, id, v), LG_OK);
  }
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  lg_session_free(s);
  assert_int_equal(lg_plan_use_result(p, r), LG_OK);
  lg_result_free(r);
}

static char *export_of(const lg_plan *p, int format, size_t *out_len) {
  size_t len = 0;
  char *buf;
  assert_int_equal(lg_plan_export(p, format, NULL, 0, &len), LG_ETRUNC);
  buf = malloc(len + 1);
  assert_non_null(buf);
  assert_int_equal(lg_plan_export(p, format, buf, len + 1, &len), LG_OK);
  assert_int_equal(strlen(buf), len);
  if (out_len) *out_len = len;
  return buf;
}

/* ---- the three scenarios ----------------------------------------------- */

/* No answers, no preferences: the plan anyone gets. */
static lg_plan *scenario_basic(const char *locale) {
  lg_plan *p = NULL;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", locale), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  return p;
}

/* Clearly one-sided, not ready yet, a persona, preferences and progress. */
static lg_plan *scenario_tailored(const char *locale) {
  lg_plan *p = NULL;
  const char *d0[] = {"signs", NULL};
  const char *d1[] = {"concerns", NULL};
  assert_int_equal(lg_plan_new(&p, cat, "let-go", locale), LG_OK);
  use(cat, p, "one-sided", 4, NULL, 0, NULL, 0);
  use(cat, p, "readiness", 0, NULL, 0, NULL, 0);
  assert_int_equal(lg_plan_set(p, "name", "Sam"), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_name", "Alex"), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_pronouns", "she"), LG_OK);
  assert_int_equal(lg_plan_set(p, "support", "talk"), LG_OK);
  assert_int_equal(lg_plan_set(p, "interests", "creativity,nature"), LG_OK);
  assert_int_equal(lg_plan_set(p, "reminder_time", "07:45"), LG_OK);
  assert_int_equal(lg_plan_set(p, "region", "US"), LG_OK);
  assert_int_equal(lg_plan_set(p, "plan_days", "60"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 2024), LG_OK);
  assert_int_equal(lg_plan_checkin(p, START, 4, d0), LG_OK);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 1), 5, d1), LG_OK);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 2), 3, NULL), LG_OK);
  return p;
}

/* The support profile, then low check-ins after the grief window and a
 * crisis check-in: therapy and the crisis resources come in. */
static lg_plan *scenario_crisis(const char *locale) {
  lg_plan *p = NULL;
  int d;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", locale), LG_OK);
  use(cat, p, "support", 0, "style", 2, "mindfulness", 1);
  assert_int_equal(lg_plan_set(p, "region", "GB"), LG_OK);
  assert_int_equal(lg_plan_set(p, "grief_days", "7"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 7), LG_OK);
  for (d = 7; d < 11; d++) assert_int_equal(lg_plan_checkin(p, day_after(START, d), d % 2 ? 2 : 6, NULL), LG_OK);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 11), 1, NULL), LG_OK);
  use(cat, p, "checkin", 0, "mood", 1, "safety", 1);
  return p;
}

typedef lg_plan *(*scenario_fn)(const char *locale);

static void compare_golden(const char *name, const char *data, size_t len) {
  char path[512];
  size_t glen = 0;
  char *golden;
  snprintf(path, sizeof path, "%s/plan/golden/%s", LETGO_TEST_DATA, name);
  if (getenv("LETGO_UPDATE_GOLDEN")) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return;
  }
  golden = lgt_read_file(path, &glen);
  if (!golden) fail_msg("missing golden file %s (LETGO_UPDATE_GOLDEN=1 writes it)", path);
  if (glen != len || memcmp(golden, data, len) != 0) {
    size_t i = 0;
    while (i < len && i < glen && golden[i] == data[i]) i++;
    fail_msg("%s differs at byte %u. If the change is intended (a content or template edit), "
             "regenerate: LETGO_UPDATE_GOLDEN=1 tests/test_plan_export, then review "
             "git diff tests/data/plan/golden", name, (unsigned)i);
  }
  free(golden);
}

static void exports_match_the_golden_files(void **state) {
  static const struct {
    const char *name;
    scenario_fn make;
  } scenarios[] = {{"basic", scenario_basic}, {"tailored", scenario_tailored}, {"crisis", scenario_crisis}};
  static const char *const locales[] = {"en", "es"};
  static const char *const ext[] = {"json", "ics", "md"};
  size_t s, l;
  int f;
  (void)state;
  for (s = 0; s < 3; s++) {
    for (l = 0; l < 2; l++) {
      lg_plan *p = scenarios[s].make(locales[l]), *again = scenarios[s].make(locales[l]);
      for (f = LG_FORMAT_JSON; f <= LG_FORMAT_MARKDOWN; f++) {
        char name[64];
        size_t len, len2;
        char *out = export_of(p, f, &len), *out2 = export_of(again, f, &len2);
        assert_int_equal(len, len2);
        assert_memory_equal(out, out2, len); /* deterministic */
        snprintf(name, sizeof name, "%s.%s.%s", scenarios[s].name, locales[l], ext[f]);
        compare_golden(name, out, len);
        free(out);
        free(out2);
      }
      lg_plan_free(p);
      lg_plan_free(again);
    }
  }
}

/* Saved states are part of what must be byte-identical on every
 * architecture (scripts/cross-test runs this under qemu): the plan's
 * letgo-plan/1 state for each scenario, and a session's letgo-session/1
 * state and its result JSON. */
static char *saved_plan(const lg_plan *p, size_t *out_len) {
  size_t len = 0;
  char *buf;
  assert_int_equal(lg_plan_save(p, NULL, 0, &len), LG_ETRUNC);
  buf = malloc(len + 1);
  assert_non_null(buf);
  assert_int_equal(lg_plan_save(p, buf, len + 1, &len), LG_OK);
  *out_len = len;
  return buf;
}

static void saved_states_match_the_golden_files(void **state) {
  static const struct {
    const char *name;
    scenario_fn make;
  } scenarios[] = {{"basic", scenario_basic}, {"tailored", scenario_tailored}, {"crisis", scenario_crisis}};
  static const char *const locales[] = {"en", "es"};
  size_t s, l;
  (void)state;
  for (s = 0; s < 3; s++) {
    for (l = 0; l < 2; l++) {
      lg_plan *p = scenarios[s].make(locales[l]);
      char name[64];
      size_t len;
      char *out = saved_plan(p, &len);
      snprintf(name, sizeof name, "%s.%s.state.json", scenarios[s].name, locales[l]);
      compare_golden(name, out, len);
      free(out);
      lg_plan_free(p);
    }
  }
  for (l = 0; l < 2; l++) {
    lg_session *ses = NULL;
    lg_result *r = NULL;
    const lg_item *it;
    char name[64], *out;
    size_t len = 0, k = 0;
    assert_int_equal(lg_session_new(&ses, cat, "one-sided", locales[l]), LG_OK);
    while ((it = lg_session_next(ses)) != NULL && k < 7) /* 7 of 9: prorated */
      assert_int_equal(lg_session_answer(ses, lg_item_id(it), (double)(k++ % 5)), LG_OK);
    assert_int_equal(lg_session_save(ses, NULL, 0, &len), LG_ETRUNC);
    out = malloc(len + 1);
    assert_non_null(out);
    assert_int_equal(lg_session_save(ses, out, len + 1, &len), LG_OK);
    snprintf(name, sizeof name, "one-sided.%s.session.json", locales[l]);
    compare_golden(name, out, len);
    free(out);
    assert_int_equal(lg_session_score(ses, &r), LG_OK);
    assert_int_equal(lg_result_json(r, NULL, 0, &len), LG_ETRUNC);
    out = malloc(len + 1);
    assert_non_null(out);
    assert_int_equal(lg_result_json(r, out, len + 1, &len), LG_OK);
    snprintf(name, sizeof name, "one-sided.%s.result.json", locales[l]);
    compare_golden(name, out, len);
    free(out);
    lg_result_free(r);
    lg_session_free(ses);
  }
}

/* ---- the output convention --------------------------------------------- */

static void a_short_buffer_gets_a_terminated_prefix_and_the_full_length(void **state) {
  lg_plan *p = scenario_basic("en");
  size_t full, len = 0;
  char *all = export_of(p, LG_FORMAT_MARKDOWN, &full);
  char small[16];
  (void)state;
  assert_int_equal(lg_plan_export(p, LG_FORMAT_MARKDOWN, small, sizeof small, &len), LG_ETRUNC);
  assert_int_equal(len, full);
  assert_int_equal(strlen(small), 15);
  assert_memory_equal(small, all, 15);
  free(all);
  lg_plan_free(p);
}

/* ---- iCalendar rules --------------------------------------------------- */

static size_t count(const char *s, const char *what) {
  size_t n = 0;
  while ((s = strstr(s, what)) != NULL) {
    n++;
    s++;
  }
  return n;
}

static void ical_lines_end_in_crlf_and_fold_at_75_octets(void **state) {
  lg_plan *p = scenario_crisis("es");
  size_t len, i, start = 0, events = 0, alarms = 0, tasks = 0, d;
  char *ics = export_of(p, LG_FORMAT_ICALENDAR, &len);
  (void)state;
  for (d = 0; d < lg_plan_day_count(p); d++) tasks += lg_plan_task_count(p, d);
  for (i = 0; i < len; i++) {
    if (ics[i] == '\n') {
      assert_true(i > 0 && ics[i - 1] == '\r');
      assert_true(i - 1 - start <= 75);
      start = i + 1;
      /* a continuation never starts inside a UTF-8 sequence */
      if (start < len && ics[start] == ' ' && start + 1 < len)
        assert_false(((unsigned char)ics[start + 1] & 0xC0) == 0x80);
    } else if (ics[i] == '\r') {
      assert_true(i + 1 < len && ics[i + 1] == '\n');
    }
  }
  assert_int_equal(start, len);
  events = count(ics, "BEGIN:VEVENT\r\n");
  alarms = count(ics, "BEGIN:VALARM\r\n");
  assert_int_equal(alarms, tasks);
  assert_int_equal(events, tasks + 1); /* and where to get help */
  assert_non_null(strstr(ics, "\r\nVERSION:2.0\r\n"));
  assert_non_null(strstr(ics, "\r\nCALSCALE:GREGORIAN\r\n"));
  assert_non_null(strstr(ics, "\r\nDTSTAMP:20260302T000000Z\r\n"));
  assert_non_null(strstr(ics, "\r\nTRIGGER:PT20H\r\n"));
  assert_non_null(strstr(ics, "\r\nTRIGGER:PT8H\r\n"));
  free(ics);
  lg_plan_free(p);
}

static void uids_are_stable_across_rebuilds(void **state) {
  lg_plan *p = scenario_basic("en");
  char *a, *b;
  const char *ua, *ub;
  (void)state;
  a = export_of(p, LG_FORMAT_ICALENDAR, NULL);
  assert_int_equal(lg_plan_set(p, "name", "Kim"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  b = export_of(p, LG_FORMAT_ICALENDAR, NULL);
  ua = strstr(a, "UID:");
  ub = strstr(b, "UID:");
  assert_memory_equal(ua, ub, 40);
  assert_non_null(strstr(a, "-20260302@letgo\r\n"));
  free(a);
  free(b);
  lg_plan_free(p);
}

/* ---- hostile names ----------------------------------------------------- */

#define HOSTILE "Al\r\nex; \"x\", <b>`{y}`\\"

/* Regression: a tab in a name came out as a backslash and a tab in
 * Markdown, which shows the backslash. */
static void a_tab_in_a_name_stays_a_plain_tab_in_markdown(void **state) {
  lg_plan *p = NULL;
  char *md;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  assert_int_equal(lg_plan_set(p, "name", "A\tB"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 1), LG_OK);
  md = export_of(p, LG_FORMAT_MARKDOWN, NULL);
  assert_non_null(strstr(md, "A\tB"));
  assert_null(strstr(md, "A\\\tB"));
  free(md);
  lg_plan_free(p);
}

static void hostile_names_are_escaped_in_every_format(void **state) {
  lg_plan *p = NULL;
  char *json, *ics, *md;
  size_t len, i;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  use(cat, p, "readiness", 0, NULL, 0, NULL, 0); /* the decide phase names {partner} */
  assert_int_equal(lg_plan_set(p, "name", HOSTILE), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_name", HOSTILE), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 1), LG_OK);
  assert_non_null(strstr(lg_task_body(lg_plan_task(p, 1, 0)), HOSTILE));

  json = export_of(p, LG_FORMAT_JSON, &len);
  assert_non_null(strstr(json, "Al\\r\\nex; \\\"x\\\", <b>`{y}`\\\\"));
  for (i = 0; i < len; i++) assert_true(json[i] != '\r');

  ics = export_of(p, LG_FORMAT_ICALENDAR, &len);
  /* unfold, then look for the escaped form */
  {
    char *u = malloc(len + 1);
    size_t j = 0;
    for (i = 0; i < len; i++) {
      if (ics[i] == '\r' && ics[i + 1] == '\n' && ics[i + 2] == ' ') {
        i += 2;
        continue;
      }
      u[j++] = ics[i];
    }
    u[j] = '\0';
    assert_non_null(strstr(u, "Al\\nex\\; \"x\"\\, <b>`{y}`\\\\"));
    /* no line starts with anything but a property name */
    for (i = 0; i < j; i++)
      if (i == 0 || u[i - 1] == '\n') assert_true(u[i] >= 'A' && u[i] <= 'Z');
    free(u);
  }

  md = export_of(p, LG_FORMAT_MARKDOWN, &len);
  /* a line break in a name continues the paragraph, indented */
  assert_non_null(strstr(md, "Al\n  ex; \"x\", \\<b\\>\\`\\{y\\}\\`\\\\"));
  /* at the top level it stays in its paragraph: no heading, no HTML */
  assert_non_null(strstr(md, "# Your plan for letting go\n\nHi Al\nex; \"x\", \\<b\\>"));
  assert_null(strstr(md, "<b>"));
  assert_null(strstr(md, "\r"));
  free(json);
  free(ics);
  free(md);
  lg_plan_free(p);
}

/* ---- allocation failure ------------------------------------------------ */

static int export_journey(const lg_catalog *c, void *ctx) {
  lg_plan *p = NULL;
  char buf[64];
  size_t len;
  int rc, f;
  (void)ctx;
  rc = lg_plan_new(&p, c, "let-go", "es");
  if (rc == LG_OK) rc = lg_plan_set(p, "partner_name", "Alex");
  if (rc == LG_OK) rc = lg_plan_build(p, START, 3);
  for (f = LG_FORMAT_JSON; rc == LG_OK && f <= LG_FORMAT_MARKDOWN; f++)
    rc = lg_plan_export(p, f, buf, sizeof buf, &len) == LG_ETRUNC ? LG_OK : LG_EINVAL;
  lg_plan_free(p);
  return rc;
}

static void building_and_exporting_survive_every_allocation_failure(void **state) {
  (void)state;
  assert_true(lgt_alloc_every_failure_after_catalog(export_journey, NULL) > 5);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(exports_match_the_golden_files),
      cmocka_unit_test(saved_states_match_the_golden_files),
      cmocka_unit_test(a_tab_in_a_name_stays_a_plain_tab_in_markdown),
      cmocka_unit_test(a_short_buffer_gets_a_terminated_prefix_and_the_full_length),
      cmocka_unit_test(ical_lines_end_in_crlf_and_fold_at_75_octets),
      cmocka_unit_test(uids_are_stable_across_rebuilds),
      cmocka_unit_test(hostile_names_are_escaped_in_every_format),
      cmocka_unit_test(building_and_exporting_survive_every_allocation_failure),
  };
  return cmocka_run_group_tests_name("plan_export", tests, setup, teardown);
}
