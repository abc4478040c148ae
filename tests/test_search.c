/*
 * test_search.c - lg_catalog_search: tokenizer and folding, the query
 * language, BM25 scores checked bit for bit against the reference
 * implementation (bench/bm25_ref.py, which agrees with SQLite FTS5), and
 * every allocation failure.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <letgo/catalog.h>

#include "catalog/search.h"
#include "fuzz/index_check.h"
#include "test_alloc.h"

#define DATA LETGO_TEST_DATA "/search/"

/* ---- fixtures ------------------------------------------------------------ */

typedef struct fixture {
  lgt_alloc t;
  lg_catalog *cat;
} fixture;

static void load(lg_catalog *cat, const char *file) {
  size_t len;
  char path[512];
  char *json;
  lg_error err;
  snprintf(path, sizeof path, "%s%s", DATA, file);
  json = lgt_read_file(path, &len);
  assert_non_null(json);
  memset(&err, 0, sizeof err);
  if (lg_catalog_load(cat, json, len, &err) != LG_OK) fail_msg("%s: %s", file, err.message);
  free(json);
}

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  lgt_alloc_init(&f->t);
  assert_int_equal(lg_catalog_new(&f->cat, &f->t.base, LG_CATALOG_EMPTY), LG_OK);
  load(f->cat, "search.en.json");
  load(f->cat, "search.es.json");
  *state = f;
  return 0;
}

static int setup_rank(void **state) {
  fixture *f = calloc(1, sizeof *f);
  lgt_alloc_init(&f->t);
  assert_int_equal(lg_catalog_new(&f->cat, &f->t.base, LG_CATALOG_EMPTY), LG_OK);
  load(f->cat, "rank.en.json");
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  lg_catalog_free(f->cat);
  assert_int_equal(f->t.live_bytes, 0);
  free(f);
  return 0;
}

/*
 * Runs a query and writes the ids of the hits, space-separated, to out.
 * Returns the status; *total receives the total.
 */
static int ids_ex(const lg_catalog *cat, const char *q, const char *locale, double w,
                  unsigned flags, size_t max, char *out, size_t cap, size_t *total) {
  lg_hit hits[32];
  size_t i, n;
  int rc;
  assert_true(max <= 32);
  out[0] = '\0';
  *total = 12345;
  rc = lg_catalog_search_ex(cat, q, locale, w, flags, hits, max, total);
  if (rc != LG_OK) return rc;
  n = *total < max ? *total : max;
  for (i = 0; i < n; i++) {
    size_t len = strlen(out);
    snprintf(out + len, cap - len, "%s%s", i ? " " : "", lg_entry_id(hits[i].entry));
  }
  return rc;
}

/* The ids a query finds (title weight 2, max 32); asserts LG_OK and total. */
static const char *ids(const lg_catalog *cat, const char *q, const char *locale) {
  static char buf[1024];
  size_t total;
  assert_int_equal(ids_ex(cat, q, locale, 2.0, 0, 32, buf, sizeof buf, &total), LG_OK);
  return buf;
}

/* ---- the tokenizer ------------------------------------------------------- */

static void tokens_of(const char *s, char *out, size_t cap) {
  size_t pos = 0, n = strlen(s), len, start, end;
  char tok[256];
  out[0] = '\0';
  while (lgi_token_next(s, n, &pos, tok, sizeof tok, &len, &start, &end)) {
    size_t o = strlen(out);
    assert_true(len < sizeof tok);
    assert_true(start < end && end <= n);
    snprintf(out + o, cap - o, "%s%.*s", o ? "|" : "", (int)len, tok);
  }
}

static void tokenizer_splits_on_everything_but_letters_and_digits(void **state) {
  char out[512];
  (void)state;
  tokens_of("Don't self-care: 42 times\xe2\x80\x94really\xe2\x80\x99s ok!", out, sizeof out);
  assert_string_equal(out, "don|t|self|care|42|times|really|s|ok");
  tokens_of("  \t\n", out, sizeof out);
  assert_string_equal(out, "");
  tokens_of("a1b2", out, sizeof out);
  assert_string_equal(out, "a1b2");
}

static void tokenizer_folds_latin_accents_and_ligatures(void **state) {
  char out[512];
  (void)state;
  tokens_of("D\xc3\xad"
            "a CORAZ\xc3\x93N Stra\xc3\x9f"
            "e \xc3\x86sir \xc5\x93uvre ni\xc3\xb1o "
            "\xc3\x87"
            "a \xc3\x98re \xc4\x90"
            "ak \xc5\x81\xc3\xb3"
            "d\xc5\xba \xc5\xbd\xc3\xbcrich \xc4\xb2s",
            out, sizeof out);
  assert_string_equal(out, "dia|corazon|strasse|aesir|oeuvre|nino|ca|ore|dak|lodz|zurich|ijs");
}

static void tokenizer_keeps_other_letters_and_drops_combining_marks(void **state) {
  char out[512];
  (void)state;
  /* "di" + U+0301 + "a": a decomposed accent vanishes. */
  tokens_of("di\xcc\x81"
            "a",
            out, sizeof out);
  assert_string_equal(out, "dia");
  /* Greek and Cyrillic capitals are lowered; other scripts kept. */
  tokens_of("\xce\x9b\xce\xbf\xce\xb3\xce\xbf\xcf\x82 \xd0\x9c\xd0\xb8\xd1\x80 \xe6\x84\x9b", out,
            sizeof out);
  assert_string_equal(
      out, "\xce\xbb\xce\xbf\xce\xb3\xce\xbf\xcf\x82|\xd0\xbc\xd0\xb8\xd1\x80|\xe6\x84\x9b");
  /* Multiplication sign, no-break space, invalid bytes and emoji separate. */
  tokens_of("2\xc3\x97"
            "3\xc2\xa0x\xff\xfey\xf0\x9f\x92\x94z",
            out, sizeof out);
  assert_string_equal(out, "2|3|x|y|z");
  /* A token made only of combining marks is no token. */
  tokens_of("\xcc\x81 a", out, sizeof out);
  assert_string_equal(out, "a");
}

static void tokenizer_reports_full_length_beyond_cap(void **state) {
  const char *s = "abcdefghij klm";
  size_t pos = 0, len;
  char tok[4];
  (void)state;
  assert_int_equal(lgi_token_next(s, strlen(s), &pos, tok, sizeof tok, &len, NULL, NULL), 1);
  assert_int_equal(len, 10);
  assert_memory_equal(tok, "abcd", 4);
  assert_int_equal(pos, 10);
  assert_int_equal(lgi_token_next(s, strlen(s), &pos, tok, sizeof tok, &len, NULL, NULL), 1);
  assert_int_equal(len, 3);
  assert_int_equal(lgi_token_next(s, strlen(s), &pos, tok, sizeof tok, &len, NULL, NULL), 0);
}

/* ---- the query language ------------------------------------------------ */

static void words_are_anded(void **state) {
  fixture *f = *state;
  assert_string_equal(ids(f->cat, "time", "en"), "article.time tip.walk");
  assert_string_equal(ids(f->cat, "time letting", "en"), "article.time");
  assert_string_equal(ids(f->cat, "time nowhere", "en"), "");
}

static void or_between_words_makes_a_group(void **state) {
  fixture *f = *state;
  assert_string_equal(ids(f->cat, "letter OR friend", "en"), "prompt.letter tip.call");
  /* (letter OR friend) AND help */
  assert_string_equal(ids(f->cat, "letter OR friend help", "en"), "tip.call");
  /* lowercase "or" is a word; a leading or trailing OR is the word too */
  assert_string_equal(ids(f->cat, "letter or friend", "en"), "");
  assert_string_equal(ids(f->cat, "OR letter", "en"), "");
  assert_string_equal(ids(f->cat, "letter OR", "en"), "");
}

static void search_or_flag_matches_any_word(void **state) {
  fixture *f = *state;
  char out[512];
  size_t total;
  assert_int_equal(
      ids_ex(f->cat, "letter friend", "en", 1.0, LG_SEARCH_OR, 32, out, sizeof out, &total), LG_OK);
  assert_int_equal(total, 2);
  assert_int_equal(ids_ex(f->cat, "letter friend", "en", 1.0, 0, 32, out, sizeof out, &total),
                   LG_OK);
  assert_int_equal(total, 0);
}

static void phrases_match_consecutive_tokens_in_order(void **state) {
  fixture *f = *state;
  /* "time heals" is in article.time's title; tip.walk has "heals of time". */
  assert_string_equal(ids(f->cat, "\"time heals\"", "en"), "article.time");
  assert_string_equal(ids(f->cat, "\"heals time\"", "en"), "");
  assert_string_equal(ids(f->cat, "\"heals of time\"", "en"), "tip.walk");
  /* Not across the end of the title into the body. */
  assert_string_equal(ids(f->cat, "\"slowly letting\"", "en"), "");
  /* A phrase with words and filters. */
  assert_string_equal(ids(f->cat, "\"give yourself\" time", "en"), "article.time");
  /* A hyphenated word is a phrase. */
  assert_string_equal(ids(f->cat, "self-care", "en"), "tip.call");
  assert_string_equal(ids(f->cat, "care-self", "en"), "");
  /* A quoted single word is a word; an empty phrase is nothing. */
  assert_string_equal(ids(f->cat, "\"letter\"", "en"), "prompt.letter");
  assert_string_equal(ids(f->cat, "\"\" letter", "en"), "prompt.letter");
}

static void filters_restrict_by_kind_tag_and_phase(void **state) {
  fixture *f = *state;
  assert_string_equal(ids(f->cat, "time kind:tip", "en"), "tip.walk");
  assert_string_equal(ids(f->cat, "time KIND:Article", "en"), "article.time");
  assert_string_equal(ids(f->cat, "slow tag:nature", "en"), "tip.walk");
  assert_string_equal(ids(f->cat, "slow tag:SELF-CARE", "en"), "tip.walk");
  assert_string_equal(ids(f->cat, "letter phase:grieve", "en"), "prompt.letter");
  assert_string_equal(ids(f->cat, "letter phase:rebuild", "en"), "");
  assert_string_equal(ids(f->cat, "time phase:rebuild kind:tip", "en"), "tip.walk");
  assert_string_equal(ids(f->cat, "time kind:tip kind:article", "en"), "");
  /* An unknown prefix is plain text: like "self-care", a phrase. */
  assert_string_equal(ids(f->cat, "time:heals", "en"), "article.time");
  assert_string_equal(ids(f->cat, "time: heals", "en"), "article.time tip.walk");
  assert_string_equal(ids(f->cat, "slow phase:rebuild", "en"), "tip.walk");
}

static void filters_only_list_in_catalogue_order_with_score_zero(void **state) {
  fixture *f = *state;
  lg_hit hits[8];
  size_t total = 0;
  assert_string_equal(ids(f->cat, "phase:grieve", "en"), "article.time tip.call prompt.letter");
  assert_string_equal(ids(f->cat, "kind:tip", "en"), "tip.walk tip.call tip.same-a tip.same-b");
  assert_int_equal(lg_catalog_search(f->cat, "tag:fitness", "en", hits, 8, &total), LG_OK);
  assert_int_equal(total, 2);
  assert_string_equal(lg_entry_id(hits[0].entry), "exercise.title-only");
  assert_true(hits[0].score == 0.0 && hits[1].score == 0.0);
}

static void total_counts_every_match_beyond_max(void **state) {
  fixture *f = *state;
  char out[512];
  size_t total;
  assert_int_equal(ids_ex(f->cat, "kind:tip", "en", 2.0, 0, 1, out, sizeof out, &total), LG_OK);
  assert_int_equal(total, 4);
  assert_string_equal(out, "tip.walk");
  assert_int_equal(ids_ex(f->cat, "slowly", "en", 2.0, 0, 2, out, sizeof out, &total), LG_OK);
  assert_int_equal(total, 3);
  /* max 0 and hits NULL: only the total. */
  total = 0;
  assert_int_equal(lg_catalog_search(f->cat, "slowly", "en", NULL, 0, &total), LG_OK);
  assert_int_equal(total, 3);
  assert_int_equal(lg_catalog_search(f->cat, "slowly", "en", NULL, 0, NULL), LG_OK);
}

static void accents_and_case_fold_both_ways(void **state) {
  fixture *f = *state;
  /* Once each; tip.walk is the shorter entry. */
  assert_string_equal(ids(f->cat, "dia", "es"), "tip.walk article.time");
  assert_string_equal(ids(f->cat,
                          "D\xc3\x8d"
                          "A",
                          "es"),
                      "tip.walk article.time");
  assert_string_equal(ids(f->cat, "corazon", "es"), "tip.heart");
  assert_string_equal(ids(f->cat, "Coraz\xc3\xb3n", "es"), "tip.heart");
  assert_string_equal(ids(f->cat, "manana", "es"), "tip.walk");
  assert_string_equal(ids(f->cat, "cafe", "en"), "ritual.cafe");
  assert_string_equal(ids(f->cat, "CAF\xc3\x89", "en"), "ritual.cafe");
  assert_string_equal(ids(f->cat, "strasse aesir oeuvre", "en"), "ritual.cafe");
  assert_string_equal(ids(f->cat,
                          "Stra\xc3\x9f"
                          "e",
                          "en"),
                      "ritual.cafe");
}

static void labels_only_with_kind_label(void **state) {
  fixture *f = *state;
  /* label.yes says "Yes, time to walk". */
  assert_string_equal(ids(f->cat, "walk", "en"), "tip.walk");
  assert_string_equal(ids(f->cat, "yes", "en"), "");
  assert_string_equal(ids(f->cat, "walk kind:label", "en"), "label.yes");
  assert_string_equal(ids(f->cat, "kind:label", "en"), "label.yes");
  assert_string_equal(ids(f->cat, "kind:label", "es"), "label.yes");
  assert_string_equal(ids(f->cat, "phase:grieve", "en"), "article.time tip.call prompt.letter");
}

static void only_the_resolved_locale_is_searched(void **state) {
  fixture *f = *state;
  lg_hit hits[4];
  size_t total = 0;
  assert_string_equal(ids(f->cat, "tiempo", "en"), "");
  assert_string_equal(ids(f->cat, "tiempo", "es-MX"), "article.time");
  assert_string_equal(ids(f->cat, "tiempo", "ES"), "article.time");
  assert_string_equal(ids(f->cat, "time", NULL), "article.time tip.walk");
  assert_string_equal(ids(f->cat, "time", "fr-CA"), "article.time tip.walk");
  assert_int_equal(lg_catalog_search(f->cat, "tiempo", "es", hits, 4, &total), LG_OK);
  assert_string_equal(lg_entry_locale(hits[0].entry), "es");
}

static void title_weight_changes_the_order(void **state) {
  fixture *f = *state;
  char out[512];
  size_t total;
  /* "stretch": twice in one title (2 tokens), four times in the other body. */
  assert_int_equal(ids_ex(f->cat, "stretch", "en", 1.0, 0, 8, out, sizeof out, &total), LG_OK);
  assert_string_equal(out, "exercise.body-only exercise.title-only");
  assert_int_equal(ids_ex(f->cat, "stretch", "en", 2.0, 0, 8, out, sizeof out, &total), LG_OK);
  assert_string_equal(out, "exercise.title-only exercise.body-only");
  assert_string_equal(ids(f->cat, "stretch", "en"), "exercise.title-only exercise.body-only");
}

static void equal_scores_keep_catalogue_order(void **state) {
  fixture *f = *state;
  lg_hit hits[4];
  size_t total = 0;
  assert_int_equal(lg_catalog_search(f->cat, "breathe", "en", hits, 4, &total), LG_OK);
  assert_int_equal(total, 2);
  assert_string_equal(lg_entry_id(hits[0].entry), "tip.same-a");
  assert_string_equal(lg_entry_id(hits[1].entry), "tip.same-b");
  assert_true(hits[0].score == hits[1].score && hits[0].score > 0);
  /* The same when only one fits. */
  assert_int_equal(lg_catalog_search(f->cat, "breathe", "en", hits, 1, &total), LG_OK);
  assert_string_equal(lg_entry_id(hits[0].entry), "tip.same-a");
}

static void empty_queries_find_nothing(void **state) {
  fixture *f = *state;
  lg_hit hits[2];
  size_t total = 7;
  assert_int_equal(lg_catalog_search(f->cat, "", "en", hits, 2, &total), LG_OK);
  assert_int_equal(total, 0);
  total = 7;
  assert_int_equal(lg_catalog_search(f->cat, "  -- !! \xe2\x80\x94 ", "en", hits, 2, &total),
                   LG_OK);
  assert_int_equal(total, 0);
}

static void odd_queries_behave(void **state) {
  fixture *f = *state;
  char *big;
  size_t i, total = 0;
  lg_hit hits[4];
  /* A phrase repeating a token; a phrase in an OR group. */
  assert_string_equal(ids(f->cat, "\"stretch stretch\"", "en"), "exercise.title-only");
  assert_string_equal(ids(f->cat, "\"unsent letter\" OR \"call a friend\"", "en"),
                      "tip.call prompt.letter"); /* three matching tokens beat two */
  assert_string_equal(ids(f->cat, "\"unsent letter\" OR \"friend call\"", "en"), "prompt.letter");
  /* A phrase longer than any text. */
  assert_string_equal(ids(f->cat, "\"take a walk take a walk take a walk\"", "en"), "");
  /* Invalid UTF-8 separates tokens (here: of one phrase); a filter value is
   * compared whole. */
  assert_string_equal(ids(f->cat, "unsent\xff\xfeletter", "en"), "prompt.letter");
  assert_string_equal(ids(f->cat, "letter\xff\xfeunsent", "en"), "");
  assert_string_equal(ids(f->cat, "kind:tipp", "en"), "");
  assert_string_equal(ids(f->cat, "kind:label walk OR yes", "en"), "label.yes");
  /* Two thousand words, most repeated: still one answer. */
  big = malloc(20000);
  big[0] = '\0';
  for (i = 0; i < 2000; i++) strcat(big, i % 2 ? "letter " : "unsent ");
  assert_int_equal(lg_catalog_search(f->cat, big, "en", hits, 4, &total), LG_OK);
  assert_int_equal(total, 1);
  for (i = 0; i < 2000; i++) big[i] = 'x';
  big[2000] = '\0';
  assert_int_equal(lg_catalog_search(f->cat, big, "en", hits, 4, &total), LG_OK);
  assert_int_equal(total, 0);
  free(big);
}

static void bad_queries_and_arguments_fail_cleanly(void **state) {
  fixture *f = *state;
  lg_hit hits[2];
  size_t total = 7;
  assert_int_equal(lg_catalog_search(f->cat, "time \"heals", "en", hits, 2, &total), LG_ESYNTAX);
  assert_int_equal(lg_catalog_search(f->cat, "kind:", "en", hits, 2, &total), LG_ESYNTAX);
  assert_int_equal(lg_catalog_search(f->cat, "tag: time", "en", hits, 2, &total), LG_ESYNTAX);
  assert_int_equal(total, 7);
  assert_int_equal(lg_catalog_search(NULL, "time", "en", hits, 2, &total), LG_EINVAL);
  assert_int_equal(lg_catalog_search(f->cat, NULL, "en", hits, 2, &total), LG_EINVAL);
  assert_int_equal(lg_catalog_search(f->cat, "time", "en", NULL, 2, &total), LG_EINVAL);
  assert_int_equal(lg_catalog_search_ex(f->cat, "time", "en", 1.0, 2u, hits, 2, &total), LG_EINVAL);
  assert_int_equal(lg_catalog_search_ex(f->cat, "time", "en", 0.0, 0, hits, 2, &total), LG_ERANGE);
  assert_int_equal(lg_catalog_search_ex(f->cat, "time", "en", -1.0, 0, hits, 2, &total), LG_ERANGE);
  assert_int_equal(lg_catalog_search_ex(f->cat, "time", "en", NAN, 0, hits, 2, &total), LG_ERANGE);
  assert_int_equal(lg_catalog_search_ex(f->cat, "time", "en", INFINITY, 0, hits, 2, &total),
                   LG_ERANGE);
  assert_int_equal(total, 7);
}

static void an_empty_catalogue_finds_nothing(void **state) {
  lg_catalog *cat;
  lg_hit hits[2];
  size_t total = 7;
  (void)state;
  assert_int_equal(lg_catalog_new(&cat, NULL, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(lg_catalog_search(cat, "time", "en", hits, 2, &total), LG_OK);
  assert_int_equal(total, 0);
  total = 7;
  assert_int_equal(lg_catalog_search(cat, "kind:tip", "en", hits, 2, &total), LG_OK);
  assert_int_equal(total, 0);
  lg_catalog_free(cat);
}

/*
 * A locale whose first entries hold no word at all (punctuation only) once
 * did pointer arithmetic on a NULL buffer while building the index, which
 * clang's UBSan reports; found by clang-tidy next to a false positive.
 */
static void entries_without_words_still_build_an_index(void **state) {
  static const char pack[] =
      "{\"format\": \"letgo-pack/1\", \"id\": \"wordless\", \"version\": \"1.0.0\","
      " \"locale\": \"en\", \"entries\": ["
      "{\"id\": \"a.dots\", \"kind\": \"article\", \"title\": \"!\", \"body\": \"...\"},"
      "{\"id\": \"t.rest\", \"kind\": \"tip\", \"title\": \"Rest\", \"body\": \"Rest today.\"}]}";
  static const char only_dots[] =
      "{\"format\": \"letgo-pack/1\", \"id\": \"dots\", \"version\": \"1.0.0\","
      " \"locale\": \"es\", \"entries\": ["
      "{\"id\": \"a.dots\", \"kind\": \"article\", \"title\": \"?\", \"body\": \"-\"}]}";
  lgt_alloc t;
  lg_catalog *cat;
  lg_hit hits[2];
  size_t total = 7;
  (void)state;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&cat, &t.base, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(lg_catalog_load(cat, pack, sizeof pack - 1, NULL), LG_OK);
  assert_int_equal(lg_catalog_load(cat, only_dots, sizeof only_dots - 1, NULL), LG_OK);
  assert_string_equal(ids(cat, "rest", "en"), "t.rest");
  assert_int_equal(lg_catalog_search(cat, "rest", "es", hits, 2, &total), LG_OK);
  assert_int_equal(total, 0);
  lg_catalog_free(cat);
  assert_int_equal(t.live_bytes, 0);
}

/* ---- exact scores --------------------------------------------------------- */

/*
 * rank.w<W>.<and|or>.expected hold, per query of rank.queries, the total
 * and the top 10 as id:score (17 significant digits), computed by
 * bench/bm25_ref.py and checked there against SQLite FTS5.
 */
static void check_reference(const lg_catalog *cat, const char *weight, double w, unsigned flags) {
  char path[512], line[4096], qline[256];
  FILE *qf, *ef;
  size_t qno = 0;
  snprintf(path, sizeof path, "%srank.queries", DATA);
  qf = fopen(path, "r");
  snprintf(path, sizeof path, "%srank.w%s.%s.expected", DATA, weight,
           flags & LG_SEARCH_OR ? "or" : "and");
  ef = fopen(path, "r");
  assert_non_null(qf);
  assert_non_null(ef);
  while (fgets(qline, sizeof qline, qf)) {
    lg_hit hits[10];
    size_t total = 0, n, i, eno, etotal;
    char *p, *tok, *next;
    qline[strcspn(qline, "\n")] = '\0';
    qno++;
    assert_non_null(fgets(line, sizeof line, ef));
    line[strcspn(line, "\n")] = '\0';
    assert_int_equal(lg_catalog_search_ex(cat, qline, "en", w, flags, hits, 10, &total), LG_OK);
    eno = strtoul(line, &p, 10);
    assert_int_equal(eno, qno);
    etotal = strtoul(p + 1, &p, 10);
    assert_int_equal(total, etotal);
    n = total < 10 ? total : 10;
    p = strchr(line, '\t');
    p = strchr(p + 1, '\t') + 1;
    for (i = 0, tok = *p ? p : NULL; tok; tok = next, i++) {
      char *colon;
      next = strchr(tok, ' ');
      if (next) *next++ = '\0';
      colon = strrchr(tok, ':');
      double want;
      *colon = '\0';
      want = strtod(colon + 1, NULL);
      assert_true(i < n);
      if (strcmp(lg_entry_id(hits[i].entry), tok) != 0 || hits[i].score != want)
        fail_msg("query %zu (%s), hit %zu: got %s:%.17g, want %s:%.17g", qno, qline, i,
                 lg_entry_id(hits[i].entry), hits[i].score, tok, want);
    }
    assert_int_equal(i, n);
  }
  assert_int_equal(qno, 12);
  fclose(qf);
  fclose(ef);
}

static void scores_equal_fts5_bm25_with_weight_1(void **state) {
  fixture *f = *state;
  check_reference(f->cat, "1", 1.0, 0);
  check_reference(f->cat, "1", 1.0, LG_SEARCH_OR);
}

static void scores_equal_fts5_bm25_with_title_weights(void **state) {
  fixture *f = *state;
  check_reference(f->cat, "2", 2.0, 0);
  check_reference(f->cat, "2", 2.0, LG_SEARCH_OR);
  check_reference(f->cat, "1.5", 1.5, LG_SEARCH_OR);
}

static void default_search_uses_title_weight_2(void **state) {
  fixture *f = *state;
  lg_hit a[10], b[10];
  size_t ta, tb, i;
  assert_int_equal(lg_catalog_search(f->cat, "love", "en", a, 10, &ta), LG_OK);
  assert_int_equal(lg_catalog_search_ex(f->cat, "love", "en", 2.0, 0, b, 10, &tb), LG_OK);
  assert_int_equal(ta, tb);
  for (i = 0; i < ta; i++) {
    assert_ptr_equal(a[i].entry, b[i].entry);
    assert_true(a[i].score == b[i].score);
  }
}

static void repeated_query_words_count_once(void **state) {
  fixture *f = *state;
  lg_hit a[10], b[10];
  size_t ta, tb;
  assert_int_equal(lg_catalog_search_ex(f->cat, "love love LOVE", "en", 1.0, 0, a, 10, &ta), LG_OK);
  assert_int_equal(lg_catalog_search_ex(f->cat, "love", "en", 1.0, 0, b, 10, &tb), LG_OK);
  assert_int_equal(ta, tb);
  assert_true(a[0].score == b[0].score);
}

/* ---- against brute force ------------------------------------------------- */

/* 1 when the folded token w occurs in e's title or body. */
static int entry_has(const lg_entry *e, const char *w) {
  const char *f[2];
  int k;
  f[0] = lg_entry_title(e);
  f[1] = lg_entry_body(e);
  for (k = 0; k < 2; k++) {
    size_t pos = 0, n = strlen(f[k]), len;
    char tok[128];
    while (lgi_token_next(f[k], n, &pos, tok, sizeof tok, &len, NULL, NULL))
      if (len == strlen(w) && memcmp(tok, w, len) == 0) return 1;
  }
  return 0;
}

static unsigned next_rand(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return (*s >> 16) & 0x7FFF;
}

static void random_queries_match_a_brute_force_scan(void **state) {
  fixture *f = *state;
  static const char *const words[] = {"time",  "walk", "slowly",  "you",     "letter", "the",
                                      "a",     "for",  "breathe", "stretch", "your",   "nowhere",
                                      "heals", "help", "slow",    "write"};
  const size_t nw = sizeof words / sizeof *words;
  unsigned seed = 20240601u;
  int round;
  for (round = 0; round < 400; round++) {
    char q[256] = "";
    const char *w[4];
    int isor[4];
    size_t k = 1 + next_rand(&seed) % 4, i, n = lg_catalog_entry_count(f->cat), total = 0, want = 0,
           d;
    lg_hit hits[32];
    unsigned flags = next_rand(&seed) % 4 == 0 ? LG_SEARCH_OR : 0u;
    for (i = 0; i < k; i++) {
      w[i] = words[next_rand(&seed) % nw];
      isor[i] = i > 0 && next_rand(&seed) % 3 == 0;
      snprintf(q + strlen(q), sizeof q - strlen(q), "%s%s", i ? (isor[i] ? " OR " : " ") : "",
               w[i]);
    }
    assert_int_equal(lg_catalog_search_ex(f->cat, q, "en", 1.0, flags, hits, 32, &total), LG_OK);
    for (d = 0; d < n; d++) {
      const lg_entry *e = lg_catalog_entry_at(f->cat, d);
      int ok = 1, any = 0, group = 0;
      if (strcmp(lg_entry_locale(e), "en") != 0 || strcmp(lg_entry_kind(e), "label") == 0) continue;
      /* groups: a word joins the previous one's group when OR stands before it */
      for (i = 0; i < k; i++) {
        int has = entry_has(e, w[i]);
        if (flags) {
          any |= has;
          continue;
        }
        if (i > 0 && !isor[i]) {
          ok &= group;
          group = 0;
        }
        group |= has;
      }
      ok = flags ? any : ok & group;
      if (ok) {
        size_t j;
        int found = 0;
        for (j = 0; j < total && j < 32; j++) found |= hits[j].entry == e;
        if (!found) fail_msg("query \"%s\" (flags %u) misses %s", q, flags, lg_entry_id(e));
        want++;
      }
    }
    if (total != want)
      fail_msg("query \"%s\" (flags %u): total %zu, brute force %zu", q, flags, total, want);
    for (i = 1; i < total && i < 32; i++) assert_true(hits[i - 1].score >= hits[i].score);
  }
}

/* ---- allocation failures ------------------------------------------------ */

static void every_allocation_failure_leaves_the_search_clean(void **state) {
  fixture *f = *state;
  static const char *const queries[] = {
      "time",      "letter OR friend help",       "\"give yourself\" time", "kind:tip",
      "self-care", "time kind:tip phase:rebuild", "walk kind:label",        "dia",
      "",
  };
  static const size_t maxes[] = {4, 40}; /* a heap on the stack, one allocated */
  size_t q, m, most = 0;
  for (m = 0; m < 2; m++) {
    for (q = 0; q < sizeof queries / sizeof *queries; q++) {
      size_t n, points = 0;
      for (n = 1;; n++) {
        lg_hit hits[40];
        size_t total = 99, live = f->t.live_bytes;
        int rc;
        lgt_alloc_fail_at(&f->t, n);
        rc = lg_catalog_search(f->cat, queries[q], q % 2 ? "es-MX" : "en", hits, maxes[m], &total);
        lgt_alloc_fail_at(&f->t, 0);
        assert_int_equal(f->t.live_bytes, live);
        if (rc == LG_OK) break;
        assert_int_equal(rc, LG_ENOMEM);
        assert_int_equal(total, 99);
        points++;
      }
      assert_true(points <= 1); /* the parsed query; heaps this small are on the stack */
      if (points > most) most = points;
    }
  }
  assert_int_equal(most, 1);
}

/* 60 entries that all say "common", with the word repeated 1..60 times. */
static void a_large_page_allocates_its_heap_and_fails_cleanly(void **state) {
  lgt_alloc t;
  lg_catalog *cat;
  char *json = malloc(200000);
  size_t o = 0, i, j, n, points = 0;
  (void)state;
  o +=
      (size_t)sprintf(json + o, "{\"format\":\"letgo-pack/1\",\"id\":\"big\",\"version\":\"1.0.0\","
                                "\"locale\":\"en\",\"entries\":[");
  for (i = 0; i < 60; i++) {
    o += (size_t)sprintf(json + o,
                         "%s{\"id\":\"tip.n%zu\",\"kind\":\"tip\",\"title\":\"Tip\",\"body\":\"",
                         i ? "," : "", i);
    for (j = 0; j <= i % 7; j++) o += (size_t)sprintf(json + o, "common ");
    o += (size_t)sprintf(json + o, "words\"}");
  }
  o += (size_t)sprintf(json + o, "]}");
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&cat, &t.base, LG_CATALOG_EMPTY), LG_OK);
  assert_int_equal(lg_catalog_load(cat, json, o, NULL), LG_OK);
  for (n = 1;; n++) {
    lg_hit hits[50];
    size_t total = 99, live = t.live_bytes;
    int rc;
    lgt_alloc_fail_at(&t, n);
    rc = lg_catalog_search(cat, "common", "en", hits, 50, &total);
    lgt_alloc_fail_at(&t, 0);
    assert_int_equal(t.live_bytes, live);
    if (rc == LG_OK) {
      assert_int_equal(total, 60);
      /* seven repeats rank first: entries 6, 13, 20, ... in catalogue order */
      assert_string_equal(lg_entry_id(hits[0].entry), "tip.n6");
      assert_string_equal(lg_entry_id(hits[1].entry), "tip.n13");
      for (i = 1; i < 50; i++) assert_true(hits[i - 1].score >= hits[i].score);
      break;
    }
    assert_int_equal(rc, LG_ENOMEM);
    assert_int_equal(total, 99);
    points++;
  }
  assert_int_equal(points, 2);
  lg_catalog_free(cat);
  assert_int_equal(t.live_bytes, 0);
  free(json);
}

typedef struct build_ctx {
  lgi_index_doc docs[4];
} build_ctx;

static int build_journey(lgt_alloc *t, void *ctx) {
  build_ctx *c = ctx;
  lgi_index *ix = NULL;
  int rc = lgi_index_build_docs(&t->base, c->docs, 4, &ix);
  if (rc == LG_OK) {
    const lgi_ixloc *en = lgi_index_locale(ix, "EN");
    lgi_term term;
    assert_non_null(en);
    assert_int_equal(en->ndocs, 3);
    assert_int_equal(en->nlabels, 1);
    assert_int_equal(lgi_index_term(en, "time", 4, &term), 0);
    assert_int_equal(term.df, 2);
    assert_int_equal(lgi_index_term(en, "very", 4, &term), 0);
    assert_int_equal(term.df, 1);
    assert_int_equal(lgi_index_term(en, "longerthansixteen", 17, &term), -1);
    assert_int_equal(lgi_index_term(en, "sixteen", 7, &term), 0);
    assert_int_equal(lgi_index_term(en, "nowhere", 7, &term), -1);
    assert_int_equal(lgi_index_term(en, "abcdefghijklmnopqrstuvwxyz0123456789", 36, &term), 0);
    assert_int_equal(lgi_index_term(en, "abcdefghijklmnopqrstuvwxyz012345678", 35, &term), -1);
    assert_non_null(lgi_index_locale(ix, "es"));
    assert_null(lgi_index_locale(ix, "fr"));
    assert_true(lgi_index_bytes(ix) > 0);
    lgi_index_free(&t->base, ix);
  }
  return rc;
}

static void every_allocation_failure_in_the_index_build_is_clean(void **state) {
  build_ctx c;
  size_t points;
  (void)state;
  memset(&c, 0, sizeof c);
  c.docs[0].locale = "en";
  c.docs[0].title = "Time heals";
  c.docs[0].body = "Give it time, and a very-long-word-indeed-longer-than-sixteen "
                   "abcdefghijklmnopqrstuvwxyz0123456789.";
  c.docs[1].locale = "es";
  c.docs[1].title = "El tiempo";
  c.docs[1].body = "Cura despacio.";
  c.docs[2].locale = "en";
  c.docs[2].title = "Walk";
  c.docs[2].body = "Time to walk.";
  c.docs[3].locale = "en";
  c.docs[3].title = "Yes";
  c.docs[3].body = "Yes time";
  c.docs[3].flags = LGI_DOC_LABEL;
  points = lgt_alloc_every_failure(build_journey, &c);
  assert_true(points >= 10);
}

/* The pieces random texts are made of: ASCII words of every length around
 * the 8- and 16-byte key words, separators, and non-ASCII letters,
 * separators and combining marks that send a token to the full tokenizer. */
static const char *const text_pieces[] = {
    "a",
    "Bc",
    "love",
    "Letting",
    "go2024",
    "ABCDEFGH",
    "abcdefghi",
    "fifteen-letters",
    "sixteenlettersok",
    "seventeenletters1",
    "x",
    "0",
    " ",
    " ",
    " ",
    ", ",
    ".\n",
    "--",
    "\xc3\xa9",
    "d\xc3\xad"
    "a",
    "\xe2\x80\x94",
    "\xe2\x80\x9cquoted\xe2\x80\x9d",
    "cafe\xcc\x81",
    "\xc3\x91",
    "stra\xc3\x9f"
    "e",
    "\xce\xb1\xce\xb2",
    "\xf0\x9f\x92\x94",
    "\t",
    "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword"};

static void the_index_agrees_with_the_tokenizer_on_random_texts(void **state) {
  enum { NDOCS = 60 };
  static char texts[NDOCS][2400];
  lgi_index_doc docs[NDOCS];
  uint32_t seed = 12345;
  size_t d, npieces = sizeof text_pieces / sizeof *text_pieces;
  lgt_alloc t;
  (void)state;
  memset(docs, 0, sizeof docs);
  for (d = 0; d < NDOCS; d++) {
    size_t len = 0, want;
    seed = seed * 1103515245u + 12345u;
    want = (seed >> 8) % 2000; /* from empty to many 64-byte blocks */
    texts[d][0] = '\0';
    while (len < want) {
      const char *piece;
      seed = seed * 1103515245u + 12345u;
      piece = text_pieces[(seed >> 8) % npieces];
      if (len + strlen(piece) + 1 >= sizeof texts[d]) break;
      memcpy(texts[d] + len, piece, strlen(piece) + 1);
      len += strlen(piece);
    }
    docs[d].locale = "en";
    docs[d].title = d % 3 ? "Title words" : "";
    docs[d].body = texts[d];
  }
  lgt_alloc_init(&t);
  assert_null(index_check(&t.base, docs, NDOCS));
  assert_int_equal(t.live_bytes, 0);
}

static int many_terms_journey(lgt_alloc *t, void *ctx) {
  lgi_index *ix = NULL;
  lgi_index_doc doc;
  char *body = ctx;
  int rc;
  memset(&doc, 0, sizeof doc);
  doc.locale = "en";
  doc.title = "numbers";
  doc.body = body;
  rc = lgi_index_build_docs(&t->base, &doc, 1, &ix);
  if (rc == LG_OK) {
    lgi_term term;
    assert_int_equal(ix->locs[0].nterms, 5001);
    assert_int_equal(lgi_index_term(&ix->locs[0], "w4999", 5, &term), 0);
    assert_int_equal(term.df, 1);
    assert_int_equal(lgi_index_term(&ix->locs[0], "w0", 2, &term), 0);
    assert_int_equal(lgi_index_term(&ix->locs[0], "w5000", 5, &term), -1);
    lgi_index_free(&t->base, ix);
  }
  return rc;
}

static void the_dictionary_grows_past_its_first_table(void **state) {
  char *body = malloc(5000 * 8);
  size_t i, o = 0;
  lgt_alloc t;
  (void)state;
  for (i = 0; i < 5000; i++) o += (size_t)sprintf(body + o, "w%zu ", i);
  lgt_alloc_init(&t);
  assert_int_equal(many_terms_journey(&t, body), LG_OK);
  assert_int_equal(t.live_bytes, 0);
  free(body);
}

int main(void) {
  const struct CMUnitTest tokenizer[] = {
      cmocka_unit_test(tokenizer_splits_on_everything_but_letters_and_digits),
      cmocka_unit_test(tokenizer_folds_latin_accents_and_ligatures),
      cmocka_unit_test(tokenizer_keeps_other_letters_and_drops_combining_marks),
      cmocka_unit_test(tokenizer_reports_full_length_beyond_cap),
      cmocka_unit_test(every_allocation_failure_in_the_index_build_is_clean),
      cmocka_unit_test(the_dictionary_grows_past_its_first_table),
      cmocka_unit_test(the_index_agrees_with_the_tokenizer_on_random_texts),
      cmocka_unit_test(an_empty_catalogue_finds_nothing),
      cmocka_unit_test(entries_without_words_still_build_an_index),
      cmocka_unit_test(a_large_page_allocates_its_heap_and_fails_cleanly),
  };
  const struct CMUnitTest queries[] = {
      cmocka_unit_test_setup_teardown(words_are_anded, setup, teardown),
      cmocka_unit_test_setup_teardown(or_between_words_makes_a_group, setup, teardown),
      cmocka_unit_test_setup_teardown(search_or_flag_matches_any_word, setup, teardown),
      cmocka_unit_test_setup_teardown(phrases_match_consecutive_tokens_in_order, setup, teardown),
      cmocka_unit_test_setup_teardown(filters_restrict_by_kind_tag_and_phase, setup, teardown),
      cmocka_unit_test_setup_teardown(filters_only_list_in_catalogue_order_with_score_zero, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(total_counts_every_match_beyond_max, setup, teardown),
      cmocka_unit_test_setup_teardown(accents_and_case_fold_both_ways, setup, teardown),
      cmocka_unit_test_setup_teardown(labels_only_with_kind_label, setup, teardown),
      cmocka_unit_test_setup_teardown(only_the_resolved_locale_is_searched, setup, teardown),
      cmocka_unit_test_setup_teardown(title_weight_changes_the_order, setup, teardown),
      cmocka_unit_test_setup_teardown(equal_scores_keep_catalogue_order, setup, teardown),
      cmocka_unit_test_setup_teardown(empty_queries_find_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(bad_queries_and_arguments_fail_cleanly, setup, teardown),
      cmocka_unit_test_setup_teardown(odd_queries_behave, setup, teardown),
      cmocka_unit_test_setup_teardown(every_allocation_failure_leaves_the_search_clean, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(random_queries_match_a_brute_force_scan, setup, teardown),
  };
  const struct CMUnitTest ranking[] = {
      cmocka_unit_test_setup_teardown(scores_equal_fts5_bm25_with_weight_1, setup_rank, teardown),
      cmocka_unit_test_setup_teardown(scores_equal_fts5_bm25_with_title_weights, setup_rank,
                                      teardown),
      cmocka_unit_test_setup_teardown(default_search_uses_title_weight_2, setup_rank, teardown),
      cmocka_unit_test_setup_teardown(repeated_query_words_count_once, setup_rank, teardown),
  };
  int rc = cmocka_run_group_tests_name("tokenizer and index", tokenizer, NULL, NULL);
  rc |= cmocka_run_group_tests_name("query language", queries, NULL, NULL);
  rc |= cmocka_run_group_tests_name("ranking", ranking, NULL, NULL);
  return rc;
}
