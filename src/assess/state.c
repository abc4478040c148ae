/*
 * state.c - saving a session as "letgo-session/1" JSON and restoring it.
 *
 * Restoring trusts nothing: the state may be old, edited by hand or
 * damaged. It is checked completely before a session is made, and a state
 * answered against a different instrument structure (fingerprint) is
 * refused rather than scored wrong.
 */
#include <string.h>

#include "assess/assess.h"

#define FORMAT        "letgo-session/1"
#define FORMAT_FAMILY "letgo-session/"

static const char *const state_keys[] = {"format",       "instrument", "locale", "fingerprint",
                                         "pack_version", "answers",    NULL};

int lg_session_save(const lg_session *s, char *buf, size_t cap, size_t *len) {
  const lgi_instrument *in;
  lgi_out o;
  lgi_jw w;
  size_t i;
  if (!s || !len || (!buf && cap)) return LG_EINVAL;
  in = s->in;
  lgi_out_fixed(&o, buf, cap);
  lgi_jw_init(&w, &o, 0);
  lgi_jw_object_begin(&w);
  lgi_jw_key(&w, "format");
  lgi_jw_string(&w, FORMAT);
  lgi_jw_key(&w, "instrument");
  lgi_jw_string(&w, in->id);
  lgi_jw_key(&w, "locale");
  lgi_jw_string(&w, in->locale);
  lgi_jw_key(&w, "fingerprint");
  lgi_jw_string(&w, in->fingerprint);
  lgi_jw_key(&w, "pack_version");
  lgi_jw_string(&w, in->pack_version);
  lgi_jw_key(&w, "answers");
  lgi_jw_object_begin(&w);
  /* Answers of items switched off are kept: switching them back on restores them. */
  for (i = 0; i < in->item_count; i++) {
    if (!s->answered[i]) continue;
    lgi_jw_key(&w, in->items[i].id);
    lgi_jw_number(&w, s->answers[i]);
  }
  lgi_jw_object_end(&w);
  lgi_jw_object_end(&w);
  return lgi_out_finish(&o, len);
}

/* ---- restoring ------------------------------------------------------------- */

typedef struct reader {
  lg_error *err;
  lgi_path path;
} reader;

static int bad(reader *rd, int status, const lgi_json *node, const char *a, const char *b,
               const char *c) {
  /* `status`, not lgi_error_set's result, so the analyzer sees a failure
   * is never LG_OK. */
  (void)lgi_error_set(rd->err, status, node->line, node->column, node->offset, rd->path.s, a, b, c,
                      (const char *)NULL);
  return status;
}

/* A required string member. */
static int member_string(reader *rd, const lgi_json *root, const char *key, const char **out) {
  const lgi_json *v = lgi_json_get(root, key);
  size_t old = rd->path.len;
  int rc = LG_OK;
  if (!v) return bad(rd, LG_ESCHEMA, root, "a saved session needs \"", key, "\"");
  lgi_path_push_key(&rd->path, key, strlen(key));
  if (v->type != LGI_JSON_STRING || (v->flags & LGI_JSON_HAS_NUL))
    rc = bad(rd, LG_ESCHEMA, v, "must be a string", NULL, NULL);
  else
    *out = v->u.str;
  if (rc == LG_OK) lgi_path_pop(&rd->path, old);
  return rc;
}

static int check_keys(reader *rd, const lgi_json *root) {
  size_t i, k;
  for (i = 0; i < root->len; i++) {
    const lgi_json_member *m = &root->u.members[i];
    for (k = 0; state_keys[k]; k++)
      if (strcmp(m->key, state_keys[k]) == 0) break;
    if (!state_keys[k] || (m->flags & LGI_JSON_DUP_KEY)) {
      lgi_path_push_key(&rd->path, m->key, m->key_len);
      return bad(rd, LG_ESCHEMA, &m->value, state_keys[k] ? "duplicate key \"" : "unknown key \"",
                 m->key, "\"");
    }
  }
  return LG_OK;
}

static int check_format(reader *rd, const lgi_json *root) {
  const lgi_json *v = lgi_json_get(root, "format");
  const char *format = NULL;
  int rc = member_string(rd, root, "format", &format);
  if (rc != LG_OK) return rc;
  if (strcmp(format, FORMAT) == 0) return LG_OK;
  lgi_path_push_key(&rd->path, "format", 6);
  if (strncmp(format, FORMAT_FAMILY, sizeof FORMAT_FAMILY - 1) == 0)
    return bad(rd, LG_EVERSION, v, "unsupported format \"", format,
               "\"; this library reads letgo-session/1");
  return bad(rd, LG_ESCHEMA, v, "\"", format, "\" is not a saved session format");
}

/* Checks every answer; with `s`, also stores them. */
static int read_answers(reader *rd, const lgi_json *answers, const lgi_instrument *in,
                        lg_session *s) {
  size_t i, old = lgi_path_push_key(&rd->path, "answers", 7);
  char num[LGI_NUM_MAX];
  if (answers->type != LGI_JSON_OBJECT)
    return bad(rd, LG_ESCHEMA, answers, "must be an object", NULL, NULL);
  for (i = 0; i < answers->len; i++) {
    const lgi_json_member *m = &answers->u.members[i];
    size_t item, at = lgi_path_push_key(&rd->path, m->key, m->key_len);
    if (m->flags & (LGI_JSON_DUP_KEY | LGI_JSON_HAS_NUL))
      return bad(rd, LG_ESCHEMA, &m->value, "the item is answered twice", NULL, NULL);
    item = lgi_instrument_find_item(in, m->key);
    if (item == (size_t)-1)
      return bad(rd, LG_ESCHEMA, &m->value, "the instrument has no item \"", m->key, "\"");
    if (m->value.type != LGI_JSON_NUMBER)
      return bad(rd, LG_ESCHEMA, &m->value, "an answer must be a number", NULL, NULL);
    if ((m->value.flags & LGI_JSON_OVERFLOW) ||
        !lgi_item_accepts(&in->items[item], m->value.u.num)) {
      if (m->value.flags & LGI_JSON_OVERFLOW)
        return bad(rd, LG_ESCHEMA, &m->value, "the answer is out of range", NULL, NULL);
      lgi_num_format(m->value.u.num, num);
      return bad(rd, LG_ESCHEMA, &m->value, num, " is not an answer this item accepts", NULL);
    }
    if (s) {
      s->answers[item] = m->value.u.num;
      s->answered[item] = 1;
    }
    lgi_path_pop(&rd->path, at);
  }
  lgi_path_pop(&rd->path, old);
  return LG_OK;
}

static int restore(reader *rd, lg_session **out, const lg_catalog *cat, const lgi_json *root) {
  const char *id = NULL, *locale = NULL, *fingerprint = NULL, *version = NULL;
  const lgi_json *answers;
  const lgi_instrument *in;
  lg_session *s;
  int rc;
  if (root->type != LGI_JSON_OBJECT)
    return bad(rd, LG_ESCHEMA, root, "a saved session is a JSON object", NULL, NULL);
  if ((rc = check_format(rd, root)) != LG_OK || (rc = check_keys(rd, root)) != LG_OK ||
      (rc = member_string(rd, root, "instrument", &id)) != LG_OK ||
      (rc = member_string(rd, root, "locale", &locale)) != LG_OK ||
      (rc = member_string(rd, root, "fingerprint", &fingerprint)) != LG_OK ||
      (rc = member_string(rd, root, "pack_version", &version)) != LG_OK)
    return rc;
  in = lgi_catalog_instrument(cat, id, locale);
  if (!in) {
    lgi_path_push_key(&rd->path, "instrument", 10);
    return bad(rd, LG_ESCHEMA, lgi_json_get(root, "instrument"),
               "the catalogue has no instrument \"", id, "\"");
  }
  if (strcmp(fingerprint, in->fingerprint) != 0) {
    lgi_path_push_key(&rd->path, "fingerprint", 11);
    return bad(rd, LG_ESCHEMA, lgi_json_get(root, "fingerprint"), "the instrument \"", id,
               "\" has changed since this session was saved");
  }
  answers = lgi_json_get(root, "answers");
  if (!answers) return bad(rd, LG_ESCHEMA, root, "a saved session needs \"answers\"", NULL, NULL);
  if ((rc = read_answers(rd, answers, in, NULL)) != LG_OK) return rc;
  if ((rc = lgi_session_create(&s, cat, in)) != LG_OK) return rc;
  (void)read_answers(rd, answers, in, s);
  *out = s;
  return LG_OK;
}

int lg_session_restore(lg_session **out, const lg_catalog *cat, const char *state, size_t len,
                       lg_error *err) {
  lg_allocator inner, wiping;
  lgi_arena arena;
  const lgi_json *root = NULL;
  reader rd;
  int rc;
  if (!out || !cat || (!state && len))
    return lgi_error_set(err, LG_EINVAL, 0, 0, 0, "", "a required argument is NULL",
                         (const char *)NULL);
  rd.err = err;
  lgi_path_init(&rd.path);
  /* The parsed state holds the answers, in the arena and in the reader's
   * scratch: every block is wiped before it goes back. */
  inner = *lgi_catalog_alloc(cat);
  lgi_alloc_wiping(&wiping, &inner);
  lgi_arena_init(&arena, &wiping);
  rc = lgi_json_parse(&arena, state ? state : "", len, &root, err);
  if (rc == LG_OK) rc = restore(&rd, out, cat, root);
  if (rc == LG_ENOMEM)
    lgi_error_set(err, LG_ENOMEM, 0, 0, 0, "", "out of memory", (const char *)NULL);
  lgi_arena_free(&arena);
  return rc;
}
