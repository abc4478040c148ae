/* Fuzz target: restoring saved plans, then exporting them in every format. */
#include "fuzz.h"

static int export_plan(const void *p, int format, char *buf, size_t cap, size_t *len) {
  return lg_plan_export(p, format, buf, cap, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lg_plan *p;
  lg_error err;
  if (lg_plan_restore(&p, fuzz_catalog(), (const char *)data, size, &err) != LG_OK) return 0;
  fuzz_check_text(export_plan, p, LG_FORMAT_JSON);
  fuzz_check_text(export_plan, p, LG_FORMAT_ICALENDAR);
  fuzz_check_text(export_plan, p, LG_FORMAT_MARKDOWN);
  lg_plan_free(p);
  return 0;
}
