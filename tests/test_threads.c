/*
 * test_threads.c - one built-in catalogue shared by 8 threads.
 *
 * Each thread runs every job (searches in English and Spanish, full
 * assessments of one-sided, readiness and the check-in with its safety
 * item, plans built and exported in all three formats and saved, renders)
 * ITERATIONS times, each thread starting at a different job so that
 * different engines run side by side, and compares every output byte for
 * byte with the one the main thread produced alone first. Threads record
 * mismatches; only the main thread asserts (cmocka is not thread-safe).
 *
 * scripts/tsan.sh builds this test with gcc -fsanitize=thread and runs it.
 * pthreads are used by this test only, never by the library.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <letgo/letgo.h>

#include "test_alloc.h"

#define THREADS 8
#define ITERATIONS 50
#define ITERATIONS_SMALL 5 /* LETGO_TEST_SCALE=small: the valgrind runs */

static size_t iterations = ITERATIONS;

static lg_catalog *cat;

/* ---- a growing text, test-side ------------------------------------------- */

typedef struct text {
  char *p;
  size_t n, cap;
  int failed;
} text;

static void put(text *t, const char *s, size_t n) {
  if (t->failed) return;
  if (t->n + n + 1 > t->cap) {
    size_t cap = (t->n + n + 1) * 2;
    char *np = realloc(t->p, cap);
    if (!np) {
      t->failed = 1;
      return;
    }
    t->p = np;
    t->cap = cap;
  }
  memcpy(t->p + t->n, s, n);
  t->n += n;
  t->p[t->n] = '\0';
}

static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }

static void putf(text *t, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof buf) t->failed = 1;
  else put(t, buf, (size_t)n);
}

/* Appends a library text output (length query, then fill). */
typedef int (*text_fn)(const void *obj, int arg, char *buf, size_t cap, size_t *len);
static void put_output(text *t, text_fn fn, const void *obj, int arg) {
  size_t len = 0, len2 = 0;
  char *buf;
  int rc = fn(obj, arg, NULL, 0, &len);
  if (rc != LG_ETRUNC && rc != LG_OK) {
    putf(t, "[status %d]", rc);
    return;
  }
  buf = malloc(len + 1);
  if (!buf) {
    t->failed = 1;
    return;
  }
  rc = fn(obj, arg, buf, len + 1, &len2);
  if (rc != LG_OK || len2 != len) putf(t, "[status %d, %zu != %zu]", rc, len2, len);
  else put(t, buf, len);
  free(buf);
}

static int session_save_fn(const void *s, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_session_save(s, buf, cap, len);
}
static int result_json_fn(const void *r, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_result_json(r, buf, cap, len);
}
static int plan_export_fn(const void *p, int format, char *buf, size_t cap, size_t *len) {
  return lg_plan_export(p, format, buf, cap, len);
}
static int plan_save_fn(const void *p, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_plan_save(p, buf, cap, len);
}

/* ---- the jobs -------------------------------------------------------------- */

typedef struct job {
  int kind;            /* 0 search, 1 assessment, 2 plan, 3 render */
  const char *a, *b;   /* query/locale, instrument/locale, locale/region, text/locale */
  double value;        /* answer for every item (clamped), or the seed */
} job;

static void search_job(const job *j, text *t) {
  lg_hit hits[12];
  size_t total = 0, i;
  int rc = lg_catalog_search(cat, j->a, j->b, hits, 12, &total);
  putf(t, "%d %zu:", rc, total);
  for (i = 0; rc == LG_OK && i < total && i < 12; i++)
    putf(t, " %s=%a", lg_entry_id(hits[i].entry), hits[i].score);
}

static void assessment_job(const job *j, text *t) {
  lg_session *s = NULL, *s2 = NULL;
  lg_result *r = NULL;
  const lg_item *it;
  text saved = {0};
  int rc = lg_session_new(&s, cat, j->a, j->b);
  if (rc != LG_OK) {
    putf(t, "new %d", rc);
    return;
  }
  while ((it = lg_session_next(s)) != NULL) {
    double v = j->value;
    if (lg_item_type(it) == LG_ITEM_CHOICE) v = lg_item_option_value(it, lg_item_option_count(it) - 1);
    else if (v > lg_item_max(it)) v = lg_item_max(it);
    else if (v < lg_item_min(it)) v = lg_item_min(it);
    if (lg_session_answer(s, lg_item_id(it), v) != LG_OK) {
      puts_(t, "answer failed");
      break;
    }
  }
  put_output(&saved, session_save_fn, s, 0);
  if (saved.p) {
    puts_(t, saved.p);
    rc = lg_session_restore(&s2, cat, saved.p, saved.n, NULL);
    putf(t, "\nrestore %d\n", rc);
  }
  if (s2 && lg_session_score(s2, &r) == LG_OK) {
    putf(t, "%a %s %s %u\n", lg_result_score(r), lg_result_band(r), lg_result_band_label(r),
         lg_result_flags(r));
    put_output(t, result_json_fn, r, 0);
  } else {
    puts_(t, "score failed");
  }
  free(saved.p);
  lg_result_free(r);
  lg_session_free(s2);
  lg_session_free(s);
}

static void plan_job(const job *j, text *t) {
  static const lg_date start = {2026, 5, 11};
  lg_plan *p = NULL;
  lg_session *s = NULL;
  lg_result *r = NULL;
  const lg_item *it;
  const char *done[2];
  int rc = lg_plan_new(&p, cat, "let-go", j->a), f;
  if (rc != LG_OK) {
    putf(t, "plan new %d", rc);
    return;
  }
  /* a check-in with the safety item raised: crisis resources first */
  if (lg_session_new(&s, cat, "checkin", j->a) == LG_OK) {
    while ((it = lg_session_next(s)) != NULL) {
      double v = lg_item_type(it) == LG_ITEM_CHOICE ? lg_item_option_value(it, 0)
                 : lg_item_type(it) == LG_ITEM_YESNO ? (strcmp(lg_item_id(it), "safety") == 0)
                                                     : 2;
      if (lg_session_answer(s, lg_item_id(it), v) != LG_OK) {
        puts_(t, "answer failed");
        break;
      }
    }
    if (lg_session_score(s, &r) == LG_OK) lg_plan_use_result(p, r);
  }
  lg_plan_set(p, "name", "Noor");
  lg_plan_set(p, "partner_name", "Kai");
  lg_plan_set(p, "partner_pronouns", "he");
  lg_plan_set(p, "region", j->b);
  lg_plan_set(p, "interests", "fitness,mindfulness");
  lg_plan_set(p, "reminder_time", "08:15");
  rc = lg_plan_build(p, start, (uint64_t)j->value);
  putf(t, "build %d days %zu flags %u\n", rc, lg_plan_day_count(p), lg_plan_flags(p));
  if (rc == LG_OK) {
    done[0] = lg_task_id(lg_plan_task(p, 0, 0));
    done[1] = NULL;
    putf(t, "checkin %d\n", lg_plan_checkin(p, start, 4, done));
    for (f = 0; f < 3; f++) put_output(t, plan_export_fn, p, f);
    put_output(t, plan_save_fn, p, 0);
  }
  lg_result_free(r);
  lg_session_free(s);
  lg_plan_free(p);
}

static void render_job(const job *j, text *t) {
  static const char *const vars[] = {"name", "Ana", "partner_name", "Luz", "partner_pronouns",
                                     "she", NULL};
  char buf[1024];
  size_t len = 0;
  int rc = lg_render(cat, j->a, j->b, vars, buf, sizeof buf, &len);
  putf(t, "%d %zu %s", rc, len, rc == LG_OK ? buf : "");
}

static const job JOBS[] = {
    {0, "grief", "en", 0},
    {0, "write a letter you never send", "en", 0},
    {0, "kind:exercise tag:nature", "en", 0},
    {0, "\"let go\" OR friends OR worthy", "en", 0},
    {0, "phase:grieve", "en", 0},
    {0, "duelo", "es", 0},
    {0, "amigos familia apoyo", "es-MX", 0},
    {0, "tag:affirmation", "es", 0},
    {1, "one-sided", "en", 3},
    {1, "one-sided", "es", 1},
    {1, "readiness", "en", 4},
    {1, "readiness", "es", 2},
    {1, "checkin", "en", 1},  /* mood 1 enables the follow-up; safety raised */
    {1, "checkin", "es", 0},
    {2, "en", "US", 1},
    {2, "es", "ES", 2},
    {2, "en", "GB", 77},
    {3, "{Partner} said {they_were} busy, {name}; {their} call.", "en", 0},
    {3, "{Partner} no llamó, {name}.", "es", 0},
};
#define NJOBS (sizeof JOBS / sizeof JOBS[0])

static char *reference[NJOBS];

static char *run_job(const job *j) {
  text t = {0};
  switch (j->kind) {
    case 0: search_job(j, &t); break;
    case 1: assessment_job(j, &t); break;
    case 2: plan_job(j, &t); break;
    default: render_job(j, &t); break;
  }
  if (t.failed) {
    free(t.p);
    return NULL;
  }
  return t.p;
}

/* ---- the threads ----------------------------------------------------------- */

typedef struct worker {
  pthread_t thread;
  int id;
  size_t runs, mismatches, first_bad_job;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  size_t it, k;
  w->first_bad_job = NJOBS;
  for (it = 0; it < iterations; it++) {
    for (k = 0; k < NJOBS; k++) {
      size_t j = (k + (size_t)w->id * 3 + it) % NJOBS;
      char *out = run_job(&JOBS[j]);
      w->runs++;
      if (!out || strcmp(out, reference[j]) != 0) {
        if (w->mismatches++ == 0) w->first_bad_job = j;
      }
      free(out);
    }
  }
  return NULL;
}

static int setup(void **state) {
  size_t j;
  const char *scale = getenv("LETGO_TEST_SCALE");
  (void)state;
  if (scale && strcmp(scale, "small") == 0) iterations = ITERATIONS_SMALL;
  if (lg_catalog_new(&cat, NULL, 0) != LG_OK) return -1;
  for (j = 0; j < NJOBS; j++)
    if ((reference[j] = run_job(&JOBS[j])) == NULL) return -1;
  return 0;
}

static int teardown(void **state) {
  size_t j;
  (void)state;
  for (j = 0; j < NJOBS; j++) free(reference[j]);
  lg_catalog_free(cat);
  return 0;
}

static void the_references_are_real_outputs(void **state) {
  (void)state;
  /* each job did what it should, so the comparison below means something */
  assert_non_null(strstr(reference[0], "0 "));
  assert_null(strstr(reference[0], " 0:"));
  assert_non_null(strstr(reference[12], "\"crisis\""));
  assert_non_null(strstr(reference[14], "BEGIN:VCALENDAR"));
  assert_non_null(strstr(reference[14], "Noor"));
  assert_non_null(strstr(reference[15], "Kai"));
  assert_non_null(strstr(reference[17], "Luz said she was busy, Ana"));
}

static void eight_threads_share_one_catalogue_and_agree_byte_for_byte(void **state) {
  worker w[THREADS];
  size_t i, runs = 0, bad = 0;
  (void)state;
  for (i = 0; i < THREADS; i++) {
    memset(&w[i], 0, sizeof w[i]);
    w[i].id = (int)i;
    assert_int_equal(pthread_create(&w[i].thread, NULL, work, &w[i]), 0);
  }
  for (i = 0; i < THREADS; i++) {
    assert_int_equal(pthread_join(w[i].thread, NULL), 0);
    runs += w[i].runs;
    bad += w[i].mismatches;
    if (w[i].mismatches)
      print_error("thread %zu: %zu mismatches, first in job %zu\n", i, w[i].mismatches,
                  w[i].first_bad_job);
  }
  printf("%d threads x %zu iterations x %zu jobs = %zu runs, %zu mismatches\n", THREADS,
         iterations, NJOBS, runs, bad);
  assert_int_equal(runs, (size_t)THREADS * iterations * NJOBS);
  assert_int_equal(bad, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_references_are_real_outputs),
      cmocka_unit_test(eight_threads_share_one_catalogue_and_agree_byte_for_byte),
  };
  return cmocka_run_group_tests_name("threads", tests, setup, teardown);
}
