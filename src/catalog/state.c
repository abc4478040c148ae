/*
 * state.c - the arrays a load replaces as a whole, and the (id, locale)
 * hash table over the entries.
 *
 * A load copies the arrays (pointers only, never the pack data), changes the
 * copy and switches to it at the end; copying is linear in the catalogue,
 * which the search index rebuild costs anyway, and it makes "a failed load
 * changes nothing" true by construction.
 */
#include <string.h>

#include "catalog/catalog_impl.h"

uint32_t lgi_catalog_hash(const char *s, size_t n) {
  /* FNV-1a: short ids, no need for more. */
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h;
}

static uint32_t slot_hash(uint32_t id_hash, uint32_t loc) {
  /* murmur3's finaliser spreads FNV's weak low bits over the table. */
  uint32_t h = id_hash ^ (loc * 0x9E3779B1u);
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

const lg_entry *lgi_state_find(const lgi_state *st, const char *id, size_t id_len, uint32_t hash,
                               uint32_t loc) {
  uint32_t h;
  size_t mask, i;
  if (st->cap_slots == 0) return NULL;
  h = slot_hash(hash, loc);
  mask = st->cap_slots - 1;
  for (i = h & mask;; i = (i + 1) & mask) {
    const lgi_slot *s = &st->slots[i];
    const lg_entry *e;
    if (s->ix1 == 0) return NULL;
    if (s->hash != h) continue;
    e = st->entries[s->ix1 - 1];
    if (e->loc == loc && e->id_len == id_len && memcmp(e->id, id, id_len) == 0) return e;
  }
}

int lgi_state_locale(const lgi_state *st, const char *tag) {
  size_t i;
  for (i = 0; i < st->n_locales; i++)
    if (strcmp(st->locales[i], tag) == 0) return (int)i;
  return -1;
}

static void slot_insert(lgi_slot *slots, size_t cap, uint32_t h, uint32_t ix1) {
  size_t mask = cap - 1, i;
  for (i = h & mask; slots[i].ix1 != 0; i = (i + 1) & mask) {
  }
  slots[i].hash = h;
  slots[i].ix1 = ix1;
}

/* Allocates n elements of size `size` (at least one, so a NULL return always
 * means failure); *cap receives the count. */
static void *alloc_array(const lg_allocator *a, size_t n, size_t size, size_t *cap) {
  size_t bytes;
  void *p;
  if (n == 0) n = 1;
  if (lgi_size_mul(n, size, &bytes) != 0) return NULL;
  p = lgi_malloc(a, bytes);
  if (p) *cap = n;
  return p;
}

static size_t table_size(size_t n) {
  size_t cap = 16;
  /* At most half full keeps probes short. */
  while (cap / 2 < n && cap < ((size_t)1 << (sizeof(size_t) * 8 - 2))) cap *= 2;
  return cap;
}

int lgi_state_begin(const lg_allocator *a, const lgi_state *cur, lgi_state *next,
                    size_t more_entries, size_t more_instruments, size_t more_templates) {
  size_t n_entries, n_slots, i;
  memset(next, 0, sizeof *next);
  if (lgi_size_add(cur->n_entries, more_entries, &n_entries) != 0 || n_entries >= UINT32_MAX)
    return LG_ENOMEM;
  n_slots = table_size(n_entries);

  next->entries = alloc_array(a, n_entries, sizeof(const lg_entry *), &next->cap_entries);
  next->slots = alloc_array(a, n_slots, sizeof *next->slots, &next->cap_slots);
  next->locales = alloc_array(a, cur->n_locales + 1, sizeof *next->locales, &next->cap_locales);
  next->instruments = alloc_array(a, cur->n_instruments + more_instruments,
                                  sizeof *next->instruments, &next->cap_instruments);
  next->templates = alloc_array(a, cur->n_templates + more_templates, sizeof *next->templates,
                                &next->cap_templates);
  next->arenas = alloc_array(a, cur->n_arenas + 1, sizeof *next->arenas, &next->cap_arenas);
  if (!next->entries || !next->slots || !next->locales || !next->instruments || !next->templates ||
      !next->arenas) {
    lgi_state_free_arrays(a, next);
    return LG_ENOMEM;
  }

  if (cur->n_entries)
    memcpy(next->entries, cur->entries, cur->n_entries * sizeof(const lg_entry *));
  next->n_entries = cur->n_entries;
  if (n_slots == cur->cap_slots) {
    memcpy(next->slots, cur->slots, n_slots * sizeof *next->slots);
  } else {
    memset(next->slots, 0, n_slots * sizeof *next->slots);
    for (i = 0; i < cur->n_entries; i++) {
      const lg_entry *e = cur->entries[i];
      slot_insert(next->slots, n_slots, slot_hash(e->hash, e->loc), (uint32_t)(i + 1));
    }
  }
  if (cur->n_locales) memcpy(next->locales, cur->locales, cur->n_locales * sizeof *cur->locales);
  next->n_locales = cur->n_locales;
  if (cur->n_instruments)
    memcpy(next->instruments, cur->instruments, cur->n_instruments * sizeof *cur->instruments);
  next->n_instruments = cur->n_instruments;
  if (cur->n_templates)
    memcpy(next->templates, cur->templates, cur->n_templates * sizeof *cur->templates);
  next->n_templates = cur->n_templates;
  if (cur->n_arenas) memcpy(next->arenas, cur->arenas, cur->n_arenas * sizeof *cur->arenas);
  next->n_arenas = cur->n_arenas;
  next->index = NULL;
  return LG_OK;
}

const lg_entry *lgi_state_put(lgi_state *next, const lg_entry *e) {
  uint32_t h = slot_hash(e->hash, e->loc);
  size_t mask = next->cap_slots - 1, i;
  for (i = h & mask; next->slots[i].ix1 != 0; i = (i + 1) & mask) {
    lgi_slot *s = &next->slots[i];
    const lg_entry *old = next->entries[s->ix1 - 1];
    if (s->hash == h && old->loc == e->loc && old->id_len == e->id_len &&
        memcmp(old->id, e->id, e->id_len) == 0) {
      next->entries[s->ix1 - 1] = e;
      return old;
    }
  }
  next->entries[next->n_entries] = e;
  next->n_entries++;
  next->slots[i].hash = h;
  next->slots[i].ix1 = (uint32_t)next->n_entries;
  return NULL;
}

void lgi_state_free_arrays(const lg_allocator *a, lgi_state *st) {
  lgi_free(a, (void *)st->entries, st->cap_entries * sizeof(const lg_entry *));
  lgi_free(a, st->slots, st->cap_slots * sizeof *st->slots);
  lgi_free(a, (void *)st->locales, st->cap_locales * sizeof *st->locales);
  lgi_free(a, st->instruments, st->cap_instruments * sizeof *st->instruments);
  lgi_free(a, st->templates, st->cap_templates * sizeof *st->templates);
  lgi_free(a, st->arenas, st->cap_arenas * sizeof *st->arenas);
  st->entries = NULL;
  st->slots = NULL;
  st->locales = NULL;
  st->instruments = NULL;
  st->templates = NULL;
  st->arenas = NULL;
  st->n_entries = st->cap_entries = st->cap_slots = 0;
  st->n_locales = st->cap_locales = st->n_instruments = st->cap_instruments = 0;
  st->n_templates = st->cap_templates = st->n_arenas = st->cap_arenas = 0;
}
