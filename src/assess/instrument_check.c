/*
 * instrument_check.c - what an instrument's items imply: the values an
 * answer may take, the range of the score (so the bands can be checked to
 * cover it exactly) and the fingerprint that ties a saved session to the
 * structure it was answered against.
 */
#include <string.h>

#include "assess/assess.h"

/* ---- values --------------------------------------------------------------- */

static int finite(double v) {
  return v == v && v - v == 0;
}

int lgi_item_accepts(const lgi_item *it, double value) {
  size_t i;
  if (!finite(value) || value < it->min || value > it->max) return 0;
  if (it->type == LG_ITEM_CHOICE) {
    for (i = 0; i < it->option_count; i++)
      if (it->option_values[i] == value) return 1;
    return 0;
  }
  /* min and max are integers within +-1e9, so the cast is exact. */
  return value == (double)(long long)value;
}

int lgi_cond_holds(const lgi_cond *c, double v) {
  switch (c->op) {
  case LGI_OP_EQ:
    return v == c->value;
  case LGI_OP_NE:
    return v != c->value;
  case LGI_OP_LT:
    return v < c->value;
  case LGI_OP_LE:
    return v <= c->value;
  case LGI_OP_GT:
    return v > c->value;
  default:
    return v >= c->value;
  }
}

int lgi_item_can_satisfy(const lgi_item *it, const lgi_cond *c) {
  size_t i;
  if (it->type == LG_ITEM_CHOICE) {
    for (i = 0; i < it->option_count; i++)
      if (lgi_cond_holds(c, it->option_values[i])) return 1;
    return 0;
  }
  /* Every integer from min to max is a possible answer (min < max). */
  switch (c->op) {
  case LGI_OP_EQ:
    return lgi_item_accepts(it, c->value);
  case LGI_OP_NE:
    return 1;
  case LGI_OP_LT:
    return it->min < c->value;
  case LGI_OP_LE:
    return it->min <= c->value;
  case LGI_OP_GT:
    return it->max > c->value;
  default:
    return it->max >= c->value;
  }
}

/* ---- the range of the score ------------------------------------------------ */

/* An item that may go unanswered or be switched off adds nothing then. */
static int optional(const lgi_item *it) {
  return !it->required || it->has_enable;
}

static void sum_range(const lgi_instrument *in, double *lo, double *hi) {
  size_t i;
  *lo = *hi = 0;
  for (i = 0; i < in->item_count; i++) {
    const lgi_item *it = &in->items[i];
    double a = it->weight * it->min, b = it->weight * it->max;
    if (it->weight == 0) continue;
    if (optional(it)) {
      if (a > 0) a = 0;
      if (b < 0) b = 0;
    }
    *lo += a;
    *hi += b;
  }
}

/*
 * The least (sign 1) or greatest (sign -1) weighted mean over the sets of
 * items that can be answered together: every mandatory item, plus any
 * optional ones. Optional items are added best first while they still pull
 * the mean their way, which is optimal for a weighted mean.
 */
static double mean_bound(const lgi_instrument *in, double sign) {
  unsigned char used[LGI_MAX_ITEMS];
  double num = 0, den = 0;
  size_t i;
  memset(used, 0, sizeof used);
  for (i = 0; i < in->item_count; i++) {
    const lgi_item *it = &in->items[i];
    if (it->weight == 0 || optional(it)) continue;
    num += it->weight * (sign > 0 ? it->min : it->max);
    den += it->weight;
  }
  for (;;) {
    size_t best = (size_t)-1;
    double bv = 0;
    for (i = 0; i < in->item_count; i++) {
      const lgi_item *it = &in->items[i];
      double v = sign > 0 ? it->min : it->max;
      if (it->weight == 0 || !optional(it) || used[i]) continue;
      if (best == (size_t)-1 || sign * v < sign * bv) {
        best = i;
        bv = v;
      }
    }
    if (best == (size_t)-1) break;
    if (den > 0 && sign * bv >= sign * (num / den)) break;
    used[best] = 1;
    num += in->items[best].weight * bv;
    den += in->items[best].weight;
  }
  return den > 0 ? num / den : 0;
}

static int band_fail(lgi_load *ld, const lgi_json *node, lgi_path *path, size_t i, const char *a,
                     double x, const char *b, double y, const char *c) {
  const lgi_json *bands = lgi_json_get(node, "bands");
  const lgi_json *max = lgi_json_get(&bands->u.items[i], "max");
  char xs[LGI_NUM_MAX], ys[LGI_NUM_MAX];
  lgi_num_format(x, xs);
  lgi_num_format(y, ys);
  lgi_path_push_key(path, "bands", 5);
  lgi_path_push_index(path, i);
  lgi_path_push_key(path, "max", 3);
  return lgi_load_fail(ld, LG_ESCHEMA, max, path, a, xs, b, ys, c, (const char *)NULL);
}

int lgi_instrument_check_bands(lgi_load *ld, const lgi_json *node, lgi_path *path,
                               lgi_instrument *in) {
  size_t i, last = in->band_count - 1;
  if (in->method == LGI_SCORE_SUM) {
    sum_range(in, &in->score_min, &in->score_max);
  } else {
    /* Means are reported to 2 decimals, and so is their range. */
    in->score_min = lgi_num_round(mean_bound(in, 1), 2);
    in->score_max = lgi_num_round(mean_bound(in, -1), 2);
  }
  for (i = 0; i < in->band_count; i++) {
    /* A mean's band edges are compared as the mean is reported: to 2 decimals. */
    double max = in->bands[i].max;
    if (in->method == LGI_SCORE_MEAN) max = lgi_num_round(max, 2);
    if (i > 0 && in->bands[i].max <= in->bands[i - 1].max)
      return band_fail(ld, node, path, i, "bands must ascend; ", in->bands[i].max, " follows ",
                       in->bands[i - 1].max, "");
    if (i == 0 && max < in->score_min)
      return band_fail(ld, node, path, i, "the first band ends at ", in->bands[i].max,
                       ", below the lowest possible score, ", in->score_min, "");
    if (i < last && max >= in->score_max)
      return band_fail(ld, node, path, i, "this band ends at ", in->bands[i].max,
                       " but the highest possible score is ", in->score_max,
                       ", so the bands after it can never be reached");
    if (i == last && max != in->score_max)
      return band_fail(ld, node, path, i, "the last band must end at the highest possible score, ",
                       in->score_max, ", not ", in->bands[i].max, "");
  }
  return LG_OK;
}

/* ---- the fingerprint ------------------------------------------------------- */

typedef struct fnv {
  uint64_t h;
} fnv;

static void fnv_bytes(fnv *f, const void *p, size_t n) {
  const unsigned char *b = p;
  size_t i;
  for (i = 0; i < n; i++) {
    f->h ^= b[i];
    f->h *= UINT64_C(0x100000001b3);
  }
}

/* Strings end with a NUL byte, so "ab","c" and "a","bc" differ. */
static void fnv_str(fnv *f, const char *s) {
  fnv_bytes(f, s ? s : "", s ? strlen(s) + 1 : 1);
}

static void fnv_num(fnv *f, double v) {
  char buf[LGI_NUM_MAX];
  size_t n = lgi_num_format(v, buf);
  fnv_bytes(f, buf, n + 1);
}

static void fnv_cond(fnv *f, const char *name, const lgi_cond *c) {
  fnv_str(f, name);
  fnv_str(f, lgi_op_name(c->op));
  fnv_num(f, c->value);
}

void lgi_instrument_fingerprint(lgi_instrument *in) {
  static const char hex[] = "0123456789abcdef";
  fnv f;
  size_t i, j;
  f.h = UINT64_C(0xcbf29ce484222325);
  fnv_str(&f, "letgo-instrument/1");
  fnv_str(&f, in->id);
  if (in->has_scale) {
    fnv_num(&f, in->scale_min);
    fnv_num(&f, in->scale_max);
  }
  for (i = 0; i < in->item_count; i++) {
    const lgi_item *it = &in->items[i];
    fnv_str(&f, "item");
    fnv_str(&f, it->id);
    fnv_num(&f, (double)it->type);
    fnv_num(&f, it->min);
    fnv_num(&f, it->max);
    if (it->type == LG_ITEM_CHOICE)
      for (j = 0; j < it->option_count; j++) fnv_num(&f, it->option_values[j]);
    fnv_num(&f, it->weight);
    fnv_num(&f, (double)it->reverse);
    fnv_num(&f, (double)it->required);
    fnv_str(&f, it->subscale >= 0 ? in->subscales[it->subscale] : "");
    if (it->has_enable) {
      fnv_str(&f, in->items[it->enable_item].id);
      fnv_cond(&f, "enable_when", &it->enable);
    }
    if (it->has_crisis) fnv_cond(&f, "crisis", &it->crisis);
    fnv_str(&f, it->entry);
  }
  fnv_str(&f, in->method == LGI_SCORE_SUM ? "sum" : "mean");
  fnv_num(&f, (double)in->min_answered);
  for (i = 0; i < in->band_count; i++) {
    fnv_str(&f, in->bands[i].id);
    fnv_num(&f, in->bands[i].max);
  }
  for (i = 0; i < LGI_FINGERPRINT_LEN; i++) in->fingerprint[i] = hex[(f.h >> (60 - 4 * i)) & 0xF];
  in->fingerprint[LGI_FINGERPRINT_LEN] = '\0';
}
