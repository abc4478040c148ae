/*
 * assess.h - the assessment engine's internal model, shared by the files of
 * src/assess/ and read by src/plan/ (which tailors plans to results).
 *
 * An instrument is validated once, when its pack loads, and then lives
 * read-only in the pack's arena: sessions and results only point into it.
 * A session is one allocation (items, answers, rendered texts); a result is
 * one allocation too. Both are wiped before they are freed.
 */
#ifndef LETGO_SRC_ASSESS_H
#define LETGO_SRC_ASSESS_H

#include "catalog/catalog.h"
#include "letgo/assess.h"
#include "letgo/catalog.h"

/* Comparison operators of enable_when and flag. */
enum { LGI_OP_EQ, LGI_OP_NE, LGI_OP_LT, LGI_OP_LE, LGI_OP_GT, LGI_OP_GE };

enum { LGI_SCORE_SUM, LGI_SCORE_MEAN };

/* Limits beyond DESIGN.md's, documented in docs/pack-format-instruments.md. */
#define LGI_MAX_OPTIONS     64     /* choices of one item, points of a scale */
#define LGI_MAX_MAGNITUDE   1e9    /* |value| of any min, max or option      */
#define LGI_MAX_WEIGHT      1000.0 /* weights are 0..1000                    */
#define LGI_FINGERPRINT_LEN 16     /* hex digits                             */

typedef struct lgi_cond {
  int op; /* LGI_OP_* */
  double value;
} lgi_cond;

/* One item as the pack defines it (texts unrendered). */
typedef struct lgi_item {
  const char *id;
  const char *text;
  int type;            /* LG_ITEM_* */
  double min, max;     /* the values an answer may take            */
  size_t option_count; /* scale points, 2 for yes/no, choices; 0 for number */
  const double *option_values;
  const char *const *option_labels; /* unrendered: scale labels, yes/no labels, choices */
  double weight;                    /* 0: unscored */
  int reverse;                      /* scale only: scored as min + max - value */
  int required;
  int subscale; /* index into lgi_instrument.subscales, or -1 */
  int has_enable;
  size_t enable_item; /* index of an earlier item */
  lgi_cond enable;
  int has_crisis; /* flag {"name": "crisis", ...} */
  lgi_cond crisis;
  const char *entry; /* feedback entry id, or NULL */
} lgi_item;

typedef struct lgi_band {
  const char *id;
  double max;
  const char *label;   /* unrendered */
  const char *summary; /* unrendered */
} lgi_band;

struct lgi_instrument {
  const char *id;
  const char *title;  /* unrendered */
  const char *intro;  /* unrendered */
  const char *locale; /* the pack's, lowercase */
  const char *pack_id;
  const char *pack_version;
  int has_scale;
  double scale_min, scale_max;
  size_t item_count;
  const lgi_item *items;
  size_t subscale_count;
  const char *const *subscales; /* ids, in order of first use */
  int method;                   /* LGI_SCORE_* */
  size_t min_answered;          /* 0: every required enabled item is needed */
  size_t band_count;
  const lgi_band *bands;
  double score_min, score_max;     /* the possible range of the score */
  const char *const *scale_labels; /* unrendered; NULL without a scale     */
  const char *const *yesno_labels; /* label.no, label.yes titles; or NULL  */
  size_t label_slots;              /* option labels a session renders */
  size_t render_bound;             /* bytes that hold the rendered texts, usually */
  char fingerprint[LGI_FINGERPRINT_LEN + 1];
};

/* A session's view of an item: its definition and rendered texts. */
struct lg_item {
  const lgi_item *def;
  const char *text;
  const char *const *labels; /* option_count rendered labels */
};

struct lg_session {
  const lg_catalog *cat;
  const lgi_instrument *in;
  const lg_allocator *alloc;
  size_t size;         /* bytes of this one allocation, for the wipe */
  const char *title;   /* rendered */
  const char *intro;   /* rendered */
  lg_item *items;      /* item_count */
  const char **labels; /* label_slots rendered option labels */
  double *answers;     /* item_count; meaningful where answered[i] */
  unsigned char *answered;
  const char **band_labels;    /* band_count rendered labels */
  const char **band_summaries; /* band_count rendered summaries */
};

struct lg_result {
  const lg_catalog *cat;
  const lgi_instrument *in;
  const lg_allocator *alloc;
  size_t size;
  double score;
  unsigned flags;
  size_t band;            /* index into in->bands */
  const char *band_label; /* rendered copies owned by the result */
  const char *band_summary;
  double *subscale_scores; /* in->subscale_count; NaN when none answered */
  size_t feedback_count;
  const char **feedback;  /* entry ids (pack arena), item order */
  double *answers;        /* in->item_count; meaningful where counted[i] */
  unsigned char *counted; /* answered and enabled when scored */
};

/* ---- instrument.c / instrument_check.c ---------------------------------- */

/* 1 when `value` is one the item's answer may take. */
int lgi_item_accepts(const lgi_item *it, double value);
/* 1 when some value the item may take satisfies `c`. */
int lgi_item_can_satisfy(const lgi_item *it, const lgi_cond *c);
int lgi_cond_holds(const lgi_cond *c, double value);
const char *lgi_op_name(int op);

/* Fills in->score_min/max and checks the bands against them. */
int lgi_instrument_check_bands(lgi_load *ld, const lgi_json *node, lgi_path *path,
                               lgi_instrument *in);
/* FNV-1a 64 over the canonical structure; fills in->fingerprint. */
void lgi_instrument_fingerprint(lgi_instrument *in);

/* ---- session.c ---------------------------------------------------------- */

/* 1 when item i is enabled by the current answers. */
int lgi_session_enabled(const lg_session *s, size_t i);
/* Index of the item with this id, or (size_t)-1. */
size_t lgi_instrument_find_item(const lgi_instrument *in, const char *id);

/* Room for an instrument's rendered texts in all but odd grammars. */
size_t lgi_instrument_render_bound(const lgi_instrument *in);
/* A new session for a resolved instrument (shared by new and restore). */
int lgi_session_create(lg_session **out, const lg_catalog *cat, const lgi_instrument *in);

#endif /* LETGO_SRC_ASSESS_H */
