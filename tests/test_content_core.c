/*
 * test_content_core.c - the built-in core packs (content/core.{en,es}.json):
 * they load, both locales hold the same entries with the same metadata and
 * the same personalisation, every text renders for every pronoun set, and
 * the crisis resources are complete for every region we promise to cover.
 *
 * Everything goes through the public API, as an app would see it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <letgo/assess.h>
#include <letgo/catalog.h>
#include <letgo/letgo.h>

#include "test_alloc.h"

/* The kinds the core packs own; other packs add the rest. */
static const char *const core_kinds[] = {"article",  "section",  "sign",      "strategy",
                                         "ritual",   "resource", "disclaimer", NULL};

static const char *const articles[] = {"article.what-is",    "article.why-end",
                                       "article.recognize",  "article.letting-go",
                                       "article.coping",     "article.therapy",
                                       "article.closing",    NULL};
static const char *const sections[] = {"section.therapy-online", "section.crisis-now",
                                       "section.get-help", NULL};
static const char *const signs[] = {"sign.exhausted",     "sign.no-connection",
                                    "sign.always-apologize", "sign.no-compromise",
                                    "sign.needs-last",    "sign.no-repair",
                                    "sign.not-priority",  "sign.no-time-together",
                                    "sign.time-for-others", NULL};
static const char *const strategies[] = {
    "strategy.love-yourself",  "strategy.treat-yourself",       "strategy.set-standard",
    "strategy.self-care-routine", "strategy.know-what-you-want", "strategy.grieve",
    "strategy.lean-on-people", "strategy.boundaries",           "strategy.personal-development",
    "strategy.worthy",         "strategy.stay-open",            "strategy.journal",
    "strategy.visualize",      "strategy.ritual",               "strategy.therapy",
    NULL};
static const char *const regions[] = {"US", "GB", "IE", "ES", "MX", "CA", "AU", NULL};
static const char *const phases[] = {"recognize", "decide", "grieve", "rebuild", "reopen", NULL};
static const char *const locales[] = {"en", "es", NULL};

static int in_list(const char *s, const char *const *list) {
  size_t i;
  if (!s) return 0;
  for (i = 0; list[i]; i++)
    if (strcmp(s, list[i]) == 0) return 1;
  return 0;
}

static int is_core_kind(const lg_entry *e) { return in_list(lg_entry_kind(e), core_kinds); }

static int setup(void **state) {
  lg_catalog *cat = NULL;
  assert_int_equal(lg_catalog_new(&cat, NULL, 0), LG_OK);
  *state = cat;
  return 0;
}

static int teardown(void **state) {
  lg_catalog_free(*state);
  return 0;
}

/* Entries of one kind in one locale, as stored (no fallback). */
static size_t count_kind(const lg_catalog *cat, const char *kind, const char *locale) {
  size_t i, n = 0, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    if (strcmp(lg_entry_kind(e), kind) == 0 && strcmp(lg_entry_locale(e), locale) == 0) n++;
  }
  return n;
}

/* The entry with this id stored in exactly this locale (fallback would hide a gap). */
static const lg_entry *own_entry(const lg_catalog *cat, const char *id, const char *locale) {
  const lg_entry *e = lg_catalog_entry(cat, id, locale);
  return e && strcmp(lg_entry_locale(e), locale) == 0 ? e : NULL;
}

static void assert_ids_of_kind(const lg_catalog *cat, const char *const *ids, const char *kind) {
  size_t i, l;
  for (l = 0; locales[l]; l++) {
    for (i = 0; ids[i]; i++) {
      const lg_entry *e = own_entry(cat, ids[i], locales[l]);
      if (!e) fail_msg("%s is missing in locale %s", ids[i], locales[l]);
      assert_string_equal(lg_entry_kind(e), kind);
    }
  }
}

/* ---- loading ---------------------------------------------------------- */

static void load_pack_file(const char *name) {
  char path[512];
  lg_catalog *cat = NULL;
  lg_error err;
  int rc;
  snprintf(path, sizeof path, "%s/content/%s", LETGO_SOURCE_DIR, name);
  assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
  memset(&err, 0, sizeof err);
  rc = lg_catalog_load_file(cat, path, &err);
  if (rc != LG_OK) fail_msg("%s:%u:%u: %s", name, err.line, err.column, err.message);
  assert_int_equal(lg_catalog_entry_count(cat), 61);
  lg_catalog_free(cat);
}

static void english_pack_loads_on_its_own(void **state) {
  (void)state;
  load_pack_file("core.en.json");
}

static void spanish_pack_loads_on_its_own(void **state) {
  (void)state;
  load_pack_file("core.es.json");
}

static void builtin_catalogue_frees_all_it_allocates(void **state) {
  lgt_alloc t;
  lg_catalog *cat = NULL;
  (void)state;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&cat, &t.base, 0), LG_OK);
  assert_non_null(own_entry(cat, "sign.exhausted", "es"));
  assert_true(t.live_bytes > 0);
  lg_catalog_free(cat);
  assert_int_equal(t.live_bytes, 0);
  assert_int_equal(t.live_blocks, 0);
}

/* ---- counts ----------------------------------------------------------- */

static void every_locale_has_the_named_articles_and_sections(void **state) {
  lg_catalog *cat = *state;
  assert_ids_of_kind(cat, articles, "article");
  assert_ids_of_kind(cat, sections, "section");
  assert_non_null(own_entry(cat, "disclaimer.main", "en"));
  assert_non_null(own_entry(cat, "disclaimer.main", "es"));
  assert_string_equal(lg_entry_kind(own_entry(cat, "disclaimer.main", "es")), "disclaimer");
}

static void every_locale_has_exactly_the_nine_signs(void **state) {
  lg_catalog *cat = *state;
  size_t l;
  assert_ids_of_kind(cat, signs, "sign");
  for (l = 0; locales[l]; l++) {
    assert_int_equal(count_kind(cat, "sign", locales[l]), 9);
    assert_int_equal(count_kind(cat, "disclaimer", locales[l]), 1);
  }
}

static void every_locale_has_the_strategies_and_rituals(void **state) {
  lg_catalog *cat = *state;
  size_t i, l, total = lg_catalog_entry_count(cat);
  assert_ids_of_kind(cat, strategies, "strategy");
  for (l = 0; locales[l]; l++) {
    size_t rituals = 0;
    assert_true(count_kind(cat, "strategy", locales[l]) >= 15);
    assert_true(count_kind(cat, "article", locales[l]) >= 7);
    assert_true(count_kind(cat, "section", locales[l]) >= 3);
    for (i = 0; i < total; i++) {
      const lg_entry *e = lg_catalog_entry_at(cat, i);
      size_t t, tagged = 0;
      if (strcmp(lg_entry_kind(e), "ritual") != 0 || strcmp(lg_entry_locale(e), locales[l]) != 0)
        continue;
      for (t = 0; t < lg_entry_tag_count(e); t++)
        if (strcmp(lg_entry_tag(e, t), "ritual") == 0) tagged = 1;
      if (!tagged) fail_msg("%s (%s) lacks the tag ritual", lg_entry_id(e), locales[l]);
      assert_non_null(lg_entry_phase(e));
      assert_string_equal(lg_entry_phase(e), "grieve");
      rituals++;
    }
    assert_true(rituals >= 6);
  }
}

/* ---- the two locales agree --------------------------------------------- */

/* What a text personalises: bit 0 the reader's name, bit 1 the partner (by
 * name or pronoun). Spanish words the partner without pronouns where
 * English uses them, so the two agree on who is named, not on the forms. */
static unsigned personalisation(const char *text) {
  unsigned who = 0;
  const char *p = text;
  while ((p = strchr(p, '{')) != NULL) {
    const char *end = strchr(p, '}');
    if (!end) break;
    if ((size_t)(end - p) == 5 && strncmp(p, "{name}", 6) == 0)
      who |= 1u;
    else
      who |= 2u;
    p = end + 1;
  }
  return who;
}

/* True when every placeholder of `es` is {partner}/{Partner}/{name} or also occurs in `en`. */
static int placeholders_covered(const char *es, const char *en) {
  const char *p = es;
  while ((p = strchr(p, '{')) != NULL) {
    const char *end = strchr(p, '}');
    char ph[32];
    size_t n;
    if (!end) return 0;
    n = (size_t)(end - p) + 1;
    if (n >= sizeof ph) return 0;
    memcpy(ph, p, n);
    ph[n] = '\0';
    if (strcmp(ph, "{partner}") != 0 && strcmp(ph, "{Partner}") != 0 &&
        strcmp(ph, "{name}") != 0 && !strstr(en, ph))
      return 0;
    p = end + 1;
  }
  return 1;
}

static int same_tags(const lg_entry *a, const lg_entry *b) {
  size_t i;
  if (lg_entry_tag_count(a) != lg_entry_tag_count(b)) return 0;
  for (i = 0; i < lg_entry_tag_count(a); i++)
    if (strcmp(lg_entry_tag(a, i), lg_entry_tag(b, i)) != 0) return 0;
  return 1;
}

static int same_str(const char *a, const char *b) {
  if (!a || !b) return a == b;
  return strcmp(a, b) == 0;
}

static int same_regions(const lg_entry *a, const lg_entry *b) {
  size_t i;
  if (lg_entry_region_count(a) != lg_entry_region_count(b)) return 0;
  for (i = 0; i < lg_entry_region_count(a); i++)
    if (strcmp(lg_entry_region(a, i), lg_entry_region(b, i)) != 0) return 0;
  return 1;
}

static void both_locales_hold_the_same_core_entries(void **state) {
  lg_catalog *cat = *state;
  size_t i, total = lg_catalog_entry_count(cat), en = 0, es = 0;
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    const char *other;
    if (!is_core_kind(e)) continue;
    if (strcmp(lg_entry_locale(e), "en") == 0) {
      en++;
      other = "es";
    } else {
      assert_string_equal(lg_entry_locale(e), "es");
      es++;
      other = "en";
    }
    if (!own_entry(cat, lg_entry_id(e), other))
      fail_msg("%s exists in %s but not in %s", lg_entry_id(e), lg_entry_locale(e), other);
  }
  assert_int_equal(en, es);
  for (i = 0; i < total; i++) {
    const lg_entry *a = lg_catalog_entry_at(cat, i), *b;
    if (!is_core_kind(a) || strcmp(lg_entry_locale(a), "en") != 0) continue;
    b = own_entry(cat, lg_entry_id(a), "es");
    assert_string_equal(lg_entry_kind(a), lg_entry_kind(b));
    if (!same_tags(a, b)) fail_msg("%s: tags differ between en and es", lg_entry_id(a));
    if (!same_str(lg_entry_phase(a), lg_entry_phase(b)))
      fail_msg("%s: phase differs between en and es", lg_entry_id(a));
    if (!same_regions(a, b)) fail_msg("%s: regions differ between en and es", lg_entry_id(a));
    if (!same_str(lg_entry_contact(a, "phone"), lg_entry_contact(b, "phone")) ||
        !same_str(lg_entry_contact(a, "sms"), lg_entry_contact(b, "sms")) ||
        !same_str(lg_entry_contact(a, "url"), lg_entry_contact(b, "url")))
      fail_msg("%s: contact differs between en and es", lg_entry_id(a));
    if (!same_str(lg_entry_checked(a), lg_entry_checked(b)))
      fail_msg("%s: checked differs between en and es", lg_entry_id(a));
  }
}

static void both_locales_personalise_the_same_texts(void **state) {
  lg_catalog *cat = *state;
  size_t i, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *a = lg_catalog_entry_at(cat, i), *b;
    if (!is_core_kind(a) || strcmp(lg_entry_locale(a), "en") != 0) continue;
    b = own_entry(cat, lg_entry_id(a), "es");
    assert_non_null(b);
    if (personalisation(lg_entry_title(a)) != personalisation(lg_entry_title(b)))
      fail_msg("%s: the titles name different people in en and es", lg_entry_id(a));
    if (personalisation(lg_entry_body(a)) != personalisation(lg_entry_body(b)))
      fail_msg("%s: the bodies name different people in en and es", lg_entry_id(a));
    if (!placeholders_covered(lg_entry_title(b), lg_entry_title(a)) ||
        !placeholders_covered(lg_entry_body(b), lg_entry_body(a)))
      fail_msg("%s: es uses a pronoun placeholder en does not", lg_entry_id(a));
  }
}

/* ---- every text is there and renders ----------------------------------- */

static void assert_renders(const lg_catalog *cat, const lg_entry *e, const char *text,
                           const char *const *vars) {
  char buf[4096];
  size_t len = 0;
  int rc = lg_render(cat, text, lg_entry_locale(e), vars, buf, sizeof buf, &len);
  if (rc != LG_OK) fail_msg("%s (%s): lg_render gave %d", lg_entry_id(e), lg_entry_locale(e), rc);
  assert_int_equal(strlen(buf), len);
  if (len == 0) fail_msg("%s (%s) renders empty", lg_entry_id(e), lg_entry_locale(e));
  if (strchr(buf, '{') || strchr(buf, '}'))
    fail_msg("%s (%s) renders with a brace left: %s", lg_entry_id(e), lg_entry_locale(e), buf);
}

static void every_core_text_is_non_empty_and_renders_for_every_partner(void **state) {
  static const char *const they[] = {"partner_pronouns", "they", NULL};
  static const char *const he[] = {"name", "Alex", "partner_name", "Sam", "partner_pronouns",
                                   "he", NULL};
  static const char *const she[] = {"partner_name", "Sam", "partner_pronouns", "she", NULL};
  static const char *const *const sets[] = {NULL, they, he, she};
  lg_catalog *cat = *state;
  size_t i, s, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    const char *phase = lg_entry_phase(e);
    if (!is_core_kind(e)) continue;
    if (!lg_entry_title(e)[0] || !lg_entry_body(e)[0])
      fail_msg("%s (%s) has an empty text", lg_entry_id(e), lg_entry_locale(e));
    if (phase && !in_list(phase, phases)) fail_msg("%s: bad phase %s", lg_entry_id(e), phase);
    for (s = 0; s < sizeof sets / sizeof sets[0]; s++) {
      assert_renders(cat, e, lg_entry_title(e), sets[s]);
      assert_renders(cat, e, lg_entry_body(e), sets[s]);
    }
  }
}

static void a_sign_reads_naturally_for_each_partner(void **state) {
  static const char *const he[] = {"partner_pronouns", "he", NULL};
  static const char *const named[] = {"partner_name", "Sam", "partner_pronouns", "she", NULL};
  lg_catalog *cat = *state;
  const lg_entry *e = own_entry(cat, "sign.no-compromise", "en");
  char buf[1024];
  size_t len;
  assert_non_null(e);
  assert_int_equal(lg_render(cat, lg_entry_title(e), "en", NULL, buf, sizeof buf, &len), LG_OK);
  assert_string_equal(buf, "Your partner never meets you halfway");
  assert_int_equal(lg_render(cat, lg_entry_body(e), "en", he, buf, sizeof buf, &len), LG_OK);
  assert_non_null(strstr(buf, "going his way"));
  assert_non_null(strstr(buf, "a time he gave something up"));
  assert_int_equal(lg_render(cat, lg_entry_body(e), "en", named, buf, sizeof buf, &len), LG_OK);
  assert_non_null(strstr(buf, "and Sam's differ"));
  assert_non_null(strstr(buf, "going her way"));
  e = own_entry(cat, "sign.no-compromise", "es");
  assert_int_equal(lg_render(cat, lg_entry_title(e), "es", NULL, buf, sizeof buf, &len), LG_OK);
  assert_string_equal(buf, "Tu pareja nunca cede");
}

/* ---- crisis resources -------------------------------------------------- */

static int is_date(const char *s) {
  size_t i;
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
  for (i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
  return 1;
}

static int is_region(const char *s) {
  if (!s) return 0;
  if (strcmp(s, "*") == 0) return 1;
  return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static int has_tag(const lg_entry *e, const char *tag) {
  size_t i;
  for (i = 0; i < lg_entry_tag_count(e); i++)
    if (strcmp(lg_entry_tag(e, i), tag) == 0) return 1;
  return 0;
}

static int serves(const lg_entry *e, const char *region) {
  size_t i;
  for (i = 0; i < lg_entry_region_count(e); i++)
    if (strcmp(lg_entry_region(e, i), region) == 0) return 1;
  return 0;
}

static void every_crisis_resource_is_complete(void **state) {
  lg_catalog *cat = *state;
  size_t i, l, total = lg_catalog_entry_count(cat);
  for (l = 0; locales[l]; l++) {
    size_t n = 0;
    for (i = 0; i < total; i++) {
      const lg_entry *e = lg_catalog_entry_at(cat, i);
      const char *url, *id = lg_entry_id(e);
      size_t r;
      if (strcmp(lg_entry_kind(e), "resource") != 0 || strcmp(lg_entry_locale(e), locales[l]) != 0)
        continue;
      n++;
      if (!has_tag(e, "crisis")) fail_msg("%s lacks the tag crisis", id);
      if (lg_entry_region_count(e) == 0) fail_msg("%s has no regions", id);
      for (r = 0; r < lg_entry_region_count(e); r++)
        if (!is_region(lg_entry_region(e, r))) fail_msg("%s: bad region", id);
      if (!lg_entry_contact(e, "phone") && !lg_entry_contact(e, "sms") &&
          !lg_entry_contact(e, "url"))
        fail_msg("%s has no contact", id);
      url = lg_entry_contact(e, "url");
      if (url && strncmp(url, "https://", 8) != 0) fail_msg("%s: url is not https", id);
      if (!lg_entry_source(e) || !lg_entry_source(e)[0]) fail_msg("%s has no source", id);
      if (!is_date(lg_entry_checked(e))) fail_msg("%s has no checked date", id);
    }
    assert_int_equal(n, 19);
  }
}

static void every_promised_region_has_a_crisis_resource(void **state) {
  lg_catalog *cat = *state;
  size_t i, r, l, total = lg_catalog_entry_count(cat);
  for (l = 0; locales[l]; l++) {
    for (r = 0; regions[r]; r++) {
      size_t n = 0;
      for (i = 0; i < total; i++) {
        const lg_entry *e = lg_catalog_entry_at(cat, i);
        if (strcmp(lg_entry_kind(e), "resource") == 0 &&
            strcmp(lg_entry_locale(e), locales[l]) == 0 && serves(e, regions[r]))
          n++;
      }
      if (n < 2) fail_msg("region %s has %u crisis resources in %s", regions[r], (unsigned)n,
                          locales[l]);
    }
    assert_true(serves(own_entry(cat, "resource.find-a-helpline", locales[l]), "*"));
    assert_string_equal(lg_entry_contact(own_entry(cat, "resource.find-a-helpline", locales[l]),
                                         "url"),
                        "https://findahelpline.com");
  }
}

static void crisis_numbers_are_exactly_right(void **state) {
  static const struct {
    const char *id, *phone, *sms, *region;
  } want[] = {
      {"resource.us-988", "988", "988", "US"},
      {"resource.us-crisis-text-line", NULL, "741741", "US"},
      {"resource.us-911", "911", NULL, "US"},
      {"resource.samaritans", "116 123", NULL, "GB"},
      {"resource.samaritans", "116 123", NULL, "IE"},
      {"resource.gb-shout", NULL, "85258", "GB"},
      {"resource.gb-999", "999", NULL, "GB"},
      {"resource.ie-pieta", "1800 247 247", "51444", "IE"},
      {"resource.ie-50808", NULL, "50808", "IE"},
      {"resource.ie-112", "112", NULL, "IE"},
      {"resource.es-024", "024", NULL, "ES"},
      {"resource.es-esperanza", "717 003 717", NULL, "ES"},
      {"resource.es-112", "112", NULL, "ES"},
      {"resource.mx-linea-vida", "800 911 2000", NULL, "MX"},
      {"resource.mx-911", "911", NULL, "MX"},
      {"resource.ca-988", "988", "988", "CA"},
      {"resource.ca-911", "911", NULL, "CA"},
      {"resource.au-lifeline", "13 11 14", "0477 13 11 14", "AU"},
      {"resource.au-000", "000", NULL, "AU"},
  };
  lg_catalog *cat = *state;
  size_t i, l;
  for (l = 0; locales[l]; l++) {
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
      const lg_entry *e = own_entry(cat, want[i].id, locales[l]);
      if (!e) fail_msg("%s is missing in %s", want[i].id, locales[l]);
      assert_true(serves(e, want[i].region));
      assert_true(same_str(lg_entry_contact(e, "phone"), want[i].phone));
      assert_true(same_str(lg_entry_contact(e, "sms"), want[i].sms));
      /* The number a person reads is the number an app dials. */
      if (want[i].phone) assert_non_null(strstr(lg_entry_body(e), want[i].phone));
      if (want[i].sms) assert_non_null(strstr(lg_entry_body(e), want[i].sms));
    }
  }
}

/* ---- the questionnaire links every sign -------------------------------- */

static double extreme(const lg_item *it, int high) {
  size_t i, n = lg_item_option_count(it);
  double v;
  if (lg_item_type(it) != LG_ITEM_CHOICE || n == 0) return high ? lg_item_max(it) : lg_item_min(it);
  v = lg_item_option_value(it, 0);
  for (i = 1; i < n; i++) {
    double o = lg_item_option_value(it, i);
    if (high ? o > v : o < v) v = o;
  }
  return v;
}

/* Answers every item at one end of its range; marks the signs given as feedback. */
static void collect_feedback(const lg_catalog *cat, const char *locale, int high, int *seen) {
  lg_session *s = NULL;
  lg_result *r = NULL;
  const lg_item *it;
  size_t i, k;
  assert_int_equal(lg_session_new(&s, cat, "one-sided", locale), LG_OK);
  while ((it = lg_session_next(s)) != NULL)
    assert_int_equal(lg_session_answer(s, lg_item_id(it), extreme(it, high)), LG_OK);
  assert_int_equal(lg_session_score(s, &r), LG_OK);
  for (i = 0; i < lg_result_feedback_count(r); i++) {
    const char *id = lg_result_feedback(r, i);
    assert_non_null(lg_catalog_entry(cat, id, locale));
    for (k = 0; signs[k]; k++)
      if (strcmp(id, signs[k]) == 0) seen[k] = 1;
  }
  lg_result_free(r);
  lg_session_free(s);
}

static void the_one_sided_questionnaire_links_every_sign(void **state) {
  lg_catalog *cat = *state;
  size_t k, l;
  for (l = 0; locales[l]; l++) {
    int seen[9] = {0};
    collect_feedback(cat, locales[l], 1, seen);
    collect_feedback(cat, locales[l], 0, seen);
    for (k = 0; signs[k]; k++)
      if (!seen[k]) fail_msg("%s is never given as feedback by one-sided (%s)", signs[k], locales[l]);
  }
}

/* ---- findable by the words a person would type ------------------------- */

static int found(const lg_catalog *cat, const char *query, const char *locale, const char *id) {
  lg_hit hits[64];
  size_t i, total = 0;
  assert_int_equal(lg_catalog_search(cat, query, locale, hits, 64, &total), LG_OK);
  for (i = 0; i < total && i < 64; i++)
    if (strcmp(lg_entry_id(hits[i].entry), id) == 0) return 1;
  return 0;
}

static void the_ritual_tag_lists_every_ritual(void **state) {
  lg_catalog *cat = *state;
  size_t i, l, total = lg_catalog_entry_count(cat);
  for (l = 0; locales[l]; l++) {
    for (i = 0; i < total; i++) {
      const lg_entry *e = lg_catalog_entry_at(cat, i);
      if (strcmp(lg_entry_kind(e), "ritual") != 0 || strcmp(lg_entry_locale(e), locales[l]) != 0)
        continue;
      if (!found(cat, "tag:ritual", locales[l], lg_entry_id(e)))
        fail_msg("tag:ritual misses %s (%s)", lg_entry_id(e), locales[l]);
    }
    assert_true(found(cat, "tag:ritual", locales[l], "strategy.ritual"));
  }
}

static void a_sign_is_found_by_its_plain_word(void **state) {
  static const struct {
    const char *locale, *query, *id;
  } want[] = {
      {"en", "tiredness", "sign.exhausted"},       {"es", "cansancio", "sign.exhausted"},
      {"en", "apologize", "sign.always-apologize"}, {"es", "perdón", "sign.always-apologize"},
      {"en", "compromise", "sign.no-compromise"},   {"es", "ceder", "sign.no-compromise"},
      {"en", "chosen", "sign.not-priority"},        {"es", "prioridad", "sign.not-priority"},
      {"en", "boundary", "strategy.boundaries"},    {"es", "límite", "strategy.boundaries"},
  };
  lg_catalog *cat = *state;
  size_t i;
  for (i = 0; i < sizeof want / sizeof want[0]; i++)
    if (!found(cat, want[i].query, want[i].locale, want[i].id))
      fail_msg("searching \"%s\" (%s) misses %s", want[i].query, want[i].locale, want[i].id);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(english_pack_loads_on_its_own),
      cmocka_unit_test(spanish_pack_loads_on_its_own),
      cmocka_unit_test(builtin_catalogue_frees_all_it_allocates),
      cmocka_unit_test(every_locale_has_the_named_articles_and_sections),
      cmocka_unit_test(every_locale_has_exactly_the_nine_signs),
      cmocka_unit_test(every_locale_has_the_strategies_and_rituals),
      cmocka_unit_test(both_locales_hold_the_same_core_entries),
      cmocka_unit_test(both_locales_personalise_the_same_texts),
      cmocka_unit_test(every_core_text_is_non_empty_and_renders_for_every_partner),
      cmocka_unit_test(a_sign_reads_naturally_for_each_partner),
      cmocka_unit_test(every_crisis_resource_is_complete),
      cmocka_unit_test(every_promised_region_has_a_crisis_resource),
      cmocka_unit_test(crisis_numbers_are_exactly_right),
      cmocka_unit_test(the_one_sided_questionnaire_links_every_sign),
      cmocka_unit_test(the_ritual_tag_lists_every_ritual),
      cmocka_unit_test(a_sign_is_found_by_its_plain_word),
  };
  return cmocka_run_group_tests_name("content_core", tests, setup, teardown);
}
