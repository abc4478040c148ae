/*
 * session.c - walking an instrument: one allocation per session holding the
 * rendered texts and the answers, so answering, skipping and scoring never
 * allocate (and a session is wiped in one stroke).
 */
#include <string.h>

#include "assess/assess.h"

#define ALIGN 16

static size_t align_up(size_t n) {
  return (n + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
}

/*
 * Renders the instrument's texts for the session's locale, persona-free.
 * Called twice: first to measure (base NULL), then to write into the
 * session's block. A text without a placeholder is used as written.
 */
typedef struct renderer {
  const lg_catalog *cat;
  const char *locale;
  char *base; /* NULL while measuring */
  size_t cap;
  size_t used;
  int bound; /* only estimate: room for every placeholder to triple */
  int status;
} renderer;

static const char *render(renderer *r, const char *text) {
  size_t len = 0;
  int rc;
  if (r->status != LG_OK || !strchr(text, '{')) return text;
  if (r->bound) {
    r->used += 3 * strlen(text) + 1;
    return text;
  }
  if (!r->base) {
    rc = lg_render(r->cat, text, r->locale, NULL, NULL, 0, &len);
    if (rc != LG_OK && rc != LG_ETRUNC) r->status = rc;
    r->used += len + 1;
    return text;
  }
  rc = lg_render(r->cat, text, r->locale, NULL, r->base + r->used, r->cap - r->used, &len);
  if (rc != LG_OK || len >= r->cap - r->used) {
    r->status = rc;
    return text;
  }
  text = r->base + r->used;
  r->used += len + 1;
  return text;
}

/* Renders every text of the instrument, filling the session's tables when
 * they exist. */
static void render_all(renderer *r, const lgi_instrument *in, lg_session *s) {
  const char **labels = s ? s->labels : NULL;
  const char **scale = NULL, **yesno = NULL;
  size_t i, j, slot = 0;
  const char *t;
  t = render(r, in->title);
  if (s) s->title = t;
  t = render(r, in->intro);
  if (s) s->intro = t;
  if (in->scale_labels) {
    size_t points = (size_t)(in->scale_max - in->scale_min) + 1;
    if (s) scale = labels + slot;
    for (j = 0; j < points; j++) {
      t = render(r, in->scale_labels[j]);
      if (s) scale[j] = t;
    }
    slot += points;
  }
  if (in->yesno_labels) {
    if (s) yesno = labels + slot;
    for (j = 0; j < 2; j++) {
      t = render(r, in->yesno_labels[j]);
      if (s) yesno[j] = t;
    }
    slot += 2;
  }
  for (i = 0; i < in->item_count; i++) {
    const lgi_item *it = &in->items[i];
    t = render(r, it->text);
    if (!s) {
      if (it->type == LG_ITEM_CHOICE)
        for (j = 0; j < it->option_count; j++) (void)render(r, it->option_labels[j]);
      continue;
    }
    s->items[i].def = it;
    s->items[i].text = t;
    switch (it->type) {
    case LG_ITEM_SCALE:
      s->items[i].labels = scale;
      break;
    case LG_ITEM_YESNO:
      s->items[i].labels = yesno;
      break;
    case LG_ITEM_CHOICE:
      s->items[i].labels = labels + slot;
      for (j = 0; j < it->option_count; j++) labels[slot + j] = render(r, it->option_labels[j]);
      slot += it->option_count;
      break;
    default:
      s->items[i].labels = NULL;
      break;
    }
  }
  for (i = 0; i < in->band_count; i++) {
    t = render(r, in->bands[i].label);
    if (s) s->band_labels[i] = t;
    t = render(r, in->bands[i].summary);
    if (s) s->band_summaries[i] = t;
  }
}

/* Lays out one block with `text` bytes for rendered texts and renders into
 * it; LG_ETRUNC when the texts need more. */
static int try_create(lg_session **out, const lg_catalog *cat, const lgi_instrument *in,
                      size_t text) {
  const lg_allocator *alloc = lgi_catalog_alloc(cat);
  size_t n = in->item_count, off_items, off_answers, off_labels, off_bands, off_answered, off_text,
         size;
  renderer r;
  lg_session *s;
  unsigned char *block;
  /* Bounded by the load limits (500 items, 64 options, 64 bands): no overflow. */
  off_items = align_up(sizeof *s);
  off_answers = align_up(off_items + n * sizeof(lg_item));
  off_labels = align_up(off_answers + n * sizeof(double));
  off_bands = align_up(off_labels + (in->label_slots ? in->label_slots : 1) * sizeof(char *));
  off_answered = align_up(off_bands + 2 * in->band_count * sizeof(char *));
  off_text = off_answered + n;
  size = off_text + text;
  block = lgi_malloc(alloc, size);
  if (!block) return LG_ENOMEM;
  memset(block, 0, off_text);
  s = (lg_session *)(void *)block;
  s->cat = cat;
  s->in = in;
  s->alloc = alloc;
  s->size = size;
  s->items = (lg_item *)(void *)(block + off_items);
  s->answers = (double *)(void *)(block + off_answers);
  s->labels = (const char **)(void *)(block + off_labels);
  s->band_labels = (const char **)(void *)(block + off_bands);
  s->band_summaries = s->band_labels + in->band_count;
  s->answered = block + off_answered;
  memset(&r, 0, sizeof r);
  r.cat = cat;
  r.locale = in->locale;
  r.base = (char *)(block + off_text);
  r.cap = text;
  render_all(&r, in, s);
  if (r.status != LG_OK) {
    lgi_free_wiped(alloc, block, size);
    return r.status;
  }
  *out = s;
  return LG_OK;
}

int lgi_session_create(lg_session **out, const lg_catalog *cat, const lgi_instrument *in) {
  renderer r;
  /* One pass with room to spare (in->render_bound) is the common case;
   * only a grammar with longer words than the bound allows needs measuring. */
  int rc = try_create(out, cat, in, in->render_bound);
  if (rc != LG_ETRUNC) return rc;
  memset(&r, 0, sizeof r);
  r.cat = cat;
  r.locale = in->locale;
  render_all(&r, in, NULL);
  if (r.status != LG_OK) return r.status;
  return try_create(out, cat, in, r.used);
}

size_t lgi_instrument_render_bound(const lgi_instrument *in) {
  renderer r;
  memset(&r, 0, sizeof r);
  r.bound = 1;
  render_all(&r, in, NULL);
  return r.used;
}

int lg_session_new(lg_session **out, const lg_catalog *cat, const char *instrument,
                   const char *locale) {
  const lgi_instrument *in;
  if (!out || !cat || !instrument) return LG_EINVAL;
  in = lgi_catalog_instrument(cat, instrument, locale);
  if (!in) return LG_ENOTFOUND;
  return lgi_session_create(out, cat, in);
}

void lg_session_free(lg_session *s) {
  if (!s) return;
  /* The answers are what is private; the rest is the pack's own words. */
  lgi_wipe(s->answers, s->in->item_count * sizeof *s->answers);
  lgi_wipe(s->answered, s->in->item_count);
  lgi_free(s->alloc, s, s->size);
}

/* ---- skip logic ------------------------------------------------------------ */

int lgi_session_enabled(const lg_session *s, size_t i) {
  const lgi_item *items = s->in->items;
  /* Each item depends on at most one earlier item: follow the chain. */
  while (items[i].has_enable) {
    size_t ref = items[i].enable_item;
    if (!s->answered[ref] || !lgi_cond_holds(&items[i].enable, s->answers[ref])) return 0;
    i = ref;
  }
  return 1;
}

const lg_item *lg_session_next(const lg_session *s) {
  size_t i;
  if (!s) return NULL;
  for (i = 0; i < s->in->item_count; i++)
    if (!s->answered[i] && lgi_session_enabled(s, i)) return &s->items[i];
  return NULL;
}

int lg_session_answer(lg_session *s, const char *item_id, double value) {
  size_t i;
  if (!s || !item_id) return LG_EINVAL;
  i = lgi_instrument_find_item(s->in, item_id);
  if (i == (size_t)-1) return LG_ENOTFOUND;
  if (!lgi_session_enabled(s, i)) return LG_ESTATE;
  if (!lgi_item_accepts(&s->in->items[i], value)) return LG_ERANGE;
  s->answers[i] = value;
  s->answered[i] = 1;
  return LG_OK;
}

int lg_session_clear(lg_session *s, const char *item_id) {
  size_t i;
  if (!s || !item_id) return LG_EINVAL;
  i = lgi_instrument_find_item(s->in, item_id);
  if (i == (size_t)-1) return LG_ENOTFOUND;
  lgi_wipe(&s->answers[i], sizeof s->answers[i]);
  s->answered[i] = 0;
  return LG_OK;
}

int lg_session_progress(const lg_session *s, size_t *answered, size_t *total) {
  size_t i, a = 0, t = 0;
  if (!s || !answered || !total) return LG_EINVAL;
  for (i = 0; i < s->in->item_count; i++) {
    if (!lgi_session_enabled(s, i)) continue;
    t++;
    if (s->answered[i]) a++;
  }
  *answered = a;
  *total = t;
  return LG_OK;
}

int lg_session_value(const lg_session *s, const char *item_id, double *out) {
  size_t i;
  if (!s || !item_id || !out) return LG_EINVAL;
  i = lgi_instrument_find_item(s->in, item_id);
  if (i == (size_t)-1 || !s->answered[i]) return LG_ENOTFOUND;
  *out = s->answers[i];
  return LG_OK;
}

int lg_session_enabled(const lg_session *s, const char *item_id) {
  size_t i;
  if (!s || !item_id) return LG_EINVAL;
  i = lgi_instrument_find_item(s->in, item_id);
  if (i == (size_t)-1) return LG_ENOTFOUND;
  return lgi_session_enabled(s, i);
}

unsigned lg_session_flags(const lg_session *s) {
  size_t i;
  if (!s) return 0;
  for (i = 0; i < s->in->item_count; i++)
    if (s->in->items[i].has_crisis && s->answered[i] &&
        lgi_cond_holds(&s->in->items[i].crisis, s->answers[i]))
      return LG_FLAG_CRISIS;
  return 0;
}

/* ---- accessors ------------------------------------------------------------- */

const char *lg_session_instrument(const lg_session *s) {
  return s ? s->in->id : NULL;
}
const char *lg_session_title(const lg_session *s) {
  return s ? s->title : NULL;
}
const char *lg_session_intro(const lg_session *s) {
  return s ? s->intro : NULL;
}
const char *lg_session_locale(const lg_session *s) {
  return s ? s->in->locale : NULL;
}
size_t lg_session_item_count(const lg_session *s) {
  return s ? s->in->item_count : 0;
}

const lg_item *lg_session_item_at(const lg_session *s, size_t i) {
  return s && i < s->in->item_count ? &s->items[i] : NULL;
}

const lg_item *lg_session_item(const lg_session *s, const char *item_id) {
  size_t i;
  if (!s || !item_id) return NULL;
  i = lgi_instrument_find_item(s->in, item_id);
  return i == (size_t)-1 ? NULL : &s->items[i];
}

const char *lg_item_id(const lg_item *it) {
  return it ? it->def->id : NULL;
}
const char *lg_item_text(const lg_item *it) {
  return it ? it->text : NULL;
}
int lg_item_type(const lg_item *it) {
  return it ? it->def->type : -1;
}
double lg_item_min(const lg_item *it) {
  return it ? it->def->min : 0;
}
double lg_item_max(const lg_item *it) {
  return it ? it->def->max : 0;
}
int lg_item_required(const lg_item *it) {
  return it ? it->def->required : 0;
}
size_t lg_item_option_count(const lg_item *it) {
  return it ? it->def->option_count : 0;
}

const char *lg_item_option_label(const lg_item *it, size_t i) {
  return it && i < it->def->option_count ? it->labels[i] : NULL;
}

double lg_item_option_value(const lg_item *it, size_t i) {
  return it && i < it->def->option_count ? it->def->option_values[i] : 0;
}
