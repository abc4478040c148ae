/*
 * index_stub.c - a stand-in search index until src/catalog/search.c lands
 * (its author deletes this file then). It allocates, so the loader's
 * failure paths around the index build are exercised already.
 */
#include "catalog/search.h"

struct lgi_index {
  size_t n;
};

int lgi_index_build(const lg_allocator *a, const lg_entry *const *entries, size_t n,
                    lgi_index **out) {
  lgi_index *ix = lgi_malloc(a, sizeof *ix);
  (void)entries;
  if (!ix) return LG_ENOMEM;
  ix->n = n;
  *out = ix;
  return LG_OK;
}

void lgi_index_free(const lg_allocator *a, lgi_index *ix) {
  lgi_free(a, ix, sizeof *ix);
}

size_t lgi_index_bytes(const lgi_index *ix) {
  return ix ? sizeof *ix : 0;
}
