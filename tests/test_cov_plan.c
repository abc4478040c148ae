/*
 * test_cov_plan.c - the rarer paths of plans: every way a letgo-plan/1
 * state can be refused by lg_plan_restore (with the status and the JSON
 * Pointer of the offending node), preference validation and the accessors
 * of unbuilt plans and out-of-range days. Built-in catalogue only.
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

/* A valid state, in pieces, so each case can replace or drop one. */
#define HEAD_(start, seed)                                                                         \
  "{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":\"en\",\"start\":\"" start      \
  "\",\"seed\":\"" seed "\","
#define HEAD   HEAD_("2026-03-02", "7")
#define PREFS  "\"prefs\":{\"name\":\"Ana\"},"
#define RES(x) "\"results\":[" x "],"
#define ONE_(score, flags, answers)                                                                \
  "{\"instrument\":\"one-sided\",\"band\":\"balanced\",\"score\":" score ",\"flags\":" flags       \
  ",\"answers\":" answers "}"
#define ONE              ONE_("0", "0", "{}")
#define CK(x)            "\"checkins\":[" x "]}"
#define DAY_(mood, done) "{\"date\":\"2026-03-02\",\"mood\":" mood ",\"done\":" done "}"
#define DAY1             DAY_("3", "[\"open-window\"]")
#define GOOD             HEAD PREFS RES(ONE) CK(DAY1)

static char *save(const lg_plan *p) {
  size_t len = 0;
  char *s;
  assert_int_equal(lg_plan_save(p, NULL, 0, &len), LG_ETRUNC);
  s = malloc(len + 1);
  assert_non_null(s);
  assert_int_equal(lg_plan_save(p, s, len + 1, &len), LG_OK);
  return s;
}

static void the_hand_written_state_restores_and_saves_back_byte_for_byte(void **state) {
  lg_plan *p = NULL;
  lg_error err;
  char *s;
  (void)state;
  assert_int_equal(lg_plan_restore(&p, cat, GOOD, strlen(GOOD), &err), LG_OK);
  s = save(p);
  assert_string_equal(s, GOOD);
  assert_int_equal(lg_plan_checkin_count(p), 1);
  free(s);
  lg_plan_free(p);
}

typedef struct bad_state {
  const char *json;
  int status;
  const char *path;
  const char *message; /* a part of the message */
} bad_state;

static void each_broken_state_is_refused_at_its_pointer(void **state) {
  static const bad_state cases[] = {
      /* the top level */
      {"{\"format\":5}", LG_ESCHEMA, "/format", "must be a string"},
      {"{\"format\":\"letgo-plan/1\",\"template\":\"let\\u0000go\",\"locale\":\"en\"}", LG_ESCHEMA,
       "/template", "must be a string"},
      {"{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":5}", LG_ESCHEMA, "/locale",
       "must be a string"},
      {"{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":\"en\"}", LG_ESCHEMA, "",
       "missing \"start\""},
      {HEAD_("2026-03-02", "7") "\"seed\":\"7\"," PREFS RES(ONE) CK(DAY1), LG_ESCHEMA, "/seed",
       "duplicate key"},
      {HEAD_("2026-03-02", "") PREFS RES(ONE) CK(DAY1), LG_ESCHEMA, "/seed", "decimal number"},
      {HEAD_("2026-03-02", "07") PREFS RES(ONE) CK(DAY1), LG_ESCHEMA, "/seed", "decimal number"},
      {HEAD_("2026-03-02", "7x") PREFS RES(ONE) CK(DAY1), LG_ESCHEMA, "/seed", "decimal number"},
      {HEAD_("2026-3-2", "7") PREFS RES(ONE) CK(DAY1), LG_ESCHEMA, "/start", "YYYY-MM-DD"},
      {"{\"format\":\"letgo-plan/1\",\"template\":\"let-go\",\"locale\":"
       "\"en-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"start\":\"2026-03-02\",\"seed\":"
       "\"7\"," PREFS RES(ONE) CK(DAY1),
       LG_EINVAL, "/template", "cannot start the plan"},
      /* the plan would end after the last date the library handles */
      {HEAD_("2399-12-01", "7") PREFS RES(ONE) "\"checkins\":[]}", LG_ESCHEMA, "/start",
       "after 2399"},
      /* prefs */
      {HEAD RES(ONE) CK(DAY1), LG_ESCHEMA, "", "missing \"prefs\""},
      {HEAD "\"prefs\":[]," RES(ONE) CK(DAY1), LG_ESCHEMA, "/prefs", "must be an object"},
      {HEAD "\"prefs\":{\"name\":\"\"}," RES(ONE) CK(DAY1), LG_ESCHEMA, "/prefs/name",
       "non-empty string"},
      {HEAD "\"prefs\":{\"name\":5}," RES(ONE) CK(DAY1), LG_ESCHEMA, "/prefs/name",
       "non-empty string"},
      {HEAD "\"prefs\":{\"name\":\"A\\u0000\"}," RES(ONE) CK(DAY1), LG_ESCHEMA, "/prefs/name",
       "non-empty string"},
      {HEAD "\"prefs\":{\"name\":\"A\",\"name\":\"B\"}," RES(ONE) CK(DAY1), LG_ESCHEMA,
       "/prefs/name", "duplicate or bad key"},
      {HEAD "\"prefs\":{\"grief_days\":\"30\"}," RES(ONE) CK(DAY1), LG_ESCHEMA, "/prefs/grief_days",
       "bad value"},
      /* results */
      {HEAD PREFS CK(DAY1), LG_ESCHEMA, "", "missing \"results\""},
      {HEAD PREFS "\"results\":{}," CK(DAY1), LG_ESCHEMA, "/results", "must be a list"},
      {HEAD PREFS RES("5") CK(DAY1), LG_ESCHEMA, "/results/0", "must be an object"},
      {HEAD PREFS RES(ONE "," ONE) CK(DAY1), LG_ESCHEMA, "/results/1",
       "a second result of one instrument"},
      {HEAD PREFS RES("{\"instrument\":\"One Sided\",\"band\":\"balanced\"}") CK(DAY1), LG_ESCHEMA,
       "/results/0/instrument", "must be an id"},
      {HEAD PREFS RES("{\"instrument\":\"one-sided\",\"band\":5}") CK(DAY1), LG_ESCHEMA,
       "/results/0/band", "must be a string"},
      {HEAD PREFS RES("{\"instrument\":\"one-sided\",\"band\":\"balanced\",\"mood\":1}") CK(DAY1),
       LG_ESCHEMA, "/results/0/mood", "unknown key"},
      {HEAD PREFS RES("{\"instrument\":\"one-sided\",\"band\":\"balanced\"}") CK(DAY1), LG_ESCHEMA,
       "/results/0", "missing \"score\""},
      {HEAD PREFS RES(ONE_("\"0\"", "0", "{}")) CK(DAY1), LG_ESCHEMA, "/results/0/score",
       "must be a number"},
      {HEAD PREFS RES(ONE_("0", "\"0\"", "{}")) CK(DAY1), LG_ESCHEMA, "/results/0/flags",
       "must be a number"},
      {HEAD PREFS RES(ONE_("0", "-1", "{}")) CK(DAY1), LG_ESCHEMA, "/results/0", "from 0 to 7"},
      {HEAD PREFS RES(ONE_("0", "8", "{}")) CK(DAY1), LG_ESCHEMA, "/results/0", "from 0 to 7"},
      {HEAD PREFS RES(ONE_("0", "1.5", "{}")) CK(DAY1), LG_ESCHEMA, "/results/0", "from 0 to 7"},
      {HEAD PREFS RES(ONE_("0", "0", "[]")) CK(DAY1), LG_ESCHEMA, "/results/0/answers",
       "must be an object"},
      {HEAD PREFS RES("{\"instrument\":\"one-sided\",\"band\":\"balanced\",\"score\":0,"
                      "\"flags\":0}") CK(DAY1),
       LG_ESCHEMA, "/results/0", "missing \"answers\""},
      {HEAD PREFS RES(ONE_("0", "0", "{\"Not An Id\":1}")) CK(DAY1), LG_ESCHEMA,
       "/results/0/answers/Not An Id", "known item"},
      {HEAD PREFS RES(ONE_("0", "0", "{\"no-such-item\":1}")) CK(DAY1), LG_ESCHEMA,
       "/results/0/answers/no-such-item", "known item"},
      {HEAD PREFS RES(ONE_("0", "0",
                           "{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1,"
                           "\"i\":1,\"j\":1,\"k\":1,\"l\":1,\"m\":1,\"n\":1,\"o\":1,\"p\":1,"
                           "\"q\":1}")) CK(DAY1),
       LG_ESCHEMA, "/results/0/answers", "too many answers"},
      /* crisis_from */
      {HEAD PREFS RES(ONE) "\"crisis_from\":5," CK(DAY1), LG_ESCHEMA, "/crisis_from",
       "must be a string"},
      {HEAD PREFS RES(ONE) "\"crisis_from\":\"soon\"," CK(DAY1), LG_ESCHEMA, "/crisis_from",
       "YYYY-MM-DD"},
      /* check-ins */
      {HEAD PREFS RES(ONE) "\"extra\":1}", LG_ESCHEMA, "/extra", "unknown key"},
      {HEAD PREFS RES(ONE) "\"crisis_from\":\"start\"}", LG_ESCHEMA, "", "missing \"checkins\""},
      {HEAD PREFS RES(ONE) "\"checkins\":{}}", LG_ESCHEMA, "/checkins", "must be a list"},
      {HEAD PREFS RES(ONE) CK("5"), LG_ESCHEMA, "/checkins/0", "must be an object"},
      {HEAD PREFS RES(ONE) CK("{\"date\":\"2026-03-02\",\"feeling\":3}"), LG_ESCHEMA,
       "/checkins/0/feeling", "unknown key"},
      {HEAD PREFS RES(ONE) CK("{\"date\":\"2026-03-02\",\"mood\":3,\"mood\":4,\"done\":[]}"),
       LG_ESCHEMA, "/checkins/0/mood", "duplicate key"},
      {HEAD PREFS RES(ONE) CK("{\"date\":\"2026-03-02\",\"done\":[]}"), LG_ESCHEMA, "/checkins/0",
       "missing \"mood\""},
      {HEAD PREFS RES(ONE) CK(DAY_("-1", "[]")), LG_ESCHEMA, "/checkins/0/mood", "from 0 to 10"},
      {HEAD PREFS RES(ONE) CK(DAY_("2.5", "[]")), LG_ESCHEMA, "/checkins/0/mood", "from 0 to 10"},
      {HEAD PREFS RES(ONE) CK("{\"date\":\"2026-03-02\",\"mood\":3}"), LG_ESCHEMA, "/checkins/0",
       "missing \"done\""},
      {HEAD PREFS RES(ONE) CK(DAY_("3", "\"open-window\"")), LG_ESCHEMA, "/checkins/0/done",
       "must be a list"},
      {HEAD PREFS RES(ONE) CK(DAY_("3", "[5]")), LG_ESCHEMA, "/checkins/0/done/0",
       "must be a task id"},
      {HEAD PREFS RES(ONE) CK(DAY_("3", "[\"Open Window\"]")), LG_ESCHEMA, "/checkins/0/done/0",
       "must be a task id"},
      {HEAD PREFS RES(ONE) CK(DAY_("3", "[\"open-window\",\"open-window\"]")), LG_ESCHEMA,
       "/checkins/0/done/1", "repeats an id"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    lg_plan *p = (lg_plan *)&cat; /* any non-NULL value: it must stay untouched */
    lg_plan *const before = p;
    lg_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = lg_plan_restore(&p, cat, cases[i].json, strlen(cases[i].json), &err);
    if (rc != cases[i].status || strcmp(err.path, cases[i].path) != 0 ||
        !strstr(err.message, cases[i].message))
      fail_msg("case %u: got %d at \"%s\": %s", (unsigned)i, rc, err.path, err.message);
    assert_int_equal(err.status, cases[i].status);
    assert_ptr_equal(p, before);
  }
}

/* Lists just over their limits: results (16), check-ins (90), done ids (66). */
static void lists_over_their_limits_are_refused(void **state) {
  char *buf = malloc(65536);
  size_t n, i;
  lg_plan *p = NULL;
  lg_error err;
  (void)state;
  assert_non_null(buf);

  n = (size_t)sprintf(buf, HEAD PREFS "\"results\":[");
  for (i = 0; i < 17; i++) n += (size_t)sprintf(buf + n, "%s" ONE, i ? "," : "");
  sprintf(buf + n, "]," CK(DAY1));
  assert_int_equal(lg_plan_restore(&p, cat, buf, strlen(buf), &err), LG_ESCHEMA);
  assert_string_equal(err.path, "/results");
  assert_non_null(strstr(err.message, "too many results"));

  n = (size_t)sprintf(buf, HEAD PREFS RES(ONE) "\"checkins\":[");
  for (i = 0; i < 91; i++) n += (size_t)sprintf(buf + n, "%s" DAY_("3", "[]"), i ? "," : "");
  sprintf(buf + n, "]}");
  assert_int_equal(lg_plan_restore(&p, cat, buf, strlen(buf), &err), LG_ESCHEMA);
  assert_string_equal(err.path, "/checkins");
  assert_non_null(strstr(err.message, "too many check-ins"));

  n = (size_t)sprintf(buf, HEAD PREFS RES(ONE) "\"checkins\":[{\"date\":\"2026-03-02\",\"mood\":3,"
                                               "\"done\":[");
  for (i = 0; i < 67; i++) n += (size_t)sprintf(buf + n, "%s\"t%u\"", i ? "," : "", (unsigned)i);
  sprintf(buf + n, "]}]}");
  assert_int_equal(lg_plan_restore(&p, cat, buf, strlen(buf), &err), LG_ESCHEMA);
  assert_string_equal(err.path, "/checkins/0/done");
  assert_non_null(strstr(err.message, "too many ids"));
  assert_null(p);
  free(buf);
}

static void a_check_in_with_nothing_done_and_a_crisis_from_the_start_restore(void **state) {
  static const char s[] = HEAD PREFS RES(ONE) "\"crisis_from\":\"start\"," CK(DAY_("0", "[]"));
  lg_plan *p = NULL;
  lg_date d;
  int mood = -1;
  size_t done = 9;
  char *again;
  (void)state;
  assert_int_equal(lg_plan_restore(&p, cat, s, strlen(s), NULL), LG_OK);
  assert_true((lg_plan_flags(p) & LG_PLAN_CRISIS) != 0);
  assert_int_equal(lg_plan_checkin_at(p, 0, &d, &mood, &done), LG_OK);
  assert_int_equal(mood, 0);
  assert_int_equal(done, 0);
  assert_int_equal(d.year, 2026);
  assert_int_equal(d.month, 3);
  assert_int_equal(d.day, 2);
  again = save(p);
  assert_string_equal(again, s);
  free(again);
  lg_plan_free(p);
}

/* lg_plan_set: every rejected form of each preference, and canonical forms. */
static void preferences_are_checked_and_stored_in_canonical_form(void **state) {
  static const struct {
    const char *key, *value;
    int status;
  } cases[] = {
      {"reminder_time", "1x:00", LG_ERANGE}, {"reminder_time", "12x00", LG_ERANGE},
      {"reminder_time", "12:x0", LG_ERANGE}, {"reminder_time", "12:0x", LG_ERANGE},
      {"reminder_time", "24:00", LG_ERANGE}, {"reminder_time", "7:30", LG_ERANGE},
      {"grief_days", "1234", LG_ERANGE},     {"grief_days", "1a", LG_ERANGE},
      {"grief_days", "6", LG_ERANGE},        {"plan_days", "91", LG_ERANGE},
      {"interests", ",", LG_ERANGE},         {"interests", "nature,,fitness", LG_ERANGE},
      {"interests", "cooking", LG_ERANGE},   {"region", "E1", LG_ERANGE},
      {"region", "ESP", LG_ERANGE},          {"partner_pronouns", "it", LG_ERANGE},
      {"support", "none", LG_ERANGE},        {"name", "\xff", LG_ERANGE},
      {"colour", "blue", LG_ENOTFOUND},
  };
  char longname[300];
  lg_plan *p = NULL;
  size_t i;
  char *s;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    if (lg_plan_set(p, cases[i].key, cases[i].value) != cases[i].status)
      fail_msg("case %u: %s=%s", (unsigned)i, cases[i].key, cases[i].value);
  memset(longname, 'a', 256);
  longname[256] = '\0';
  assert_int_equal(lg_plan_set(p, "name", longname), LG_ERANGE);
  longname[255] = '\0';
  assert_int_equal(lg_plan_set(p, "name", longname), LG_OK);
  assert_int_equal(lg_plan_set(p, "name", ""), LG_OK); /* empty clears */
  assert_int_equal(lg_plan_set(p, "partner_name", NULL), LG_OK);
  assert_int_equal(lg_plan_set(p, "reminder_time", "07:05"), LG_OK);
  assert_int_equal(lg_plan_set(p, "grief_days", "010"), LG_OK);
  assert_int_equal(lg_plan_set(p, "plan_days", "090"), LG_OK);
  assert_int_equal(lg_plan_set(p, "interests", " nature ,\tfitness,"), LG_OK);
  assert_int_equal(lg_plan_set(p, "region", "es"), LG_OK);
  assert_int_equal(lg_plan_set(p, "support", "both"), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_pronouns", "she"), LG_OK);
  {
    lg_date start = {2026, 3, 2};
    assert_int_equal(lg_plan_build(p, start, 1), LG_OK);
  }
  s = save(p);
  assert_non_null(strstr(s, "\"reminder_time\":\"07:05\""));
  assert_non_null(strstr(s, "\"grief_days\":\"10\""));
  assert_non_null(strstr(s, "\"plan_days\":\"90\""));
  assert_non_null(strstr(s, "\"interests\":\"fitness,nature\""));
  assert_non_null(strstr(s, "\"region\":\"ES\""));
  assert_null(strstr(s, "\"name\""));
  assert_int_equal(lg_plan_day_count(p), 90);
  free(s);
  lg_plan_free(p);
}

static void accessors_answer_nothing_before_the_build_and_past_the_end(void **state) {
  lg_plan *p = NULL;
  lg_date start = {2026, 3, 2}, d;
  size_t days, n;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", NULL), LG_OK);
  assert_int_equal(lg_plan_day_count(p), 0);
  assert_int_equal(lg_plan_task_count(p, 0), 0);
  assert_null(lg_plan_task(p, 0, 0));
  assert_int_equal(lg_plan_flags(p), 0);
  assert_null(lg_plan_title(p));
  assert_int_equal(lg_plan_phase_count(p), 0);
  assert_null(lg_plan_phase_id(p, 0));
  d = lg_plan_day_date(p, 0);
  assert_int_equal(d.year, 0);
  assert_int_equal(lg_plan_build(p, start, 3), LG_OK);
  days = lg_plan_day_count(p);
  assert_int_equal(days, 42);
  assert_int_equal(lg_plan_task_count(p, days), 0);
  assert_null(lg_plan_task(p, days, 0));
  n = lg_plan_task_count(p, 0);
  assert_true(n > 0);
  assert_null(lg_plan_task(p, 0, n));
  assert_non_null(lg_plan_task(p, 0, n - 1));
  d = lg_plan_day_date(p, days);
  assert_int_equal(d.year, 0);
  d = lg_plan_day_date(p, days - 1);
  assert_int_equal(d.year, 2026);
  assert_int_equal(d.month, 4);
  assert_int_equal(d.day, 12);
  assert_non_null(lg_plan_title(p));
  assert_int_equal(lg_plan_phase_count(p), 3); /* the conditional phases need results */
  assert_null(lg_plan_phase_id(p, 3));
  lg_plan_free(p);
  /* a locale tag longer than any real one */
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                   LG_EINVAL);
}

/* ---- templates: tests/data/cov/template.json with one rule broken ------------ */

static char *template_text(void) {
  size_t len;
  char *text = lgt_read_file(LETGO_TEST_DATA "/cov/template.json", &len);
  assert_non_null(text);
  return text;
}

/* Loads the template with `from` replaced by `to`; 0 when `from` is absent. */
static int load_changed(const char *base, const char *from, const char *to, lg_error *err,
                        lg_catalog **out) {
  static char buf[8192];
  const char *at = strstr(base, from);
  lg_catalog *c = NULL;
  int rc;
  if (!at) return 0;
  snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
  assert_int_equal(lg_catalog_new(&c, NULL, 0), LG_OK);
  memset(err, 0, sizeof *err);
  rc = lg_catalog_load(c, buf, strlen(buf), err);
  if (out)
    *out = c;
  else
    lg_catalog_free(c);
  return rc;
}

typedef struct bad_rule {
  const char *from, *to;
  const char *path;
  const char *message; /* a part of the message */
} bad_rule;

#define PH0 "/plans/0/phases/0"
#define PH1 "/plans/0/phases/1"

static void each_broken_template_rule_is_refused_at_its_pointer(void **state) {
  static const bad_rule cases[] = {
      {"\"min\":7,", "\"min\":7.5,", PH0 "/days/min", ""},
      {"\"min\":7,", "\"min\":-1e7,", PH0 "/days/min", ""},
      {"\"min\":7,", "\"min\":1e999,", PH0 "/days/min", ""},
      {"\"min\":7,", "\"min\":\"7\",", PH0 "/days/min", ""},
      {"\"add\":2", "\"add\":1e999", PH0 "/days/rules/0/add", ""},
      {"\"add\":2", "\"add\":\"2\"", PH0 "/days/rules/0/add", ""},
      {"\"rules\":[{\"if\":{\"band\":\"one-sided\",\"in\":\"one-sided\"},\"add\":2}]",
       "\"rules\":{}", PH0 "/days/rules", ""},
      {"\"if\":{\"band\":\"one-sided\",\"in\":\"one-sided\"}", "\"if\":{\"band\":\"one-sided\"}",
       PH0 "/days/rules/0/if", "missing \"in\""},
      {"\"in\":\"one-sided\"", "\"in\":[]", PH0 "/days/rules/0/if/in", "1 to 64 strings"},
      {"\"in\":\"one-sided\"", "\"in\":[\"one-sided\",\"\"]", PH0 "/days/rules/0/if/in/1",
       "non-empty string"},
      {"\"in\":\"one-sided\"", "\"in\":[\"one-sided\",5]", PH0 "/days/rules/0/if/in/1",
       "non-empty string"},
      {"\"tasks\":[{\"id\":\"love\",\"entry\":\"strategy.love-yourself\"}]", "\"tasks\":[]",
       PH1 "/tasks", ""},
      {"\"tasks\":[{\"id\":\"love\",\"entry\":\"strategy.love-yourself\"}]", "\"tasks\":{}",
       PH1 "/tasks", ""},
      {"{\"id\":\"love\",\"entry\":\"strategy.love-yourself\"}", "5", PH1 "/tasks/0",
       "must be an object"},
      {"{\"id\":\"love\",\"entry\":\"strategy.love-yourself\"}", "{\"id\":\"love\"}",
       PH1 "/tasks/0", ""},
      {"{\"id\":\"love\",\"entry\":\"strategy.love-yourself\"}",
       "{\"id\":\"love\",\"title\":\"Love\"}", PH1 "/tasks/0", ""},
      {"\"days\":{\"rest\":true,\"min\":5},", "", PH1, "missing \"days\""},
      {"\"days\":{\"rest\":true,\"min\":5}", "\"days\":{\"min\":85,\"max\":90,\"default\":85}",
       "/plans/0/phases", ""},
      {"\"after\":\"grieve\",", "\"after\":\"grieve\",\"low_mood\":11,", "/plans/0/adapt/low_mood",
       ""},
      {"\"id\":\"therapy-checkin\"", "\"id\":\"reach-out\"", "/plans/0/adapt/therapy",
       "already used"},
      {"\"id\":\"therapy-checkin\"", "\"id\":\"journal\"", "/plans/0/adapt/therapy",
       "already used"},
      {"\"kind\":\"prompt\"", "\"kind\":\"Prompt X\"", PH0 "/tasks/0/pick/kind", ""},
      {"\"tag\":\"journal\"", "\"tag\":5", PH0 "/tasks/0/pick/tag", ""},
      {"\"tag\":\"journal\"", "\"tag\":\"journal\",\"phase\":5", PH0 "/tasks/0/pick/phase", ""},
      {"\"on\":\"daily\"", "\"on\":{\"every\":0}", PH0 "/tasks/0/on/every", ""},
      {"\"on\":\"daily\"", "\"on\":{\"every\":2,\"from\":99}", PH0 "/tasks/0/on/from", ""},
      {"\"on\":\"daily\"", "\"on\":5", PH0 "/tasks/0/on", "a string or an object"},
      {"\"on\":\"daily\"", "\"on\":\"hourly\"", PH0 "/tasks/0/on", "weekdays"},
  };
  char *base = template_text();
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    lg_error err;
    int rc = load_changed(base, cases[i].from, cases[i].to, &err, NULL);
    if (rc != LG_ESCHEMA || strcmp(err.path, cases[i].path) != 0 ||
        !strstr(err.message, cases[i].message))
      fail_msg("case %u: got %d at \"%s\": %s", (unsigned)i, rc, err.path, err.message);
    assert_true(err.line > 0);
  }
  free(base);
}

static void a_phase_without_from_ignores_the_preference(void **state) {
  char *base = template_text();
  lg_catalog *c = NULL;
  lg_plan *p = NULL;
  lg_error err;
  lg_date start = {2026, 3, 2};
  (void)state;
  assert_int_equal(
      load_changed(base, "\"default\":10,\"from\":\"grief_days\",", "\"default\":10,", &err, &c),
      LG_OK);
  assert_int_equal(lg_plan_new(&p, c, "mini", "en"), LG_OK);
  assert_int_equal(lg_plan_set(p, "grief_days", "14"), LG_OK);
  assert_int_equal(lg_plan_build(p, start, 1), LG_OK);
  assert_int_equal(lg_plan_phase_length(p, 0), 10);
  lg_plan_free(p);
  lg_catalog_free(c);
  free(base);
}

static char *ical_of(const lg_plan *p) {
  size_t len = 0;
  char *s;
  assert_int_equal(lg_plan_export(p, LG_FORMAT_ICALENDAR, NULL, 0, &len), LG_ETRUNC);
  s = malloc(len + 1);
  assert_non_null(s);
  assert_int_equal(lg_plan_export(p, LG_FORMAT_ICALENDAR, s, len + 1, &len), LG_OK);
  return s;
}

static void icalendar_triggers_at_midnight_and_before_ten(void **state) {
  static const struct {
    const char *time, *trigger;
  } cases[] = {
      {"00:00", "TRIGGER:PT0S"},
      {"00:30", "TRIGGER:PT30M"},
      {"10:05", "TRIGGER:PT10H5M"},
      {"07:00", "TRIGGER:PT7H\r\n"},
  };
  lg_date start = {2026, 3, 2};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    lg_plan *p = NULL;
    char *ics;
    assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
    assert_int_equal(lg_plan_set(p, "reminder_time", cases[i].time), LG_OK);
    assert_int_equal(lg_plan_build(p, start, 1), LG_OK);
    ics = ical_of(p);
    if (!strstr(ics, cases[i].trigger)) fail_msg("%s: no %s", cases[i].time, cases[i].trigger);
    free(ics);
    lg_plan_free(p);
  }
}

static void icalendar_text_escapes_controls_in_persona_values(void **state) {
  lg_plan *p = NULL;
  lg_date start = {2026, 3, 2};
  char *ics;
  (void)state;
  assert_int_equal(lg_plan_new(&p, cat, "let-go", "en"), LG_OK);
  assert_int_equal(lg_plan_set(p, "partner_name",
                               "P\tQ\rR\x01"
                               "S;T"),
                   LG_OK);
  assert_int_equal(lg_plan_build(p, start, 1), LG_OK);
  ics = ical_of(p);
  /* in the partner's name: a tab stays, a lone CR is a line break, other controls go,
   * ; is escaped */
  assert_non_null(strstr(ics, "P\tQ\\nRS\\;T"));
  assert_null(strchr(ics, '\x01'));
  free(ics);
  lg_plan_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_hand_written_state_restores_and_saves_back_byte_for_byte),
      cmocka_unit_test(each_broken_state_is_refused_at_its_pointer),
      cmocka_unit_test(lists_over_their_limits_are_refused),
      cmocka_unit_test(a_check_in_with_nothing_done_and_a_crisis_from_the_start_restore),
      cmocka_unit_test(preferences_are_checked_and_stored_in_canonical_form),
      cmocka_unit_test(accessors_answer_nothing_before_the_build_and_past_the_end),
      cmocka_unit_test(each_broken_template_rule_is_refused_at_its_pointer),
      cmocka_unit_test(a_phase_without_from_ignores_the_preference),
      cmocka_unit_test(icalendar_triggers_at_midnight_and_before_ten),
      cmocka_unit_test(icalendar_text_escapes_controls_in_persona_values),
  };
  return cmocka_run_group_tests_name("cov_plan", tests, setup, teardown);
}
