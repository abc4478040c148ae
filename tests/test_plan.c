/*
 * test_plan.c - preferences, tailoring, building, check-ins, adherence,
 * the streak, adaptation and save/restore, through the public API, with
 * the built-in catalogue.
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

static const lg_date START = {2026, 3, 2}; /* a Monday */

static lg_date day_after(lg_date d, int n) {
  /* enough for March/April 2026 */
  static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  d.day += n;
  while (d.day > dim[d.month - 1]) {
    d.day -= dim[d.month - 1];
    d.month++;
  }
  return d;
}

/* A result of `instrument`: every enabled item answered `def`, except the
 * listed (item, value) pairs. */
static lg_result *result(const char *instrument, double def, const char *item1, double v1,
                         const char *item2, double v2) {
  lg_session *s = NULL;
  lg_result *r = NULL;
  const lg_item *it;
  assert_int_equal(lg_session_new(&s, cat, instrument, "en"), LG_OK);
  while ((it = lg_session_next(s)) != NULL) {
    const char *id = lg_item_id(it);
    double v = def;
    if (item1 && strcmp(id, item1) == 0) v = v1;
    else if (item2 && strcmp(id, item2) == 0) v = v2;
    else if (lg_item_type(it) == LG_ITEM_CHOICE) v = lg_item_option_value(it, 0);
    else if (v < lg_item_min(it)) v = lg_item_min(it);
    else if (v > lg_item_max(it)) v = lg_item_max(it);
    assert_int_equal(lg_session_answer(s, id, v), LG_OK);
  }
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  lg_session_free(s);
  return r;
}

static void use(lg_plan *p, lg_result *r) {
  assert_int_equal(lg_plan_use_result(p, r), LG_OK);
  lg_result_free(r);
}

static lg_plan *new_plan(const char *locale) {
  lg_plan *p = NULL;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", locale), LG_OK);
  return p;
}

static int has_task(const lg_plan *p, size_t day, const char *id) {
  size_t i;
  for (i = 0; i < lg_plan_task_count(p, day); i++)
    if (strcmp(lg_task_id(lg_plan_task(p, day, i)), id) == 0) return 1;
  return 0;
}

static size_t phase_index(const lg_plan *p, const char *id) {
  size_t i;
  for (i = 0; i < lg_plan_phase_count(p); i++)
    if (strcmp(lg_plan_phase_id(p, i), id) == 0) return i;
  return (size_t)-1;
}

/* ---- preferences ------------------------------------------------------- */

static void preferences_are_checked(void **state) {
  lg_plan *p = new_plan("en");
  (void)state;
  assert_int_equal(lg_plan_set(p, "grief_days", "7"), LG_OK);
  assert_int_equal(lg_plan_set(p, "grief_days", "14"), LG_OK);
  assert_int_equal(lg_plan_set(p, "grief_days", "6"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "grief_days", "15"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "grief_days", "1x"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "support", "talk"), LG_OK);
  assert_int_equal(lg_plan_set(p, "support", "shout"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "interests", "fitness, nature ,self-care"), LG_OK);
  assert_int_equal(lg_plan_set(p, "interests", "fitness,knitting"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "interests", ","), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "reminder_time", "07:05"), LG_OK);
  assert_int_equal(lg_plan_set(p, "reminder_time", "24:00"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "reminder_time", "7:05"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "name", "Sam"), LG_OK);
  assert_int_equal(lg_plan_set(p, "name", "\xC3\x28"), LG_ERANGE); /* not UTF-8 */
  assert_int_equal(lg_plan_set(p, "partner_name", "Alex"), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_pronouns", "she"), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_pronouns", "it"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "region", "gb"), LG_OK);
  assert_int_equal(lg_plan_set(p, "region", "GBR"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "region", "g1"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "plan_days", "28"), LG_OK);
  assert_int_equal(lg_plan_set(p, "plan_days", "90"), LG_OK);
  assert_int_equal(lg_plan_set(p, "plan_days", "27"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "plan_days", "91"), LG_ERANGE);
  assert_int_equal(lg_plan_set(p, "colour", "blue"), LG_ENOTFOUND);
  assert_int_equal(lg_plan_set(p, NULL, "x"), LG_EINVAL);
  assert_int_equal(lg_plan_set(NULL, "name", "x"), LG_EINVAL);
  assert_int_equal(lg_plan_set(p, "name", NULL), LG_OK); /* clears */
  lg_plan_free(p);
}

static void arguments_are_checked(void **state) {
  lg_plan *p = NULL;
  lg_date bad = {2026, 2, 30};
  size_t n;
  (void)state;
  assert_int_equal(lg_plan_new(NULL, cat, "let-go", "en"), LG_EINVAL);
  assert_int_equal(lg_plan_new(&p, NULL, "let-go", "en"), LG_EINVAL);
  assert_int_equal(lg_plan_new(&p, cat, NULL, "en"), LG_EINVAL);
  assert_int_equal(lg_plan_new(&p, cat, "nope", "en"), LG_ENOTFOUND);
  p = new_plan(NULL);
  assert_int_equal(lg_plan_build(NULL, START, 1), LG_EINVAL);
  assert_int_equal(lg_plan_build(p, bad, 1), LG_ERANGE);
  assert_int_equal(lg_plan_day_count(p), 0);
  assert_int_equal(lg_plan_export(p, LG_FORMAT_JSON, NULL, 0, &n), LG_ESTATE);
  assert_int_equal(lg_plan_save(p, NULL, 0, &n), LG_ESTATE);
  assert_int_equal(lg_plan_checkin(p, START, 5, NULL), LG_ESTATE);
  assert_int_equal(lg_plan_use_result(p, NULL), LG_EINVAL);
  assert_null(lg_plan_task(p, 0, 0));
  assert_null(lg_task_id(NULL));
  assert_int_equal(lg_task_reminder(NULL), -1);
  assert_int_equal(lg_task_date(NULL).year, 0);
  assert_int_equal(lg_plan_build(p, START, 1), LG_OK);
  assert_int_equal(lg_plan_export(p, 7, NULL, 0, &n), LG_EINVAL);
  assert_int_equal(lg_plan_export(p, LG_FORMAT_JSON, NULL, 5, &n), LG_EINVAL);
  assert_int_equal(lg_plan_export(p, LG_FORMAT_JSON, NULL, 0, NULL), LG_EINVAL);
  assert_int_equal(lg_plan_adherence(p, 42, &n, &n), LG_ERANGE);
  assert_int_equal(lg_plan_adherence(NULL, 0, &n, &n), LG_EINVAL);
  lg_plan_free(p);
  lg_plan_free(NULL);
}

/* ---- building and tailoring -------------------------------------------- */

static void the_default_plan_has_42_days_and_three_phases(void **state) {
  lg_plan *p = new_plan("en");
  lg_date d;
  (void)state;
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_int_equal(lg_plan_day_count(p), 42);
  assert_int_equal(lg_plan_phase_count(p), 3);
  assert_string_equal(lg_plan_phase_id(p, 0), "grieve");
  assert_int_equal(lg_plan_phase_length(p, 0), 10);
  assert_string_equal(lg_plan_phase_id(p, 1), "rebuild");
  assert_int_equal(lg_plan_phase_start(p, 1), 10);
  assert_int_equal(lg_plan_phase_length(p, 1), 27);
  assert_string_equal(lg_plan_phase_id(p, 2), "reopen");
  assert_int_equal(lg_plan_phase_length(p, 2), 5);
  /* day 0: open the window, its opening prompt, a journal prompt */
  assert_int_equal(lg_plan_task_count(p, 0), 3);
  assert_string_equal(lg_task_id(lg_plan_task(p, 0, 0)), "open-window");
  assert_string_equal(lg_task_entry(lg_plan_task(p, 0, 0)), "strategy.grieve");
  assert_string_equal(lg_task_phase(lg_plan_task(p, 0, 0)), "grieve");
  assert_int_equal(lg_task_reminder(lg_plan_task(p, 0, 0)), 20 * 60);
  assert_string_equal(lg_task_id(lg_plan_task(p, 0, 1)), "opening-prompt");
  assert_string_equal(lg_task_entry(lg_plan_task(p, 0, 1)), "prompt.grief-window");
  assert_string_equal(lg_task_id(lg_plan_task(p, 0, 2)), "journal");
  assert_memory_equal(lg_task_entry(lg_plan_task(p, 0, 2)), "prompt.", 7);
  /* the last grief day: the closing prompt, ritual and the window closes */
  assert_true(has_task(p, 9, "closing-prompt"));
  assert_false(has_task(p, 8, "closing-prompt"));
  assert_true(has_task(p, 9, "ritual"));
  assert_true(has_task(p, 9, "close-window"));
  assert_false(has_task(p, 10, "journal"));
  d = lg_plan_day_date(p, 41);
  assert_int_equal(d.year, 2026);
  assert_int_equal(d.month, 4);
  assert_int_equal(d.day, 12);
  d = lg_task_date(lg_plan_task(p, 9, 0));
  assert_int_equal(d.day, 11);
  assert_int_equal(lg_plan_flags(p), 0);
  assert_null(lg_plan_phase_id(p, 3));
  lg_plan_free(p);
}

static void journal_prompts_do_not_repeat_until_the_pool_is_used_up(void **state) {
  lg_plan *p = new_plan("en");
  const char *seen[128];
  size_t n = 0, d, i, j;
  (void)state;
  assert_int_equal(lg_plan_set(p, "grief_days", "14"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 9), LG_OK);
  for (d = 0; d < 14; d++) {
    for (i = 0; i < lg_plan_task_count(p, d); i++) {
      const lg_task *t = lg_plan_task(p, d, i);
      if (strcmp(lg_task_id(t), "journal") != 0) continue;
      for (j = 0; j < n; j++) assert_string_not_equal(seen[j], lg_task_entry(t));
      seen[n++] = lg_task_entry(t);
    }
  }
  assert_int_equal(n, 14);
  lg_plan_free(p);
}

/* Every prompt a journal pick draws, in both locales and over many seeds,
 * belongs to the phase of the plan it shows in; the grief window's opening
 * and closing prompts show only on their own days, never in the pool. */
static void journal_picks_draw_only_prompts_of_their_own_phase(void **state) {
  static const char *const locales[] = {"en", "es"};
  static const char *const picks[] = {"journal", "weekend-journal"};
  size_t l, seed, d, i, k, drawn = 0;
  (void)state;
  for (l = 0; l < 2; l++)
    for (seed = 1; seed <= 12; seed++) {
      lg_plan *p = new_plan(locales[l]);
      size_t grieve_days = 0;
      assert_int_equal(lg_plan_set(p, "grief_days", seed % 2 ? "14" : "7"), LG_OK);
      assert_int_equal(lg_plan_set(p, "plan_days", "90"), LG_OK);
      assert_int_equal(lg_plan_build(p, START, seed), LG_OK);
      for (d = 0; d < lg_plan_day_count(p); d++)
        for (i = 0; i < lg_plan_task_count(p, d); i++) {
          const lg_task *t = lg_plan_task(p, d, i);
          const lg_entry *e;
          if (strcmp(lg_task_id(t), "opening-prompt") == 0) {
            assert_int_equal(d, 0);
            assert_string_equal(lg_task_entry(t), "prompt.grief-window");
          }
          if (strcmp(lg_task_id(t), "closing-prompt") == 0) {
            assert_int_equal(d, lg_plan_phase_length(p, 0) - 1);
            assert_string_equal(lg_task_entry(t), "prompt.closing-the-window");
          }
          for (k = 0; k < 2; k++)
            if (strcmp(lg_task_id(t), picks[k]) == 0) break;
          if (k == 2) continue;
          e = lg_catalog_entry(cat, lg_task_entry(t), locales[l]);
          assert_non_null(e);
          assert_string_equal(lg_entry_locale(e), locales[l]);
          assert_string_equal(lg_entry_kind(e), "prompt");
          assert_string_equal(lg_entry_phase(e), lg_task_phase(t));
          assert_string_not_equal(lg_task_entry(t), "prompt.grief-window");
          assert_string_not_equal(lg_task_entry(t), "prompt.closing-the-window");
          if (strcmp(lg_task_phase(t), "grieve") == 0) grieve_days++;
          drawn++;
        }
      assert_int_equal(grieve_days, lg_plan_phase_length(p, 0));
      lg_plan_free(p);
    }
  assert_true(drawn > 24 * 30);
}

static void the_seed_changes_the_picks_and_nothing_else(void **state) {
  lg_plan *a = new_plan("en"), *b = new_plan("en");
  size_t d, differ = 0;
  (void)state;
  assert_int_equal(lg_plan_build(a, START, 1), LG_OK);
  assert_int_equal(lg_plan_build(b, START, 2), LG_OK);
  assert_int_equal(lg_plan_day_count(a), lg_plan_day_count(b));
  for (d = 0; d < lg_plan_day_count(a); d++) {
    size_t i;
    assert_int_equal(lg_plan_task_count(a, d), lg_plan_task_count(b, d));
    for (i = 0; i < lg_plan_task_count(a, d); i++) {
      const lg_task *x = lg_plan_task(a, d, i), *y = lg_plan_task(b, d, i);
      assert_string_equal(lg_task_id(x), lg_task_id(y));
      if (lg_task_entry(x) && strcmp(lg_task_entry(x), lg_task_entry(y)) != 0) differ++;
    }
  }
  assert_true(differ > 10);
  lg_plan_free(a);
  lg_plan_free(b);
}

static void high_distress_adds_the_decision_phase_a_longer_grief_and_therapy(void **state) {
  lg_plan *p = new_plan("en");
  size_t g;
  (void)state;
  use(p, result("one-sided", 4, NULL, 0, NULL, 0));  /* 36: one-sided */
  use(p, result("readiness", 0, NULL, 0, NULL, 0));  /* not-yet */
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_int_equal(lg_plan_phase_count(p), 4);
  assert_string_equal(lg_plan_phase_id(p, 0), "decide");
  assert_int_equal(lg_plan_phase_length(p, 0), 4);
  g = phase_index(p, "grieve");
  assert_int_equal(g, 1);
  assert_int_equal(lg_plan_phase_length(p, g), 14); /* 10 + 2 + 1 + 2 */
  assert_int_equal(lg_plan_phase_start(p, g), 4);
  assert_true(has_task(p, 5, "therapy"));
  assert_true(has_task(p, 1, "concerns"));
  assert_true(has_task(p, 3, "value-yourself"));
  assert_int_equal(lg_plan_day_count(p), 42);
  lg_plan_free(p);
}

static void grief_days_overrides_the_results_and_ready_shortens(void **state) {
  lg_plan *p = new_plan("en");
  (void)state;
  use(p, result("one-sided", 4, NULL, 0, NULL, 0));
  assert_int_equal(lg_plan_set(p, "grief_days", "7"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_string_equal(lg_plan_phase_id(p, 0), "grieve"); /* one-sided without not-yet: no decide */
  assert_int_equal(lg_plan_phase_length(p, 0), 7);
  assert_false(has_task(p, 1, "therapy"));
  assert_int_equal(lg_plan_set(p, "grief_days", NULL), LG_OK);
  use(p, result("readiness", 4, "still-hoping", 0, "feel-valued", 0)); /* ready */
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_int_equal(lg_plan_phase_length(p, 0), 11); /* 10 + 2 + 1 - 2 */
  lg_plan_free(p);
}

static void support_and_interests_come_from_preferences_or_the_support_result(void **state) {
  lg_plan *p = new_plan("en");
  size_t d;
  int talk = 0, distract = 0;
  (void)state;
  use(p, result("support", 0, "style", 2, "nature", 1)); /* distract, nature */
  assert_int_equal(lg_plan_build(p, START, 3), LG_OK);
  for (d = 0; d < 10; d++) {
    talk += has_task(p, d, "talk");
    distract += has_task(p, d, "distract");
  }
  assert_int_equal(talk, 0);
  assert_int_equal(distract, 3); /* days 3, 6, 9 of the window */
  for (d = 11; d < 37; d += 2) {
    size_t i;
    for (i = 0; i < lg_plan_task_count(p, d); i++) {
      const lg_task *t = lg_plan_task(p, d, i);
      const lg_entry *e;
      size_t k;
      int nature = 0;
      if (strcmp(lg_task_id(t), "practice") != 0) continue;
      e = lg_catalog_entry(cat, lg_task_entry(t), "en");
      for (k = 0; k < lg_entry_tag_count(e); k++) nature |= strcmp(lg_entry_tag(e, k), "nature") == 0;
      assert_true(nature);
    }
  }
  assert_int_equal(lg_plan_set(p, "support", "talk"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 3), LG_OK);
  assert_true(has_task(p, 1, "talk"));
  assert_false(has_task(p, 2, "distract"));
  lg_plan_free(p);
}

static void plan_days_stretches_the_rebuilding_phase(void **state) {
  lg_plan *p = new_plan("en");
  (void)state;
  assert_int_equal(lg_plan_set(p, "plan_days", "90"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_int_equal(lg_plan_day_count(p), 90);
  assert_int_equal(lg_plan_phase_length(p, 1), 75);
  assert_int_equal(lg_plan_set(p, "plan_days", "28"), LG_OK);
  use(p, result("one-sided", 2, NULL, 0, NULL, 0)); /* 18: uneven -> decide */
  assert_int_equal(lg_plan_set(p, "grief_days", "14"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_int_equal(lg_plan_day_count(p), 28);
  assert_int_equal(lg_plan_phase_length(p, 2), 5); /* 28 - 4 - 14 - 5 */
  lg_plan_free(p);
}

static void persona_fills_the_texts(void **state) {
  lg_plan *p = new_plan("en");
  const lg_task *t;
  (void)state;
  use(p, result("readiness", 0, NULL, 0, NULL, 0));
  assert_int_equal(lg_plan_set(p, "partner_name", "Alex"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  t = lg_plan_task(p, 1, 0);
  assert_string_equal(lg_task_id(t), "concerns");
  assert_non_null(strstr(lg_task_body(t), "tell Alex plainly"));
  assert_int_equal(lg_plan_set(p, "partner_name", NULL), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_non_null(strstr(lg_task_body(lg_plan_task(p, 1, 0)), "tell your partner plainly"));
  lg_plan_free(p);
}

/* ---- check-ins, adherence, streak -------------------------------------- */

static void checkins_are_checked_and_replace(void **state) {
  lg_plan *p = new_plan("en");
  const char *done[] = {"open-window", "journal", NULL};
  const char *unknown[] = {"ritual", NULL};
  lg_date before = {2026, 3, 1}, after = day_after(START, 42), d;
  size_t n, s;
  int mood;
  (void)state;
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_int_equal(lg_plan_checkin(p, before, 5, NULL), LG_ERANGE);
  assert_int_equal(lg_plan_checkin(p, after, 5, NULL), LG_ERANGE);
  assert_int_equal(lg_plan_checkin(p, START, 11, NULL), LG_ERANGE);
  assert_int_equal(lg_plan_checkin(p, START, -1, NULL), LG_ERANGE);
  assert_int_equal(lg_plan_checkin(p, START, 5, unknown), LG_ENOTFOUND);
  assert_int_equal(lg_plan_checkin_count(p), 0);
  assert_int_equal(lg_plan_checkin(p, START, 4, done), LG_OK);
  assert_int_equal(lg_plan_adherence(p, 0, &n, &s), LG_OK);
  assert_int_equal(n, 2);
  assert_int_equal(s, 3);
  assert_int_equal(lg_plan_checkin(p, START, 6, done + 1), LG_OK); /* replaces */
  assert_int_equal(lg_plan_checkin_count(p), 1);
  assert_int_equal(lg_plan_checkin_at(p, 0, &d, &mood, &n), LG_OK);
  assert_int_equal(d.day, 2);
  assert_int_equal(mood, 6);
  assert_int_equal(n, 1);
  assert_int_equal(lg_plan_checkin_at(p, 1, &d, &mood, &n), LG_ERANGE);
  assert_int_equal(lg_plan_adherence(p, 0, &n, &s), LG_OK);
  assert_int_equal(n, 1);
  lg_plan_free(p);
}

static void adherence_tells_nothing_scheduled_from_nothing_done(void **state) {
  lg_plan *p = new_plan("en");
  const char *journal[] = {"journal", NULL};
  size_t n = 9, s = 9, d;
  (void)state;
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_int_equal(lg_plan_adherence(p, 1, &n, &s), LG_OK);
  assert_int_equal(n, 0);
  assert_int_equal(s, lg_plan_task_count(p, 1));
  assert_true(s > 0);
  for (d = 0; d < 3; d++)
    assert_int_equal(lg_plan_checkin(p, day_after(START, (int)d), 5, journal), LG_OK);
  assert_int_equal(lg_plan_phase_adherence(p, 0, &n, &s), LG_OK);
  assert_int_equal(n, 3);
  assert_int_equal(s, 23);
  assert_int_equal(lg_plan_phase_adherence(p, 3, &n, &s), LG_ERANGE);
  assert_int_equal(lg_plan_overall_adherence(p, &n, &s), LG_OK);
  assert_int_equal(n, 3);
  assert_int_equal(s, 81);
  lg_plan_free(p);
}

static void the_streak_counts_days_in_a_row_with_something_done(void **state) {
  lg_plan *p = new_plan("en");
  const char *journal[] = {"journal", NULL};
  size_t n = 99;
  (void)state;
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_int_equal(lg_plan_streak(p, START, &n), LG_OK);
  assert_int_equal(n, 0);
  assert_int_equal(lg_plan_checkin(p, START, 5, journal), LG_OK);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 1), 5, journal), LG_OK);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 2), 5, journal), LG_OK);
  assert_int_equal(lg_plan_streak(p, day_after(START, 2), &n), LG_OK);
  assert_int_equal(n, 3);
  /* today not checked in yet: the streak still stands */
  assert_int_equal(lg_plan_streak(p, day_after(START, 3), &n), LG_OK);
  assert_int_equal(n, 3);
  /* a day missed breaks it */
  assert_int_equal(lg_plan_streak(p, day_after(START, 4), &n), LG_OK);
  assert_int_equal(n, 0);
  /* a check-in with nothing done breaks it too */
  assert_int_equal(lg_plan_checkin(p, day_after(START, 3), 5, NULL), LG_OK);
  assert_int_equal(lg_plan_streak(p, day_after(START, 3), &n), LG_OK);
  assert_int_equal(n, 0);
  assert_int_equal(lg_plan_streak(p, (lg_date){2026, 2, 1}, &n), LG_OK);
  assert_int_equal(n, 0);
  lg_plan_free(p);
}

/* ---- adaptation -------------------------------------------------------- */

static void three_low_moods_after_the_grief_window_add_therapy_the_next_day(void **state) {
  lg_plan *p = new_plan("en");
  size_t d;
  (void)state;
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  /* low moods inside the grief window (days 0-9) do not count */
  for (d = 5; d < 10; d++) assert_int_equal(lg_plan_checkin(p, day_after(START, (int)d), 1, NULL), LG_OK);
  assert_int_equal(lg_plan_flags(p) & LG_PLAN_THERAPY, 0);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 10), 2, NULL), LG_OK);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 11), 7, NULL), LG_OK);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 12), 3, NULL), LG_OK);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 13), 8, NULL), LG_OK);
  for (d = 0; d < 42; d++) assert_false(has_task(p, d, "therapy-checkin"));
  assert_int_equal(lg_plan_checkin(p, day_after(START, 14), 0, NULL), LG_OK); /* the 3rd of 5 */
  assert_int_equal(lg_plan_flags(p) & LG_PLAN_THERAPY, LG_PLAN_THERAPY);
  assert_false(has_task(p, 14, "therapy-checkin"));
  assert_true(has_task(p, 15, "therapy-checkin"));
  assert_false(has_task(p, 16, "therapy-checkin"));
  assert_true(has_task(p, 22, "therapy-checkin")); /* then weekly */
  assert_int_equal(lg_plan_phase_length(p, 0), 10); /* the window never grows */
  lg_plan_free(p);
}

static void a_crisis_checkin_puts_the_crisis_resources_first_from_the_next_day(void **state) {
  lg_plan *p = new_plan("en");
  const lg_task *t;
  (void)state;
  assert_int_equal(lg_plan_set(p, "region", "US"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_int_equal(lg_plan_checkin(p, day_after(START, 4), 2, NULL), LG_OK);
  use(p, result("checkin", 0, "mood", 2, "safety", 1));
  assert_int_equal(lg_plan_flags(p) & LG_PLAN_CRISIS, LG_PLAN_CRISIS);
  assert_false(has_task(p, 4, "reach-out"));
  t = lg_plan_task(p, 5, 0);
  assert_string_equal(lg_task_id(t), "reach-out");
  assert_string_equal(lg_task_entry(t), "section.crisis-now");
  assert_non_null(strstr(lg_task_body(t), "988"));
  assert_string_equal(lg_task_id(lg_plan_task(p, 41, 0)), "reach-out");
  /* a later, calmer check-in result does not take the flag away */
  use(p, result("checkin", 0, "mood", 8, NULL, 0));
  assert_string_equal(lg_task_id(lg_plan_task(p, 6, 0)), "reach-out");
  lg_plan_free(p);
}

static void a_crisis_before_building_heads_the_plan(void **state) {
  lg_plan *p = new_plan("es");
  (void)state;
  use(p, result("checkin", 0, "mood", 1, "safety", 1));
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  assert_string_equal(lg_task_id(lg_plan_task(p, 0, 0)), "reach-out");
  assert_non_null(strstr(lg_task_body(lg_plan_task(p, 0, 0)), "Find A Helpline"));
  assert_true(has_task(p, 1, "therapy")); /* struggling */
  lg_plan_free(p);
}

/* ---- save and restore -------------------------------------------------- */

static char *save(const lg_plan *p) {
  size_t len = 0;
  char *buf;
  assert_int_equal(lg_plan_save(p, NULL, 0, &len), LG_ETRUNC);
  buf = malloc(len + 1);
  assert_int_equal(lg_plan_save(p, buf, len + 1, &len), LG_OK);
  return buf;
}

static char *export_of(const lg_plan *p, int format) {
  size_t len = 0;
  char *buf;
  assert_int_equal(lg_plan_export(p, format, NULL, 0, &len), LG_ETRUNC);
  buf = malloc(len + 1);
  assert_int_equal(lg_plan_export(p, format, buf, len + 1, &len), LG_OK);
  return buf;
}

static lg_plan *rich_plan(void) {
  lg_plan *p = new_plan("es");
  const char *done[] = {"journal", NULL};
  int d;
  use(p, result("one-sided", 4, NULL, 0, NULL, 0));
  use(p, result("support", 0, "style", 1, "creativity", 1));
  assert_int_equal(lg_plan_set(p, "name", "Ana"), LG_OK);
  assert_int_equal(lg_plan_set(p, "region", "ES"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 18446744073709551615u), LG_OK);
  for (d = 0; d < 3; d++) assert_int_equal(lg_plan_checkin(p, day_after(START, d), 3 + d, done), LG_OK);
  for (d = 14; d < 17; d++) assert_int_equal(lg_plan_checkin(p, day_after(START, d), 1, NULL), LG_OK);
  use(p, result("checkin", 0, "mood", 1, "safety", 1));
  return p;
}

static void a_saved_plan_restores_to_the_same_exports(void **state) {
  lg_plan *p = rich_plan(), *q = NULL;
  char *s = save(p), *s2;
  lg_error err;
  int f;
  (void)state;
  assert_non_null(strstr(s, "\"format\":\"letgo-plan/1\""));
  assert_non_null(strstr(s, "\"seed\":\"18446744073709551615\""));
  assert_null(strstr(s, "exhausted")); /* no whole answer sets */
  assert_int_equal(lg_plan_restore(&q, cat, s, strlen(s), &err), LG_OK);
  s2 = save(q);
  assert_string_equal(s, s2);
  for (f = LG_FORMAT_JSON; f <= LG_FORMAT_MARKDOWN; f++) {
    char *a = export_of(p, f), *b = export_of(q, f);
    assert_string_equal(a, b);
    free(a);
    free(b);
  }
  assert_int_equal(lg_plan_flags(q), LG_PLAN_CRISIS | LG_PLAN_THERAPY);
  free(s);
  free(s2);
  lg_plan_free(p);
  lg_plan_free(q);
}

typedef struct tamper {
  const char *from, *to;
  int status;
  const char *path;
} tamper;

static void tampered_states_are_refused_with_a_pointer(void **state) {
  static const tamper cases[] = {
      {"\"letgo-plan/1\"", "\"letgo-plan/2\"", LG_EVERSION, "/format"},
      {"\"template\":\"let-go\"", "\"template\":\"let-stay\"", LG_ENOTFOUND, "/template"},
      {"\"start\":\"2026-03-02\"", "\"start\":\"2026-02-30\"", LG_ESCHEMA, "/start"},
      {"\"seed\":\"18446744073709551615\"", "\"seed\":\"18446744073709551616\"", LG_ESCHEMA, "/seed"},
      {"\"name\":\"Ana\"", "\"nick\":\"Ana\"", LG_ESCHEMA, "/prefs/nick"},
      {"\"region\":\"ES\"", "\"region\":\"ESP\"", LG_ESCHEMA, "/prefs/region"},
      {"\"band\":\"one-sided\"", "\"band\":\"lopsided\"", LG_ESCHEMA, "/results/0"},
      {"\"mood\":3", "\"mood\":11", LG_ESCHEMA, "/checkins/0/mood"},
      {"\"done\":[\"journal\"]", "\"done\":[\"ritual\"]", LG_ESCHEMA, "/checkins/0/done/0"},
      {"\"date\":\"2026-03-02\"", "\"date\":\"2026-01-02\"", LG_ESCHEMA, "/checkins/0"},
      {"\"date\":\"2026-03-03\"", "\"date\":\"2026-03-02\"", LG_ESCHEMA, "/checkins/1"},
      {"\"checkins\"", "\"check-ins\"", LG_ESCHEMA, "/check-ins"},
  };
  lg_plan *p = rich_plan(), *q = NULL;
  char *s = save(p);
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char buf[8192];
    const char *at = strstr(s, cases[i].from);
    lg_error err;
    int rc;
    assert_non_null(at);
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - s), s, cases[i].to, at + strlen(cases[i].from));
    memset(&err, 0, sizeof err);
    rc = lg_plan_restore(&q, cat, buf, strlen(buf), &err);
    if (rc != cases[i].status || strcmp(err.path, cases[i].path) != 0)
      fail_msg("case %u: got %d at \"%s\": %s", (unsigned)i, rc, err.path, err.message);
    assert_int_equal(err.status, cases[i].status);
  }
  assert_int_equal(lg_plan_restore(&q, cat, "{", 1, NULL), LG_ESYNTAX);
  assert_int_equal(lg_plan_restore(&q, cat, "[]", 2, NULL), LG_ESCHEMA);
  assert_int_equal(lg_plan_restore(NULL, cat, "{}", 2, NULL), LG_EINVAL);
  free(s);
  lg_plan_free(p);
}

static void every_one_byte_change_to_a_state_fails_cleanly_or_restores(void **state) {
  static const char subst[] = {'0', '"', '}', 'x', ',', '\\'};
  lgt_alloc t;
  lg_catalog *c = NULL;
  lg_plan *p = NULL, *q;
  const char *done[] = {"journal", NULL};
  char *s, *buf;
  size_t len, i, k, base, restored = 0;
  (void)state;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&c, &t.base, 0), LG_OK);
  assert_int_equal(lg_plan_new(&p, c, "let-go", "en"), LG_OK);
  assert_int_equal(lg_plan_set(p, "region", "IE"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 77), LG_OK);
  assert_int_equal(lg_plan_checkin(p, START, 2, done), LG_OK);
  s = save(p);
  lg_plan_free(p);
  base = t.live_bytes;
  len = strlen(s);
  buf = malloc(len + 1);
  for (i = 0; i < len; i++) {
    for (k = 0; k < sizeof subst; k++) {
      lg_error err;
      int rc;
      if (s[i] == subst[k]) continue;
      memcpy(buf, s, len + 1);
      buf[i] = subst[k];
      q = NULL;
      rc = lg_plan_restore(&q, c, buf, len, &err);
      if (rc == LG_OK) {
        restored++;
        lg_plan_free(q);
      } else {
        assert_null(q);
        assert_int_equal(err.status, rc);
      }
      assert_int_equal(t.live_bytes, base);
    }
  }
  assert_true(restored > 0); /* e.g. a digit of the seed */
  free(buf);
  free(s);
  lg_catalog_free(c);
  assert_int_equal(t.live_bytes, 0);
}

/* ---- allocation failure ------------------------------------------------ */

static int journey(const lg_catalog *c, void *ctx) {
  lg_plan *p = NULL, *q = NULL;
  lg_session *s = NULL;
  lg_result *r = NULL;
  const char *done[] = {"journal", "open-window", NULL};
  char buf[16384];
  size_t len;
  int rc, d;
  (void)ctx;
  rc = lg_plan_new(&p, c, "let-go", "en");
  if (rc == LG_OK) rc = lg_plan_set(p, "name", "Sam");
  if (rc == LG_OK) rc = lg_plan_set(p, "interests", "skills,social");
  if (rc == LG_OK) rc = lg_session_new(&s, c, "checkin", "en");
  if (rc == LG_OK) rc = lg_session_answer(s, "mood", 2);
  if (rc == LG_OK) rc = lg_session_answer(s, "safety", 1);
  if (rc == LG_OK) {
    rc = lg_session_score(s, &r);
    if (rc == LG_ESTATE) rc = LG_OK; /* scored partially below */
  }
  if (rc == LG_OK && r) rc = lg_plan_use_result(p, r);
  if (rc == LG_OK) rc = lg_plan_build(p, START, 5);
  for (d = 0; rc == LG_OK && d < 12; d++) rc = lg_plan_checkin(p, day_after(START, d), d % 3, d == 0 ? done : NULL);
  if (rc == LG_OK) rc = lg_plan_save(p, buf, sizeof buf, &len);
  if (rc == LG_OK) rc = lg_plan_restore(&q, c, buf, len, NULL);
  if (rc == LG_OK) rc = lg_plan_export(q, LG_FORMAT_ICALENDAR, NULL, 0, &len) == LG_ETRUNC ? LG_OK : LG_EINVAL;
  lg_plan_free(q);
  lg_plan_free(p);
  lg_result_free(r);
  lg_session_free(s);
  return rc;
}

static void every_allocation_failure_is_clean(void **state) {
  (void)state;
  assert_true(lgt_alloc_every_failure_after_catalog(journey, NULL) > 100);
}

static void freeing_wipes_names_and_moods(void **state) {
  lgt_alloc t;
  lg_catalog *c = NULL;
  lg_plan *p = NULL;
  const char *done[] = {"journal", NULL};
  (void)state;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&c, &t.base, 0), LG_OK);
  /* only the plan's blocks are scanned (the catalogue's hold no secrets,
   * and their unused tails are never written) */
  lgt_alloc_add_secret(&t, "Zebediah-Quux");
  assert_int_equal(lg_plan_new(&p, c, "let-go", "en"), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_name", "Zebediah-Quux"), LG_OK);
  assert_int_equal(lg_plan_build(p, START, 1), LG_OK);
  assert_int_equal(lg_plan_checkin(p, START, 3, done), LG_OK);
  lg_plan_free(p);
  assert_int_equal(t.secret_hits, 0);
  t.secrets[0] = NULL;
  lg_catalog_free(c);
  assert_int_equal(t.live_bytes, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(preferences_are_checked),
      cmocka_unit_test(arguments_are_checked),
      cmocka_unit_test(the_default_plan_has_42_days_and_three_phases),
      cmocka_unit_test(journal_prompts_do_not_repeat_until_the_pool_is_used_up),
      cmocka_unit_test(journal_picks_draw_only_prompts_of_their_own_phase),
      cmocka_unit_test(the_seed_changes_the_picks_and_nothing_else),
      cmocka_unit_test(high_distress_adds_the_decision_phase_a_longer_grief_and_therapy),
      cmocka_unit_test(grief_days_overrides_the_results_and_ready_shortens),
      cmocka_unit_test(support_and_interests_come_from_preferences_or_the_support_result),
      cmocka_unit_test(plan_days_stretches_the_rebuilding_phase),
      cmocka_unit_test(persona_fills_the_texts),
      cmocka_unit_test(checkins_are_checked_and_replace),
      cmocka_unit_test(adherence_tells_nothing_scheduled_from_nothing_done),
      cmocka_unit_test(the_streak_counts_days_in_a_row_with_something_done),
      cmocka_unit_test(three_low_moods_after_the_grief_window_add_therapy_the_next_day),
      cmocka_unit_test(a_crisis_checkin_puts_the_crisis_resources_first_from_the_next_day),
      cmocka_unit_test(a_crisis_before_building_heads_the_plan),
      cmocka_unit_test(a_saved_plan_restores_to_the_same_exports),
      cmocka_unit_test(tampered_states_are_refused_with_a_pointer),
      cmocka_unit_test(every_one_byte_change_to_a_state_fails_cleanly_or_restores),
      cmocka_unit_test(every_allocation_failure_is_clean),
      cmocka_unit_test(freeing_wipes_names_and_moods),
  };
  return cmocka_run_group_tests_name("plan", tests, setup, teardown);
}
