/*
 * cli.c - the letgo program's shared helpers: files, the catalogue, errors,
 * entries, where to get help, numbers and dates.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

int cli_exit_code(int status) {
  switch (status) {
  case LG_OK:
    return EXIT_OK;
  case LG_EIO:
    return EXIT_NOINPUT;
  case LG_ESYNTAX:
  case LG_ESCHEMA:
  case LG_EVERSION:
  case LG_ELIMIT:
  case LG_ERANGE:
  case LG_ENOTFOUND:
    return EXIT_DATAERR;
  default:
    return EXIT_SOFTWARE; /* LG_ENOMEM, or a bug in this program */
  }
}

void cli_report(const char *file, int status, const lg_error *err) {
  size_t plen = strlen(err->path);
  /* Validation messages start with their pointer; syntax errors may not. */
  int has_path = plen == 0 || strncmp(err->message, err->path, plen) == 0;
  const char *msg = err->message[0] ? err->message : lg_strerror(status);
  if (err->line > 0)
    fprintf(stderr, "%s:%u:%u: ", file, err->line, err->column);
  else
    fprintf(stderr, "%s: ", file);
  fprintf(stderr, "%s%s%s\n", has_path ? "" : err->path, has_path ? "" : ": ", msg);
}

char *cli_read_file(const char *path, size_t *len, int *code) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  char *buf = NULL, *nb;
  size_t n = 0, cap = 0;
  if (!f) {
    fprintf(stderr, "letgo: %s: %s\n", path, strerror(errno));
    *code = errno == ENOENT || errno == EACCES ? EXIT_NOINPUT : EXIT_IOERR;
    return NULL;
  }
  *code = EXIT_OK;
  do {
    if (cap - n < 2) {
      if (!(nb = realloc(buf, cap ? cap * 2 : 8192))) {
        *code = EXIT_SOFTWARE;
        break;
      }
      buf = nb;
      cap = cap ? cap * 2 : 8192;
    }
    n += fread(buf + n, 1, cap - n - 1, f);
  } while (!feof(f) && !ferror(f));
  if (ferror(f)) *code = EXIT_IOERR;
  if (f != stdin) fclose(f);
  if (*code != EXIT_OK) {
    fprintf(stderr, "letgo: %s: %s\n", path,
            *code == EXIT_IOERR ? strerror(errno) : "out of memory");
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

static int write_all(int fd, const char *text, size_t len) {
  while (len > 0) {
    ssize_t w = write(fd, text, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    text += w;
    len -= (size_t)w;
  }
  return 0;
}

int cli_write_file(const char *path, const char *text, size_t len) {
  struct stat st;
  char *tmp;
  int fd, rc = EXIT_OK;
  if (strcmp(path, "-") == 0) {
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) rc = EXIT_IOERR;
    if (rc != EXIT_OK) fprintf(stderr, "letgo: standard output: %s\n", strerror(errno));
    return rc;
  }
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) { /* /dev/stdout, a pipe */
    if ((fd = open(path, O_WRONLY)) < 0 || write_all(fd, text, len) != 0) rc = EXIT_IOERR;
    if (fd >= 0 && close(fd) != 0) rc = EXIT_IOERR;
  } else if (!(tmp = malloc(strlen(path) + 8))) {
    return EXIT_SOFTWARE;
  } else {
    strcat(strcpy(tmp, path), ".XXXXXX");
    if ((fd = mkstemp(tmp)) < 0)
      rc = EXIT_IOERR; /* mode 0600: answers are private */
    else {
      if (write_all(fd, text, len) != 0 || fsync(fd) != 0) rc = EXIT_IOERR;
      if (close(fd) != 0) rc = EXIT_IOERR;
      if (rc == EXIT_OK && rename(tmp, path) != 0) rc = EXIT_IOERR;
      if (rc != EXIT_OK) {
        int e = errno;
        unlink(tmp);
        errno = e;
      }
    }
    free(tmp);
  }
  if (rc != EXIT_OK) fprintf(stderr, "letgo: %s: %s\n", path, strerror(errno));
  return rc;
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
    if ((rc = lg_catalog_load_file(c->cat, c->packs[i], &err)) != LG_OK) {
      cli_report(c->packs[i], rc, &err);
      lg_catalog_free(c->cat);
      c->cat = NULL;
      return cli_exit_code(rc);
    }
  }
  return EXIT_OK;
}

char *cli_text(cli_text_fn fn, const void *obj, int arg) {
  size_t len = 0;
  char *buf;
  int rc = fn(obj, arg, NULL, 0, &len);
  if (rc != LG_OK && rc != LG_ETRUNC) return NULL;
  if ((buf = malloc(len + 1)) && fn(obj, arg, buf, len + 1, &len) != LG_OK) {
    free(buf);
    return NULL;
  }
  return buf;
}

char *cli_render(const cli *c, const char *text) {
  size_t len = 0;
  char *buf;
  int rc = lg_render(c->cat, text, c->locale, NULL, NULL, 0, &len);
  if (rc != LG_OK && rc != LG_ETRUNC) return NULL;
  if ((buf = malloc(len + 1)) &&
      lg_render(c->cat, text, c->locale, NULL, buf, len + 1, &len) != LG_OK) {
    free(buf);
    return NULL;
  }
  return buf;
}

void cli_heading(const cli *c, FILE *f, const char *text) {
  int color = f == stdout ? c->color_out : c->color_err;
  fprintf(f, color ? "\033[1m%s\033[0m\n" : "%s\n", text);
}

void cli_print_entry(const cli *c, FILE *f, const char *id) {
  const lg_entry *e = lg_catalog_entry(c->cat, id, c->locale);
  char *title, *body;
  if (!e) return;
  title = cli_render(c, lg_entry_title(e));
  body = cli_render(c, lg_entry_body(e));
  cli_heading(c, f, title ? title : id);
  if (body) fprintf(f, "%s\n", body);
  free(title);
  free(body);
}

/* 2: serves every region; 1: serves `region` (any region when NULL); 0: not. */
static int serves(const lg_entry *e, const char *region) {
  size_t i, n = lg_entry_region_count(e);
  for (i = 0; i < n; i++) {
    const char *r = lg_entry_region(e, i);
    if (strcmp(r, "*") == 0) return 2;
    if (region && strlen(r) == 2 && strlen(region) == 2 && (r[0] | 0x20) == (region[0] | 0x20) &&
        (r[1] | 0x20) == (region[1] | 0x20))
      return 1;
  }
  return region ? 0 : 1;
}

/* A contact's label ("Phone", "Teléfono") from the plan pack's labels. */
static const char *contact_label(const cli *c, const char *field) {
  static const char *const ids[][2] = {
      {"phone", "label.plan.phone"}, {"sms", "label.plan.sms"}, {"url", "label.plan.web"}};
  size_t i;
  for (i = 0; i < 3; i++) {
    if (strcmp(field, ids[i][0]) == 0) {
      const lg_entry *e = lg_catalog_entry(c->cat, ids[i][1], c->locale);
      return e ? lg_entry_title(e) : field;
    }
  }
  return field;
}

void cli_print_contacts(const cli *c, FILE *f, const lg_entry *e, const char *first,
                        const char *sep) {
  static const char *const fields[] = {"phone", "sms", "url"};
  size_t k;
  for (k = 0; k < 3; k++) {
    const char *v = lg_entry_contact(e, fields[k]);
    if (!v) continue;
    fprintf(f, "%s%s %s", first, contact_label(c, fields[k]), v);
    first = sep;
  }
}

void cli_print_resources(const cli *c, FILE *f) {
  lg_hit hits[128];
  size_t n = 0, i;
  int pass;
  /* Filters only: every crisis resource once, in the locale, in catalogue order. */
  if (lg_catalog_search(c->cat, "kind:resource tag:crisis", c->locale, hits, 128, &n) != LG_OK)
    return;
  for (pass = 1; pass <= 2; pass++) {
    for (i = 0; i < n && i < 128; i++) {
      char *title;
      if (serves(hits[i].entry, c->region) != pass) continue;
      title = cli_render(c, lg_entry_title(hits[i].entry));
      fprintf(f, "- %s", title ? title : lg_entry_id(hits[i].entry));
      cli_print_contacts(c, f, hits[i].entry, " \xe2\x80\x94 ", ", ");
      fputc('\n', f);
      free(title);
    }
  }
}

void cli_print_help_section(const cli *c, FILE *f, int crisis) {
  if (crisis) {
    cli_print_entry(c, f, "section.crisis-now");
    fputc('\n', f);
  }
  cli_print_entry(c, f, "section.get-help");
  cli_print_resources(c, f);
}

int cli_parse_number(const char *s, double *out) {
  double v = 0, scale = 1;
  int neg = *s == '-', digits = 0;
  s += neg || *s == '+';
  for (; *s >= '0' && *s <= '9'; s++, digits++) v = v * 10 + (*s - '0');
  if (*s == '.')
    for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
      v = v * 10 + (*s - '0');
      scale *= 10;
    }
  if (*s || digits == 0 || digits > 15) return -1;
  *out = (neg ? -v : v) / scale; /* one division of exact values: correctly rounded */
  return 0;
}

int cli_parse_date(const char *s, lg_date *out) {
  int i;
  for (i = 0; i < 10; i++) {
    if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9') return -1;
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
