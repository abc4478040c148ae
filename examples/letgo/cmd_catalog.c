/*
 * cmd_catalog.c - `letgo search`, `letgo show` and `letgo list`.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_HITS 20

static void print_line(const cli *c, const lg_entry *e) {
  char *title = cli_render(c, lg_entry_title(e));
  printf("%-32s %-12s %s\n", lg_entry_id(e), lg_entry_kind(e), title ? title : "");
  free(title);
}

int cmd_search(cli *c, int argc, char **argv) {
  lg_hit hits[MAX_HITS];
  size_t total = 0, i;
  int status;
  if (argc != 1 || strcmp(argv[0], "--help") == 0) {
    fputs("usage: letgo search QUERY\n\n"
          "Every word must match; OR between words, \"a phrase\" and the filters\n"
          "kind:NAME, tag:NAME and phase:NAME are understood. Best matches first.\n",
          argc == 1 ? stdout : stderr);
    return argc == 1 ? EXIT_OK : EXIT_USAGE;
  }
  if ((status = lg_catalog_search(c->cat, argv[0], c->locale, hits, MAX_HITS, &total)) != LG_OK) {
    fprintf(stderr, "letgo search: %s\n",
            status == LG_ESYNTAX
                ? "the query is malformed (an unclosed quote, or a filter without a value)"
                : lg_strerror(status));
    return status == LG_ESYNTAX ? EXIT_USAGE : cli_exit_code(status);
  }
  for (i = 0; i < total && i < MAX_HITS; i++) print_line(c, hits[i].entry);
  fprintf(stderr, "%zu match%s%s\n", total, total == 1 ? "" : "es",
          total > MAX_HITS ? " (the first 20 shown)" : "");
  return EXIT_OK;
}

int cmd_show(cli *c, int argc, char **argv) {
  const lg_entry *e;
  if (argc != 1 || strcmp(argv[0], "--help") == 0) {
    fputs("usage: letgo show ID\n\nShows one text (ids: letgo list, letgo search).\n",
          argc == 1 ? stdout : stderr);
    return argc == 1 ? EXIT_OK : EXIT_USAGE;
  }
  if (!(e = lg_catalog_entry(c->cat, argv[0], c->locale))) {
    fprintf(stderr, "letgo show: no text with the id '%s' (try letgo search)\n", argv[0]);
    return EXIT_USAGE;
  }
  cli_print_entry(c, stdout, argv[0]);
  cli_print_contacts(c, stdout, e, "", "\n");
  if (lg_entry_contact(e, "phone") || lg_entry_contact(e, "sms") || lg_entry_contact(e, "url"))
    putchar('\n');
  if (lg_entry_source(e))
    printf("source: %s (checked %s)\n", lg_entry_source(e),
           lg_entry_checked(e) ? lg_entry_checked(e) : "-");
  return EXIT_OK;
}

/* Each id once, in the reader's locale: an entry is listed where it is the
 * one a lookup in that locale resolves to. */
static void list_entries(const cli *c) {
  size_t i, n = lg_catalog_entry_count(c->cat);
  for (i = 0; i < n; i++) {
    const lg_entry *e = lg_catalog_entry_at(c->cat, i);
    if (lg_catalog_entry(c->cat, lg_entry_id(e), c->locale) == e &&
        strcmp(lg_entry_kind(e), "label") != 0)
      print_line(c, e);
  }
}

static void list_resources(const cli *c) {
  lg_hit hits[128];
  size_t total = 0, i, r;
  if (lg_catalog_search(c->cat, "kind:resource", c->locale, hits, 128, &total) != LG_OK) return;
  for (i = 0; i < total && i < 128; i++) {
    const lg_entry *e = hits[i].entry;
    char *title = cli_render(c, lg_entry_title(e)), regions[64] = "";
    for (r = 0; r < lg_entry_region_count(e) && strlen(regions) + 4 < sizeof regions; r++)
      strcat(strcat(regions, r ? "," : ""), lg_entry_region(e, r));
    printf("%-32s %-8s %s\n", lg_entry_id(e), regions, title ? title : "");
    free(title);
  }
}

static void list_instruments(cli *c) {
  size_t i;
  for (i = 0; i < lg_catalog_instrument_count(c->cat); i++) {
    const char *id = lg_catalog_instrument_id(c->cat, i);
    lg_session *s = NULL;
    lg_session_new(&s, c->cat, id, c->locale); /* for the title in the reader's language */
    printf("%-12s %s\n", id, s ? lg_session_title(s) : "");
    lg_session_free(s);
  }
}

int cmd_list(cli *c, int argc, char **argv) {
  const char *what = argc > 0 ? argv[0] : "entries";
  size_t i;
  if (argc > 1 || strcmp(what, "--help") == 0) {
    fputs("usage: letgo list [entries|instruments|plans|resources]\n", argc > 1 ? stderr : stdout);
    return argc > 1 ? EXIT_USAGE : EXIT_OK;
  }
  if (strcmp(what, "entries") == 0)
    list_entries(c);
  else if (strcmp(what, "resources") == 0)
    list_resources(c);
  else if (strcmp(what, "instruments") == 0)
    list_instruments(c);
  else if (strcmp(what, "plans") == 0)
    for (i = 0; i < lg_catalog_template_count(c->cat); i++)
      printf("%s\n", lg_catalog_template_id(c->cat, i));
  else {
    fprintf(stderr, "letgo list: '%s' is not one of entries, instruments, plans, resources\n",
            what);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
