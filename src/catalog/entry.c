/*
 * entry.c - one element of a pack's "entries": its validation, and the
 * public accessors of lg_entry.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_impl.h"

static const char *const kinds[] = {"article",    "section", "sign",        "tip",      "strategy",
                                    "prompt",     "ritual",  "affirmation", "exercise", "resource",
                                    "disclaimer", "label",   NULL};
static const char *const kind_list =
    "article, section, sign, tip, strategy, prompt, ritual, affirmation, exercise, resource, "
    "disclaimer, label";

static const char *const phases[] = {"recognize", "decide", "grieve", "rebuild", "reopen", NULL};
static const char *const phase_list = "recognize, decide, grieve, rebuild, reopen";

static int nomem(lgi_load *ld, const lgi_path *path) {
  return lgi_load_fail(ld, LG_ENOMEM, NULL, path, "there was not enough memory to load the pack",
                       (const char *)NULL);
}

/* A string member whose value must be one of `names`; *out gets the static name. */
static int load_choice(lgi_load *ld, const lgi_json *obj, const char *key, lgi_path *path,
                       int required, const char *const *names, const char *list, const char *what,
                       const char **out) {
  const lgi_json *v = lgi_json_get(obj, key);
  char q[LGI_QUOTE_MAX + 8];
  size_t i, mark;
  int rc;
  *out = NULL;
  if (!v) {
    if (!required) return LG_OK;
    return lgi_load_fail(ld, LG_ESCHEMA, obj, path, "the required member \"", key, "\" is missing",
                         (const char *)NULL);
  }
  if (v->type == LGI_JSON_STRING) {
    for (i = 0; names[i]; i++) {
      if (strlen(names[i]) == v->len && memcmp(names[i], v->u.str, v->len) == 0) {
        *out = names[i];
        return LG_OK;
      }
    }
  }
  mark = lgi_path_push_key(path, key, strlen(key));
  if (v->type == LGI_JSON_STRING) {
    lgi_quote(q, v->u.str, v->len);
    rc = lgi_load_fail(ld, LG_ESCHEMA, v, path, q, " is not a ", what, "; expected one of ", list,
                       (const char *)NULL);
  } else {
    rc = lgi_load_fail(ld, LG_ESCHEMA, v, path, "must be a string: one of ", list,
                       (const char *)NULL);
  }
  lgi_path_pop(path, mark);
  return rc;
}

typedef struct keyed {
  const char *s;
  size_t n, ix;
} keyed;

static int keyed_cmp(const void *pa, const void *pb) {
  const keyed *a = pa, *b = pb;
  size_t n = a->n < b->n ? a->n : b->n;
  int c = memcmp(a->s, b->s, n);
  if (c) return c;
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  return a->ix < b->ix ? -1 : a->ix > b->ix;
}

/* Index of the first element (in list order) equal to an earlier one, or
 * arr->len when all differ; (size_t)-1 when out of memory. */
static size_t first_repeat(lgi_load *ld, const lgi_json *arr) {
  size_t i, j, best = arr->len;
  keyed *k;
  if (arr->len <= 16) {
    for (i = 1; i < arr->len; i++)
      for (j = 0; j < i; j++)
        if (arr->u.items[i].len == arr->u.items[j].len &&
            memcmp(arr->u.items[i].u.str, arr->u.items[j].u.str, arr->u.items[i].len) == 0)
          return i;
    return arr->len;
  }
  /* Long lists: sort, so a hostile pack cannot make this quadratic. */
  k = lgi_arena_alloc(lgi_load_arena(ld), arr->len * sizeof *k);
  if (!k) return (size_t)-1;
  for (i = 0; i < arr->len; i++) {
    k[i].s = arr->u.items[i].u.str;
    k[i].n = arr->u.items[i].len;
    k[i].ix = i;
  }
  qsort(k, arr->len, sizeof *k, keyed_cmp);
  for (i = 1; i < arr->len; i++)
    if (k[i].n == k[i - 1].n && memcmp(k[i].s, k[i - 1].s, k[i].n) == 0 && k[i].ix < best &&
        (i < 2 || k[i - 2].n != k[i].n || memcmp(k[i - 2].s, k[i].s, k[i].n) != 0))
      best = k[i].ix; /* the second of a run is its first repeat */
  return best;
}

int lgi_load_check_unique(lgi_load *ld, const lgi_json *arr, lgi_path *path, const char *what) {
  size_t i = first_repeat(ld, arr), mark;
  char q[LGI_QUOTE_MAX + 8];
  int rc;
  if (i == (size_t)-1) return nomem(ld, path);
  if (i == arr->len) return LG_OK;
  mark = lgi_path_push_index(path, i);
  lgi_quote(q, arr->u.items[i].u.str, arr->u.items[i].len);
  rc = lgi_load_fail(ld, LG_ESCHEMA, &arr->u.items[i], path, q, " is listed twice; list each ",
                     what, " once", (const char *)NULL);
  lgi_path_pop(path, mark);
  return rc;
}

static int is_region(const char *s, size_t n) {
  if (n == 1) return s[0] == '*';
  return n == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* "tags" (ids) or "regions" (alpha-2 or "*"): a list of distinct strings,
 * copied into the arena. */
static int load_names(lgi_load *ld, const lgi_json *obj, const char *key, lgi_path *path,
                      int regions, const char *const **out, size_t *count) {
  const lgi_json *v = lgi_json_get(obj, key);
  const char **names;
  char q[LGI_QUOTE_MAX + 8];
  size_t i, mark, m2;
  int rc = LG_OK;
  *out = NULL;
  *count = 0;
  if (!v) return LG_OK;
  mark = lgi_path_push_key(path, key, strlen(key));
  if (v->type != LGI_JSON_ARRAY) {
    rc = lgi_load_fail(ld, LG_ESCHEMA, v, path, "must be a list of strings [\"...\"]",
                       (const char *)NULL);
    lgi_path_pop(path, mark);
    return rc;
  }
  names = lgi_arena_alloc(lgi_load_arena(ld), v->len * sizeof *names);
  if (!names) return nomem(ld, path);
  for (i = 0; i < v->len; i++) {
    const lgi_json *item = &v->u.items[i];
    m2 = lgi_path_push_index(path, i);
    if (item->type != LGI_JSON_STRING)
      return lgi_load_fail(ld, LG_ESCHEMA, item, path, "must be a string, not ",
                           lgi_json_type_name(item), (const char *)NULL);
    if (regions && !is_region(item->u.str, item->len)) {
      lgi_quote(q, item->u.str, item->len);
      return lgi_load_fail(ld, LG_ESCHEMA, item, path, q,
                           " is not a region; write an ISO 3166-1 code in capitals, like \"US\" "
                           "or \"MX\", or \"*\" for every region",
                           (const char *)NULL);
    }
    if (!regions && !lgi_is_id(item->u.str, item->len)) {
      lgi_quote(q, item->u.str, item->len);
      return lgi_load_fail(ld, LG_ESCHEMA, item, path, q,
                           " is not a valid tag; tags are 1 to 64 of a-z, 0-9, '.', '_' and '-', "
                           "starting with a letter or digit",
                           (const char *)NULL);
    }
    names[i] = lgi_arena_strndup(lgi_load_arena(ld), item->u.str, item->len);
    if (!names[i]) return nomem(ld, path);
    lgi_path_pop(path, m2);
  }
  rc = lgi_load_check_unique(ld, v, path, regions ? "region" : "tag");
  lgi_path_pop(path, mark);
  *out = names;
  *count = v->len;
  return rc;
}

static int load_contact(lgi_load *ld, const lgi_json *obj, lgi_path *path, lg_entry *e) {
  static const char *const known[] = {"phone", "sms", "url", NULL};
  const lgi_json *v = lgi_json_get(obj, "contact");
  size_t mark;
  int rc;
  if (!v) return LG_OK;
  mark = lgi_path_push_key(path, "contact", 7);
  if (v->type != LGI_JSON_OBJECT)
    return lgi_load_fail(
        ld, LG_ESCHEMA, v, path,
        "must be an object like {\"phone\": \"...\", \"sms\": \"...\", \"url\": \"...\"}",
        (const char *)NULL);
  if ((rc = lgi_load_check_keys(ld, v, path, known)) != LG_OK) return rc;
  if ((rc = lgi_load_string(ld, v, "phone", path, LGI_FIELD_TEXT, &e->phone)) != LG_OK) return rc;
  if ((rc = lgi_load_string(ld, v, "sms", path, LGI_FIELD_TEXT, &e->sms)) != LG_OK) return rc;
  if ((rc = lgi_load_string(ld, v, "url", path, LGI_FIELD_TEXT, &e->url)) != LG_OK) return rc;
  if (!e->phone && !e->sms && !e->url)
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "needs at least one of phone, sms or url",
                         (const char *)NULL);
  lgi_path_pop(path, mark);
  return LG_OK;
}

static int load_checked(lgi_load *ld, const lgi_json *obj, lgi_path *path, lg_entry *e) {
  const lgi_json *v = lgi_json_get(obj, "checked");
  char q[LGI_QUOTE_MAX + 8];
  int y, m, d, rc;
  size_t mark;
  if ((rc = lgi_load_string(ld, obj, "checked", path, 0, &e->checked)) != LG_OK || !v) return rc;
  rc = lgi_date_parse(v->u.str, v->len, &y, &m, &d);
  if (rc == LG_OK) return LG_OK;
  mark = lgi_path_push_key(path, "checked", 7);
  lgi_quote(q, v->u.str, v->len);
  rc = lgi_load_fail(ld, LG_ESCHEMA, v, path, q,
                     rc == LG_ERANGE ? " is not a real date" : " is not a date; write YYYY-MM-DD",
                     (const char *)NULL);
  lgi_path_pop(path, mark);
  return rc;
}

int lgi_entry_load(lgi_load *ld, const lgi_json *node, lgi_path *path, const lg_entry **replaced) {
  static const char *const known[] = {"id",      "kind",    "title",  "body",    "tags", "phase",
                                      "regions", "contact", "source", "checked", NULL};
  lg_entry *e = lgi_arena_alloc(lgi_load_arena(ld), sizeof *e);
  int rc;
  *replaced = NULL;
  if (!e) return nomem(ld, path);
  memset(e, 0, sizeof *e);
  if ((rc = lgi_load_check_keys(ld, node, path, known)) != LG_OK) return rc;
  rc = lgi_load_string_n(ld, node, "id", path, LGI_FIELD_REQUIRED | LGI_FIELD_ID, &e->id,
                         &e->id_len);
  if (rc != LG_OK) return rc;
  rc = load_choice(ld, node, "kind", path, 1, kinds, kind_list, "kind", &e->kind);
  if (rc != LG_OK) return rc;
  rc = lgi_load_string_n(ld, node, "title", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT, &e->title,
                         &e->title_len);
  if (rc != LG_OK) return rc;
  rc = lgi_load_string_n(ld, node, "body", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT, &e->body,
                         &e->body_len);
  if (rc != LG_OK) return rc;
  if ((rc = load_names(ld, node, "tags", path, 0, &e->tags, &e->tag_count)) != LG_OK) return rc;
  rc = load_choice(ld, node, "phase", path, 0, phases, phase_list, "phase", &e->phase);
  if (rc != LG_OK) return rc;
  rc = load_names(ld, node, "regions", path, 1, &e->regions, &e->region_count);
  if (rc != LG_OK) return rc;
  if ((rc = load_contact(ld, node, path, e)) != LG_OK) return rc;
  rc = lgi_load_string(ld, node, "source", path, LGI_FIELD_TEXT, &e->source);
  if (rc != LG_OK) return rc;
  if ((rc = load_checked(ld, node, path, e)) != LG_OK) return rc;

  e->locale = ld->locale;
  e->loc = ld->loc;
  e->pack = ld->serial;
  e->hash = lgi_catalog_hash(e->id, e->id_len);
  *replaced = lgi_state_put(&ld->next, e);
  return LG_OK;
}

/* ---- lookups ------------------------------------------------------------------- */

const lg_entry *lgi_state_entry(const lgi_state *st, const char *id, const char *locale) {
  uint32_t chain[LGI_CHAIN_MAX];
  size_t k, nc, n = strlen(id);
  uint32_t h = lgi_catalog_hash(id, n);
  nc = lgi_locale_chain(st, locale, chain);
  for (k = 0; k < nc; k++) {
    const lg_entry *e = lgi_state_find(st, id, n, h, chain[k]);
    if (e) return e;
  }
  return NULL;
}

/* ---- accessors ----------------------------------------------------------------- */

const char *lg_entry_id(const lg_entry *e) {
  return e ? e->id : NULL;
}

const char *lg_entry_kind(const lg_entry *e) {
  return e ? e->kind : NULL;
}

const char *lg_entry_title(const lg_entry *e) {
  return e ? e->title : NULL;
}

const char *lg_entry_body(const lg_entry *e) {
  return e ? e->body : NULL;
}

const char *lg_entry_locale(const lg_entry *e) {
  return e ? e->locale : NULL;
}

size_t lg_entry_tag_count(const lg_entry *e) {
  return e ? e->tag_count : 0;
}

const char *lg_entry_tag(const lg_entry *e, size_t i) {
  return e && i < e->tag_count ? e->tags[i] : NULL;
}

const char *lg_entry_phase(const lg_entry *e) {
  return e ? e->phase : NULL;
}

size_t lg_entry_region_count(const lg_entry *e) {
  return e ? e->region_count : 0;
}

const char *lg_entry_region(const lg_entry *e, size_t i) {
  return e && i < e->region_count ? e->regions[i] : NULL;
}

const char *lg_entry_contact(const lg_entry *e, const char *field) {
  if (!e || !field) return NULL;
  if (strcmp(field, "phone") == 0) return e->phone;
  if (strcmp(field, "sms") == 0) return e->sms;
  if (strcmp(field, "url") == 0) return e->url;
  return NULL;
}

const char *lg_entry_source(const lg_entry *e) {
  return e ? e->source : NULL;
}

const char *lg_entry_checked(const lg_entry *e) {
  return e ? e->checked : NULL;
}
