/*
 * cmd_checkin.c - `letgo checkin`: records a day's mood and done tasks in a
 * saved plan, saves it back, and shows the day, progress and what changed.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char checkin_usage[] =
    "usage: letgo checkin --plan FILE --date YYYY-MM-DD --mood N [--done ID,ID...] [--result "
    "FILE]\n"
    "\n"
    "Records a day's mood (0-10) and the tasks you did in a saved plan (letgo plan\n"
    "--save FILE), saves it back, and prints the day, your progress and anything\n"
    "the plan changed.\n"
    "  --done IDS     the ids of the day's tasks you did, separated by commas\n"
    "  --result FILE  also tailor the plan to a saved check-in questionnaire\n"
    "                 (letgo assess checkin --save FILE)\n";

typedef struct checkin_opts {
  const char *plan, *date, *mood, *done, *result;
} checkin_opts;

static int parse_opts(int argc, char **argv, checkin_opts *o) {
  int i;
  memset(o, 0, sizeof *o);
  for (i = 0; i < argc; i++) {
    const char *a = argv[i], **slot = NULL;
    if (strcmp(a, "--plan") == 0)
      slot = &o->plan;
    else if (strcmp(a, "--date") == 0)
      slot = &o->date;
    else if (strcmp(a, "--mood") == 0)
      slot = &o->mood;
    else if (strcmp(a, "--done") == 0)
      slot = &o->done;
    else if (strcmp(a, "--result") == 0)
      slot = &o->result;
    if (!slot || i + 1 >= argc) {
      fprintf(stderr, "letgo checkin: %s '%s'\n%s", slot ? "a value is needed after" : "unexpected",
              a, checkin_usage);
      return EXIT_USAGE;
    }
    *slot = argv[++i];
  }
  if (!o->plan || !o->date || !o->mood) {
    fprintf(stderr, "letgo checkin: --plan, --date and --mood are needed\n%s", checkin_usage);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}

/* "a,b,c" as a NULL-terminated list, split in place. */
static const char **split_ids(char *list) {
  size_t n = 2, i = 0;
  const char **ids;
  char *p;
  for (p = list; *p; p++) n += *p == ',';
  if (!(ids = calloc(n, sizeof *ids))) return NULL;
  for (p = list; *p; list = p) {
    p += strcspn(p, ",");
    if (*p) *p++ = '\0';
    if (*list) ids[i++] = list;
  }
  return ids;
}

static size_t day_index(const lg_plan *p, lg_date d) {
  size_t i, n = lg_plan_day_count(p);
  for (i = 0; i < n; i++) {
    lg_date x = lg_plan_day_date(p, i);
    if (x.year == d.year && x.month == d.month && x.day == d.day) return i;
  }
  return (size_t)-1;
}

/* Task ids of the days after `day`, as "DAY:ID" strings, to tell what a
 * check-in added (the borrowed tasks do not survive the rebuild). */
static char **later_tasks(const lg_plan *p, size_t day) {
  size_t d, i, n = 0, k = 0;
  char **out;
  for (d = day + 1; d < lg_plan_day_count(p); d++) n += lg_plan_task_count(p, d);
  if (!(out = calloc(n + 1, sizeof *out))) return NULL;
  for (d = day + 1; d < lg_plan_day_count(p); d++) {
    for (i = 0; i < lg_plan_task_count(p, d); i++) {
      const char *id = lg_task_id(lg_plan_task(p, d, i));
      if (!(out[k] = malloc(strlen(id) + 24))) break;
      sprintf(out[k++], "%zu:%s", d, id);
    }
  }
  return out;
}

static void free_list(char **list) {
  size_t i;
  for (i = 0; list && list[i]; i++) free(list[i]);
  free(list);
}

static int listed(const char *const *list, const char *s) {
  for (; list && *list; list++)
    if (strcmp(*list, s) == 0) return 1;
  return 0;
}

static void print_day(const cli *c, const lg_plan *p, size_t day, const char *const *done) {
  const lg_entry *label = lg_catalog_entry(c->cat, "label.plan.day", c->locale);
  lg_date d = lg_plan_day_date(p, day);
  size_t i, n = lg_plan_task_count(p, day);
  char heading[96];
  snprintf(heading, sizeof heading, "%s %zu \xc2\xb7 %04d-%02d-%02d",
           label ? lg_entry_title(label) : "Day", day + 1, d.year, d.month, d.day);
  cli_heading(c, stdout, heading);
  for (i = 0; i < n; i++) {
    const lg_task *t = lg_plan_task(p, day, i);
    printf("- [%c] %s (%s)\n", listed(done, lg_task_id(t)) ? 'x' : ' ', lg_task_title(t),
           lg_task_id(t));
  }
}

static void print_progress(const lg_plan *p, size_t day, lg_date date) {
  size_t done = 0, scheduled = 0, d, s, i, streak = 0;
  lg_plan_adherence(p, day, &done, &scheduled);
  printf("\nDone today: %zu of %zu\n", done, scheduled);
  for (i = 0, done = scheduled = 0; i <= day; i++) {
    lg_plan_adherence(p, i, &d, &s);
    done += d;
    scheduled += s;
  }
  lg_plan_overall_adherence(p, &d, &s);
  printf("So far: %zu of %zu up to today (%zu of %zu in the whole plan)\n", done, scheduled, d, s);
  lg_plan_streak(p, date, &streak);
  printf("Streak: %zu day%s\n", streak, streak == 1 ? "" : "s");
}

/* What the check-in changed in the days ahead: each new task once, from its first day. */
static void print_changes(const cli *c, const lg_plan *p, size_t day, char **before,
                          unsigned flags) {
  const char *seen[33] = {NULL};
  size_t d, i, nseen = 0;
  if ((lg_plan_flags(p) & LG_PLAN_CRISIS) && !(flags & LG_PLAN_CRISIS)) {
    putchar('\n');
    cli_print_entry(c, stdout, "section.crisis-now");
    cli_print_resources(c, stdout);
  }
  for (d = day + 1; d < lg_plan_day_count(p) && nseen < 32; d++) {
    for (i = 0; i < lg_plan_task_count(p, d) && nseen < 32; i++) {
      const lg_task *t = lg_plan_task(p, d, i);
      lg_date when = lg_plan_day_date(p, d);
      char key[96];
      snprintf(key, sizeof key, "%zu:%s", d, lg_task_id(t));
      if (listed((const char *const *)before, key) || listed(seen, lg_task_id(t))) continue;
      printf("%sAdded from %04d-%02d-%02d: %s\n", nseen ? "" : "\n", when.year, when.month,
             when.day, lg_task_title(t));
      seen[nseen++] = lg_task_id(t);
    }
  }
}

static int record(cli *c, lg_plan *p, const checkin_opts *o, lg_date date, int mood, size_t day) {
  char *copy = NULL, **before = later_tasks(p, day);
  const char **done = NULL;
  unsigned flags = lg_plan_flags(p);
  int rc = EXIT_OK, status = LG_OK;
  if (!before || (o->done && (!(copy = malloc(strlen(o->done) + 1)) ||
                              !(done = split_ids(strcpy(copy, o->done))))))
    rc = EXIT_SOFTWARE;
  if (rc == EXIT_OK && o->result) {
    lg_result *r;
    if ((rc = cli_load_result(c, o->result, &r)) == EXIT_OK) {
      status = lg_plan_use_result(p, r);
      lg_result_free(r);
    }
  }
  if (rc == EXIT_OK && status == LG_OK) status = lg_plan_checkin(p, date, mood, done);
  if (status == LG_ENOTFOUND)
    fprintf(stderr, "letgo checkin: --done names a task that is not on %s\n", o->date);
  else if (status != LG_OK)
    fprintf(stderr, "letgo checkin: %s\n", lg_strerror(status));
  if (rc == EXIT_OK) rc = cli_exit_code(status);
  if (rc == EXIT_OK) rc = cli_save_plan(p, o->plan);
  if (rc == EXIT_OK) {
    print_day(c, p, day, done);
    print_progress(p, day, date);
    print_changes(c, p, day, before, flags);
  }
  free_list(before);
  free((void *)done);
  free(copy);
  return rc;
}

int cmd_checkin(cli *c, int argc, char **argv) {
  checkin_opts o;
  lg_plan *p = NULL;
  lg_error err;
  lg_date date;
  size_t len, day;
  double mood;
  char *state;
  int rc, status;
  if (argc > 0 && strcmp(argv[0], "--help") == 0) {
    fputs(checkin_usage, stdout);
    return EXIT_OK;
  }
  if ((rc = parse_opts(argc, argv, &o)) != EXIT_OK) return rc;
  if (cli_parse_date(o.date, &date) != 0) {
    fprintf(stderr, "letgo checkin: --date needs YYYY-MM-DD, not '%s'\n", o.date);
    return EXIT_USAGE;
  }
  if (cli_parse_number(o.mood, &mood) != 0 || mood < 0 || mood > 10 || mood != (int)mood) {
    fprintf(stderr, "letgo checkin: --mood needs a whole number from 0 to 10, not '%s'\n", o.mood);
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
  if ((day = day_index(p, date)) == (size_t)-1) {
    lg_date first = lg_plan_day_date(p, 0), last = lg_plan_day_date(p, lg_plan_day_count(p) - 1);
    fprintf(
        stderr,
        "letgo checkin: %s is not in the plan, which runs from %04d-%02d-%02d to %04d-%02d-%02d\n",
        o.date, first.year, first.month, first.day, last.year, last.month, last.day);
    rc = EXIT_DATAERR;
  } else {
    rc = record(c, p, &o, date, (int)mood, day);
  }
  lg_plan_free(p);
  return rc;
}
