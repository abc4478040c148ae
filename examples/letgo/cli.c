/*
 * cli.c - the letgo program's shared helpers: files, catalogue, errors,
 * printing entries and the help section.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

int cli_exit_code(int status) {
  switch (status) {
  case LG_OK: return EXIT_OK;
  case LG_EIO: return EXIT_NOINPUT;
  case LG_ESYNTAX:
  case LG_ESCHEMA:
  case LG_EVERSION:
  case LG_ELIMIT:
  case LG_ERANGE:
  case LG_ENOTFOUND: return EXIT_DATAERR;
  default: return EXIT_SOFTWARE;
  }
}

void cli_report(const char *file, int status, const lg_error *err) {
  if (err && err->line > 0)
    fprintf(stderr, "%s:%u:%u: %s\n", file, err->line, err->column, err->message);
  else if (err && err->message[0])
    fprintf(stderr, "%s: %s\n", file, err->message);
  else
    fprintf(stderr, "%s: %s\n", file, lg_strerror(status));
}

char *cli_read_file(const char *path, size_t *len, int *code) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  char *buf = NULL;
  size_t n = 0, cap = 0;
  if (!f) {
    fprintf(stderr, "letgo: %s: %s\n", path, strerror(errno));
    *code = errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR;
    return NULL;
  }
  for (;;) {
    size_t got;
    if (cap - n < 4096) {
      char *nb = realloc(buf, cap = cap ? cap * 2 : 8192);
      if (!nb) {
        free(buf);
        if (f != stdin) fclose(f);
        *code = EXIT_SOFTWARE;
        return NULL;
      }
      buf = nb;
    }
    got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) {
    fprintf(stderr, "letgo: %s: read error\n", path);
    free(buf);
    if (f != stdin) fclose(f);
    *code = EXIT_IOERR;
    return NULL;
  }
  if (f != stdin) fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;
}

int cli_write_file(const char *path, const char *text, size_t len) {
  FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
  int ok;
  if (!f) {
    fprintf(stderr, "letgo: %s: %s\n", path, strerror(errno));
    return EXIT_IOERR;
  }
  ok = fwrite(text, 1, len, f) == len;
  if (f == stdout) ok = fflush(f) == 0 && ok;
  else ok = fclose(f) == 0 && ok;
  if (!ok) {
    fprintf(stderr, "letgo: %s: write error\n", path);
    return EXIT_IOERR;
  }
  return EXIT_OK;
}

int cli_open_catalog(cli *c) {
  int rc = lg_catalog_new(&c->cat, NULL, 0), i;
  if (rc != LG_OK) {
    fprintf(stderr, "letgo: cannot load the built-in content: %s\n", lg_strerror(rc));
    return EXIT_SOFTWARE;
  }
  for (i = 0; i < c->npacks; i++) {
    lg_error err;
    memset(&err, 0, sizeof err);
    rc = lg_catalog_load_file(c->cat, c->packs[i], &err);
    if (rc != LG_OK) {
      cli_report(c->packs[i], rc, &err);
      lg_catalog_free(c->cat);
      c->cat = NULL;
      return rc == LG_EIO ? EXIT_NOINPUT : cli_exit_code(rc);
    }
  }
  return EXIT_OK;
}

char *cli_text(cli_text_fn fn, const void *obj, int arg) {
  size_t len = 0;
  char *buf;
  if (fn(obj, arg, NULL, 0, &len) != LG_ETRUNC && len != 0) return NULL;
  buf = malloc(len + 1);
  if (buf && fn(obj, arg, buf, len + 1, &len) != LG_OK) {
    free(buf);
    return NULL;
  }
  return buf;
}

char *cli_render(const cli *c, const char *text, const char *const *vars) {
  size_t len = 0;
  char *buf;
  int rc = lg_render(c->cat, text, c->locale, vars, NULL, 0, &len);
  if (rc != LG_OK && rc != LG_ETRUNC) return NULL;
  buf = malloc(len + 1);
  if (buf && lg_render(c->cat, text, c->locale, vars, buf, len + 1, &len) != LG_OK) {
    free(buf);
    return NULL;
  }
  return buf;
}

void cli_heading(const cli *c, FILE *f, const char *text) {
  if (c->color && f == stdout) fprintf(f, "\033[1m%s\033[0m\n", text);
  else fprintf(f, "%s\n", text);
}

void cli_print_entry(const cli *c, FILE *f, const char *id) {
  const lg_entry *e = lg_catalog_entry(c->cat, id, c->locale);
  char *title, *body;
  if (!e) return;
  title = cli_render(c, lg_entry_title(e), NULL);
  body = cli_render(c, lg_entry_body(e), NULL);
  if (title) cli_heading(c, f, title);
  if (body) fprintf(f, "%s\n", body);
  free(title);
  free(body);
}

static int serves_region(const lg_entry *e, const char *region) {
  size_t i, n = lg_entry_region_count(e);
  for (i = 0; i < n; i++) {
    const char *r = lg_entry_region(e, i);
    if (strcmp(r, "*") == 0) return 2;
    if (region) {
      size_t k;
      for (k = 0; r[k] && region[k]; k++)
        if ((r[k] | 0x20) != (region[k] | 0x20)) break;
      if (!r[k] && !region[k]) return 1;
    }
  }
  return region ? 0 : 1;
}

static int is_crisis_resource(const lg_entry *e) {
  size_t i, n = lg_entry_tag_count(e);
  if (strcmp(lg_entry_kind(e), "resource") != 0) return 0;
  for (i = 0; i < n; i++)
    if (strcmp(lg_entry_tag(e, i), "crisis") == 0) return 1;
  return 0;
}

static void print_resource(const cli *c, FILE *f, const lg_entry *e) {
  static const char *const fields[] = {"phone", "sms", "url"};
  size_t i;
  char *title = cli_render(c, lg_entry_title(e), NULL);
  fprintf(f, "- %s", title ? title : lg_entry_id(e));
  for (i = 0; i < 3; i++) {
    const char *v = lg_entry_contact(e, fields[i]);
    if (v) fprintf(f, " | %s: %s", fields[i], v);
  }
  fputc('\n', f);
  free(title);
}

/* Resources for the region first, then those for every region; with no
 * region, all of them. Each id once, in the user's locale. */
void cli_print_help_section(const cli *c, FILE *f, int crisis) {
  size_t n = lg_catalog_entry_count(c->cat), i, pass;
  if (crisis) {
    cli_print_entry(c, f, "section.crisis-now");
    fputc('\n', f);
  }
  cli_print_entry(c, f, "section.get-help");
  for (pass = 1; pass <= 2; pass++) {
    for (i = 0; i < n; i++) {
      const lg_entry *e = lg_catalog_entry_at(c->cat, i), *loc;
      size_t j;
      int seen = 0;
      if (!is_crisis_resource(e) || serves_region(e, c->region) != (int)pass) continue;
      for (j = 0; j < i && !seen; j++)
        seen = strcmp(lg_entry_id(lg_catalog_entry_at(c->cat, j)), lg_entry_id(e)) == 0;
      if (seen) continue;
      loc = lg_catalog_entry(c->cat, lg_entry_id(e), c->locale);
      print_resource(c, f, loc ? loc : e);
    }
  }
}

int cli_parse_date(const char *s, lg_date *out) {
  int i;
  for (i = 0; i < 10; i++) {
    if (i == 4 || i == 7) {
      if (s[i] != '-') return -1;
    } else if (s[i] < '0' || s[i] > '9') {
      return -1;
    }
  }
  if (s[10] != '\0') return -1;
  out->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  out->month = (s[5] - '0') * 10 + (s[6] - '0');
  out->day = (s[8] - '0') * 10 + (s[9] - '0');
  return 0;
}

lg_date cli_today(void) {
  time_t now = time(NULL);
  struct tm tm;
  lg_date d = {1970, 1, 1};
  if (localtime_r(&now, &tm)) {
    d.year = tm.tm_year + 1900;
    d.month = tm.tm_mon + 1;
    d.day = tm.tm_mday;
  }
  return d;
}
