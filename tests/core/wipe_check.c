/*
 * wipe_check.c - proves lgi_wipe survives optimisation.
 *
 * tests/cmake/core.cmake compiles this at -O2 with gcc and with clang. It
 * includes src/core/wipe.c itself, so the optimiser sees lgi_wipe's body and
 * may inline it into the function below, exactly where a plain memset
 * before free is deleted as a dead store. The free it calls is
 * wipe_hook.c's, which looks at the bytes before "releasing" them.
 *
 * The control case (a plain memset) shows whether this compiler deletes
 * such stores; it is reported, not required, since that is the compiler's
 * choice. The lgi_wipe case must always leave zeros.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wipe_hook.h"
#include "../../src/core/wipe.c"

#define N 64

static const char secret[] = "my partner's name is a secret";

static int fill(char *p) {
  memcpy(p, secret, sizeof secret);
  wipe_hook_arm(p, sizeof secret);
  return p[3]; /* a read, so the secret is really there */
}

static int with_plain_memset(void) {
  char *p = malloc(N);
  int r;
  if (!p) return -1;
  r = fill(p);
  memset(p, 0, N);
  free(p);
  return r;
}

static int with_lgi_wipe(void) {
  char *p = malloc(N);
  int r;
  if (!p) return -1;
  r = fill(p);
  lgi_wipe(p, N);
  free(p);
  return r;
}

int main(void) {
  int control, ours;
  if (with_plain_memset() < 0) return 2;
  control = wipe_hook_result();
  if (with_lgi_wipe() < 0) return 2;
  ours = wipe_hook_result();
  printf("plain memset before free: %s\n",
         control == 1 ? "deleted by the optimiser" : control == 0 ? "kept" : "not observed");
  printf("lgi_wipe before free: %s\n", ours == 0 ? "kept (bytes are zero)" : "FAILED");
  return ours == 0 ? 0 : 1;
}
