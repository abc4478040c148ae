/*
 * journey.c - the whole journey in C, timed: assess one-sided and
 * readiness, build a plan tailored to both, three check-ins, and export it
 * in the three formats. bench/python_journey.py does the same through the
 * Python package, so the two times give the bindings' overhead.
 * Usage: bench_journey [ITERATIONS]   (prints microseconds per journey)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <letgo/letgo.h>

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int answer_all(lg_session *s, int pick_max) {
  const lg_item *it;
  while ((it = lg_session_next(s)) != NULL)
    if (lg_session_answer(s, lg_item_id(it), pick_max ? lg_item_max(it) : lg_item_min(it)) != LG_OK)
      return -1;
  return 0;
}

static size_t export_len(const lg_plan *p, int format) {
  size_t len = 0;
  char *buf;
  lg_plan_export(p, format, NULL, 0, &len);
  buf = malloc(len + 1);
  if (!buf || lg_plan_export(p, format, buf, len + 1, &len) != LG_OK) abort();
  free(buf);
  return len;
}

static size_t journey(const lg_catalog *cat) {
  lg_session *a, *b;
  lg_result *ra, *rb;
  lg_plan *p;
  lg_date start = {2026, 11, 26};
  int d;
  size_t total = 0;
  if (lg_session_new(&a, cat, "one-sided", "en") || answer_all(a, 1) || lg_session_score(a, &ra))
    abort();
  if (lg_session_new(&b, cat, "readiness", "en") || answer_all(b, 0) || lg_session_score(b, &rb))
    abort();
  if (lg_plan_new(&p, cat, "let-go", "en") || lg_plan_set(p, "region", "GB") ||
      lg_plan_use_result(p, ra) || lg_plan_use_result(p, rb) || lg_plan_build(p, start, 7))
    abort();
  for (d = 0; d < 3; d++) {
    lg_date day = {2026, 11, 26 + d};
    if (lg_plan_checkin(p, day, 4 + d, NULL) != LG_OK) abort();
  }
  total += export_len(p, LG_FORMAT_JSON) + export_len(p, LG_FORMAT_ICALENDAR) +
           export_len(p, LG_FORMAT_MARKDOWN);
  lg_plan_free(p);
  lg_result_free(ra);
  lg_result_free(rb);
  lg_session_free(a);
  lg_session_free(b);
  return total;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 200, i;
  lg_catalog *cat;
  double t0, t1;
  size_t bytes = 0;
  if (lg_catalog_new(&cat, NULL, 0) != LG_OK) return 1;
  journey(cat); /* warm-up */
  t0 = now_us();
  for (i = 0; i < n; i++) bytes += journey(cat);
  t1 = now_us();
  printf("c_journey_us=%.1f iterations=%d export_bytes=%zu\n", (t1 - t0) / n, n, bytes / (size_t)n);
  lg_catalog_free(cat);
  return 0;
}
