/*
 * score.c - turning a session's answers into a result: the total and
 * subscale scores, proration, the band, the endorsed items' feedback
 * entries and the crisis flag. The formulas are documented in
 * docs/result-json.md; a result is one allocation, wiped when freed.
 */
#include <math.h>
#include <string.h>

#include "assess/assess.h"

#define ALIGN 16

static size_t align_up(size_t n) {
  return (n + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
}

/* The answer as it counts: reverse-scored items turn around their scale. */
static double adjusted(const lgi_item *it, double v) {
  return it->reverse ? it->min + it->max - v : v;
}

/* Sums over the enabled, scored items of one subscale (or all: sub == -2). */
typedef struct tally {
  double sum;      /* weighted answers */
  double weights;  /* weights of the answered items */
  size_t answered; /* answered scored items */
  double expected; /* weights of the answered and the unanswered required items */
} tally;

static void tally_items(const lg_session *s, int sub, tally *t) {
  const lgi_instrument *in = s->in;
  size_t i;
  memset(t, 0, sizeof *t);
  for (i = 0; i < in->item_count; i++) {
    const lgi_item *it = &in->items[i];
    if (it->weight == 0 || (sub != -2 && it->subscale != sub) || !lgi_session_enabled(s, i))
      continue;
    if (s->answered[i]) {
      t->sum += it->weight * adjusted(it, s->answers[i]);
      t->weights += it->weight;
      t->answered++;
      t->expected += it->weight;
    } else if (it->required) {
      t->expected += it->weight;
    }
  }
}

/* The score of a tally; `prorate` when missing required items are estimated
 * from the answered ones. NaN when nothing was answered. */
static double tally_score(const lgi_instrument *in, const tally *t, int prorate) {
  if (t->answered == 0) return NAN;
  if (in->method == LGI_SCORE_MEAN) return lgi_num_round(t->sum / t->weights, 2);
  if (prorate && t->expected != t->weights)
    return lgi_num_round(t->sum * t->expected / t->weights, 2);
  return t->sum;
}

static int endorsed(const lgi_item *it, double v) {
  return adjusted(it, v) > (it->min + it->max) / 2;
}

int lg_session_score(const lg_session *s, lg_result **out) {
  const lgi_instrument *in;
  size_t i, j, missing = 0, feedback = 0, label_len, summary_len, size;
  size_t off_sub, off_fb, off_ans, off_counted, off_text;
  unsigned flags = 0;
  tally all;
  double score;
  lg_result *r;
  unsigned char *block;
  if (!s || !out) return LG_EINVAL;
  in = s->in;
  for (i = 0; i < in->item_count; i++) {
    const lgi_item *it = &in->items[i];
    /* A crisis answer counts even if a later change switched its item off. */
    if (it->has_crisis && s->answered[i] && lgi_cond_holds(&it->crisis, s->answers[i]))
      flags |= LG_FLAG_CRISIS;
    if (!lgi_session_enabled(s, i)) continue;
    if (!s->answered[i] && it->required) missing++;
    if (s->answered[i] && it->entry && endorsed(it, s->answers[i])) feedback++;
  }
  tally_items(s, -2, &all);
  if (missing) {
    if (in->min_answered > 0 && all.answered >= in->min_answered)
      flags |= LG_FLAG_PRORATED;
    else if (flags & LG_FLAG_CRISIS)
      flags |= LG_FLAG_PRORATED | LG_FLAG_PARTIAL;
    else
      return LG_ESTATE;
  }
  score = tally_score(in, &all, (flags & LG_FLAG_PRORATED) != 0);
  if (score != score) score = in->method == LGI_SCORE_SUM ? 0 : in->score_min;
  /* Proration can overshoot when items have different ranges. */
  if (score < in->score_min) score = in->score_min;
  if (score > in->score_max) score = in->score_max;
  for (j = 0; j + 1 < in->band_count && in->bands[j].max < score; j++) {
  }
  label_len = strlen(s->band_labels[j]);
  summary_len = strlen(s->band_summaries[j]);
  off_sub = align_up(sizeof *r);
  off_fb = align_up(off_sub + in->subscale_count * sizeof(double));
  off_ans = align_up(off_fb + feedback * sizeof(char *));
  off_counted = align_up(off_ans + in->item_count * sizeof(double));
  off_text = off_counted + in->item_count;
  size = off_text + label_len + 1 + summary_len + 1;
  block = lgi_malloc(s->alloc, size);
  if (!block) return LG_ENOMEM;
  memset(block, 0, off_text);
  r = (lg_result *)(void *)block;
  r->cat = s->cat;
  r->in = in;
  r->alloc = s->alloc;
  r->size = size;
  r->score = score;
  r->flags = flags;
  r->band = j;
  r->subscale_scores = (double *)(void *)(block + off_sub);
  r->feedback = (const char **)(void *)(block + off_fb);
  r->answers = (double *)(void *)(block + off_ans);
  r->counted = block + off_counted;
  memcpy(block + off_text, s->band_labels[j], label_len + 1);
  memcpy(block + off_text + label_len + 1, s->band_summaries[j], summary_len + 1);
  r->band_label = (const char *)(block + off_text);
  r->band_summary = r->band_label + label_len + 1;
  for (j = 0; j < in->subscale_count; j++) {
    tally t;
    tally_items(s, (int)j, &t);
    r->subscale_scores[j] = tally_score(in, &t, (flags & LG_FLAG_PRORATED) != 0);
  }
  for (i = 0; i < in->item_count; i++) {
    if (!s->answered[i] || !lgi_session_enabled(s, i)) continue;
    r->answers[i] = s->answers[i];
    r->counted[i] = 1;
    if (in->items[i].entry && endorsed(&in->items[i], s->answers[i]))
      r->feedback[r->feedback_count++] = in->items[i].entry;
  }
  *out = r;
  return LG_OK;
}

/* ---- result accessors ------------------------------------------------------ */

void lg_result_free(lg_result *r) {
  if (r) lgi_free_wiped(r->alloc, r, r->size);
}

double lg_result_score(const lg_result *r) {
  return r ? r->score : 0;
}
const char *lg_result_band(const lg_result *r) {
  return r ? r->in->bands[r->band].id : NULL;
}
const char *lg_result_band_label(const lg_result *r) {
  return r ? r->band_label : NULL;
}
const char *lg_result_band_summary(const lg_result *r) {
  return r ? r->band_summary : NULL;
}
unsigned lg_result_flags(const lg_result *r) {
  return r ? r->flags : 0;
}
const char *lg_result_instrument(const lg_result *r) {
  return r ? r->in->id : NULL;
}
const char *lg_result_locale(const lg_result *r) {
  return r ? r->in->locale : NULL;
}
const char *lg_result_pack_version(const lg_result *r) {
  return r ? r->in->pack_version : NULL;
}
size_t lg_result_subscale_count(const lg_result *r) {
  return r ? r->in->subscale_count : 0;
}

const char *lg_result_subscale_id(const lg_result *r, size_t i) {
  return r && i < r->in->subscale_count ? r->in->subscales[i] : NULL;
}

double lg_result_subscale_score(const lg_result *r, size_t i) {
  return r && i < r->in->subscale_count ? r->subscale_scores[i] : NAN;
}

size_t lg_result_feedback_count(const lg_result *r) {
  return r ? r->feedback_count : 0;
}

const char *lg_result_feedback(const lg_result *r, size_t i) {
  return r && i < r->feedback_count ? r->feedback[i] : NULL;
}

int lg_result_answer(const lg_result *r, const char *item_id, double *out) {
  size_t i;
  if (!r || !item_id || !out) return LG_EINVAL;
  i = lgi_instrument_find_item(r->in, item_id);
  if (i == (size_t)-1 || !r->counted[i]) return LG_ENOTFOUND;
  *out = r->answers[i];
  return LG_OK;
}
