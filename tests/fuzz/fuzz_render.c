/* Fuzz target: rendering templates with fuzzed persona values. The input
 * is split at NUL bytes: text, name, partner name, pronoun set. */
#include "fuzz.h"

static int render(const void *vars, int arg, char *buf, size_t cap, size_t *len) {
  const char *const *v = vars;
  return lg_render(fuzz_catalog(), v[8], arg ? "es" : "en", v, buf, cap, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = fuzz_cstr(data, size), *parts[4] = {0};
  const char *vars[9];
  size_t i, k = 0;
  parts[0] = s;
  for (i = 0; i < size && k < 3; i++)
    if (s[i] == '\0') parts[++k] = s + i + 1;
  vars[0] = "name";
  vars[1] = parts[1] ? parts[1] : "Sam";
  vars[2] = "partner_name";
  vars[3] = parts[2] ? parts[2] : "Alex";
  vars[4] = "partner_pronouns";
  vars[5] = parts[3] ? parts[3] : "they";
  vars[6] = NULL;
  vars[8] = parts[0];
  fuzz_check_text(render, vars, 0);
  fuzz_check_text(render, vars, 1);
  free(s);
  return 0;
}
