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

/* What search.c needs from the catalogue (implemented in src/catalog/). */
const lgi_index *lgi_catalog_index(const lg_catalog *cat);
/* The entries in catalogue order; returns their count. */
size_t lgi_catalog_entries(const lg_catalog *cat, const lg_entry *const **out);

#endif
