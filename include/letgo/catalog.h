/*
 * catalog.h - the content catalogue: packs, entries, search, rendering.
 *
 * A catalogue holds every text a person reads. It is filled from content
 * packs (letgo-pack/1 JSON, see docs/pack-format.md); the built-in packs are
 * compiled into the library. Once loading is done a catalogue is read-only:
 * any number of threads may look up, search, render and create sessions and
 * plans from it at once. It must outlive everything made from it.
 */
#include "letgo.h"

#ifndef LETGO_CATALOG_H
#define LETGO_CATALOG_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lg_catalog lg_catalog;
typedef struct lg_entry lg_entry;

/** A search hit: a borrowed entry and its BM25 score (0 for filter-only queries). */
typedef struct lg_hit {
  const lg_entry *entry; /**< the matching entry, borrowed from the catalogue */
  double score;          /**< its BM25 score; higher is better; 0 when unranked */
} lg_hit;

#define LG_CATALOG_EMPTY 1u /**< start without the built-in packs */

/** lg_catalog_search_ex flags. */
#define LG_SEARCH_OR 1u /**< free words match when any occurs (default: all) */

/**
 * Creates a catalogue and, unless LG_CATALOG_EMPTY is given, loads the
 * built-in packs into it.
 *
 * @param out    receives the catalogue on LG_OK; untouched otherwise
 * @param alloc  the allocator for everything the catalogue and the objects
 *               made from it allocate; copied; NULL uses libc
 * @param flags  0 or LG_CATALOG_EMPTY
 * @return LG_OK, LG_EINVAL (NULL out, unknown flag, half-set allocator) or
 *         LG_ENOMEM. (A built-in pack that fails validation would return its
 *         status; the library's tests guarantee that never happens.)
 *
 * Ownership: free the catalogue with lg_catalog_free.
 * Thread-safety: safe from any thread.
 */
LG_API int lg_catalog_new(lg_catalog **out, const lg_allocator *alloc, unsigned flags);

/**
 * Frees a catalogue and everything it holds. NULL is fine.
 *
 * Every session and plan made from it must be freed first.
 * Thread-safety: no other call may use `cat` meanwhile.
 */
LG_API void lg_catalog_free(lg_catalog *cat);

/**
 * Loads a content pack from memory into the catalogue.
 *
 * The pack is validated completely before anything changes: on failure the
 * catalogue is exactly as it was. Entries, instruments and plan templates
 * with the same id and locale as earlier ones replace them.
 *
 * @param cat   the catalogue; not shared with other threads during the call
 * @param json  the pack, UTF-8, need not be NUL-terminated
 * @param len   its length in bytes
 * @param err   where to describe a failure, or NULL
 * @return LG_OK, LG_EINVAL, LG_ESYNTAX, LG_ESCHEMA, LG_EVERSION, LG_ELIMIT or LG_ENOMEM
 *
 * Ownership: the library copies what it keeps; `json` may be freed after.
 * Thread-safety: no other call may use `cat` meanwhile.
 */
LG_API int lg_catalog_load(lg_catalog *cat, const char *json, size_t len, lg_error *err);

/**
 * Loads a content pack from a file: the one place the library reads a file.
 *
 * @param cat   the catalogue; not shared with other threads during the call
 * @param path  the file's path, as the C library's fopen takes it
 * @param err   where to describe a failure, or NULL
 * @return as lg_catalog_load, plus LG_EIO when the file cannot be read
 * Thread-safety: no other call may use `cat` meanwhile.
 */
LG_API int lg_catalog_load_file(lg_catalog *cat, const char *path, lg_error *err);

/**
 * Finds an entry by id, with locale fallback: the requested BCP 47 tag, its
 * parents ("es-MX" then "es"), then the catalogue's default ("en").
 * Tags match case-insensitively.
 *
 * @param cat     the catalogue
 * @param id      the entry id
 * @param locale  a BCP 47 tag, or NULL for the default
 * @return a borrowed entry valid while `cat` lives, or NULL when there is none
 *         (or an argument is NULL).
 * Thread-safety: safe from any thread once loading is done.
 */
LG_API const lg_entry *lg_catalog_entry(const lg_catalog *cat, const char *id, const char *locale);

/**
 * Searches the catalogue (see DESIGN.md for the query language: free words
 * ANDed, OR between words, "quoted phrases", kind:, tag:, phase: filters).
 * Free words are ranked by BM25 over title and body (title weight 2); a query
 * with filters only lists matches in catalogue order. Only entries of the
 * resolved locale are searched (one per id, after fallback).
 *
 * @param cat     the catalogue
 * @param query   the query, UTF-8
 * @param locale  a BCP 47 tag, or NULL for the default
 * @param hits    receives up to `max` hits, best first; may be NULL when max is 0
 * @param max     capacity of `hits`
 * @param total   receives the number of all matches; may be NULL
 * @return LG_OK (also for a query with no words and no filters: no hits,
 *         *total 0), LG_EINVAL, LG_ESYNTAX (bad query: an unterminated quote,
 *         a filter without a value; an unknown "word:" prefix is plain text)
 *         or LG_ENOMEM. On failure neither hits nor *total is written.
 *         See docs/search.md.
 * Thread-safety: safe from any thread once loading is done.
 */
LG_API int lg_catalog_search(const lg_catalog *cat, const char *query, const char *locale,
                             lg_hit *hits, size_t max, size_t *total);

/**
 * lg_catalog_search with options: the title's weight in BM25 (> 0; 1 gives
 * SQLite FTS5's bm25() exactly) and flags (0 or LG_SEARCH_OR).
 *
 * @return as lg_catalog_search, plus LG_ERANGE for a weight that is not > 0
 * Thread-safety: safe from any thread once loading is done.
 */
LG_API int lg_catalog_search_ex(const lg_catalog *cat, const char *query, const char *locale,
                                double title_weight, unsigned flags, lg_hit *hits, size_t max,
                                size_t *total);

/**
 * Number of entries the catalogue holds, counting each id once per locale.
 * 0 for NULL. Thread-safety: safe from any thread once loading is done.
 */
LG_API size_t lg_catalog_entry_count(const lg_catalog *cat);

/**
 * The i-th entry in catalogue order (load order; an override keeps the place
 * of the entry it replaced).
 *
 * @return a borrowed entry, or NULL when i is out of range or cat is NULL.
 * Thread-safety: safe from any thread once loading is done.
 */
LG_API const lg_entry *lg_catalog_entry_at(const lg_catalog *cat, size_t i);

/** Number of distinct instrument ids in the catalogue (0 for NULL). */
LG_API size_t lg_catalog_instrument_count(const lg_catalog *cat);

/** The i-th distinct instrument id, in load order; NULL when out of range. Borrowed. */
LG_API const char *lg_catalog_instrument_id(const lg_catalog *cat, size_t i);

/** Number of distinct plan template ids in the catalogue (0 for NULL). */
LG_API size_t lg_catalog_template_count(const lg_catalog *cat);

/** The i-th distinct plan template id, in load order; NULL when out of range. Borrowed. */
LG_API const char *lg_catalog_template_id(const lg_catalog *cat, size_t i);

/* Entry accessors: all return borrowed strings valid while the catalogue
 * lives, and NULL (0 for counts) for a NULL entry. */

/** The entry's id. */
LG_API const char *lg_entry_id(const lg_entry *e);
/** The entry's kind: article, section, sign, tip, strategy, prompt, ritual,
 *  affirmation, exercise, resource, disclaimer or label. */
LG_API const char *lg_entry_kind(const lg_entry *e);
/** The entry's title, unrendered (placeholders as written). */
LG_API const char *lg_entry_title(const lg_entry *e);
/** The entry's body, unrendered (placeholders as written). */
LG_API const char *lg_entry_body(const lg_entry *e);
/** The locale of the pack the entry came from, lowercase (e.g. "es"). */
LG_API const char *lg_entry_locale(const lg_entry *e);
/** The number of tags. */
LG_API size_t lg_entry_tag_count(const lg_entry *e);
/** The i-th tag, or NULL when i is out of range. */
LG_API const char *lg_entry_tag(const lg_entry *e, size_t i);
/** The entry's phase, or NULL when it has none. */
LG_API const char *lg_entry_phase(const lg_entry *e);
/** The number of regions (ISO 3166-1 alpha-2, uppercase) a resource serves. */
LG_API size_t lg_entry_region_count(const lg_entry *e);
/** The i-th region, or NULL when i is out of range. */
LG_API const char *lg_entry_region(const lg_entry *e, size_t i);
/** A contact field of a resource: field is "phone", "sms" or "url"; NULL when absent. */
LG_API const char *lg_entry_contact(const lg_entry *e, const char *field);
/** Where a resource's details come from, or NULL. */
LG_API const char *lg_entry_source(const lg_entry *e);
/** The date (YYYY-MM-DD) a resource's details were last checked, or NULL. */
LG_API const char *lg_entry_checked(const lg_entry *e);

/**
 * Renders a text: fills {name}, {partner} and the partner's pronoun forms.
 *
 * `vars` is NULL or a NULL-terminated list of key, value pairs. Keys:
 * "name", "partner_name", "partner_pronouns" (they | he | she; default they).
 * Without a partner name, {partner} is the locale's neutral form ("your
 * partner" / "tu pareja"). Values are inserted literally, never expanded again.
 * See docs/pack-format.md for the placeholder list.
 *
 * @param cat     the catalogue (for the locale's grammar)
 * @param text    the text to render, UTF-8
 * @param locale  a BCP 47 tag, or NULL for the default
 * @param vars    NULL or key, value, ..., NULL
 * @param buf, cap, len  the output convention (see letgo.h)
 * @return LG_OK, LG_ETRUNC, LG_EINVAL (NULL text or len, unknown key, bad
 *         pronoun set), LG_ESYNTAX (an unknown or unterminated placeholder)
 * Thread-safety: safe from any thread once loading is done.
 */
LG_API int lg_render(const lg_catalog *cat, const char *text, const char *locale,
                     const char *const *vars, char *buf, size_t cap, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* LETGO_CATALOG_H */
