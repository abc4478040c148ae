/*
 * instrument.c - reads and validates one element of a pack's "instruments"
 * into the pack's arena. Every rule has its own message and pointer, so a
 * content author can fix a pack from the error alone. Range and band checks
 * and the fingerprint live in instrument_check.c.
 */
#include <string.h>

#include "assess/assess.h"

static const char *const instrument_keys[] = {"id",    "title",   "intro", "scale",
                                              "items", "scoring", "bands", NULL};
static const char *const scale_keys[] = {"min", "max", "labels", NULL};
static const char *const item_keys[] = {"id",          "text",    "type",   "options",  "min",
                                        "max",         "reverse", "weight", "subscale", "required",
                                        "enable_when", "flag",    "entry",  NULL};
static const char *const option_keys[] = {"value", "label", NULL};
static const char *const cond_keys[] = {"item", "op", "value", NULL};
static const char *const flag_keys[] = {"name", "op", "value", NULL};
static const char *const scoring_keys[] = {"method", "min_answered", NULL};
static const char *const band_keys[] = {"id", "max", "label", "summary", NULL};

static const double yesno_values[2] = {0.0, 1.0};

#define MAX_BANDS 64

/* ---- small readers -------------------------------------------------------- */

/* Fails at member `key` of obj (or at obj when key is NULL). */
static int fail_key(lgi_load *ld, int status, const lgi_json *obj, lgi_path *path, const char *key,
                    const char *a, const char *b, const char *c, const char *d) {
  const lgi_json *node = key ? lgi_json_get(obj, key) : obj;
  size_t old = path->len;
  int rc;
  if (key) lgi_path_push_key(path, key, strlen(key));
  rc = lgi_load_fail(ld, status, node ? node : obj, path, a, b, c, d, (const char *)NULL);
  lgi_path_pop(path, old);
  return rc;
}

static int fail(lgi_load *ld, const lgi_json *obj, lgi_path *path, const char *key,
                const char *msg) {
  return fail_key(ld, LG_ESCHEMA, obj, path, key, msg, NULL, NULL, NULL);
}

static int is_integer(double v) {
  return v >= -LGI_MAX_MAGNITUDE && v <= LGI_MAX_MAGNITUDE && v == (double)(long long)v;
}

/* A number member within [-LGI_MAX_MAGNITUDE, LGI_MAX_MAGNITUDE]. */
static int read_number(lgi_load *ld, const lgi_json *obj, const char *key, lgi_path *path,
                       int required, int integer, double *out, int *present) {
  const lgi_json *v = lgi_json_get(obj, key);
  *present = v != NULL;
  if (!v)
    return required ? fail_key(ld, LG_ESCHEMA, obj, path, NULL, "missing \"", key, "\"", NULL)
                    : LG_OK;
  if (v->type != LGI_JSON_NUMBER) return fail(ld, obj, path, key, "must be a number");
  if ((v->flags & LGI_JSON_OVERFLOW) || v->u.num < -LGI_MAX_MAGNITUDE ||
      v->u.num > LGI_MAX_MAGNITUDE)
    return fail_key(ld, LG_ELIMIT, obj, path, key, "numbers must lie between -1e9 and 1e9", NULL,
                    NULL, NULL);
  if (integer && !is_integer(v->u.num)) return fail(ld, obj, path, key, "must be an integer");
  *out = v->u.num;
  return LG_OK;
}

static int read_bool(lgi_load *ld, const lgi_json *obj, const char *key, lgi_path *path, int dflt,
                     int *out) {
  const lgi_json *v = lgi_json_get(obj, key);
  *out = dflt;
  if (!v) return LG_OK;
  if (v->type != LGI_JSON_TRUE && v->type != LGI_JSON_FALSE)
    return fail(ld, obj, path, key, "must be true or false");
  *out = v->type == LGI_JSON_TRUE;
  return LG_OK;
}

static int object_at(lgi_load *ld, const lgi_json *node, lgi_path *path, const char *what) {
  if (node->type == LGI_JSON_OBJECT) return LG_OK;
  return lgi_load_fail(ld, LG_ESCHEMA, node, path, what, " must be an object", (const char *)NULL);
}

/*
 * A person-readable string inside an array (scale labels): the checks
 * lgi_load_string makes for members, with placeholders checked by
 * rendering, which fails on an unknown one.
 */
static int read_text_element(lgi_load *ld, const lgi_json *v, lgi_path *path, const char **out) {
  size_t len;
  if (v->type != LGI_JSON_STRING)
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "must be a string", (const char *)NULL);
  if (v->flags & LGI_JSON_HAS_NUL)
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "must not contain \\u0000", (const char *)NULL);
  if (v->len == 0)
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "must not be empty", (const char *)NULL);
  if (memchr(v->u.str, '{', v->len) &&
      lg_render(lgi_load_catalog(ld), v->u.str, lgi_load_locale(ld), NULL, NULL, 0, &len) ==
          LG_ESYNTAX)
    return lgi_load_fail(ld, LG_ESCHEMA, v, path, "unknown placeholder in \"", v->u.str, "\"",
                         (const char *)NULL);
  *out = lgi_arena_strndup(lgi_load_arena(ld), v->u.str, v->len);
  return *out ? LG_OK : LG_ENOMEM;
}

static int parse_op(const char *s) {
  static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};
  int i;
  for (i = 0; i < 6; i++)
    if (strcmp(s, ops[i]) == 0) return i;
  return -1;
}

const char *lgi_op_name(int op) {
  static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};
  return op >= 0 && op < 6 ? ops[op] : "?";
}

/* {"op", "value"} shared by enable_when and flag. */
static int read_cond(lgi_load *ld, const lgi_json *obj, lgi_path *path, lgi_cond *c) {
  const char *op = NULL;
  int present, rc;
  rc = lgi_load_string(ld, obj, "op", path, LGI_FIELD_REQUIRED, &op);
  if (rc != LG_OK) return rc;
  c->op = parse_op(op);
  if (c->op < 0)
    return fail_key(ld, LG_ESCHEMA, obj, path, "op", "unknown operator \"", op,
                    "\"; use one of == != < <= > >=", NULL);
  return read_number(ld, obj, "value", path, 1, 0, &c->value, &present);
}

/* ---- items ---------------------------------------------------------------- */

typedef struct loader {
  lgi_load *ld;
  lgi_instrument *in;
  lgi_item *items;
  const char **subscales;
  size_t subscale_count;
  const char *const *yesno_labels; /* found on first use */
  const char *const *scale_labels;
  const double *scale_values;
} loader;

static int yesno_labels(loader *L, const lgi_json *node, lgi_path *path) {
  const lg_entry *no, *yes;
  const char **labels;
  if (L->yesno_labels) return LG_OK;
  no = lgi_load_find_entry(L->ld, "label.no");
  yes = lgi_load_find_entry(L->ld, "label.yes");
  if (!no || !yes)
    return lgi_load_fail(L->ld, LG_ESCHEMA, node, path,
                         "yes/no items need the label entries \"label.no\" and \"label.yes\"",
                         (const char *)NULL);
  labels = lgi_arena_alloc(lgi_load_arena(L->ld), 2 * sizeof *labels);
  if (!labels) return LG_ENOMEM;
  labels[0] = lg_entry_title(no);
  labels[1] = lg_entry_title(yes);
  L->yesno_labels = labels;
  return LG_OK;
}

static int read_options(loader *L, const lgi_json *obj, lgi_path *path, lgi_item *it) {
  const lgi_json *opts = lgi_json_get(obj, "options");
  double *values;
  const char **labels;
  size_t i, j, old;
  int rc;
  if (!opts)
    return fail_key(L->ld, LG_ESCHEMA, obj, path, NULL, "a choice item needs \"options\"", NULL,
                    NULL, NULL);
  if (opts->type != LGI_JSON_ARRAY) return fail(L->ld, obj, path, "options", "must be an array");
  if (opts->len < 2 || opts->len > LGI_MAX_OPTIONS)
    return fail(L->ld, obj, path, "options", "a choice item needs 2 to 64 options");
  values = lgi_arena_alloc(lgi_load_arena(L->ld), opts->len * sizeof *values);
  labels = lgi_arena_alloc(lgi_load_arena(L->ld), opts->len * sizeof *labels);
  if (!values || !labels) return LG_ENOMEM;
  old = lgi_path_push_key(path, "options", 7);
  for (i = 0; i < opts->len; i++) {
    const lgi_json *o = &opts->u.items[i];
    size_t at = lgi_path_push_index(path, i);
    int present;
    if ((rc = object_at(L->ld, o, path, "an option")) != LG_OK ||
        (rc = lgi_load_check_keys(L->ld, o, path, option_keys)) != LG_OK ||
        (rc = read_number(L->ld, o, "value", path, 1, 0, &values[i], &present)) != LG_OK ||
        (rc = lgi_load_string(L->ld, o, "label", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT,
                              &labels[i])) != LG_OK)
      return rc;
    for (j = 0; j < i; j++)
      if (values[j] == values[i])
        return fail(L->ld, o, path, "value", "option values must be unique");
    lgi_path_pop(path, at);
  }
  lgi_path_pop(path, old);
  it->option_count = opts->len;
  it->option_values = values;
  it->option_labels = labels;
  it->min = it->max = values[0];
  for (i = 1; i < opts->len; i++) {
    if (values[i] < it->min) it->min = values[i];
    if (values[i] > it->max) it->max = values[i];
  }
  return LG_OK;
}

static int read_type(loader *L, const lgi_json *obj, lgi_path *path, lgi_item *it) {
  const char *type = NULL;
  int rc, has_min, has_max;
  double mn = 0, mx = 0;
  rc = lgi_load_string(L->ld, obj, "type", path, 0, &type);
  if (rc != LG_OK) return rc;
  if (!type || strcmp(type, "scale") == 0)
    it->type = LG_ITEM_SCALE;
  else if (strcmp(type, "yesno") == 0)
    it->type = LG_ITEM_YESNO;
  else if (strcmp(type, "choice") == 0)
    it->type = LG_ITEM_CHOICE;
  else if (strcmp(type, "number") == 0)
    it->type = LG_ITEM_NUMBER;
  else
    return fail_key(L->ld, LG_ESCHEMA, obj, path, "type", "unknown item type \"", type,
                    "\"; use scale, yesno, choice or number", NULL);
  if (it->type != LG_ITEM_CHOICE && lgi_json_get(obj, "options"))
    return fail(L->ld, obj, path, "options", "only choice items have options");
  if (it->type != LG_ITEM_NUMBER && (lgi_json_get(obj, "min") || lgi_json_get(obj, "max")))
    return fail(L->ld, obj, path, lgi_json_get(obj, "min") ? "min" : "max",
                "only number items have their own min and max");
  switch (it->type) {
  case LG_ITEM_SCALE:
    if (!L->in->has_scale)
      return fail(L->ld, obj, path, NULL, "a scale item needs the instrument's \"scale\"");
    it->min = L->in->scale_min;
    it->max = L->in->scale_max;
    it->option_count = (size_t)(it->max - it->min) + 1;
    it->option_values = L->scale_values;
    it->option_labels = L->scale_labels;
    return LG_OK;
  case LG_ITEM_YESNO:
    if ((rc = yesno_labels(L, obj, path)) != LG_OK) return rc;
    it->min = 0;
    it->max = 1;
    it->option_count = 2;
    it->option_values = yesno_values;
    it->option_labels = L->yesno_labels;
    return LG_OK;
  case LG_ITEM_CHOICE:
    return read_options(L, obj, path, it);
  default:
    if ((rc = read_number(L->ld, obj, "min", path, 1, 1, &mn, &has_min)) != LG_OK ||
        (rc = read_number(L->ld, obj, "max", path, 1, 1, &mx, &has_max)) != LG_OK)
      return rc;
    if (mn >= mx) return fail(L->ld, obj, path, "max", "max must be greater than min");
    it->min = mn;
    it->max = mx;
    return LG_OK;
  }
}

static int read_subscale(loader *L, const lgi_json *obj, lgi_path *path, lgi_item *it) {
  const char *sub = NULL;
  size_t j;
  int rc = lgi_load_string(L->ld, obj, "subscale", path, LGI_FIELD_ID, &sub);
  it->subscale = -1;
  if (rc != LG_OK || !sub) return rc;
  for (j = 0; j < L->subscale_count; j++)
    if (strcmp(L->subscales[j], sub) == 0) break;
  if (j == L->subscale_count) L->subscales[L->subscale_count++] = sub;
  it->subscale = (int)j;
  return LG_OK;
}

static int read_enable_when(loader *L, const lgi_json *obj, lgi_path *path, lgi_item *it,
                            size_t index) {
  const lgi_json *ew = lgi_json_get(obj, "enable_when");
  const char *ref = NULL;
  size_t old, j;
  int rc;
  char num[LGI_NUM_MAX];
  it->has_enable = 0;
  if (!ew) return LG_OK;
  old = lgi_path_push_key(path, "enable_when", 11);
  if ((rc = object_at(L->ld, ew, path, "enable_when")) != LG_OK ||
      (rc = lgi_load_check_keys(L->ld, ew, path, cond_keys)) != LG_OK ||
      (rc = lgi_load_string(L->ld, ew, "item", path, LGI_FIELD_REQUIRED, &ref)) != LG_OK ||
      (rc = read_cond(L->ld, ew, path, &it->enable)) != LG_OK)
    return rc;
  for (j = 0; j < index; j++)
    if (strcmp(L->items[j].id, ref) == 0) break;
  if (j == index)
    return fail_key(L->ld, LG_ESCHEMA, ew, path, "item",
                    "enable_when must name an earlier item; \"", ref, "\" is not one", NULL);
  if (!lgi_item_accepts(&L->items[j], it->enable.value)) {
    lgi_num_format(it->enable.value, num);
    return fail_key(L->ld, LG_ESCHEMA, ew, path, "value", "item \"", ref,
                    "\" never takes the value ", num);
  }
  if (!lgi_item_can_satisfy(&L->items[j], &it->enable))
    return fail(L->ld, ew, path, "op", "this condition can never hold, so the item never shows");
  lgi_path_pop(path, old);
  it->has_enable = 1;
  it->enable_item = j;
  return LG_OK;
}

static int read_flag(loader *L, const lgi_json *obj, lgi_path *path, lgi_item *it) {
  const lgi_json *fl = lgi_json_get(obj, "flag");
  const char *name = NULL;
  size_t old;
  int rc;
  it->has_crisis = 0;
  if (!fl) return LG_OK;
  old = lgi_path_push_key(path, "flag", 4);
  if ((rc = object_at(L->ld, fl, path, "flag")) != LG_OK ||
      (rc = lgi_load_check_keys(L->ld, fl, path, flag_keys)) != LG_OK ||
      (rc = lgi_load_string(L->ld, fl, "name", path, LGI_FIELD_REQUIRED, &name)) != LG_OK)
    return rc;
  if (strcmp(name, "crisis") != 0)
    return fail_key(L->ld, LG_ESCHEMA, fl, path, "name", "unknown flag \"", name,
                    "\"; the only flag is \"crisis\"", NULL);
  if ((rc = read_cond(L->ld, fl, path, &it->crisis)) != LG_OK) return rc;
  if (!lgi_item_can_satisfy(it, &it->crisis))
    return fail(L->ld, fl, path, "value", "no answer to this item can raise the flag");
  lgi_path_pop(path, old);
  it->has_crisis = 1;
  return LG_OK;
}

static int read_item(loader *L, const lgi_json *obj, lgi_path *path, size_t index) {
  lgi_item *it = &L->items[index];
  const char *entry = NULL;
  size_t j;
  int rc, present;
  if ((rc = object_at(L->ld, obj, path, "an item")) != LG_OK ||
      (rc = lgi_load_check_keys(L->ld, obj, path, item_keys)) != LG_OK ||
      (rc = lgi_load_string(L->ld, obj, "id", path, LGI_FIELD_REQUIRED | LGI_FIELD_ID, &it->id)) !=
          LG_OK)
    return rc;
  for (j = 0; j < index; j++)
    if (strcmp(L->items[j].id, it->id) == 0)
      return fail_key(L->ld, LG_ESCHEMA, obj, path, "id", "duplicate item id \"", it->id, "\"",
                      NULL);
  if ((rc = lgi_load_string(L->ld, obj, "text", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT,
                            &it->text)) != LG_OK ||
      (rc = read_type(L, obj, path, it)) != LG_OK ||
      (rc = read_bool(L->ld, obj, "reverse", path, 0, &it->reverse)) != LG_OK)
    return rc;
  if (it->reverse && it->type != LG_ITEM_SCALE)
    return fail(L->ld, obj, path, "reverse", "only scale items can be reverse-scored");
  it->weight = 1;
  if ((rc = read_number(L->ld, obj, "weight", path, 0, 0, &it->weight, &present)) != LG_OK)
    return rc;
  if (it->weight < 0 || it->weight > LGI_MAX_WEIGHT)
    return fail(L->ld, obj, path, "weight", "a weight lies between 0 (unscored) and 1000");
  if ((rc = read_subscale(L, obj, path, it)) != LG_OK ||
      (rc = read_bool(L->ld, obj, "required", path, 1, &it->required)) != LG_OK ||
      (rc = read_enable_when(L, obj, path, it, index)) != LG_OK ||
      (rc = read_flag(L, obj, path, it)) != LG_OK ||
      (rc = lgi_load_string(L->ld, obj, "entry", path, LGI_FIELD_ID, &entry)) != LG_OK)
    return rc;
  if (entry && !lgi_load_find_entry(L->ld, entry))
    return fail_key(L->ld, LG_ESCHEMA, obj, path, "entry", "no entry \"", entry,
                    "\" in this pack or the catalogue", NULL);
  it->entry = entry;
  return LG_OK;
}

/* ---- instrument-level parts ---------------------------------------------- */

static int read_scale(loader *L, const lgi_json *obj, lgi_path *path) {
  const lgi_json *sc = lgi_json_get(obj, "scale"), *labels;
  const char **lab;
  double *values, mn = 0, mx = 0;
  size_t old, at, i, points;
  int rc, present;
  char a[LGI_NUM_MAX], b[LGI_NUM_MAX];
  if (!sc) return LG_OK;
  old = lgi_path_push_key(path, "scale", 5);
  if ((rc = object_at(L->ld, sc, path, "scale")) != LG_OK ||
      (rc = lgi_load_check_keys(L->ld, sc, path, scale_keys)) != LG_OK ||
      (rc = read_number(L->ld, sc, "min", path, 1, 1, &mn, &present)) != LG_OK ||
      (rc = read_number(L->ld, sc, "max", path, 1, 1, &mx, &present)) != LG_OK)
    return rc;
  if (mn >= mx) return fail(L->ld, sc, path, "max", "the scale's max must be greater than its min");
  if (mx - mn + 1 > LGI_MAX_OPTIONS)
    return fail_key(L->ld, LG_ELIMIT, sc, path, "max", "a scale has at most 64 points", NULL, NULL,
                    NULL);
  points = (size_t)(mx - mn) + 1;
  labels = lgi_json_get(sc, "labels");
  if (!labels) return fail(L->ld, sc, path, NULL, "missing \"labels\"");
  if (labels->type != LGI_JSON_ARRAY) return fail(L->ld, sc, path, "labels", "must be an array");
  if (labels->len != points) {
    lgi_num_format((double)points, a);
    lgi_num_format((double)labels->len, b);
    return fail_key(L->ld, LG_ESCHEMA, sc, path, "labels", "the scale has ", a,
                    " points, so it needs as many labels, not ", b);
  }
  lab = lgi_arena_alloc(lgi_load_arena(L->ld), points * sizeof *lab);
  values = lgi_arena_alloc(lgi_load_arena(L->ld), points * sizeof *values);
  if (!lab || !values) return LG_ENOMEM;
  at = lgi_path_push_key(path, "labels", 6);
  for (i = 0; i < points; i++) {
    size_t k = lgi_path_push_index(path, i);
    if ((rc = read_text_element(L->ld, &labels->u.items[i], path, &lab[i])) != LG_OK) return rc;
    lgi_path_pop(path, k);
    values[i] = mn + (double)i;
  }
  lgi_path_pop(path, at);
  lgi_path_pop(path, old);
  L->in->has_scale = 1;
  L->in->scale_min = mn;
  L->in->scale_max = mx;
  L->scale_labels = lab;
  L->scale_values = values;
  return LG_OK;
}

static int read_items(loader *L, const lgi_json *obj, lgi_path *path) {
  const lgi_json *items = lgi_json_get(obj, "items");
  size_t old, i;
  int rc;
  if (!items) return fail(L->ld, obj, path, NULL, "missing \"items\"");
  if (items->type != LGI_JSON_ARRAY) return fail(L->ld, obj, path, "items", "must be an array");
  if (items->len == 0) return fail(L->ld, obj, path, "items", "an instrument needs items");
  if (items->len > LGI_MAX_ITEMS)
    return fail_key(L->ld, LG_ELIMIT, obj, path, "items", "an instrument has at most 500 items",
                    NULL, NULL, NULL);
  L->items = lgi_arena_alloc(lgi_load_arena(L->ld), items->len * sizeof *L->items);
  L->subscales = lgi_arena_alloc(lgi_load_arena(L->ld), items->len * sizeof *L->subscales);
  if (!L->items || !L->subscales) return LG_ENOMEM;
  memset(L->items, 0, items->len * sizeof *L->items);
  old = lgi_path_push_key(path, "items", 5);
  for (i = 0; i < items->len; i++) {
    size_t at = lgi_path_push_index(path, i);
    if ((rc = read_item(L, &items->u.items[i], path, i)) != LG_OK) return rc;
    lgi_path_pop(path, at);
  }
  lgi_path_pop(path, old);
  L->in->items = L->items;
  L->in->item_count = items->len;
  L->in->subscales = L->subscales;
  L->in->subscale_count = L->subscale_count;
  return LG_OK;
}

static int read_scoring(loader *L, const lgi_json *obj, lgi_path *path) {
  const lgi_json *sc = lgi_json_get(obj, "scoring");
  const char *method = NULL;
  size_t old, i, scored = 0;
  double min_answered = 0;
  int rc, present = 0;
  L->in->method = LGI_SCORE_SUM;
  L->in->min_answered = 0;
  if (!sc) return LG_OK;
  old = lgi_path_push_key(path, "scoring", 7);
  if ((rc = object_at(L->ld, sc, path, "scoring")) != LG_OK ||
      (rc = lgi_load_check_keys(L->ld, sc, path, scoring_keys)) != LG_OK ||
      (rc = lgi_load_string(L->ld, sc, "method", path, 0, &method)) != LG_OK ||
      (rc = read_number(L->ld, sc, "min_answered", path, 0, 1, &min_answered, &present)) != LG_OK)
    return rc;
  if (method && strcmp(method, "mean") == 0)
    L->in->method = LGI_SCORE_MEAN;
  else if (method && strcmp(method, "sum") != 0)
    return fail_key(L->ld, LG_ESCHEMA, sc, path, "method", "unknown scoring method \"", method,
                    "\"; use sum or mean", NULL);
  for (i = 0; i < L->in->item_count; i++)
    if (L->in->items[i].weight > 0) scored++;
  if (present && (min_answered < 1 || min_answered > (double)scored))
    return fail(L->ld, sc, path, "min_answered",
                "min_answered must lie between 1 and the number of scored items");
  L->in->min_answered = (size_t)min_answered;
  lgi_path_pop(path, old);
  return LG_OK;
}

static int read_bands(loader *L, const lgi_json *obj, lgi_path *path) {
  const lgi_json *bands = lgi_json_get(obj, "bands");
  lgi_band *b;
  size_t old, i, j;
  int rc, present;
  if (!bands) return fail(L->ld, obj, path, NULL, "missing \"bands\"");
  if (bands->type != LGI_JSON_ARRAY) return fail(L->ld, obj, path, "bands", "must be an array");
  if (bands->len == 0 || bands->len > MAX_BANDS)
    return fail(L->ld, obj, path, "bands", "an instrument needs 1 to 64 bands");
  b = lgi_arena_alloc(lgi_load_arena(L->ld), bands->len * sizeof *b);
  if (!b) return LG_ENOMEM;
  old = lgi_path_push_key(path, "bands", 5);
  for (i = 0; i < bands->len; i++) {
    const lgi_json *o = &bands->u.items[i];
    size_t at = lgi_path_push_index(path, i);
    if ((rc = object_at(L->ld, o, path, "a band")) != LG_OK ||
        (rc = lgi_load_check_keys(L->ld, o, path, band_keys)) != LG_OK ||
        (rc = lgi_load_string(L->ld, o, "id", path, LGI_FIELD_REQUIRED | LGI_FIELD_ID, &b[i].id)) !=
            LG_OK ||
        (rc = read_number(L->ld, o, "max", path, 1, 0, &b[i].max, &present)) != LG_OK ||
        (rc = lgi_load_string(L->ld, o, "label", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT,
                              &b[i].label)) != LG_OK ||
        (rc = lgi_load_string(L->ld, o, "summary", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT,
                              &b[i].summary)) != LG_OK)
      return rc;
    for (j = 0; j < i; j++)
      if (strcmp(b[j].id, b[i].id) == 0)
        return fail_key(L->ld, LG_ESCHEMA, o, path, "id", "duplicate band id \"", b[i].id, "\"",
                        NULL);
    lgi_path_pop(path, at);
  }
  lgi_path_pop(path, old);
  L->in->bands = b;
  L->in->band_count = bands->len;
  return LG_OK;
}

static size_t label_slots(const loader *L) {
  size_t i, n = 0;
  if (L->in->has_scale) n += (size_t)(L->in->scale_max - L->in->scale_min) + 1;
  if (L->yesno_labels) n += 2;
  for (i = 0; i < L->in->item_count; i++)
    if (L->in->items[i].type == LG_ITEM_CHOICE) n += L->in->items[i].option_count;
  return n;
}

int lgi_instrument_load(lgi_load *ld, const lgi_json *node, lgi_path *path, lgi_instrument **out) {
  lgi_instrument *in;
  loader L;
  int rc;
  if ((rc = object_at(ld, node, path, "an instrument")) != LG_OK ||
      (rc = lgi_load_check_keys(ld, node, path, instrument_keys)) != LG_OK)
    return rc;
  in = lgi_arena_alloc(lgi_load_arena(ld), sizeof *in);
  if (!in) return LG_ENOMEM;
  memset(in, 0, sizeof *in);
  memset(&L, 0, sizeof L);
  L.ld = ld;
  L.in = in;
  in->locale = lgi_load_locale(ld);
  in->pack_id = lgi_load_pack_id(ld);
  in->pack_version = lgi_load_pack_version(ld);
  if ((rc = lgi_load_string(ld, node, "id", path, LGI_FIELD_REQUIRED | LGI_FIELD_ID, &in->id)) !=
          LG_OK ||
      (rc = lgi_load_string(ld, node, "title", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT,
                            &in->title)) != LG_OK ||
      (rc = lgi_load_string(ld, node, "intro", path, LGI_FIELD_REQUIRED | LGI_FIELD_TEXT,
                            &in->intro)) != LG_OK ||
      (rc = read_scale(&L, node, path)) != LG_OK || (rc = read_items(&L, node, path)) != LG_OK ||
      (rc = read_scoring(&L, node, path)) != LG_OK || (rc = read_bands(&L, node, path)) != LG_OK ||
      (rc = lgi_instrument_check_bands(ld, node, path, in)) != LG_OK)
    return rc;
  in->scale_labels = L.scale_labels;
  in->yesno_labels = L.yesno_labels;
  in->label_slots = label_slots(&L);
  in->render_bound = lgi_instrument_render_bound(in);
  lgi_instrument_fingerprint(in);
  *out = in;
  return LG_OK;
}

const char *lgi_instrument_id(const lgi_instrument *in) {
  return in ? in->id : NULL;
}

size_t lgi_instrument_find_item(const lgi_instrument *in, const char *id) {
  size_t i;
  for (i = 0; i < in->item_count; i++)
    if (strcmp(in->items[i].id, id) == 0) return i;
  return (size_t)-1;
}
