/*
 * build.c - derives a plan's days from its inputs: phase lengths, the
 * schedule, seeded picks, the adaptations check-ins call for, and every
 * text rendered with the persona. Everything lands in one fresh arena, so
 * a failure leaves the plan as it was and a success swaps in whole.
 *
 * Determinism: only integers and the seed decide anything here; the PRNG
 * is splitmix64, which gives the same numbers on every platform.
 */
#include <string.h>

#include "catalog/search.h"
#include "plan/plan_impl.h"

#define RENDER_STACK 2048

uint64_t lgi_plan_hash64(const char *s, size_t n, uint64_t h) {
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3u;
  }
  return h;
}

static uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

/* Uniform in [0, n) without modulo bias. */
static size_t below(uint64_t *state, size_t n) {
  uint64_t limit = UINT64_MAX - UINT64_MAX % (uint64_t)n, v;
  do {
    v = splitmix64(state);
  } while (v >= limit);
  return (size_t)(v % (uint64_t)n);
}

lg_date lgi_plan_date(int32_t days) {
  lg_date d;
  lgi_civil_from_days(days, &d.year, &d.month, &d.day);
  return d;
}

/* ---- rendering --------------------------------------------------------- */

/* Pools already scanned in this build: several tasks draw from the same
 * kind, tag and phase (journal prompts, affirmations). */
#define POOL_CACHE 16
typedef struct scanned {
  const char *kind, *tag, *phase; /* NULL when absent */
  unsigned mask;                  /* interests, for interest pools; else 0 */
  const lg_entry **e;
  size_t n;
} scanned;

typedef struct bctx {
  const lg_plan *p;
  lgi_built *b;
  const char *vars[7];
  scanned cache[POOL_CACHE];
  size_t cached;
} bctx;

static void persona(bctx *c) {
  static const int keys[3] = {LGI_PREF_NAME, LGI_PREF_PARTNER_NAME, LGI_PREF_PARTNER_PRONOUNS};
  size_t n = 0, i;
  for (i = 0; i < 3; i++) {
    if (c->p->prefs[keys[i]]) {
      c->vars[n++] = lgi_pref_name(keys[i]);
      c->vars[n++] = c->p->prefs[keys[i]];
    }
  }
  c->vars[n] = NULL;
}

static int render(bctx *c, const char *text, const char **out) {
  char stack[RENDER_STACK];
  size_t len = 0;
  char *s;
  int rc;
  *out = NULL;
  if (!text) return LG_OK;
  rc = lg_render(c->p->cat, text, c->p->locale, c->vars, stack, sizeof stack, &len);
  if (rc == LG_OK) {
    *out = lgi_arena_strndup(&c->b->arena, stack, len);
    return *out ? LG_OK : LG_ENOMEM;
  }
  if (rc != LG_ETRUNC) return rc;
  s = lgi_arena_alloc(&c->b->arena, len + 1);
  if (!s) return LG_ENOMEM;
  rc = lg_render(c->p->cat, text, c->p->locale, c->vars, s, len + 1, &len);
  *out = s;
  return rc;
}

/* a + "\n\n" + b, either may be NULL. */
static int join(bctx *c, const char *a, const char *b, const char **out) {
  size_t na, nb;
  char *s;
  if (!a || !b) {
    *out = a ? a : b;
    return LG_OK;
  }
  na = strlen(a);
  nb = strlen(b);
  s = lgi_arena_alloc(&c->b->arena, na + nb + 3);
  if (!s) return LG_ENOMEM;
  memcpy(s, a, na);
  s[na] = '\n';
  s[na + 1] = '\n';
  memcpy(s + na + 2, b, nb + 1); /* with b's NUL */
  *out = s;
  return LG_OK;
}

static int render_entry(bctx *c, const char *id, lgi_text *out) {
  static const char *const fields[3] = {"phone", "sms", "url"};
  const lg_entry *e = lg_catalog_entry(c->p->cat, id, c->p->locale);
  int rc, i;
  memset(out, 0, sizeof *out);
  out->id = id;
  out->title = out->body = "";
  if (!e) return LG_OK; /* a later pack may not drop entries, but stay calm */
  for (i = 0; i < 3; i++) out->contact[i] = lg_entry_contact(e, fields[i]);
  rc = render(c, lg_entry_title(e), &out->title);
  if (rc == LG_OK) rc = render(c, lg_entry_body(e), &out->body);
  return rc;
}

/* A task's rendered title and body for one entry (or none); *note caches
 * the task's rendered note between calls (start with NULL). */
static int task_texts(bctx *c, const lgi_ttask *t, const lg_entry *e, const char **note,
                      const char **title, const char **body) {
  const char *eb = NULL;
  int rc = render(c, t->title ? t->title : (e ? lg_entry_title(e) : NULL), title);
  if (rc == LG_OK && !*note) rc = render(c, t->note, note);
  if (rc == LG_OK && e) rc = render(c, lg_entry_body(e), &eb);
  if (rc == LG_OK) rc = join(c, *note, eb, body);
  if (rc == LG_OK && !*title) *title = "";
  if (rc == LG_OK && !*body) *body = "";
  return rc;
}

/* ---- pools ------------------------------------------------------------- */

/* strcmp(a, b) == 0, with the first byte compared inline: most pairs differ there. */
static int same(const char *a, const char *b) {
  return a[0] == b[0] && strcmp(a, b) == 0;
}

static int has_tag(const lg_entry *e, const char *tag) {
  size_t i, n = lg_entry_tag_count(e);
  for (i = 0; i < n; i++)
    if (same(lg_entry_tag(e, i), tag)) return 1;
  return 0;
}

static int matches(const lg_entry *e, const lgi_ttask *t, unsigned mask) {
  unsigned k;
  if (t->pick_kind && !same(lg_entry_kind(e), t->pick_kind)) return 0;
  if (t->pick_phase && (!lg_entry_phase(e) || !same(lg_entry_phase(e), t->pick_phase))) return 0;
  if (t->pick_tag) return has_tag(e, t->pick_tag);
  for (k = 0; k < LGI_INTEREST_COUNT; k++)
    if ((mask & (1u << k)) && has_tag(e, lgi_plan_interests[k])) return 1;
  return 0;
}

/* The entries a pick draws from, in catalogue order, each id once, resolved
 * in the plan's locale. */
typedef struct pool {
  const lg_entry **e;
  size_t n, next;
  uint64_t rng;
} pool;

/* 1 when a lookup in the plan's locale may fall back to `locale`: one of
 * the plan locale's parents ("es" for "es-mx") or the default "en". */
static int in_fallback(const char *plan, const char *locale) {
  size_t n = strlen(locale);
  return strcmp(locale, "en") == 0 || (strncmp(plan, locale, n) == 0 && plan[n] == '-');
}

static int opt_same(const char *a, const char *b) {
  return a == b || (a && b && same(a, b));
}

static const scanned *cache_find(const bctx *c, const lgi_ttask *t, unsigned mask) {
  size_t i;
  for (i = 0; i < c->cached; i++)
    if (opt_same(c->cache[i].kind, t->pick_kind) && opt_same(c->cache[i].tag, t->pick_tag) &&
        opt_same(c->cache[i].phase, t->pick_phase) && c->cache[i].mask == (t->pick_tag ? 0u : mask))
      return &c->cache[i];
  return NULL;
}

static int pool_scan(bctx *c, const lgi_ttask *t, unsigned mask, pool *pl);

/* 1 when a task of phase ph presents the entry with "entry" itself. */
static int fixed_in_phase(const lgi_phase *ph, const lg_entry *e) {
  const char *id = lg_entry_id(e);
  size_t i;
  for (i = 0; i < ph->task_count; i++)
    if (ph->tasks[i].entry && same(ph->tasks[i].entry, id)) return 1;
  return 0;
}

/* The pool's own copy (it is shuffled) of the matching entries, less those
 * a task of the phase presents itself, so no text shows twice in a phase. */
static int pool_fill(bctx *c, const lgi_phase *ph, const lgi_ttask *t, unsigned mask, pool *pl) {
  const scanned *hit = cache_find(c, t, mask);
  scanned *slot;
  const lg_entry **from;
  size_t i, n;
  int rc;
  if (hit) {
    from = hit->e;
    n = hit->n;
    pl->e = lgi_arena_alloc(&c->b->arena, (n ? n : 1) * sizeof(const lg_entry *));
    if (!pl->e) return LG_ENOMEM;
  } else {
    rc = pool_scan(c, t, mask, pl);
    if (rc != LG_OK) return rc;
    from = pl->e;
    n = pl->n;
    if (c->cached < POOL_CACHE) {
      slot = &c->cache[c->cached++];
      slot->kind = t->pick_kind;
      slot->tag = t->pick_tag;
      slot->phase = t->pick_phase;
      slot->mask = t->pick_tag ? 0u : mask;
      slot->e = from;
      slot->n = n;
      pl->e = lgi_arena_alloc(&c->b->arena, (n ? n : 1) * sizeof(const lg_entry *));
      if (!pl->e) return LG_ENOMEM;
    } /* else filter the scan in place: nothing else holds it */
  }
  pl->n = 0;
  for (i = 0; i < n; i++)
    if (!fixed_in_phase(ph, from[i])) pl->e[pl->n++] = from[i];
  return LG_OK;
}

static int pool_scan(bctx *c, const lgi_ttask *t, unsigned mask, pool *pl) {
  const lg_entry *const *all = NULL;
  size_t n = lgi_catalog_entries(c->p->cat, &all), i, j;
  pl->n = 0;
  pl->e = lgi_arena_alloc(&c->b->arena, (n ? n : 1) * sizeof(const lg_entry *));
  if (!pl->e) return LG_ENOMEM;
  for (i = 0; i < n; i++) {
    const lg_entry *e = all[i];
    const char *loc;
    if (!matches(e, t, mask)) continue;
    loc = lg_entry_locale(e);
    /* an entry of the plan's own locale is what a lookup returns; others
     * only stand in when the plan's locale lacks the id */
    if (!same(loc, c->p->locale)) {
      if (!in_fallback(c->p->locale, loc)) continue;
      e = lg_catalog_entry(c->p->cat, lg_entry_id(e), c->p->locale);
    }
    if (!e) continue;
    /* the same id always resolves to the same entry */
    for (j = 0; j < pl->n; j++)
      if (pl->e[j] == e) break;
    if (j == pl->n) pl->e[pl->n++] = e;
  }
  return LG_OK;
}

static void pool_shuffle(pool *pl, const lg_entry *avoid_first) {
  size_t i, j;
  const lg_entry *tmp;
  for (i = pl->n; i > 1; i--) {
    j = below(&pl->rng, i);
    tmp = pl->e[i - 1];
    pl->e[i - 1] = pl->e[j];
    pl->e[j] = tmp;
  }
  /* no repeat across the seam between two rounds */
  if (pl->n > 1 && pl->e[0] == avoid_first) {
    tmp = pl->e[0];
    pl->e[0] = pl->e[pl->n - 1];
    pl->e[pl->n - 1] = tmp;
  }
  pl->next = 0;
}

static const lg_entry *pool_draw(pool *pl) {
  const lg_entry *last;
  if (pl->n == 0) return NULL;
  if (pl->next == pl->n) {
    last = pl->e[pl->n - 1];
    pool_shuffle(pl, last);
  }
  return pl->e[pl->next++];
}

/* ---- the schedule ------------------------------------------------------ */

static int scheduled(const lgi_ttask *t, size_t k, size_t length, int32_t date) {
  int wd;
  switch (t->on) {
  case LGI_ON_DAY:
    return k + 1 == (size_t)t->day;
  case LGI_ON_LAST:
    return k + 1 == length;
  case LGI_ON_EVERY:
    return k + 1 >= (size_t)t->day && (k + 1 - (size_t)t->day) % (size_t)t->every == 0;
  case LGI_ON_DAILY:
    return 1;
  default:
    wd = lgi_weekday(date);
    return t->on == LGI_ON_WEEKDAYS ? wd <= 5 : wd >= 6;
  }
}

static int phase_length(const lg_plan *p, const lgi_phase *ph) {
  size_t i;
  int v;
  if (ph->from_pref >= 0 && p->prefs[ph->from_pref]) {
    v = (int)(p->prefs[ph->from_pref][0] - '0');
    if (p->prefs[ph->from_pref][1]) v = v * 10 + (p->prefs[ph->from_pref][1] - '0');
  } else {
    v = ph->def;
    for (i = 0; i < ph->rule_count; i++)
      if (lgi_pcond_holds(p, ph->rules[i].cond)) v += ph->rules[i].add;
  }
  return v < ph->min ? ph->min : v > ph->max ? ph->max : v;
}

static int plan_days(const lg_plan *p) {
  const char *s = p->prefs[LGI_PREF_PLAN_DAYS];
  return s ? (s[0] - '0') * 10 + (s[1] - '0') : LGI_PLAN_DEFAULT_DAYS;
}

static int lay_out_phases(bctx *c) {
  const lgi_template *t = c->p->tpl;
  lgi_built *b = c->b;
  size_t i, n = 0, rest = (size_t)-1, day = 0;
  int sum = 0, len;
  b->phases = lgi_arena_alloc(&b->arena, t->phase_count * sizeof *b->phases);
  if (!b->phases) return LG_ENOMEM;
  for (i = 0; i < t->phase_count; i++) {
    const lgi_phase *ph = &t->phases[i];
    if (!ph->rest && !lgi_pcond_holds(c->p, ph->cond)) continue;
    len = ph->rest ? 0 : phase_length(c->p, ph);
    if (ph->rest) rest = n;
    sum += len;
    memset(&b->phases[n], 0, sizeof b->phases[n]);
    b->phases[n].def = ph;
    b->phases[n].length = (size_t)len;
    n++;
  }
  if (rest != (size_t)-1) {
    len = plan_days(c->p) - sum;
    if (len < b->phases[rest].def->min) len = b->phases[rest].def->min;
    b->phases[rest].length = (size_t)len;
  }
  for (i = 0; i < n; i++) {
    b->phases[i].start = day;
    day += b->phases[i].length;
  }
  b->phase_count = n;
  b->day_count = day;
  return LG_OK;
}

/* ---- adaptation -------------------------------------------------------- */

static int32_t therapy_from(const lg_plan *p, const lgi_built *b, int32_t start,
                            const lgi_checkin *ck, size_t n) {
  const lgi_template *t = p->tpl;
  int32_t after = start - 1;
  size_t i, j, seen = 0, low;
  int moods[30];
  if (!t->has_therapy) return INT32_MAX;
  for (i = 0; i < b->phase_count; i++)
    if (t->adapt_after >= 0 && b->phases[i].def == &t->phases[t->adapt_after])
      after = start + (int32_t)(b->phases[i].start + b->phases[i].length) - 1;
  for (i = 0; i < n; i++) {
    if (ck[i].date <= after || ck[i].date >= start + (int32_t)b->day_count) continue;
    moods[seen % (size_t)t->low_window] = ck[i].mood;
    seen++;
    low = 0;
    for (j = 0; j < seen && j < (size_t)t->low_window; j++)
      if (moods[j] <= t->low_mood) low++;
    if (low >= (size_t)t->low_count) return ck[i].date + 1;
  }
  return INT32_MAX;
}

/* ---- days and tasks ---------------------------------------------------- */

typedef struct slot {
  const lgi_ttask *t;
  const char *title, *body; /* cached for fixed entries       */
  const char *note;         /* cached rendered note           */
  pool pl;
  int on; /* its condition holds */
  int picks;
} slot;

static int reminder(const lg_plan *p, const lgi_ttask *t) {
  if (t->reminder >= 0) return t->reminder;
  if (p->prefs[LGI_PREF_REMINDER_TIME]) return lgi_parse_hhmm(p->prefs[LGI_PREF_REMINDER_TIME], 5);
  return p->tpl->reminder;
}

static int fill_task(bctx *c, lg_task *out, const lgi_ttask *t, const char *phase, int32_t date,
                     slot *s) {
  int rc = LG_OK;
  const lg_entry *e = NULL;
  const char *note = NULL;
  out->id = t->id;
  out->phase = phase;
  out->date = lgi_plan_date(date);
  out->reminder = reminder(c->p, t);
  out->crisis = 0;
  if (s && s->picks) {
    e = pool_draw(&s->pl);
    out->entry = e ? lg_entry_id(e) : NULL;
    return task_texts(c, t, e, &s->note, &out->title, &out->body);
  }
  out->entry = t->entry;
  if (s && s->title) {
    out->title = s->title;
    out->body = s->body;
    return LG_OK;
  }
  if (t->entry) e = lg_catalog_entry(c->p->cat, t->entry, c->p->locale);
  rc = task_texts(c, t, e, s ? &s->note : &note, &out->title, &out->body);
  if (rc == LG_OK && s) {
    s->title = out->title;
    s->body = out->body;
  }
  return rc;
}

static int prepare_slots(bctx *c, const lgi_phase *ph, slot *slots, uint64_t seed) {
  size_t i;
  unsigned mask = lgi_plan_interest_mask(c->p);
  int rc;
  for (i = 0; i < ph->task_count; i++) {
    const lgi_ttask *t = &ph->tasks[i];
    slot *s = &slots[i];
    memset(s, 0, sizeof *s);
    s->t = t;
    s->on = lgi_pcond_holds(c->p, t->cond);
    if (!s->on || t->entry || (!t->pick_tag && !t->pick_interests)) continue;
    s->picks = 1;
    rc = pool_fill(c, ph, t, mask ? mask : 0x7Fu, &s->pl);
    if (rc == LG_OK && s->pl.n == 0 && mask) rc = pool_fill(c, ph, t, 0x7Fu, &s->pl);
    if (rc != LG_OK) return rc;
    s->pl.rng =
        seed ^ lgi_plan_hash64(t->id, strlen(t->id),
                               lgi_plan_hash64(ph->id, strlen(ph->id), 0xcbf29ce484222325u));
    pool_shuffle(&s->pl, NULL);
  }
  return LG_OK;
}

/* Counts (tasks == NULL) or fills the tasks of every day. */
static int walk_days(bctx *c, int32_t start, uint64_t seed, int32_t crisis_from, int32_t therapy,
                     size_t *count) {
  const lgi_template *t = c->p->tpl;
  lgi_built *b = c->b;
  slot slots[LGI_PLAN_MAX_TASKS];
  size_t ph, k, i, n = 0;
  lgi_text crisis_text;
  int rc;
  int fill = b->tasks != NULL;
  memset(&crisis_text, 0, sizeof crisis_text);
  for (ph = 0; ph < b->phase_count; ph++) {
    const lgi_bphase *bp = &b->phases[ph];
    const lgi_phase *def = bp->def;
    if (fill) {
      rc = prepare_slots(c, def, slots, seed);
      if (rc != LG_OK) return rc;
    } else {
      for (i = 0; i < def->task_count; i++) slots[i].on = lgi_pcond_holds(c->p, def->tasks[i].cond);
    }
    for (k = 0; k < bp->length; k++) {
      size_t d = bp->start + k;
      int32_t date = start + (int32_t)d;
      if (fill) {
        b->days[d].first = n;
        b->days[d].phase = ph;
      }
      if (c->p->crisis && date >= crisis_from) {
        if (fill) {
          lg_task *out = &b->tasks[n];
          if (!crisis_text.title) {
            rc = fill_task(c, out, &t->crisis, def->id, date, NULL);
            if (rc != LG_OK) return rc;
            rc = join(c, out->body, b->resources_text, &out->body);
            if (rc != LG_OK) return rc;
            crisis_text.title = out->title;
            crisis_text.body = out->body;
          }
          out->id = t->crisis.id;
          out->phase = def->id;
          out->entry = t->crisis.entry;
          out->title = crisis_text.title;
          out->body = crisis_text.body;
          out->date = lgi_plan_date(date);
          out->reminder = reminder(c->p, &t->crisis);
          out->crisis = 1;
        }
        n++;
      }
      for (i = 0; i < def->task_count; i++) {
        if (!slots[i].on || !scheduled(&def->tasks[i], k, bp->length, date)) continue;
        if (fill) {
          rc = fill_task(c, &b->tasks[n], &def->tasks[i], def->id, date, &slots[i]);
          if (rc != LG_OK) return rc;
        }
        n++;
      }
      if (date >= therapy &&
          (t->therapy_every == 0 ? date == therapy : (date - therapy) % t->therapy_every == 0)) {
        if (fill) {
          rc = fill_task(c, &b->tasks[n], &t->therapy, def->id, date, NULL);
          if (rc != LG_OK) return rc;
        }
        n++;
      }
      if (fill) b->days[d].count = n - b->days[d].first;
    }
  }
  *count = n;
  return LG_OK;
}

/* ---- the fixed texts --------------------------------------------------- */

/* "Title\nBody\nPhone: 988\nText: 988\nWeb: https://..." */
static int resource_text(bctx *c, const lgi_text *r, const char **out) {
  lgi_out o;
  size_t len = 0, i;
  char *s = NULL;
  for (i = 0; i < 2; i++) {
    size_t k;
    if (i == 0) lgi_out_fixed(&o, NULL, 0);
    lgi_out_puts(&o, r->title);
    lgi_out_putc(&o, '\n');
    lgi_out_puts(&o, r->body);
    for (k = 0; k < 3; k++) {
      if (!r->contact[k]) continue;
      lgi_out_putc(&o, '\n');
      lgi_out_puts(&o, c->b->labels[LGI_LABEL_PHONE + k]);
      lgi_out_puts(&o, ": ");
      lgi_out_puts(&o, r->contact[k]);
    }
    if (i == 0) {
      len = o.len;
      s = lgi_arena_alloc(&c->b->arena, len + 1);
      if (!s) return LG_ENOMEM;
      lgi_out_fixed(&o, s, len + 1);
    }
  }
  lgi_out_finish(&o, &len);
  *out = s;
  return LG_OK;
}

static int render_fixed(bctx *c) {
  const lgi_template *t = c->p->tpl;
  lgi_built *b = c->b;
  const lg_entry *res[64];
  const char *region = c->p->prefs[LGI_PREF_REGION];
  size_t i, n;
  int rc = render(c, t->title, &b->title);
  if (rc == LG_OK) rc = render(c, t->summary, &b->summary);
  if (rc == LG_OK) rc = render_entry(c, t->help, &b->help);
  if (rc == LG_OK) rc = render_entry(c, t->disclaimer, &b->disclaimer);
  for (i = 0; rc == LG_OK && i < LGI_LABEL_COUNT; i++) {
    lgi_text l;
    rc = render_entry(c, t->labels[i], &l);
    b->labels[i] = l.title;
  }
  for (i = 0; rc == LG_OK && i < b->phase_count; i++) {
    rc = render(c, b->phases[i].def->title, &b->phases[i].title);
    if (rc == LG_OK) rc = render(c, b->phases[i].def->summary, &b->phases[i].summary);
  }
  if (rc != LG_OK) return rc;
  n = lgi_catalog_crisis_resources(c->p->cat, region, c->p->locale, res, 64);
  if (n > 64) n = 64;
  b->resources = lgi_arena_alloc(&b->arena, (n ? n : 1) * sizeof *b->resources);
  if (!b->resources) return LG_ENOMEM;
  b->resource_count = n;
  b->resources_text = NULL;
  for (i = 0; rc == LG_OK && i < n; i++) {
    const char *both = NULL;
    rc = render_entry(c, lg_entry_id(res[i]), &b->resources[i]);
    if (rc == LG_OK) rc = resource_text(c, &b->resources[i], &both);
    if (rc == LG_OK) rc = join(c, b->resources_text, both, &b->resources_text);
  }
  return rc;
}

int lgi_plan_derive(const lg_plan *p, int32_t start, uint64_t seed, const lgi_checkin *checkins,
                    size_t checkin_count, lgi_built *out) {
  bctx c;
  size_t count = 0;
  int32_t crisis_from;
  int rc;
  memset(out, 0, sizeof *out);
  lgi_arena_init(&out->arena, p->alloc);
  memset(&c, 0, sizeof c);
  c.p = p;
  c.b = out;
  persona(&c);
  rc = lay_out_phases(&c);
  if (rc == LG_OK) rc = render_fixed(&c);
  if (rc != LG_OK) goto fail;
  out->days = lgi_arena_alloc(&out->arena, out->day_count * sizeof *out->days);
  if (!out->days) goto nomem;
  crisis_from = p->crisis_from == INT32_MIN || p->crisis_from < start ? start : p->crisis_from;
  out->therapy_from = therapy_from(p, out, start, checkins, checkin_count);
  rc = walk_days(&c, start, seed, crisis_from, out->therapy_from, &count);
  if (rc != LG_OK) goto fail;
  out->tasks = lgi_arena_alloc(&out->arena, (count ? count : 1) * sizeof *out->tasks);
  if (!out->tasks) goto nomem;
  rc = walk_days(&c, start, seed, crisis_from, out->therapy_from, &out->task_count);
  if (rc != LG_OK) goto fail;
  out->flags =
      (p->crisis ? (unsigned)LG_PLAN_CRISIS : 0u) |
      (out->therapy_from < start + (int32_t)out->day_count ? (unsigned)LG_PLAN_THERAPY : 0u);
  return LG_OK;
nomem:
  rc = LG_ENOMEM;
fail:
  lgi_built_free(out);
  return rc;
}

void lgi_built_free(lgi_built *b) {
  lgi_arena_free_wiped(&b->arena);
  memset(b, 0, sizeof *b);
}
