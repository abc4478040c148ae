/*
 * cmd_assess.c - `letgo assess`: a questionnaire in the terminal, from an
 * answers file, or resumed from a saved session; then the result.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char assess_usage[] =
    "usage: letgo assess [INSTRUMENT] [--answers FILE|-] [--resume FILE] [--save FILE] [--json]\n"
    "\n"
    "Answers a questionnaire (default: one-sided; see letgo list instruments).\n"
    "  --answers FILE  answer from a file of item=value lines, or a saved session\n"
    "  --resume FILE   continue a session saved with --save\n"
    "  --save FILE     save the session when you stop (q) or finish\n"
    "  --json          print the result as JSON\n"
    "In the questionnaire: type the number of an answer, b to go back, q to stop.\n";

typedef struct assess_opts {
  const char *instrument, *answers, *resume, *save;
  int json;
} assess_opts;

static int parse_opts(int argc, char **argv, assess_opts *o) {
  int i;
  memset(o, 0, sizeof *o);
  o->instrument = "one-sided";
  for (i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char **slot = NULL;
    if (strcmp(a, "--answers") == 0) slot = &o->answers;
    else if (strcmp(a, "--resume") == 0) slot = &o->resume;
    else if (strcmp(a, "--save") == 0) slot = &o->save;
    else if (strcmp(a, "--json") == 0) o->json = 1;
    else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "letgo assess: unknown option %s\n%s", a, assess_usage);
      return EXIT_USAGE;
    } else {
      o->instrument = a;
    }
    if (slot) {
      if (++i >= argc) {
        fprintf(stderr, "letgo assess: %s needs a file\n", a);
        return EXIT_USAGE;
      }
      *slot = argv[i];
    }
  }
  return EXIT_OK;
}

static int parse_number(const char *s, double *out) {
  char *end;
  if (!*s) return -1;
  *out = strtod(s, &end);
  while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n') end++;
  return *end ? -1 : 0;
}

static int restore_session(cli *c, const char *path, const char *text, size_t len,
                           lg_session **out) {
  lg_error err;
  int rc;
  memset(&err, 0, sizeof err);
  rc = lg_session_restore(out, c->cat, text, len, &err);
  if (rc != LG_OK) {
    cli_report(path, rc, &err);
    return cli_exit_code(rc);
  }
  return EXIT_OK;
}

/* item=value lines; blank lines and # comments are skipped. */
static int apply_answers(lg_session *s, const char *path, char *text) {
  char *line = text, *next;
  unsigned lineno = 0;
  for (; line; line = next) {
    char *eq, *key;
    double v;
    int rc;
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    lineno++;
    while (*line == ' ' || *line == '\t') line++;
    if (*line == '\0' || *line == '#' || *line == '\r') continue;
    eq = strchr(line, '=');
    if (!eq) {
      fprintf(stderr, "%s:%u: expected item=value\n", path, lineno);
      return EXIT_DATAERR;
    }
    *eq = '\0';
    key = line;
    while (eq > key && (eq[-1] == ' ' || eq[-1] == '\t')) *--eq = '\0';
    if (parse_number(eq + 1 + strspn(eq + 1, " \t"), &v) != 0) {
      fprintf(stderr, "%s:%u: '%s' needs a number\n", path, lineno, key);
      return EXIT_DATAERR;
    }
    rc = lg_session_answer(s, key, v);
    if (rc != LG_OK) {
      fprintf(stderr, "%s:%u: %s: %s\n", path, lineno, key, lg_strerror(rc));
      return EXIT_DATAERR;
    }
  }
  return EXIT_OK;
}

static void show_item(const lg_session *s, const lg_item *it) {
  size_t answered = 0, total = 0, i, n = lg_item_option_count(it);
  lg_session_progress(s, &answered, &total);
  fprintf(stderr, "\n[%zu of %zu] %s\n", answered + 1, total, lg_item_text(it));
  for (i = 0; i < n; i++) fprintf(stderr, "  %zu) %s\n", i + 1, lg_item_option_label(it, i));
  if (n == 0)
    fprintf(stderr, "  (a whole number from %g to %g)\n", lg_item_min(it), lg_item_max(it));
  fprintf(stderr, "> ");
}

/* Turns what the person typed into the item's value: an option number, or
 * the value itself for number items. */
static int read_value(const lg_item *it, const char *line, double *v) {
  double x;
  size_t n = lg_item_option_count(it);
  if (parse_number(line, &x) != 0) return -1;
  if (n == 0) {
    *v = x;
    return 0;
  }
  if (x < 1 || x > (double)n || x != (double)(size_t)x) return -1;
  *v = lg_item_option_value(it, (size_t)x - 1);
  return 0;
}

static int session_save_adapter(const void *s, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_session_save(s, buf, cap, len);
}

static int save_session(const lg_session *s, const char *path) {
  char *state = cli_text(session_save_adapter, s, 0);
  int rc;
  if (!state) return EXIT_SOFTWARE;
  rc = cli_write_file(path, state, strlen(state));
  free(state);
  return rc;
}

/* Returns EXIT_OK when finished, 1 when the person stopped, or an exit code. */
static int ask(lg_session *s) {
  const lg_item *it;
  char line[256];
  const char *history[512];
  size_t depth = 0;
  fprintf(stderr, "%s\n\n%s\n", lg_session_title(s), lg_session_intro(s));
  while ((it = lg_session_next(s)) != NULL) {
    double v;
    int rc;
    show_item(s, it);
    if (!fgets(line, sizeof line, stdin)) return 1;
    line[strcspn(line, "\r\n")] = '\0';
    if (strcmp(line, "q") == 0) return 1;
    if (strcmp(line, "b") == 0) {
      if (depth == 0) fprintf(stderr, "This is the first question.\n");
      else lg_session_clear(s, history[--depth]);
      continue;
    }
    if (read_value(it, line, &v) != 0 || (rc = lg_session_answer(s, lg_item_id(it), v)) != LG_OK) {
      fprintf(stderr, "Please type one of the numbers shown (or b to go back, q to stop).\n");
      continue;
    }
    if (depth < sizeof history / sizeof history[0]) history[depth++] = lg_item_id(it);
  }
  return EXIT_OK;
}

static int result_json_adapter(const void *r, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_result_json(r, buf, cap, len);
}

static void print_result(const cli *c, const lg_session *s, const lg_result *r) {
  size_t i, n = lg_result_feedback_count(r);
  char line[128];
  cli_heading(c, stdout, lg_session_title(s));
  snprintf(line, sizeof line, "%g", lg_result_score(r));
  printf("%s (score %s%s)\n", lg_result_band_label(r), line,
         (lg_result_flags(r) & LG_FLAG_PRORATED) ? ", estimated from the answers given" : "");
  printf("%s\n", lg_result_band_summary(r));
  for (i = 0; i < n; i++) {
    putchar('\n');
    cli_print_entry(c, stdout, lg_result_feedback(r, i));
  }
  putchar('\n');
  cli_print_help_section(c, stdout, (lg_result_flags(r) & LG_FLAG_CRISIS) != 0);
}

int cmd_assess(cli *c, int argc, char **argv) {
  assess_opts o;
  lg_session *s = NULL;
  lg_result *r = NULL;
  int rc = parse_opts(argc, argv, &o), status;
  if (argc > 0 && strcmp(argv[0], "--help") == 0) {
    fputs(assess_usage, stdout);
    return EXIT_OK;
  }
  if (rc != EXIT_OK) return rc;
  if (o.resume) {
    size_t len;
    char *text = cli_read_file(o.resume, &len, &rc);
    if (!text) return rc;
    rc = restore_session(c, o.resume, text, len, &s);
    free(text);
    if (rc != EXIT_OK) return rc;
  }
  if (o.answers) {
    size_t len;
    char *text = cli_read_file(o.answers, &len, &rc);
    if (!text) {
      lg_session_free(s);
      return rc;
    }
    if (!s && text[strspn(text, " \t\r\n")] == '{') {
      rc = restore_session(c, o.answers, text, len, &s);
    } else {
      if (!s && (status = lg_session_new(&s, c->cat, o.instrument, c->locale)) != LG_OK) {
        fprintf(stderr, "letgo assess: %s: %s\n", o.instrument, lg_strerror(status));
        free(text);
        return status == LG_ENOTFOUND ? EXIT_USAGE : cli_exit_code(status);
      }
      rc = apply_answers(s, o.answers, text);
    }
    free(text);
    if (rc != EXIT_OK) {
      lg_session_free(s);
      return rc;
    }
  }
  if (!s && (status = lg_session_new(&s, c->cat, o.instrument, c->locale)) != LG_OK) {
    fprintf(stderr, "letgo assess: %s: %s\n", o.instrument, lg_strerror(status));
    return status == LG_ENOTFOUND ? EXIT_USAGE : cli_exit_code(status);
  }
  if (!o.answers) {
    rc = ask(s);
    if (rc == 1) {
      if (o.save && (rc = save_session(s, o.save)) == EXIT_OK)
        fprintf(stderr, "\nSaved. Continue later with: letgo assess --resume %s\n", o.save);
      else if (!o.save)
        fprintf(stderr, "\nStopped. Nothing was saved (use --save FILE to keep your answers).\n");
      lg_session_free(s);
      return rc == 1 ? EXIT_OK : rc;
    }
  }
  status = lg_session_score(s, &r);
  if (status != LG_OK) {
    fprintf(stderr, "letgo assess: %s: %s\n",
            status == LG_ESTATE ? "not enough answers to give a result" : "scoring failed",
            lg_strerror(status));
    lg_session_free(s);
    return status == LG_ESTATE ? EXIT_DATAERR : EXIT_SOFTWARE;
  }
  if (o.save && (rc = save_session(s, o.save)) != EXIT_OK) {
    lg_result_free(r);
    lg_session_free(s);
    return rc;
  }
  if (o.json) {
    char *json = cli_text(result_json_adapter, r, 0);
    rc = json ? cli_write_file("-", json, strlen(json)) : EXIT_SOFTWARE;
    if (json) putchar('\n');
    free(json);
  } else {
    print_result(c, s, r);
    rc = EXIT_OK;
  }
  lg_result_free(r);
  lg_session_free(s);
  return rc;
}
