/* Fuzz target: plans built from fuzzed preferences, dates and seeds.
 * Input: 4 bytes of date, 8 of seed, then key=value lines. */
#include "fuzz.h"

static int export_plan(const void *p, int format, char *buf, size_t cap, size_t *len) {
  return lg_plan_export(p, format, buf, cap, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lg_plan *p;
  lg_date start;
  uint64_t seed = 0;
  char *text, *line, *next;
  size_t i;
  if (size < 12) return 0;
  start.year = 1890 + (data[0] | (data[1] << 8)) % 520;
  start.month = data[2] % 14;
  start.day = data[3] % 33;
  for (i = 0; i < 8; i++) seed = seed << 8 | data[4 + i];
  if (lg_plan_new(&p, fuzz_catalog(), "let-go", (data[0] & 1) ? "es" : "en") != LG_OK) abort();
  text = fuzz_cstr(data + 12, size - 12);
  for (line = text; line; line = next) {
    char *eq;
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    if ((eq = strchr(line, '=')) != NULL) {
      *eq = '\0';
      lg_plan_set(p, line, eq + 1);
    }
  }
  if (lg_plan_build(p, start, seed) == LG_OK) {
    fuzz_check_text(export_plan, p, LG_FORMAT_JSON);
    fuzz_check_text(export_plan, p, LG_FORMAT_ICALENDAR);
    fuzz_check_text(export_plan, p, LG_FORMAT_MARKDOWN);
  }
  free(text);
  lg_plan_free(p);
  return 0;
}
