#define _POSIX_C_SOURCE 200809L
/*
 * main.c - the letgo program: options shared by every command, dispatch.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage_text[] =
    "usage: letgo [--locale TAG] [--region CODE] [--pack FILE]... COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  assess [INSTRUMENT]   answer a questionnaire (default: one-sided)\n"
    "  plan                  build a day-by-day plan for letting go\n"
    "  checkin               record a day's mood and done tasks in a saved plan\n"
    "  search QUERY          search the texts\n"
    "  show ID               show one text\n"
    "  list [WHAT]           list entries, instruments, plans or resources\n"
    "\n"
    "Options:\n"
    "  --locale TAG    language of the texts (en, es; default en)\n"
    "  --region CODE   your country (ISO 3166-1, e.g. US, GB, ES) for crisis resources\n"
    "  --pack FILE     load an extra content pack (repeatable)\n"
    "  --help          this help; COMMAND --help for a command's\n"
    "  --version       the program's and the library's version\n"
    "\n"
    "Prompts and messages go to standard error, results to standard output.\n"
    "This is not a diagnosis or treatment. If you are thinking about harming\n"
    "yourself, contact your local emergency number now.\n";

/* Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
static int wants_color(int fd) {
  const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
  if (no_color && no_color[0]) return 0;
  if (term && strcmp(term, "dumb") == 0) return 0;
  return isatty(fd);
}

static int is_letter(char ch) {
  return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

static int take_global(cli *c, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  const char **slot = NULL;
  if (strcmp(a, "--locale") == 0)
    slot = &c->locale;
  else if (strcmp(a, "--region") == 0)
    slot = &c->region;
  else if (strcmp(a, "--pack") == 0) {
    if (c->npacks == CLI_MAX_PACKS) {
      fprintf(stderr, "letgo: at most %d packs\n", CLI_MAX_PACKS);
      return EXIT_USAGE;
    }
    slot = &c->packs[c->npacks++];
  } else {
    return -1;
  }
  if (*i + 1 >= argc) {
    fprintf(stderr, "letgo: %s needs a value\n", a);
    return EXIT_USAGE;
  }
  *slot = argv[++*i];
  return 0;
}

/* Runs the command in rest[0]; returns the exit code. */
static int dispatch(cli *c, int nrest, char **rest) {
  static const struct {
    const char *name;
    int (*run)(cli *, int, char **);
  } commands[] = {{"assess", cmd_assess}, {"plan", cmd_plan}, {"checkin", cmd_checkin},
                  {"search", cmd_search}, {"show", cmd_show}, {"list", cmd_list}};
  size_t i;
  int rc;
  if (c->region && !(is_letter(c->region[0]) && is_letter(c->region[1]) && !c->region[2])) {
    fprintf(stderr, "letgo: --region needs a two-letter country code such as GB, not '%s'\n",
            c->region);
    return EXIT_USAGE;
  }
  if (nrest == 0 || strcmp(rest[0], "--help") == 0 || strcmp(rest[0], "-h") == 0) {
    fputs(usage_text, nrest == 0 ? stderr : stdout);
    return nrest == 0 ? EXIT_USAGE : EXIT_OK;
  }
  if (strcmp(rest[0], "--version") == 0) {
    printf("letgo %s (libletgo %s)\n", LG_VERSION_STRING, lg_version());
    return EXIT_OK;
  }
  for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (strcmp(rest[0], commands[i].name) != 0) continue;
    /* A command's --help needs no catalogue. */
    if (!(nrest > 1 && strcmp(rest[1], "--help") == 0) && (rc = cli_open_catalog(c)) != EXIT_OK)
      return rc;
    rc = commands[i].run(c, nrest - 1, rest + 1);
    lg_catalog_free(c->cat);
    return rc;
  }
  fprintf(stderr, "letgo: '%s' is not a command; see letgo --help\n", rest[0]);
  return EXIT_USAGE;
}

int main(int argc, char **argv) {
  cli c;
  char **rest;
  int nrest = 0, i, rc = EXIT_OK;

  memset(&c, 0, sizeof c);
  c.locale = "en";
  c.color_out = wants_color(STDOUT_FILENO);
  c.color_err = wants_color(STDERR_FILENO);
  if (!(rest = calloc((size_t)argc + 1, sizeof *rest))) return EXIT_SOFTWARE;
  for (i = 1; i < argc && rc == EXIT_OK; i++) {
    int g = take_global(&c, argc, argv, &i);
    if (g < 0)
      rest[nrest++] = argv[i];
    else
      rc = g;
  }
  if (rc == EXIT_OK) rc = dispatch(&c, nrest, rest);
  free(rest);
  /* Results are buffered: a full disk shows up here. */
  if ((fflush(stdout) != 0 || ferror(stdout)) && rc == EXIT_OK) {
    fprintf(stderr, "letgo: standard output: %s\n", strerror(errno));
    rc = EXIT_IOERR;
  }
  return rc;
}
