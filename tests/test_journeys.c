/*
 * test_journeys.c - every journey an app makes, under allocation failure.
 *
 * For each journey (the built-in catalogue, loading an extra pack, a search,
 * full assessments with save and restore, building and rebuilding a plan,
 * check-ins, each export, saving and restoring a plan) the Nth allocation
 * fails, for N = 1, 2, ... until the journey runs clean. Each time:
 * - the failing call returns LG_ENOMEM (or succeeds, when the library can
 *   do without that allocation),
 * - the object it was called on is unchanged (its saved state and exports
 *   are byte-identical to before) and still usable: the same call then
 *   succeeds and the journey ends with exactly the output of a clean run,
 * - once everything is freed no byte is live.
 * The number of allocation points of each journey is printed.
 *
 * Journeys after the first share one built-in catalogue made with a test
 * allocator; only the journey's own allocations are failed (the catalogue
 * is read-only after loading, so sessions and plans made from it draw on
 * its allocator without changing it). With LETGO_TEST_SCALE=small (the
 * valgrind runs) the two catalogue journeys fail every 17th allocation
 * only.
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

static const lg_date START = {2026, 3, 2};
static const lg_date START2 = {2026, 4, 13};

/* ---- pausing the failure countdown -------------------------------------- */

/* Snapshots taken to compare state must not consume the failure. */
static size_t paused_left;

static void pause_failures(lgt_alloc *a) {
  paused_left = a->fail_at > a->allocs ? a->fail_at - a->allocs : 0;
  a->fail_at = 0;
}

static void resume_failures(lgt_alloc *a) {
  if (paused_left) a->fail_at = a->allocs + paused_left;
  paused_left = 0;
}

/* ---- expected outputs: recorded by a clean run, compared by the others -- */

#define NEXPECT 16
static char *expected[NEXPECT];
static int recording;

static void expect_text(int k, const char *text) {
  if (recording) {
    size_t n = strlen(text) + 1;
    free(expected[k]);
    expected[k] = malloc(n);
    assert_non_null(expected[k]);
    memcpy(expected[k], text, n);
  } else {
    assert_non_null(expected[k]);
    assert_string_equal(text, expected[k]);
  }
}

static void forget_expected(void) {
  int i;
  for (i = 0; i < NEXPECT; i++) {
    free(expected[i]);
    expected[i] = NULL;
  }
}

/* ---- text outputs through the library's convention ---------------------- */

typedef int (*text_fn)(const void *obj, int arg, char *buf, size_t cap, size_t *len);

/* Returns a malloc'd text, or NULL with *rc set to the failing status. */
static char *text_of(text_fn fn, const void *obj, int arg, int *rc) {
  size_t len = 0, len2 = 0;
  char *buf;
  *rc = fn(obj, arg, NULL, 0, &len);
  if (*rc != LG_ETRUNC && *rc != LG_OK) return NULL;
  buf = malloc(len + 1);
  assert_non_null(buf);
  *rc = fn(obj, arg, buf, len + 1, &len2);
  if (*rc != LG_OK) {
    free(buf);
    return NULL;
  }
  assert_int_equal(len2, len);
  assert_int_equal(strlen(buf), len);
  return buf;
}

/* The same, paused: for snapshots. */
static char *snapshot(lgt_alloc *a, text_fn fn, const void *obj, int arg) {
  int rc;
  char *s;
  pause_failures(a);
  s = text_of(fn, obj, arg, &rc);
  assert_int_equal(rc, LG_OK);
  resume_failures(a);
  return s;
}

static int session_save_fn(const void *s, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_session_save(s, buf, cap, len);
}

static int result_json_fn(const void *r, int region, char *buf, size_t cap, size_t *len) {
  return region ? lg_result_json_region(r, "ES", buf, cap, len) : lg_result_json(r, buf, cap, len);
}

static int plan_export_fn(const void *p, int format, char *buf, size_t cap, size_t *len) {
  return lg_plan_export(p, format, buf, cap, len);
}

static int plan_save_fn(const void *p, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_plan_save(p, buf, cap, len);
}

/* ---- the sweep ----------------------------------------------------------- */

static int small_scale(void) {
  const char *s = getenv("LETGO_TEST_SCALE");
  return s && strcmp(s, "small") == 0;
}

/* lgt_alloc_every_failure, or every `stride`th allocation at small scale. */
static size_t sweep(const char *name, lgt_journey journey, void *ctx, size_t stride) {
  size_t points, n;
  if (!small_scale() || stride <= 1) {
    points = lgt_alloc_every_failure(journey, ctx);
  } else {
    for (n = 1;; n += stride) {
      lgt_alloc t;
      int rc;
      lgt_alloc_init(&t);
      t.fail_at = n;
      rc = journey(&t, ctx);
      assert_int_equal(t.live_bytes, 0);
      assert_int_equal(t.live_blocks, 0);
      if (t.failures == 0) {
        assert_int_equal(rc, LG_OK);
        break;
      }
      assert_true(rc == LG_OK || rc == LG_ENOMEM);
    }
    points = n - 1; /* within stride of the exact count */
  }
  printf("journey %-26s %5zu allocation points%s\n", name, points,
         small_scale() && stride > 1 ? " (about: every 17th sampled)" : "");
  return points;
}

/* ---- journeys on their own catalogue ------------------------------------- */

static size_t builtin_entries;
static size_t builtin_hits_en, builtin_hits_es;

static int builtin_journey(lgt_alloc *t, void *ctx) {
  lg_catalog *cat = (lg_catalog *)&cat;
  size_t total = 0;
  int rc = lg_catalog_new(&cat, &t->base, 0);
  (void)ctx;
  if (rc != LG_OK) {
    assert_int_equal(rc, LG_ENOMEM);
    assert_ptr_equal(cat, (lg_catalog *)&cat); /* *out untouched */
    return rc;
  }
  pause_failures(t);
  assert_int_equal(lg_catalog_entry_count(cat), builtin_entries);
  assert_int_equal(lg_catalog_search(cat, "grief", "en", NULL, 0, &total), LG_OK);
  assert_int_equal(total, builtin_hits_en);
  assert_int_equal(lg_catalog_search(cat, "duelo", "es", NULL, 0, &total), LG_OK);
  assert_int_equal(total, builtin_hits_es);
  lg_catalog_free(cat);
  return LG_OK;
}

/* A pack that overrides a built-in entry, adds entries in both languages
 * and an instrument. */
static const char EXTRA_PACK[] =
    "{\"format\":\"letgo-pack/1\",\"id\":\"extra\",\"version\":\"2.0.0\",\"locale\":\"en\",\n"
    " \"entries\":[\n"
    "  {\"id\":\"sign.exhausted\",\"kind\":\"sign\",\"title\":\"Worn out, replaced\",\n"
    "   \"body\":\"You give and give, {name}.\",\"tags\":[\"effort\"],\"phase\":\"recognize\"},\n"
    "  {\"id\":\"tip.extra-walk\",\"kind\":\"tip\",\"title\":\"A walk by the river\",\n"
    "   \"body\":\"Take a slow walk by the river with {partner} far from your mind.\","
    "\"tags\":[\"distract\"]},\n"
    "  {\"id\":\"tip.extra-call\",\"kind\":\"tip\",\"title\":\"Call a friend\",\n"
    "   \"body\":\"Call someone who listens; grief shared is lighter.\",\"tags\":[\"talk\"]}\n"
    " ],\n"
    " \"instruments\":[{\"id\":\"extra-mini\",\"title\":\"Mini\",\"intro\":\"Two questions.\",\n"
    "   \"scale\":{\"min\":0,\"max\":2,\"labels\":[\"No\",\"Some\",\"Yes\"]},\n"
    "   \"items\":[{\"id\":\"a\",\"text\":\"First?\"},{\"id\":\"b\",\"text\":\"Second?\"}],\n"
    "   \"scoring\":{\"method\":\"sum\",\"min_answered\":2},\n"
    "   \"bands\":[{\"id\":\"low\",\"max\":1,\"label\":\"Low\",\"summary\":\"Low.\"},\n"
    "            {\"id\":\"high\",\"max\":4,\"label\":\"High\",\"summary\":\"High.\"}]}]\n"
    "}\n";

/* What a person can see of a catalogue: counts, an entry, searches. */
static char *fingerprint(const lg_catalog *cat) {
  static const char *const queries[][2] = {
      {"grief", "en"}, {"river walk", "en"}, {"kind:tip tag:talk", "en"},
      {"duelo", "es"}, {"\"call a friend\"", "en"}, {"worn OR exhausted", "en"}};
  char *out = malloc(65536);
  size_t n = 0, q, i;
  const lg_entry *e = lg_catalog_entry(cat, "sign.exhausted", "en");
  assert_non_null(out);
  n += (size_t)snprintf(out + n, 65536 - n, "%zu entries, %zu instruments; %s\n",
                        lg_catalog_entry_count(cat), lg_catalog_instrument_count(cat),
                        lg_entry_title(e));
  for (q = 0; q < sizeof queries / sizeof queries[0]; q++) {
    lg_hit hits[8];
    size_t total = 0;
    assert_int_equal(lg_catalog_search(cat, queries[q][0], queries[q][1], hits, 8, &total), LG_OK);
    n += (size_t)snprintf(out + n, 65536 - n, "%s: %zu", queries[q][0], total);
    for (i = 0; i < total && i < 8; i++)
      n += (size_t)snprintf(out + n, 65536 - n, " %s", lg_entry_id(hits[i].entry));
    n += (size_t)snprintf(out + n, 65536 - n, "\n");
  }
  return out;
}

static char *fp_before, *fp_after;

static int load_journey(lgt_alloc *t, void *ctx) {
  lg_catalog *cat = NULL;
  lg_error err;
  char *fp;
  int rc;
  (void)ctx;
  pause_failures(t);
  assert_int_equal(lg_catalog_new(&cat, &t->base, 0), LG_OK);
  resume_failures(t);
  rc = lg_catalog_load(cat, EXTRA_PACK, sizeof EXTRA_PACK - 1, &err);
  pause_failures(t);
  if (rc != LG_OK) {
    assert_int_equal(rc, LG_ENOMEM);
    assert_int_equal(err.status, LG_ENOMEM);
    fp = fingerprint(cat); /* unchanged: the same entries, the same hits */
    assert_string_equal(fp, fp_before);
    free(fp);
    /* and still usable */
    assert_int_equal(lg_catalog_load(cat, EXTRA_PACK, sizeof EXTRA_PACK - 1, &err), LG_OK);
  }
  fp = fingerprint(cat);
  assert_string_equal(fp, fp_after);
  free(fp);
  lg_catalog_free(cat);
  return rc;
}

static int load_file_journey(lgt_alloc *t, void *ctx) {
  lg_catalog *cat = NULL;
  lg_error err;
  int rc;
  (void)ctx;
  pause_failures(t);
  assert_int_equal(lg_catalog_new(&cat, &t->base, LG_CATALOG_EMPTY), LG_OK);
  resume_failures(t);
  rc = lg_catalog_load_file(cat, LETGO_TEST_DATA "/packs/good/full.en.json", &err);
  pause_failures(t);
  if (rc != LG_OK) {
    assert_int_equal(rc, LG_ENOMEM);
    assert_int_equal(err.status, LG_ENOMEM);
    assert_int_equal(lg_catalog_entry_count(cat), 0);
    rc = lg_catalog_load_file(cat, LETGO_TEST_DATA "/packs/good/full.en.json", &err);
    assert_int_equal(rc, LG_OK);
    rc = LG_ENOMEM;
  }
  assert_true(lg_catalog_entry_count(cat) > 0);
  lg_catalog_free(cat);
  return rc;
}

/* ---- journeys on the shared catalogue ------------------------------------ */

static lgt_alloc shared;  /* the shared catalogue's allocator */
static lg_catalog *cat;
static lg_result *crisis_result; /* a check-in with the safety item raised */
static lg_result *readiness_result;

typedef int (*body_fn)(void);
typedef struct body {
  body_fn fn;
} body;

/* Runs a body with the shared allocator failing at t->fail_at. */
static int shared_journey(lgt_alloc *t, void *ctx) {
  const body *b = ctx;
  size_t live = shared.live_bytes, blocks = shared.live_blocks, failures = shared.failures;
  int rc;
  lgt_alloc_fail_at(&shared, t->fail_at);
  rc = b->fn();
  shared.fail_at = 0;
  paused_left = 0;
  assert_int_equal(shared.live_bytes, live);
  assert_int_equal(shared.live_blocks, blocks);
  t->failures = shared.failures - failures;
  return rc;
}

static size_t run_shared(const char *name, body_fn fn) {
  body b;
  lgt_alloc t;
  size_t points;
  b.fn = fn;
  recording = 1;
  lgt_alloc_init(&t);
  assert_int_equal(shared_journey(&t, &b), LG_OK);
  recording = 0;
  points = sweep(name, shared_journey, &b, 1);
  forget_expected();
  return points;
}

/* Step: on LG_ENOMEM, check that nothing changed, then the same call must
 * succeed (the failure has been spent). */
#define STEP(call, unchanged)         \
  do {                                \
    rc = (call);                      \
    if (rc == LG_ENOMEM) {            \
      nomem = 1;                      \
      pause_failures(&shared);        \
      unchanged;                      \
      resume_failures(&shared);       \
      rc = (call);                    \
    }                                 \
    assert_int_equal(rc, LG_OK);      \
  } while (0)

typedef struct answer {
  const char *item;
  double value;
} answer;

static int assessment(const char *instrument, const char *locale, const answer *answers) {
  lg_session *s = (lg_session *)&s, *s2 = (lg_session *)&s2;
  lg_result *r = (lg_result *)&r;
  lg_error err;
  char *before, *saved, *after, *json;
  int rc, nomem = 0;
  size_t i;

  STEP(lg_session_new(&s, cat, instrument, locale), assert_ptr_equal(s, (lg_session *)&s));
  for (i = 0; answers[i].item; i++) {
    before = snapshot(&shared, session_save_fn, s, 0);
    STEP(lg_session_answer(s, answers[i].item, answers[i].value), {
      after = text_of(session_save_fn, s, 0, &rc);
      assert_string_equal(after, before);
      free(after);
    });
    free(before);
  }
  /* a clear and an answer again: the same state as before */
  before = snapshot(&shared, session_save_fn, s, 0);
  STEP(lg_session_clear(s, answers[0].item), (void)0);
  STEP(lg_session_answer(s, answers[0].item, answers[0].value), (void)0);
  after = snapshot(&shared, session_save_fn, s, 0);
  assert_string_equal(after, before);
  free(before);
  free(after);

  STEP((saved = text_of(session_save_fn, s, 0, &rc)) ? LG_OK : rc, (void)0);
  expect_text(0, saved);
  STEP(lg_session_restore(&s2, cat, saved, strlen(saved), &err),
       assert_ptr_equal(s2, (lg_session *)&s2));
  after = snapshot(&shared, session_save_fn, s2, 0);
  assert_string_equal(after, saved);
  free(after);

  STEP(lg_session_score(s2, &r), {
    assert_ptr_equal(r, (lg_result *)&r);
    after = text_of(session_save_fn, s2, 0, &rc);
    assert_string_equal(after, saved);
    free(after);
  });
  STEP((json = text_of(result_json_fn, r, 0, &rc)) ? LG_OK : rc, (void)0);
  expect_text(1, json);
  free(json);
  STEP((json = text_of(result_json_fn, r, 1, &rc)) ? LG_OK : rc, (void)0);
  expect_text(2, json);
  free(json);
  free(saved);
  lg_result_free(r);
  lg_session_free(s2);
  lg_session_free(s);
  return nomem ? LG_ENOMEM : LG_OK;
}

static const answer ONE_SIDED[] = {
    {"exhausted", 4}, {"no-connection", 3}, {"always-apologize", 4}, {"no-compromise", 2},
    {"needs-last", 3}, {"no-repair", 1},    {"not-priority", 4},     {"no-time-together", 0},
    {"time-for-others", 2}, {NULL, 0}};

static const answer READINESS[] = {
    {"raised-concerns", 4}, {"still-hoping", 1}, {"feel-valued", 0}, {"closeness-gone", 3},
    {"no-interest-repair", 4}, {"did-your-part", 4}, {"hoping-recognized", 1},
    {"needs-unmet", 4}, {"deserve-more", 4}, {"picture-after", 3}, {NULL, 0}};

/* mood <= 3 enables low-followup; the safety item raises the crisis flag */
static const answer CHECKIN[] = {
    {"mood", 2}, {"sleep", 1}, {"reached-out", 0}, {"dwelling", 2}, {"safety", 1},
    {"low-followup", 3}, {NULL, 0}};

static int one_sided_body(void) { return assessment("one-sided", "en", ONE_SIDED); }
static int readiness_body(void) { return assessment("readiness", "es", READINESS); }
static int checkin_body(void) { return assessment("checkin", "en", CHECKIN); }

static int search_body(void) {
  static const char *const queries[][2] = {
      {"grief journal", "en"}, {"tag:journal", "en"}, {"\"let go\" OR friends", "en"},
      {"duelo amigos", "es"},  {"kind:exercise tag:nature", "es-MX"}};
  int rc, nomem = 0;
  size_t q, i;
  for (q = 0; q < sizeof queries / sizeof queries[0]; q++) {
    lg_hit hits[10];
    size_t total = 0;
    char line[2048];
    size_t n = 0;
    STEP(lg_catalog_search(cat, queries[q][0], queries[q][1], hits, 10, &total), (void)0);
    for (i = 0; i < total && i < 10; i++)
      n += (size_t)snprintf(line + n, sizeof line - n, "%s ", lg_entry_id(hits[i].entry));
    line[n] = '\0';
    expect_text((int)q, line);
  }
  return nomem ? LG_ENOMEM : LG_OK;
}

/* ---- plans --------------------------------------------------------------- */

static const char *const PREFS[] = {
    "name", "Robin", "partner_name", "Sasha", "partner_pronouns", "she",
    "grief_days", "10", "support", "both", "interests", "nature,creativity,social",
    "reminder_time", "19:30", "region", "ES", "plan_days", "35", NULL};

static int new_plan(lg_plan **out, int *nomem) {
  lg_plan *p = (lg_plan *)&p;
  int rc;
  size_t i;
  rc = lg_plan_new(&p, cat, "let-go", "en");
  if (rc == LG_ENOMEM) {
    *nomem = 1;
    assert_ptr_equal(p, (lg_plan *)&p);
    rc = lg_plan_new(&p, cat, "let-go", "en");
  }
  assert_int_equal(rc, LG_OK);
  for (i = 0; PREFS[i]; i += 2) {
    rc = lg_plan_set(p, PREFS[i], PREFS[i + 1]);
    if (rc == LG_ENOMEM) {
      *nomem = 1;
      rc = lg_plan_set(p, PREFS[i], PREFS[i + 1]);
    }
    assert_int_equal(rc, LG_OK);
  }
  rc = lg_plan_use_result(p, crisis_result);
  if (rc == LG_ENOMEM) {
    *nomem = 1;
    rc = lg_plan_use_result(p, crisis_result);
  }
  assert_int_equal(rc, LG_OK);
  rc = lg_plan_use_result(p, readiness_result);
  if (rc == LG_ENOMEM) {
    *nomem = 1;
    rc = lg_plan_use_result(p, readiness_result);
  }
  assert_int_equal(rc, LG_OK);
  *out = p;
  return LG_OK;
}

static void expect_exports(lg_plan *p, int base) {
  char *s;
  int f;
  for (f = 0; f < 3; f++) {
    s = snapshot(&shared, plan_export_fn, p, f);
    expect_text(base + f, s);
    free(s);
  }
  s = snapshot(&shared, plan_save_fn, p, 0);
  expect_text(base + 3, s);
  free(s);
}

static int build_body(void) {
  lg_plan *p;
  char *before, *after;
  int rc, nomem = 0;
  new_plan(&p, &nomem);
  STEP(lg_plan_build(p, START, 42), assert_int_equal(lg_plan_day_count(p), 0));
  expect_exports(p, 0);
  /* a rebuild that fails keeps the plan that was */
  before = snapshot(&shared, plan_export_fn, p, LG_FORMAT_JSON);
  STEP(lg_plan_build(p, START2, 43), {
    after = text_of(plan_export_fn, p, LG_FORMAT_JSON, &rc);
    assert_string_equal(after, before);
    free(after);
  });
  free(before);
  expect_exports(p, 4);
  /* a new result rebuilds a built plan; failing, it keeps the plan that was */
  before = snapshot(&shared, plan_export_fn, p, LG_FORMAT_JSON);
  STEP(lg_plan_use_result(p, readiness_result), {
    after = text_of(plan_export_fn, p, LG_FORMAT_JSON, &rc);
    assert_string_equal(after, before);
    free(after);
  });
  free(before);
  before = snapshot(&shared, plan_export_fn, p, LG_FORMAT_JSON);
  expect_text(8, before);
  free(before);
  lg_plan_free(p);
  return nomem ? LG_ENOMEM : LG_OK;
}

static lg_date plus_days(lg_date d, int n) {
  d.day += n; /* START is early in a 31-day month */
  return d;
}

static int checkin_plan_body(void) {
  lg_plan *p;
  const char *done0[3], *done2[2];
  char *json_before, *save_before, *after;
  int rc, nomem = 0, k;
  struct {
    int day, mood;
    const char *const *done;
  } checkins[4];
  new_plan(&p, &nomem);
  pause_failures(&shared);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  resume_failures(&shared);
  done0[0] = lg_task_id(lg_plan_task(p, 0, 0));
  done0[1] = lg_plan_task_count(p, 0) > 1 ? lg_task_id(lg_plan_task(p, 0, 1)) : NULL;
  done0[2] = NULL;
  done2[0] = lg_task_id(lg_plan_task(p, 2, 0));
  done2[1] = NULL;
  checkins[0].day = 0, checkins[0].mood = 3, checkins[0].done = done0 + 1;
  checkins[1].day = 1, checkins[1].mood = 6, checkins[1].done = NULL;
  checkins[2].day = 0, checkins[2].mood = 4, checkins[2].done = done0; /* replaces */
  checkins[3].day = 2, checkins[3].mood = 1, checkins[3].done = done2;
  for (k = 0; k < 4; k++) {
    lg_date d = plus_days(START, checkins[k].day);
    json_before = snapshot(&shared, plan_export_fn, p, LG_FORMAT_JSON);
    save_before = snapshot(&shared, plan_save_fn, p, 0);
    STEP(lg_plan_checkin(p, d, checkins[k].mood, checkins[k].done), {
      after = text_of(plan_export_fn, p, LG_FORMAT_JSON, &rc);
      assert_string_equal(after, json_before);
      free(after);
      after = text_of(plan_save_fn, p, 0, &rc);
      assert_string_equal(after, save_before);
      free(after);
    });
    free(json_before);
    free(save_before);
  }
  expect_exports(p, 0);
  lg_plan_free(p);
  return nomem ? LG_ENOMEM : LG_OK;
}

/* A built plan with check-ins, made with failures paused. */
static lg_plan *ready_plan(void) {
  lg_plan *p;
  int nomem = 0;
  const char *done[2];
  pause_failures(&shared);
  new_plan(&p, &nomem);
  assert_int_equal(lg_plan_build(p, START, 42), LG_OK);
  done[0] = lg_task_id(lg_plan_task(p, 1, 0));
  done[1] = NULL;
  assert_int_equal(lg_plan_checkin(p, START, 2, NULL), LG_OK);
  assert_int_equal(lg_plan_checkin(p, plus_days(START, 1), 7, done), LG_OK);
  resume_failures(&shared);
  return p;
}

static int export_body(int format) {
  lg_plan *p = ready_plan();
  char *s;
  int rc, nomem = 0;
  STEP((s = text_of(plan_export_fn, p, format, &rc)) ? LG_OK : rc, (void)0);
  expect_text(0, s);
  free(s);
  lg_plan_free(p);
  return nomem ? LG_ENOMEM : LG_OK;
}

static int export_json_body(void) { return export_body(LG_FORMAT_JSON); }
static int export_ics_body(void) { return export_body(LG_FORMAT_ICALENDAR); }
static int export_md_body(void) { return export_body(LG_FORMAT_MARKDOWN); }

static int plan_save_restore_body(void) {
  lg_plan *p = ready_plan(), *p2 = (lg_plan *)&p2;
  lg_error err;
  char *saved, *a, *b;
  int rc, nomem = 0, f;
  STEP((saved = text_of(plan_save_fn, p, 0, &rc)) ? LG_OK : rc, (void)0);
  expect_text(0, saved);
  STEP(lg_plan_restore(&p2, cat, saved, strlen(saved), &err), {
    assert_ptr_equal(p2, (lg_plan *)&p2);
    assert_int_equal(err.status, LG_ENOMEM);
  });
  for (f = 0; f < 3; f++) {
    a = snapshot(&shared, plan_export_fn, p, f);
    b = snapshot(&shared, plan_export_fn, p2, f);
    assert_string_equal(a, b);
    free(a);
    free(b);
  }
  free(saved);
  lg_plan_free(p2);
  lg_plan_free(p);
  return nomem ? LG_ENOMEM : LG_OK;
}

/* ---- tests ----------------------------------------------------------------- */

static int score_all(const char *instrument, const answer *answers, lg_result **out) {
  lg_session *s;
  size_t i;
  if (lg_session_new(&s, cat, instrument, "en") != LG_OK) return -1;
  for (i = 0; answers[i].item; i++)
    if (lg_session_answer(s, answers[i].item, answers[i].value) != LG_OK) return -1;
  if (lg_session_score(s, out) != LG_OK) return -1;
  lg_session_free(s);
  return 0;
}

static int group_setup(void **state) {
  (void)state;
  lgt_alloc_init(&shared);
  if (lg_catalog_new(&cat, &shared.base, 0) != LG_OK) return -1;
  if (score_all("checkin", CHECKIN, &crisis_result) != 0) return -1;
  if (score_all("readiness", READINESS, &readiness_result) != 0) return -1;
  return (lg_result_flags(crisis_result) & LG_FLAG_CRISIS) ? 0 : -1;
}

static int group_teardown(void **state) {
  (void)state;
  lg_result_free(crisis_result);
  lg_result_free(readiness_result);
  lg_catalog_free(cat);
  forget_expected();
  return shared.live_bytes == 0 && shared.live_blocks == 0 ? 0 : -1;
}

static void builtin_catalogue_under_every_failure(void **state) {
  lg_catalog *c;
  (void)state;
  assert_int_equal(lg_catalog_new(&c, NULL, 0), LG_OK);
  builtin_entries = lg_catalog_entry_count(c);
  assert_int_equal(lg_catalog_search(c, "grief", "en", NULL, 0, &builtin_hits_en), LG_OK);
  assert_int_equal(lg_catalog_search(c, "duelo", "es", NULL, 0, &builtin_hits_es), LG_OK);
  assert_true(builtin_entries > 400);
  lg_catalog_free(c);
  assert_true(sweep("built-in catalogue", builtin_journey, NULL, 17) > 100);
}

static void loading_a_pack_under_every_failure(void **state) {
  lg_catalog *c;
  (void)state;
  assert_int_equal(lg_catalog_new(&c, NULL, 0), LG_OK);
  fp_before = fingerprint(c);
  assert_int_equal(lg_catalog_load(c, EXTRA_PACK, sizeof EXTRA_PACK - 1, NULL), LG_OK);
  fp_after = fingerprint(c);
  assert_string_not_equal(fp_before, fp_after);
  lg_catalog_free(c);
  assert_true(sweep("load an extra pack", load_journey, NULL, 17) > 10);
  free(fp_before);
  free(fp_after);
}

static void loading_a_pack_file_under_every_failure(void **state) {
  (void)state;
  assert_true(sweep("load a pack file", load_file_journey, NULL, 1) > 10);
}

static void search_under_every_failure(void **state) {
  (void)state;
  run_shared("search (5 queries)", search_body);
}

static void one_sided_assessment_under_every_failure(void **state) {
  (void)state;
  assert_true(run_shared("assessment one-sided", one_sided_body) > 5);
}

static void readiness_assessment_under_every_failure(void **state) {
  (void)state;
  assert_true(run_shared("assessment readiness (es)", readiness_body) > 5);
}

static void checkin_assessment_under_every_failure(void **state) {
  (void)state;
  assert_true(run_shared("assessment checkin+safety", checkin_body) > 5);
}

static void building_a_plan_under_every_failure(void **state) {
  (void)state;
  assert_true(run_shared("plan build + rebuild", build_body) > 10);
}

static void checkins_under_every_failure(void **state) {
  (void)state;
  run_shared("plan check-ins", checkin_plan_body);
}

static void json_export_under_every_failure(void **state) {
  (void)state;
  run_shared("export JSON", export_json_body);
}

static void icalendar_export_under_every_failure(void **state) {
  (void)state;
  run_shared("export iCalendar", export_ics_body);
}

static void markdown_export_under_every_failure(void **state) {
  (void)state;
  run_shared("export Markdown", export_md_body);
}

static void plan_save_and_restore_under_every_failure(void **state) {
  (void)state;
  assert_true(run_shared("plan save + restore", plan_save_restore_body) > 5);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(builtin_catalogue_under_every_failure),
      cmocka_unit_test(loading_a_pack_under_every_failure),
      cmocka_unit_test(loading_a_pack_file_under_every_failure),
      cmocka_unit_test(search_under_every_failure),
      cmocka_unit_test(one_sided_assessment_under_every_failure),
      cmocka_unit_test(readiness_assessment_under_every_failure),
      cmocka_unit_test(checkin_assessment_under_every_failure),
      cmocka_unit_test(building_a_plan_under_every_failure),
      cmocka_unit_test(checkins_under_every_failure),
      cmocka_unit_test(json_export_under_every_failure),
      cmocka_unit_test(icalendar_export_under_every_failure),
      cmocka_unit_test(markdown_export_under_every_failure),
      cmocka_unit_test(plan_save_and_restore_under_every_failure),
  };
  return cmocka_run_group_tests_name("journeys", tests, group_setup, group_teardown);
}
