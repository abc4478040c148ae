/*
 * entry.c - one element of a pack's "entries": its validation, and the
 * public accessors of lg_entry.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_impl.h"

const char *const lgi_entry_kinds[] = {
    "article",     "section",  "sign",     "tip",        "strategy", "prompt", "ritual",
    "affirmation", "exercise", "resource", "disclaimer", "label",    NULL};
/* lg_entry stays at 80 bytes where pointers are 8 (its comment says why). */
typedef char lgi_entry_size_check[sizeof(void *) != 8 || sizeof(lg_entry) <= 80 ? 1 : -1];
static const char *const kind_list =
    "article, section, sign, tip, strategy, prompt, ritual, affirmation, exercise, resource, "
    "disclaimer, label";

static const char *const phases[] = {"recognize", "decide", "grieve", "rebuild", "reopen", NULL};
static const char *const phase_list = "recognize, decide, grieve, rebuild, reopen";

static int nomem(lgi_load *ld, const lgi_path *path) {
  return lgi_load_fail(ld, LG_ENOMEM, NULL, path, "there was not enough memory to load the pack",
                       (const char *)NULL);
}

/* The string member `key` of obj, value v (NULL when missing), must be one
 * of `names`; *out gets 1 + its index, or 0 when an optional one is missing. */
static int load_choice(lgi_load *ld, const lgi_json *obj, const lgi_json *v, const char *key,
                       lgi_path *path, int required, const char *const *names, const char *list,
                       const char *what, unsigned char *out) {
  char q[LGI_QUOTE_MAX + 8];
  size_t i, mark;
  int rc;
  *out = 0;
  if (!v) {
    if (!required) return LG_OK;
    return lgi_load_fail(ld, LG_ESCHEMA, obj, path, "the required member \"", key, "\" is missing",
                         (const char *)NULL);
  }
  if (v->type == LGI_JSON_STRING) {
    for (i = 0; names[i]; i++) {
      if (names[i][0] == v->u.str[0] && strlen(names[i]) == v->len &&
          memcmp(names[i], v->u.str, v->len) == 0) {
        *out = (unsigned char)(i + 1);
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

/* Refuses item i of arr, a repeat of an earlier one. */
static int report_repeat(lgi_load *ld, const lgi_json *arr, size_t i, lgi_path *path,
                         const char *what) {
  size_t mark = lgi_path_push_index(path, i);
  char q[LGI_QUOTE_MAX + 8];
  int rc;
  lgi_quote(q, arr->u.items[i].u.str, arr->u.items[i].len);
  rc = lgi_load_fail(ld, LG_ESCHEMA, &arr->u.items[i], path, q, " is listed twice; list each ",
                     what, " once", (const char *)NULL);
  lgi_path_pop(path, mark);
  return rc;
}

int lgi_load_check_unique(lgi_load *ld, const lgi_json *arr, lgi_path *path, const char *what) {
  size_t i = first_repeat(ld, arr);
  if (i == (size_t)-1) return nomem(ld, path);
  if (i == arr->len) return LG_OK;
  return report_repeat(ld, arr, i, path, what);
}

static int is_region(const char *s, size_t n) {
  if (n == 1) return s[0] == '*';
  return n == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* Why item i of a "tags" or "regions" list is refused, or NULL when it is
 * fine. *quote is 1 when the message starts with the quoted value. */
static const char *name_problem(const lgi_json *item, int regions, int *quote) {
  *quote = 1;
  if (item->type != LGI_JSON_STRING) {
    *quote = 0;
    return "must be a string, not ";
  }
  if (regions && !is_region(item->u.str, item->len))
    return " is not a region; write an ISO 3166-1 code in capitals, like \"US\" "
           "or \"MX\", or \"*\" for every region";
  if (!regions && !lgi_is_id(item->u.str, item->len))
    return " is not a valid tag; tags are 1 to 64 of a-z, 0-9, '.', '_' and '-', "
           "starting with a letter or digit";
  return NULL;
}

/* "tags" (ids) or "regions" (alpha-2 or "*"), the value v (NULL when
 * missing): a list of distinct strings. The member's pointer is built only
 * when something is wrong. */
static int load_names(lgi_load *ld, const lgi_json *v, const char *key, lgi_path *path, int regions,
                      const char *const **out, size_t *count) {
  const char **names;
  char q[LGI_QUOTE_MAX + 8];
  size_t i, mark;
  int rc = LG_OK;
  *out = NULL;
  *count = 0;
  if (!v) return LG_OK;
  if (v->type != LGI_JSON_ARRAY) {
    mark = lgi_path_push_key(path, key, strlen(key));
    rc = lgi_load_fail(ld, LG_ESCHEMA, v, path, "must be a list of strings [\"...\"]",
                       (const char *)NULL);
    lgi_path_pop(path, mark);
    return rc;
  }
  names = lgi_arena_alloc(lgi_load_arena(ld), v->len * sizeof *names);
  if (!names) {
    lgi_path_push_key(path, key, strlen(key));
    return nomem(ld, path);
  }
  for (i = 0; i < v->len; i++) {
    const lgi_json *item = &v->u.items[i];
    int quote;
    const char *problem = name_problem(item, regions, &quote);
    if (problem) {
      lgi_path_push_key(path, key, strlen(key));
      lgi_path_push_index(path, i);
      if (!quote)
        return lgi_load_fail(ld, LG_ESCHEMA, item, path, problem, lgi_json_type_name(item),
                             (const char *)NULL);
      lgi_quote(q, item->u.str, item->len);
      return lgi_load_fail(ld, LG_ESCHEMA, item, path, q, problem, (const char *)NULL);
    }
    names[i] = item->u.str; /* already in the pack's arena */
  }
  i = v->len > 1 ? first_repeat(ld, v) : v->len;
  if (i != v->len) { /* a repeat, or no memory to look for one */
    mark = lgi_path_push_key(path, key, strlen(key));
    rc = i == (size_t)-1 ? nomem(ld, path)
                         : report_repeat(ld, v, i, path, regions ? "region" : "tag");
    lgi_path_pop(path, mark);
  }
  *out = names;
  *count = v->len;
  return rc;
}

/* "contact", the value v (NULL when missing). */
static int load_contact(lgi_load *ld, const lgi_json *v, lgi_path *path, lgi_entry_extra *e) {
  static const char *const known[] = {"phone", "sms", "url", NULL};
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

/* "checked" of obj, the value v (NULL when missing). */
static int load_checked(lgi_load *ld, const lgi_json *obj, const lgi_json *v, lgi_path *path,
                        lgi_entry_extra *e) {
  char q[LGI_QUOTE_MAX + 8];
  int y, m, d, rc;
  size_t mark, n;
  rc = lgi_load_string_v(ld, obj, v, "checked", path, 0, &e->checked, &n);
  if (rc != LG_OK || !v) return rc;
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

/* The members an entry may have, in the order they are checked. */
enum { K_ID, K_KIND, K_TITLE, K_BODY, K_TAGS, K_PHASE, K_REGIONS, K_CONTACT, K_SOURCE, K_CHECKED };
static const char *const known[] = {"id",      "kind",    "title",  "body",    "tags", "phase",
                                    "regions", "contact", "source", "checked", NULL};
static const unsigned char known_len[] = {2, 4, 5, 4, 4, 5, 7, 7, 6, 7};
#define N_KNOWN (sizeof known_len)

/* Index of a member name in `known`, or -1. */
static int known_key(const char *k, size_t n) {
  size_t i;
  for (i = 0; i < N_KNOWN; i++)
    if (known_len[i] == n && k[0] == known[i][0] && memcmp(k, known[i], n) == 0) return (int)i;
  return -1;
}

int lgi_entry_load(lgi_load *ld, const lgi_json *node, lgi_path *path, const lg_entry **replaced) {
  lg_entry *e = NULL;
  int rc = lgi_entry_read(ld, node, path, &e);
  *replaced = NULL;
  if (rc != LG_OK || !e) return rc;
  *replaced = lgi_entry_put(ld, e);
  return LG_OK;
}

const lg_entry *lgi_entry_put(lgi_load *ld, lg_entry *e) {
  e->locale = ld->locale;
  e->loc = ld->loc;
  e->pack = ld->serial;
  e->hash = lgi_catalog_hash(e->id, e->id_len);
  return lgi_state_put(&ld->next, e);
}

int lgi_entry_read(lgi_load *ld, const lgi_json *node, lgi_path *path, lg_entry **out) {
  const lgi_json *v[N_KNOWN];
  lg_entry *e = lgi_arena_alloc(lgi_load_arena(ld), sizeof *e);
  lgi_entry_extra x;
  size_t i, n;
  unsigned char kind;
  int rc, clean = 1;
  *out = NULL;
  if (!e) return nomem(ld, path);
  memset(e, 0, sizeof *e);
  memset(&x, 0, sizeof x);
  /* One pass finds every member (the first of a name, as lgi_json_get);
   * lgi_load_check_keys runs only to report an unknown or repeated one. */
  for (i = 0; i < N_KNOWN; i++) v[i] = NULL;
  for (i = 0; i < node->len; i++) {
    const lgi_json_member *m = &node->u.members[i];
    int k = known_key(m->key, m->key_len);
    if (m->flags & (LGI_JSON_DUP_KEY | LGI_JSON_HAS_NUL))
      clean = 0;
    else if (k < 0 && !(m->key_len >= 2 && m->key[0] == 'x' && m->key[1] == '-'))
      clean = 0;
    if (k >= 0 && !v[k]) v[k] = &m->value;
  }
  if (!clean && (rc = lgi_load_check_keys(ld, node, path, known)) != LG_OK) return rc;
  rc = lgi_load_string_v(ld, node, v[K_ID], "id", path, LGI_FIELD_REQUIRED | LGI_FIELD_ID, &e->id,
                         &n);
  if (rc != LG_OK) return rc;
  e->id_len = (uint32_t)n; /* strings are at most LGI_MAX_STRING */
  rc = load_choice(ld, node, v[K_KIND], "kind", path, 1, lgi_entry_kinds, kind_list, "kind", &kind);
  if (rc != LG_OK) return rc;
  e->kind = (unsigned char)(kind - 1);
  rc = lgi_load_string_v(ld, node, v[K_TITLE], "title", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT,
                         &e->title, &n);
  if (rc != LG_OK) return rc;
  e->title_len = (uint32_t)n;
  rc = lgi_load_string_v(ld, node, v[K_BODY], "body", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT,
                         &e->body, &n);
  if (rc != LG_OK) return rc;
  e->body_len = (uint32_t)n;
  if ((rc = load_names(ld, v[K_TAGS], "tags", path, 0, &e->tags, &n)) != LG_OK) return rc;
  e->tag_count = (uint32_t)n; /* a pack is at most LGI_MAX_PACK bytes */
  rc = load_choice(ld, node, v[K_PHASE], "phase", path, 0, phases, phase_list, "phase", &e->phase);
  if (rc != LG_OK) return rc;
  rc = load_names(ld, v[K_REGIONS], "regions", path, 1, &x.regions, &x.region_count);
  if (rc != LG_OK) return rc;
  if ((rc = load_contact(ld, v[K_CONTACT], path, &x)) != LG_OK) return rc;
  rc = lgi_load_string_v(ld, node, v[K_SOURCE], "source", path, LGI_FIELD_TEXT, &x.source, &n);
  if (rc != LG_OK) return rc;
  if ((rc = load_checked(ld, node, v[K_CHECKED], path, &x)) != LG_OK) return rc;
  if (x.source || x.checked || x.phone || x.sms || x.url || x.regions) {
    lgi_entry_extra *keep = lgi_arena_alloc(lgi_load_arena(ld), sizeof *keep);
    if (!keep) return nomem(ld, path);
    *keep = x;
    e->extra = keep;
  }
  *out = e;
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
  return e ? lgi_entry_kinds[e->kind] : NULL;
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
  return e && e->phase ? phases[e->phase - 1] : NULL;
}

size_t lg_entry_region_count(const lg_entry *e) {
  return e && e->extra ? e->extra->region_count : 0;
}

const char *lg_entry_region(const lg_entry *e, size_t i) {
  return e && e->extra && i < e->extra->region_count ? e->extra->regions[i] : NULL;
}

const char *lg_entry_contact(const lg_entry *e, const char *field) {
  if (!e || !field || !e->extra) return NULL;
  if (strcmp(field, "phone") == 0) return e->extra->phone;
  if (strcmp(field, "sms") == 0) return e->extra->sms;
  if (strcmp(field, "url") == 0) return e->extra->url;
  return NULL;
}

const char *lg_entry_source(const lg_entry *e) {
  return e && e->extra ? e->extra->source : NULL;
}

const char *lg_entry_checked(const lg_entry *e) {
  return e && e->extra ? e->extra->checked : NULL;
}
