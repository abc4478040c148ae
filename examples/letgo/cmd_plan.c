/*
 * cmd_plan.c - `letgo plan`: builds a plan, tailored to saved assessments
 * and preferences, and exports it.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char plan_usage[] =
    "usage: letgo plan [--start YYYY-MM-DD] [--result FILE]... [--set KEY=VALUE]...\n"
    "                  [--seed N] [--format md|ics|json] [--out FILE] [--save FILE]\n"
    "                  [--template ID]\n"
    "\n"
    "Builds a day-by-day plan for letting go.\n"
    "  --start DATE     the first day (default: today)\n"
    "  --result FILE    tailor it to a saved assessment (letgo assess --save FILE); repeatable\n"
    "  --set KEY=VALUE  a preference: grief_days, support, interests, reminder_time, name,\n"
    "                   partner_name, partner_pronouns, plan_days (see docs/plan.md); repeatable\n"
    "  --seed N         vary the picks (default 1); the same seed gives the same plan\n"
    "  --format F       md (Markdown, default), ics (iCalendar) or json\n"
    "  --out FILE       write the export there (default: standard output)\n"
    "  --save FILE      save the plan for check-ins (letgo checkin --plan FILE)\n"
    "  --template ID    another plan template (see letgo list plans; default let-go)\n";

#define MAX_MULTI 32

typedef struct plan_opts {
  const char *start, *seed, *format, *out, *save, *template_id;
  const char *results[MAX_MULTI], *sets[MAX_MULTI];
  int nresults, nsets;
} plan_opts;

static int parse_opts(int argc, char **argv, plan_opts *o) {
  int i;
  memset(o, 0, sizeof *o);
  o->format = "md";
  o->seed = "1";
  o->template_id = "let-go";
  for (i = 0; i < argc; i++) {
    const char *a = argv[i], **slot = NULL;
    if (strcmp(a, "--start") == 0)
      slot = &o->start;
    else if (strcmp(a, "--seed") == 0)
      slot = &o->seed;
    else if (strcmp(a, "--format") == 0)
      slot = &o->format;
    else if (strcmp(a, "--out") == 0)
      slot = &o->out;
    else if (strcmp(a, "--save") == 0)
      slot = &o->save;
    else if (strcmp(a, "--template") == 0)
      slot = &o->template_id;
    else if (strcmp(a, "--result") == 0 && o->nresults < MAX_MULTI)
      slot = &o->results[o->nresults++];
    else if (strcmp(a, "--set") == 0 && o->nsets < MAX_MULTI)
      slot = &o->sets[o->nsets++];
    if (!slot) {
      fprintf(stderr, "letgo plan: unexpected '%s'\n%s", a, plan_usage);
      return EXIT_USAGE;
    }
    if (i + 1 >= argc) {
      fprintf(stderr, "letgo plan: %s needs a value\n", a);
      return EXIT_USAGE;
    }
    *slot = argv[++i];
  }
  return EXIT_OK;
}

int cli_load_result(cli *c, const char *path, lg_result **out) {
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
  if (status == LG_ESTATE) {
    fprintf(stderr, "%s: the saved answers are not enough for a result yet\n", path);
    return EXIT_DATAERR;
  }
  return cli_exit_code(status);
}

static int apply_set(lg_plan *p, const char *kv) {
  char key[64];
  const char *eq = strchr(kv, '=');
  size_t n = eq ? (size_t)(eq - kv) : 0;
  int status;
  if (!eq || n == 0 || n >= sizeof key) {
    fprintf(stderr, "letgo plan: --set needs KEY=VALUE, not '%s'\n", kv);
    return EXIT_USAGE;
  }
  memcpy(key, kv, n);
  key[n] = '\0';
  if ((status = lg_plan_set(p, key, eq + 1)) == LG_OK) return EXIT_OK;
  if (status == LG_ENOTFOUND)
    fprintf(stderr, "letgo plan: '%s' is not a preference (see letgo plan --help)\n", key);
  else
    fprintf(stderr, "letgo plan: %s: '%s' is not an allowed value\n", key, eq + 1);
  return status == LG_ENOTFOUND || status == LG_ERANGE ? EXIT_USAGE : cli_exit_code(status);
}

static int export_fn(const void *p, int format, char *buf, size_t cap, size_t *len) {
  return lg_plan_export(p, format, buf, cap, len);
}

static int save_fn(const void *p, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_plan_save(p, buf, cap, len);
}

static int write_text(cli_text_fn fn, const void *obj, int arg, const char *path) {
  char *text = cli_text(fn, obj, arg);
  int rc = text ? cli_write_file(path, text, strlen(text)) : EXIT_SOFTWARE;
  free(text);
  return rc;
}

int cli_save_plan(const lg_plan *p, const char *path) {
  return write_text(save_fn, p, 0, path);
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

/* Preferences, then results, then the build. */
static int tailor_and_build(cli *c, lg_plan *p, const plan_opts *o, lg_date start, uint64_t seed) {
  int i, rc = EXIT_OK, status;
  if (c->region && lg_plan_set(p, "region", c->region) != LG_OK) return EXIT_SOFTWARE;
  for (i = 0; i < o->nsets && rc == EXIT_OK; i++) rc = apply_set(p, o->sets[i]);
  for (i = 0; i < o->nresults && rc == EXIT_OK; i++) {
    lg_result *r;
    if ((rc = cli_load_result(c, o->results[i], &r)) != EXIT_OK) break;
    status = lg_plan_use_result(p, r);
    lg_result_free(r);
    if (status != LG_OK)
      fprintf(stderr, "letgo plan: %s: %s\n", o->results[i], lg_strerror(status));
    rc = cli_exit_code(status);
  }
  if (rc == EXIT_OK && (status = lg_plan_build(p, start, seed)) != LG_OK) {
    fprintf(stderr, "letgo plan: cannot build the plan from %s: %s\n",
            o->start ? o->start : "today", lg_strerror(status));
    rc = status == LG_ERANGE ? EXIT_USAGE : cli_exit_code(status);
  }
  return rc;
}

int cmd_plan(cli *c, int argc, char **argv) {
  plan_opts o;
  lg_plan *p = NULL;
  lg_date start;
  uint64_t seed;
  int rc, format, status;
  if (argc > 0 && strcmp(argv[0], "--help") == 0) {
    fputs(plan_usage, stdout);
    return EXIT_OK;
  }
  if ((rc = parse_opts(argc, argv, &o)) != EXIT_OK) return rc;
  if ((format = parse_format(o.format)) < 0) {
    fprintf(stderr, "letgo plan: --format is md, ics or json, not '%s'\n", o.format);
    return EXIT_USAGE;
  }
  if (parse_seed(o.seed, &seed) != 0) {
    fprintf(stderr, "letgo plan: --seed needs a whole number, not '%s'\n", o.seed);
    return EXIT_USAGE;
  }
  if (o.start && cli_parse_date(o.start, &start) != 0) {
    fprintf(stderr, "letgo plan: --start needs YYYY-MM-DD, not '%s'\n", o.start);
    return EXIT_USAGE;
  }
  if (!o.start) start = cli_today();
  if ((status = lg_plan_new(&p, c->cat, o.template_id, c->locale)) != LG_OK) {
    fprintf(stderr, "letgo plan: no plan template '%s' (see letgo list plans)\n", o.template_id);
    return status == LG_ENOTFOUND ? EXIT_USAGE : cli_exit_code(status);
  }
  rc = tailor_and_build(c, p, &o, start, seed);
  if (rc == EXIT_OK && o.save) rc = cli_save_plan(p, o.save);
  if (rc == EXIT_OK) rc = write_text(export_fn, p, format, o.out ? o.out : "-");
  if (rc == EXIT_OK && o.out) fprintf(stderr, "Wrote the plan to %s\n", o.out);
  lg_plan_free(p);
  return rc;
}
