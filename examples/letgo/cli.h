/*
 * cli.h - shared parts of the letgo program: options, exit codes, files,
 * printing. The program uses only libletgo's public API.
 */
#ifndef LETGO_CLI_H
#define LETGO_CLI_H

#include <stdio.h>

#include <letgo/letgo.h>

/* Exit codes (the sysexits.h values, spelled out for portability). */
enum {
  EXIT_OK = 0,
  EXIT_USAGE = 64,    /* a bad command line */
  EXIT_DATAERR = 65,  /* bad input data: a pack, a saved file, an answer */
  EXIT_NOINPUT = 66,  /* an input file is missing or unreadable */
  EXIT_SOFTWARE = 70, /* an internal error, e.g. out of memory */
  EXIT_IOERR = 74     /* a file could not be written or read */
};

#define CLI_MAX_PACKS 16

typedef struct cli {
  const char *locale; /* --locale, default "en" */
  const char *region; /* --region, NULL: every region */
  const char *packs[CLI_MAX_PACKS];
  int npacks;
  int color_out, color_err; /* that stream is a terminal and NO_COLOR is unset */
  lg_catalog *cat;
} cli;

/* Loads the catalogue with the extra packs; reports FILE:LINE:COLUMN errors. */
int cli_open_catalog(cli *c);

/* Reads a whole file ("-" = stdin) into a NUL-terminated malloc'd buffer.
 * NULL on failure, with a message printed and *code set to an exit code. */
char *cli_read_file(const char *path, size_t *len, int *code);
/* Writes text to a file ("-" = stdout), readable by the owner only, through
 * a temporary file and a rename so a failure never leaves half a file.
 * Returns an exit code. */
int cli_write_file(const char *path, const char *text, size_t len);

/* Any library call that follows the (buf, cap, len) output convention,
 * adapted to one signature; cli_text runs it twice into a malloc'd string. */
typedef int (*cli_text_fn)(const void *obj, int arg, char *buf, size_t cap, size_t *len);
char *cli_text(cli_text_fn fn, const void *obj, int arg);
/* Renders a catalogue text (placeholders filled neutrally). malloc'd. */
char *cli_render(const cli *c, const char *text);

/* Prints a library error about FILE as "FILE:LINE:COLUMN: pointer: message". */
void cli_report(const char *file, int status, const lg_error *err);
/* Maps a library status to an exit code. */
int cli_exit_code(int status);

/* A heading: bold when the stream is a colour terminal. */
void cli_heading(const cli *c, FILE *f, const char *text);
/* Prints an entry (title as a heading, then the rendered body) by id. */
void cli_print_entry(const cli *c, FILE *f, const char *id);
/* Prints a resource's contacts with localised labels: `first` before the
 * first ("Phone 116 123"), `sep` between them. */
void cli_print_contacts(const cli *c, FILE *f, const lg_entry *e, const char *first,
                        const char *sep);
/* Prints the crisis resources: the region's first, then those for every
 * region; all of them when no region was given. */
void cli_print_resources(const cli *c, FILE *f);
/* Where to get help: the crisis-now message first when `crisis`, then
 * section.get-help and the resources. */
void cli_print_help_section(const cli *c, FILE *f, int crisis);

/* Parses a decimal number ("3", "-2", "2.5") the same under every locale.
 * Returns 0 on success. */
int cli_parse_number(const char *s, double *out);
/* Parses YYYY-MM-DD (the library checks the calendar). Returns 0 on success. */
int cli_parse_date(const char *s, lg_date *out);
/* Today's date from the local clock: the program reads it, the library never does. */
lg_date cli_today(void);

/* Shared by plan and checkin (cmd_plan.c): a result scored from a saved
 * session file, and a plan saved to a file. Both return exit codes. */
int cli_load_result(cli *c, const char *path, lg_result **out);
int cli_save_plan(const lg_plan *p, const char *path);

int cmd_assess(cli *c, int argc, char **argv);
int cmd_plan(cli *c, int argc, char **argv);
int cmd_checkin(cli *c, int argc, char **argv);
int cmd_search(cli *c, int argc, char **argv);
int cmd_show(cli *c, int argc, char **argv);
int cmd_list(cli *c, int argc, char **argv);

#endif
