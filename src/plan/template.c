/*
 * template.c - loads and validates one plan template of a pack's "plans"
 * (schema: docs/pack-format-plans.md).
 *
 * Everything that can be checked without a person's answers is checked
 * here, once: entries and instruments exist, bands and items exist, ranges
 * are possible, pools are not empty. Building a plan then never meets an
 * error that a content author could have fixed.
 */
#include <string.h>

#include "catalog/search.h"
#include "plan/plan_impl.h"

#define END ((const char *)0)

typedef struct ctx {
  lgi_load *ld;
  lgi_arena *arena;
} ctx;

static int fail(ctx *c, const lgi_json *node, lgi_path *path, const char *a, const char *b,
                const char *d) {
  return lgi_load_fail(c->ld, LG_ESCHEMA, node, path, a, b, d, END);
}

/* ---- small readers ----------------------------------------------------- */

/* An integer member in [lo, hi]; missing gives *out = def and LG_OK (when
 * not required). */
static int read_int(ctx *c, const lgi_json *obj, const char *key, lgi_path *path, int required,
                    int lo, int hi, int def, int *out) {
  const lgi_json *v = lgi_json_get(obj, key);
  size_t old;
  int rc = LG_OK;
  char lo_s[LGI_NUM_MAX], hi_s[LGI_NUM_MAX];
  if (!v) {
    if (required) return fail(c, obj, path, "missing \"", key, "\"");
    *out = def;
    return LG_OK;
  }
  old = lgi_path_push_key(path, key, strlen(key));
  if (v->type != LGI_JSON_NUMBER || (v->flags & LGI_JSON_OVERFLOW) || v->u.num < -1e6 ||
      v->u.num > 1e6 || v->u.num != (double)(int)v->u.num) {
    rc = fail(c, v, path, "must be a whole number", "", "");
  } else if (v->u.num < (double)lo || v->u.num > (double)hi) {
    lgi_num_format((double)lo, lo_s);
    lgi_num_format((double)hi, hi_s);
    rc = lgi_load_fail(c->ld, LG_ESCHEMA, v, path, "must be between ", lo_s, " and ", hi_s, END);
  } else {
    *out = (int)v->u.num;
  }
  lgi_path_pop(path, old);
  return rc;
}

static int read_time(ctx *c, const lgi_json *obj, const char *key, lgi_path *path, int *out) {
  const char *s = NULL;
  int rc = lgi_load_string(c->ld, obj, key, path, 0, &s);
  size_t old;
  if (rc != LG_OK) return rc;
  if (!s) return LG_OK;
  *out = lgi_parse_hhmm(s, strlen(s));
  if (*out >= 0) return LG_OK;
  old = lgi_path_push_key(path, key, strlen(key));
  rc = fail(c, lgi_json_get(obj, key), path, "must be a time \"HH:MM\" (00:00-23:59)", "", "");
  lgi_path_pop(path, old);
  return rc;
}

/* An entry id member that must name an entry. */
static int read_entry(ctx *c, const lgi_json *obj, const char *key, lgi_path *path, int required,
                      const char **out) {
  size_t old;
  int rc = lgi_load_string(c->ld, obj, key, path,
                           LGI_FIELD_ID | (required ? LGI_FIELD_REQUIRED : 0u), out);
  if (rc != LG_OK || !*out) return rc;
  if (lgi_load_find_entry(c->ld, *out)) return LG_OK;
  old = lgi_path_push_key(path, key, strlen(key));
  rc = fail(c, lgi_json_get(obj, key), path, "no entry \"", *out, "\"");
  lgi_path_pop(path, old);
  return rc;
}

/* ---- conditions -------------------------------------------------------- */

static int op_parse(const char *s) {
  static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};
  int i;
  for (i = 0; i < 6; i++)
    if (strcmp(s, ops[i]) == 0) return LGI_OP_EQ + i;
  return -1;
}

static int read_cond(ctx *c, const lgi_json *node, lgi_path *path, int depth, lgi_pcond *out);

/* Reads "in": a string or a non-empty array of strings. */
static int read_values(ctx *c, const lgi_json *obj, lgi_path *path, lgi_pcond *out) {
  const lgi_json *v = lgi_json_get(obj, "in");
  const char **vals;
  size_t i, n, old, old2;
  int rc = LG_OK;
  if (!v) return fail(c, obj, path, "missing \"in\"", "", "");
  old = lgi_path_push_key(path, "in", 2);
  if (v->type == LGI_JSON_STRING) {
    n = 1;
  } else if (v->type == LGI_JSON_ARRAY && v->len > 0 && v->len <= 64) {
    n = v->len;
  } else {
    rc = fail(c, v, path, "must be a string or a list of 1 to 64 strings", "", "");
    goto done;
  }
  vals = lgi_arena_alloc(c->arena, n * sizeof *vals);
  if (!vals) {
    rc = lgi_load_fail(c->ld, LG_ENOMEM, v, path, "out of memory", END);
    goto done;
  }
  for (i = 0; i < n; i++) {
    const lgi_json *e = v->type == LGI_JSON_STRING ? v : &v->u.items[i];
    old2 = v->type == LGI_JSON_STRING ? path->len : lgi_path_push_index(path, i);
    if (e->type != LGI_JSON_STRING || e->len == 0 || (e->flags & LGI_JSON_HAS_NUL)) {
      rc = fail(c, e, path, "must be a non-empty string", "", "");
    } else {
      vals[i] = lgi_arena_strndup(c->arena, e->u.str, e->len);
      if (!vals[i]) rc = lgi_load_fail(c->ld, LG_ENOMEM, e, path, "out of memory", END);
    }
    lgi_path_pop(path, old2);
    if (rc != LG_OK) goto done;
  }
  out->values = vals;
  out->value_count = n;
done:
  lgi_path_pop(path, old);
  return rc;
}

static const lgi_instrument *find_instrument(ctx *c, const lgi_json *obj, const char *key,
                                             lgi_path *path, const char **id, int *rc) {
  const lgi_instrument *in;
  size_t old;
  *rc = lgi_load_string(c->ld, obj, key, path, LGI_FIELD_ID | LGI_FIELD_REQUIRED, id);
  if (*rc != LG_OK) return NULL;
  in = lgi_load_find_instrument(c->ld, *id);
  if (in) return in;
  old = lgi_path_push_key(path, key, strlen(key));
  *rc = fail(c, lgi_json_get(obj, key), path, "no instrument \"", *id, "\"");
  lgi_path_pop(path, old);
  return NULL;
}

static int read_op_value(ctx *c, const lgi_json *obj, lgi_path *path, lgi_pcond *out) {
  const char *op = NULL;
  const lgi_json *v;
  size_t old;
  int rc = lgi_load_string(c->ld, obj, "op", path, LGI_FIELD_REQUIRED, &op);
  if (rc != LG_OK) return rc;
  out->op = op_parse(op);
  if (out->op < 0) {
    old = lgi_path_push_key(path, "op", 2);
    rc = fail(c, lgi_json_get(obj, "op"), path, "must be one of == != < <= > >=", "", "");
    lgi_path_pop(path, old);
    return rc;
  }
  v = lgi_json_get(obj, "value");
  if (!v) return fail(c, obj, path, "missing \"value\"", "", "");
  if (v->type != LGI_JSON_NUMBER || (v->flags & LGI_JSON_OVERFLOW)) {
    old = lgi_path_push_key(path, "value", 5);
    rc = fail(c, v, path, "must be a number", "", "");
    lgi_path_pop(path, old);
    return rc;
  }
  out->value = v->u.num;
  return LG_OK;
}

static int cond_band(ctx *c, const lgi_json *obj, lgi_path *path, lgi_pcond *out) {
  static const char *const keys[] = {"band", "in", NULL};
  const lgi_instrument *in;
  size_t i, b, old;
  int rc = lgi_load_check_keys(c->ld, obj, path, keys);
  if (rc != LG_OK) return rc;
  out->kind = LGI_PC_BAND;
  in = find_instrument(c, obj, "band", path, &out->instrument, &rc);
  if (!in) return rc;
  rc = read_values(c, obj, path, out);
  if (rc != LG_OK) return rc;
  for (i = 0; i < out->value_count; i++) {
    for (b = 0; b < in->band_count; b++)
      if (strcmp(in->bands[b].id, out->values[i]) == 0) break;
    if (b == in->band_count) {
      const lgi_json *v = lgi_json_get(obj, "in");
      old = lgi_path_push_key(path, "in", 2);
      if (v->type == LGI_JSON_ARRAY) {
        lgi_path_push_index(path, i);
        v = &v->u.items[i];
      }
      rc = lgi_load_fail(c->ld, LG_ESCHEMA, v, path, "instrument \"", out->instrument,
                         "\" has no band \"", out->values[i], "\"", END);
      lgi_path_pop(path, old);
      return rc;
    }
  }
  return LG_OK;
}

static int cond_score(ctx *c, const lgi_json *obj, lgi_path *path, lgi_pcond *out) {
  static const char *const keys[] = {"score", "op", "value", NULL};
  int rc = lgi_load_check_keys(c->ld, obj, path, keys);
  if (rc != LG_OK) return rc;
  out->kind = LGI_PC_SCORE;
  if (!find_instrument(c, obj, "score", path, &out->instrument, &rc)) return rc;
  return read_op_value(c, obj, path, out);
}

static int cond_answer(ctx *c, const lgi_json *obj, lgi_path *path, lgi_pcond *out) {
  static const char *const keys[] = {"answer", "item", "op", "value", NULL};
  const lgi_instrument *in;
  size_t old;
  int rc = lgi_load_check_keys(c->ld, obj, path, keys);
  if (rc != LG_OK) return rc;
  out->kind = LGI_PC_ANSWER;
  in = find_instrument(c, obj, "answer", path, &out->instrument, &rc);
  if (!in) return rc;
  rc = lgi_load_string(c->ld, obj, "item", path, LGI_FIELD_ID | LGI_FIELD_REQUIRED, &out->item);
  if (rc != LG_OK) return rc;
  if (lgi_instrument_find_item(in, out->item) == (size_t)-1) {
    old = lgi_path_push_key(path, "item", 4);
    rc = lgi_load_fail(c->ld, LG_ESCHEMA, lgi_json_get(obj, "item"), path, "instrument \"",
                       out->instrument, "\" has no item \"", out->item, "\"", END);
    lgi_path_pop(path, old);
    return rc;
  }
  return read_op_value(c, obj, path, out);
}

static int cond_flag(ctx *c, const lgi_json *obj, lgi_path *path, lgi_pcond *out) {
  static const char *const keys[] = {"flag", NULL};
  const char *name = NULL;
  size_t old;
  int rc = lgi_load_check_keys(c->ld, obj, path, keys);
  if (rc != LG_OK) return rc;
  rc = lgi_load_string(c->ld, obj, "flag", path, LGI_FIELD_REQUIRED, &name);
  if (rc != LG_OK) return rc;
  out->kind = LGI_PC_FLAG;
  if (strcmp(name, "crisis") == 0) {
    out->flag = LG_FLAG_CRISIS;
    return LG_OK;
  }
  old = lgi_path_push_key(path, "flag", 4);
  rc = fail(c, lgi_json_get(obj, "flag"), path, "unknown flag \"", name, "\" (known: crisis)");
  lgi_path_pop(path, old);
  return rc;
}

static int cond_pref(ctx *c, const lgi_json *obj, lgi_path *path, lgi_pcond *out) {
  static const char *const keys[] = {"pref", "in", NULL};
  const char *name = NULL;
  char buf[LGI_PLAN_MAX_TEXT];
  size_t i, old;
  int rc = lgi_load_check_keys(c->ld, obj, path, keys);
  if (rc != LG_OK) return rc;
  rc = lgi_load_string(c->ld, obj, "pref", path, LGI_FIELD_REQUIRED, &name);
  if (rc != LG_OK) return rc;
  out->kind = LGI_PC_PREF;
  out->pref = lgi_pref_index(name);
  if (out->pref != LGI_PREF_SUPPORT && out->pref != LGI_PREF_INTERESTS &&
      out->pref != LGI_PREF_PARTNER_PRONOUNS && out->pref != LGI_PREF_REGION) {
    old = lgi_path_push_key(path, "pref", 4);
    rc = fail(c, lgi_json_get(obj, "pref"), path,
              "conditions may test the preferences support, "
              "interests, partner_pronouns and region, not \"",
              name, "\"");
    lgi_path_pop(path, old);
    return rc;
  }
  rc = read_values(c, obj, path, out);
  for (i = 0; rc == LG_OK && i < out->value_count; i++) {
    /* interests: each value is one interest, not a list */
    if (lgi_pref_normalize(out->pref, out->values[i], buf, sizeof buf) != LG_OK ||
        strchr(out->values[i], ',')) {
      old = lgi_path_push_key(path, "in", 2);
      rc = fail(c, lgi_json_get(obj, "in"), path, "\"", out->values[i],
                "\" is not a value this preference takes");
      lgi_path_pop(path, old);
    } else if (out->pref == LGI_PREF_REGION) {
      char *up = lgi_arena_strndup(c->arena, buf, strlen(buf)); /* uppercase */
      if (!up)
        rc = lgi_load_fail(c->ld, LG_ENOMEM, obj, path, "out of memory", END);
      else
        out->values[i] = up;
    }
  }
  return rc;
}

static int cond_list(ctx *c, const lgi_json *obj, const char *key, lgi_path *path, int depth,
                     lgi_pcond *out) {
  static const char *const any_keys[] = {"any", NULL};
  static const char *const all_keys[] = {"all", NULL};
  const lgi_json *v = lgi_json_get(obj, key);
  lgi_pcond *subs;
  size_t i, old, old2;
  int rc = lgi_load_check_keys(c->ld, obj, path, key[1] == 'n' ? any_keys : all_keys);
  if (rc != LG_OK) return rc;
  out->kind = key[1] == 'n' ? LGI_PC_ANY : LGI_PC_ALL;
  old = lgi_path_push_key(path, key, strlen(key));
  if (v->type != LGI_JSON_ARRAY || v->len == 0 || v->len > 32) {
    rc = fail(c, v, path, "must be a list of 1 to 32 conditions", "", "");
    goto done;
  }
  subs = lgi_arena_alloc(c->arena, v->len * sizeof *subs);
  if (!subs) {
    rc = lgi_load_fail(c->ld, LG_ENOMEM, v, path, "out of memory", END);
    goto done;
  }
  memset(subs, 0, v->len * sizeof *subs);
  for (i = 0; i < v->len && rc == LG_OK; i++) {
    old2 = lgi_path_push_index(path, i);
    rc = read_cond(c, &v->u.items[i], path, depth + 1, &subs[i]);
    lgi_path_pop(path, old2);
  }
  out->subs = subs;
  out->sub_count = v->len;
done:
  lgi_path_pop(path, old);
  return rc;
}

static int cond_not(ctx *c, const lgi_json *obj, lgi_path *path, int depth, lgi_pcond *out) {
  static const char *const keys[] = {"not", NULL};
  lgi_pcond *sub;
  size_t old;
  int rc = lgi_load_check_keys(c->ld, obj, path, keys);
  if (rc != LG_OK) return rc;
  out->kind = LGI_PC_NOT;
  sub = lgi_arena_alloc(c->arena, sizeof *sub);
  if (!sub) return lgi_load_fail(c->ld, LG_ENOMEM, obj, path, "out of memory", END);
  memset(sub, 0, sizeof *sub);
  old = lgi_path_push_key(path, "not", 3);
  rc = read_cond(c, lgi_json_get(obj, "not"), path, depth + 1, sub);
  lgi_path_pop(path, old);
  out->subs = sub;
  out->sub_count = 1;
  return rc;
}

static int read_cond(ctx *c, const lgi_json *node, lgi_path *path, int depth, lgi_pcond *out) {
  if (depth > LGI_PLAN_COND_DEPTH)
    return fail(c, node, path, "conditions nest too deeply (at most 8 levels)", "", "");
  if (node->type != LGI_JSON_OBJECT)
    return fail(c, node, path, "a condition must be an object", "", "");
  if (lgi_json_get(node, "band")) return cond_band(c, node, path, out);
  if (lgi_json_get(node, "score")) return cond_score(c, node, path, out);
  if (lgi_json_get(node, "answer")) return cond_answer(c, node, path, out);
  if (lgi_json_get(node, "flag")) return cond_flag(c, node, path, out);
  if (lgi_json_get(node, "pref")) return cond_pref(c, node, path, out);
  if (lgi_json_get(node, "any")) return cond_list(c, node, "any", path, depth, out);
  if (lgi_json_get(node, "all")) return cond_list(c, node, "all", path, depth, out);
  if (lgi_json_get(node, "not")) return cond_not(c, node, path, depth, out);
  return fail(c, node, path, "a condition needs one of band, score, answer, flag, pref, any, ",
              "all or not", "");
}

static int read_if(ctx *c, const lgi_json *obj, lgi_path *path, const lgi_pcond **out) {
  const lgi_json *v = lgi_json_get(obj, "if");
  lgi_pcond *cond;
  size_t old;
  int rc;
  *out = NULL;
  if (!v) return LG_OK;
  cond = lgi_arena_alloc(c->arena, sizeof *cond);
  if (!cond) return lgi_load_fail(c->ld, LG_ENOMEM, obj, path, "out of memory", END);
  memset(cond, 0, sizeof *cond);
  old = lgi_path_push_key(path, "if", 2);
  rc = read_cond(c, v, path, 1, cond);
  lgi_path_pop(path, old);
  *out = cond;
  return rc;
}

/* ---- tasks ------------------------------------------------------------- */

static int entry_has_tag(const lg_entry *e, const char *tag) {
  size_t i, n = lg_entry_tag_count(e);
  for (i = 0; i < n; i++)
    if (strcmp(lg_entry_tag(e, i), tag) == 0) return 1;
  return 0;
}

/* 1 when a task of the phase presents entry `id` with "entry": a pick of
 * the same phase leaves it out, so no text shows twice in a phase. */
static int fixed_in_phase(const lgi_ttask *ts, size_t n, const char *id) {
  size_t i;
  for (i = 0; i < n; i++)
    if (ts[i].entry && strcmp(ts[i].entry, id) == 0) return 1;
  return 0;
}

/* 1 when entries loaded before this pack hold at least one match that the
 * phase's n tasks ts do not present themselves. */
static int pool_nonempty(ctx *c, const lgi_ttask *t, const lgi_ttask *ts, size_t n_ts) {
  const lg_entry *const *all = NULL;
  size_t n = lgi_catalog_entries(lgi_load_catalog(c->ld), &all), i, k;
  for (i = 0; i < n; i++) {
    const char *phase = lg_entry_phase(all[i]);
    if (t->pick_kind && strcmp(lg_entry_kind(all[i]), t->pick_kind) != 0) continue;
    if (t->pick_phase && (!phase || strcmp(phase, t->pick_phase) != 0)) continue;
    if (fixed_in_phase(ts, n_ts, lg_entry_id(all[i]))) continue;
    if (t->pick_tag && entry_has_tag(all[i], t->pick_tag)) return 1;
    if (t->pick_interests)
      for (k = 0; k < LGI_INTEREST_COUNT; k++)
        if (entry_has_tag(all[i], lgi_plan_interests[k])) return 1;
  }
  return 0;
}

/* The phases entries may have (docs/pack-format.md). */
static const char *const entry_phases[] = {"recognize", "decide", "grieve", "rebuild", "reopen"};

static int read_pick_phase(ctx *c, const lgi_json *pick, lgi_path *path, lgi_ttask *t) {
  const char *name = NULL;
  size_t i, old;
  int rc = lgi_load_string(c->ld, pick, "phase", path, 0, &name);
  if (rc != LG_OK || !name) return rc;
  for (i = 0; i < sizeof entry_phases / sizeof entry_phases[0]; i++)
    if (strcmp(name, entry_phases[i]) == 0) {
      t->pick_phase = entry_phases[i];
      return LG_OK;
    }
  old = lgi_path_push_key(path, "phase", 5);
  rc = fail(c, lgi_json_get(pick, "phase"), path, "unknown phase \"", name,
            "\" (known: recognize, decide, grieve, rebuild, reopen)");
  lgi_path_pop(path, old);
  return rc;
}

static int read_pick(ctx *c, const lgi_json *obj, lgi_path *path, lgi_ttask *t) {
  static const char *const keys[] = {"kind", "tag", "phase", "interests", NULL};
  const lgi_json *pick = lgi_json_get(obj, "pick"), *v;
  size_t old = lgi_path_push_key(path, "pick", 4);
  int rc;
  if (pick->type != LGI_JSON_OBJECT) {
    rc = fail(c, pick, path, "must be an object", "", "");
    goto done;
  }
  rc = lgi_load_check_keys(c->ld, pick, path, keys);
  if (rc == LG_OK) rc = lgi_load_string(c->ld, pick, "kind", path, LGI_FIELD_ID, &t->pick_kind);
  if (rc == LG_OK) rc = lgi_load_string(c->ld, pick, "tag", path, 0, &t->pick_tag);
  if (rc == LG_OK) rc = read_pick_phase(c, pick, path, t);
  if (rc != LG_OK) goto done;
  v = lgi_json_get(pick, "interests");
  if (v && v->type != LGI_JSON_TRUE && v->type != LGI_JSON_FALSE) {
    size_t old2 = lgi_path_push_key(path, "interests", 9);
    rc = fail(c, v, path, "must be true or false", "", "");
    lgi_path_pop(path, old2);
    goto done;
  }
  t->pick_interests = v && v->type == LGI_JSON_TRUE;
  if (!t->pick_tag == !t->pick_interests)
    rc = fail(c, pick, path, "needs either \"tag\" or \"interests\": true", "", "");
done:
  lgi_path_pop(path, old);
  return rc;
}

static int read_on(ctx *c, const lgi_json *obj, lgi_path *path, int max_days, lgi_ttask *t) {
  static const char *const day_keys[] = {"day", NULL};
  static const char *const every_keys[] = {"every", "from", NULL};
  const lgi_json *on = lgi_json_get(obj, "on");
  size_t old;
  int rc = LG_OK;
  t->on = LGI_ON_DAY;
  t->day = 1;
  t->every = 0;
  if (!on) return LG_OK;
  old = lgi_path_push_key(path, "on", 2);
  if (on->type == LGI_JSON_STRING) {
    const char *s = on->u.str;
    if (strcmp(s, "daily") == 0)
      t->on = LGI_ON_DAILY;
    else if (strcmp(s, "weekdays") == 0)
      t->on = LGI_ON_WEEKDAYS;
    else if (strcmp(s, "weekends") == 0)
      t->on = LGI_ON_WEEKENDS;
    else if (strcmp(s, "last") == 0)
      t->on = LGI_ON_LAST;
    else
      rc = fail(c, on, path, "must be daily, weekdays, weekends, last, {\"day\": k} or ",
                "{\"every\": n, \"from\": k}", "");
  } else if (on->type == LGI_JSON_OBJECT && lgi_json_get(on, "every")) {
    t->on = LGI_ON_EVERY;
    rc = lgi_load_check_keys(c->ld, on, path, every_keys);
    if (rc == LG_OK) rc = read_int(c, on, "every", path, 1, 1, LGI_PLAN_MAX_DAYS, 1, &t->every);
    if (rc == LG_OK) rc = read_int(c, on, "from", path, 0, 1, max_days, 1, &t->day);
  } else if (on->type == LGI_JSON_OBJECT) {
    rc = lgi_load_check_keys(c->ld, on, path, day_keys);
    if (rc == LG_OK) rc = read_int(c, on, "day", path, 1, 1, max_days, 1, &t->day);
  } else {
    rc = fail(c, on, path, "must be a string or an object", "", "");
  }
  lgi_path_pop(path, old);
  return rc;
}

/* A task of a phase (max_days > 0) or the crisis/therapy task (0: no "on"). */
static int read_task(ctx *c, const lgi_json *node, lgi_path *path, int max_days, lgi_ttask *t) {
  static const char *const keys[] = {"id", "entry", "pick",     "title", "note",
                                     "on", "if",    "reminder", NULL};
  static const char *const fixed_keys[] = {"id", "entry", "title", "note", "reminder", NULL};
  int rc;
  memset(t, 0, sizeof *t);
  t->reminder = -1;
  if (node->type != LGI_JSON_OBJECT) return fail(c, node, path, "a task must be an object", "", "");
  rc = lgi_load_check_keys(c->ld, node, path, max_days > 0 ? keys : fixed_keys);
  if (rc == LG_OK)
    rc = lgi_load_string(c->ld, node, "id", path, LGI_FIELD_ID | LGI_FIELD_REQUIRED, &t->id);
  if (rc == LG_OK) rc = read_entry(c, node, "entry", path, 0, &t->entry);
  if (rc == LG_OK) rc = lgi_load_string(c->ld, node, "title", path, LGI_FIELD_TEXT, &t->title);
  if (rc == LG_OK) rc = lgi_load_string(c->ld, node, "note", path, LGI_FIELD_TEXT, &t->note);
  if (rc == LG_OK) rc = read_time(c, node, "reminder", path, &t->reminder);
  if (rc != LG_OK) return rc;
  if (max_days > 0) {
    if (lgi_json_get(node, "pick")) {
      if (t->entry)
        return fail(c, node, path, "a task has \"entry\" or \"pick\", not both", "", "");
      rc = read_pick(c, node, path, t);
      if (rc != LG_OK) return rc;
    }
    rc = read_on(c, node, path, max_days, t);
    if (rc == LG_OK) rc = read_if(c, node, path, &t->cond);
    if (rc != LG_OK) return rc;
  }
  if (!t->entry && !t->pick_kind && !t->pick_tag && !t->pick_interests && (!t->title || !t->note))
    return fail(c, node, path, "a task needs \"entry\", \"pick\", or both \"title\" and \"note\"",
                "", "");
  return LG_OK;
}

/* ---- phases ------------------------------------------------------------ */

static int read_days(ctx *c, const lgi_json *node, lgi_path *path, lgi_phase *ph) {
  static const char *const range_keys[] = {"min", "max", "default", "from", "rules", NULL};
  static const char *const rest_keys[] = {"rest", "min", NULL};
  static const char *const rule_keys[] = {"if", "add", NULL};
  const lgi_json *d = lgi_json_get(node, "days"), *rules;
  size_t old, old2, old3, i;
  int rc = LG_OK, fixed = 0;
  ph->from_pref = -1;
  if (!d) return fail(c, node, path, "missing \"days\"", "", "");
  if (d->type == LGI_JSON_NUMBER) {
    rc = read_int(c, node, "days", path, 1, 1, LGI_PLAN_MAX_DAYS, 1, &fixed);
    ph->min = ph->max = ph->def = fixed;
    return rc;
  }
  old = lgi_path_push_key(path, "days", 4);
  if (d->type != LGI_JSON_OBJECT) {
    rc = fail(c, d, path, "must be a number of days or an object", "", "");
    goto done;
  }
  if (lgi_json_get(d, "rest")) {
    const lgi_json *r = lgi_json_get(d, "rest");
    rc = lgi_load_check_keys(c->ld, d, path, rest_keys);
    if (rc == LG_OK && r->type != LGI_JSON_TRUE) {
      old2 = lgi_path_push_key(path, "rest", 4);
      rc = fail(c, r, path, "must be true", "", "");
      lgi_path_pop(path, old2);
    }
    if (rc == LG_OK) rc = read_int(c, d, "min", path, 0, 1, LGI_PLAN_MAX_DAYS, 1, &ph->min);
    ph->rest = 1;
    ph->max = LGI_PLAN_MAX_DAYS;
    ph->def = ph->min;
    goto done;
  }
  rc = lgi_load_check_keys(c->ld, d, path, range_keys);
  if (rc == LG_OK) rc = read_int(c, d, "min", path, 1, 1, LGI_PLAN_MAX_DAYS, 1, &ph->min);
  if (rc == LG_OK) rc = read_int(c, d, "max", path, 1, 1, LGI_PLAN_MAX_DAYS, 1, &ph->max);
  if (rc == LG_OK) rc = read_int(c, d, "default", path, 1, 1, LGI_PLAN_MAX_DAYS, 1, &ph->def);
  if (rc != LG_OK) goto done;
  if (ph->min > ph->max) {
    rc = fail(c, d, path, "impossible range: \"min\" is above \"max\"", "", "");
    goto done;
  }
  if (ph->def < ph->min || ph->def > ph->max) {
    rc = fail(c, d, path, "\"default\" must lie between \"min\" and \"max\"", "", "");
    goto done;
  }
  if (lgi_json_get(d, "from")) {
    const char *from = NULL;
    rc = lgi_load_string(c->ld, d, "from", path, 0, &from);
    if (rc != LG_OK) goto done;
    if (strcmp(from, "grief_days") != 0) {
      old2 = lgi_path_push_key(path, "from", 4);
      rc = fail(c, lgi_json_get(d, "from"), path, "unknown preference \"", from,
                "\" (known: grief_days)");
      lgi_path_pop(path, old2);
      goto done;
    }
    ph->from_pref = LGI_PREF_GRIEF_DAYS;
  }
  rules = lgi_json_get(d, "rules");
  if (rules) {
    lgi_rule *rs;
    old2 = lgi_path_push_key(path, "rules", 5);
    if (rules->type != LGI_JSON_ARRAY || rules->len > 32) {
      rc = fail(c, rules, path, "must be a list of at most 32 rules", "", "");
    } else if (!(rs = lgi_arena_alloc(c->arena, rules->len * sizeof *rs))) {
      rc = lgi_load_fail(c->ld, LG_ENOMEM, rules, path, "out of memory", END);
    } else {
      for (i = 0; i < rules->len && rc == LG_OK; i++) {
        const lgi_json *r = &rules->u.items[i];
        old3 = lgi_path_push_index(path, i);
        if (r->type != LGI_JSON_OBJECT) {
          rc = fail(c, r, path, "a rule must be an object", "", "");
        } else {
          rc = lgi_load_check_keys(c->ld, r, path, rule_keys);
          if (rc == LG_OK)
            rc = read_int(c, r, "add", path, 1, -LGI_PLAN_MAX_DAYS, LGI_PLAN_MAX_DAYS, 0,
                          &rs[i].add);
          if (rc == LG_OK && !lgi_json_get(r, "if"))
            rc = fail(c, r, path, "missing \"if\"", "", "");
          if (rc == LG_OK) rc = read_if(c, r, path, &rs[i].cond);
        }
        lgi_path_pop(path, old3);
      }
      ph->rules = rs;
      ph->rule_count = rules->len;
    }
    lgi_path_pop(path, old2);
  }
done:
  lgi_path_pop(path, old);
  return rc;
}

static int read_phase(ctx *c, const lgi_json *node, lgi_path *path, lgi_phase *ph) {
  static const char *const keys[] = {"id", "title", "summary", "days", "if", "tasks", NULL};
  const lgi_json *tasks;
  lgi_ttask *ts;
  size_t i, j, old, old2;
  int rc;
  memset(ph, 0, sizeof *ph);
  if (node->type != LGI_JSON_OBJECT)
    return fail(c, node, path, "a phase must be an object", "", "");
  rc = lgi_load_check_keys(c->ld, node, path, keys);
  if (rc == LG_OK)
    rc = lgi_load_string(c->ld, node, "id", path, LGI_FIELD_ID | LGI_FIELD_REQUIRED, &ph->id);
  if (rc == LG_OK)
    rc = lgi_load_string(c->ld, node, "title", path, LGI_FIELD_TEXT | LGI_FIELD_REQUIRED,
                         &ph->title);
  if (rc == LG_OK) rc = lgi_load_string(c->ld, node, "summary", path, LGI_FIELD_TEXT, &ph->summary);
  if (rc == LG_OK) rc = read_days(c, node, path, ph);
  if (rc == LG_OK) rc = read_if(c, node, path, &ph->cond);
  if (rc != LG_OK) return rc;
  if (ph->rest && ph->cond)
    return fail(c, node, path, "the phase that takes the rest of the plan cannot have \"if\"", "",
                "");
  tasks = lgi_json_get(node, "tasks");
  if (!tasks) return fail(c, node, path, "missing \"tasks\"", "", "");
  old = lgi_path_push_key(path, "tasks", 5);
  if (tasks->type != LGI_JSON_ARRAY || tasks->len == 0 || tasks->len > LGI_PLAN_MAX_TASKS) {
    rc = fail(c, tasks, path, "must be a list of 1 to 64 tasks", "", "");
    goto done;
  }
  ts = lgi_arena_alloc(c->arena, tasks->len * sizeof *ts);
  if (!ts) {
    rc = lgi_load_fail(c->ld, LG_ENOMEM, tasks, path, "out of memory", END);
    goto done;
  }
  for (i = 0; i < tasks->len && rc == LG_OK; i++) {
    old2 = lgi_path_push_index(path, i);
    rc = read_task(c, &tasks->u.items[i], path, ph->max, &ts[i]);
    for (j = 0; rc == LG_OK && j < i; j++)
      if (strcmp(ts[j].id, ts[i].id) == 0)
        rc = fail(c, &tasks->u.items[i], path, "duplicate task id \"", ts[i].id, "\"");
    lgi_path_pop(path, old2);
  }
  /* pools once every task is known: a pick leaves out the phase's fixed entries */
  for (i = 0; i < tasks->len && rc == LG_OK; i++) {
    if (!ts[i].pick_tag && !ts[i].pick_interests) continue;
    if (pool_nonempty(c, &ts[i], ts, tasks->len)) continue;
    old2 = lgi_path_push_index(path, i);
    lgi_path_push_key(path, "pick", 4);
    rc = fail(c, lgi_json_get(&tasks->u.items[i], "pick"), path,
              "no entry matches: the pool is empty", "", "");
    lgi_path_pop(path, old2);
  }
  ph->tasks = ts;
  ph->task_count = tasks->len;
done:
  lgi_path_pop(path, old);
  return rc;
}

/* ---- the template ------------------------------------------------------ */

static int read_labels(ctx *c, const lgi_json *node, lgi_path *path, lgi_template *t) {
  static const char *const names[LGI_LABEL_COUNT + 1] = {"day",   "checkins", "mood", "done",
                                                         "phone", "sms",      "web",  NULL};
  const lgi_json *labels = lgi_json_get(node, "labels");
  size_t old, i;
  int rc;
  if (!labels) return fail(c, node, path, "missing \"labels\"", "", "");
  old = lgi_path_push_key(path, "labels", 6);
  if (labels->type != LGI_JSON_OBJECT) {
    rc = fail(c, labels, path, "must be an object", "", "");
  } else {
    rc = lgi_load_check_keys(c->ld, labels, path, names);
    for (i = 0; rc == LG_OK && i < LGI_LABEL_COUNT; i++)
      rc = read_entry(c, labels, names[i], path, 1, &t->labels[i]);
  }
  lgi_path_pop(path, old);
  return rc;
}

static int task_id_clash(const lgi_template *t, const char *id) {
  size_t i, j;
  for (i = 0; i < t->phase_count; i++)
    for (j = 0; j < t->phases[i].task_count; j++)
      if (strcmp(t->phases[i].tasks[j].id, id) == 0) return 1;
  return 0;
}

static int read_adapt(ctx *c, const lgi_json *node, lgi_path *path, lgi_template *t) {
  static const char *const keys[] = {"after",   "low_mood", "count", "window",
                                     "therapy", "every",    NULL};
  const lgi_json *a = lgi_json_get(node, "adapt");
  const char *after = NULL;
  size_t old, old2, i;
  int rc = LG_OK;
  t->adapt_after = -1;
  if (!a) return LG_OK;
  old = lgi_path_push_key(path, "adapt", 5);
  if (a->type != LGI_JSON_OBJECT) {
    rc = fail(c, a, path, "must be an object", "", "");
    goto done;
  }
  rc = lgi_load_check_keys(c->ld, a, path, keys);
  if (rc == LG_OK) rc = read_int(c, a, "low_mood", path, 0, 0, 10, 3, &t->low_mood);
  if (rc == LG_OK) rc = read_int(c, a, "window", path, 0, 1, 30, 5, &t->low_window);
  if (rc == LG_OK) rc = read_int(c, a, "count", path, 0, 1, t->low_window, 3, &t->low_count);
  if (rc == LG_OK)
    rc = read_int(c, a, "every", path, 0, 0, LGI_PLAN_MAX_DAYS, 7, &t->therapy_every);
  if (rc == LG_OK) rc = lgi_load_string(c->ld, a, "after", path, LGI_FIELD_ID, &after);
  if (rc != LG_OK) goto done;
  if (after) {
    for (i = 0; i < t->phase_count; i++)
      if (strcmp(t->phases[i].id, after) == 0) t->adapt_after = (int)i;
    if (t->adapt_after < 0) {
      old2 = lgi_path_push_key(path, "after", 5);
      rc = fail(c, lgi_json_get(a, "after"), path, "no phase \"", after, "\"");
      lgi_path_pop(path, old2);
      goto done;
    }
  }
  if (!lgi_json_get(a, "therapy")) {
    rc = fail(c, a, path, "missing \"therapy\"", "", "");
    goto done;
  }
  old2 = lgi_path_push_key(path, "therapy", 7);
  rc = read_task(c, lgi_json_get(a, "therapy"), path, 0, &t->therapy);
  if (rc == LG_OK && (task_id_clash(t, t->therapy.id) || strcmp(t->therapy.id, t->crisis.id) == 0))
    rc = fail(c, lgi_json_get(a, "therapy"), path, "the task id \"", t->therapy.id,
              "\" is already used by another task");
  lgi_path_pop(path, old2);
  t->has_therapy = 1;
done:
  lgi_path_pop(path, old);
  return rc;
}

/* The phases must fit every plan length a person may choose. */
static int check_lengths(ctx *c, const lgi_json *node, lgi_path *path, const lgi_template *t) {
  size_t i, rests = 0, always = 0;
  int sum = 0, rest_min = 0;
  for (i = 0; i < t->phase_count; i++) {
    if (!t->phases[i].cond) always++;
    if (t->phases[i].rest) {
      rests++;
      rest_min = t->phases[i].min;
    } else {
      sum += t->phases[i].max;
    }
  }
  if (rests > 1) return fail(c, node, path, "only one phase may take the rest of the plan", "", "");
  if (always == 0)
    return fail(c, node, path, "at least one phase must have no \"if\", so no plan is empty", "",
                "");
  if (rests == 1 && sum + rest_min > LGI_PLAN_MIN_DAYS)
    return fail(c, node, path, "impossible lengths: the phases may need more than the shortest ",
                "plan (28 days) leaves for the phase that takes the rest", "");
  if (rests == 0 && sum > LGI_PLAN_MAX_DAYS)
    return fail(c, node, path, "impossible lengths: the phases may last more than 90 days", "", "");
  return LG_OK;
}

static int read_phases(ctx *c, const lgi_json *node, lgi_path *path, lgi_template *t) {
  const lgi_json *phases = lgi_json_get(node, "phases");
  lgi_phase *ps;
  size_t i, j, old, old2;
  int rc = LG_OK;
  if (!phases) return fail(c, node, path, "missing \"phases\"", "", "");
  old = lgi_path_push_key(path, "phases", 6);
  if (phases->type != LGI_JSON_ARRAY || phases->len == 0 || phases->len > LGI_PLAN_MAX_PHASES) {
    rc = fail(c, phases, path, "must be a list of 1 to 16 phases", "", "");
    goto done;
  }
  ps = lgi_arena_alloc(c->arena, phases->len * sizeof *ps);
  if (!ps) {
    rc = lgi_load_fail(c->ld, LG_ENOMEM, phases, path, "out of memory", END);
    goto done;
  }
  for (i = 0; i < phases->len && rc == LG_OK; i++) {
    old2 = lgi_path_push_index(path, i);
    rc = read_phase(c, &phases->u.items[i], path, &ps[i]);
    for (j = 0; rc == LG_OK && j < i; j++)
      if (strcmp(ps[j].id, ps[i].id) == 0)
        rc = fail(c, &phases->u.items[i], path, "duplicate phase id \"", ps[i].id, "\"");
    lgi_path_pop(path, old2);
  }
  t->phases = ps;
  t->phase_count = phases->len;
  if (rc == LG_OK) rc = check_lengths(c, phases, path, t);
done:
  lgi_path_pop(path, old);
  return rc;
}

int lgi_template_load(lgi_load *ld, const lgi_json *node, lgi_path *path, lgi_template **out) {
  static const char *const keys[] = {"id",    "title",      "summary", "reminder",
                                     "help",  "disclaimer", "labels",  "crisis",
                                     "adapt", "phases",     NULL};
  ctx c;
  lgi_template *t;
  size_t old;
  int rc;
  c.ld = ld;
  c.arena = lgi_load_arena(ld);
  if (node->type != LGI_JSON_OBJECT)
    return fail(&c, node, path, "a plan template must be an object", "", "");
  t = lgi_arena_alloc(c.arena, sizeof *t);
  if (!t) return lgi_load_fail(ld, LG_ENOMEM, node, path, "out of memory", END);
  memset(t, 0, sizeof *t);
  t->reminder = 20 * 60;
  rc = lgi_load_check_keys(ld, node, path, keys);
  if (rc == LG_OK)
    rc = lgi_load_string(ld, node, "id", path, LGI_FIELD_ID | LGI_FIELD_REQUIRED, &t->id);
  if (rc == LG_OK)
    rc = lgi_load_string(ld, node, "title", path, LGI_FIELD_TEXT | LGI_FIELD_REQUIRED, &t->title);
  if (rc == LG_OK) rc = lgi_load_string(ld, node, "summary", path, LGI_FIELD_TEXT, &t->summary);
  if (rc == LG_OK) rc = read_time(&c, node, "reminder", path, &t->reminder);
  if (rc == LG_OK) rc = read_entry(&c, node, "help", path, 1, &t->help);
  if (rc == LG_OK) rc = read_entry(&c, node, "disclaimer", path, 1, &t->disclaimer);
  if (rc == LG_OK) rc = read_labels(&c, node, path, t);
  if (rc == LG_OK) rc = read_phases(&c, node, path, t);
  if (rc != LG_OK) return rc;
  if (!lgi_json_get(node, "crisis")) return fail(&c, node, path, "missing \"crisis\"", "", "");
  old = lgi_path_push_key(path, "crisis", 6);
  rc = read_task(&c, lgi_json_get(node, "crisis"), path, 0, &t->crisis);
  if (rc == LG_OK && task_id_clash(t, t->crisis.id))
    rc = fail(&c, lgi_json_get(node, "crisis"), path, "the task id \"", t->crisis.id,
              "\" is already used by another task");
  if (rc == LG_OK && !t->crisis.entry)
    rc = fail(&c, lgi_json_get(node, "crisis"), path, "the crisis task needs an \"entry\"", "", "");
  lgi_path_pop(path, old);
  if (rc == LG_OK) rc = read_adapt(&c, node, path, t);
  if (rc != LG_OK) return rc;
  *out = t;
  return LG_OK;
}

const char *lgi_template_id(const lgi_template *t) {
  return t ? t->id : NULL;
}
