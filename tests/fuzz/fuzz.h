/*
 * fuzz.h - shared parts of the fuzz targets. Each target defines
 * LLVMFuzzerTestOneInput; built with -fsanitize=fuzzer it is a libFuzzer
 * program, built without it replay.c feeds it a corpus as a CTest test.
 */
#ifndef LETGO_FUZZ_H
#define LETGO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <letgo/letgo.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (fuzzers give no terminator). */
static char *fuzz_cstr(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s) abort();
  if (size) memcpy(s, data, size);
  s[size] = '\0';
  return s;
}

/* The built-in catalogue, made once per process: the harness may keep
 * state, the library never does. */
static const lg_catalog *fuzz_catalog(void) {
  static lg_catalog *cat;
  if (!cat && lg_catalog_new(&cat, NULL, 0) != LG_OK) abort();
  return cat;
}

/* Every text output must honour the convention: length query, then fill. */
typedef int (*fuzz_text_fn)(const void *obj, int arg, char *buf, size_t cap, size_t *len);
static void fuzz_check_text(fuzz_text_fn fn, const void *obj, int arg) {
  size_t len = 0, len2 = 0;
  char *buf;
  int rc = fn(obj, arg, NULL, 0, &len);
  if (rc != LG_ETRUNC && !(rc == LG_OK && len == 0)) return;
  buf = malloc(len + 1);
  if (!buf) abort();
  if (fn(obj, arg, buf, len + 1, &len2) != LG_OK || len2 != len || strlen(buf) > len) abort();
  free(buf);
}

#endif
