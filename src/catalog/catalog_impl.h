/*
 * catalog_impl.h - the catalogue's own structures, shared by the files of
 * src/catalog/ only (search.c may read lg_entry through it).
 *
 * A catalogue is a set of arrays ("state") that a load replaces as a whole:
 * the new state is built beside the old one, and only when the pack, its
 * sections and the search index are all in does the catalogue switch to it.
 * Pack data lives in one arena per pack, kept until the catalogue is freed,
 * so an entry pointer stays valid even after a later pack overrides it.
 */
#ifndef LETGO_SRC_CATALOG_IMPL_H
#define LETGO_SRC_CATALOG_IMPL_H

#include "catalog/catalog.h"
#include "catalog/search.h"

#define LGI_TAG_MAX        35   /* longest BCP 47 tag kept (RFC 5646 4.4.1) */
#define LGI_DEFAULT_LOCALE "en" /* the catalogue's default locale          */

/* The members few entries have (crisis resources, mostly). */
typedef struct lgi_entry_extra {
  const char *source;
  const char *checked;
  const char *phone, *sms, *url;
  const char *const *regions;
  size_t region_count;
} lgi_entry_extra;

/*
 * Kept small (80 bytes on 64-bit machines): a large catalogue holds one per
 * entry. Strings point into the pack's arena; lengths fit 32 bits because a
 * string is at most LGI_MAX_STRING and a pack at most LGI_MAX_PACK bytes.
 */
struct lg_entry {
  const char *id;
  const char *title; /* unrendered                                        */
  const char *body;
  const char *locale; /* the pack's, lowercase                            */
  const char *const *tags;
  const lgi_entry_extra *extra; /* NULL when the entry has none of them   */
  uint32_t id_len, title_len, body_len, tag_count;
  uint32_t hash;       /* of the id (lgi_catalog_hash)                    */
  uint32_t loc;        /* index into the catalogue's locales              */
  uint32_t pack;       /* serial number of the load that made it          */
  unsigned char kind;  /* index into lgi_entry_kinds                      */
  unsigned char phase; /* 1 + index into the phase names, 0 for none      */
};

/* The kind names, in the order of lg_entry.kind. */
extern const char *const lgi_entry_kinds[];
#define LGI_KIND_RESOURCE 9 /* lgi_entry_kinds[9] is "resource" */

/* An instrument or plan template under its id and locale. */
typedef struct lgi_named {
  const char *id;
  uint32_t loc;
  uint32_t pack;
  const void *ptr;
} lgi_named;

/* A slot of the (id, locale) hash table: 0 in ix1 marks it empty. */
typedef struct lgi_slot {
  uint32_t hash;
  uint32_t ix1; /* entry index + 1 */
} lgi_slot;

typedef struct lgi_state {
  const lg_entry **entries; /* catalogue order                              */
  size_t n_entries, cap_entries;
  lgi_slot *slots; /* open addressing, linear probing; a power of two      */
  size_t cap_slots;
  const char **locales; /* distinct pack locales, in the order first seen   */
  size_t n_locales, cap_locales;
  lgi_named *instruments;
  size_t n_instruments, cap_instruments;
  lgi_named *templates;
  size_t n_templates, cap_templates;
  lgi_arena *arenas; /* one per loaded pack                                */
  size_t n_arenas, cap_arenas;
  lgi_index *index;
} lgi_state;

struct lg_catalog {
  lg_allocator alloc;
  lgi_state st;
  uint32_t loads; /* serial of the last load                                */
};

struct lgi_load {
  lg_catalog *cat;
  lgi_state next;  /* the state being built                               */
  lgi_arena arena; /* the pack's arena: kept on success                   */
  lg_error *err;
  const char *pack_id, *version, *locale;
  const lgi_json *root;
  uint32_t loc, serial;
  int failed; /* lgi_load_fail was called: err holds the first problem */
  /* The reader's summary of the tree's flags (lgi_json_parse_split): with
   * none, nothing needs looking for them. Unknown: the tree is walked. */
  unsigned tree_flags;
  int tree_flags_known;
  /* Entries read while the pack was parsed (lgi_load_read_entry), in
   * order, when `streamed`: the tree's "entries" is then empty. */
  int streamed;
  lg_entry **read;
  size_t n_read, cap_read;
  lgi_path read_path; /* "/entries/<last index>" */
  size_t read_from, read_last;
};

/* What lgi_load_read_entry and lgi_pack_load return when the pack must be
 * read again the ordinary way (from the whole tree): something is wrong
 * with it or unusual, and only that way finds the same first problem,
 * with the same words, as always. Never returned to a caller. */
#define LGI_LOAD_AGAIN 1

/* ---- loading a pack (load.c) --------------------------------------------- */

/* Validates the parsed pack and builds ld->next from the catalogue's state. */
int lgi_pack_load(lgi_load *ld, const lgi_json *root);
/* An lgi_json_item_fn for lgi_json_parse_items over the root's "entries"
 * (ctx: the lgi_load): reads one entry into ld->read. */
int lgi_load_read_entry(void *ctx, const lgi_json *item, size_t index);
/* The instrument or template `id` with fallback from `locale`; NULL when none. */
const void *lgi_named_find(const lgi_state *st, const lgi_named *list, size_t n, const char *id,
                           const char *locale);
/* lgi_load_string that also gives the length. */
int lgi_load_string_n(lgi_load *ld, const lgi_json *obj, const char *key, lgi_path *path,
                      unsigned field_flags, const char **out, size_t *len);
/* lgi_load_string_n with the member's value found already: v is
 * lgi_json_get(obj, key), NULL when missing. */
int lgi_load_string_v(lgi_load *ld, const lgi_json *obj, const lgi_json *v, const char *key,
                      lgi_path *path, unsigned field_flags, const char **out, size_t *len);
/* "a number", "a list", ... for messages. */
const char *lgi_json_type_name(const lgi_json *v);
/* Quotes a value for a message: "value", cut and with controls replaced. */
#define LGI_QUOTE_MAX 48
void lgi_quote(char out[LGI_QUOTE_MAX + 8], const char *s, size_t n);

/* ---- hashing and the state (state.c) ---------------------------------- */

uint32_t lgi_catalog_hash(const char *s, size_t n);
/* The entry with this id in locale index `loc`, or NULL. */
const lg_entry *lgi_state_find(const lgi_state *st, const char *id, size_t id_len, uint32_t hash,
                               uint32_t loc);
/* Index of a lowercase locale among st->locales, or -1. */
int lgi_state_locale(const lgi_state *st, const char *tag);
/*
 * Starts `next` as a copy of `cur` with room for `more_entries` entries,
 * `more_instruments`, `more_templates`, one more locale and one more arena.
 * LG_OK or LG_ENOMEM (nothing allocated then).
 */
int lgi_state_begin(const lg_allocator *a, const lgi_state *cur, lgi_state *next,
                    size_t more_entries, size_t more_instruments, size_t more_templates);
/*
 * Adds an entry to `next`: replaces the entry with the same id and locale in
 * place, or appends. Returns the entry it replaced (may be from this same
 * load: the caller checks e->pack) or NULL.
 */
const lg_entry *lgi_state_put(lgi_state *next, const lg_entry *e);
/* Frees the arrays of a state (not the arenas' contents nor the index). */
void lgi_state_free_arrays(const lg_allocator *a, lgi_state *st);

/* ---- locales (locale.c) ----------------------------------------------- */

/* 1 when s (n bytes) is a well-formed BCP 47 language tag we accept. */
int lgi_locale_valid(const char *s, size_t n);
/* Lowercases (and turns '_' into '-') into out; 0 when too long or empty. */
int lgi_locale_normalize(const char *tag, char out[LGI_TAG_MAX + 1]);
/* Cuts the last subtag (and a singleton before it); 0 when nothing is left. */
int lgi_locale_parent(char tag[LGI_TAG_MAX + 1]);
/*
 * Fills `out` with the locale indexes of the fallback chain of `tag` (NULL:
 * the default only) that the state holds: the tag, its parents, then the
 * default, each once. Returns how many (at most LGI_CHAIN_MAX).
 */
#define LGI_CHAIN_MAX 20
size_t lgi_locale_chain(const lgi_state *st, const char *tag, uint32_t out[LGI_CHAIN_MAX]);

/* ---- entries (entry.c) ------------------------------------------------- */

/* Validates one element of "entries" (an object) and adds it to ld->next;
 * *replaced receives the entry it replaced, if any. */
int lgi_entry_load(lgi_load *ld, const lgi_json *node, lgi_path *path, const lg_entry **replaced);
/* The validating half of lgi_entry_load: builds the entry in the pack's
 * arena without its locale, pack or hash, and adds it nowhere. */
int lgi_entry_read(lgi_load *ld, const lgi_json *node, lgi_path *path, lg_entry **out);
/* The other half: stamps the entry with the load's locale and pack and
 * adds it to ld->next; returns the entry it replaced, if any. */
const lg_entry *lgi_entry_put(lgi_load *ld, lg_entry *e);
/* Rejects a second equal string in an array of strings (at its pointer). */
int lgi_load_check_unique(lgi_load *ld, const lgi_json *arr, lgi_path *path, const char *what);
/* With fallback; NULL when none. */
const lg_entry *lgi_state_entry(const lgi_state *st, const char *id, const char *locale);

/* ---- placeholders (placeholder.c) -------------------------------------- */

enum {
  LGI_PH_NAME,
  LGI_PH_PARTNER,
  LGI_PH_PARTNER_CAP,
  LGI_PH_THEY,
  LGI_PH_THEM,
  LGI_PH_THEIR,
  LGI_PH_THEIRS,
  LGI_PH_THEMSELF,
  LGI_PH_THEY_CAP,
  LGI_PH_THEM_CAP,
  LGI_PH_THEIR_CAP,
  LGI_PH_THEY_ARE,
  LGI_PH_THEY_WERE,
  LGI_PH_THEY_HAVE,
  LGI_PH_THEY_ARE_CAP,
  LGI_PH_THEY_WERE_CAP,
  LGI_PH_THEY_HAVE_CAP,
  LGI_PH_COUNT
};

/* One piece of a text: literal bytes, or a placeholder. */
typedef struct lgi_piece {
  const char *s; /* literal: the bytes; placeholder: its name           */
  size_t n;
  int ph; /* -1 for a literal                                             */
} lgi_piece;

enum { LGI_TEXT_OK, LGI_TEXT_UNKNOWN, LGI_TEXT_UNTERMINATED, LGI_TEXT_LONE_CLOSE };

/*
 * Splits a text into pieces, one at a time: `*pos` advances. "{{" and "}}"
 * are literal braces. Returns 1 and fills *piece, 0 at the end, or -1 with
 * *problem (LGI_TEXT_*) and *piece naming the bad part.
 */
int lgi_text_next(const char *s, size_t n, size_t *pos, lgi_piece *piece, int *problem);
/* The placeholder's name ("they_are"), for messages. */
const char *lgi_placeholder_name(int ph);
/* The placeholder name closest to a misspelt one, or NULL. */
const char *lgi_placeholder_suggest(const char *s, size_t n);

#endif /* LETGO_SRC_CATALOG_IMPL_H */
