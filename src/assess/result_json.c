/*
 * result_json.c - a result as "letgo-result/1" JSON (docs/result-json.md).
 * Every result, whatever its score, lists the crisis resources: a low score
 * never hides help.
 */
#include <string.h>

#include "assess/assess.h"

static int is_region(const char *s) {
  return s && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) &&
         ((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z')) && s[2] == '\0';
}

static int serves_everywhere(const lg_entry *e) {
  size_t i, n = lg_entry_region_count(e);
  for (i = 0; i < n; i++)
    if (strcmp(lg_entry_region(e, i), "*") == 0) return 1;
  return 0;
}

static void write_ids(lgi_jw *w, const lg_entry *const *list, size_t n) {
  size_t i;
  lgi_jw_array_begin(w);
  for (i = 0; i < n; i++) lgi_jw_string(w, lg_entry_id(list[i]));
  lgi_jw_array_end(w);
}

/* Inserts a region into the sorted, duplicate-free list `regions`. */
static void add_region(const char **regions, size_t *n, const char *r) {
  size_t i, k;
  for (i = 0; i < *n; i++) {
    int c = strcmp(regions[i], r);
    if (c == 0) return;
    if (c > 0) break;
  }
  for (k = *n; k > i; k--) regions[k] = regions[k - 1];
  regions[i] = r;
  (*n)++;
}

/*
 * "resources": for one region, {"XX": [ids]}; for all, "*" (the resources
 * that serve everywhere) and then every region any resource names, in
 * alphabetical order, each with what lgi_catalog_crisis_resources gives it.
 */
static int write_resources(lgi_jw *w, const lg_result *r, const char *region) {
  const lg_allocator *alloc = lgi_catalog_alloc(r->cat);
  const lg_entry *probe[1];
  const lg_entry **all = NULL, **some = NULL;
  const char **regions = NULL;
  size_t total, i, j, n, nregions = 0, slots = 0;
  char key[3];
  total = lgi_catalog_crisis_resources(r->cat, NULL, r->in->locale, probe, 0);
  if (total) {
    all = lgi_malloc(alloc, 2 * total * sizeof(const lg_entry *));
    if (!all) return LG_ENOMEM;
    some = all + total;
    (void)lgi_catalog_crisis_resources(r->cat, NULL, r->in->locale, all, total);
  }
  lgi_jw_key(w, "resources");
  lgi_jw_object_begin(w);
  if (region) {
    key[0] = (char)(region[0] & ~0x20);
    key[1] = (char)(region[1] & ~0x20);
    key[2] = '\0';
    n = total ? lgi_catalog_crisis_resources(r->cat, key, r->in->locale, some, total) : 0;
    lgi_jw_key(w, key);
    write_ids(w, some, n < total ? n : total);
  } else {
    for (i = 0; i < total; i++) slots += lg_entry_region_count(all[i]);
    if (slots) {
      regions = lgi_malloc(alloc, slots * sizeof *regions);
      if (!regions) {
        lgi_free(alloc, all, 2 * total * sizeof(const lg_entry *));
        return LG_ENOMEM;
      }
    }
    n = 0;
    for (i = 0; i < total; i++)
      if (serves_everywhere(all[i])) some[n++] = all[i];
    lgi_jw_key(w, "*");
    write_ids(w, some, n);
    for (i = 0; i < total; i++)
      for (j = 0; j < lg_entry_region_count(all[i]); j++)
        if (strcmp(lg_entry_region(all[i], j), "*") != 0)
          add_region(regions, &nregions, lg_entry_region(all[i], j));
    for (i = 0; i < nregions; i++) {
      n = lgi_catalog_crisis_resources(r->cat, regions[i], r->in->locale, some, total);
      lgi_jw_key(w, regions[i]);
      write_ids(w, some, n < total ? n : total);
    }
    lgi_free(alloc, (void *)regions, slots * sizeof *regions);
  }
  lgi_jw_object_end(w);
  lgi_free(alloc, (void *)all, 2 * total * sizeof(const lg_entry *));
  return LG_OK;
}

static void write_flags(lgi_jw *w, unsigned flags) {
  lgi_jw_key(w, "flags");
  lgi_jw_array_begin(w);
  if (flags & LG_FLAG_CRISIS) lgi_jw_string(w, "crisis");
  if (flags & LG_FLAG_PRORATED) lgi_jw_string(w, "prorated");
  if (flags & LG_FLAG_PARTIAL) lgi_jw_string(w, "partial");
  lgi_jw_array_end(w);
}

static int write_result(const lg_result *r, const char *region, char *buf, size_t cap,
                        size_t *len) {
  const lgi_instrument *in = r->in;
  lgi_out o;
  lgi_jw w;
  size_t i;
  int rc;
  lgi_out_fixed(&o, buf, cap);
  lgi_jw_init(&w, &o, 0);
  lgi_jw_object_begin(&w);
  lgi_jw_key(&w, "format");
  lgi_jw_string(&w, "letgo-result/1");
  lgi_jw_key(&w, "instrument");
  lgi_jw_string(&w, in->id);
  lgi_jw_key(&w, "pack");
  lgi_jw_string(&w, in->pack_id);
  lgi_jw_key(&w, "pack_version");
  lgi_jw_string(&w, in->pack_version);
  lgi_jw_key(&w, "locale");
  lgi_jw_string(&w, in->locale);
  lgi_jw_key(&w, "score");
  lgi_jw_number(&w, r->score);
  lgi_jw_key(&w, "min");
  lgi_jw_number(&w, in->score_min);
  lgi_jw_key(&w, "max");
  lgi_jw_number(&w, in->score_max);
  lgi_jw_key(&w, "band");
  lgi_jw_object_begin(&w);
  lgi_jw_key(&w, "id");
  lgi_jw_string(&w, in->bands[r->band].id);
  lgi_jw_key(&w, "label");
  lgi_jw_string(&w, r->band_label);
  lgi_jw_key(&w, "summary");
  lgi_jw_string(&w, r->band_summary);
  lgi_jw_object_end(&w);
  lgi_jw_key(&w, "subscales");
  lgi_jw_object_begin(&w);
  for (i = 0; i < in->subscale_count; i++) {
    lgi_jw_key(&w, in->subscales[i]);
    lgi_jw_number(&w, r->subscale_scores[i]); /* NaN (none answered) is null */
  }
  lgi_jw_object_end(&w);
  write_flags(&w, r->flags);
  lgi_jw_key(&w, "feedback");
  lgi_jw_array_begin(&w);
  for (i = 0; i < r->feedback_count; i++) lgi_jw_string(&w, r->feedback[i]);
  lgi_jw_array_end(&w);
  rc = write_resources(&w, r, region);
  if (rc != LG_OK) return rc;
  lgi_jw_object_end(&w);
  return lgi_out_finish(&o, len);
}

int lg_result_json(const lg_result *r, char *buf, size_t cap, size_t *len) {
  if (!r || !len || (!buf && cap)) return LG_EINVAL;
  return write_result(r, NULL, buf, cap, len);
}

int lg_result_json_region(const lg_result *r, const char *region, char *buf, size_t cap,
                          size_t *len) {
  if (!r || !len || (!buf && cap) || !is_region(region)) return LG_EINVAL;
  return write_result(r, region, buf, cap, len);
}
