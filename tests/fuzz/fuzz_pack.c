/* Fuzz target: loading a content pack into an empty catalogue, then using it. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lg_catalog *cat;
  lg_error err;
  size_t total, i, n;
  lg_hit hits[4];
  if (lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY) != LG_OK) abort();
  if (lg_catalog_load(cat, (const char *)data, size, &err) == LG_OK) {
    n = lg_catalog_entry_count(cat);
    for (i = 0; i < n; i++) {
      const lg_entry *e = lg_catalog_entry_at(cat, i);
      if (lg_catalog_entry(cat, lg_entry_id(e), lg_entry_locale(e)) == NULL) abort();
    }
    lg_catalog_search(cat, "a OR e", NULL, hits, 4, &total);
  } else if (err.message[0] == '\0') {
    abort(); /* every failure explains itself */
  }
  lg_catalog_free(cat);
  return 0;
}
