/*
 * load.c - validating a parsed pack: the top level, the rules that hold
 * anywhere in it, the helpers section loaders use, and the walk over
 * entries, instruments and plans that builds the catalogue's next state.
 *
 * Every problem is reported once, the first in document order within a
 * stage, as "<JSON Pointer>: <one sentence>" with the node's line and
 * column, so a content author can go straight to it.
 */
#include <stdarg.h>
#include <string.h>

#include "catalog/catalog_impl.h"

#define PACK_FORMAT "letgo-pack/1"

/* ---- messages ------------------------------------------------------------ */

void lgi_quote(char out[LGI_QUOTE_MAX + 8], const char *s, size_t n) {
  size_t i = 0, o = 0;
  out[o++] = '"';
  while (i < n && o < LGI_QUOTE_MAX) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) { /* copy a whole UTF-8 sequence or stop before it */
      size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (i + k > n || o + k > LGI_QUOTE_MAX) break;
      memcpy(out + o, s + i, k);
      o += k;
      i += k;
      continue;
    }
    out[o++] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
    i++;
  }
  if (i < n) {
    memcpy(out + o, "...", 3);
    o += 3;
  }
  out[o++] = '"';
  out[o] = '\0';
}

int lgi_load_fail(lgi_load *ld, int status, const lgi_json *node, const lgi_path *path, ...) {
  char msg[sizeof(((lg_error *)0)->message)];
  size_t len = 0;
  const char *part;
  va_list ap;
  va_start(ap, path);
  while ((part = va_arg(ap, const char *)) != NULL) {
    size_t n = strlen(part);
    if (len + n >= sizeof msg) {
      n = sizeof msg - 1 - len;
      while (n > 0 && ((unsigned char)part[n] & 0xC0) == 0x80) n--; /* whole characters */
    }
    memcpy(msg + len, part, n);
    len += n;
  }
  va_end(ap);
  msg[len] = '\0';
  ld->failed = 1;
  if (node)
    return lgi_error_set(ld->err, status, node->line, node->column, node->offset,
                         path ? path->s : "", msg, (const char *)NULL);
  return lgi_error_set(ld->err, status, 0, 0, 0, path ? path->s : "", msg, (const char *)NULL);
}

static int nomem(lgi_load *ld) {
  ld->failed = 1;
  return lgi_error_set(ld->err, LG_ENOMEM, 0, 0, 0, "",
                       "there was not enough memory to load the pack", (const char *)NULL);
}

const char *lgi_json_type_name(const lgi_json *v) {
  switch (v->type) {
  case LGI_JSON_NULL:
    return "null";
  case LGI_JSON_FALSE:
  case LGI_JSON_TRUE:
    return "true or false";
  case LGI_JSON_NUMBER:
    return "a number";
  case LGI_JSON_STRING:
    return "a string";
  case LGI_JSON_ARRAY:
    return "a list";
  default:
    return "an object";
  }
}

/* ---- what section loaders use ----------------------------------------------- */

lgi_arena *lgi_load_arena(lgi_load *ld) {
  return &ld->arena;
}

const lg_allocator *lgi_load_alloc(const lgi_load *ld) {
  return &ld->cat->alloc;
}

const lg_catalog *lgi_load_catalog(const lgi_load *ld) {
  return ld->cat;
}

const char *lgi_load_locale(const lgi_load *ld) {
  return ld->locale;
}

const char *lgi_load_pack_id(const lgi_load *ld) {
  return ld->pack_id;
}

const char *lgi_load_pack_version(const lgi_load *ld) {
  return ld->version;
}

const lg_entry *lgi_load_find_entry(const lgi_load *ld, const char *id) {
  return id ? lgi_state_entry(&ld->next, id, ld->locale) : NULL;
}

static const lgi_named *find_named(const lgi_state *st, const lgi_named *list, size_t n,
                                   const char *id, const char *locale) {
  uint32_t chain[LGI_CHAIN_MAX];
  size_t k, i, nc = lgi_locale_chain(st, locale, chain);
  for (k = 0; k < nc; k++)
    for (i = 0; i < n; i++)
      if (list[i].loc == chain[k] && strcmp(list[i].id, id) == 0) return &list[i];
  return NULL;
}

const lgi_instrument *lgi_load_find_instrument(const lgi_load *ld, const char *id) {
  const lgi_named *n;
  if (!id) return NULL;
  n = find_named(&ld->next, ld->next.instruments, ld->next.n_instruments, id, ld->locale);
  return n ? (const lgi_instrument *)n->ptr : NULL;
}

const void *lgi_named_find(const lgi_state *st, const lgi_named *list, size_t n, const char *id,
                           const char *locale) {
  const lgi_named *found = id ? find_named(st, list, n, id, locale) : NULL;
  return found ? found->ptr : NULL;
}

static int check_text(lgi_load *ld, const lgi_json *v, const lgi_path *path) {
  size_t pos = 0;
  lgi_piece piece;
  int problem, r;
  char q[LGI_QUOTE_MAX + 8];
  while ((r = lgi_text_next(v->u.str, v->len, &pos, &piece, &problem)) > 0) {
  }
  if (r == 0) return LG_OK;
  if (problem == LGI_TEXT_UNKNOWN) {
    char named[LGI_QUOTE_MAX + 8];
    const char *near = lgi_placeholder_suggest(piece.s, piece.n);
    size_t inner, k;
    lgi_quote(q, piece.s, piece.n);
    /* show it with its braces, as written */
    inner = strlen(q) - 2;
    named[0] = '{';
    for (k = 0; k < inner; k++) named[k + 1] = q[k + 1];
    named[inner + 1] = '}';
    named[inner + 2] = '\0';
    if (near)
      return lgi_load_fail(ld, LG_ESCHEMA, v, path, "unknown placeholder ", named,
                           "; did you mean {", near, "}? (write \"{{\" for a literal brace)",
                           (const char *)NULL);
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "unknown placeholder ", named,
                         "; use {name}, {partner}, {they}, {them}, {their} or another listed "
                         "in docs/pack-format.md (\"{{\" prints a brace)",
                         (const char *)NULL);
  }
  if (problem == LGI_TEXT_UNTERMINATED) {
    lgi_quote(q, piece.s, piece.n);
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "the placeholder starting ", q,
                         " has no closing \"}\"; write \"{{\" for a literal brace",
                         (const char *)NULL);
  }
  return lgi_load_fail(ld, LG_ESCHEMA, v, path,
                       "a \"}\" closes no placeholder; write \"}}\" for a literal brace",
                       (const char *)NULL);
}

static int check_string(lgi_load *ld, const lgi_json *v, const lgi_path *path, unsigned flags) {
  char q[LGI_QUOTE_MAX + 8];
  if (v->type != LGI_JSON_STRING)
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "must be a string, not ", lgi_json_type_name(v),
                         (const char *)NULL);
  if (v->flags & LGI_JSON_HAS_NUL)
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "must not contain the character \\u0000",
                         (const char *)NULL);
  if ((flags & (LGI_FIELD_TEXT | LGI_FIELD_ID)) && v->len == 0)
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "must not be empty", (const char *)NULL);
  if ((flags & LGI_FIELD_ID) && !lgi_is_id(v->u.str, v->len)) {
    lgi_quote(q, v->u.str, v->len);
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, q,
                         " is not a valid id; ids are 1 to 64 of a-z, 0-9, '.', '_' and '-', "
                         "starting with a letter or digit",
                         (const char *)NULL);
  }
  if (flags & LGI_FIELD_TEXT) return check_text(ld, v, path);
  return LG_OK;
}

static int check_string_at(lgi_load *ld, const lgi_json *v, const char *key, lgi_path *path,
                           unsigned flags) {
  size_t mark;
  int rc;
  /* The common case, a good string, needs no path. */
  if (v->type == LGI_JSON_STRING && !(v->flags & LGI_JSON_HAS_NUL) &&
      !((flags & (LGI_FIELD_TEXT | LGI_FIELD_ID)) && v->len == 0) &&
      !((flags & LGI_FIELD_ID) && !lgi_is_id(v->u.str, v->len)) &&
      (!(flags & LGI_FIELD_TEXT) ||
       (memchr(v->u.str, '{', v->len) == NULL && memchr(v->u.str, '}', v->len) == NULL)))
    return LG_OK;
  mark = lgi_path_push_key(path, key, strlen(key));
  rc = check_string(ld, v, path, flags);
  lgi_path_pop(path, mark);
  return rc;
}

int lgi_load_string_n(lgi_load *ld, const lgi_json *obj, const char *key, lgi_path *path,
                      unsigned field_flags, const char **out, size_t *len) {
  return lgi_load_string_v(ld, obj, lgi_json_get(obj, key), key, path, field_flags, out, len);
}

int lgi_load_string_v(lgi_load *ld, const lgi_json *obj, const lgi_json *v, const char *key,
                      lgi_path *path, unsigned field_flags, const char **out, size_t *len) {
  int rc;
  *out = NULL;
  *len = 0;
  if (!v) {
    if (!(field_flags & LGI_FIELD_REQUIRED)) return LG_OK;
    return lgi_load_fail(ld, LG_ESCHEMA, obj, path, "the required member \"", key, "\" is missing",
                         (const char *)NULL);
  }
  if ((rc = check_string_at(ld, v, key, path, field_flags)) != LG_OK) return rc;
  /* lg_catalog_load decodes string values into the pack's arena: keep them. */
  *out = v->u.str;
  *len = v->len;
  return LG_OK;
}

int lgi_load_string(lgi_load *ld, const lgi_json *obj, const char *key, lgi_path *path,
                    unsigned field_flags, const char **out) {
  size_t len;
  return lgi_load_string_n(ld, obj, key, path, field_flags, out, &len);
}

int lgi_load_check_keys(lgi_load *ld, const lgi_json *obj, lgi_path *path,
                        const char *const *known) {
  size_t i, k;
  for (i = 0; i < obj->len; i++) {
    const lgi_json_member *m = &obj->u.members[i];
    int ok = m->key_len >= 2 && m->key[0] == 'x' && m->key[1] == '-';
    size_t mark;
    int rc;
    char q[LGI_QUOTE_MAX + 8], list[160];
    if (m->flags & LGI_JSON_HAS_NUL)
      return lgi_load_fail(ld, LG_ESCHEMA, &m->value, path,
                           "a member name contains the character \\u0000", (const char *)NULL);
    for (k = 0; !ok && known[k]; k++) ok = strcmp(known[k], m->key) == 0;
    if (ok && !(m->flags & LGI_JSON_DUP_KEY)) continue;
    lgi_quote(q, m->key, m->key_len);
    mark = lgi_path_push_key(path, m->key, m->key_len);
    if (ok) {
      rc = lgi_load_fail(ld, LG_ESCHEMA, &m->value, path, q,
                         " appears twice in the same object; keep only one", (const char *)NULL);
    } else {
      size_t len = 0;
      list[0] = '\0';
      for (k = 0; known[k]; k++) {
        size_t n = strlen(known[k]);
        if (len + n + 3 >= sizeof list) break;
        if (k) {
          memcpy(list + len, ", ", 2);
          len += 2;
        }
        memcpy(list + len, known[k], n + 1);
        len += n;
      }
      rc =
          lgi_load_fail(ld, LG_ESCHEMA, &m->value, path, "unknown member ", q, "; expected one of ",
                        list, " (or a name starting with \"x-\")", (const char *)NULL);
    }
    lgi_path_pop(path, mark);
    return rc;
  }
  return LG_OK;
}

/* ---- rules that hold anywhere: no repeated key, no \u0000 ----------------- */

/* Returns the first offending node in document order, or NULL. For a bad
 * member, *member receives it. */
static const lgi_json *find_flagged(const lgi_json *v, const lgi_json_member **member) {
  size_t i;
  if (v->type == LGI_JSON_STRING) return (v->flags & LGI_JSON_HAS_NUL) ? v : NULL;
  if (v->type == LGI_JSON_ARRAY) {
    for (i = 0; i < v->len; i++) {
      const lgi_json *bad = find_flagged(&v->u.items[i], member);
      if (bad) return bad;
    }
  } else if (v->type == LGI_JSON_OBJECT) {
    for (i = 0; i < v->len; i++) {
      const lgi_json_member *m = &v->u.members[i];
      const lgi_json *bad;
      if (m->flags & (LGI_JSON_DUP_KEY | LGI_JSON_HAS_NUL)) {
        *member = m;
        return &m->value;
      }
      bad = find_flagged(&m->value, member);
      if (bad) return bad;
    }
  }
  return NULL;
}

/* Builds the pointer of `target` (a node inside v); 1 when found. Only runs
 * when something is wrong, so it may be slow. */
static int path_to(const lgi_json *v, const lgi_json *target, lgi_path *path, int key_ok) {
  size_t i, mark;
  if (v == target) return 1;
  if (v->type == LGI_JSON_ARRAY) {
    for (i = 0; i < v->len; i++) {
      mark = lgi_path_push_index(path, i);
      if (path_to(&v->u.items[i], target, path, key_ok)) return 1;
      lgi_path_pop(path, mark);
    }
  } else if (v->type == LGI_JSON_OBJECT) {
    for (i = 0; i < v->len; i++) {
      const lgi_json_member *m = &v->u.members[i];
      if (&m->value == target && !key_ok) return 1; /* the key itself is bad: stop at its object */
      mark = lgi_path_push_key(path, m->key, m->key_len);
      if (path_to(&m->value, target, path, key_ok)) return 1;
      lgi_path_pop(path, mark);
    }
  }
  return 0;
}

static int check_anywhere(lgi_load *ld, const lgi_json *root) {
  const lgi_json_member *m = NULL;
  const lgi_json *bad;
  lgi_path path;
  char q[LGI_QUOTE_MAX + 8];
  if (ld->tree_flags_known && !(ld->tree_flags & (LGI_JSON_DUP_KEY | LGI_JSON_HAS_NUL)))
    return LG_OK;
  bad = find_flagged(root, &m);
  if (!bad) return LG_OK;
  lgi_path_init(&path);
  if (m && (m->flags & LGI_JSON_HAS_NUL)) {
    path_to(root, bad, &path, 0);
    return lgi_load_fail(ld, LG_ESCHEMA, bad, &path, "a member name contains the character \\u0000",
                         (const char *)NULL);
  }
  path_to(root, bad, &path, 1);
  if (m) {
    lgi_quote(q, m->key, m->key_len);
    return lgi_load_fail(ld, LG_ESCHEMA, bad, &path, q,
                         " appears twice in the same object; keep only one", (const char *)NULL);
  }
  return lgi_load_fail(ld, LG_ESCHEMA, bad, &path, "must not contain the character \\u0000",
                       (const char *)NULL);
}

/* ---- the top level ----------------------------------------------------------- */

static int is_num_id(const char *s, size_t n) {
  size_t i;
  if (n == 0 || (n > 1 && s[0] == '0')) return 0;
  for (i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

/* Reads identifiers [0-9A-Za-z-]+ separated by dots from `i`; returns where
 * they end, or n + 1 when one is empty. A pre-release stops at '+'. */
static size_t semver_idents(const char *s, size_t n, size_t i, int pre) {
  for (;;) {
    size_t start = i;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
                     (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-'))
      i++;
    if (i == start) return n + 1;
    if (i < n && s[i] == '.') {
      i++;
      continue;
    }
    if (i == n || (pre && s[i] == '+')) return i;
    return n + 1;
  }
}

/* Semantic Versioning 2.0.0: MAJOR.MINOR.PATCH[-pre.release][+build]. */
static int version_valid(const char *s, size_t n) {
  size_t i = 0, part, start;
  if (n > 64) return 0;
  for (part = 0; part < 3; part++) {
    start = i;
    while (i < n && s[i] != '.' && s[i] != '-' && s[i] != '+') i++;
    if (!is_num_id(s + start, i - start)) return 0;
    if (part < 2) {
      if (i == n || s[i] != '.') return 0;
      i++;
    }
  }
  /* then "-" pre-release, then "+" build: dot-separated identifiers */
  if (i < n && s[i] == '-') i = semver_idents(s, n, i + 1, 1);
  if (i < n && s[i] == '+') i = semver_idents(s, n, i + 1, 0);
  if (i != n) return 0;
  return 1;
}

static int check_format(lgi_load *ld, const lgi_json *root, lgi_path *path) {
  const lgi_json *f = lgi_json_get(root, "format");
  char q[LGI_QUOTE_MAX + 8];
  size_t mark;
  int rc = LG_OK;
  if (!f)
    return lgi_load_fail(ld, LG_ESCHEMA, root, path,
                         "the required member \"format\" is missing; a pack starts with "
                         "\"format\": \"" PACK_FORMAT "\"",
                         (const char *)NULL);
  mark = lgi_path_push_key(path, "format", 6);
  if (f->type != LGI_JSON_STRING) {
    rc = lgi_load_fail(ld, LG_ESCHEMA, f, path, "must be the string \"" PACK_FORMAT "\", not ",
                       lgi_json_type_name(f), (const char *)NULL);
  } else if (f->len != sizeof PACK_FORMAT - 1 || memcmp(f->u.str, PACK_FORMAT, f->len) != 0) {
    lgi_quote(q, f->u.str, f->len);
    rc = lgi_load_fail(ld, LG_EVERSION, f, path, q,
                       " is not a pack format this library reads; it reads \"" PACK_FORMAT "\"",
                       (const char *)NULL);
  }
  lgi_path_pop(path, mark);
  return rc;
}

static int check_list(lgi_load *ld, const lgi_json *root, const char *key, lgi_path *path,
                      const lgi_json **out) {
  const lgi_json *v = lgi_json_get(root, key);
  size_t mark, i;
  int rc = LG_OK;
  *out = v;
  if (!v) return LG_OK;
  mark = lgi_path_push_key(path, key, strlen(key));
  if (v->type != LGI_JSON_ARRAY) {
    rc = lgi_load_fail(ld, LG_ESCHEMA, v, path, "must be a list [...], not ", lgi_json_type_name(v),
                       (const char *)NULL);
  }
  for (i = 0; rc == LG_OK && i < v->len; i++) {
    const lgi_json *item = &v->u.items[i];
    if (item->type != LGI_JSON_OBJECT) {
      size_t m2 = lgi_path_push_index(path, i);
      rc = lgi_load_fail(ld, LG_ESCHEMA, item, path, "must be an object {...}, not ",
                         lgi_json_type_name(item), (const char *)NULL);
      lgi_path_pop(path, m2);
    }
  }
  lgi_path_pop(path, mark);
  return rc;
}

static int load_header(lgi_load *ld, const lgi_json *root, lgi_path *path) {
  static const char *const known[] = {"format",  "id",          "version", "locale",
                                      "entries", "instruments", "plans",   NULL};
  const char *locale = NULL;
  char q[LGI_QUOTE_MAX + 8];
  size_t i;
  int rc;
  if ((rc = lgi_load_check_keys(ld, root, path, known)) != LG_OK) return rc;
  rc = lgi_load_string(ld, root, "id", path, LGI_FIELD_REQUIRED | LGI_FIELD_ID, &ld->pack_id);
  if (rc != LG_OK) return rc;
  rc = lgi_load_string(ld, root, "version", path, LGI_FIELD_REQUIRED, &ld->version);
  if (rc != LG_OK || !ld->version) return rc;
  if (!version_valid(ld->version, strlen(ld->version))) {
    const lgi_json *v = lgi_json_get(root, "version");
    size_t mark = lgi_path_push_key(path, "version", 7);
    lgi_quote(q, v->u.str, v->len);
    rc = lgi_load_fail(ld, LG_ESCHEMA, v, path, q,
                       " is not a version; write MAJOR.MINOR.PATCH, e.g. \"1.0.0\"",
                       (const char *)NULL);
    lgi_path_pop(path, mark);
    return rc;
  }
  rc = lgi_load_string(ld, root, "locale", path, LGI_FIELD_REQUIRED, &locale);
  if (rc != LG_OK || !locale) return rc;
  if (!lgi_locale_valid(locale, strlen(locale))) {
    const lgi_json *v = lgi_json_get(root, "locale");
    size_t mark = lgi_path_push_key(path, "locale", 6);
    lgi_quote(q, v->u.str, v->len);
    rc = lgi_load_fail(ld, LG_ESCHEMA, v, path, q,
                       " is not a language tag; write one like \"en\", \"es\" or \"es-MX\"",
                       (const char *)NULL);
    lgi_path_pop(path, mark);
    return rc;
  }
  {
    size_t n = strlen(locale);
    char *low = lgi_arena_alloc(&ld->arena, n + 1);
    if (!low) return nomem(ld);
    for (i = 0; i <= n; i++) low[i] = (char)lgi_ascii_lower((unsigned char)locale[i]);
    ld->locale = low;
  }
  return LG_OK;
}

/* The locale's index in the next state, adding it when new. */
static void intern_locale(lgi_load *ld) {
  int loc = lgi_state_locale(&ld->next, ld->locale);
  if (loc < 0) {
    loc = (int)ld->next.n_locales;
    ld->next.locales[ld->next.n_locales++] = ld->locale;
  }
  ld->locale = ld->next.locales[loc];
  ld->loc = (uint32_t)loc;
}

/* Makes the path's last index, [from, end), one more (i): digits count up
 * in place, and only a carry past the first digit writes it anew. */
static void next_index(lgi_path *path, size_t from, size_t end, size_t i) {
  size_t k = end;
  lgi_path_pop(path, end);
  while (k > from + 1 && path->s[k - 1] == '9') path->s[--k] = '0';
  if (k > from + 1) {
    path->s[k - 1]++;
    return;
  }
  lgi_path_pop(path, from);
  lgi_path_push_index(path, i);
}

int lgi_load_read_entry(void *ctx, const lgi_json *item, size_t index) {
  lgi_load *ld = ctx;
  lg_entry *e = NULL;
  int rc;
  if (ld->n_read > 0 && index == ld->read_last + 1) {
    next_index(&ld->read_path, ld->read_from, ld->read_path.len, index);
  } else {
    lgi_path_init(&ld->read_path);
    ld->read_from = lgi_path_push_key(&ld->read_path, "entries", 7) + 8;
    lgi_path_push_index(&ld->read_path, index);
  }
  ld->read_last = index;
  ld->streamed = 1;
  rc = lgi_entry_read(ld, item, &ld->read_path, &e);
  if (rc != LG_OK) return rc == LG_ENOMEM ? rc : LGI_LOAD_AGAIN;
  if (ld->n_read == ld->cap_read) {
    size_t cap = ld->cap_read ? ld->cap_read * 2 : 256, bytes;
    void *p = NULL;
    if (lgi_size_mul(cap, sizeof(lg_entry *), &bytes) == 0)
      p = lgi_realloc(&ld->cat->alloc, ld->read, ld->cap_read * sizeof(lg_entry *), bytes);
    if (!p) return nomem(ld);
    ld->read = p;
    ld->cap_read = cap;
  }
  ld->read[ld->n_read++] = e;
  return LG_OK;
}

/* The entries lgi_load_read_entry read, added in order. A second entry
 * with an id of this pack is refused the ordinary way, which names the
 * first one. */
static int put_read_entries(lgi_load *ld) {
  size_t i;
  for (i = 0; i < ld->n_read; i++) {
    const lg_entry *old = lgi_entry_put(ld, ld->read[i]);
    if (old && old->pack == ld->serial) return LGI_LOAD_AGAIN;
  }
  return LG_OK;
}

static int load_entries(lgi_load *ld, const lgi_json *list, lgi_path *path) {
  size_t i, j, mark = lgi_path_push_key(path, "entries", 7), m2 = path->len, end = m2;
  for (i = 0; list && i < list->len; i++) {
    const lg_entry *old = NULL;
    int rc;
    /* A pack has thousands of entries: their pointers are counted, not
     * formatted one by one. */
    if (i == 0)
      lgi_path_push_index(path, 0);
    else
      next_index(path, m2, end, i);
    end = path->len;
    rc = lgi_entry_load(ld, &list->u.items[i], path, &old);
    if (rc == LG_OK && old && old->pack == ld->serial) {
      const lgi_json *id = lgi_json_get(&list->u.items[i], "id");
      char where[24], q[LGI_QUOTE_MAX + 8];
      lgi_path first;
      for (j = 0; j < i; j++) {
        const lgi_json *other = lgi_json_get(&list->u.items[j], "id");
        if (other && other->len == id->len && memcmp(other->u.str, id->u.str, id->len) == 0) break;
      }
      lgi_path_init(&first);
      lgi_path_push_index(&first, j);
      memcpy(where, first.s, first.len);
      where[first.len] = '\0';
      lgi_quote(q, id->u.str, id->len);
      lgi_path_push_key(path, "id", 2);
      rc = lgi_load_fail(ld, LG_ESCHEMA, id, path, q, " is already the id of /entries", where,
                         "; each entry of a pack needs its own id", (const char *)NULL);
    }
    if (rc != LG_OK) return rc;
  }
  lgi_path_pop(path, mark);
  return LG_OK;
}

/* Adds an instrument or template under (id, pack locale): replaces an
 * earlier pack's in place; a second one from this pack is an error. */
static int put_named(lgi_load *ld, lgi_named *list, size_t *n, const char *id, const void *ptr,
                     const lgi_json *node, lgi_path *path, const char *what) {
  size_t i;
  char q[LGI_QUOTE_MAX + 8];
  if (!id) return lgi_load_fail(ld, LG_ESCHEMA, node, path, what, " has no id", (const char *)NULL);
  for (i = 0; i < *n; i++) {
    if (list[i].loc != ld->loc || strcmp(list[i].id, id) != 0) continue;
    if (list[i].pack == ld->serial) {
      const lgi_json *idn = lgi_json_get(node, "id");
      lgi_quote(q, id, strlen(id));
      lgi_path_push_key(path, "id", 2);
      return lgi_load_fail(ld, LG_ESCHEMA, idn ? idn : node, path, q,
                           " is already the id of another ", what, " in this pack",
                           (const char *)NULL);
    }
    list[i].id = id;
    list[i].ptr = ptr;
    list[i].pack = ld->serial;
    return LG_OK;
  }
  list[*n].id = id;
  list[*n].loc = ld->loc;
  list[*n].pack = ld->serial;
  list[*n].ptr = ptr;
  (*n)++;
  return LG_OK;
}

static int section_failed(lgi_load *ld, int rc, const lgi_json *node, const lgi_path *path) {
  if (ld->failed) return rc;
  if (rc == LG_ENOMEM) return nomem(ld);
  return lgi_load_fail(ld, rc, node, path, "is not valid", (const char *)NULL);
}

static int load_sections(lgi_load *ld, const lgi_json *list, const char *key, lgi_path *path) {
  size_t i, mark = lgi_path_push_key(path, key, strlen(key));
  int is_plan = key[0] == 'p';
  for (i = 0; list && i < list->len; i++) {
    const lgi_json *node = &list->u.items[i];
    size_t m2 = lgi_path_push_index(path, i);
    int rc;
    if (is_plan) {
      lgi_template *t = NULL;
      rc = lgi_template_load(ld, node, path, &t);
      if (rc != LG_OK || !t) return section_failed(ld, rc ? rc : LG_ESCHEMA, node, path);
      rc = put_named(ld, ld->next.templates, &ld->next.n_templates, lgi_template_id(t), t, node,
                     path, "plan");
    } else {
      lgi_instrument *in = NULL;
      rc = lgi_instrument_load(ld, node, path, &in);
      if (rc != LG_OK || !in) return section_failed(ld, rc ? rc : LG_ESCHEMA, node, path);
      rc = put_named(ld, ld->next.instruments, &ld->next.n_instruments, lgi_instrument_id(in), in,
                     node, path, "instrument");
    }
    if (rc != LG_OK) return rc;
    lgi_path_pop(path, m2);
  }
  lgi_path_pop(path, mark);
  return LG_OK;
}

int lgi_pack_load(lgi_load *ld, const lgi_json *root) {
  const lgi_json *entries, *instruments, *plans;
  size_t n_entries;
  lgi_path path;
  int rc;
  lgi_path_init(&path);
  ld->root = root;
  if (ld->streamed) {
    /* Entries left in the tree, or a repeated key or \u0000 anywhere
     * (whose report must come before any entry's): the ordinary way. */
    entries = root->type == LGI_JSON_OBJECT ? lgi_json_get(root, "entries") : NULL;
    if (!entries || entries->type != LGI_JSON_ARRAY || entries->len != 0 ||
        (ld->tree_flags & (LGI_JSON_DUP_KEY | LGI_JSON_HAS_NUL)))
      return LGI_LOAD_AGAIN;
  }
  if (root->type != LGI_JSON_OBJECT)
    return lgi_load_fail(ld, LG_ESCHEMA, root, &path, "a pack must be a JSON object {...}, not ",
                         lgi_json_type_name(root), (const char *)NULL);
  if ((rc = check_format(ld, root, &path)) != LG_OK) return rc;
  if ((rc = check_anywhere(ld, root)) != LG_OK) return rc;
  if ((rc = load_header(ld, root, &path)) != LG_OK) return rc;
  if ((rc = check_list(ld, root, "entries", &path, &entries)) != LG_OK) return rc;
  if ((rc = check_list(ld, root, "instruments", &path, &instruments)) != LG_OK) return rc;
  if ((rc = check_list(ld, root, "plans", &path, &plans)) != LG_OK) return rc;
  n_entries = entries ? entries->len : 0;
  if (ld->streamed) n_entries = ld->n_read;
  rc = lgi_state_begin(&ld->cat->alloc, &ld->cat->st, &ld->next, n_entries,
                       instruments ? instruments->len : 0, plans ? plans->len : 0);
  if (rc != LG_OK) return nomem(ld);
  intern_locale(ld);
  rc = ld->streamed ? put_read_entries(ld) : load_entries(ld, entries, &path);
  if (rc != LG_OK) return rc;
  if ((rc = load_sections(ld, instruments, "instruments", &path)) != LG_OK) return rc;
  return load_sections(ld, plans, "plans", &path);
}
