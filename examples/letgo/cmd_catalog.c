/*
 * cmd_catalog.c - `letgo search`, `letgo show` and `letgo list`.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_search(cli *c, int argc, char **argv) {
  lg_hit hits[20];
  size_t total = 0, i, n;
  int rc;
  if (argc != 1 || strcmp(argv[0], "--help") == 0) {
    fputs("usage: letgo search QUERY\n\nWords must all match; OR between words, \"a phrase\",\n"
          "and kind:NAME tag:NAME phase:NAME filters are understood.\n",
          argc == 1 ? stdout : stderr);
    return argc == 1 ? EXIT_OK : EXIT_USAGE;
  }
  rc = lg_catalog_search(c->cat, argv[0], c->locale, hits, 20, &total);
  if (rc != LG_OK) {
    fprintf(stderr, "letgo search: %s\n", lg_strerror(rc));
    return rc == LG_ESYNTAX ? EXIT_USAGE : cli_exit_code(rc);
  }
  n = total < 20 ? total : 20;
  for (i = 0; i < n; i++) {
    char *title = cli_render(c, lg_entry_title(hits[i].entry), NULL);
    printf("%-32s %-12s %s\n", lg_entry_id(hits[i].entry), lg_entry_kind(hits[i].entry),
           title ? title : "");
    free(title);
  }
  fprintf(stderr, "%zu match%s%s\n", total, total == 1 ? "" : "es",
          total > n ? " (the first 20 shown)" : "");
  return EXIT_OK;
}

int cmd_show(cli *c, int argc, char **argv) {
  const lg_entry *e;
  if (argc != 1 || strcmp(argv[0], "--help") == 0) {
    fputs("usage: letgo show ID\n", argc == 1 ? stdout : stderr);
    return argc == 1 ? EXIT_OK : EXIT_USAGE;
  }
  e = lg_catalog_entry(c->cat, argv[0], c->locale);
  if (!e) {
    fprintf(stderr, "letgo show: no entry '%s' (try letgo search)\n", argv[0]);
    return EXIT_DATAERR;
  }
  cli_print_entry(c, stdout, argv[0]);
  if (strcmp(lg_entry_kind(e), "resource") == 0) {
    static const char *const fields[] = {"phone", "sms", "url"};
    size_t i;
    for (i = 0; i < 3; i++)
      if (lg_entry_contact(e, fields[i])) printf("%s: %s\n", fields[i], lg_entry_contact(e, fields[i]));
    if (lg_entry_source(e)) printf("source: %s (checked %s)\n", lg_entry_source(e),
                                   lg_entry_checked(e) ? lg_entry_checked(e) : "-");
  }
  return EXIT_OK;
}

static int first_of_id(const lg_catalog *cat, size_t i) {
  size_t j;
  const char *id = lg_entry_id(lg_catalog_entry_at(cat, i));
  for (j = 0; j < i; j++)
    if (strcmp(lg_entry_id(lg_catalog_entry_at(cat, j)), id) == 0) return 0;
  return 1;
}

static void list_entries(const cli *c, int resources_only) {
  size_t i, n = lg_catalog_entry_count(c->cat);
  for (i = 0; i < n; i++) {
    const lg_entry *e;
    char *title;
    if (!first_of_id(c->cat, i)) continue;
    e = lg_catalog_entry(c->cat, lg_entry_id(lg_catalog_entry_at(c->cat, i)), c->locale);
    if (resources_only && strcmp(lg_entry_kind(e), "resource") != 0) continue;
    if (!resources_only && strcmp(lg_entry_kind(e), "label") == 0) continue;
    title = cli_render(c, lg_entry_title(e), NULL);
    if (resources_only) {
      size_t r, nr = lg_entry_region_count(e);
      printf("%-32s ", lg_entry_id(e));
      for (r = 0; r < nr; r++) printf("%s%s", r ? "," : "", lg_entry_region(e, r));
      printf("  %s\n", title ? title : "");
    } else {
      printf("%-32s %-12s %s\n", lg_entry_id(e), lg_entry_kind(e), title ? title : "");
    }
    free(title);
  }
}

int cmd_list(cli *c, int argc, char **argv) {
  const char *what = argc > 0 ? argv[0] : "entries";
  size_t i;
  if (argc > 1 || strcmp(what, "--help") == 0) {
    fputs("usage: letgo list [entries|instruments|plans|resources]\n", argc > 1 ? stderr : stdout);
    return argc > 1 ? EXIT_USAGE : EXIT_OK;
  }
  if (strcmp(what, "entries") == 0) list_entries(c, 0);
  else if (strcmp(what, "resources") == 0) list_entries(c, 1);
  else if (strcmp(what, "instruments") == 0)
    for (i = 0; i < lg_catalog_instrument_count(c->cat); i++)
      printf("%s\n", lg_catalog_instrument_id(c->cat, i));
  else if (strcmp(what, "plans") == 0)
    for (i = 0; i < lg_catalog_template_count(c->cat); i++)
      printf("%s\n", lg_catalog_template_id(c->cat, i));
  else {
    fprintf(stderr, "letgo list: '%s' is not one of entries, instruments, plans, resources\n", what);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
