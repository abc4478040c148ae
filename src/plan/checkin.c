/*
 * checkin.c - daily check-ins (mood and tasks done), adherence and the
 * streak. A check-in may change what later days hold (adaptation), so it
 * re-derives the plan and swaps both in together, or changes nothing.
 */
#include <string.h>

#include "plan/plan_impl.h"

void lgi_checkins_free(const lg_allocator *a, lgi_checkin *c, size_t n) {
  size_t i, j;
  for (i = 0; c && i < n; i++) {
    for (j = 0; j < c[i].done_count; j++) lgi_free_wiped(a, c[i].done[j], strlen(c[i].done[j]) + 1);
    lgi_free_wiped(a, c[i].done, c[i].done_count * sizeof *c[i].done);
    c[i].done = NULL;
    c[i].done_count = 0;
  }
}

int lgi_checkin_has(const lgi_checkin *c, const char *task_id) {
  size_t i;
  for (i = 0; c && i < c->done_count; i++)
    if (strcmp(c->done[i], task_id) == 0) return 1;
  return 0;
}

const lgi_checkin *lgi_plan_checkin_on(const lg_plan *p, int32_t date) {
  size_t i;
  for (i = 0; i < p->checkin_count; i++)
    if (p->checkins[i].date == date) return &p->checkins[i];
  return NULL;
}

static int on_day(const lg_plan *p, size_t d, const char *id) {
  size_t i;
  for (i = 0; i < p->b.days[d].count; i++)
    if (strcmp(p->b.tasks[p->b.days[d].first + i].id, id) == 0) return 1;
  return 0;
}

static int seen_before(const char *const *done, size_t i) {
  size_t j;
  for (j = 0; j < i; j++)
    if (strcmp(done[j], done[i]) == 0) return 1;
  return 0;
}

/* Copies the distinct ids of `done` (already checked) into c. */
static int copy_done(const lg_allocator *a, const char *const *done, lgi_checkin *c) {
  size_t n = 0, i, k = 0;
  c->done = NULL;
  c->done_count = 0;
  for (i = 0; done && done[i]; i++)
    if (!seen_before(done, i)) n++;
  if (n == 0) return LG_OK;
  c->done = lgi_calloc(a, n, sizeof *c->done);
  if (!c->done) return LG_ENOMEM;
  c->done_count = n;
  for (i = 0; done[i]; i++) {
    if (seen_before(done, i)) continue;
    c->done[k] = lgi_strndup(a, done[i], strlen(done[i]));
    if (!c->done[k]) {
      while (k > 0) {
        k--;
        lgi_free_wiped(a, c->done[k], strlen(c->done[k]) + 1);
      }
      lgi_free_wiped(a, c->done, n * sizeof *c->done);
      c->done = NULL;
      c->done_count = 0;
      return LG_ENOMEM;
    }
    k++;
  }
  return LG_OK;
}

int lgi_plan_put_checkin(lg_plan *p, const lgi_checkin *c) {
  lgi_checkin *arr;
  lgi_built b;
  size_t i, n = p->checkin_count, at;
  int replace = 0, rc;
  for (at = 0; at < n && p->checkins[at].date < c->date; at++) {
  }
  replace = at < n && p->checkins[at].date == c->date;
  arr = lgi_malloc(p->alloc, (n + 1) * sizeof *arr);
  if (!arr) return LG_ENOMEM;
  for (i = 0; i < at; i++) arr[i] = p->checkins[i];
  arr[at] = *c;
  for (i = at + (size_t)replace; i < n; i++) arr[i + 1 - (size_t)replace] = p->checkins[i];
  n = n + 1 - (size_t)replace;
  if (p->built) {
    rc = lgi_plan_derive(p, p->start, p->seed, arr, n, &b);
    if (rc != LG_OK) {
      lgi_free(p->alloc, arr, (p->checkin_count + 1) * sizeof *arr);
      return rc;
    }
    lgi_plan_adopt(p, &b);
  }
  if (replace) lgi_checkins_free(p->alloc, &p->checkins[at], 1);
  lgi_free_wiped(p->alloc, p->checkins, p->checkin_cap * sizeof *p->checkins);
  p->checkin_cap = p->checkin_count + 1;
  p->checkins = arr;
  p->checkin_count = n;
  return LG_OK;
}

int lg_plan_checkin(lg_plan *p, lg_date date, int mood, const char *const *done) {
  lgi_checkin c;
  size_t d, i;
  int32_t day;
  int rc;
  if (!p) return LG_EINVAL;
  if (!p->built) return LG_ESTATE;
  if (!lgi_date_valid(date.year, date.month, date.day) || mood < 0 || mood > 10) return LG_ERANGE;
  day = lgi_days_from_civil(date.year, date.month, date.day);
  if (day < p->start || day >= p->start + (int32_t)p->b.day_count) return LG_ERANGE;
  d = (size_t)(day - p->start);
  for (i = 0; done && done[i]; i++)
    if (!on_day(p, d, done[i])) return LG_ENOTFOUND;
  c.date = day;
  c.mood = mood;
  rc = copy_done(p->alloc, done, &c);
  if (rc != LG_OK) return rc;
  rc = lgi_plan_put_checkin(p, &c);
  if (rc != LG_OK) lgi_checkins_free(p->alloc, &c, 1);
  return rc;
}

/* ---- adherence --------------------------------------------------------- */

void lgi_plan_day_adherence(const lg_plan *p, size_t d, size_t *done, size_t *scheduled) {
  const lgi_checkin *c = lgi_plan_checkin_on(p, p->start + (int32_t)d);
  size_t i, n = 0;
  for (i = 0; c && i < p->b.days[d].count; i++)
    if (lgi_checkin_has(c, p->b.tasks[p->b.days[d].first + i].id)) n++;
  *done = n;
  *scheduled = p->b.days[d].count;
}

static void sum_days(const lg_plan *p, size_t from, size_t to, size_t *done, size_t *scheduled) {
  size_t d, a, b, sd = 0, ss = 0;
  for (d = from; d < to; d++) {
    lgi_plan_day_adherence(p, d, &a, &b);
    sd += a;
    ss += b;
  }
  if (done) *done = sd;
  if (scheduled) *scheduled = ss;
}

int lg_plan_adherence(const lg_plan *p, size_t day, size_t *done, size_t *scheduled) {
  if (!p) return LG_EINVAL;
  if (!p->built) return LG_ESTATE;
  if (day >= p->b.day_count) return LG_ERANGE;
  sum_days(p, day, day + 1, done, scheduled);
  return LG_OK;
}

int lg_plan_phase_adherence(const lg_plan *p, size_t i, size_t *done, size_t *scheduled) {
  if (!p) return LG_EINVAL;
  if (!p->built) return LG_ESTATE;
  if (i >= p->b.phase_count) return LG_ERANGE;
  sum_days(p, p->b.phases[i].start, p->b.phases[i].start + p->b.phases[i].length, done, scheduled);
  return LG_OK;
}

int lg_plan_overall_adherence(const lg_plan *p, size_t *done, size_t *scheduled) {
  if (!p) return LG_EINVAL;
  if (!p->built) return LG_ESTATE;
  sum_days(p, 0, p->b.day_count, done, scheduled);
  return LG_OK;
}

static int counts(const lg_plan *p, int32_t day) {
  size_t done, scheduled;
  if (!lgi_plan_checkin_on(p, day)) return 0;
  lgi_plan_day_adherence(p, (size_t)(day - p->start), &done, &scheduled);
  return done > 0 || scheduled == 0;
}

size_t lgi_plan_streak_at(const lg_plan *p, int32_t t) {
  size_t n = 0;
  int32_t end = p->start + (int32_t)p->b.day_count;
  if (t < p->start) return 0;
  if (t >= end) t = end - 1;
  if (!lgi_plan_checkin_on(p, t)) t--;
  for (; t >= p->start && counts(p, t); t--) n++;
  return n;
}

int lg_plan_streak(const lg_plan *p, lg_date today, size_t *out) {
  if (!p || !out) return LG_EINVAL;
  if (!p->built) return LG_ESTATE;
  if (!lgi_date_valid(today.year, today.month, today.day)) return LG_ERANGE;
  *out = lgi_plan_streak_at(p, lgi_days_from_civil(today.year, today.month, today.day));
  return LG_OK;
}

size_t lg_plan_checkin_count(const lg_plan *p) {
  return p ? p->checkin_count : 0;
}

int lg_plan_checkin_at(const lg_plan *p, size_t i, lg_date *date, int *mood, size_t *done_count) {
  if (!p) return LG_EINVAL;
  if (i >= p->checkin_count) return LG_ERANGE;
  if (date) *date = lgi_plan_date(p->checkins[i].date);
  if (mood) *mood = p->checkins[i].mood;
  if (done_count) *done_count = p->checkins[i].done_count;
  return LG_OK;
}
