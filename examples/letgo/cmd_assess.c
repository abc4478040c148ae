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
    "  --answers FILE  answer from item=value lines or a saved session (- reads stdin)\n"
    "  --resume FILE   continue a session saved with --save (and save back to it)\n"
    "  --save FILE     save the session when you stop (q) or finish\n"
    "  --json          print the result as JSON (letgo-result/1)\n"
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
    if (strcmp(a, "--answers") == 0)
      slot = &o->answers;
    else if (strcmp(a, "--resume") == 0)
      slot = &o->resume;
    else if (strcmp(a, "--save") == 0)
      slot = &o->save;
    else if (strcmp(a, "--json") == 0)
      o->json = 1;
    else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "letgo assess: unknown option %s\n%s", a, assess_usage);
      return EXIT_USAGE;
    } else {
      o->instrument = a;
    }
    if (slot && ++i >= argc) {
      fprintf(stderr, "letgo assess: %s needs a file\n", a);
      return EXIT_USAGE;
    }
    if (slot) *slot = argv[i];
  }
  if (!o->save) o->save = o->resume; /* a resumed session is saved back where it was */
  return EXIT_OK;
}

static int new_session(cli *c, const char *instrument, lg_session **out) {
  int status = lg_session_new(out, c->cat, instrument, c->locale);
  if (status == LG_ENOTFOUND) {
    fprintf(stderr, "letgo assess: no questionnaire '%s' (see letgo list instruments)\n",
            instrument);
    return EXIT_USAGE;
  }
  if (status != LG_OK) fprintf(stderr, "letgo assess: %s\n", lg_strerror(status));
  return cli_exit_code(status);
}

static int restore_session(cli *c, const char *path, const char *text, size_t len,
                           lg_session **out) {
  lg_error err;
  int status;
  memset(&err, 0, sizeof err);
  if ((status = lg_session_restore(out, c->cat, text, len, &err)) != LG_OK)
    cli_report(path, status, &err);
  return cli_exit_code(status);
}

/* item=value lines; blank lines and # comments are skipped. */
static int apply_answers(lg_session *s, const char *path, char *text) {
  char *line, *next;
  unsigned lineno = 0;
  for (line = text; line; line = next) {
    char *eq, *end, *value;
    double v;
    int status;
    if ((next = strchr(line, '\n')) != NULL) *next++ = '\0';
    lineno++;
    line += strspn(line, " \t");
    for (end = line + strlen(line); end > line && strchr(" \t\r", end[-1]); end--) end[-1] = '\0';
    if (*line == '\0' || *line == '#') continue;
    if (!(eq = strchr(line, '='))) {
      fprintf(stderr, "%s:%u: expected item=value, not '%s'\n", path, lineno, line);
      return EXIT_DATAERR;
    }
    for (*eq = '\0', end = eq; end > line && strchr(" \t", end[-1]); end--) end[-1] = '\0';
    value = eq + 1 + strspn(eq + 1, " \t");
    if (cli_parse_number(value, &v) != 0) {
      fprintf(stderr, "%s:%u: %s: '%s' is not a number\n", path, lineno, line, value);
      return EXIT_DATAERR;
    }
    if ((status = lg_session_answer(s, line, v)) != LG_OK) {
      fprintf(stderr, "%s:%u: %s=%s: %s\n", path, lineno, line, value,
              status == LG_ENOTFOUND ? "no such question"
              : status == LG_ERANGE  ? "not an allowed answer"
              : status == LG_ESTATE  ? "this question does not apply after the earlier answers"
                                     : lg_strerror(status));
      return cli_exit_code(status == LG_ESTATE ? LG_ERANGE : status);
    }
  }
  return EXIT_OK;
}

static void show_item(const cli *c, const lg_session *s, const lg_item *it) {
  size_t answered = 0, total = 0, i, n = lg_item_option_count(it);
  char progress[64];
  lg_session_progress(s, &answered, &total);
  snprintf(progress, sizeof progress, "%zu of %zu", answered + 1, total);
  fprintf(stderr, "\n%s%s%s  %s\n", c->color_err ? "\033[2m" : "", progress,
          c->color_err ? "\033[0m" : "", lg_item_text(it));
  for (i = 0; i < n; i++) fprintf(stderr, "  %zu) %s\n", i + 1, lg_item_option_label(it, i));
  if (n == 0) fprintf(stderr, "  (a number from %g to %g)\n", lg_item_min(it), lg_item_max(it));
  fputs("> ", stderr);
}

/* What the person typed, as the item's value: an option's number, or the
 * value itself for number items. */
static int read_value(const lg_item *it, const char *line, double *v) {
  double x;
  size_t n = lg_item_option_count(it);
  if (cli_parse_number(line, &x) != 0) return -1;
  if (n == 0) {
    *v = x;
    return 0;
  }
  if (x < 1 || x > (double)n || x != (double)(size_t)x) return -1;
  *v = lg_item_option_value(it, (size_t)x - 1);
  return 0;
}

/* The answered, enabled item just before `it`, to go back to; NULL at the start. */
static const char *previous_item(const lg_session *s, const lg_item *it) {
  const char *prev = NULL;
  size_t i, n = lg_session_item_count(s);
  for (i = 0; i < n; i++) {
    const lg_item *x = lg_session_item_at(s, i);
    double v;
    if (x == it) break;
    if (lg_session_enabled(s, lg_item_id(x)) == 1 &&
        lg_session_value(s, lg_item_id(x), &v) == LG_OK)
      prev = lg_item_id(x);
  }
  return prev;
}

static int session_save_fn(const void *s, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_session_save(s, buf, cap, len);
}

static int save_session(const lg_session *s, const char *path) {
  char *state = cli_text(session_save_fn, s, 0);
  int rc = state ? cli_write_file(path, state, strlen(state)) : EXIT_SOFTWARE;
  free(state);
  return rc;
}

/* Asks until every question is answered (EXIT_OK) or the person stops (-1). */
static int ask(const cli *c, lg_session *s) {
  const lg_item *it;
  char line[256];
  int crisis_shown = 0;
  cli_heading(c, stderr, lg_session_title(s));
  fprintf(stderr, "%s\n", lg_session_intro(s));
  while ((it = lg_session_next(s)) != NULL) {
    char *in;
    size_t n;
    double v;
    /* Help comes as soon as the safety question raises the flag, not at the end. */
    if (!crisis_shown && (lg_session_flags(s) & LG_FLAG_CRISIS)) {
      crisis_shown = 1;
      fputc('\n', stderr);
      cli_print_help_section(c, stderr, 1);
    }
    show_item(c, s, it);
    if (!fgets(line, sizeof line, stdin)) return -1;
    in = line + strspn(line, " \t");
    for (n = strlen(in); n > 0 && strchr(" \t\r\n", in[n - 1]); n--) in[n - 1] = '\0';
    if (strcmp(in, "q") == 0 || strcmp(in, "Q") == 0) return -1;
    if (strcmp(in, "b") == 0 || strcmp(in, "B") == 0) {
      const char *prev = previous_item(s, it);
      if (prev)
        lg_session_clear(s, prev);
      else
        fputs("This is the first question.\n", stderr);
      continue;
    }
    if (read_value(it, in, &v) != 0 || lg_session_answer(s, lg_item_id(it), v) != LG_OK) {
      if (lg_item_option_count(it) > 0)
        fprintf(stderr, "Please type a number from 1 to %zu", lg_item_option_count(it));
      else
        fprintf(stderr, "Please type a number from %g to %g", lg_item_min(it), lg_item_max(it));
      fputs(", b to go back or q to stop.\n", stderr);
    }
  }
  return EXIT_OK;
}

static void print_result(const cli *c, const lg_result *r, const char *title) {
  unsigned flags = lg_result_flags(r);
  size_t i, n = lg_result_feedback_count(r);
  if (flags & LG_FLAG_CRISIS) { /* before anything else */
    cli_print_entry(c, stdout, "section.crisis-now");
    cli_print_resources(c, stdout);
    putchar('\n');
  }
  cli_heading(c, stdout, title);
  printf("%s (score %g%s)\n", lg_result_band_label(r), lg_result_score(r),
         flags & LG_FLAG_PARTIAL    ? ", from too few answers: only a rough guide"
         : flags & LG_FLAG_PRORATED ? ", estimated from the answers given"
                                    : "");
  printf("%s\n", lg_result_band_summary(r));
  for (i = 0; i < n; i++) {
    putchar('\n');
    cli_print_entry(c, stdout, lg_result_feedback(r, i));
  }
  putchar('\n');
  cli_print_entry(c, stdout, "disclaimer.main");
  putchar('\n');
  cli_print_help_section(c, stdout, 0);
}

typedef struct region_result {
  const lg_result *r;
  const char *region; /* NULL: resources for every region */
} region_result;

static int result_json_fn(const void *obj, int arg, char *buf, size_t cap, size_t *len) {
  const region_result *rr = obj;
  (void)arg;
  return rr->region ? lg_result_json_region(rr->r, rr->region, buf, cap, len)
                    : lg_result_json(rr->r, buf, cap, len);
}

static int finish(cli *c, const lg_session *s, const assess_opts *o) {
  lg_result *r = NULL;
  int rc, status = lg_session_score(s, &r);
  if (status == LG_ESTATE) {
    fprintf(stderr, "letgo assess: not enough answers for a result yet\n");
    return EXIT_DATAERR;
  }
  if (status != LG_OK) {
    fprintf(stderr, "letgo assess: %s\n", lg_strerror(status));
    return cli_exit_code(status);
  }
  rc = o->save ? save_session(s, o->save) : EXIT_OK;
  if (rc == EXIT_OK && o->json) {
    region_result rr;
    char *json;
    rr.r = r;
    rr.region = c->region;
    json = cli_text(result_json_fn, &rr, 0);
    rc = json ? cli_write_file("-", json, strlen(json)) : EXIT_SOFTWARE;
    if (rc == EXIT_OK) rc = cli_write_file("-", "\n", 1);
    free(json);
  } else if (rc == EXIT_OK) {
    print_result(c, r, lg_session_title(s));
  }
  lg_result_free(r);
  return rc;
}

/* Starts the session: from --resume, from --answers, or fresh. */
static int start(cli *c, const assess_opts *o, lg_session **s) {
  const char *path = o->resume ? o->resume : o->answers;
  size_t len;
  int rc;
  char *text;
  if (!path) return new_session(c, o->instrument, s);
  if (!(text = cli_read_file(path, &len, &rc))) return rc;
  if (o->resume || text[strspn(text, " \t\r\n")] == '{')
    rc = restore_session(c, path, text, len, s);
  else if ((rc = new_session(c, o->instrument, s)) == EXIT_OK)
    rc = apply_answers(*s, path, text);
  free(text);
  if (rc == EXIT_OK && o->resume && o->answers) {
    if (!(text = cli_read_file(o->answers, &len, &rc))) return rc;
    rc = apply_answers(*s, o->answers, text);
    free(text);
  }
  return rc;
}

int cmd_assess(cli *c, int argc, char **argv) {
  assess_opts o;
  lg_session *s = NULL;
  int rc;
  if (argc > 0 && strcmp(argv[0], "--help") == 0) {
    fputs(assess_usage, stdout);
    return EXIT_OK;
  }
  if ((rc = parse_opts(argc, argv, &o)) != EXIT_OK) return rc;
  if ((rc = start(c, &o, &s)) == EXIT_OK && !o.answers && ask(c, s) != EXIT_OK) {
    if (o.save && (rc = save_session(s, o.save)) == EXIT_OK)
      fprintf(stderr, "\nSaved. Continue later with: letgo assess --resume %s\n", o.save);
    else if (!o.save)
      fputs("\nStopped. Nothing was saved (use --save FILE to keep your answers).\n", stderr);
    lg_session_free(s);
    return rc;
  }
  if (rc == EXIT_OK) rc = finish(c, s, &o);
  lg_session_free(s);
  return rc;
}
