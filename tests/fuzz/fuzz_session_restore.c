/* Fuzz target: restoring saved sessions; a restored one must score or
 * refuse, and save again. */
#include "fuzz.h"

static int save(const void *s, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_session_save(s, buf, cap, len);
}

static int result_json(const void *r, int arg, char *buf, size_t cap, size_t *len) {
  (void)arg;
  return lg_result_json(r, buf, cap, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lg_session *s;
  lg_result *r;
  lg_error err;
  if (lg_session_restore(&s, fuzz_catalog(), (const char *)data, size, &err) != LG_OK) return 0;
  fuzz_check_text(save, s, 0);
  if (lg_session_score(s, &r) == LG_OK) {
    fuzz_check_text(result_json, r, 0);
    lg_result_free(r);
  }
  lg_session_free(s);
  return 0;
}
