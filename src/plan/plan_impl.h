/*
 * plan_impl.h - the plan engine's internal model, shared by the files of
 * src/plan/ only.
 *
 * A template is validated once, when its pack loads, and then lives
 * read-only in the pack's arena. A plan holds its inputs (preferences, the
 * parts of results it uses, start, seed, check-ins) in allocations of its
 * own, and everything it derives from them (days, tasks, rendered texts) in
 * one arena that a rebuild replaces as a whole: derive the new one beside
 * the old, then swap, so a failure changes nothing.
 */
#ifndef LETGO_SRC_PLAN_IMPL_H
#define LETGO_SRC_PLAN_IMPL_H

#include "assess/assess.h"
#include "catalog/catalog.h"
#include "letgo/plan.h"

/* ---- limits (docs/pack-format-plans.md) -------------------------------- */

#define LGI_PLAN_MAX_PHASES   16
#define LGI_PLAN_MAX_TASKS    64 /* per phase                          */
#define LGI_PLAN_MAX_DAYS     90 /* a phase, and a plan                */
#define LGI_PLAN_MIN_DAYS     28 /* plan_days' lower bound             */
#define LGI_PLAN_DEFAULT_DAYS 42
#define LGI_PLAN_COND_DEPTH   8   /* nesting of any/all/not             */
#define LGI_PLAN_MAX_RESULTS  16  /* instruments a plan keeps results of */
#define LGI_PLAN_MAX_ANSWERS  16  /* answers kept per result            */
#define LGI_PLAN_MAX_TEXT     256 /* bytes of name / partner_name       */

/* ---- preferences ------------------------------------------------------- */

enum {
  LGI_PREF_GRIEF_DAYS,
  LGI_PREF_SUPPORT,
  LGI_PREF_INTERESTS,
  LGI_PREF_REMINDER_TIME,
  LGI_PREF_NAME,
  LGI_PREF_PARTNER_NAME,
  LGI_PREF_PARTNER_PRONOUNS,
  LGI_PREF_REGION,
  LGI_PREF_PLAN_DAYS,
  LGI_PREF_COUNT
};

#define LGI_INTEREST_COUNT 7
extern const char *const lgi_plan_interests[LGI_INTEREST_COUNT];

/* The index of a preference key, or -1. */
int lgi_pref_index(const char *key);
const char *lgi_pref_name(int pref);
/* Checks and normalises a value into out (cap bytes); LG_OK or LG_ERANGE. */
int lgi_pref_normalize(int pref, const char *value, char *out, size_t cap);
/* "HH:MM" to minutes after midnight, or -1. */
int lgi_parse_hhmm(const char *s, size_t n);

/* ---- conditions -------------------------------------------------------- */

enum {
  LGI_PC_BAND,   /* an instrument's band is one of `values`           */
  LGI_PC_SCORE,  /* an instrument's score op value                    */
  LGI_PC_ANSWER, /* an answer to an item op value                     */
  LGI_PC_FLAG,   /* a result flag was seen (crisis)                   */
  LGI_PC_PREF,   /* a preference's (effective) value is one of values */
  LGI_PC_ANY,
  LGI_PC_ALL,
  LGI_PC_NOT
};

typedef struct lgi_pcond lgi_pcond;
struct lgi_pcond {
  int kind;
  const char *instrument; /* band, score, answer                     */
  const char *item;       /* answer                                  */
  int pref;               /* pref: LGI_PREF_*                        */
  const char **values;
  size_t value_count;
  int op; /* LGI_OP_* (assess.h) */
  double value;
  unsigned flag;
  const lgi_pcond *subs;
  size_t sub_count;
};

/* ---- templates --------------------------------------------------------- */

enum { LGI_ON_DAY, LGI_ON_LAST, LGI_ON_EVERY, LGI_ON_DAILY, LGI_ON_WEEKDAYS, LGI_ON_WEEKENDS };

typedef struct lgi_ttask {
  const char *id;
  const char *entry;      /* a fixed entry, or NULL                  */
  const char *pick_kind;  /* pick: the kind, or NULL for any         */
  const char *pick_tag;   /* pick: a fixed tag, or NULL              */
  const char *pick_phase; /* pick: the entries' phase, or NULL      */
  int pick_interests;     /* pick: tags from the interests           */
  const char *title;      /* unrendered; NULL: the entry's title     */
  const char *note;       /* unrendered; NULL: none                  */
  int on;                 /* LGI_ON_*                                */
  int day;                /* LGI_ON_DAY: 1-based; LGI_ON_EVERY: first */
  int every;
  int reminder; /* minutes after midnight; -1: the plan's   */
  const lgi_pcond *cond;
} lgi_ttask;

typedef struct lgi_rule {
  const lgi_pcond *cond;
  int add;
} lgi_rule;

typedef struct lgi_phase {
  const char *id;
  const char *title;   /* unrendered */
  const char *summary; /* unrendered, or NULL */
  int rest;            /* takes the days the others leave          */
  int min, max, def;   /* fixed: all three equal                   */
  int from_pref;       /* LGI_PREF_GRIEF_DAYS, or -1               */
  const lgi_rule *rules;
  size_t rule_count;
  const lgi_pcond *cond;
  const lgi_ttask *tasks;
  size_t task_count;
} lgi_phase;

enum {
  LGI_LABEL_DAY,
  LGI_LABEL_CHECKINS,
  LGI_LABEL_MOOD,
  LGI_LABEL_DONE,
  LGI_LABEL_PHONE,
  LGI_LABEL_SMS,
  LGI_LABEL_WEB,
  LGI_LABEL_COUNT
};

struct lgi_template {
  const char *id;
  const char *title;   /* unrendered */
  const char *summary; /* unrendered, or NULL */
  int reminder;        /* minutes after midnight */
  const char *help;    /* entry ids */
  const char *disclaimer;
  const char *labels[LGI_LABEL_COUNT]; /* entry ids */
  lgi_ttask crisis;                    /* shown first once a crisis flag is seen */
  int has_therapy;                     /* the "adapt" block                        */
  lgi_ttask therapy;                   /* added by low moods after adapt_after     */
  int therapy_every;                   /* days between repeats; 0: once            */
  int adapt_after;                     /* phase index, or -1: from the start     */
  int low_mood;                        /* a check-in at or below this is low       */
  int low_count, low_window;           /* low_count of the last low_window      */
  const lgi_phase *phases;
  size_t phase_count;
};

/* ---- plans ------------------------------------------------------------- */

/* The parts of a result a plan uses. */
typedef struct lgi_presult {
  char instrument[65];
  char band[65];
  double score;
  unsigned flags;
  size_t answer_count;
  char items[LGI_PLAN_MAX_ANSWERS][65];
  double answers[LGI_PLAN_MAX_ANSWERS];
} lgi_presult;

typedef struct lgi_checkin {
  int32_t date; /* days since 1970-01-01 */
  int mood;
  size_t done_count;
  char **done; /* owned, each wiped on free */
} lgi_checkin;

struct lg_task {
  const char *id;
  const char *title; /* rendered */
  const char *body;  /* rendered */
  const char *phase;
  const char *entry; /* or NULL */
  lg_date date;
  int reminder; /* minutes after midnight */
  int crisis;   /* the crisis task */
};

typedef struct lgi_pday {
  size_t first, count; /* into tasks */
  size_t phase;        /* index into the built phases */
} lgi_pday;

typedef struct lgi_bphase {
  const lgi_phase *def;
  const char *title;   /* rendered */
  const char *summary; /* rendered, or NULL */
  size_t start, length;
} lgi_bphase;

/* An entry rendered for exports. */
typedef struct lgi_text {
  const char *id;
  const char *title;
  const char *body;
  const char *contact[3]; /* resources: phone, sms, url (as written), or NULL */
} lgi_text;

/* Everything derived by a build, in one arena. */
typedef struct lgi_built {
  lgi_arena arena;
  size_t day_count;
  lgi_pday *days;
  lg_task *tasks;
  size_t task_count;
  lgi_bphase *phases;
  size_t phase_count;
  const char *title;    /* rendered */
  const char *summary;  /* rendered, or NULL */
  unsigned flags;       /* LG_PLAN_* */
  int32_t therapy_from; /* days since epoch, or INT32_MAX */
  lgi_text help, disclaimer;
  lgi_text *resources;
  size_t resource_count;
  const char *resources_text;          /* every resource's title and body, joined */
  const char *labels[LGI_LABEL_COUNT]; /* rendered titles */
} lgi_built;

struct lg_plan {
  const lg_catalog *cat;
  const lg_allocator *alloc;
  const lgi_template *tpl;
  char locale[36];             /* the requested locale, lowercase */
  char *prefs[LGI_PREF_COUNT]; /* owned, normalised; NULL when unset */
  lgi_presult *results;        /* owned */
  size_t result_count, result_cap;
  int crisis;            /* a crisis flag was seen                  */
  int32_t crisis_from;   /* days since epoch; INT32_MIN: from start */
  lgi_checkin *checkins; /* owned, by date */
  size_t checkin_count, checkin_cap;
  int built;
  int32_t start; /* days since epoch */
  uint64_t seed;
  lgi_built b;
};

/* ---- between the files ------------------------------------------------- */

/* build.c: derives p's days from its inputs and `checkins` into *out. */
int lgi_plan_derive(const lg_plan *p, int32_t start, uint64_t seed, const lgi_checkin *checkins,
                    size_t checkin_count, lgi_built *out);
void lgi_built_free(lgi_built *b);
/* Swaps in a freshly derived `b` (freeing the old). */
void lgi_plan_adopt(lg_plan *p, lgi_built *b);
/* Evaluates a condition against the plan's inputs. */
int lgi_pcond_holds(const lg_plan *p, const lgi_pcond *c);
/* The effective value of support ("talk", "distract", "both") and the
 * interests bitmask, from preferences, else the support result. */
const char *lgi_plan_support(const lg_plan *p);
unsigned lgi_plan_interest_mask(const lg_plan *p);
const lgi_presult *lgi_plan_result(const lg_plan *p, const char *instrument);

/* plan.c: adds or replaces a result summary; rebuilds a built plan. */
int lgi_plan_put_result(lg_plan *p, const lgi_presult *r);

/* checkin.c: frees (wiped) what n check-ins own, not the array. */
void lgi_checkins_free(const lg_allocator *a, lgi_checkin *c, size_t n);
/* Inserts (or replaces, by date) a check-in whose strings it takes over;
 * re-derives a built plan. On failure nothing changed (c is still the caller's). */
int lgi_plan_put_checkin(lg_plan *p, const lgi_checkin *c);
size_t lgi_plan_streak_at(const lg_plan *p, int32_t day);
/* Done and scheduled tasks of built day d. */
void lgi_plan_day_adherence(const lg_plan *p, size_t d, size_t *done, size_t *scheduled);
const lgi_checkin *lgi_plan_checkin_on(const lg_plan *p, int32_t date);
int lgi_checkin_has(const lgi_checkin *c, const char *task_id);

/* Exports. */
int lgi_plan_export_json(const lg_plan *p, lgi_out *o);
int lgi_plan_export_ical(const lg_plan *p, lgi_out *o);
int lgi_plan_export_markdown(const lg_plan *p, lgi_out *o);

/* FNV-1a 64 of n bytes, continuing from h (start: 0xcbf29ce484222325). */
uint64_t lgi_plan_hash64(const char *s, size_t n, uint64_t h);

/* Dates. */
lg_date lgi_plan_date(int32_t days);
void lgi_format_hhmm(int minutes, char out[6]);

#endif /* LETGO_SRC_PLAN_IMPL_H */
