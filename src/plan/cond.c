/*
 * cond.c - template conditions, evaluated against a plan's inputs, and the
 * effective preferences (a preference when set, else what the `support`
 * result says, else a documented default).
 */
#include <string.h>

#include "plan/plan_impl.h"

const lgi_presult *lgi_plan_result(const lg_plan *p, const char *instrument) {
  size_t i;
  for (i = 0; i < p->result_count; i++)
    if (strcmp(p->results[i].instrument, instrument) == 0) return &p->results[i];
  return NULL;
}

static int answer(const lgi_presult *r, const char *item, double *out) {
  size_t i;
  if (!r) return 0;
  for (i = 0; i < r->answer_count; i++) {
    if (strcmp(r->items[i], item) == 0) {
      *out = r->answers[i];
      return 1;
    }
  }
  return 0;
}

const char *lgi_plan_support(const lg_plan *p) {
  double v;
  if (p->prefs[LGI_PREF_SUPPORT]) return p->prefs[LGI_PREF_SUPPORT];
  if (answer(lgi_plan_result(p, "support"), "style", &v)) {
    if (v == 1) return "talk";
    if (v == 2) return "distract";
  }
  return "both";
}

unsigned lgi_plan_interest_mask(const lg_plan *p) {
  const lgi_presult *r;
  const char *s = p->prefs[LGI_PREF_INTERESTS];
  unsigned mask = 0, k;
  double v;
  if (s) {
    for (k = 0; k < LGI_INTEREST_COUNT; k++) {
      size_t n = strlen(lgi_plan_interests[k]);
      const char *at = s;
      /* the stored list is canonical: names separated by single commas */
      while ((at = strstr(at, lgi_plan_interests[k])) != NULL) {
        if ((at == s || at[-1] == ',') && (at[n] == ',' || at[n] == '\0')) {
          mask |= 1u << k;
          break;
        }
        at += n;
      }
    }
    return mask;
  }
  r = lgi_plan_result(p, "support");
  for (k = 0; k < LGI_INTEREST_COUNT; k++)
    if (answer(r, lgi_plan_interests[k], &v) && v >= 1) mask |= 1u << k;
  return mask;
}

static int compare(int op, double a, double b) {
  switch (op) {
  case LGI_OP_EQ:
    return a == b;
  case LGI_OP_NE:
    return a != b;
  case LGI_OP_LT:
    return a < b;
  case LGI_OP_LE:
    return a <= b;
  case LGI_OP_GT:
    return a > b;
  default:
    return a >= b;
  }
}

static int in_values(const lgi_pcond *c, const char *v) {
  size_t i;
  for (i = 0; v && i < c->value_count; i++)
    if (strcmp(c->values[i], v) == 0) return 1;
  return 0;
}

static int pref_holds(const lg_plan *p, const lgi_pcond *c) {
  size_t i, k;
  unsigned mask;
  switch (c->pref) {
  case LGI_PREF_SUPPORT:
    return in_values(c, lgi_plan_support(p));
  case LGI_PREF_INTERESTS:
    mask = lgi_plan_interest_mask(p);
    for (i = 0; i < c->value_count; i++)
      for (k = 0; k < LGI_INTEREST_COUNT; k++)
        if ((mask & (1u << k)) && strcmp(c->values[i], lgi_plan_interests[k]) == 0) return 1;
    return 0;
  case LGI_PREF_PARTNER_PRONOUNS:
    return in_values(c, p->prefs[c->pref] ? p->prefs[c->pref] : "they");
  default:
    return in_values(c, p->prefs[c->pref]);
  }
}

int lgi_pcond_holds(const lg_plan *p, const lgi_pcond *c) {
  const lgi_presult *r;
  double v;
  size_t i;
  if (!c) return 1;
  switch (c->kind) {
  case LGI_PC_BAND:
    r = lgi_plan_result(p, c->instrument);
    return r && in_values(c, r->band);
  case LGI_PC_SCORE:
    r = lgi_plan_result(p, c->instrument);
    return r && compare(c->op, r->score, c->value);
  case LGI_PC_ANSWER:
    return answer(lgi_plan_result(p, c->instrument), c->item, &v) && compare(c->op, v, c->value);
  case LGI_PC_FLAG:
    if (c->flag == LG_FLAG_CRISIS && p->crisis) return 1;
    for (i = 0; i < p->result_count; i++)
      if (p->results[i].flags & c->flag) return 1;
    return 0;
  case LGI_PC_PREF:
    return pref_holds(p, c);
  case LGI_PC_ANY:
    for (i = 0; i < c->sub_count; i++)
      if (lgi_pcond_holds(p, &c->subs[i])) return 1;
    return 0;
  case LGI_PC_ALL:
    for (i = 0; i < c->sub_count; i++)
      if (!lgi_pcond_holds(p, &c->subs[i])) return 0;
    return 1;
  default:
    return !lgi_pcond_holds(p, c->subs);
  }
}
