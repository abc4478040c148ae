/*
 * Fuzz target: the index build against the tokenizer. The input, split at
 * NUL bytes into up to 8 texts, is indexed; every token lgi_token_next
 * reads must be in the index with the right document frequency, and the
 * index must hold exactly those terms and count every token.
 */
#include "fuzz.h"

#include "catalog/search.h"
#include "core/core.h"

#define MAX_DOCS 8

typedef struct ref {
  const char *s; /* folded, in a buffer of the text's size */
  size_t n;
  size_t doc;
} ref;

static int ref_cmp(const void *pa, const void *pb) {
  const ref *a = pa, *b = pb;
  size_t n = a->n < b->n ? a->n : b->n;
  int c = memcmp(a->s, b->s, n);
  if (c) return c;
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  return a->doc < b->doc ? -1 : a->doc > b->doc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_cstr(data, size);
  char *fold = malloc(size + 1);
  ref *refs = malloc((size / 2 + 1 + 2 * MAX_DOCS) * sizeof *refs);
  lgi_index_doc docs[MAX_DOCS];
  size_t ndocs = 0, nrefs = 0, off = 0, d, i, distinct = 0, fo = 0;
  uint64_t ntokens = 0;
  lgi_index *ix = NULL;
  const lgi_ixloc *L;
  lg_allocator libc;
  if (!fold || !refs || lgi_alloc_init(&libc, NULL) != LG_OK) abort();
  memset(docs, 0, sizeof docs);
  while (ndocs < MAX_DOCS && off <= size) {
    docs[ndocs].locale = "en";
    docs[ndocs].body = text + off;
    docs[ndocs].title = ndocs % 2 ? "Odd title" : NULL;
    off += strlen(text + off) + 1;
    ndocs++;
  }
  for (d = 0; d < ndocs; d++) {
    const char *s = docs[d].body;
    size_t n = strlen(s), pos = 0, len;
    if (docs[d].title) {
      static const char *const tw[] = {"odd", "title"};
      refs[nrefs].s = tw[0], refs[nrefs].n = 3, refs[nrefs++].doc = d;
      refs[nrefs].s = tw[1], refs[nrefs].n = 5, refs[nrefs++].doc = d;
    }
    while (lgi_token_next(s, n, &pos, fold + fo, n, &len, NULL, NULL)) {
      refs[nrefs].s = fold + fo;
      refs[nrefs].n = len;
      refs[nrefs++].doc = d;
      fo += len;
    }
  }
  ntokens = nrefs;
  if (lgi_index_build_docs(&libc, docs, ndocs, &ix) != LG_OK) abort();
  L = lgi_index_locale(ix, "en");
  if (!L || L->ntokens != ntokens) abort();
  qsort(refs, nrefs, sizeof *refs, ref_cmp);
  for (i = 0; i < nrefs;) {
    size_t j = i, df = 0;
    lgi_term term;
    while (j < nrefs && refs[j].n == refs[i].n && memcmp(refs[j].s, refs[i].s, refs[i].n) == 0) {
      if (j == i || refs[j].doc != refs[j - 1].doc) df++;
      j++;
    }
    if (lgi_index_term(L, refs[i].s, refs[i].n, &term) != 0 || term.df != df) abort();
    distinct++;
    i = j;
  }
  if (L->nterms != distinct) abort();
  lgi_index_free(&libc, ix);
  free(refs);
  free(fold);
  free(text);
  return 0;
}
