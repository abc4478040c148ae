/*
 * plan.c - the plan handle: creation, preferences, results, building and
 * the accessors of what a build derived.
 */
#include <string.h>

#include "plan/plan_impl.h"

int lg_plan_new(lg_plan **out, const lg_catalog *cat, const char *template_id, const char *locale) {
  const lgi_template *tpl;
  const char *loc;
  lg_plan *p;
  size_t n;
  if (!out || !cat || !template_id) return LG_EINVAL;
  if (locale && strlen(locale) > 35) return LG_EINVAL;
  tpl = lgi_catalog_template(cat, template_id, locale);
  if (!tpl) return LG_ENOTFOUND;
  loc = lgi_catalog_resolve_locale(cat, locale);
  n = strlen(loc);
  if (n > 35) return LG_EINVAL;
  p = lgi_calloc(lgi_catalog_alloc(cat), 1, sizeof *p);
  if (!p) return LG_ENOMEM;
  p->cat = cat;
  p->alloc = lgi_catalog_alloc(cat);
  p->tpl = tpl;
  memcpy(p->locale, loc, n + 1);
  p->crisis_from = INT32_MIN;
  *out = p;
  return LG_OK;
}

void lg_plan_free(lg_plan *p) {
  size_t i;
  if (!p) return;
  for (i = 0; i < LGI_PREF_COUNT; i++)
    if (p->prefs[i]) lgi_free_wiped(p->alloc, p->prefs[i], strlen(p->prefs[i]) + 1);
  lgi_free_wiped(p->alloc, p->results, p->result_cap * sizeof *p->results);
  lgi_checkins_free(p->alloc, p->checkins, p->checkin_count);
  lgi_free_wiped(p->alloc, p->checkins, p->checkin_cap * sizeof *p->checkins);
  lgi_built_free(&p->b);
  lgi_free_wiped(p->alloc, p, sizeof *p);
}

int lg_plan_set(lg_plan *p, const char *key, const char *value) {
  char buf[LGI_PLAN_MAX_TEXT];
  char *copy = NULL;
  int pref, rc;
  if (!p || !key) return LG_EINVAL;
  pref = lgi_pref_index(key);
  if (pref < 0) return LG_ENOTFOUND;
  if (value && *value) {
    rc = lgi_pref_normalize(pref, value, buf, sizeof buf);
    if (rc != LG_OK) return rc;
    copy = lgi_strndup(p->alloc, buf, strlen(buf));
    lgi_wipe(buf, sizeof buf);
    if (!copy) return LG_ENOMEM;
  }
  if (p->prefs[pref]) lgi_free_wiped(p->alloc, p->prefs[pref], strlen(p->prefs[pref]) + 1);
  p->prefs[pref] = copy;
  return LG_OK;
}

/* ---- results ----------------------------------------------------------- */

static int cond_refs(const lgi_pcond *c, const char *instrument, const char *item) {
  size_t i;
  if (!c) return 0;
  if (c->kind == LGI_PC_ANSWER)
    return strcmp(c->instrument, instrument) == 0 && strcmp(c->item, item) == 0;
  for (i = 0; i < c->sub_count; i++)
    if (cond_refs(&c->subs[i], instrument, item)) return 1;
  return 0;
}

/* 1 when the plan reads this answer: the template tests it, or it is one
 * the effective preferences come from. */
static int wanted(const lgi_template *t, const char *instrument, const char *item) {
  size_t i, j;
  if (strcmp(instrument, "support") == 0) {
    if (strcmp(item, "style") == 0) return 1;
    for (i = 0; i < LGI_INTEREST_COUNT; i++)
      if (strcmp(item, lgi_plan_interests[i]) == 0) return 1;
  }
  for (i = 0; i < t->phase_count; i++) {
    const lgi_phase *ph = &t->phases[i];
    if (cond_refs(ph->cond, instrument, item)) return 1;
    for (j = 0; j < ph->rule_count; j++)
      if (cond_refs(ph->rules[j].cond, instrument, item)) return 1;
    for (j = 0; j < ph->task_count; j++)
      if (cond_refs(ph->tasks[j].cond, instrument, item)) return 1;
  }
  return 0;
}

static void copy_id(char dst[65], const char *src) {
  size_t n = strlen(src);
  if (n > 64) n = 64;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

static void summarise(const lgi_template *t, const lg_result *r, lgi_presult *out) {
  const lgi_instrument *in = r->in;
  size_t i;
  memset(out, 0, sizeof *out);
  copy_id(out->instrument, in->id);
  copy_id(out->band, in->bands[r->band].id);
  out->score = r->score;
  out->flags = r->flags;
  for (i = 0; i < in->item_count && out->answer_count < LGI_PLAN_MAX_ANSWERS; i++) {
    if (!r->counted[i] || !wanted(t, in->id, in->items[i].id)) continue;
    copy_id(out->items[out->answer_count], in->items[i].id);
    out->answers[out->answer_count++] = r->answers[i];
  }
}

/* Adds or replaces a result summary; on a built plan, rebuilds at once. */
int lgi_plan_put_result(lg_plan *p, const lgi_presult *r) {
  lgi_presult *arr = p->results, old;
  size_t i, n = p->result_count;
  int had = 0, crisis = p->crisis, rc;
  int32_t crisis_from = p->crisis_from;
  lgi_built b;
  for (i = 0; i < n; i++)
    if (strcmp(arr[i].instrument, r->instrument) == 0) break;
  if (i == n) {
    if (n >= LGI_PLAN_MAX_RESULTS) return LG_ELIMIT;
    if (n == p->result_cap) {
      /* the block moves as a whole: no stale copy of results stays behind */
      arr = lgi_malloc(p->alloc, (n + 1) * sizeof *arr);
      if (!arr) return LG_ENOMEM;
      if (n) memcpy(arr, p->results, n * sizeof *arr);
      lgi_free_wiped(p->alloc, p->results, p->result_cap * sizeof *arr);
      p->results = arr;
      p->result_cap = n + 1;
    }
    memset(&old, 0, sizeof old);
  } else {
    old = arr[i];
    had = 1;
  }
  arr[i] = *r;
  if (had && (old.flags & LG_FLAG_CRISIS)) arr[i].flags |= LG_FLAG_CRISIS;
  if (!had) p->result_count = n + 1;
  if ((r->flags & LG_FLAG_CRISIS) && !p->crisis) {
    p->crisis = 1;
    /* seen after building: from the day after the latest check-in */
    if (p->built && p->checkin_count > 0)
      p->crisis_from = p->checkins[p->checkin_count - 1].date + 1;
    else
      p->crisis_from = INT32_MIN;
  }
  if (!p->built) return LG_OK;
  rc = lgi_plan_derive(p, p->start, p->seed, p->checkins, p->checkin_count, &b);
  if (rc == LG_OK) {
    lgi_plan_adopt(p, &b);
    return LG_OK;
  }
  /* undo (the array may keep a spare slot: result_cap says so) */
  if (had)
    arr[i] = old;
  else
    p->result_count = n;
  p->crisis = crisis;
  p->crisis_from = crisis_from;
  lgi_wipe(&old, sizeof old);
  return rc;
}

int lg_plan_use_result(lg_plan *p, const lg_result *r) {
  lgi_presult s;
  int rc;
  if (!p || !r || !r->in) return LG_EINVAL;
  summarise(p->tpl, r, &s);
  rc = lgi_plan_put_result(p, &s);
  lgi_wipe(&s, sizeof s);
  return rc;
}

/* ---- building ---------------------------------------------------------- */

void lgi_plan_adopt(lg_plan *p, lgi_built *b) {
  lgi_built_free(&p->b);
  p->b = *b;
  memset(b, 0, sizeof *b);
}

int lg_plan_build(lg_plan *p, lg_date start, uint64_t seed) {
  lgi_built b;
  int32_t s, end;
  size_t i, kept = 0;
  int rc;
  if (!p) return LG_EINVAL;
  if (!lgi_date_valid(start.year, start.month, start.day)) return LG_ERANGE;
  s = lgi_days_from_civil(start.year, start.month, start.day);
  rc = lgi_plan_derive(p, s, seed, p->checkins, p->checkin_count, &b);
  if (rc != LG_OK) return rc;
  end = s + (int32_t)b.day_count;
  if (end - 1 > lgi_days_from_civil(2399, 12, 31)) {
    lgi_built_free(&b);
    return LG_ERANGE;
  }
  lgi_plan_adopt(p, &b);
  p->built = 1;
  p->start = s;
  p->seed = seed;
  /* check-ins outside the new plan are dropped (no allocation: compact) */
  for (i = 0; i < p->checkin_count; i++) {
    if (p->checkins[i].date >= s && p->checkins[i].date < end)
      p->checkins[kept++] = p->checkins[i];
    else
      lgi_checkins_free(p->alloc, &p->checkins[i], 1);
  }
  p->checkin_count = kept;
  return LG_OK;
}

/* ---- accessors --------------------------------------------------------- */

size_t lg_plan_day_count(const lg_plan *p) {
  return p && p->built ? p->b.day_count : 0;
}

size_t lg_plan_task_count(const lg_plan *p, size_t day) {
  return p && p->built && day < p->b.day_count ? p->b.days[day].count : 0;
}

const lg_task *lg_plan_task(const lg_plan *p, size_t day, size_t i) {
  if (!p || !p->built || day >= p->b.day_count || i >= p->b.days[day].count) return NULL;
  return &p->b.tasks[p->b.days[day].first + i];
}

unsigned lg_plan_flags(const lg_plan *p) {
  return p && p->built ? p->b.flags : 0u;
}

const char *lg_plan_title(const lg_plan *p) {
  return p && p->built ? p->b.title : NULL;
}

lg_date lg_plan_day_date(const lg_plan *p, size_t day) {
  lg_date none = {0, 0, 0};
  if (!p || !p->built || day >= p->b.day_count) return none;
  return lgi_plan_date(p->start + (int32_t)day);
}

size_t lg_plan_phase_count(const lg_plan *p) {
  return p && p->built ? p->b.phase_count : 0;
}

const char *lg_plan_phase_id(const lg_plan *p, size_t i) {
  return i < lg_plan_phase_count(p) ? p->b.phases[i].def->id : NULL;
}

const char *lg_plan_phase_title(const lg_plan *p, size_t i) {
  return i < lg_plan_phase_count(p) ? p->b.phases[i].title : NULL;
}

size_t lg_plan_phase_start(const lg_plan *p, size_t i) {
  return i < lg_plan_phase_count(p) ? p->b.phases[i].start : 0;
}

size_t lg_plan_phase_length(const lg_plan *p, size_t i) {
  return i < lg_plan_phase_count(p) ? p->b.phases[i].length : 0;
}

const char *lg_task_id(const lg_task *t) {
  return t ? t->id : NULL;
}

const char *lg_task_title(const lg_task *t) {
  return t ? t->title : NULL;
}

const char *lg_task_body(const lg_task *t) {
  return t ? t->body : NULL;
}

const char *lg_task_phase(const lg_task *t) {
  return t ? t->phase : NULL;
}

lg_date lg_task_date(const lg_task *t) {
  lg_date none = {0, 0, 0};
  return t ? t->date : none;
}

const char *lg_task_entry(const lg_task *t) {
  return t ? t->entry : NULL;
}

int lg_task_reminder(const lg_task *t) {
  return t ? t->reminder : -1;
}

int lg_plan_export(const lg_plan *p, int format, char *buf, size_t cap, size_t *len) {
  lgi_out o;
  int rc;
  if (!p || !len || (!buf && cap > 0)) return LG_EINVAL;
  if (format != LG_FORMAT_JSON && format != LG_FORMAT_ICALENDAR && format != LG_FORMAT_MARKDOWN)
    return LG_EINVAL;
  if (!p->built) return LG_ESTATE;
  lgi_out_fixed(&o, buf, cap);
  if (format == LG_FORMAT_JSON)
    rc = lgi_plan_export_json(p, &o);
  else if (format == LG_FORMAT_ICALENDAR)
    rc = lgi_plan_export_ical(p, &o);
  else
    rc = lgi_plan_export_markdown(p, &o);
  if (rc != LG_OK) return rc;
  return lgi_out_finish(&o, len);
}
