/* test_catalog_lookup.c - finding entries: locale fallback, catalogue
 * order, crisis resources and the internal lookups assess/ and plan/ use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/catalog.h"
#include "catalog/search.h"
#include "letgo/letgo.h"
#include "test_alloc.h"

static int load_str(lg_catalog *cat, const char *json) {
  lg_error err;
  int rc = lg_catalog_load(cat, json, strlen(json), &err);
  if (rc != LG_OK) fail_msg("%s", err.message);
  return rc;
}

#define PACK(locale, entries)                                                                   \
  "{\"format\":\"letgo-pack/1\",\"id\":\"p\",\"version\":\"1.0.0\",\"locale\":\"" locale       \
  "\",\"entries\":[" entries "]}"
#define ENTRY(id, body) "{\"id\":\"" id "\",\"kind\":\"tip\",\"title\":\"t\",\"body\":\"" body "\"}"
#define RESOURCE(id, body, regions)                                                              \
  "{\"id\":\"" id "\",\"kind\":\"resource\",\"title\":\"t\",\"body\":\"" body                   \
  "\",\"tags\":[\"crisis\"],\"regions\":[" regions "],\"contact\":{\"phone\":\"1\"}}"

static int setup(void **state) {
  lg_catalog *cat = NULL;
  if (lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY) != LG_OK) return -1;
  load_str(cat, PACK("en", ENTRY("tip.both", "en both") "," ENTRY("tip.en-only", "en only") ","
                               RESOURCE("resource.us", "us en", "\"US\"") ","
                               RESOURCE("resource.world", "world en", "\"*\"") ","
                               RESOURCE("resource.mx", "mx en", "\"MX\", \"US\"") ","
                               "{\"id\":\"resource.other\",\"kind\":\"resource\",\"title\":\"t\","
                               "\"body\":\"not crisis\",\"regions\":[\"US\"]}"));
  load_str(cat, PACK("es", ENTRY("tip.both", "es both") "," ENTRY("tip.es-only", "es only") ","
                               RESOURCE("resource.mx", "mx es", "\"MX\", \"US\"")));
  load_str(cat, PACK("es-MX", ENTRY("tip.both", "es-mx both")));
  *state = cat;
  return 0;
}

static int teardown(void **state) {
  lg_catalog_free(*state);
  return 0;
}

static const char *body(const lg_catalog *cat, const char *id, const char *locale) {
  const lg_entry *e = lg_catalog_entry(cat, id, locale);
  return e ? lg_entry_body(e) : "(none)";
}

static void lookup_falls_back_from_tag_to_parent_to_default(void **state) {
  const lg_catalog *cat = *state;
  assert_string_equal(body(cat, "tip.both", "es-MX"), "es-mx both");
  assert_string_equal(body(cat, "tip.both", "es-AR"), "es both");
  assert_string_equal(body(cat, "tip.both", "es"), "es both");
  assert_string_equal(body(cat, "tip.both", "en"), "en both");
  assert_string_equal(body(cat, "tip.both", "fr"), "en both");
  assert_string_equal(body(cat, "tip.both", NULL), "en both");
  assert_string_equal(body(cat, "tip.both", "es-Latn-MX-x-foo"), "es both");
  /* Missing in the requested locale: the parent's, then the default's. */
  assert_string_equal(body(cat, "tip.es-only", "es-MX"), "es only");
  assert_string_equal(body(cat, "tip.en-only", "es-MX"), "en only");
  /* Only the default is a fallback, not every locale. */
  assert_string_equal(body(cat, "tip.es-only", "en"), "(none)");
  assert_string_equal(body(cat, "tip.es-only", "fr"), "(none)");
  assert_string_equal(body(cat, "tip.missing", "es"), "(none)");
}

static void locale_tags_match_case_insensitively(void **state) {
  const lg_catalog *cat = *state;
  assert_string_equal(body(cat, "tip.both", "ES-mx"), "es-mx both");
  assert_string_equal(body(cat, "tip.both", "es_MX"), "es-mx both");
  assert_string_equal(body(cat, "tip.both", "ES"), "es both");
  assert_string_equal(body(cat, "tip.both", "EN"), "en both");
  assert_string_equal(body(cat, "tip.both", ""), "en both");
  assert_string_equal(body(cat, "tip.both", "a-very-long-tag-that-is-not-a-locale-at-all"),
                      "en both");
}

static void resolve_locale_names_the_first_locale_held(void **state) {
  const lg_catalog *cat = *state;
  assert_string_equal(lgi_catalog_resolve_locale(cat, "es-MX"), "es-mx");
  assert_string_equal(lgi_catalog_resolve_locale(cat, "es-AR"), "es");
  assert_string_equal(lgi_catalog_resolve_locale(cat, "ES"), "es");
  assert_string_equal(lgi_catalog_resolve_locale(cat, "de"), "en");
  assert_string_equal(lgi_catalog_resolve_locale(cat, NULL), "en");
  assert_string_equal(lgi_catalog_resolve_locale(NULL, "es"), "en");
}

static void entries_keep_catalogue_order(void **state) {
  const lg_catalog *cat = *state;
  static const char *const order[] = {"tip.both@en",    "tip.en-only@en",   "resource.us@en",
                                      "resource.world@en", "resource.mx@en", "resource.other@en",
                                      "tip.both@es",    "tip.es-only@es",   "resource.mx@es",
                                      "tip.both@es-mx"};
  const lg_entry *const *all = NULL;
  size_t i;
  assert_int_equal(lg_catalog_entry_count(cat), 10);
  assert_int_equal(lgi_catalog_entries(cat, &all), 10);
  for (i = 0; i < 10; i++) {
    char want[64];
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    strcpy(want, lg_entry_id(e));
    strcat(want, "@");
    strcat(want, lg_entry_locale(e));
    assert_string_equal(want, order[i]);
    assert_ptr_equal(all[i], e);
  }
  assert_non_null(lgi_catalog_index(cat));
}

static void crisis_resources_list_the_region_then_everywhere(void **state) {
  const lg_catalog *cat = *state;
  const lg_entry *out[8];
  size_t n = lgi_catalog_crisis_resources(cat, "us", "en", out, 8);
  assert_int_equal(n, 3);
  assert_string_equal(lg_entry_id(out[0]), "resource.us");
  assert_string_equal(lg_entry_id(out[1]), "resource.mx");
  assert_string_equal(lg_entry_id(out[2]), "resource.world");
  /* Resolved in the reader's locale, with fallback for the rest. */
  n = lgi_catalog_crisis_resources(cat, "MX", "es-MX", out, 8);
  assert_int_equal(n, 2);
  assert_string_equal(lg_entry_body(out[0]), "mx es");
  assert_string_equal(lg_entry_body(out[1]), "world en");
  /* A region nobody serves still gets the directory. */
  n = lgi_catalog_crisis_resources(cat, "JP", "en", out, 8);
  assert_int_equal(n, 1);
  assert_string_equal(lg_entry_id(out[0]), "resource.world");
  /* No region: every crisis resource once; max limits what is written. */
  n = lgi_catalog_crisis_resources(cat, NULL, "es", out, 2);
  assert_int_equal(n, 3);
  assert_string_equal(lg_entry_id(out[0]), "resource.us");
  assert_string_equal(lg_entry_body(out[1]), "world en");
  assert_int_equal(lgi_catalog_crisis_resources(NULL, NULL, NULL, out, 8), 0);
}

static void no_instruments_or_templates_in_a_plain_catalogue(void **state) {
  const lg_catalog *cat = *state;
  assert_int_equal(lg_catalog_instrument_count(cat), 0);
  assert_null(lg_catalog_instrument_id(cat, 0));
  assert_int_equal(lg_catalog_template_count(cat), 0);
  assert_null(lg_catalog_template_id(cat, 0));
  assert_null(lgi_catalog_instrument(cat, "one-sided", "en"));
  assert_null(lgi_catalog_template(cat, "let-go", "en"));
  assert_non_null(lgi_catalog_alloc(cat));
}

static void a_large_catalogue_finds_every_entry(void **state) {
  /* Enough entries to grow the hash table several times over loads. */
  lg_catalog *cat = NULL;
  char *json = malloc(1 << 20);
  size_t round, i;
  (void)state;
  assert_non_null(json);
  assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
  for (round = 0; round < 4; round++) {
    size_t n = 0;
    n += (size_t)sprintf(json + n, "{\"format\":\"letgo-pack/1\",\"id\":\"big\",\"version\":"
                                   "\"1.0.0\",\"locale\":\"%s\",\"entries\":[",
                         round % 2 ? "es" : "en");
    for (i = 0; i < 3000; i++)
      n += (size_t)sprintf(json + n,
                           "%s{\"id\":\"e.%zu\",\"kind\":\"tip\",\"title\":\"t\",\"body\":\"%zu\"}",
                           i ? "," : "", i + round * 1000, round);
    n += (size_t)sprintf(json + n, "]}");
    assert_int_equal(lg_catalog_load(cat, json, n, NULL), LG_OK);
  }
  /* en: 0..2999 (round 0), overridden 2000..4999 by round 2; es likewise. */
  assert_int_equal(lg_catalog_entry_count(cat), 10000);
  for (i = 0; i < 6000; i++) {
    char id[32];
    const lg_entry *e;
    sprintf(id, "e.%zu", i);
    e = lg_catalog_entry(cat, id, "en");
    if (i < 5000) {
      assert_non_null(e);
      assert_string_equal(lg_entry_body(e), i < 2000 ? "0" : "2");
    } else {
      assert_null(e);
    }
    e = lg_catalog_entry(cat, id, "es");
    if (i >= 1000 && i < 6000) {
      assert_non_null(e);
      assert_string_equal(lg_entry_locale(e), "es");
      assert_string_equal(lg_entry_body(e), i < 3000 ? "1" : "3");
    }
  }
  lg_catalog_free(cat);
  free(json);
}


/* ---- instruments and plan templates ------------------------------------------ */

#define LABELS                                                                                  \
  "{\"id\":\"label.yes\",\"kind\":\"label\",\"title\":\"Yes\",\"body\":\"Yes\"},"            \
  "{\"id\":\"label.no\",\"kind\":\"label\",\"title\":\"No\",\"body\":\"No\"}"
#define QUIZ(id, title)                                                                         \
  "{\"id\":\"" id "\",\"title\":\"" title "\",\"intro\":\"I\",\"items\":[{\"id\":\"a\","          \
  "\"type\":\"yesno\",\"text\":\"Q?\"}],\"bands\":[{\"id\":\"low\",\"max\":1,\"label\":\"L\","     \
  "\"summary\":\"S\"}]}"
#define IPACK(locale, instruments)                                                              \
  "{\"format\":\"letgo-pack/1\",\"id\":\"q\",\"version\":\"1.0.0\",\"locale\":\"" locale         \
  "\",\"entries\":[" LABELS "],\"instruments\":[" instruments "]}"

static void instruments_override_by_id_and_locale(void **state) {
  lg_catalog *cat = NULL;
  const lgi_instrument *first, *es;
  lg_error err;
  (void)state;
  assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
  load_str(cat, IPACK("en", QUIZ("quiz", "One")));
  first = lgi_catalog_instrument(cat, "quiz", "en");
  assert_non_null(first);
  assert_string_equal(lgi_instrument_id(first), "quiz");
  assert_int_equal(lg_catalog_instrument_count(cat), 1);
  /* Same id and locale: replaced in place; a new id goes after it. */
  load_str(cat, IPACK("en", QUIZ("other", "Other") "," QUIZ("quiz", "Two")));
  assert_int_equal(lg_catalog_instrument_count(cat), 2);
  assert_string_equal(lg_catalog_instrument_id(cat, 0), "quiz");
  assert_string_equal(lg_catalog_instrument_id(cat, 1), "other");
  assert_null(lg_catalog_instrument_id(cat, 2));
  assert_ptr_not_equal(lgi_catalog_instrument(cat, "quiz", "en"), first);
  /* Another locale: a translation, found with fallback; ids stay distinct. */
  load_str(cat, IPACK("es", QUIZ("quiz", "Uno")));
  assert_int_equal(lg_catalog_instrument_count(cat), 2);
  es = lgi_catalog_instrument(cat, "quiz", "es-MX");
  assert_non_null(es);
  assert_ptr_not_equal(es, lgi_catalog_instrument(cat, "quiz", "en"));
  assert_ptr_equal(lgi_catalog_instrument(cat, "other", "es"), lgi_catalog_instrument(cat, "other", "en"));
  assert_ptr_equal(lgi_catalog_instrument(cat, "quiz", "fr"), lgi_catalog_instrument(cat, "quiz", NULL));
  assert_null(lgi_catalog_instrument(cat, "none", "en"));
  assert_null(lgi_catalog_instrument(cat, NULL, "en"));
  /* Twice in one pack is an error at the second one's id. */
  {
    static const char dup[] = IPACK("en", QUIZ("quiz", "A") "," QUIZ("quiz", "B"));
    assert_int_equal(lg_catalog_load(cat, dup, strlen(dup), &err), LG_ESCHEMA);
    assert_string_equal(err.path, "/instruments/1/id");
    assert_non_null(strstr(err.message, "\"quiz\" is already the id of another instrument"));
  }
  assert_ptr_equal(lgi_catalog_instrument(cat, "quiz", "es"), es);
  lg_catalog_free(cat);
}

static void the_builtin_catalogue_lists_its_instruments_and_template(void **state) {
  lg_catalog *cat = NULL;
  static const char *const ids[] = {"one-sided", "readiness", "checkin", "support"};
  size_t i, len = 0;
  char *plan;
  const lgi_template *en;
  (void)state;
  assert_int_equal(lg_catalog_new(&cat, NULL, 0), LG_OK);
  assert_int_equal(lg_catalog_instrument_count(cat), 4);
  for (i = 0; i < 4; i++) {
    const char *id = lg_catalog_instrument_id(cat, i);
    size_t k;
    for (k = 0; k < 4 && strcmp(ids[k], id) != 0; k++) {
    }
    assert_true(k < 4);
    assert_non_null(lgi_catalog_instrument(cat, id, "es-MX"));
    assert_ptr_not_equal(lgi_catalog_instrument(cat, id, "es-MX"),
                         lgi_catalog_instrument(cat, id, "en"));
  }
  assert_int_equal(lg_catalog_template_count(cat), 1);
  assert_string_equal(lg_catalog_template_id(cat, 0), "let-go");
  assert_null(lg_catalog_template_id(cat, 1));
  en = lgi_catalog_template(cat, "let-go", "en");
  assert_non_null(en);
  assert_string_equal(lgi_template_id(en), "let-go");
  assert_ptr_not_equal(lgi_catalog_template(cat, "let-go", "ES"), en);
  assert_ptr_equal(lgi_catalog_template(cat, "let-go", "de"), en);
  /* Loading the English plan pack again replaces the English template. */
  plan = lgt_read_file(LETGO_SOURCE_DIR "/content/plan.en.json", &len);
  assert_non_null(plan);
  assert_int_equal(lg_catalog_load(cat, plan, len, NULL), LG_OK);
  assert_int_equal(lg_catalog_template_count(cat), 1);
  assert_non_null(lgi_catalog_template(cat, "let-go", "en"));
  assert_ptr_not_equal(lgi_catalog_template(cat, "let-go", "en"), en);
  free(plan);
  lg_catalog_free(cat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lookup_falls_back_from_tag_to_parent_to_default),
      cmocka_unit_test(locale_tags_match_case_insensitively),
      cmocka_unit_test(resolve_locale_names_the_first_locale_held),
      cmocka_unit_test(entries_keep_catalogue_order),
      cmocka_unit_test(crisis_resources_list_the_region_then_everywhere),
      cmocka_unit_test(no_instruments_or_templates_in_a_plain_catalogue),
      cmocka_unit_test(a_large_catalogue_finds_every_entry),
      cmocka_unit_test(instruments_override_by_id_and_locale),
      cmocka_unit_test(the_builtin_catalogue_lists_its_instruments_and_template),
  };
  return cmocka_run_group_tests_name("catalog_lookup", tests, setup, teardown);
}
