/*
 * catalog.h - the catalogue's internal interface for the modules above it
 * (assess/, plan/).
 *
 * The pack loader owns the JSON tree and the pack's arena. It validates the
 * top level and the entries itself, then hands each element of
 * "instruments" and "plans" to a section loader that the module above
 * implements (dependency inversion: the interface is declared here, so the
 * arrows between modules still point down). A section loader allocates only
 * in the pack's arena (lgi_load_arena), so a failed load is undone by
 * dropping that arena; it reports problems through lgi_load_fail.
 *
 * Load order inside a pack: entries, then instruments, then plans, so a
 * section can look up what came before it, in this pack or an earlier one.
 *
 * The JSON tree lives only while the pack loads (it is freed before the
 * load returns, whatever the outcome): keep nothing that points into it;
 * copy strings with lgi_load_string or into lgi_load_arena. Each element of
 * "instruments" and "plans" is checked to be an object before its loader
 * is called, and the whole pack has been checked for repeated keys and
 * \u0000 already (lgi_load_check_keys still reports unknown members).
 * A loader that returns LG_OK must set *out. The catalogue rejects a
 * second element with the same id in one pack, and lets one replace an
 * earlier pack's element with the same id and locale.
 */
#ifndef LETGO_SRC_CATALOG_H
#define LETGO_SRC_CATALOG_H

#include "core/core.h"

typedef struct lgi_instrument lgi_instrument; /* defined by src/assess/ */
typedef struct lgi_template lgi_template;     /* defined by src/plan/   */
typedef struct lgi_load lgi_load;             /* a pack being loaded    */

/* ---- what a section loader may use while a pack loads ------------------ */

lgi_arena *lgi_load_arena(lgi_load *ld);
const lg_allocator *lgi_load_alloc(const lgi_load *ld);
const lg_catalog *lgi_load_catalog(const lgi_load *ld);
const char *lgi_load_locale(const lgi_load *ld); /* the pack's, lowercase */
const char *lgi_load_pack_id(const lgi_load *ld);
const char *lgi_load_pack_version(const lgi_load *ld);

/* An entry by id: this pack's first, then the catalogue's (pack locale with
 * fallback). NULL when none. */
const lg_entry *lgi_load_find_entry(const lgi_load *ld, const char *id);
/* An instrument by id: this pack's first, then the catalogue's. */
const lgi_instrument *lgi_load_find_instrument(const lgi_load *ld, const char *id);

/*
 * Records a validation failure at `node` (line, column, offset) and `path`,
 * with the message "<path>: <parts...>" (NULL-ended list of strings).
 * Returns `status` (usually LG_ESCHEMA), for `return lgi_load_fail(...)`.
 */
int lgi_load_fail(lgi_load *ld, int status, const lgi_json *node, const lgi_path *path, ...);

/*
 * Reads the string member `key` of `obj`; *out lives as long as the pack
 * (the loader decodes string values into the pack's arena, so nothing is
 * copied). Checks: a string,
 * no \u0000, not empty (texts) and, for texts, only known placeholders.
 * `path` is the object's pointer; the member's is reported on failure.
 * A missing optional member gives *out = NULL and LG_OK.
 */
#define LGI_FIELD_REQUIRED 1u /* missing is an error                     */
#define LGI_FIELD_TEXT     2u /* person-readable: placeholders checked   */
#define LGI_FIELD_ID       4u /* must match [a-z0-9][a-z0-9._-]{0,63}    */
int lgi_load_string(lgi_load *ld, const lgi_json *obj, const char *key, lgi_path *path,
                    unsigned field_flags, const char **out);

/*
 * Rejects members of `obj` that are not in `known` (a NULL-ended list) and
 * do not start with "x-", and duplicate keys. LG_OK or LG_ESCHEMA.
 */
int lgi_load_check_keys(lgi_load *ld, const lgi_json *obj, lgi_path *path,
                        const char *const *known);

/* ---- section loaders, implemented above ------------------------------- */

/* src/assess/: one element of "instruments" (path points at it). */
int lgi_instrument_load(lgi_load *ld, const lgi_json *node, lgi_path *path, lgi_instrument **out);
const char *lgi_instrument_id(const lgi_instrument *in);

/* src/plan/: one element of "plans". */
int lgi_template_load(lgi_load *ld, const lgi_json *node, lgi_path *path, lgi_template **out);
const char *lgi_template_id(const lgi_template *t);

/* ---- lookups once loading is done ------------------------------------- */

const lg_allocator *lgi_catalog_alloc(const lg_catalog *cat);
/* With locale fallback (tag, parents, default); NULL when none. */
const lgi_instrument *lgi_catalog_instrument(const lg_catalog *cat, const char *id,
                                             const char *locale);
const lgi_template *lgi_catalog_template(const lg_catalog *cat, const char *id, const char *locale);
/* The locale an lg_catalog_entry lookup would resolve to first for
 * `locale` (e.g. "es-MX" -> "es" when only es exists); never NULL. */
const char *lgi_catalog_resolve_locale(const lg_catalog *cat, const char *locale);

/*
 * Crisis resources (kind "resource", tag "crisis") for a region (ISO 3166-1
 * alpha-2, any case; NULL for all), in catalogue order: those listing the
 * region, then those for every region ("*"). With region NULL, every crisis
 * resource once. Entries are resolved in `locale` with fallback. Writes up
 * to `max` and returns how many there are in all.
 */
size_t lgi_catalog_crisis_resources(const lg_catalog *cat, const char *region, const char *locale,
                                    const lg_entry **out, size_t max);

#endif /* LETGO_SRC_CATALOG_H */
