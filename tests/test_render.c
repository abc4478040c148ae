/* test_render.c - lg_render: placeholders, pronoun sets, locales, the
 * output convention, and every built-in text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "letgo/letgo.h"

static int setup(void **state) {
  lg_catalog *cat = NULL;
  static const char es[] =
      "{\"format\":\"letgo-pack/1\",\"id\":\"p\",\"version\":\"1.0.0\",\"locale\":\"es\"}";
  if (lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY) != LG_OK) return -1;
  if (lg_catalog_load(cat, es, strlen(es), NULL) != LG_OK) return -1;
  *state = cat;
  return 0;
}

static int teardown(void **state) {
  lg_catalog_free(*state);
  return 0;
}

static char out[1024];

static const char *render(const lg_catalog *cat, const char *text, const char *locale,
                          const char *const *vars) {
  size_t len = 0;
  int rc = lg_render(cat, text, locale, vars, out, sizeof out, &len);
  if (rc != LG_OK) fail_msg("lg_render returned %d for %s", rc, text);
  assert_int_equal(len, strlen(out));
  return out;
}

static void english_defaults_are_neutral(void **state) {
  const lg_catalog *cat = *state;
  assert_string_equal(render(cat, "Hi {name}. {Partner} said {they_are} tired of {their} job.",
                             "en", NULL),
                      "Hi friend. Your partner said they are tired of their job.");
  assert_string_equal(
      render(cat,
             "{they} {them} {their} {theirs} {themself} {They} {Them} {Their} {they_are} "
             "{they_were} {they_have} {They_are} {They_were} {They_have} {partner}",
             NULL, NULL),
      "they them their theirs themself They Them Their they are they were they have They are "
      "They were They have your partner");
}

static void english_pronoun_sets(void **state) {
  const lg_catalog *cat = *state;
  static const char text[] =
      "{they} {them} {their} {theirs} {themself} {They} {Them} {Their} {they_are} {they_were} "
      "{they_have} {They_are} {They_were} {They_have}";
  const char *he[] = {"partner_pronouns", "he", NULL};
  const char *she[] = {"partner_pronouns", "she", "partner_name", "Sam", NULL};
  const char *they[] = {"partner_pronouns", "they", "partner_name", "Sam", "name", "Ana", NULL};
  assert_string_equal(render(cat, text, "en", he),
                      "he him his his himself He Him His he is he was he has He is He was He has");
  assert_string_equal(render(cat, text, "en-GB", she),
                      "she her her hers herself She Her Her she is she was she has She is She was "
                      "She has");
  assert_string_equal(render(cat, "{name}, {partner} and {Partner}: {they_were}", "en", they),
                      "Ana, Sam and Sam: they were");
}

static void spanish_defaults_and_sets(void **state) {
  const lg_catalog *cat = *state;
  const char *he[] = {"partner_pronouns", "he", NULL};
  const char *she[] = {"partner_pronouns", "she", NULL};
  const char *named[] = {"partner_name", "Alex", NULL};
  assert_string_equal(render(cat, "Hola, {name}. {Partner} y {partner}.", "es", NULL),
                      "Hola, t\xc3\xba. Tu pareja y tu pareja.");
  assert_string_equal(render(cat, "{They_are} aqu\xc3\xad; {their} casa; con {them}.", "es-MX",
                             NULL),
                      "Esa persona est\xc3\xa1 aqu\xc3\xad; su casa; con esa persona.");
  assert_string_equal(render(cat, "{They_are} aqu\xc3\xad; {their} casa; con {them}.", "ES", he),
                      "\xc3\x89l est\xc3\xa1 aqu\xc3\xad; su casa; con \xc3\xa9l.");
  assert_string_equal(render(cat, "{They_have} {theirs} y {themself}.", "es", she),
                      "Ella tiene de ella y s\xc3\xad misma.");
  /* With a name and no pronouns chosen, Spanish says the name. */
  assert_string_equal(render(cat, "{They_were} con {them}; {Their} voz.", "es", named),
                      "Alex estaba con Alex; Su voz.");
  /* A language without a grammar table reads the English one. */
  assert_string_equal(render(cat, "{They_are}", "fr", NULL), "They are");
}

static void braces_double_to_print(void **state) {
  const lg_catalog *cat = *state;
  assert_string_equal(render(cat, "{{name}} is {{literal}}, {name} is not", "en", NULL),
                      "{name} is {literal}, friend is not");
  assert_string_equal(render(cat, "}}{{", "en", NULL), "}{");
  assert_string_equal(render(cat, "", "en", NULL), "");
}

static void values_are_inserted_literally(void **state) {
  const lg_catalog *cat = *state;
  const char *vars[] = {"name", "{partner}", "partner_name", "{{x}} }", NULL};
  assert_string_equal(render(cat, "{name}/{partner}", "en", vars), "{partner}/{{x}} }");
  /* An empty value reads as no value. */
  {
    const char *empty[] = {"name", "", "partner_name", "", NULL};
    assert_string_equal(render(cat, "{name}/{partner}", "en", empty), "friend/your partner");
  }
}

static void bad_arguments_are_einval(void **state) {
  const lg_catalog *cat = *state;
  size_t len = 7;
  char buf[8];
  const char *unknown_key[] = {"nickname", "x", NULL};
  const char *bad_set[] = {"partner_pronouns", "it", NULL};
  const char *no_value[] = {"name", NULL};
  assert_int_equal(lg_render(NULL, "x", "en", NULL, buf, sizeof buf, &len), LG_EINVAL);
  assert_int_equal(lg_render(cat, NULL, "en", NULL, buf, sizeof buf, &len), LG_EINVAL);
  assert_int_equal(lg_render(cat, "x", "en", NULL, buf, sizeof buf, NULL), LG_EINVAL);
  assert_int_equal(lg_render(cat, "x", "en", NULL, NULL, 4, &len), LG_EINVAL);
  assert_int_equal(lg_render(cat, "x", "en", unknown_key, buf, sizeof buf, &len), LG_EINVAL);
  assert_int_equal(lg_render(cat, "x", "en", bad_set, buf, sizeof buf, &len), LG_EINVAL);
  assert_int_equal(lg_render(cat, "x", "en", no_value, buf, sizeof buf, &len), LG_EINVAL);
}

static void bad_placeholders_are_esyntax(void **state) {
  const lg_catalog *cat = *state;
  size_t len = 7;
  char buf[16];
  assert_int_equal(lg_render(cat, "hi {nmae}", "en", NULL, buf, sizeof buf, &len), LG_ESYNTAX);
  assert_int_equal(len, 0);
  assert_string_equal(buf, "");
  assert_int_equal(lg_render(cat, "hi {name", "en", NULL, buf, sizeof buf, &len), LG_ESYNTAX);
  assert_int_equal(lg_render(cat, "hi } there", "en", NULL, buf, sizeof buf, &len), LG_ESYNTAX);
  assert_int_equal(lg_render(cat, "{THEY}", "en", NULL, buf, sizeof buf, &len), LG_ESYNTAX);
}

static void output_follows_the_convention(void **state) {
  const lg_catalog *cat = *state;
  size_t len = 0;
  char buf[8];
  assert_int_equal(lg_render(cat, "Dear {partner}", "en", NULL, NULL, 0, &len), LG_ETRUNC);
  assert_int_equal(len, 17);
  memset(buf, 'x', sizeof buf);
  assert_int_equal(lg_render(cat, "Dear {partner}", "en", NULL, buf, sizeof buf, &len),
                   LG_ETRUNC);
  assert_int_equal(len, 17);
  assert_string_equal(buf, "Dear yo");
  assert_int_equal(lg_render(cat, "Hi {name}", "en", NULL, buf, sizeof buf, &len), LG_ETRUNC);
  assert_int_equal(len, 9);
  assert_int_equal(lg_render(cat, "Hi {name", "en", NULL, NULL, 0, &len), LG_ESYNTAX);
  {
    char exact[10];
    assert_int_equal(lg_render(cat, "Hi {name}", "en", NULL, exact, sizeof exact, &len), LG_OK);
    assert_string_equal(exact, "Hi friend");
  }
}

/* Braces a text prints on purpose: each "{{" or "}}" gives one. */
static size_t literal_braces(const char *s) {
  size_t n = 0;
  while (*s) {
    if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
      n++;
      s += 2;
    } else {
      s++;
    }
  }
  return n;
}

static size_t braces(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += *s == '{' || *s == '}';
  return n;
}

static void every_builtin_text_renders_fully(void **state) {
  lg_catalog *cat = NULL;
  static const char *const sets[] = {"they", "he", "she"};
  const char *locales[16];
  size_t nloc = 0, i, k, s, checked = 0;
  char *buf = malloc(1 << 20);
  (void)state;
  assert_non_null(buf);
  assert_int_equal(lg_catalog_new(&cat, NULL, 0), LG_OK);
  for (i = 0; i < lg_catalog_entry_count(cat); i++) {
    const char *loc = lg_entry_locale(lg_catalog_entry_at(cat, i));
    for (k = 0; k < nloc && strcmp(locales[k], loc) != 0; k++) {
    }
    if (k == nloc && nloc < 16) locales[nloc++] = loc;
  }
  for (i = 0; i < lg_catalog_entry_count(cat); i++) {
    const lg_entry *e = lg_catalog_entry_at(cat, i);
    const char *texts[2];
    texts[0] = lg_entry_title(e);
    texts[1] = lg_entry_body(e);
    for (k = 0; k < nloc; k++) {
      for (s = 0; s < 3; s++) {
        int named;
        for (named = 0; named < 2; named++) {
          const char *vars[] = {"partner_pronouns", sets[s], named ? "name" : NULL, "Robin",
                                "partner_name", "Kai", NULL};
          size_t t;
          for (t = 0; t < 2; t++) {
            size_t len = 0;
            int rc = lg_render(cat, texts[t], locales[k], vars, buf, 1 << 20, &len);
            if (rc != LG_OK) fail_msg("%s: %d", lg_entry_id(e), rc);
            if (braces(buf) != literal_braces(texts[t]))
              fail_msg("%s (%s, %s): a brace is left: %s", lg_entry_id(e), locales[k], sets[s], buf);
            assert_true(len > 0);
            assert_null(strstr(buf, "  ") && !strstr(texts[t], "  ") ? buf : NULL);
            checked++;
          }
        }
      }
    }
  }
  /* Every placeholder expands to something in every locale and set. */
  for (k = 0; k < nloc; k++)
    for (s = 0; s < 3; s++) {
      static const char *const all[] = {
          "{name}",    "{partner}",  "{Partner}",   "{they}",      "{them}",      "{their}",
          "{theirs}",  "{themself}", "{They}",      "{Them}",      "{Their}",     "{they_are}",
          "{they_were}", "{they_have}", "{They_are}", "{They_were}", "{They_have}", NULL};
      const char *vars[] = {"partner_pronouns", sets[s], NULL};
      size_t p;
      for (p = 0; all[p]; p++) {
        size_t len = 0;
        assert_int_equal(lg_render(cat, all[p], locales[k], vars, buf, 64, &len), LG_OK);
        assert_true(len > 0);
      }
    }
  (void)checked;
  lg_catalog_free(cat);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(english_defaults_are_neutral),
      cmocka_unit_test(english_pronoun_sets),
      cmocka_unit_test(spanish_defaults_and_sets),
      cmocka_unit_test(braces_double_to_print),
      cmocka_unit_test(values_are_inserted_literally),
      cmocka_unit_test(bad_arguments_are_einval),
      cmocka_unit_test(bad_placeholders_are_esyntax),
      cmocka_unit_test(output_follows_the_convention),
      cmocka_unit_test(every_builtin_text_renders_fully),
  };
  return cmocka_run_group_tests_name("render", tests, setup, teardown);
}
