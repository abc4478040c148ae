/*
 * render.c - lg_render: filling a text's placeholders for one reader.
 *
 * The words a placeholder becomes are grammar, not content: pronouns and
 * verb agreement, a handful per language, chosen by rules a pack cannot
 * express. They are the one place words live in code (docs/pack-format.md
 * says so); everything a person reads beyond them comes from packs.
 * Languages without a table use English grammar.
 */
#include <string.h>

#include "catalog/catalog_impl.h"

enum { SET_THEY, SET_HE, SET_SHE, SET_COUNT };

/* Pronoun forms for {they} .. {Their} (LGI_PH_THEY..LGI_PH_THEIR_CAP). */
#define FORMS (LGI_PH_THEIR_CAP - LGI_PH_THEY + 1)

typedef struct grammar {
  const char *lang;
  const char *reader;            /* {name} without a name               */
  const char *partner, *Partner; /* {partner} / {Partner} without a name */
  const char *forms[SET_COUNT][FORMS];
  const char *verbs[SET_COUNT][3]; /* are, were, have: after {they}/{They} */
  int name_for_they;               /* a neutral subject or object is the partner's name */
} grammar;

static const grammar grammars[] = {
    {"en",
     "friend",
     "your partner",
     "Your partner",
     {{"they", "them", "their", "theirs", "themself", "They", "Them", "Their"},
      {"he", "him", "his", "his", "himself", "He", "Him", "His"},
      {"she", "her", "her", "hers", "herself", "She", "Her", "Her"}},
     {{"are", "were", "have"}, {"is", "was", "has"}, {"is", "was", "has"}},
     0},
    /* Spanish has no neutral singular pronoun: "esa persona" stands in for
     * it, or the partner's name when the reader gave one. */
    {"es",
     "t\xc3\xba",
     "tu pareja",
     "Tu pareja",
     {{"esa persona", "esa persona", "su", "de esa persona", "s\xc3\xad misma", "Esa persona",
       "Esa persona", "Su"},
      {"\xc3\xa9l", "\xc3\xa9l", "su", "de \xc3\xa9l", "s\xc3\xad mismo", "\xc3\x89l", "\xc3\x89l",
       "Su"},
      {"ella", "ella", "su", "de ella", "s\xc3\xad misma", "Ella", "Ella", "Su"}},
     {{"est\xc3\xa1", "estaba", "tiene"},
      {"est\xc3\xa1", "estaba", "tiene"},
      {"est\xc3\xa1", "estaba", "tiene"}},
     1},
};

static const grammar *grammar_for(const lg_catalog *cat, const char *locale) {
  const char *tag = lgi_catalog_resolve_locale(cat, locale);
  size_t i, n = strcspn(tag, "-");
  for (i = 0; i < sizeof grammars / sizeof grammars[0]; i++)
    if (strlen(grammars[i].lang) == n && memcmp(grammars[i].lang, tag, n) == 0) return &grammars[i];
  return &grammars[0];
}

typedef struct persona {
  const char *name, *partner;
  int set;
} persona;

static int read_vars(const char *const *vars, persona *p) {
  size_t i;
  p->name = p->partner = NULL;
  p->set = SET_THEY;
  for (i = 0; vars && vars[i]; i += 2) {
    const char *key = vars[i], *value = vars[i + 1];
    if (!value) return LG_EINVAL;
    if (strcmp(key, "name") == 0) {
      p->name = value[0] ? value : NULL;
    } else if (strcmp(key, "partner_name") == 0) {
      p->partner = value[0] ? value : NULL;
    } else if (strcmp(key, "partner_pronouns") == 0) {
      if (strcmp(value, "they") == 0)
        p->set = SET_THEY;
      else if (strcmp(value, "he") == 0)
        p->set = SET_HE;
      else if (strcmp(value, "she") == 0)
        p->set = SET_SHE;
      else
        return LG_EINVAL;
    } else {
      return LG_EINVAL;
    }
  }
  return LG_OK;
}

static const char *pronoun(const grammar *g, const persona *p, int ph) {
  if (g->name_for_they && p->set == SET_THEY && p->partner &&
      (ph == LGI_PH_THEY || ph == LGI_PH_THEM || ph == LGI_PH_THEY_CAP || ph == LGI_PH_THEM_CAP))
    return p->partner;
  return g->forms[p->set][ph - LGI_PH_THEY];
}

static void expand(lgi_out *out, const grammar *g, const persona *p, int ph) {
  switch (ph) {
  case LGI_PH_NAME:
    lgi_out_puts(out, p->name ? p->name : g->reader);
    return;
  case LGI_PH_PARTNER:
    lgi_out_puts(out, p->partner ? p->partner : g->partner);
    return;
  case LGI_PH_PARTNER_CAP:
    lgi_out_puts(out, p->partner ? p->partner : g->Partner);
    return;
  case LGI_PH_THEY_ARE:
  case LGI_PH_THEY_WERE:
  case LGI_PH_THEY_HAVE:
    lgi_out_puts(out, pronoun(g, p, LGI_PH_THEY));
    lgi_out_putc(out, ' ');
    lgi_out_puts(out, g->verbs[p->set][ph - LGI_PH_THEY_ARE]);
    return;
  case LGI_PH_THEY_ARE_CAP:
  case LGI_PH_THEY_WERE_CAP:
  case LGI_PH_THEY_HAVE_CAP:
    lgi_out_puts(out, pronoun(g, p, LGI_PH_THEY_CAP));
    lgi_out_putc(out, ' ');
    lgi_out_puts(out, g->verbs[p->set][ph - LGI_PH_THEY_ARE_CAP]);
    return;
  default:
    lgi_out_puts(out, pronoun(g, p, ph));
    return;
  }
}

int lg_render(const lg_catalog *cat, const char *text, const char *locale, const char *const *vars,
              char *buf, size_t cap, size_t *len) {
  const grammar *g;
  persona p;
  lgi_out out;
  lgi_piece piece;
  size_t pos = 0, n;
  int r, problem;
  if (!cat || !text || !len || (!buf && cap > 0)) return LG_EINVAL;
  if (read_vars(vars, &p) != LG_OK) return LG_EINVAL;
  g = grammar_for(cat, locale);
  n = strlen(text);
  lgi_out_fixed(&out, buf, cap);
  while ((r = lgi_text_next(text, n, &pos, &piece, &problem)) > 0) {
    if (piece.ph < 0)
      lgi_out_put(&out, piece.s, piece.n);
    else
      expand(&out, g, &p, piece.ph);
  }
  if (r < 0) {
    *len = 0;
    if (cap > 0) buf[0] = '\0';
    return LG_ESYNTAX;
  }
  return lgi_out_finish(&out, len);
}
