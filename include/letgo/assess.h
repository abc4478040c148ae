/*
 * assess.h - self-report questionnaires: sessions, answers, scoring, results.
 *
 * Instruments are data in content packs. A session walks one instrument in
 * one locale, follows its skip logic (enable_when), checks every answer,
 * scores into bands and can be saved and resumed. Answers and results are
 * sensitive: freeing a session or result overwrites them first.
 *
 * A session or result belongs to one thread at a time; its catalogue must
 * outlive it. Borrowed pointers (items, strings) live as long as their owner.
 */
#include "letgo.h"

#ifndef LETGO_ASSESS_H
#define LETGO_ASSESS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lg_session lg_session;
typedef struct lg_item lg_item;
typedef struct lg_result lg_result;

/** Item types. */
enum { LG_ITEM_SCALE, LG_ITEM_YESNO, LG_ITEM_CHOICE, LG_ITEM_NUMBER };

/**
 * Result flags.
 *
 * LG_FLAG_CRISIS: an item flagged "crisis" (the check-in's safety question)
 * was answered in a way that raises it. Show the crisis resources and a
 * warm message to reach out now, before anything else.
 * LG_FLAG_PRORATED: required items were missing; the score was estimated
 * from the answered ones (docs/result-json.md gives the formula).
 * LG_FLAG_PARTIAL: fewer answers than the instrument needs, scored anyway
 * because the crisis flag is raised: the score and band are indicative only.
 */
enum { LG_FLAG_CRISIS = 1u << 0, LG_FLAG_PRORATED = 1u << 1, LG_FLAG_PARTIAL = 1u << 2 };

/**
 * Starts a session of an instrument.
 *
 * @param out         receives the session on LG_OK
 * @param cat         the catalogue; must outlive the session
 * @param instrument  the instrument id, e.g. "one-sided"
 * @param locale      a BCP 47 tag (with fallback), or NULL for the default
 * @return LG_OK, LG_EINVAL, LG_ENOTFOUND or LG_ENOMEM
 * Thread-safety: the catalogue may be shared; the session is the caller's.
 */
LG_API int lg_session_new(lg_session **out, const lg_catalog *cat, const char *instrument,
                          const char *locale);

/** Frees a session, wiping its answers first. NULL is fine. */
LG_API void lg_session_free(lg_session *s);

/**
 * The next enabled, unanswered item in instrument order.
 *
 * @return a borrowed item valid while the session lives, or NULL when every
 *         enabled item is answered (or s is NULL).
 */
LG_API const lg_item *lg_session_next(const lg_session *s);

/**
 * Answers an item. The value must suit the item: within its range, an
 * integer for scale, yes/no and number items, one of the option values for
 * choice items, and finite.
 *
 * @return LG_OK, LG_EINVAL, LG_ENOTFOUND (no such item), LG_ESTATE (the item
 *         is disabled by an earlier answer) or LG_ERANGE (bad value; nothing changed)
 */
LG_API int lg_session_answer(lg_session *s, const char *item_id, double value);

/**
 * Removes the answer to an item (clearing an unanswered item is fine).
 *
 * @return LG_OK, LG_EINVAL or LG_ENOTFOUND
 */
LG_API int lg_session_clear(lg_session *s, const char *item_id);

/**
 * Scores the session. Needs every required enabled item answered, or at
 * least the instrument's min_answered (then the sum is prorated and
 * LG_FLAG_PRORATED is set).
 *
 * @param out  receives a new result on LG_OK; free it with lg_result_free
 * @return LG_OK, LG_EINVAL, LG_ESTATE (too few answers) or LG_ENOMEM
 */
LG_API int lg_session_score(const lg_session *s, lg_result **out);

/**
 * Saves the session as "letgo-session/1" JSON: the instrument, a fingerprint
 * of its definition, the pack version and the answers.
 *
 * @param buf, cap, len  the output convention (see letgo.h)
 * @return LG_OK, LG_ETRUNC or LG_EINVAL
 */
LG_API int lg_session_save(const lg_session *s, char *buf, size_t cap, size_t *len);

/**
 * Restores a saved session. Everything is checked: the format, the
 * instrument, its fingerprint, every item and value.
 *
 * @param out    receives the session on LG_OK
 * @param cat    the catalogue; must outlive the session
 * @param state  the saved JSON, need not be NUL-terminated
 * @param len    its length in bytes
 * @param err    where to describe a failure, or NULL
 * @return LG_OK, LG_EINVAL, LG_ESYNTAX, LG_ESCHEMA, LG_EVERSION, LG_ELIMIT or LG_ENOMEM
 */
LG_API int lg_session_restore(lg_session **out, const lg_catalog *cat, const char *state,
                              size_t len, lg_error *err);

/* ---- more about a session ------------------------------------------------ */

/**
 * Counts the enabled items and how many of them are answered, for "3 of 9"
 * displays. Both change as answers enable or disable later items.
 *
 * @return LG_OK or LG_EINVAL (a NULL argument)
 */
LG_API int lg_session_progress(const lg_session *s, size_t *answered, size_t *total);

/** The instrument id, e.g. "one-sided"; NULL for NULL. Borrowed. */
LG_API const char *lg_session_instrument(const lg_session *s);
/** The instrument's title, rendered for the session's locale. Borrowed. */
LG_API const char *lg_session_title(const lg_session *s);
/** The instrument's introduction (says what it is and is not). Borrowed. */
LG_API const char *lg_session_intro(const lg_session *s);
/** The locale the instrument was found in after fallback, e.g. "es" for "es-MX". */
LG_API const char *lg_session_locale(const lg_session *s);
/** The number of items, enabled or not; 0 for NULL. */
LG_API size_t lg_session_item_count(const lg_session *s);
/** The i-th item in instrument order, or NULL when out of range. Borrowed. */
LG_API const lg_item *lg_session_item_at(const lg_session *s, size_t i);
/** The item with this id, or NULL. Borrowed. */
LG_API const lg_item *lg_session_item(const lg_session *s, const char *item_id);

/**
 * The current answer to an item (also when the item is disabled and the
 * answer is kept for when it is enabled again).
 *
 * @return LG_OK, LG_EINVAL or LG_ENOTFOUND (no such item, or unanswered)
 */
LG_API int lg_session_value(const lg_session *s, const char *item_id, double *out);

/**
 * Whether an item is enabled by the current answers (its enable_when holds).
 *
 * @return 1 (enabled), 0 (disabled), LG_EINVAL or LG_ENOTFOUND
 */
LG_API int lg_session_enabled(const lg_session *s, const char *item_id);

/**
 * The flags the answers raise so far: LG_FLAG_CRISIS as soon as a crisis
 * item is answered that way, so an app can offer help at once, before
 * scoring. 0 for NULL.
 */
LG_API unsigned lg_session_flags(const lg_session *s);

/* Item accessors: borrowed strings valid while the session lives; NULL or 0
 * for a NULL item. Texts are rendered for the session's locale. */

/** The item's id. */
LG_API const char *lg_item_id(const lg_item *it);
/** The item's question text. */
LG_API const char *lg_item_text(const lg_item *it);
/** LG_ITEM_SCALE, LG_ITEM_YESNO, LG_ITEM_CHOICE or LG_ITEM_NUMBER; -1 for NULL. */
LG_API int lg_item_type(const lg_item *it);
/** The smallest value the item takes. */
LG_API double lg_item_min(const lg_item *it);
/** The largest value the item takes. */
LG_API double lg_item_max(const lg_item *it);
/** 1 when the item must be answered for a full score (default), else 0. */
LG_API int lg_item_required(const lg_item *it);
/** The number of labelled options: scale points, yes/no, or choices (0 for number items). */
LG_API size_t lg_item_option_count(const lg_item *it);
/** The i-th option's label, or NULL when out of range. */
LG_API const char *lg_item_option_label(const lg_item *it, size_t i);
/** The i-th option's value (0 when out of range). */
LG_API double lg_item_option_value(const lg_item *it, size_t i);

/* Result accessors. */

/** Frees a result, wiping it first. NULL is fine. */
LG_API void lg_result_free(lg_result *r);
/** The total score: a sum, or a mean; mean and prorated scores are rounded
 *  to 2 decimals (half away from zero). 0 for NULL. */
LG_API double lg_result_score(const lg_result *r);
/** The band id, e.g. "one-sided". Borrowed. */
LG_API const char *lg_result_band(const lg_result *r);
/** The band's label in the session's locale. Borrowed. */
LG_API const char *lg_result_band_label(const lg_result *r);
/** LG_FLAG_* bits. */
LG_API unsigned lg_result_flags(const lg_result *r);

/** The band's summary in the session's locale. Borrowed. */
LG_API const char *lg_result_band_summary(const lg_result *r);
/** The instrument id. Borrowed. */
LG_API const char *lg_result_instrument(const lg_result *r);
/** The locale of the instrument that was answered, e.g. "es". Borrowed. */
LG_API const char *lg_result_locale(const lg_result *r);
/** The version of the pack the instrument came from. Borrowed. */
LG_API const char *lg_result_pack_version(const lg_result *r);
/** The number of subscales (in order of their first item). */
LG_API size_t lg_result_subscale_count(const lg_result *r);
/** The i-th subscale's id, or NULL when out of range. Borrowed. */
LG_API const char *lg_result_subscale_id(const lg_result *r, size_t i);
/** The i-th subscale's score (scored like the total); NaN when none of its
 * items was answered or i is out of range. */
LG_API double lg_result_subscale_score(const lg_result *r, size_t i);
/** The number of feedback entries: those of endorsed items (answered in the
 * upper half of their range, after reverse-scoring), in item order. */
LG_API size_t lg_result_feedback_count(const lg_result *r);
/** The i-th feedback entry id (look it up with lg_catalog_entry), or NULL. */
LG_API const char *lg_result_feedback(const lg_result *r, size_t i);

/**
 * The answer an item had when the session was scored (only enabled,
 * answered items count), e.g. for the plan generator to read preferences.
 *
 * @return LG_OK, LG_EINVAL or LG_ENOTFOUND (no such item, or it did not count)
 */
LG_API int lg_result_answer(const lg_result *r, const char *item_id, double *out);

/**
 * Writes the result as "letgo-result/1" JSON (schema: docs/result-json.md),
 * listing the crisis resources for every region. Every result carries them,
 * whatever the score.
 *
 * @param buf, cap, len  the output convention (see letgo.h)
 * @return LG_OK, LG_ETRUNC, LG_EINVAL or LG_ENOMEM
 * Thread-safety: reads the catalogue; needs the result for itself.
 */
LG_API int lg_result_json(const lg_result *r, char *buf, size_t cap, size_t *len);

/**
 * Like lg_result_json, but "resources" lists only one region's crisis
 * resources (those for the region, then those for everywhere).
 *
 * @param region  ISO 3166-1 alpha-2, any case, e.g. "ES"
 * @return LG_OK, LG_ETRUNC, LG_EINVAL (also for a malformed region) or LG_ENOMEM
 */
LG_API int lg_result_json_region(const lg_result *r, const char *region, char *buf, size_t cap,
                                 size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* LETGO_ASSESS_H */
