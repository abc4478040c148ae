/*
 * test_json_conformance.c - the reader against every file of JSONTestSuite's
 * test_parsing/ (tests/data/json, MIT, see its LICENSE and README).
 *
 * y_ files must parse, n_ files must fail with LG_ESYNTAX (LG_ELIMIT only
 * for nesting), and each i_ file gets the outcome pinned in i_expected
 * below, the table docs/json.md explains. Every file is parsed from a heap
 * copy of exactly its length, so ASan and valgrind see any read past the
 * end, and under the counting allocator, so a leak fails the test.
 */
#define _POSIX_C_SOURCE 200809L /* opendir */

#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "test_alloc.h"

#define SUITE_DIR LETGO_TEST_DATA "/json/test_parsing"
#define TRANSFORM_DIR LETGO_TEST_DATA "/json/test_transform"


typedef struct i_case {
  const char *file;
  int status;     /* what lgi_json_parse returns */
  unsigned flags; /* LGI_JSON_OVERFLOW expected somewhere in the tree */
} i_case;

/* The choice for every implementation-defined file (docs/json.md). */
static const i_case i_expected[] = {
    /* numbers: accepted; a double that overflows keeps +-inf and a flag */
    {"i_number_double_huge_neg_exp.json", LG_OK, 0},
    {"i_number_huge_exp.json", LG_OK, LGI_JSON_OVERFLOW},
    {"i_number_neg_int_huge_exp.json", LG_OK, LGI_JSON_OVERFLOW},
    {"i_number_pos_double_huge_exp.json", LG_OK, LGI_JSON_OVERFLOW},
    {"i_number_real_neg_overflow.json", LG_OK, LGI_JSON_OVERFLOW},
    {"i_number_real_pos_overflow.json", LG_OK, LGI_JSON_OVERFLOW},
    {"i_number_real_underflow.json", LG_OK, 0},
    {"i_number_too_big_neg_int.json", LG_OK, 0},
    {"i_number_too_big_pos_int.json", LG_OK, 0},
    {"i_number_very_big_negative_int.json", LG_OK, 0},
    /* lone or broken surrogate escapes: rejected */
    {"i_object_key_lone_2nd_surrogate.json", LG_ESYNTAX, 0},
    {"i_string_1st_surrogate_but_2nd_missing.json", LG_ESYNTAX, 0},
    {"i_string_1st_valid_surrogate_2nd_invalid.json", LG_ESYNTAX, 0},
    {"i_string_incomplete_surrogate_and_escape_valid.json", LG_ESYNTAX, 0},
    {"i_string_incomplete_surrogate_pair.json", LG_ESYNTAX, 0},
    {"i_string_incomplete_surrogates_escape_valid.json", LG_ESYNTAX, 0},
    {"i_string_invalid_lonely_surrogate.json", LG_ESYNTAX, 0},
    {"i_string_invalid_surrogate.json", LG_ESYNTAX, 0},
    {"i_string_inverted_surrogates_U+1D11E.json", LG_ESYNTAX, 0},
    {"i_string_lone_second_surrogate.json", LG_ESYNTAX, 0},
    /* not UTF-8: rejected */
    {"i_string_UTF-16LE_with_BOM.json", LG_ESYNTAX, 0},
    {"i_string_UTF-8_invalid_sequence.json", LG_ESYNTAX, 0},
    {"i_string_UTF8_surrogate_U+D800.json", LG_ESYNTAX, 0},
    {"i_string_invalid_utf-8.json", LG_ESYNTAX, 0},
    {"i_string_iso_latin_1.json", LG_ESYNTAX, 0},
    {"i_string_lone_utf8_continuation_byte.json", LG_ESYNTAX, 0},
    {"i_string_not_in_unicode_range.json", LG_ESYNTAX, 0},
    {"i_string_overlong_sequence_2_bytes.json", LG_ESYNTAX, 0},
    {"i_string_overlong_sequence_6_bytes.json", LG_ESYNTAX, 0},
    {"i_string_overlong_sequence_6_bytes_null.json", LG_ESYNTAX, 0},
    {"i_string_truncated-utf-8.json", LG_ESYNTAX, 0},
    {"i_string_utf16BE_no_BOM.json", LG_ESYNTAX, 0},
    {"i_string_utf16LE_no_BOM.json", LG_ESYNTAX, 0},
    /* structure */
    {"i_structure_500_nested_arrays.json", LG_ELIMIT, 0},
    {"i_structure_UTF-8_BOM_empty_object.json", LG_ESYNTAX, 0},
};
#define N_I_EXPECTED (sizeof i_expected / sizeof i_expected[0])

/* The n_ files that nest deeper than the limit before anything else fails. */
static const char *const n_too_deep[] = {
    "n_structure_100000_opening_arrays.json",
    "n_structure_open_array_object.json",
};

typedef struct outcome {
  int status;
  unsigned flags; /* every number flag in the tree, or-ed */
  lg_error err;
} outcome;

static unsigned tree_flags(const lgi_json *v) {
  unsigned f = v->flags;
  size_t i;
  if (v->type == LGI_JSON_ARRAY)
    for (i = 0; i < v->len; i++) f |= tree_flags(&v->u.items[i]);
  if (v->type == LGI_JSON_OBJECT)
    for (i = 0; i < v->len; i++) f |= tree_flags(&v->u.members[i].value);
  return f;
}

/* Parses a heap copy of exactly the file's bytes under the counting allocator. */
static outcome parse_file(const char *name) {
  char path[512];
  size_t len = 0;
  char *data, *exact;
  lgt_alloc t;
  lgi_arena arena;
  const lgi_json *root = NULL;
  outcome o;
  memset(&o, 0, sizeof o);
  snprintf(path, sizeof path, "%s/%s", SUITE_DIR, name);
  data = lgt_read_file(path, &len);
  if (!data) fail_msg("cannot read %s", path);
  exact = malloc(len ? len : 1);
  assert_non_null(exact);
  if (len) memcpy(exact, data, len);
  free(data);
  lgt_alloc_init(&t);
  lgi_arena_init(&arena, &t.base);
  o.status = lgi_json_parse(&arena, exact, len, &root, &o.err);
  if (o.status == LG_OK) {
    assert_non_null(root);
    o.flags = tree_flags(root) & LGI_JSON_OVERFLOW;
  } else {
    /* A failure describes itself and points inside (or just past) the input. */
    assert_int_equal(o.err.status, o.status);
    assert_true(o.err.line >= 1);
    assert_true(o.err.column >= 1);
    assert_true(o.err.offset <= len);
    assert_true(o.err.message[0] != '\0');
  }
  lgi_arena_free(&arena);
  assert_int_equal(t.live_bytes, 0);
  assert_int_equal(t.live_blocks, 0);
  free(exact);
  return o;
}

static int is_json_file(const char *name, char prefix) {
  size_t n = strlen(name);
  return name[0] == prefix && name[1] == '_' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Sorted names of the files starting with `prefix`_; returns the count. */
static size_t list_files(char prefix, char ***out) {
  DIR *d = opendir(SUITE_DIR);
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, cap = 0;
  if (!d) fail_msg("cannot open %s", SUITE_DIR);
  while ((e = readdir(d)) != NULL) {
    if (!is_json_file(e->d_name, prefix)) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      names = realloc(names, cap * sizeof *names);
      assert_non_null(names);
    }
    names[n] = malloc(strlen(e->d_name) + 1);
    assert_non_null(names[n]);
    strcpy(names[n], e->d_name);
    n++;
  }
  closedir(d);
  *out = names;
  return n;
}

static void free_list(char **names, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) free(names[i]);
  free(names);
}

static int is_too_deep(const char *name) {
  size_t i;
  for (i = 0; i < sizeof n_too_deep / sizeof n_too_deep[0]; i++)
    if (strcmp(name, n_too_deep[i]) == 0) return 1;
  return 0;
}

static void every_y_file_is_accepted(void **state) {
  char **names;
  size_t n = list_files('y', &names), i, ok = 0;
  (void)state;
  for (i = 0; i < n; i++) {
    outcome o = parse_file(names[i]);
    if (o.status == LG_OK)
      ok++;
    else
      print_message("y: %s rejected (%d): %s\n", names[i], o.status, o.err.message);
  }
  print_message("y: %zu/%zu accepted\n", ok, n);
  free_list(names, n);
  assert_int_equal(n, 95);
  assert_int_equal(ok, 95);
}

static void every_n_file_is_rejected(void **state) {
  char **names;
  size_t n = list_files('n', &names), i, rejected = 0, limit = 0;
  (void)state;
  for (i = 0; i < n; i++) {
    outcome o = parse_file(names[i]);
    int want = is_too_deep(names[i]) ? LG_ELIMIT : LG_ESYNTAX;
    if (o.status == want) {
      rejected++;
      if (want == LG_ELIMIT) limit++;
    } else {
      print_message("n: %s gave %d, wanted %d\n", names[i], o.status, want);
    }
  }
  print_message("n: %zu/%zu rejected (%zu LG_ESYNTAX, %zu LG_ELIMIT for nesting)\n", rejected, n,
                rejected - limit, limit);
  free_list(names, n);
  assert_int_equal(n, 188);
  assert_int_equal(rejected, 188);
}

static const i_case *find_i_case(const char *name) {
  size_t i;
  for (i = 0; i < N_I_EXPECTED; i++)
    if (strcmp(i_expected[i].file, name) == 0) return &i_expected[i];
  return NULL;
}

static void every_i_file_gets_its_documented_outcome(void **state) {
  char **names;
  size_t n = list_files('i', &names), i, as_pinned = 0, accepted = 0, syntax = 0, limit = 0;
  (void)state;
  for (i = 0; i < n; i++) {
    const i_case *c = find_i_case(names[i]);
    outcome o = parse_file(names[i]);
    if (o.status == LG_OK) accepted++;
    if (o.status == LG_ESYNTAX) syntax++;
    if (o.status == LG_ELIMIT) limit++;
    if (!c) {
      print_message("i: %s has no pinned outcome\n", names[i]);
    } else if (c->status != o.status || c->flags != o.flags) {
      print_message("i: %s gave %d (flags %u), pinned %d (flags %u)\n", names[i], o.status,
                    o.flags, c->status, c->flags);
    } else {
      as_pinned++;
    }
  }
  print_message("i: %zu handled (%zu accepted, %zu rejected: %zu LG_ESYNTAX, %zu LG_ELIMIT)\n", n,
                accepted, syntax + limit, syntax, limit);
  free_list(names, n);
  assert_int_equal(n, N_I_EXPECTED);
  assert_int_equal(as_pinned, N_I_EXPECTED);
}

/* ---- test_transform: how values are interpreted ---------------------------- */

typedef void (*check_fn)(const char *name, int rc, const lgi_json *root);

static void read_transform(const char *name, check_fn check) {
  char path[512];
  size_t len = 0;
  char *data;
  lgt_alloc t;
  lgi_arena arena;
  const lgi_json *root = NULL;
  lg_error err;
  int rc;
  snprintf(path, sizeof path, "%s/%s", TRANSFORM_DIR, name);
  data = lgt_read_file(path, &len);
  if (!data) fail_msg("cannot read %s", path);
  lgt_alloc_init(&t);
  lgi_arena_init(&arena, &t.base);
  rc = lgi_json_parse(&arena, data, len, &root, &err);
  check(name, rc, root);
  lgi_arena_free(&arena);
  assert_int_equal(t.live_bytes, 0);
  free(data);
}

static double first_number(const char *name, int rc, const lgi_json *root) {
  if (rc != LG_OK) fail_msg("%s: status %d", name, rc);
  assert_int_equal(root->type, LGI_JSON_ARRAY);
  assert_int_equal(root->len, 1);
  assert_int_equal(root->u.items[0].type, LGI_JSON_NUMBER);
  assert_int_equal(root->u.items[0].flags, 0);
  return root->u.items[0].u.num;
}

typedef struct number_case {
  const char *file;
  double value;
} number_case;

/* Numbers read as the nearest double; integers beyond 2^53 round too. */
static const number_case transform_numbers[] = {
    {"number_-9223372036854775808.json", -9223372036854775808.0},
    {"number_-9223372036854775809.json", -9223372036854775808.0},
    {"number_1.0.json", 1.0},
    {"number_1.000000000000000005.json", 1.0},
    {"number_1000000000000000.json", 1e15},
    {"number_10000000000000000999.json", 1e19},
    {"number_1e-999.json", 0.0},
    {"number_1e6.json", 1e6},
    {"number_9223372036854775807.json", 9223372036854775808.0},
    {"number_9223372036854775808.json", 9223372036854775808.0},
};

static double current_number_value; /* what check_number expects */

static void check_number(const char *name, int rc, const lgi_json *root) {
  double v = first_number(name, rc, root);
  if (memcmp(&v, &current_number_value, sizeof v) != 0) fail_msg("%s read as %.17g", name, v);
}

static void check_invalid(const char *name, int rc, const lgi_json *root) {
  (void)root;
  if (rc != LG_ESYNTAX) fail_msg("%s: status %d, want LG_ESYNTAX", name, rc);
}

static const lgi_json_member *two_members(const char *name, int rc, const lgi_json *root) {
  if (rc != LG_OK) fail_msg("%s: status %d", name, rc);
  assert_int_equal(root->type, LGI_JSON_OBJECT);
  assert_int_equal(root->len, 2);
  return root->u.members;
}

/* NFC and NFD spellings are different keys: no normalisation. */
static void check_nfc_nfd(const char *name, int rc, const lgi_json *root) {
  const lgi_json_member *m = two_members(name, rc, root);
  assert_int_equal(m[0].flags, 0);
  assert_int_equal(m[1].flags, 0);
  assert_true(m[0].key_len != m[1].key_len);
}

/* A repeated key is flagged on the repeat; both values are kept. */
static void check_same_key(const char *name, int rc, const lgi_json *root) {
  const lgi_json_member *m = two_members(name, rc, root);
  assert_string_equal(m[0].key, "a");
  assert_int_equal(m[0].flags, 0);
  assert_int_equal(m[1].flags, LGI_JSON_DUP_KEY);
  assert_true(lgi_json_get(root, "a") == &m[0].value);
  if (strstr(name, "unclear")) {
    assert_false(signbit(m[0].value.u.num));
    assert_true(signbit(m[1].value.u.num)); /* -0 keeps its sign */
  } else if (strstr(name, "different")) {
    assert_true(m[0].value.u.num == 1.0 && m[1].value.u.num == 2.0);
  } else {
    assert_true(m[0].value.u.num == 1.0 && m[1].value.u.num == 1.0);
  }
}

static void check_escaped_nul(const char *name, int rc, const lgi_json *root) {
  const lgi_json *s;
  if (rc != LG_OK) fail_msg("%s: status %d", name, rc);
  s = &root->u.items[0];
  assert_int_equal(s->type, LGI_JSON_STRING);
  assert_int_equal(s->len, 3);
  assert_memory_equal(s->u.str, "A\0B", 4);
  assert_int_equal(s->flags, LGI_JSON_HAS_NUL);
}

static void every_transform_file_reads_as_documented(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < sizeof transform_numbers / sizeof transform_numbers[0]; i++) {
    current_number_value = transform_numbers[i].value;
    read_transform(transform_numbers[i].file, check_number);
  }
  read_transform("object_key_nfc_nfd.json", check_nfc_nfd);
  read_transform("object_key_nfd_nfc.json", check_nfc_nfd);
  read_transform("object_same_key_different_values.json", check_same_key);
  read_transform("object_same_key_same_value.json", check_same_key);
  read_transform("object_same_key_unclear_values.json", check_same_key);
  read_transform("string_1_escaped_invalid_codepoint.json", check_invalid);
  read_transform("string_1_invalid_codepoint.json", check_invalid);
  read_transform("string_2_escaped_invalid_codepoints.json", check_invalid);
  read_transform("string_2_invalid_codepoints.json", check_invalid);
  read_transform("string_3_escaped_invalid_codepoints.json", check_invalid);
  read_transform("string_3_invalid_codepoints.json", check_invalid);
  read_transform("string_with_escaped_NULL.json", check_escaped_nul);
  print_message("transform: 22 files read as documented (10 numbers, 5 objects, 7 strings)\n");
}

/* The suite is all there: the counts its README gives, plus the license. */
static void suite_copy_is_complete(void **state) {
  char **names;
  size_t y, n, i;
  char *license;
  size_t len = 0;
  (void)state;
  y = list_files('y', &names);
  free_list(names, y);
  n = list_files('n', &names);
  free_list(names, n);
  i = list_files('i', &names);
  free_list(names, i);
  assert_int_equal(y + n + i, 318);
  license = lgt_read_file(LETGO_TEST_DATA "/json/LICENSE", &len);
  assert_non_null(license);
  assert_non_null(strstr(license, "Nicolas Seriot"));
  free(license);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(suite_copy_is_complete),
      cmocka_unit_test(every_y_file_is_accepted),
      cmocka_unit_test(every_n_file_is_rejected),
      cmocka_unit_test(every_i_file_gets_its_documented_outcome),
      cmocka_unit_test(every_transform_file_reads_as_documented),
  };
  return cmocka_run_group_tests_name("json_conformance", tests, NULL, NULL);
}
