/*
 * Fuzz target: the index build against the tokenizer (index_check.h). The
 * input, split at NUL bytes into up to 8 texts, is indexed, every other
 * text with a title.
 */
#include "fuzz.h"

#include "core/core.h"
#include "index_check.h"

#define MAX_DOCS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_cstr(data, size);
  lgi_index_doc docs[MAX_DOCS];
  size_t ndocs = 0, off = 0;
  lg_allocator libc;
  if (lgi_alloc_init(&libc, NULL) != LG_OK) abort();
  memset(docs, 0, sizeof docs);
  while (ndocs < MAX_DOCS && off <= size) {
    docs[ndocs].locale = "en";
    docs[ndocs].body = text + off;
    docs[ndocs].title = ndocs % 2 ? "Odd title" : NULL;
    off += strlen(text + off) + 1;
    ndocs++;
  }
  if (index_check(&libc, docs, ndocs)) abort();
  free(text);
  return 0;
}
