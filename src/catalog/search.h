/*
 * search.h - the full-text index behind lg_catalog_search.
 *
 * The pack loader builds a new index over the entries as they will be once
 * the pack is in (all locales, catalogue order) before it commits the load,
 * so a failed build leaves the old index in place.
 */
#ifndef LETGO_SRC_CATALOG_SEARCH_H
#define LETGO_SRC_CATALOG_SEARCH_H

#include "catalog/catalog.h"

typedef struct lgi_index lgi_index;

/* Builds an index over entries[0..n) (catalogue order). LG_OK or LG_ENOMEM. */
int lgi_index_build(const lg_allocator *a, const lg_entry *const *entries, size_t n,
                    lgi_index **out);
/* Frees an index; NULL is fine. */
void lgi_index_free(const lg_allocator *a, lgi_index *ix);
/* Bytes the index holds (for the benchmark's heap figure). */
size_t lgi_index_bytes(const lgi_index *ix);

/* ---- the tokenizer (fold.c) -------------------------------------------- */

/*
 * Reads the next token of s[0..n) at or after *pos: skips separators, folds
 * case and accents (see fold.c), writes at most `cap` bytes of the folded
 * token to `out` and its full folded length to *len; *pos moves past it.
 * The folded form is never longer than the raw bytes, so cap = n - *pos
 * always holds a whole token. start/end (may be NULL) receive the raw span.
 * Returns 1, or 0 when no token is left. Invalid UTF-8 separates tokens.
 */
int lgi_token_next(const char *s, size_t n, size_t *pos, char *out, size_t cap, size_t *len,
                   size_t *start, size_t *end);

/* Folds of the bytes below 0x80 (the lowercase letter or digit, 0 for a
 * separator) and 1 for every byte of a multi-byte character. */
extern const unsigned char lgi_fold_ascii[256];

/* ---- the index (index.c), read by search.c ----------------------------- */

#define LGI_BM25_K1   1.2
#define LGI_BM25_B    0.75
#define LGI_DOC_LABEL 1u /* kind "label": only found with kind:label */

/* The entries of one locale, with their own BM25 statistics. */
typedef struct lgi_ixloc {
  const char *locale; /* lowercase, borrowed from the first entry */
  uint32_t ndocs;     /* entries, in catalogue order */
  const lg_entry **docs;
  double *knorm;         /* per doc: k1 * (1 - b + b * D / avgdl), as FTS5 computes it */
  unsigned char *dflags; /* per doc: LGI_DOC_* */
  /* BM25 statistics leave labels out: they are UI strings, not texts. */
  uint32_t nlabels; /* docs with LGI_DOC_LABEL */
  uint64_t ntokens; /* tokens in all titles and bodies */
  double avgdl;
  /*
   * Terms and postings in one block. Per term: varint(length), the folded
   * term, varint(df), varint(bytes of postings), then one posting per entry
   * holding it, in catalogue order: varint(gap << 1 | x), gap = doc + 1
   * minus the previous posting's doc + 1 (0 before the first); x = 0
   * means once in the body only; with x = 1 a byte follows: title count
   * << 4 | body count when they are below 8 and 16, else 0x80 and
   * varint(title count), varint(body count). About 2 bytes a posting.
   */
  unsigned char *blob;
  size_t blob_bytes;
  uint32_t nterms;
  /* Open addressing, at most 70% full: blob offset + 1 of each term's header. */
  uint32_t *slots;
  uint32_t nslots;
} lgi_ixloc;

struct lgi_index {
  size_t nloc;
  lgi_ixloc *locs;
  size_t bytes;
};

/* What the index needs of an entry (search.c fills it from lg_entry). */
typedef struct lgi_index_doc {
  const lg_entry *entry;
  const char *locale; /* lowercase */
  const char *title;
  const char *body;
  size_t title_len, body_len; /* their lengths; 0 has them measured */
  unsigned flags;             /* LGI_DOC_* */
} lgi_index_doc;

/* Builds an index over docs[0..n) (catalogue order). LG_OK or LG_ENOMEM. */
int lgi_index_build_docs(const lg_allocator *a, const lgi_index_doc *docs, size_t n,
                         lgi_index **out);
/* The part of the index for a locale (ASCII case-insensitive); NULL when none. */
const lgi_ixloc *lgi_index_locale(const lgi_index *ix, const char *locale);
/* The dictionary's hash of a folded term, and its first slot in a table. */
uint32_t lgi_index_hash(const char *s, size_t n);
uint32_t lgi_index_slot(uint32_t hash, uint32_t nslots);

/* A term of a locale: its id (unique within the locale), df and postings. */
typedef struct lgi_term {
  uint32_t id, df;
  const unsigned char *post, *end;
} lgi_term;

/* Looks up a folded term; returns 0 and fills *out when present, else -1. */
int lgi_index_term(const lgi_ixloc *loc, const char *s, size_t n, lgi_term *out);

/* What search.c needs from the catalogue (implemented in src/catalog/). */
const lgi_index *lgi_catalog_index(const lg_catalog *cat);
/* The entries in catalogue order; returns their count. */
size_t lgi_catalog_entries(const lg_catalog *cat, const lg_entry *const **out);

#endif
