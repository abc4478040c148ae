/*
 * plan_export_tool - writes one export of a plan built from the built-in
 * catalogue, for the Python checks in tests/cmake/plan.cmake.
 *
 *   plan_export_tool FORMAT OUT [LOCALE] [key=value ...]
 *
 * FORMAT is json, ics or md. Besides plan preferences, the key=value
 * arguments take start=YYYY-MM-DD (default 2026-03-02) and seed=N
 * (default 42).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <letgo/letgo.h>

static int fail(const char *what, int rc) {
  fprintf(stderr, "plan_export_tool: %s: %s\n", what, lg_strerror(rc));
  return 1;
}

int main(int argc, char **argv) {
  lg_catalog *cat = NULL;
  lg_plan *p = NULL;
  lg_date start = {2026, 3, 2};
  unsigned long long seed = 42;
  const char *locale = "en";
  int format, rc, i, first = 3;
  size_t len = 0;
  char *buf;
  FILE *f;
  if (argc < 3) {
    fprintf(stderr, "usage: plan_export_tool json|ics|md OUT [LOCALE] [key=value ...]\n");
    return 2;
  }
  format = strcmp(argv[1], "json") == 0 ? LG_FORMAT_JSON
         : strcmp(argv[1], "ics") == 0  ? LG_FORMAT_ICALENDAR
                                        : LG_FORMAT_MARKDOWN;
  if (argc > 3 && !strchr(argv[3], '=')) {
    locale = argv[3];
    first = 4;
  }
  if ((rc = lg_catalog_new(&cat, NULL, 0)) != LG_OK) return fail("catalogue", rc);
  if ((rc = lg_plan_new(&p, cat, "let-go", locale)) != LG_OK) return fail("plan", rc);
  for (i = first; i < argc; i++) {
    char *eq = strchr(argv[i], '=');
    if (!eq) return fail(argv[i], LG_EINVAL);
    *eq = '\0';
    if (strcmp(argv[i], "start") == 0) {
      if (sscanf(eq + 1, "%d-%d-%d", &start.year, &start.month, &start.day) != 3)
        return fail("start", LG_ERANGE);
    } else if (strcmp(argv[i], "seed") == 0) {
      seed = strtoull(eq + 1, NULL, 10);
    } else if ((rc = lg_plan_set(p, argv[i], eq + 1)) != LG_OK) {
      return fail(argv[i], rc);
    }
  }
  if ((rc = lg_plan_build(p, start, (uint64_t)seed)) != LG_OK) return fail("build", rc);
  rc = lg_plan_export(p, format, NULL, 0, &len);
  if (rc != LG_ETRUNC && rc != LG_OK) return fail("export", rc);
  buf = malloc(len + 1);
  if (!buf || (rc = lg_plan_export(p, format, buf, len + 1, &len)) != LG_OK) return fail("export", rc);
  f = fopen(argv[2], "wb");
  if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
    perror(argv[2]);
    return 1;
  }
  free(buf);
  lg_plan_free(p);
  lg_catalog_free(cat);
  return 0;
}
