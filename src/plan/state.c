/*
 * state.c - saving and restoring a plan ("letgo-plan/1"): the template,
 * locale, preferences, the parts of results the plan reads, start, seed,
 * the crisis date and the check-ins. Restoring re-derives everything else
 * and checks the state as strictly as a pack: a state that does not fit
 * the catalogue fails rather than building something different.
 */
#include <string.h>

#include "plan/plan_impl.h"

#define FORMAT "letgo-plan/1"
#define END    ((const char *)0)

/* ---- saving ------------------------------------------------------------ */

static void write_date(lgi_jw *w, int32_t days) {
  char buf[11];
  lg_date d = lgi_plan_date(days);
  lgi_date_format(d.year, d.month, d.day, buf);
  lgi_jw_string(w, buf);
}

static void write_u64(lgi_jw *w, uint64_t v) {
  char buf[21];
  size_t i = sizeof buf - 1;
  buf[i] = '\0';
  do {
    buf[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  lgi_jw_string(w, buf + i);
}

static void save_results(const lg_plan *p, lgi_jw *w) {
  size_t i, j;
  lgi_jw_key(w, "results");
  lgi_jw_array_begin(w);
  for (i = 0; i < p->result_count; i++) {
    const lgi_presult *r = &p->results[i];
    lgi_jw_object_begin(w);
    lgi_jw_key(w, "instrument");
    lgi_jw_string(w, r->instrument);
    lgi_jw_key(w, "band");
    lgi_jw_string(w, r->band);
    lgi_jw_key(w, "score");
    lgi_jw_number(w, r->score);
    lgi_jw_key(w, "flags");
    lgi_jw_int(w, (int64_t)r->flags);
    lgi_jw_key(w, "answers");
    lgi_jw_object_begin(w);
    for (j = 0; j < r->answer_count; j++) {
      lgi_jw_key(w, r->items[j]);
      lgi_jw_number(w, r->answers[j]);
    }
    lgi_jw_object_end(w);
    lgi_jw_object_end(w);
  }
  lgi_jw_array_end(w);
}

int lg_plan_save(const lg_plan *p, char *buf, size_t cap, size_t *len) {
  lgi_out o;
  lgi_jw w;
  size_t i, j;
  if (!p || !len || (!buf && cap > 0)) return LG_EINVAL;
  if (!p->built) return LG_ESTATE;
  lgi_out_fixed(&o, buf, cap);
  lgi_jw_init(&w, &o, 0);
  lgi_jw_object_begin(&w);
  lgi_jw_key(&w, "format");
  lgi_jw_string(&w, FORMAT);
  lgi_jw_key(&w, "template");
  lgi_jw_string(&w, p->tpl->id);
  lgi_jw_key(&w, "locale");
  lgi_jw_string(&w, p->locale);
  lgi_jw_key(&w, "start");
  write_date(&w, p->start);
  lgi_jw_key(&w, "seed");
  write_u64(&w, p->seed);
  lgi_jw_key(&w, "prefs");
  lgi_jw_object_begin(&w);
  for (i = 0; i < LGI_PREF_COUNT; i++) {
    if (!p->prefs[i]) continue;
    lgi_jw_key(&w, lgi_pref_name((int)i));
    lgi_jw_string(&w, p->prefs[i]);
  }
  lgi_jw_object_end(&w);
  save_results(p, &w);
  if (p->crisis) {
    lgi_jw_key(&w, "crisis_from");
    if (p->crisis_from == INT32_MIN)
      lgi_jw_string(&w, "start");
    else
      write_date(&w, p->crisis_from);
  }
  lgi_jw_key(&w, "checkins");
  lgi_jw_array_begin(&w);
  for (i = 0; i < p->checkin_count; i++) {
    const lgi_checkin *c = &p->checkins[i];
    lgi_jw_object_begin(&w);
    lgi_jw_key(&w, "date");
    write_date(&w, c->date);
    lgi_jw_key(&w, "mood");
    lgi_jw_int(&w, c->mood);
    lgi_jw_key(&w, "done");
    lgi_jw_array_begin(&w);
    for (j = 0; j < c->done_count; j++) lgi_jw_string(&w, c->done[j]);
    lgi_jw_array_end(&w);
    lgi_jw_object_end(&w);
  }
  lgi_jw_array_end(&w);
  lgi_jw_object_end(&w);
  return lgi_out_finish(&o, len);
}

/* ---- restoring --------------------------------------------------------- */

typedef struct rctx {
  lg_error *err;
  lgi_path path;
} rctx;

static int bad(rctx *c, int status, const lgi_json *n, const char *a, const char *b,
               const char *d) {
  /* `status`, not lgi_error_set's result, so the analyzer sees a failure
   * is never LG_OK. */
  (void)lgi_error_set(c->err, status, n ? n->line : 0, n ? n->column : 0, n ? n->offset : 0,
                      c->path.s, a, b, d, END);
  return status;
}

/* Member `key` of the right type, or an error. */
static const lgi_json *member(rctx *c, const lgi_json *obj, const char *key, int type, int required,
                              int *rc) {
  const lgi_json *v = lgi_json_get(obj, key);
  static const char *const names[] = {"null",     "false",  "true",     "a number",
                                      "a string", "a list", "an object"};
  size_t old;
  *rc = LG_OK;
  if (!v) {
    if (required) *rc = bad(c, LG_ESCHEMA, obj, "missing \"", key, "\"");
    return NULL;
  }
  if (v->type == type && !(type == LGI_JSON_STRING && (v->flags & LGI_JSON_HAS_NUL))) return v;
  old = lgi_path_push_key(&c->path, key, strlen(key));
  *rc = bad(c, LG_ESCHEMA, v, "must be ", names[type], "");
  lgi_path_pop(&c->path, old);
  return NULL;
}

static int check_keys(rctx *c, const lgi_json *obj, const char *const *known) {
  size_t i;
  const char *const *k;
  for (i = 0; i < obj->len; i++) {
    const lgi_json_member *m = &obj->u.members[i];
    int ok = 0;
    for (k = known; *k && !ok; k++) ok = strcmp(*k, m->key) == 0;
    if (!ok || (m->flags & LGI_JSON_DUP_KEY)) {
      size_t old = lgi_path_push_key(&c->path, m->key, m->key_len);
      int rc = bad(c, LG_ESCHEMA, &m->value, ok ? "duplicate key" : "unknown key", "", "");
      lgi_path_pop(&c->path, old);
      return rc;
    }
  }
  return LG_OK;
}

static int read_date(rctx *c, const lgi_json *obj, const char *key, int32_t *out) {
  int rc, y, m, d;
  size_t old;
  const lgi_json *v = member(c, obj, key, LGI_JSON_STRING, 1, &rc);
  if (!v) return rc;
  if (lgi_date_parse(v->u.str, v->len, &y, &m, &d) == LG_OK) {
    *out = lgi_days_from_civil(y, m, d);
    return LG_OK;
  }
  old = lgi_path_push_key(&c->path, key, strlen(key));
  rc = bad(c, LG_ESCHEMA, v, "must be a date YYYY-MM-DD", "", "");
  lgi_path_pop(&c->path, old);
  return rc;
}

static int read_seed(rctx *c, const lgi_json *obj, uint64_t *out) {
  int rc;
  size_t i, old;
  uint64_t v = 0;
  const lgi_json *s = member(c, obj, "seed", LGI_JSON_STRING, 1, &rc);
  if (!s) return rc;
  for (i = 0; i < s->len; i++) {
    unsigned dgt = (unsigned)(unsigned char)s->u.str[i] - '0';
    if (dgt > 9 || v > (UINT64_MAX - dgt) / 10 || (i == 0 && dgt == 0 && s->len > 1)) break;
    v = v * 10 + dgt;
  }
  if (s->len > 0 && i == s->len) {
    *out = v;
    return LG_OK;
  }
  old = lgi_path_push_key(&c->path, "seed", 4);
  rc = bad(c, LG_ESCHEMA, s, "must be a decimal number from 0 to 18446744073709551615", "", "");
  lgi_path_pop(&c->path, old);
  return rc;
}

static int read_prefs(rctx *c, const lgi_json *root, lg_plan *p) {
  int rc;
  size_t i, old;
  const lgi_json *prefs = member(c, root, "prefs", LGI_JSON_OBJECT, 1, &rc);
  if (!prefs) return rc;
  old = lgi_path_push_key(&c->path, "prefs", 5);
  for (i = 0; i < prefs->len && rc == LG_OK; i++) {
    const lgi_json_member *m = &prefs->u.members[i];
    size_t old2 = lgi_path_push_key(&c->path, m->key, m->key_len);
    if (m->flags & (LGI_JSON_DUP_KEY | LGI_JSON_HAS_NUL)) {
      rc = bad(c, LG_ESCHEMA, &m->value, "duplicate or bad key", "", "");
    } else if (m->value.type != LGI_JSON_STRING || (m->value.flags & LGI_JSON_HAS_NUL) ||
               m->value.len == 0) {
      rc = bad(c, LG_ESCHEMA, &m->value, "must be a non-empty string", "", "");
    } else {
      rc = lg_plan_set(p, m->key, m->value.u.str);
      if (rc == LG_ENOTFOUND)
        rc = bad(c, LG_ESCHEMA, &m->value, "unknown preference", "", "");
      else if (rc == LG_ERANGE)
        rc = bad(c, LG_ESCHEMA, &m->value, "bad value", "", "");
      else if (rc != LG_OK)
        rc = bad(c, rc, &m->value, lg_strerror(rc), "", "");
    }
    lgi_path_pop(&c->path, old2);
  }
  lgi_path_pop(&c->path, old);
  return rc;
}

static int copy_id(rctx *c, const lgi_json *obj, const char *key, char out[65]) {
  int rc;
  size_t old;
  const lgi_json *v = member(c, obj, key, LGI_JSON_STRING, 1, &rc);
  if (!v) return rc;
  if (lgi_is_id(v->u.str, v->len)) {
    memcpy(out, v->u.str, v->len + 1);
    return LG_OK;
  }
  old = lgi_path_push_key(&c->path, key, strlen(key));
  rc = bad(c, LG_ESCHEMA, v, "must be an id", "", "");
  lgi_path_pop(&c->path, old);
  return rc;
}

static int read_result(rctx *c, const lg_catalog *cat, const lgi_json *o, lgi_presult *r) {
  static const char *const keys[] = {"instrument", "band", "score", "flags", "answers", NULL};
  const lgi_instrument *in;
  const lgi_json *v, *ans;
  size_t i, old;
  int rc;
  memset(r, 0, sizeof *r);
  if (o->type != LGI_JSON_OBJECT) return bad(c, LG_ESCHEMA, o, "must be an object", "", "");
  rc = check_keys(c, o, keys);
  if (rc == LG_OK) rc = copy_id(c, o, "instrument", r->instrument);
  if (rc == LG_OK) rc = copy_id(c, o, "band", r->band);
  if (rc != LG_OK) return rc;
  in = lgi_catalog_instrument(cat, r->instrument, NULL);
  for (i = 0; in && i < in->band_count; i++)
    if (strcmp(in->bands[i].id, r->band) == 0) break;
  if (!in || i == in->band_count)
    return bad(c, LG_ESCHEMA, o, "no instrument \"", r->instrument, "\" with that band");
  if (!(v = member(c, o, "score", LGI_JSON_NUMBER, 1, &rc))) return rc;
  r->score = v->u.num;
  if (!(v = member(c, o, "flags", LGI_JSON_NUMBER, 1, &rc))) return rc;
  if (v->u.num < 0 || v->u.num > 7 || v->u.num != (double)(int)v->u.num)
    return bad(c, LG_ESCHEMA, v, "flags must be a whole number from 0 to 7", "", "");
  r->flags = (unsigned)v->u.num;
  if (!(ans = member(c, o, "answers", LGI_JSON_OBJECT, 1, &rc))) return rc;
  old = lgi_path_push_key(&c->path, "answers", 7);
  if (ans->len > LGI_PLAN_MAX_ANSWERS) rc = bad(c, LG_ESCHEMA, ans, "too many answers", "", "");
  for (i = 0; rc == LG_OK && i < ans->len; i++) {
    const lgi_json_member *m = &ans->u.members[i];
    size_t old2 = lgi_path_push_key(&c->path, m->key, m->key_len);
    if (!lgi_is_id(m->key, m->key_len) || (m->flags & LGI_JSON_DUP_KEY) ||
        m->value.type != LGI_JSON_NUMBER || lgi_instrument_find_item(in, m->key) == (size_t)-1)
      rc = bad(c, LG_ESCHEMA, &m->value, "must be a known item's numeric answer", "", "");
    else {
      memcpy(r->items[i], m->key, m->key_len + 1);
      r->answers[i] = m->value.u.num;
      r->answer_count = i + 1;
    }
    lgi_path_pop(&c->path, old2);
  }
  lgi_path_pop(&c->path, old);
  return rc;
}

static int read_results(rctx *c, const lgi_json *root, lg_plan *p) {
  lgi_presult r;
  size_t i, j, old, old2;
  int rc;
  const lgi_json *a = member(c, root, "results", LGI_JSON_ARRAY, 1, &rc);
  if (!a) return rc;
  old = lgi_path_push_key(&c->path, "results", 7);
  if (a->len > LGI_PLAN_MAX_RESULTS) rc = bad(c, LG_ESCHEMA, a, "too many results", "", "");
  for (i = 0; rc == LG_OK && i < a->len; i++) {
    old2 = lgi_path_push_index(&c->path, i);
    rc = read_result(c, p->cat, &a->u.items[i], &r);
    for (j = 0; rc == LG_OK && j < p->result_count; j++)
      if (strcmp(p->results[j].instrument, r.instrument) == 0)
        rc = bad(c, LG_ESCHEMA, &a->u.items[i], "a second result of one instrument", "", "");
    if (rc == LG_OK) rc = lgi_plan_put_result(p, &r);
    if (rc != LG_OK && rc != LG_ESCHEMA) rc = bad(c, rc, &a->u.items[i], lg_strerror(rc), "", "");
    lgi_wipe(&r, sizeof r);
    lgi_path_pop(&c->path, old2);
  }
  lgi_path_pop(&c->path, old);
  return rc;
}

static int read_crisis(rctx *c, const lgi_json *root, lg_plan *p) {
  int rc;
  const lgi_json *v = member(c, root, "crisis_from", LGI_JSON_STRING, 0, &rc);
  if (!v) return rc;
  p->crisis = 1;
  if (strcmp(v->u.str, "start") == 0) {
    p->crisis_from = INT32_MIN;
    return LG_OK;
  }
  return read_date(c, root, "crisis_from", &p->crisis_from);
}

static int read_checkin(rctx *c, lg_plan *p, const lgi_json *o, int32_t after) {
  static const char *const keys[] = {"date", "mood", "done", NULL};
  const lgi_json *v, *done;
  lgi_checkin ck;
  size_t i, old;
  int rc;
  if (o->type != LGI_JSON_OBJECT) return bad(c, LG_ESCHEMA, o, "must be an object", "", "");
  memset(&ck, 0, sizeof ck);
  rc = check_keys(c, o, keys);
  if (rc == LG_OK) rc = read_date(c, o, "date", &ck.date);
  if (rc != LG_OK) return rc;
  if (ck.date <= after)
    return bad(c, LG_ESCHEMA, o, "check-ins must be in date order, one a day", "", "");
  if (!(v = member(c, o, "mood", LGI_JSON_NUMBER, 1, &rc))) return rc;
  if (v->u.num < 0 || v->u.num > 10 || v->u.num != (double)(int)v->u.num) {
    lgi_path_push_key(&c->path, "mood", 4);
    return bad(c, LG_ESCHEMA, v, "must be a whole number from 0 to 10", "", "");
  }
  ck.mood = (int)v->u.num;
  if (!(done = member(c, o, "done", LGI_JSON_ARRAY, 1, &rc))) return rc;
  old = lgi_path_push_key(&c->path, "done", 4);
  if (done->len > LGI_PLAN_MAX_TASKS + 2) rc = bad(c, LG_ESCHEMA, done, "too many ids", "", "");
  if (rc == LG_OK && done->len > 0) {
    ck.done = lgi_calloc(p->alloc, done->len, sizeof *ck.done);
    if (!ck.done) rc = bad(c, LG_ENOMEM, done, "out of memory", "", "");
  }
  for (i = 0; rc == LG_OK && i < done->len; i++) {
    const lgi_json *id = &done->u.items[i];
    size_t old2 = lgi_path_push_index(&c->path, i), j;
    if (id->type != LGI_JSON_STRING || !lgi_is_id(id->u.str, id->len)) {
      rc = bad(c, LG_ESCHEMA, id, "must be a task id", "", "");
    } else {
      for (j = 0; j < ck.done_count; j++)
        if (strcmp(ck.done[j], id->u.str) == 0)
          rc = bad(c, LG_ESCHEMA, id, "repeats an id", "", "");
      if (rc == LG_OK) {
        ck.done[ck.done_count] = lgi_strndup(p->alloc, id->u.str, id->len);
        if (!ck.done[ck.done_count])
          rc = bad(c, LG_ENOMEM, id, "out of memory", "", "");
        else
          ck.done_count++;
      }
    }
    lgi_path_pop(&c->path, old2);
  }
  lgi_path_pop(&c->path, old);
  if (rc == LG_OK) {
    rc = lgi_plan_put_checkin(p, &ck);
    if (rc != LG_OK) rc = bad(c, rc, o, lg_strerror(rc), "", "");
  }
  if (rc != LG_OK) {
    /* the array was allocated for done->len */
    for (i = 0; i < ck.done_count; i++)
      lgi_free_wiped(p->alloc, ck.done[i], strlen(ck.done[i]) + 1);
    lgi_free_wiped(p->alloc, ck.done, done->len * sizeof *ck.done);
  }
  return rc;
}

static int read_checkins(rctx *c, const lgi_json *root, lg_plan *p) {
  size_t i, old, old2;
  int32_t after = INT32_MIN;
  int rc;
  const lgi_json *a = member(c, root, "checkins", LGI_JSON_ARRAY, 1, &rc);
  if (!a) return rc;
  old = lgi_path_push_key(&c->path, "checkins", 8);
  if (a->len > LGI_PLAN_MAX_DAYS) rc = bad(c, LG_ESCHEMA, a, "too many check-ins", "", "");
  for (i = 0; rc == LG_OK && i < a->len; i++) {
    old2 = lgi_path_push_index(&c->path, i);
    rc = read_checkin(c, p, &a->u.items[i], after);
    if (rc == LG_OK) after = p->checkins[p->checkin_count - 1].date;
    lgi_path_pop(&c->path, old2);
  }
  lgi_path_pop(&c->path, old);
  return rc;
}

/* After the build: every check-in inside the plan, every id on its day. */
static int verify_checkins(rctx *c, const lgi_json *root, const lg_plan *p, size_t before) {
  const lgi_json *a = lgi_json_get(root, "checkins");
  size_t i, j, k;
  for (i = 0; i < before; i++) {
    const lgi_json *o = &a->u.items[i];
    int32_t date = 0; /* read_date sets it on LG_OK; the analyzer cannot tell */
    const lgi_checkin *ck;
    int rc;
    lgi_path_push_key(&c->path, "checkins", 8);
    lgi_path_push_index(&c->path, i);
    rc = read_date(c, o, "date", &date); /* read_checkins read it once: cannot fail */
    if (rc != LG_OK) return rc;
    ck = lgi_plan_checkin_on(p, date);
    if (!ck) return bad(c, LG_ESCHEMA, o, "the date is outside the plan", "", "");
    for (j = 0; j < ck->done_count; j++) {
      size_t d = (size_t)(date - p->start);
      for (k = 0; k < p->b.days[d].count; k++)
        if (strcmp(p->b.tasks[p->b.days[d].first + k].id, ck->done[j]) == 0) break;
      if (k == p->b.days[d].count) {
        lgi_path_push_key(&c->path, "done", 4);
        lgi_path_push_index(&c->path, j);
        return bad(c, LG_ESCHEMA, &lgi_json_get(o, "done")->u.items[j], "no task \"", ck->done[j],
                   "\" on that day");
      }
    }
    lgi_path_init(&c->path);
  }
  return LG_OK;
}

static int restore(rctx *c, const lg_catalog *cat, const lgi_json *root, lg_plan **out) {
  static const char *const keys[] = {"format", "template", "locale",      "start",    "seed",
                                     "prefs",  "results",  "crisis_from", "checkins", NULL};
  const lgi_json *fmt, *tpl, *loc;
  lg_plan *p = NULL;
  int32_t start = 0;
  uint64_t seed = 0;
  size_t before;
  lg_date d;
  int rc;
  if (root->type != LGI_JSON_OBJECT) return bad(c, LG_ESCHEMA, root, "must be an object", "", "");
  if (!(fmt = member(c, root, "format", LGI_JSON_STRING, 1, &rc))) return rc;
  if (strcmp(fmt->u.str, FORMAT) != 0) {
    lgi_path_push_key(&c->path, "format", 6);
    return bad(c, LG_EVERSION, fmt, "unsupported format \"", fmt->u.str,
               "\" (expected \"" FORMAT "\")");
  }
  rc = check_keys(c, root, keys);
  if (rc != LG_OK) return rc;
  if (!(tpl = member(c, root, "template", LGI_JSON_STRING, 1, &rc))) return rc;
  if (!(loc = member(c, root, "locale", LGI_JSON_STRING, 1, &rc))) return rc;
  rc = read_date(c, root, "start", &start);
  if (rc == LG_OK) rc = read_seed(c, root, &seed);
  if (rc != LG_OK) return rc;
  rc = lg_plan_new(&p, cat, tpl->u.str, loc->u.str);
  if (rc != LG_OK) {
    lgi_path_push_key(&c->path, "template", 8);
    return bad(c, rc, tpl, rc == LG_ENOTFOUND ? "no template \"" : "cannot start the plan \"",
               tpl->u.str, "\"");
  }
  rc = read_prefs(c, root, p);
  if (rc == LG_OK) rc = read_results(c, root, p);
  if (rc == LG_OK) rc = read_crisis(c, root, p);
  if (rc == LG_OK) rc = read_checkins(c, root, p);
  if (rc == LG_OK) {
    before = p->checkin_count;
    d = lgi_plan_date(start);
    rc = lg_plan_build(p, d, seed);
    if (rc == LG_ERANGE) {
      lgi_path_push_key(&c->path, "start", 5);
      rc = bad(c, LG_ESCHEMA, lgi_json_get(root, "start"), "the plan would end after 2399", "", "");
    } else if (rc != LG_OK) {
      rc = bad(c, rc, root, lg_strerror(rc), "", "");
    } else {
      rc = verify_checkins(c, root, p, before);
    }
  }
  if (rc != LG_OK) {
    lg_plan_free(p);
    return rc;
  }
  *out = p;
  return LG_OK;
}

int lg_plan_restore(lg_plan **out, const lg_catalog *cat, const char *state, size_t len,
                    lg_error *err) {
  lg_allocator inner, wiping;
  lgi_arena arena;
  const lgi_json *root = NULL;
  rctx c;
  int rc;
  if (!out || !cat || (!state && len > 0))
    return lgi_error_set(err, LG_EINVAL, 0, 0, 0, "", "a required argument is NULL", END);
  c.err = err;
  lgi_path_init(&c.path);
  /* The parsed state holds scores, answers and moods, in the arena and in
   * the reader's scratch: every block is wiped before it goes back. */
  inner = *lgi_catalog_alloc(cat);
  lgi_alloc_wiping(&wiping, &inner);
  lgi_arena_init(&arena, &wiping);
  rc = lgi_json_parse(&arena, state ? state : "", len, &root, err);
  if (rc == LG_OK) rc = restore(&c, cat, root, out);
  lgi_arena_free(&arena);
  return rc;
}
