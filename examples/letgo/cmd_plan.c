/*
 * cmd_plan.c - `letgo plan` builds and exports a plan; `letgo checkin`
 * records a day in a saved plan.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char plan_usage[] =
    "usage: letgo plan [--start YYYY-MM-DD] [--result FILE]... [--set KEY=VALUE]...\n"
    "                  [--seed N] [--format md|ics|json] [--out FILE] [--save FILE]\n"
    "\n"
    "Builds a day-by-day plan for letting go (template let-go).\n"
    "  --start DATE     first day (default: today)\n"
    "  --result FILE    tailor to a saved assessment (letgo assess --save FILE); repeatable\n"
    "  --set KEY=VALUE  a preference: grief_days, support, interests, reminder_time, name,\n"
    "                   partner_name, partner_pronouns, plan_days (see docs/plan.md)\n"
    "  --seed N         vary the picks (default 1); the same seed gives the same plan\n"
    "  --format F       md (default), ics or json\n"
    "  --out FILE       write the export there (default: standard output)\n"
    "  --save FILE      save the plan for later check-ins\n";

static const char checkin_usage[] =
    "usage: letgo checkin --plan FILE --date YYYY-MM-DD --mood N [--done ID,ID...] [--result FILE]\n"
    "\n"
    "Records a day's mood (0-10) and the tasks you did in a saved plan, saves it\n"
    "back, and prints the day, your progress and anything the plan changed.\n"
    "  --result FILE  a saved check-in questionnaire (letgo assess checkin --save FILE)\n";

#define MAX_MULTI 32

typedef struct plan_opts {
  const char *start, *seed, *format, *out, *save, *template_id;
  const char *results[MAX_MULTI];
  const char *sets[MAX_MULTI];
  int nresults, nsets;
} plan_opts;

static int want_value(const char *cmd, int argc, char **argv, int *i, const char **slot) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "letgo %s: %s needs a value\n", cmd, argv[*i]);
    return EXIT_USAGE;
  }
  *slot = argv[++*i];
  return EXIT_OK;
}

static int parse_plan_opts(int argc, char **argv, plan_opts *o) {
  int i, rc = EXIT_OK;
  memset(o, 0, sizeof *o);
  o->format = "md";
  o->seed = "1";
  o->template_id = "let-go";
  for (i = 0; i < argc && rc == EXIT_OK; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--start") == 0) rc = want_value("plan", argc, argv, &i, &o->start);
    else if (strcmp(a, "--seed") == 0) rc = want_value("plan", argc, argv, &i, &o->seed);
    else if (strcmp(a, "--format") == 0) rc = want_value("plan", argc, argv, &i, &o->format);
    else if (strcmp(a, "--out") == 0) rc = want_value("plan", argc, argv, &i, &o->out);
    else if (strcmp(a, "--save") == 0) rc = want_value("plan", argc, argv, &i, &o->save);
    else if (strcmp(a, "--template") == 0) rc = want_value("plan", argc, argv, &i, &o->template_id);
    else if (strcmp(a, "--result") == 0 && o->nresults < MAX_MULTI)
      rc = want_value("plan", argc, argv, &i, &o->results[o->nresults++]);
    else if (strcmp(a, "--set") == 0 && o->nsets < MAX_MULTI)
      rc = want_value("plan", argc, argv, &i, &o->sets[o->nsets++]);
    else {
      fprintf(stderr, "letgo plan: unexpected '%s'\n%s", a, plan_usage);
      rc = EXIT_USAGE;
    }
  }
  return rc;
}

/* A result from a saved session file. */
static int load_result(cli *c, const char *path, lg_result **out) {
  size_t len;
  int rc, status;
  lg_error err;
  lg_session *s;
  char *text = cli_read_file(path, &len, &rc);
  if (!text) return rc;
  memset(&err, 0, sizeof err);
  status = lg_session_restore(&s, c->cat, text, len, &err);
  free(text);
  if (status != LG_OK) {
    cli_report(path, status, &err);
    return cli_exit_code(status);
  }
  status = lg_session_score(s, out);
  lg_session_free(s);
  if (status != LG_OK) {
    fprintf(stderr, "%s: the saved answers are not enough for a result (%s)\n", path,
            lg_strerror(status));
    return EXIT_DATAERR;
  }
  return EXIT_OK;
}

static int use_results(cli *c, lg_plan *p, const char *const *paths, int n) {
  int i, rc;
  for (i = 0; i < n; i++) {
    lg_result *r;
    if ((rc = load_result(c, paths[i], &r)) != EXIT_OK) return rc;
    rc = lg_plan_use_result(p, r);
    lg_result_free(r);
    if (rc != LG_OK) return cli_exit_code(rc);
  }
  return EXIT_OK;
}

static int apply_set(lg_plan *p, const char *kv) {
  char key[64];
  const char *eq = strchr(kv, '=');
  size_t n = eq ? (size_t)(eq - kv) : 0;
  int rc;
  if (!eq || n == 0 || n >= sizeof key) {
    fprintf(stderr, "letgo plan: --set needs KEY=VALUE, not '%s'\n", kv);
    return EXIT_USAGE;
  }
  memcpy(key, kv, n);
  key[n] = '\0';
  rc = lg_plan_set(p, key, eq + 1);
  if (rc == LG_ENOTFOUND) {
    fprintf(stderr, "letgo plan: '%s' is not a preference (see docs/plan.md)\n", key);
    return EXIT_USAGE;
  }
  if (rc != LG_OK) {
    fprintf(stderr, "letgo plan: %s=%s: %s\n", key, eq + 1, lg_strerror(rc));
    return rc == LG_ERANGE ? EXIT_USAGE : cli_exit_code(rc);
  }
  return EXIT_OK;
}

static int export_adapter(const void *p, int format, char *buf, size_t cap, size_t *len) {
  return lg_plan_export(p, format, buf, cap, len);
}

static int save_adapter(const void *p, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_plan_save(p, buf, cap, len);
}

static int write_text(cli_text_fn fn, const void *obj, int arg, const char *path) {
  char *text = cli_text(fn, obj, arg);
  int rc;
  if (!text) return EXIT_SOFTWARE;
  rc = cli_write_file(path, text, strlen(text));
  free(text);
  return rc;
}

static int parse_format(const char *f) {
  if (strcmp(f, "md") == 0 || strcmp(f, "markdown") == 0) return LG_FORMAT_MARKDOWN;
  if (strcmp(f, "ics") == 0 || strcmp(f, "ical") == 0) return LG_FORMAT_ICALENDAR;
  if (strcmp(f, "json") == 0) return LG_FORMAT_JSON;
  return -1;
}

static int parse_seed(const char *s, uint64_t *out) {
  uint64_t v = 0;
  if (!*s) return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10) return -1;
    v = v * 10 + (uint64_t)(*s - '0');
  }
  *out = v;
  return 0;
}

int cmd_plan(cli *c, int argc, char **argv) {
  plan_opts o;
  lg_plan *p = NULL;
  lg_date start;
  uint64_t seed;
  int rc, i, format;
  if (argc > 0 && strcmp(argv[0], "--help") == 0) {
    fputs(plan_usage, stdout);
    return EXIT_OK;
  }
  if ((rc = parse_plan_opts(argc, argv, &o)) != EXIT_OK) return rc;
  if ((format = parse_format(o.format)) < 0) {
    fprintf(stderr, "letgo plan: --format is md, ics or json, not '%s'\n", o.format);
    return EXIT_USAGE;
  }
  if (parse_seed(o.seed, &seed) != 0) {
    fprintf(stderr, "letgo plan: --seed needs a whole number, not '%s'\n", o.seed);
    return EXIT_USAGE;
  }
  if (o.start) {
    if (cli_parse_date(o.start, &start) != 0) {
      fprintf(stderr, "letgo plan: --start needs YYYY-MM-DD, not '%s'\n", o.start);
      return EXIT_USAGE;
    }
  } else {
    start = cli_today();
  }
  rc = lg_plan_new(&p, c->cat, o.template_id, c->locale);
  if (rc != LG_OK) {
    fprintf(stderr, "letgo plan: %s: %s\n", o.template_id, lg_strerror(rc));
    return rc == LG_ENOTFOUND ? EXIT_USAGE : cli_exit_code(rc);
  }
  if (c->region && (rc = lg_plan_set(p, "region", c->region)) != LG_OK) {
    fprintf(stderr, "letgo plan: --region %s: %s\n", c->region, lg_strerror(rc));
    lg_plan_free(p);
    return EXIT_USAGE;
  }
  for (i = 0, rc = EXIT_OK; i < o.nsets && rc == EXIT_OK; i++) rc = apply_set(p, o.sets[i]);
  if (rc == EXIT_OK) rc = use_results(c, p, o.results, o.nresults);
  if (rc == EXIT_OK && (i = lg_plan_build(p, start, seed)) != LG_OK) {
    fprintf(stderr, "letgo plan: cannot build the plan: %s\n", lg_strerror(i));
    rc = i == LG_ERANGE ? EXIT_USAGE : cli_exit_code(i);
  }
  if (rc == EXIT_OK && o.save) rc = write_text(save_adapter, p, 0, o.save);
  if (rc == EXIT_OK) rc = write_text(export_adapter, p, format, o.out ? o.out : "-");
  if (rc == EXIT_OK && o.out) fprintf(stderr, "Wrote the plan to %s\n", o.out);
  lg_plan_free(p);
  return rc;
}

/* ---- checkin --------------------------------------------------------- */

typedef struct checkin_opts {
  const char *plan, *date, *mood, *done, *result;
} checkin_opts;

static int parse_checkin_opts(int argc, char **argv, checkin_opts *o) {
  int i, rc = EXIT_OK;
  memset(o, 0, sizeof *o);
  for (i = 0; i < argc && rc == EXIT_OK; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--plan") == 0) rc = want_value("checkin", argc, argv, &i, &o->plan);
    else if (strcmp(a, "--date") == 0) rc = want_value("checkin", argc, argv, &i, &o->date);
    else if (strcmp(a, "--mood") == 0) rc = want_value("checkin", argc, argv, &i, &o->mood);
    else if (strcmp(a, "--done") == 0) rc = want_value("checkin", argc, argv, &i, &o->done);
    else if (strcmp(a, "--result") == 0) rc = want_value("checkin", argc, argv, &i, &o->result);
    else {
      fprintf(stderr, "letgo checkin: unexpected '%s'\n%s", a, checkin_usage);
      rc = EXIT_USAGE;
    }
  }
  if (rc == EXIT_OK && (!o->plan || !o->date || !o->mood)) {
    fprintf(stderr, "letgo checkin: --plan, --date and --mood are needed\n%s", checkin_usage);
    rc = EXIT_USAGE;
  }
  return rc;
}

/* Splits "a,b,c" into a NULL-terminated list (in place). */
static const char **split_ids(char *list) {
  size_t n = 1, i = 0;
  const char **ids;
  char *p;
  for (p = list; *p; p++) n += *p == ',';
  ids = calloc(n + 1, sizeof *ids);
  if (!ids) return NULL;
  for (p = strtok(list, ","); p; p = strtok(NULL, ",")) ids[i++] = p;
  return ids;
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
static long days_from_civil(lg_date d) {
  long y = d.year - (d.month <= 2), era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400, mp = (d.month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + d.day - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The plan's day index of a date, or (size_t)-1 outside the plan. */
static size_t day_of(const lg_plan *p, lg_date d) {
  long diff;
  if (lg_plan_day_count(p) == 0 || lg_plan_task_count(p, 0) == 0) return (size_t)-1;
  diff = days_from_civil(d) - days_from_civil(lg_task_date(lg_plan_task(p, 0, 0)));
  return diff < 0 || (size_t)diff >= lg_plan_day_count(p) ? (size_t)-1 : (size_t)diff;
}

static char **task_ids(const lg_plan *p, size_t day) {
  size_t i, n = day < lg_plan_day_count(p) ? lg_plan_task_count(p, day) : 0;
  char **ids = calloc(n + 1, sizeof *ids);
  for (i = 0; ids && i < n; i++) {
    const char *id = lg_task_id(lg_plan_task(p, day, i));
    ids[i] = malloc(strlen(id) + 1);
    if (ids[i]) strcpy(ids[i], id);
  }
  return ids;
}

static void free_ids(char **ids) {
  size_t i;
  for (i = 0; ids && ids[i]; i++) free(ids[i]);
  free(ids);
}

static void print_day(const cli *c, const lg_plan *p, size_t day, const char *const *done) {
  size_t i, n = lg_plan_task_count(p, day), k, d = 0, s = 0;
  for (i = 0; i < n; i++) {
    const lg_task *t = lg_plan_task(p, day, i);
    int is_done = 0;
    for (k = 0; done && done[k]; k++) is_done |= strcmp(done[k], lg_task_id(t)) == 0;
    printf("- [%c] %s (%s)\n", is_done ? 'x' : ' ', lg_task_title(t), lg_task_id(t));
  }
  (void)c;
  if (lg_plan_adherence(p, day, &d, &s) == LG_OK) printf("\nToday: %zu of %zu done.\n", d, s);
  if (lg_plan_adherence(p, (size_t)-1, &d, &s) == LG_OK)
    printf("So far: %zu of %zu scheduled tasks done.\n", d, s);
}

int cmd_checkin(cli *c, int argc, char **argv) {
  checkin_opts o;
  lg_plan *p = NULL;
  lg_error err;
  lg_date date;
  size_t len, day;
  char *state, *end, *done_copy = NULL, **before = NULL;
  const char **done = NULL;
  long mood;
  int rc, status;
  if (argc > 0 && strcmp(argv[0], "--help") == 0) {
    fputs(checkin_usage, stdout);
    return EXIT_OK;
  }
  if ((rc = parse_checkin_opts(argc, argv, &o)) != EXIT_OK) return rc;
  if (cli_parse_date(o.date, &date) != 0) {
    fprintf(stderr, "letgo checkin: --date needs YYYY-MM-DD, not '%s'\n", o.date);
    return EXIT_USAGE;
  }
  mood = strtol(o.mood, &end, 10);
  if (*end || !*o.mood || mood < 0 || mood > 10) {
    fprintf(stderr, "letgo checkin: --mood needs a whole number from 0 to 10\n");
    return EXIT_USAGE;
  }
  if (!(state = cli_read_file(o.plan, &len, &rc))) return rc;
  memset(&err, 0, sizeof err);
  status = lg_plan_restore(&p, c->cat, state, len, &err);
  free(state);
  if (status != LG_OK) {
    cli_report(o.plan, status, &err);
    return cli_exit_code(status);
  }
  if (o.done && (!(done_copy = malloc(strlen(o.done) + 1)) ||
                 !(done = split_ids(strcpy(done_copy, o.done))))) {
    rc = EXIT_SOFTWARE;
    goto out;
  }
  day = day_of(p, date);
  before = task_ids(p, day == (size_t)-1 ? 0 : day + 1);
  if (o.result) {
    lg_result *r;
    if ((rc = load_result(c, o.result, &r)) != EXIT_OK) goto out;
    status = lg_plan_use_result(p, r);
    lg_result_free(r);
    if (status != LG_OK) {
      rc = cli_exit_code(status);
      goto out;
    }
  }
  status = lg_plan_checkin(p, date, (int)mood, done);
  if (status != LG_OK) {
    fprintf(stderr, "letgo checkin: %s\n",
            status == LG_ERANGE      ? "that date is not in the plan"
            : status == LG_ENOTFOUND ? "a --done id is not a task of that day"
                                     : lg_strerror(status));
    rc = status == LG_ERANGE || status == LG_ENOTFOUND ? EXIT_DATAERR : cli_exit_code(status);
    goto out;
  }
  if ((rc = write_text(save_adapter, p, 0, o.plan)) != EXIT_OK) goto out;
  cli_heading(c, stdout, o.date);
  print_day(c, p, day, done);
  if (before && day + 1 < lg_plan_day_count(p)) {
    size_t i, n = lg_plan_task_count(p, day + 1), k;
    for (i = 0; i < n; i++) {
      const lg_task *t = lg_plan_task(p, day + 1, i);
      int known = 0;
      for (k = 0; before[k]; k++) known |= strcmp(before[k], lg_task_id(t)) == 0;
      if (!known) printf("Added from tomorrow: %s\n", lg_task_title(t));
    }
  }
out:
  free_ids(before);
  free((void *)done);
  free(done_copy);
  lg_plan_free(p);
  return rc;
}
