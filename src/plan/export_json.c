/*
 * export_json.c - the plan as JSON (schema: docs/plan-json.md). Only
 * integers and strings, except adherence ratios, which are rounded to two
 * decimals on the decimal value, so every platform prints the same bytes.
 */
#include "plan/plan_impl.h"

static void date_value(lgi_jw *w, int32_t days) {
  char buf[11];
  lg_date d = lgi_plan_date(days);
  lgi_date_format(d.year, d.month, d.day, buf);
  lgi_jw_string(w, buf);
}

static void adherence(lgi_jw *w, size_t done, size_t scheduled) {
  lgi_jw_key(w, "adherence");
  lgi_jw_object_begin(w);
  lgi_jw_key(w, "done");
  lgi_jw_int(w, (int64_t)done);
  lgi_jw_key(w, "scheduled");
  lgi_jw_int(w, (int64_t)scheduled);
  lgi_jw_key(w, "ratio");
  if (scheduled)
    lgi_jw_number(w, lgi_num_round((double)done / (double)scheduled, 2));
  else
    lgi_jw_null(w);
  lgi_jw_object_end(w);
}

static void text_object(lgi_jw *w, const char *key, const lgi_text *t) {
  if (key) lgi_jw_key(w, key);
  lgi_jw_object_begin(w);
  lgi_jw_key(w, "id");
  lgi_jw_string(w, t->id);
  lgi_jw_key(w, "title");
  lgi_jw_string(w, t->title);
  lgi_jw_key(w, "body");
  lgi_jw_string(w, t->body);
  if (!key) { /* a resource */
    lgi_jw_key(w, "phone");
    lgi_jw_string(w, t->contact[0]);
    lgi_jw_key(w, "sms");
    lgi_jw_string(w, t->contact[1]);
    lgi_jw_key(w, "url");
    lgi_jw_string(w, t->contact[2]);
  }
  lgi_jw_object_end(w);
}

static void task(lgi_jw *w, const lg_task *t, const lgi_checkin *c) {
  char hhmm[6];
  lgi_jw_object_begin(w);
  lgi_jw_key(w, "id");
  lgi_jw_string(w, t->id);
  lgi_jw_key(w, "phase");
  lgi_jw_string(w, t->phase);
  lgi_jw_key(w, "title");
  lgi_jw_string(w, t->title);
  lgi_jw_key(w, "body");
  lgi_jw_string(w, t->body);
  lgi_jw_key(w, "entry");
  lgi_jw_string(w, t->entry);
  lgi_jw_key(w, "reminder");
  lgi_format_hhmm(t->reminder, hhmm);
  lgi_jw_string(w, hhmm);
  lgi_jw_key(w, "crisis");
  lgi_jw_bool(w, t->crisis);
  lgi_jw_key(w, "done");
  lgi_jw_bool(w, lgi_checkin_has(c, t->id));
  lgi_jw_object_end(w);
}

static void plan_head(lgi_jw *w, const lg_plan *p) {
  lgi_jw_key(w, "plan");
  lgi_jw_object_begin(w);
  lgi_jw_key(w, "template");
  lgi_jw_string(w, p->tpl->id);
  lgi_jw_key(w, "title");
  lgi_jw_string(w, p->b.title);
  lgi_jw_key(w, "summary");
  lgi_jw_string(w, p->b.summary);
  lgi_jw_key(w, "locale");
  lgi_jw_string(w, p->locale);
  lgi_jw_key(w, "start");
  date_value(w, p->start);
  lgi_jw_key(w, "end");
  date_value(w, p->start + (int32_t)p->b.day_count - 1);
  lgi_jw_key(w, "days");
  lgi_jw_int(w, (int64_t)p->b.day_count);
  lgi_jw_object_end(w);
  lgi_jw_key(w, "flags");
  lgi_jw_object_begin(w);
  lgi_jw_key(w, "crisis");
  lgi_jw_bool(w, (p->b.flags & LG_PLAN_CRISIS) != 0);
  lgi_jw_key(w, "therapy");
  lgi_jw_bool(w, (p->b.flags & LG_PLAN_THERAPY) != 0);
  lgi_jw_object_end(w);
}

static void phases(lgi_jw *w, const lg_plan *p) {
  size_t i, done, scheduled;
  lgi_jw_key(w, "phases");
  lgi_jw_array_begin(w);
  for (i = 0; i < p->b.phase_count; i++) {
    const lgi_bphase *ph = &p->b.phases[i];
    lgi_jw_object_begin(w);
    lgi_jw_key(w, "id");
    lgi_jw_string(w, ph->def->id);
    lgi_jw_key(w, "title");
    lgi_jw_string(w, ph->title);
    lgi_jw_key(w, "summary");
    lgi_jw_string(w, ph->summary);
    lgi_jw_key(w, "start");
    date_value(w, p->start + (int32_t)ph->start);
    lgi_jw_key(w, "end");
    date_value(w, p->start + (int32_t)(ph->start + ph->length) - 1);
    lgi_jw_key(w, "days");
    lgi_jw_int(w, (int64_t)ph->length);
    lg_plan_phase_adherence(p, i, &done, &scheduled);
    adherence(w, done, scheduled);
    lgi_jw_object_end(w);
  }
  lgi_jw_array_end(w);
}

static void days(lgi_jw *w, const lg_plan *p) {
  size_t d, i, done, scheduled;
  lgi_jw_key(w, "days");
  lgi_jw_array_begin(w);
  for (d = 0; d < p->b.day_count; d++) {
    int32_t date = p->start + (int32_t)d;
    const lgi_checkin *c = lgi_plan_checkin_on(p, date);
    lgi_jw_object_begin(w);
    lgi_jw_key(w, "day");
    lgi_jw_int(w, (int64_t)d + 1);
    lgi_jw_key(w, "date");
    date_value(w, date);
    lgi_jw_key(w, "phase");
    lgi_jw_string(w, p->b.phases[p->b.days[d].phase].def->id);
    lgi_jw_key(w, "mood");
    if (c)
      lgi_jw_int(w, c->mood);
    else
      lgi_jw_null(w);
    lgi_plan_day_adherence(p, d, &done, &scheduled);
    adherence(w, done, scheduled);
    lgi_jw_key(w, "tasks");
    lgi_jw_array_begin(w);
    for (i = 0; i < p->b.days[d].count; i++) task(w, &p->b.tasks[p->b.days[d].first + i], c);
    lgi_jw_array_end(w);
    lgi_jw_object_end(w);
  }
  lgi_jw_array_end(w);
}

static void checkins(lgi_jw *w, const lg_plan *p) {
  size_t i, j;
  lgi_jw_key(w, "checkins");
  lgi_jw_array_begin(w);
  for (i = 0; i < p->checkin_count; i++) {
    const lgi_checkin *c = &p->checkins[i];
    lgi_jw_object_begin(w);
    lgi_jw_key(w, "date");
    date_value(w, c->date);
    lgi_jw_key(w, "mood");
    lgi_jw_int(w, c->mood);
    lgi_jw_key(w, "done");
    lgi_jw_array_begin(w);
    for (j = 0; j < c->done_count; j++) lgi_jw_string(w, c->done[j]);
    lgi_jw_array_end(w);
    lgi_jw_object_end(w);
  }
  lgi_jw_array_end(w);
}

int lgi_plan_export_json(const lg_plan *p, lgi_out *o) {
  lgi_jw w;
  size_t i, done, scheduled;
  lgi_jw_init(&w, o, 1);
  lgi_jw_object_begin(&w);
  lgi_jw_key(&w, "format");
  lgi_jw_string(&w, "letgo-plan-export/1");
  plan_head(&w, p);
  phases(&w, p);
  days(&w, p);
  checkins(&w, p);
  lg_plan_overall_adherence(p, &done, &scheduled);
  adherence(&w, done, scheduled);
  lgi_jw_key(&w, "streak");
  lgi_jw_int(&w, p->checkin_count
                     ? (int64_t)lgi_plan_streak_at(p, p->checkins[p->checkin_count - 1].date)
                     : 0);
  lgi_jw_key(&w, "resources");
  lgi_jw_array_begin(&w);
  for (i = 0; i < p->b.resource_count; i++) text_object(&w, NULL, &p->b.resources[i]);
  lgi_jw_array_end(&w);
  text_object(&w, "help", &p->b.help);
  text_object(&w, "disclaimer", &p->b.disclaimer);
  lgi_jw_object_end(&w);
  lgi_out_putc(o, '\n');
  return LG_OK;
}
