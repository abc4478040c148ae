/*
 * bench_assess - nanoseconds for one whole "one-sided" assessment: create a
 * session, answer its nine items, score, free the result and the session.
 * Target: under 2 microseconds. Reports the median of several runs.
 *
 * Usage: bench_assess [iterations per run, default 200000]
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <letgo/assess.h>
#include <letgo/catalog.h>

#define RUNS 7

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  static const char *const ids[] = {"exhausted",    "no-connection", "always-apologize",
                                    "no-compromise", "needs-last",   "no-repair",
                                    "not-priority", "no-time-together", "time-for-others"};
  long iterations = argc > 1 ? atol(argv[1]) : 200000;
  double runs[RUNS], sink = 0;
  lg_catalog *cat = NULL;
  int run;
  if (iterations <= 0 || lg_catalog_new(&cat, NULL, 0) != LG_OK) {
    fprintf(stderr, "bench_assess: cannot load the built-in catalogue\n");
    return 1;
  }
  for (run = 0; run < RUNS; run++) {
    double t0 = now_ns();
    long n;
    for (n = 0; n < iterations; n++) {
      lg_session *s = NULL;
      lg_result *r = NULL;
      size_t i;
      if (lg_session_new(&s, cat, "one-sided", "en") != LG_OK) return 1;
      for (i = 0; i < 9; i++)
        if (lg_session_answer(s, ids[i], (double)((n + (long)i) % 5)) != LG_OK) return 1;
      if (lg_session_score(s, &r) != LG_OK) return 1;
      sink += lg_result_score(r);
      lg_result_free(r);
      lg_session_free(s);
    }
    runs[run] = (now_ns() - t0) / (double)iterations;
  }
  qsort(runs, RUNS, sizeof runs[0], cmp);
  printf("one-sided: create + answer 9 + score + free: %.0f ns (median of %d runs of %ld; "
         "min %.0f, max %.0f) [checksum %.0f]\n",
         runs[RUNS / 2], RUNS, iterations, runs[0], runs[RUNS - 1], sink);
  lg_catalog_free(cat);
  return 0;
}
