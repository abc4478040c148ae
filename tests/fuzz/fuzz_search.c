/* Fuzz target: query strings over the built-in catalogue. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const locales[] = {"en", "es", "es-MX", NULL};
  char *q = fuzz_cstr(data, size);
  lg_hit hits[10];
  size_t total = 0, i;
  int rc = lg_catalog_search(fuzz_catalog(), q, locales[size % 4], hits, 10, &total);
  if (rc == LG_OK)
    for (i = 0; i < (total < 10 ? total : 10); i++)
      if (!hits[i].entry || hits[i].score != hits[i].score) abort();
  free(q);
  return 0;
}
