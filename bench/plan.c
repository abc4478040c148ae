/*
 * bench_plan - microseconds to build the built-in 42-day "let-go" plan
 * (tailored: two results, a persona, interests) and to export it to each
 * format into a caller's buffer. Target: under 100 microseconds each.
 * Reports the median of several runs, in CPU time of this process (the
 * machine may be shared: time spent preempted is not the library's).
 *
 * Usage: bench_plan [iterations per run, default 2000]
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <letgo/letgo.h>

#define RUNS 7

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static int use_result(const lg_catalog *cat, lg_plan *p, const char *instrument, double v) {
  lg_session *s = NULL;
  lg_result *r = NULL;
  const lg_item *it;
  int rc = lg_session_new(&s, cat, instrument, "en");
  while (rc == LG_OK && (it = lg_session_next(s)) != NULL)
    rc = lg_session_answer(s, lg_item_id(it),
                           lg_item_type(it) == LG_ITEM_CHOICE ? lg_item_option_value(it, 0) : v);
  if (rc == LG_OK) rc = lg_session_score(s, &r);
  if (rc == LG_OK) rc = lg_plan_use_result(p, r);
  lg_result_free(r);
  lg_session_free(s);
  return rc;
}

int main(int argc, char **argv) {
  static const char *const names[] = {"build (42 days)", "export JSON", "export iCalendar",
                                      "export Markdown"};
  long iterations = argc > 1 ? atol(argv[1]) : 2000;
  lg_catalog *cat = NULL;
  lg_plan *p = NULL;
  lg_date start = {2026, 3, 2};
  static char buf[1 << 20];
  size_t len = 0, sizes[4] = {0, 0, 0, 0};
  int what;
  if (iterations <= 0 || lg_catalog_new(&cat, NULL, 0) != LG_OK ||
      lg_plan_new(&p, cat, "let-go", "en") != LG_OK || use_result(cat, p, "one-sided", 3) ||
      use_result(cat, p, "readiness", 2) || lg_plan_set(p, "name", "Sam") ||
      lg_plan_set(p, "partner_name", "Alex") || lg_plan_set(p, "interests", "nature,skills") ||
      lg_plan_set(p, "region", "US")) {
    fprintf(stderr, "bench_plan: cannot set up the plan\n");
    return 1;
  }
  for (what = 0; what < 4; what++) {
    double runs[RUNS];
    int run;
    for (run = 0; run < RUNS; run++) {
      double t0 = now_us();
      long n;
      for (n = 0; n < iterations; n++) {
        int rc = what == 0 ? lg_plan_build(p, start, (uint64_t)n)
                           : lg_plan_export(p, what - 1, buf, sizeof buf, &len);
        if (rc != LG_OK) {
          fprintf(stderr, "bench_plan: %s failed: %s\n", names[what], lg_strerror(rc));
          return 1;
        }
      }
      runs[run] = (now_us() - t0) / (double)iterations;
    }
    qsort(runs, RUNS, sizeof runs[0], cmp);
    sizes[what] = what == 0 ? lg_plan_day_count(p) : len;
    printf("%-18s %8.1f us (median of %d runs of %ld)%s%lu %s\n", names[what], runs[RUNS / 2],
           RUNS, iterations, what == 0 ? "; " : "; output ", (unsigned long)sizes[what],
           what == 0 ? "days" : "bytes");
  }
  lg_plan_free(p);
  lg_catalog_free(cat);
  return 0;
}
