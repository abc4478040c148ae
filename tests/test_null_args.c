/*
 * test_null_args.c - every public function, with NULL for each pointer
 * argument in turn: fallible calls return LG_EINVAL, accessors return what
 * their doc comment promises for NULL (NULL, 0, -1, {0,0,0}), arguments that
 * are documented as optional (locale, err, total, vars, done, out-counts)
 * work, and every lg_*_free takes NULL. Never a crash.
 *
 * The table must name every exported function: the last test reads
 * docs/symbols.txt (when present) and the LG_API declarations of
 * the public headers and fails for any name the table lacks.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <letgo/letgo.h>

#include "test_alloc.h"

/* ---- the fixture: one of every object ---------------------------------- */

static lg_catalog *cat;      /* built-in */
static lg_catalog *empty;    /* LG_CATALOG_EMPTY, for loads */
static lg_session *sess;     /* one-sided, one answer */
static const lg_item *item;  /* its next item */
static lg_result *res;       /* a scored one-sided result */
static lg_plan *plan;        /* built, with one check-in */
static lg_plan *unbuilt;     /* made, never built */
static const lg_task *task;  /* the plan's first task */
static const lg_entry *entry;
static char sess_state[8192];
static size_t sess_state_len;
static char plan_state[65536];
static size_t plan_state_len;

static const lg_date START = {2026, 3, 2};
static const char PACK[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"t\",\"version\":\"1\",\"locale\":\"en\","
    "\"entries\":[{\"id\":\"tip.t\",\"kind\":\"tip\",\"title\":\"T\",\"body\":\"B\"}]}";

static int setup(void **state) {
  const lg_item *it;
  lg_session *full = NULL;
  (void)state;
  if (lg_catalog_new(&cat, NULL, 0) != LG_OK) return -1;
  if (lg_catalog_new(&empty, NULL, LG_CATALOG_EMPTY) != LG_OK) return -1;
  if (lg_session_new(&sess, cat, "one-sided", "en") != LG_OK) return -1;
  if (lg_session_answer(sess, "exhausted", 2) != LG_OK) return -1;
  item = lg_session_next(sess);
  if (!item) return -1;
  if (lg_session_save(sess, sess_state, sizeof sess_state, &sess_state_len) != LG_OK) return -1;
  if (lg_session_new(&full, cat, "one-sided", "en") != LG_OK) return -1;
  while ((it = lg_session_next(full)) != NULL)
    if (lg_session_answer(full, lg_item_id(it), 3) != LG_OK) return -1;
  if (lg_session_score(full, &res) != LG_OK) return -1;
  lg_session_free(full);
  if (lg_plan_new(&plan, cat, "let-go", "en") != LG_OK) return -1;
  if (lg_plan_new(&unbuilt, cat, "let-go", "en") != LG_OK) return -1;
  if (lg_plan_use_result(plan, res) != LG_OK) return -1;
  if (lg_plan_build(plan, START, 7) != LG_OK) return -1;
  if (lg_plan_checkin(plan, START, 5, NULL) != LG_OK) return -1;
  task = lg_plan_task(plan, 0, 0);
  if (!task) return -1;
  if (lg_plan_save(plan, plan_state, sizeof plan_state, &plan_state_len) != LG_OK) return -1;
  entry = lg_catalog_entry(cat, "sign.exhausted", "en");
  return entry ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  lg_plan_free(plan);
  lg_plan_free(unbuilt);
  lg_result_free(res);
  lg_session_free(sess);
  lg_catalog_free(empty);
  lg_catalog_free(cat);
  return 0;
}

#define EINVAL_(call) assert_int_equal((call), LG_EINVAL)

/* ---- letgo.h ------------------------------------------------------------ */

static void c_lg_version(void) {
  assert_string_equal(lg_version(), LG_VERSION_STRING);
}

static void c_lg_strerror(void) {
  assert_non_null(lg_strerror(LG_EINVAL));
  assert_non_null(lg_strerror(-12345));
}

/* ---- catalog.h ---------------------------------------------------------- */

static void c_lg_catalog_new(void) {
  lg_catalog *c = (lg_catalog *)&c; /* a sentinel: must stay untouched on failure */
  lg_allocator half = {NULL, NULL};
  EINVAL_(lg_catalog_new(NULL, NULL, 0));
  EINVAL_(lg_catalog_new(NULL, NULL, LG_CATALOG_EMPTY));
  EINVAL_(lg_catalog_new(&c, &half, LG_CATALOG_EMPTY)); /* a NULL realloc function */
  assert_ptr_equal(c, (lg_catalog *)&c);
  /* alloc NULL is documented: libc */
  assert_int_equal(lg_catalog_new(&c, NULL, LG_CATALOG_EMPTY), LG_OK);
  lg_catalog_free(c);
}

static void c_lg_catalog_free(void) { lg_catalog_free(NULL); }

static void c_lg_catalog_load(void) {
  lg_error err;
  size_t n = lg_catalog_entry_count(empty);
  EINVAL_(lg_catalog_load(NULL, PACK, sizeof PACK - 1, NULL));
  EINVAL_(lg_catalog_load(NULL, PACK, sizeof PACK - 1, &err));
  assert_int_equal(err.status, LG_EINVAL);
  EINVAL_(lg_catalog_load(empty, NULL, 10, NULL));
  EINVAL_(lg_catalog_load(empty, NULL, 0, NULL));
  assert_int_equal(lg_catalog_entry_count(empty), n);
  /* err NULL is documented: a failure still returns its status */
  assert_int_equal(lg_catalog_load(empty, "{", 1, NULL), LG_ESYNTAX);
}

static void c_lg_catalog_load_file(void) {
  lg_error err;
  EINVAL_(lg_catalog_load_file(NULL, LETGO_SOURCE_DIR "/content/core.en.json", NULL));
  EINVAL_(lg_catalog_load_file(empty, NULL, NULL));
  EINVAL_(lg_catalog_load_file(empty, NULL, &err));
  assert_int_equal(err.status, LG_EINVAL);
  assert_int_equal(lg_catalog_load_file(empty, LETGO_TEST_DATA "/no/such/file.json", NULL), LG_EIO);
}

static void c_lg_catalog_entry(void) {
  assert_null(lg_catalog_entry(NULL, "sign.exhausted", "en"));
  assert_null(lg_catalog_entry(cat, NULL, "en"));
  assert_ptr_equal(lg_catalog_entry(cat, "sign.exhausted", NULL), entry); /* default en */
}

static void c_lg_catalog_search(void) {
  lg_hit hits[4];
  size_t total = 99;
  EINVAL_(lg_catalog_search(NULL, "grief", "en", hits, 4, &total));
  EINVAL_(lg_catalog_search(cat, NULL, "en", hits, 4, &total));
  EINVAL_(lg_catalog_search(cat, "grief", "en", NULL, 4, &total));
  assert_int_equal(total, 99);
  assert_int_equal(lg_catalog_search(cat, "grief", NULL, hits, 4, &total), LG_OK);
  assert_true(total > 0);
  assert_int_equal(lg_catalog_search(cat, "grief", "en", NULL, 0, &total), LG_OK);
  assert_int_equal(lg_catalog_search(cat, "grief", "en", hits, 4, NULL), LG_OK);
}

static void c_lg_catalog_search_ex(void) {
  lg_hit hits[4];
  size_t total = 99;
  EINVAL_(lg_catalog_search_ex(NULL, "grief", "en", 2, 0, hits, 4, &total));
  EINVAL_(lg_catalog_search_ex(cat, NULL, "en", 2, 0, hits, 4, &total));
  EINVAL_(lg_catalog_search_ex(cat, "grief", "en", 2, 0, NULL, 4, &total));
  assert_int_equal(total, 99);
  assert_int_equal(lg_catalog_search_ex(cat, "grief", NULL, 2, 0, hits, 4, &total), LG_OK);
  assert_int_equal(lg_catalog_search_ex(cat, "grief", "en", 2, 0, NULL, 0, &total), LG_OK);
  assert_int_equal(lg_catalog_search_ex(cat, "grief", "en", 2, LG_SEARCH_OR, hits, 4, NULL), LG_OK);
}

static void c_lg_catalog_entry_count(void) { assert_int_equal(lg_catalog_entry_count(NULL), 0); }
static void c_lg_catalog_entry_at(void) { assert_null(lg_catalog_entry_at(NULL, 0)); }
static void c_lg_catalog_instrument_count(void) {
  assert_int_equal(lg_catalog_instrument_count(NULL), 0);
}
static void c_lg_catalog_instrument_id(void) { assert_null(lg_catalog_instrument_id(NULL, 0)); }
static void c_lg_catalog_template_count(void) {
  assert_int_equal(lg_catalog_template_count(NULL), 0);
}
static void c_lg_catalog_template_id(void) { assert_null(lg_catalog_template_id(NULL, 0)); }

static void c_lg_entry_id(void) { assert_null(lg_entry_id(NULL)); }
static void c_lg_entry_kind(void) { assert_null(lg_entry_kind(NULL)); }
static void c_lg_entry_title(void) { assert_null(lg_entry_title(NULL)); }
static void c_lg_entry_body(void) { assert_null(lg_entry_body(NULL)); }
static void c_lg_entry_locale(void) { assert_null(lg_entry_locale(NULL)); }
static void c_lg_entry_tag_count(void) { assert_int_equal(lg_entry_tag_count(NULL), 0); }
static void c_lg_entry_tag(void) { assert_null(lg_entry_tag(NULL, 0)); }
static void c_lg_entry_phase(void) { assert_null(lg_entry_phase(NULL)); }
static void c_lg_entry_region_count(void) { assert_int_equal(lg_entry_region_count(NULL), 0); }
static void c_lg_entry_region(void) { assert_null(lg_entry_region(NULL, 0)); }
static void c_lg_entry_contact(void) {
  assert_null(lg_entry_contact(NULL, "phone"));
  assert_null(lg_entry_contact(entry, NULL));
}
static void c_lg_entry_source(void) { assert_null(lg_entry_source(NULL)); }
static void c_lg_entry_checked(void) { assert_null(lg_entry_checked(NULL)); }

static void c_lg_render(void) {
  static const char *const vars[] = {"name", "Sam", NULL};
  char buf[64];
  size_t len = 99;
  EINVAL_(lg_render(NULL, "Hi {name}", "en", vars, buf, sizeof buf, &len));
  EINVAL_(lg_render(cat, NULL, "en", vars, buf, sizeof buf, &len));
  EINVAL_(lg_render(cat, "Hi {name}", "en", vars, buf, sizeof buf, NULL));
  EINVAL_(lg_render(cat, "Hi {name}", "en", vars, NULL, sizeof buf, &len));
  /* locale NULL, vars NULL and the length query are documented */
  assert_int_equal(lg_render(cat, "Hi {name}", NULL, vars, buf, sizeof buf, &len), LG_OK);
  assert_string_equal(buf, "Hi Sam");
  assert_int_equal(lg_render(cat, "Hi {name}", "en", NULL, buf, sizeof buf, &len), LG_OK);
  assert_string_equal(buf, "Hi friend");
  assert_int_equal(lg_render(cat, "Hi {name}", "en", vars, NULL, 0, &len), LG_ETRUNC);
  assert_int_equal(len, 6);
}

/* ---- assess.h ----------------------------------------------------------- */

static void c_lg_session_new(void) {
  lg_session *s = (lg_session *)&s;
  EINVAL_(lg_session_new(NULL, cat, "one-sided", "en"));
  EINVAL_(lg_session_new(&s, NULL, "one-sided", "en"));
  EINVAL_(lg_session_new(&s, cat, NULL, "en"));
  assert_ptr_equal(s, (lg_session *)&s);
  assert_int_equal(lg_session_new(&s, cat, "one-sided", NULL), LG_OK);
  assert_string_equal(lg_session_locale(s), "en");
  lg_session_free(s);
}

static void c_lg_session_free(void) { lg_session_free(NULL); }
static void c_lg_session_next(void) { assert_null(lg_session_next(NULL)); }

static void c_lg_session_answer(void) {
  EINVAL_(lg_session_answer(NULL, "exhausted", 1));
  EINVAL_(lg_session_answer(sess, NULL, 1));
}

static void c_lg_session_clear(void) {
  EINVAL_(lg_session_clear(NULL, "exhausted"));
  EINVAL_(lg_session_clear(sess, NULL));
}

static void c_lg_session_score(void) {
  lg_result *r = (lg_result *)&r;
  EINVAL_(lg_session_score(NULL, &r));
  EINVAL_(lg_session_score(sess, NULL));
  assert_ptr_equal(r, (lg_result *)&r);
}

static void c_lg_session_save(void) {
  char buf[8192];
  size_t len = 0;
  EINVAL_(lg_session_save(NULL, buf, sizeof buf, &len));
  EINVAL_(lg_session_save(sess, buf, sizeof buf, NULL));
  EINVAL_(lg_session_save(sess, NULL, sizeof buf, &len));
  assert_int_equal(lg_session_save(sess, NULL, 0, &len), LG_ETRUNC);
  assert_int_equal(len, sess_state_len);
}

static void c_lg_session_restore(void) {
  lg_session *s = (lg_session *)&s;
  lg_error err;
  int rc;
  EINVAL_(lg_session_restore(NULL, cat, sess_state, sess_state_len, NULL));
  EINVAL_(lg_session_restore(&s, NULL, sess_state, sess_state_len, NULL));
  EINVAL_(lg_session_restore(&s, cat, NULL, sess_state_len, NULL));
  /* NULL with length 0 reads as empty input: refused, never a crash */
  rc = lg_session_restore(&s, cat, NULL, 0, &err);
  assert_true(rc < 0);
  assert_int_equal(err.status, rc);
  assert_ptr_equal(s, (lg_session *)&s);
  assert_int_equal(lg_session_restore(&s, cat, sess_state, sess_state_len, NULL), LG_OK);
  lg_session_free(s);
}

static void c_lg_session_progress(void) {
  size_t a = 99, t = 99;
  EINVAL_(lg_session_progress(NULL, &a, &t));
  EINVAL_(lg_session_progress(sess, NULL, &t));
  EINVAL_(lg_session_progress(sess, &a, NULL));
  assert_int_equal(a, 99);
  assert_int_equal(lg_session_progress(sess, &a, &t), LG_OK);
  assert_int_equal(a, 1);
}

static void c_lg_session_instrument(void) { assert_null(lg_session_instrument(NULL)); }
static void c_lg_session_title(void) { assert_null(lg_session_title(NULL)); }
static void c_lg_session_intro(void) { assert_null(lg_session_intro(NULL)); }
static void c_lg_session_locale(void) { assert_null(lg_session_locale(NULL)); }
static void c_lg_session_item_count(void) { assert_int_equal(lg_session_item_count(NULL), 0); }
static void c_lg_session_item_at(void) { assert_null(lg_session_item_at(NULL, 0)); }
static void c_lg_session_item(void) {
  assert_null(lg_session_item(NULL, "exhausted"));
  assert_null(lg_session_item(sess, NULL));
}

static void c_lg_session_value(void) {
  double v = 42;
  EINVAL_(lg_session_value(NULL, "exhausted", &v));
  EINVAL_(lg_session_value(sess, NULL, &v));
  EINVAL_(lg_session_value(sess, "exhausted", NULL));
  assert_true(v == 42);
}

static void c_lg_session_enabled(void) {
  EINVAL_(lg_session_enabled(NULL, "exhausted"));
  EINVAL_(lg_session_enabled(sess, NULL));
}

static void c_lg_session_flags(void) { assert_int_equal(lg_session_flags(NULL), 0); }

static void c_lg_item_id(void) { assert_null(lg_item_id(NULL)); }
static void c_lg_item_text(void) { assert_null(lg_item_text(NULL)); }
static void c_lg_item_type(void) { assert_int_equal(lg_item_type(NULL), -1); }
static void c_lg_item_min(void) { assert_true(lg_item_min(NULL) == 0); }
static void c_lg_item_max(void) { assert_true(lg_item_max(NULL) == 0); }
static void c_lg_item_required(void) { assert_int_equal(lg_item_required(NULL), 0); }
static void c_lg_item_option_count(void) { assert_int_equal(lg_item_option_count(NULL), 0); }
static void c_lg_item_option_label(void) { assert_null(lg_item_option_label(NULL, 0)); }
static void c_lg_item_option_value(void) { assert_true(lg_item_option_value(NULL, 0) == 0); }

static void c_lg_result_free(void) { lg_result_free(NULL); }
static void c_lg_result_score(void) { assert_true(lg_result_score(NULL) == 0); }
static void c_lg_result_band(void) { assert_null(lg_result_band(NULL)); }
static void c_lg_result_band_label(void) { assert_null(lg_result_band_label(NULL)); }
static void c_lg_result_flags(void) { assert_int_equal(lg_result_flags(NULL), 0); }
static void c_lg_result_band_summary(void) { assert_null(lg_result_band_summary(NULL)); }
static void c_lg_result_instrument(void) { assert_null(lg_result_instrument(NULL)); }
static void c_lg_result_locale(void) { assert_null(lg_result_locale(NULL)); }
static void c_lg_result_pack_version(void) { assert_null(lg_result_pack_version(NULL)); }
static void c_lg_result_subscale_count(void) { assert_int_equal(lg_result_subscale_count(NULL), 0); }
static void c_lg_result_subscale_id(void) { assert_null(lg_result_subscale_id(NULL, 0)); }
static void c_lg_result_subscale_score(void) {
  double v = lg_result_subscale_score(NULL, 0);
  assert_true(v != v); /* NaN, as for an index out of range */
}
static void c_lg_result_feedback_count(void) { assert_int_equal(lg_result_feedback_count(NULL), 0); }
static void c_lg_result_feedback(void) { assert_null(lg_result_feedback(NULL, 0)); }

static void c_lg_result_answer(void) {
  double v = 42;
  EINVAL_(lg_result_answer(NULL, "exhausted", &v));
  EINVAL_(lg_result_answer(res, NULL, &v));
  EINVAL_(lg_result_answer(res, "exhausted", NULL));
  assert_true(v == 42);
  assert_int_equal(lg_result_answer(res, "exhausted", &v), LG_OK);
  assert_true(v == 3);
}

static void c_lg_result_json(void) {
  char buf[16];
  size_t len = 0;
  EINVAL_(lg_result_json(NULL, buf, sizeof buf, &len));
  EINVAL_(lg_result_json(res, buf, sizeof buf, NULL));
  EINVAL_(lg_result_json(res, NULL, sizeof buf, &len));
  assert_int_equal(lg_result_json(res, NULL, 0, &len), LG_ETRUNC);
  assert_true(len > 100);
}

static void c_lg_result_json_region(void) {
  char buf[16];
  size_t len = 0;
  EINVAL_(lg_result_json_region(NULL, "ES", buf, sizeof buf, &len));
  EINVAL_(lg_result_json_region(res, NULL, buf, sizeof buf, &len));
  EINVAL_(lg_result_json_region(res, "ES", buf, sizeof buf, NULL));
  EINVAL_(lg_result_json_region(res, "ES", NULL, sizeof buf, &len));
  assert_int_equal(lg_result_json_region(res, "ES", NULL, 0, &len), LG_ETRUNC);
  assert_true(len > 100);
}

/* ---- plan.h ------------------------------------------------------------- */

static void c_lg_plan_new(void) {
  lg_plan *p = (lg_plan *)&p;
  EINVAL_(lg_plan_new(NULL, cat, "let-go", "en"));
  EINVAL_(lg_plan_new(&p, NULL, "let-go", "en"));
  EINVAL_(lg_plan_new(&p, cat, NULL, "en"));
  assert_ptr_equal(p, (lg_plan *)&p);
  assert_int_equal(lg_plan_new(&p, cat, "let-go", NULL), LG_OK);
  lg_plan_free(p);
}

static void c_lg_plan_free(void) { lg_plan_free(NULL); }

static void c_lg_plan_set(void) {
  EINVAL_(lg_plan_set(NULL, "name", "Sam"));
  EINVAL_(lg_plan_set(unbuilt, NULL, "Sam"));
  /* a NULL (or empty) value clears the preference */
  assert_int_equal(lg_plan_set(unbuilt, "name", NULL), LG_OK);
}

static void c_lg_plan_use_result(void) {
  EINVAL_(lg_plan_use_result(NULL, res));
  EINVAL_(lg_plan_use_result(unbuilt, NULL));
}

static void c_lg_plan_build(void) { EINVAL_(lg_plan_build(NULL, START, 1)); }
static void c_lg_plan_day_count(void) { assert_int_equal(lg_plan_day_count(NULL), 0); }
static void c_lg_plan_task_count(void) { assert_int_equal(lg_plan_task_count(NULL, 0), 0); }
static void c_lg_plan_task(void) { assert_null(lg_plan_task(NULL, 0, 0)); }

static void c_lg_plan_checkin(void) {
  EINVAL_(lg_plan_checkin(NULL, START, 5, NULL));
  /* done NULL is documented: nothing done that day */
  assert_int_equal(lg_plan_checkin(plan, START, 5, NULL), LG_OK);
}

static void c_lg_plan_export(void) {
  static const int formats[] = {LG_FORMAT_JSON, LG_FORMAT_ICALENDAR, LG_FORMAT_MARKDOWN};
  char buf[16];
  size_t len = 0, i;
  for (i = 0; i < 3; i++) {
    EINVAL_(lg_plan_export(NULL, formats[i], buf, sizeof buf, &len));
    EINVAL_(lg_plan_export(plan, formats[i], buf, sizeof buf, NULL));
    EINVAL_(lg_plan_export(plan, formats[i], NULL, sizeof buf, &len));
    assert_int_equal(lg_plan_export(plan, formats[i], NULL, 0, &len), LG_ETRUNC);
    assert_true(len > 100);
  }
}

static void c_lg_plan_save(void) {
  char buf[16];
  size_t len = 0;
  EINVAL_(lg_plan_save(NULL, buf, sizeof buf, &len));
  EINVAL_(lg_plan_save(plan, buf, sizeof buf, NULL));
  EINVAL_(lg_plan_save(plan, NULL, sizeof buf, &len));
  assert_int_equal(lg_plan_save(plan, NULL, 0, &len), LG_ETRUNC);
  assert_int_equal(len, plan_state_len);
}

static void c_lg_plan_restore(void) {
  lg_plan *p = (lg_plan *)&p;
  lg_error err;
  int rc;
  EINVAL_(lg_plan_restore(NULL, cat, plan_state, plan_state_len, NULL));
  EINVAL_(lg_plan_restore(&p, NULL, plan_state, plan_state_len, NULL));
  EINVAL_(lg_plan_restore(&p, cat, NULL, plan_state_len, NULL));
  rc = lg_plan_restore(&p, cat, NULL, 0, &err);
  assert_true(rc < 0);
  assert_int_equal(err.status, rc);
  assert_ptr_equal(p, (lg_plan *)&p);
  assert_int_equal(lg_plan_restore(&p, cat, plan_state, plan_state_len, NULL), LG_OK);
  lg_plan_free(p);
}

static void c_lg_task_id(void) { assert_null(lg_task_id(NULL)); }
static void c_lg_task_title(void) { assert_null(lg_task_title(NULL)); }
static void c_lg_task_body(void) { assert_null(lg_task_body(NULL)); }
static void c_lg_task_phase(void) { assert_null(lg_task_phase(NULL)); }
static void c_lg_task_date(void) {
  lg_date d = lg_task_date(NULL);
  assert_int_equal(d.year, 0);
  assert_int_equal(d.month, 0);
  assert_int_equal(d.day, 0);
}
static void c_lg_task_entry(void) { assert_null(lg_task_entry(NULL)); }
static void c_lg_task_reminder(void) { assert_int_equal(lg_task_reminder(NULL), -1); }

static void c_lg_plan_flags(void) { assert_int_equal(lg_plan_flags(NULL), 0); }
static void c_lg_plan_title(void) { assert_null(lg_plan_title(NULL)); }
static void c_lg_plan_day_date(void) {
  lg_date d = lg_plan_day_date(NULL, 0);
  assert_int_equal(d.year, 0);
  assert_int_equal(d.month, 0);
  assert_int_equal(d.day, 0);
}
static void c_lg_plan_phase_count(void) { assert_int_equal(lg_plan_phase_count(NULL), 0); }
static void c_lg_plan_phase_id(void) { assert_null(lg_plan_phase_id(NULL, 0)); }
static void c_lg_plan_phase_title(void) { assert_null(lg_plan_phase_title(NULL, 0)); }
static void c_lg_plan_phase_start(void) { assert_int_equal(lg_plan_phase_start(NULL, 0), 0); }
static void c_lg_plan_phase_length(void) { assert_int_equal(lg_plan_phase_length(NULL, 0), 0); }

static void c_lg_plan_adherence(void) {
  size_t d = 99, s = 99;
  EINVAL_(lg_plan_adherence(NULL, 0, &d, &s));
  assert_int_equal(d, 99);
  assert_int_equal(lg_plan_adherence(plan, 0, NULL, &s), LG_OK);
  assert_int_equal(lg_plan_adherence(plan, 0, &d, NULL), LG_OK);
  assert_int_equal(lg_plan_adherence(plan, 0, NULL, NULL), LG_OK);
}

static void c_lg_plan_phase_adherence(void) {
  size_t d = 99, s = 99;
  EINVAL_(lg_plan_phase_adherence(NULL, 0, &d, &s));
  assert_int_equal(d, 99);
  assert_int_equal(lg_plan_phase_adherence(plan, 0, NULL, &s), LG_OK);
  assert_int_equal(lg_plan_phase_adherence(plan, 0, &d, NULL), LG_OK);
}

static void c_lg_plan_overall_adherence(void) {
  size_t d = 99, s = 99;
  EINVAL_(lg_plan_overall_adherence(NULL, &d, &s));
  assert_int_equal(d, 99);
  assert_int_equal(lg_plan_overall_adherence(plan, NULL, &s), LG_OK);
  assert_int_equal(lg_plan_overall_adherence(plan, &d, NULL), LG_OK);
}

static void c_lg_plan_streak(void) {
  size_t n = 99;
  EINVAL_(lg_plan_streak(NULL, START, &n));
  EINVAL_(lg_plan_streak(plan, START, NULL));
  assert_int_equal(n, 99);
}

static void c_lg_plan_checkin_count(void) { assert_int_equal(lg_plan_checkin_count(NULL), 0); }

static void c_lg_plan_checkin_at(void) {
  lg_date d = {0, 0, 0};
  int mood = -1;
  size_t n = 99;
  EINVAL_(lg_plan_checkin_at(NULL, 0, &d, &mood, &n));
  assert_int_equal(mood, -1);
  assert_int_equal(lg_plan_checkin_at(plan, 0, NULL, &mood, &n), LG_OK);
  assert_int_equal(mood, 5);
  assert_int_equal(lg_plan_checkin_at(plan, 0, &d, NULL, &n), LG_OK);
  assert_int_equal(lg_plan_checkin_at(plan, 0, &d, &mood, NULL), LG_OK);
}

/* ---- the table ---------------------------------------------------------- */

typedef struct nullcase {
  const char *name;
  void (*run)(void);
} nullcase;

#define C(fn) {#fn, c_##fn}
static const nullcase table[] = {
    C(lg_version), C(lg_strerror),
    /* catalog.h */
    C(lg_catalog_new), C(lg_catalog_free), C(lg_catalog_load), C(lg_catalog_load_file),
    C(lg_catalog_entry), C(lg_catalog_search), C(lg_catalog_search_ex),
    C(lg_catalog_entry_count), C(lg_catalog_entry_at), C(lg_catalog_instrument_count),
    C(lg_catalog_instrument_id), C(lg_catalog_template_count), C(lg_catalog_template_id),
    C(lg_entry_id), C(lg_entry_kind), C(lg_entry_title), C(lg_entry_body), C(lg_entry_locale),
    C(lg_entry_tag_count), C(lg_entry_tag), C(lg_entry_phase), C(lg_entry_region_count),
    C(lg_entry_region), C(lg_entry_contact), C(lg_entry_source), C(lg_entry_checked),
    C(lg_render),
    /* assess.h */
    C(lg_session_new), C(lg_session_free), C(lg_session_next), C(lg_session_answer),
    C(lg_session_clear), C(lg_session_score), C(lg_session_save), C(lg_session_restore),
    C(lg_session_progress), C(lg_session_instrument), C(lg_session_title), C(lg_session_intro),
    C(lg_session_locale), C(lg_session_item_count), C(lg_session_item_at), C(lg_session_item),
    C(lg_session_value), C(lg_session_enabled), C(lg_session_flags),
    C(lg_item_id), C(lg_item_text), C(lg_item_type), C(lg_item_min), C(lg_item_max),
    C(lg_item_required), C(lg_item_option_count), C(lg_item_option_label),
    C(lg_item_option_value),
    C(lg_result_free), C(lg_result_score), C(lg_result_band), C(lg_result_band_label),
    C(lg_result_flags), C(lg_result_band_summary), C(lg_result_instrument), C(lg_result_locale),
    C(lg_result_pack_version), C(lg_result_subscale_count), C(lg_result_subscale_id),
    C(lg_result_subscale_score), C(lg_result_feedback_count), C(lg_result_feedback),
    C(lg_result_answer), C(lg_result_json), C(lg_result_json_region),
    /* plan.h */
    C(lg_plan_new), C(lg_plan_free), C(lg_plan_set), C(lg_plan_use_result), C(lg_plan_build),
    C(lg_plan_day_count), C(lg_plan_task_count), C(lg_plan_task), C(lg_plan_checkin),
    C(lg_plan_export), C(lg_plan_save), C(lg_plan_restore),
    C(lg_task_id), C(lg_task_title), C(lg_task_body), C(lg_task_phase), C(lg_task_date),
    C(lg_task_entry), C(lg_task_reminder),
    C(lg_plan_flags), C(lg_plan_title), C(lg_plan_day_date), C(lg_plan_phase_count),
    C(lg_plan_phase_id), C(lg_plan_phase_title), C(lg_plan_phase_start),
    C(lg_plan_phase_length), C(lg_plan_adherence), C(lg_plan_phase_adherence),
    C(lg_plan_overall_adherence), C(lg_plan_streak), C(lg_plan_checkin_count),
    C(lg_plan_checkin_at),
};
#undef C

#define NCASES (sizeof table / sizeof table[0])

static void run_case(void **state) {
  const nullcase *c = *state;
  c->run();
}

/* ---- the table covers every exported function ---------------------------- */

static int in_table(const char *name, size_t n) {
  size_t i;
  for (i = 0; i < NCASES; i++)
    if (strlen(table[i].name) == n && memcmp(table[i].name, name, n) == 0) return 1;
  return 0;
}

static int is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Checks each name in text (symbols.txt: one a line, '#' comments). */
static size_t check_symbol_list(const char *text) {
  size_t missing = 0, seen = 0;
  const char *p = text;
  while (*p) {
    const char *end = strchr(p, '\n'), *q = p;
    size_t n;
    if (!end) end = p + strlen(p);
    while (q < end && is_ident(*q)) q++;
    n = (size_t)(q - p);
    if (n > 3 && memcmp(p, "lg_", 3) == 0) {
      seen++;
      if (!in_table(p, n)) {
        print_error("docs/symbols.txt: %.*s is not in the NULL-argument table\n", (int)n, p);
        missing++;
      }
    }
    p = *end ? end + 1 : end;
  }
  assert_true(seen > 0);
  return missing;
}

/* Checks the name of each LG_API declaration in a header. */
static size_t check_header(const char *path, size_t *seen) {
  size_t len, missing = 0;
  char *text = lgt_read_file(path, &len);
  const char *p;
  assert_non_null(text);
  for (p = strstr(text, "LG_API "); p; p = strstr(p + 1, "LG_API ")) {
    const char *paren = strchr(p, '('), *b = paren;
    if (p > text && is_ident(p[-1])) continue; /* not the macro itself */
    if (!paren) break;
    while (b > p && b[-1] == ' ') b--;
    {
      const char *e = b;
      while (b > p && is_ident(b[-1])) b--;
      if (e - b > 3 && memcmp(b, "lg_", 3) == 0) {
        (*seen)++;
        if (!in_table(b, (size_t)(e - b))) {
          print_error("%s: %.*s is not in the NULL-argument table\n", path, (int)(e - b), b);
          missing++;
        }
      }
    }
  }
  free(text);
  return missing;
}

static void the_table_covers_every_public_function(void **state) {
  static const char *const headers[] = {"letgo.h", "catalog.h", "assess.h", "plan.h"};
  char path[1024];
  size_t i, missing = 0, seen = 0;
  char *symbols;
  (void)state;
  for (i = 0; i < 4; i++) {
    snprintf(path, sizeof path, "%s/include/letgo/%s", LETGO_SOURCE_DIR, headers[i]);
    missing += check_header(path, &seen);
  }
  assert_int_equal(seen, NCASES); /* and no stale names in the table */
  symbols = lgt_read_file(LETGO_SOURCE_DIR "/docs/symbols.txt", NULL);
  if (symbols) {
    missing += check_symbol_list(symbols);
    free(symbols);
  }
  assert_int_equal(missing, 0);
}

int main(void) {
  static struct CMUnitTest tests[NCASES + 1];
  size_t i;
  for (i = 0; i < NCASES; i++) {
    tests[i].name = table[i].name;
    tests[i].test_func = run_case;
    tests[i].setup_func = NULL;
    tests[i].teardown_func = NULL;
    tests[i].initial_state = (void *)(size_t)&table[i];
  }
  tests[NCASES].name = "the_table_covers_every_public_function";
  tests[NCASES].test_func = the_table_covers_every_public_function;
  return cmocka_run_group_tests_name("null_args", tests, setup, teardown);
}
