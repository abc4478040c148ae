/*
 * index_check.h - the property the index build keeps, checked by the
 * index fuzz target and by tests/test_search.c: every token lgi_token_next
 * reads in the titles and bodies is in the index with the right document
 * frequency, the index holds no other term, and it counts every token.
 */
#ifndef LETGO_INDEX_CHECK_H
#define LETGO_INDEX_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "catalog/search.h"

typedef struct index_ref {
  const char *s; /* folded, in the check's buffer */
  size_t n;
  size_t doc;
} index_ref;

static int index_ref_cmp(const void *pa, const void *pb) {
  const index_ref *a = pa, *b = pb;
  size_t n = a->n < b->n ? a->n : b->n;
  int c = memcmp(a->s, b->s, n);
  if (c) return c;
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  return a->doc < b->doc ? -1 : a->doc > b->doc;
}

/* Reads the tokens of s into refs (as doc) and their folded text into fold. */
static void index_ref_tokens(const char *s, size_t doc, index_ref *refs, size_t *nrefs, char *fold,
                             size_t *fo) {
  size_t n = s ? strlen(s) : 0, pos = 0, len;
  while (lgi_token_next(s, n, &pos, fold + *fo, n, &len, NULL, NULL)) {
    refs[*nrefs].s = fold + *fo;
    refs[*nrefs].n = len;
    refs[(*nrefs)++].doc = doc;
    *fo += len;
  }
}

/*
 * Builds the index of docs[0..n) (one locale "en", no labels) with `a` and
 * checks it; returns NULL, or what failed. Aborts when out of memory.
 */
static const char *index_check(const lg_allocator *a, const lgi_index_doc *docs, size_t n) {
  size_t bytes = 0, nrefs = 0, fo = 0, d, i, distinct = 0;
  index_ref *refs;
  char *fold;
  lgi_index *ix = NULL;
  const lgi_ixloc *L;
  const char *why = NULL;
  for (d = 0; d < n; d++)
    bytes += (docs[d].title ? strlen(docs[d].title) : 0) + strlen(docs[d].body) + 2;
  refs = malloc((bytes / 2 + 1) * sizeof *refs);
  fold = malloc(bytes + 1);
  if (!refs || !fold) abort();
  for (d = 0; d < n; d++) {
    index_ref_tokens(docs[d].title, d, refs, &nrefs, fold, &fo);
    index_ref_tokens(docs[d].body, d, refs, &nrefs, fold, &fo);
  }
  if (lgi_index_build_docs(a, docs, n, &ix) != LG_OK) abort();
  L = lgi_index_locale(ix, "en");
  if (n && !L) why = "no index for the locale";
  if (!why && L && L->ntokens != nrefs) why = "the index counts another number of tokens";
  qsort(refs, nrefs, sizeof *refs, index_ref_cmp);
  for (i = 0; !why && i < nrefs;) {
    size_t j = i, df = 0;
    lgi_term term;
    while (j < nrefs && refs[j].n == refs[i].n && memcmp(refs[j].s, refs[i].s, refs[i].n) == 0) {
      if (j == i || refs[j].doc != refs[j - 1].doc) df++;
      j++;
    }
    if (lgi_index_term(L, refs[i].s, refs[i].n, &term) != 0)
      why = "a token is missing from the index";
    else if (term.df != df)
      why = "a token has the wrong document frequency";
    distinct++;
    i = j;
  }
  if (!why && L && L->nterms != distinct) why = "the index holds terms the texts do not";
  lgi_index_free(a, ix);
  free(refs);
  free(fold);
  return why;
}

#endif
