/*
 * cli.h - shared parts of the letgo program: options, exit codes, output.
 * The program uses only libletgo's public API.
 */
#ifndef LETGO_CLI_H
#define LETGO_CLI_H

#include <stdio.h>

#include <letgo/letgo.h>

/* Exit codes (sysexits.h values, spelled out for portability). */
enum {
  EXIT_OK = 0,
  EXIT_USAGE = 64,
  EXIT_DATAERR = 65,
  EXIT_NOINPUT = 66,
  EXIT_SOFTWARE = 70,
  EXIT_IOERR = 74
};

#define CLI_MAX_PACKS 16

typedef struct cli {
  const char *locale; /* --locale, default "en" */
  const char *region; /* --region, NULL: every region */
  const char *packs[CLI_MAX_PACKS];
  int npacks;
  int color; /* stdout is a terminal and NO_COLOR is unset */
  lg_catalog *cat;
} cli;

/* Loads the catalogue with the extra packs; prints errors as FILE:LINE:COLUMN. */
int cli_open_catalog(cli *c);

/* Reads a whole file ("-" = stdin); NULL on failure with *code set. */
char *cli_read_file(const char *path, size_t *len, int *code);
/* Writes text to a file ("-" = stdout). Returns an exit code. */
int cli_write_file(const char *path, const char *text, size_t len);

/* Text through the library's output convention, into a malloc'd string. */
typedef int (*cli_text_fn)(const void *obj, int arg, char *buf, size_t cap, size_t *len);
char *cli_text(cli_text_fn fn, const void *obj, int arg);
/* Renders a catalogue text with the given vars (NULL: none). malloc'd. */
char *cli_render(const cli *c, const char *text, const char *const *vars);

/* Prints a library error for FILE as "FILE:LINE:COLUMN: pointer: message". */
void cli_report(const char *file, int status, const lg_error *err);
/* Maps a library status to an exit code. */
int cli_exit_code(int status);

/* Headings in bold on a terminal. */
void cli_heading(const cli *c, FILE *f, const char *text);
/* Prints an entry (title and rendered body) by id. */
void cli_print_entry(const cli *c, FILE *f, const char *id);
/* Prints where to get help: the crisis-now message first when `crisis`,
 * then section.get-help and the crisis resources for the region. */
void cli_print_help_section(const cli *c, FILE *f, int crisis);

/* Parses YYYY-MM-DD. Returns 0 on success. */
int cli_parse_date(const char *s, lg_date *out);
/* Today's date from the local clock (the program may read it; the library never does). */
lg_date cli_today(void);

int cmd_assess(cli *c, int argc, char **argv);
int cmd_plan(cli *c, int argc, char **argv);
int cmd_checkin(cli *c, int argc, char **argv);
int cmd_search(cli *c, int argc, char **argv);
int cmd_show(cli *c, int argc, char **argv);
int cmd_list(cli *c, int argc, char **argv);

#endif
