/*
 * lookup.c - reading a loaded catalogue: entries by id with locale
 * fallback, catalogue order, instruments and templates, crisis resources,
 * and what the search index and the modules above need.
 */
#include <string.h>

#include "catalog/catalog_impl.h"

const lg_entry *lg_catalog_entry(const lg_catalog *cat, const char *id, const char *locale) {
  if (!cat || !id) return NULL;
  return lgi_state_entry(&cat->st, id, locale);
}

size_t lg_catalog_entry_count(const lg_catalog *cat) {
  return cat ? cat->st.n_entries : 0;
}

const lg_entry *lg_catalog_entry_at(const lg_catalog *cat, size_t i) {
  return cat && i < cat->st.n_entries ? cat->st.entries[i] : NULL;
}

/* The i-th distinct id of a list in load order. Lists are short (a few
 * instruments or templates per locale), so counting beats bookkeeping. */
static const char *distinct_id(const lgi_named *list, size_t n, size_t want, size_t *count) {
  size_t i, j, seen = 0;
  for (i = 0; i < n; i++) {
    for (j = 0; j < i && strcmp(list[j].id, list[i].id) != 0; j++) {
    }
    if (j < i) continue;
    if (seen == want) return list[i].id;
    seen++;
  }
  if (count) *count = seen;
  return NULL;
}

size_t lg_catalog_instrument_count(const lg_catalog *cat) {
  size_t n = 0;
  if (!cat) return 0;
  distinct_id(cat->st.instruments, cat->st.n_instruments, (size_t)-1, &n);
  return n;
}

const char *lg_catalog_instrument_id(const lg_catalog *cat, size_t i) {
  return cat ? distinct_id(cat->st.instruments, cat->st.n_instruments, i, NULL) : NULL;
}

size_t lg_catalog_template_count(const lg_catalog *cat) {
  size_t n = 0;
  if (!cat) return 0;
  distinct_id(cat->st.templates, cat->st.n_templates, (size_t)-1, &n);
  return n;
}

const char *lg_catalog_template_id(const lg_catalog *cat, size_t i) {
  return cat ? distinct_id(cat->st.templates, cat->st.n_templates, i, NULL) : NULL;
}

const lg_allocator *lgi_catalog_alloc(const lg_catalog *cat) {
  return &cat->alloc;
}

const lgi_instrument *lgi_catalog_instrument(const lg_catalog *cat, const char *id,
                                             const char *locale) {
  if (!cat) return NULL;
  return lgi_named_find(&cat->st, cat->st.instruments, cat->st.n_instruments, id, locale);
}

const lgi_template *lgi_catalog_template(const lg_catalog *cat, const char *id,
                                         const char *locale) {
  if (!cat) return NULL;
  return lgi_named_find(&cat->st, cat->st.templates, cat->st.n_templates, id, locale);
}

const char *lgi_catalog_resolve_locale(const lg_catalog *cat, const char *locale) {
  uint32_t chain[LGI_CHAIN_MAX];
  if (cat && lgi_locale_chain(&cat->st, locale, chain) > 0) return cat->st.locales[chain[0]];
  return LGI_DEFAULT_LOCALE;
}

static int has_tag(const lg_entry *e, const char *tag) {
  size_t i;
  for (i = 0; i < e->tag_count; i++)
    if (strcmp(e->tags[i], tag) == 0) return 1;
  return 0;
}

static int serves(const lg_entry *e, const char *region) {
  size_t i;
  size_t n = lg_entry_region_count(e);
  for (i = 0; i < n; i++)
    if (lgi_ascii_casecmp(e->extra->regions[i], region) == 0) return 1;
  return 0;
}

size_t lgi_catalog_crisis_resources(const lg_catalog *cat, const char *region, const char *locale,
                                    const lg_entry **out, size_t max) {
  size_t pass, i, n = 0;
  if (!cat) return 0;
  for (pass = 0; pass < 2; pass++) {
    for (i = 0; i < cat->st.n_entries; i++) {
      const lg_entry *e = cat->st.entries[i];
      int first;
      if (e->kind != LGI_KIND_RESOURCE || !has_tag(e, "crisis")) continue;
      /* Each id once, as the reader's locale resolves it. */
      if (lgi_state_entry(&cat->st, e->id, locale) != e) continue;
      first = region ? serves(e, region) : 1;
      if (pass == 0 ? !first : (first || !serves(e, "*"))) continue;
      if (n < max) out[n] = e;
      n++;
    }
    if (!region) break;
  }
  return n;
}

const lgi_index *lgi_catalog_index(const lg_catalog *cat) {
  return cat ? cat->st.index : NULL;
}

size_t lgi_catalog_entries(const lg_catalog *cat, const lg_entry *const **out) {
  if (!cat) {
    if (out) *out = NULL;
    return 0;
  }
  if (out) *out = cat->st.entries;
  return cat->st.n_entries;
}
