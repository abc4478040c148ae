/*
 * test_content_practice.c - the built-in practice packs (journal prompts,
 * affirmations, exercises, tips), checked through the public API on the
 * catalogue lg_catalog_new builds: counts per locale, lengths, tags and
 * phases, interests, support styles, and that English and Spanish carry the
 * same ids, tags, phases and placeholders.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <letgo/catalog.h>
#include <letgo/letgo.h>

#define N_LOCALES 2
#define MAX_SHORT_BODY 400 /* bytes, stricter than characters */
#define MAX_PLACEHOLDERS 16
#define PLACEHOLDER_MAX 24

static const char *const locales[N_LOCALES] = {"en", "es"};

/* The practice kinds, the tag every entry of that kind carries first, and
 * the least the built-in catalogue must hold of it in each locale. */
typedef struct kind_rule {
  const char *kind;
  const char *tag;
  size_t min_count;
} kind_rule;

static const kind_rule kind_rules[] = {
    {"prompt", "journal", 40},
    {"affirmation", "affirmation", 40},
    {"exercise", "exercise", 25},
    {"tip", "tip", 20},
};
#define N_KINDS (sizeof kind_rules / sizeof kind_rules[0])

static const char *const phases[] = {"recognize", "decide", "grieve", "rebuild", "reopen"};
static const char *const interests[] = {"fitness", "skills",      "creativity", "nature",
                                        "mindfulness", "social", "self-care"};
#define N_INTERESTS (sizeof interests / sizeof interests[0])

/* ---- helpers ----------------------------------------------------------- */

static int setup_catalog(void **state) {
  lg_catalog *cat = NULL;
  if (lg_catalog_new(&cat, NULL, 0) != LG_OK) return -1;
  *state = cat;
  return 0;
}

static int teardown_catalog(void **state) {
  lg_catalog_free(*state);
  return 0;
}

static const kind_rule *practice_rule(const lg_entry *e) {
  const char *kind = lg_entry_kind(e);
  size_t k;
  for (k = 0; k < N_KINDS; k++)
    if (strcmp(kind, kind_rules[k].kind) == 0) return &kind_rules[k];
  return NULL;
}

static int in_locale(const lg_entry *e, const char *locale) {
  return strcmp(lg_entry_locale(e), locale) == 0;
}

static int has_tag(const lg_entry *e, const char *tag) {
  size_t i, n = lg_entry_tag_count(e);
  for (i = 0; i < n; i++)
    if (strcmp(lg_entry_tag(e, i), tag) == 0) return 1;
  return 0;
}

static size_t count_kind(const lg_catalog *cat, const char *locale, const char *kind,
                         const char *tag /* or NULL */) {
  size_t i, n = 0, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    if (in_locale(e, locale) && strcmp(lg_entry_kind(e), kind) == 0 &&
        (tag == NULL || has_tag(e, tag)))
      n++;
  }
  return n;
}

static int is_blank(const char *s) {
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 0;
  return 1;
}

/* The placeholder names of a text, lowercased ({Partner} and {partner} are
 * the same word at a different place in the sentence), sorted. Fails the
 * test on a brace that does not open a well-formed placeholder. */
typedef struct placeholders {
  size_t n;
  char name[MAX_PLACEHOLDERS][PLACEHOLDER_MAX];
} placeholders;

static int compare_names(const void *a, const void *b) {
  return strcmp((const char *)a, (const char *)b);
}

static void collect_placeholders(const char *id, const char *text, placeholders *out) {
  const char *p = text;
  out->n = 0;
  while ((p = strpbrk(p, "{}")) != NULL) {
    size_t len = 0;
    if (*p == '}') fail_msg("%s: a stray '}' in \"%s\"", id, text);
    p++;
    while ((p[len] >= 'a' && p[len] <= 'z') || (p[len] >= 'A' && p[len] <= 'Z') ||
           p[len] == '_')
      len++;
    if (len == 0 || len >= PLACEHOLDER_MAX || p[len] != '}')
      fail_msg("%s: a malformed placeholder in \"%s\"", id, text);
    if (out->n == MAX_PLACEHOLDERS) fail_msg("%s: too many placeholders", id);
    {
      size_t i;
      for (i = 0; i < len; i++) {
        char c = p[i];
        out->name[out->n][i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
      out->name[out->n][len] = '\0';
    }
    out->n++;
    p += len + 1;
  }
  qsort(out->name, out->n, sizeof out->name[0], compare_names);
}

static void assert_same_placeholders(const char *id, const char *field, const char *en,
                                     const char *es) {
  placeholders a, b;
  size_t i;
  collect_placeholders(id, en, &a);
  collect_placeholders(id, es, &b);
  if (a.n != b.n) fail_msg("%s %s: %u placeholders in en, %u in es", id, field, (unsigned)a.n,
                           (unsigned)b.n);
  for (i = 0; i < a.n; i++)
    if (strcmp(a.name[i], b.name[i]) != 0)
      fail_msg("%s %s: {%s} in en where es has {%s}", id, field, a.name[i], b.name[i]);
}

/* Sentences end with . ! or ? before a space or the end, allowing a closing
 * quotation mark (” or ») in between. */
static size_t count_sentences(const char *s) {
  size_t n = 0;
  for (; *s; s++) {
    const char *after = s + 1;
    if (*s != '.' && *s != '!' && *s != '?') continue;
    if (strncmp(after, "\xE2\x80\x9D", 3) == 0) after += 3; /* ” */
    else if (strncmp(after, "\xC2\xBB", 2) == 0) after += 2; /* » */
    if (*after == ' ' || *after == '\0') n++;
  }
  return n;
}

/* ---- tests ------------------------------------------------------------- */

static void builtin_catalog_holds_enough_of_each_practice_kind_per_locale(void **state) {
  const lg_catalog *cat = *state;
  size_t l, k;
  for (l = 0; l < N_LOCALES; l++)
    for (k = 0; k < N_KINDS; k++) {
      size_t n = count_kind(cat, locales[l], kind_rules[k].kind, NULL);
      if (n < kind_rules[k].min_count)
        fail_msg("%s: %u %s entries, at least %u wanted", locales[l], (unsigned)n,
                 kind_rules[k].kind, (unsigned)kind_rules[k].min_count);
    }
}

static void kind_filter_search_finds_every_practice_entry(void **state) {
  const lg_catalog *cat = *state;
  size_t l, k;
  for (l = 0; l < N_LOCALES; l++)
    for (k = 0; k < N_KINDS; k++) {
      char query[64];
      size_t total = 0;
      snprintf(query, sizeof query, "kind:%s", kind_rules[k].kind);
      assert_int_equal(lg_catalog_search(cat, query, locales[l], NULL, 0, &total), LG_OK);
      assert_int_equal(total, count_kind(cat, locales[l], kind_rules[k].kind, NULL));
    }
}

static void prompt_affirmation_and_tip_bodies_stay_under_400_bytes(void **state) {
  const lg_catalog *cat = *state;
  size_t i, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    const kind_rule *r = practice_rule(e);
    if (r == NULL || strcmp(r->kind, "exercise") == 0) continue;
    if (strlen(lg_entry_body(e)) >= MAX_SHORT_BODY)
      fail_msg("%s (%s): body is %u bytes", lg_entry_id(e), lg_entry_locale(e),
               (unsigned)strlen(lg_entry_body(e)));
  }
}

static void every_practice_entry_has_its_kind_tag_and_a_known_phase(void **state) {
  const lg_catalog *cat = *state;
  size_t i, seen = 0, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    const kind_rule *r = practice_rule(e);
    const char *phase;
    size_t p;
    int known = 0;
    if (r == NULL) continue;
    seen++;
    if (lg_entry_tag_count(e) == 0 || strcmp(lg_entry_tag(e, 0), r->tag) != 0)
      fail_msg("%s (%s): the first tag should be \"%s\"", lg_entry_id(e), lg_entry_locale(e),
               r->tag);
    phase = lg_entry_phase(e);
    if (phase == NULL) fail_msg("%s (%s): no phase", lg_entry_id(e), lg_entry_locale(e));
    for (p = 0; p < sizeof phases / sizeof phases[0]; p++)
      if (strcmp(phase, phases[p]) == 0) known = 1;
    if (!known) fail_msg("%s: unknown phase \"%s\"", lg_entry_id(e), phase);
    /* Ids name their kind, so other packs can link to them by pattern. */
    if (strncmp(lg_entry_id(e), r->kind, strlen(r->kind)) != 0 ||
        lg_entry_id(e)[strlen(r->kind)] != '.')
      fail_msg("%s: id should start with \"%s.\"", lg_entry_id(e), r->kind);
  }
  assert_true(seen > 0);
}

static void prompts_cover_the_grieving_rebuilding_reopening_and_deciding_phases(void **state) {
  const lg_catalog *cat = *state;
  static const struct {
    const char *phase;
    size_t min;
  } wanted[] = {{"grieve", 16}, {"rebuild", 14}, {"reopen", 8}, {"decide", 4}};
  size_t l, w, i, total = lg_catalog_entry_count(cat);
  for (l = 0; l < N_LOCALES; l++)
    for (w = 0; w < sizeof wanted / sizeof wanted[0]; w++) {
      size_t n = 0;
      for (i = 0; i < total; i++) {
        const lg_entry *e = lg_catalog_entry_at(cat, i);
        if (in_locale(e, locales[l]) && strcmp(lg_entry_kind(e), "prompt") == 0 &&
            strcmp(lg_entry_phase(e), wanted[w].phase) == 0)
          n++;
      }
      if (n < wanted[w].min)
        fail_msg("%s: %u prompts for %s, at least %u wanted", locales[l], (unsigned)n,
                 wanted[w].phase, (unsigned)wanted[w].min);
    }
}

static void every_interest_has_at_least_four_exercises(void **state) {
  const lg_catalog *cat = *state;
  size_t l, j;
  for (l = 0; l < N_LOCALES; l++)
    for (j = 0; j < N_INTERESTS; j++) {
      size_t n = count_kind(cat, locales[l], "exercise", interests[j]);
      if (n < 4)
        fail_msg("%s: %u exercises for %s, at least 4 wanted", locales[l], (unsigned)n,
                 interests[j]);
    }
}

static void every_exercise_names_an_interest_and_has_two_to_four_sentences(void **state) {
  const lg_catalog *cat = *state;
  size_t i, j, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    size_t sentences;
    int any = 0;
    if (strcmp(lg_entry_kind(e), "exercise") != 0) continue;
    for (j = 0; j < N_INTERESTS; j++) any |= has_tag(e, interests[j]);
    if (!any) fail_msg("%s (%s): no interest tag", lg_entry_id(e), lg_entry_locale(e));
    sentences = count_sentences(lg_entry_body(e));
    if (sentences < 2 || sentences > 4)
      fail_msg("%s (%s): %u sentences", lg_entry_id(e), lg_entry_locale(e),
               (unsigned)sentences);
  }
}

static void both_support_styles_have_at_least_five_tips(void **state) {
  const lg_catalog *cat = *state;
  size_t l;
  for (l = 0; l < N_LOCALES; l++) {
    assert_true(count_kind(cat, locales[l], "tip", "talk") >= 5);
    assert_true(count_kind(cat, locales[l], "tip", "distract") >= 5);
  }
  /* The filters the plan uses to choose them find the same entries. */
  {
    size_t total = 0;
    assert_int_equal(lg_catalog_search(cat, "kind:tip tag:distract", "es", NULL, 0, &total),
                     LG_OK);
    assert_int_equal(total, count_kind(cat, "es", "tip", "distract"));
  }
}

static void english_and_spanish_have_the_same_entries_tags_phases_and_placeholders(
    void **state) {
  const lg_catalog *cat = *state;
  size_t i, l, t, pairs = 0, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    for (l = 0; l < N_LOCALES; l++) {
      const char *other = locales[1 - l];
      const lg_entry *o;
      if (practice_rule(e) == NULL || !in_locale(e, locales[l])) continue;
      o = lg_catalog_entry(cat, lg_entry_id(e), other);
      /* A fallback to the default locale would hide a missing translation. */
      if (o == NULL || !in_locale(o, other))
        fail_msg("%s: missing in %s", lg_entry_id(e), other);
      if (l == 1) continue; /* each pair is compared once, from en */
      pairs++;
      assert_string_equal(lg_entry_kind(o), lg_entry_kind(e));
      assert_string_equal(lg_entry_phase(o), lg_entry_phase(e));
      assert_int_equal(lg_entry_tag_count(o), lg_entry_tag_count(e));
      for (t = 0; t < lg_entry_tag_count(e); t++)
        assert_string_equal(lg_entry_tag(o, t), lg_entry_tag(e, t));
      assert_same_placeholders(lg_entry_id(e), "title", lg_entry_title(e), lg_entry_title(o));
      assert_same_placeholders(lg_entry_id(e), "body", lg_entry_body(e), lg_entry_body(o));
    }
  }
  assert_true(pairs >= 40 + 40 + 25 + 20);
}

static void no_practice_text_is_empty(void **state) {
  const lg_catalog *cat = *state;
  size_t i, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    if (practice_rule(e) == NULL) continue;
    if (is_blank(lg_entry_title(e)))
      fail_msg("%s (%s): empty title", lg_entry_id(e), lg_entry_locale(e));
    if (is_blank(lg_entry_body(e)))
      fail_msg("%s (%s): empty body", lg_entry_id(e), lg_entry_locale(e));
  }
}

static void spanish_practice_texts_name_the_partner_without_pronouns(void **state) {
  const lg_catalog *cat = *state;
  static const char *const pronouns[] = {"{they", "{them", "{their", "{They", "{Them", "{Their"};
  size_t i, p, total = lg_catalog_entry_count(cat);
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    if (practice_rule(e) == NULL || !in_locale(e, "es")) continue;
    for (p = 0; p < sizeof pronouns / sizeof pronouns[0]; p++)
      if (strstr(lg_entry_body(e), pronouns[p]) || strstr(lg_entry_title(e), pronouns[p]))
        fail_msg("%s (es): a pronoun placeholder", lg_entry_id(e));
  }
}

/* Every text renders with and without a partner's name, and the neutral
 * form reads "your partner" / "tu pareja" where {partner} stood. */
static void every_practice_text_renders_with_and_without_a_partner_name(void **state) {
  const lg_catalog *cat = *state;
  static const char *const named[] = {"name", "Sam", "partner_name", "Alex",
                                      "partner_pronouns", "she", NULL};
  size_t i, total = lg_catalog_entry_count(cat), with_partner = 0;
  for (i = 0; i < total; i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    const char *locale = lg_entry_locale(e);
    const char *texts[2];
    size_t t;
    if (practice_rule(e) == NULL) continue;
    texts[0] = lg_entry_title(e);
    texts[1] = lg_entry_body(e);
    for (t = 0; t < 2; t++) {
      char buf[1024];
      size_t len = 0;
      int mentions = strstr(texts[t], "{partner}") != NULL;
      assert_int_equal(lg_render(cat, texts[t], locale, named, buf, sizeof buf, &len), LG_OK);
      assert_int_equal(len, strlen(buf));
      assert_null(strchr(buf, '{'));
      if (mentions) assert_non_null(strstr(buf, "Alex"));
      assert_int_equal(lg_render(cat, texts[t], locale, NULL, buf, sizeof buf, &len), LG_OK);
      assert_null(strchr(buf, '{'));
      if (mentions) {
        with_partner++;
        assert_non_null(strstr(buf, strcmp(locale, "es") == 0 ? "tu pareja" : "your partner"));
      }
    }
  }
  assert_true(with_partner > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(builtin_catalog_holds_enough_of_each_practice_kind_per_locale),
      cmocka_unit_test(kind_filter_search_finds_every_practice_entry),
      cmocka_unit_test(prompt_affirmation_and_tip_bodies_stay_under_400_bytes),
      cmocka_unit_test(every_practice_entry_has_its_kind_tag_and_a_known_phase),
      cmocka_unit_test(prompts_cover_the_grieving_rebuilding_reopening_and_deciding_phases),
      cmocka_unit_test(every_interest_has_at_least_four_exercises),
      cmocka_unit_test(every_exercise_names_an_interest_and_has_two_to_four_sentences),
      cmocka_unit_test(both_support_styles_have_at_least_five_tips),
      cmocka_unit_test(english_and_spanish_have_the_same_entries_tags_phases_and_placeholders),
      cmocka_unit_test(no_practice_text_is_empty),
      cmocka_unit_test(spanish_practice_texts_name_the_partner_without_pronouns),
      cmocka_unit_test(every_practice_text_renders_with_and_without_a_partner_name),
  };
  return cmocka_run_group_tests_name("content_practice", tests, setup_catalog, teardown_catalog);
}
