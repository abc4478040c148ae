/*
 * plan.h - the coping plan: a dated, day-by-day way through letting go.
 *
 * A plan is made from a template in the catalogue, tailored by preferences
 * (lg_plan_set) and assessment results (lg_plan_use_result), built for a
 * start date and a seed, adapted by daily check-ins and exported as JSON,
 * iCalendar or Markdown. The library never reads the clock: callers pass
 * dates. The same inputs give byte-identical output on every platform.
 *
 * A plan belongs to one thread at a time; its catalogue must outlive it.
 */
#include "letgo.h"

#ifndef LETGO_PLAN_H
#define LETGO_PLAN_H

#ifdef __cplusplus
extern "C" {
#endif

/** A civil date, no time zone. Valid years: 1900-2399. */
typedef struct lg_date {
  int year;  /**< 1900-2399 */
  int month; /**< 1-12 */
  int day;   /**< 1-31, as the month allows */
} lg_date;

typedef struct lg_plan lg_plan;
typedef struct lg_task lg_task;

/** Export formats. */
enum { LG_FORMAT_JSON, LG_FORMAT_ICALENDAR, LG_FORMAT_MARKDOWN };

/**
 * Starts a plan from a template.
 *
 * @param out          receives the plan on LG_OK
 * @param cat          the catalogue; must outlive the plan
 * @param template_id  e.g. "let-go"
 * @param locale       a BCP 47 tag (with fallback), or NULL for the default
 * @return LG_OK, LG_EINVAL, LG_ENOTFOUND or LG_ENOMEM
 */
LG_API int lg_plan_new(lg_plan **out, const lg_catalog *cat, const char *template_id,
                       const char *locale);

/** Frees a plan, wiping preferences, results and check-ins first. NULL is fine. */
LG_API void lg_plan_free(lg_plan *p);

/**
 * Sets a preference (keys and values: docs/plan.md): grief_days, support,
 * interests, reminder_time, name, partner_name, partner_pronouns, region,
 * plan_days. NULL or "" clears it. Takes effect at the next lg_plan_build.
 * The value is copied (and wiped when the plan is freed).
 *
 * @return LG_OK, LG_EINVAL, LG_ENOTFOUND (unknown key), LG_ERANGE (bad value) or LG_ENOMEM
 */
LG_API int lg_plan_set(lg_plan *p, const char *key, const char *value);

/**
 * Tailors the plan to an assessment result (copied; `r` may be freed after).
 * A later result of the same instrument replaces the earlier one, except
 * that a crisis flag, once seen, stays. The plan keeps only the parts it
 * reads (band, score, flags, a few answers). On a built plan the days are
 * rebuilt at once (same start and seed); a crisis flag seen then puts the
 * crisis resources first from the day after the latest check-in.
 *
 * @return LG_OK, LG_EINVAL, LG_ELIMIT (results of more than 16 instruments)
 *         or LG_ENOMEM (nothing changed)
 */
LG_API int lg_plan_use_result(lg_plan *p, const lg_result *r);

/**
 * Builds (or rebuilds) the plan from `start`. Deterministic: the same
 * catalogue, preferences, results, start and seed give the same plan.
 * Check-ins already recorded are kept when their dates fall in the plan.
 *
 * @return LG_OK, LG_EINVAL, LG_ERANGE (invalid date) or LG_ENOMEM
 */
LG_API int lg_plan_build(lg_plan *p, lg_date start, uint64_t seed);

/** The number of days of the built plan (0 before lg_plan_build). */
LG_API size_t lg_plan_day_count(const lg_plan *p);

/** The number of tasks on a day (day 0 = start); 0 when out of range. */
LG_API size_t lg_plan_task_count(const lg_plan *p, size_t day);

/**
 * The i-th task of a day; NULL when out of range. Borrowed until the next
 * lg_plan_build, lg_plan_checkin or lg_plan_use_result (each may rebuild
 * the days) or lg_plan_free.
 */
LG_API const lg_task *lg_plan_task(const lg_plan *p, size_t day, size_t i);

/**
 * Records a day's check-in: mood 0..10 and the ids of the tasks done that
 * day. A second check-in for the same date replaces the first. Low moods
 * after the grief window may add the therapy recommendation to later days
 * (docs/plan.md), so the days are rebuilt; on failure nothing changed.
 *
 * @param done  NULL or a NULL-terminated list of task ids
 * @return LG_OK, LG_EINVAL, LG_ESTATE (not built), LG_ERANGE (date outside
 *         the plan, mood outside 0..10), LG_ENOTFOUND (a task id not on that day) or LG_ENOMEM
 */
LG_API int lg_plan_checkin(lg_plan *p, lg_date date, int mood, const char *const *done);

/**
 * Exports the plan: LG_FORMAT_JSON (docs/plan-json.md), LG_FORMAT_ICALENDAR
 * (RFC 5545) or LG_FORMAT_MARKDOWN.
 *
 * @param buf, cap, len  the output convention (see letgo.h)
 * @return LG_OK, LG_ETRUNC, LG_EINVAL or LG_ESTATE (not built)
 */
LG_API int lg_plan_export(const lg_plan *p, int format, char *buf, size_t cap, size_t *len);

/**
 * Saves what is needed to rebuild the same plan, plus the check-ins, as
 * "letgo-plan/1" JSON.
 *
 * @return LG_OK, LG_ETRUNC, LG_EINVAL or LG_ESTATE (not built)
 */
LG_API int lg_plan_save(const lg_plan *p, char *buf, size_t cap, size_t *len);

/**
 * Restores a saved plan and rebuilds it.
 *
 * @param err  where to describe a failure, or NULL
 * @return LG_OK, LG_EINVAL, LG_ESYNTAX, LG_ESCHEMA, LG_EVERSION, LG_ELIMIT,
 *         LG_ENOTFOUND (template gone) or LG_ENOMEM
 */
LG_API int lg_plan_restore(lg_plan **out, const lg_catalog *cat, const char *state, size_t len,
                           lg_error *err);

/* Task accessors: borrowed, valid until the plan's next build or free. */

/** The task id (unique within its day). */
LG_API const char *lg_task_id(const lg_task *t);
/** The task's title, rendered with the plan's persona. */
LG_API const char *lg_task_title(const lg_task *t);
/** The task's body, rendered with the plan's persona. */
LG_API const char *lg_task_body(const lg_task *t);
/** The id of the phase the task belongs to. */
LG_API const char *lg_task_phase(const lg_task *t);
/** The task's date; {0, 0, 0} for NULL. */
LG_API lg_date lg_task_date(const lg_task *t);

/* ---- additions: the built plan, adherence, adaptation ------------------- */

/** Plan flags (lg_plan_flags). */
enum {
  LG_PLAN_CRISIS = 1u << 0, /**< a crisis flag was seen: crisis resources come first */
  LG_PLAN_THERAPY = 1u << 1 /**< low moods after the grief window added therapy      */
};

/**
 * The plan's flags after the last build or check-in: LG_PLAN_* bits.
 * 0 for NULL or before lg_plan_build.
 */
LG_API unsigned lg_plan_flags(const lg_plan *p);

/** The template's title, rendered; borrowed until the next build or free. NULL before building. */
LG_API const char *lg_plan_title(const lg_plan *p);

/**
 * The date of a day of the built plan (day 0 = the start).
 * @return the date, or {0, 0, 0} when p is NULL, not built or day is out of range
 */
LG_API lg_date lg_plan_day_date(const lg_plan *p, size_t day);

/** The number of phases of the built plan (phases whose condition failed are left out). */
LG_API size_t lg_plan_phase_count(const lg_plan *p);
/** The id of phase i ("grieve"), borrowed; NULL when out of range. */
LG_API const char *lg_plan_phase_id(const lg_plan *p, size_t i);
/** The title of phase i, rendered, borrowed until the next build; NULL when out of range. */
LG_API const char *lg_plan_phase_title(const lg_plan *p, size_t i);
/** The first day (0-based) of phase i; 0 when out of range. */
LG_API size_t lg_plan_phase_start(const lg_plan *p, size_t i);
/** The number of days of phase i; 0 when out of range. */
LG_API size_t lg_plan_phase_length(const lg_plan *p, size_t i);

/**
 * Adherence of one day: how many of its tasks are marked done by that
 * day's check-in, and how many it has. scheduled == 0 means nothing was
 * scheduled; done == 0 with scheduled > 0 means nothing was done.
 *
 * @param done, scheduled  receive the counts (either may be NULL)
 * @return LG_OK, LG_EINVAL, LG_ESTATE (not built) or LG_ERANGE (no such day)
 */
LG_API int lg_plan_adherence(const lg_plan *p, size_t day, size_t *done, size_t *scheduled);

/**
 * Adherence of phase i (the sum over its days), as lg_plan_adherence.
 * @return LG_OK, LG_EINVAL, LG_ESTATE (not built) or LG_ERANGE (no such phase)
 */
LG_API int lg_plan_phase_adherence(const lg_plan *p, size_t i, size_t *done, size_t *scheduled);

/**
 * Adherence of the whole plan (every day, including those still to come).
 * @return LG_OK, LG_EINVAL or LG_ESTATE (not built)
 */
LG_API int lg_plan_overall_adherence(const lg_plan *p, size_t *done, size_t *scheduled);

/**
 * The current streak: the number of consecutive plan days, ending at
 * `today` (or at the day before when today has no check-in yet), that have
 * a check-in with at least one task done, or with nothing scheduled.
 *
 * @param out  receives the streak (0 when `today` is before the plan)
 * @return LG_OK, LG_EINVAL, LG_ESTATE (not built) or LG_ERANGE (invalid date)
 */
LG_API int lg_plan_streak(const lg_plan *p, lg_date today, size_t *out);

/** The number of check-ins recorded (those dated inside the built plan). */
LG_API size_t lg_plan_checkin_count(const lg_plan *p);

/**
 * The i-th check-in, in date order.
 *
 * @param date, mood, done_count  receive its date, mood and number of done task ids (each may be
 * NULL)
 * @return LG_OK, LG_EINVAL or LG_ERANGE (i out of range)
 */
LG_API int lg_plan_checkin_at(const lg_plan *p, size_t i, lg_date *date, int *mood,
                              size_t *done_count);

/** The id of the entry a task presents (a pick's drawn entry), or NULL for a note-only task. */
LG_API const char *lg_task_entry(const lg_task *t);

/** The task's reminder, in minutes after midnight (e.g. 1200 for 20:00); -1 for NULL. */
LG_API int lg_task_reminder(const lg_task *t);

#ifdef __cplusplus
}
#endif

#endif /* LETGO_PLAN_H */
