/*
 * wipe_hook.c - a malloc replacement for wipe_check.c (see there).
 *
 * glibc lets a program replace malloc, free, calloc and realloc. This one
 * hands out memory from a static pool and, when the block being watched is
 * freed, records whether its bytes are still secret. It lives in its own
 * translation unit so the compiler optimising wipe_check.c sees `free` as
 * the library function it may reason about (and delete stores before).
 */
#include <stddef.h>
#include <string.h>

#include "wipe_hook.h"

static unsigned char pool[1 << 20];
static size_t pool_used;

static unsigned char *watch;
static size_t watch_n;
static int result = -1;

void wipe_hook_arm(void *p, size_t n) {
  watch = p;
  watch_n = n;
  result = -1;
}

int wipe_hook_result(void) {
  return result;
}

void *malloc(size_t n) {
  size_t *h;
  size_t need = (n + sizeof(size_t) + 15) / 16 * 16;
  if (need > sizeof pool - pool_used) return NULL;
  h = (size_t *)(void *)(pool + pool_used);
  pool_used += need;
  *h = n;
  return (unsigned char *)(h + 2); /* 16 bytes of header keep 16-byte alignment */
}

void free(void *p) {
  size_t i;
  if (!p || p != (void *)watch) return;
  result = 0;
  for (i = 0; i < watch_n; i++)
    if (watch[i] != 0) result = 1;
}

void *calloc(size_t count, size_t size) {
  void *p;
  if (size != 0 && count > (size_t)-1 / size) return NULL;
  p = malloc(count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

void *realloc(void *p, size_t n) {
  void *q = malloc(n);
  if (q && p) {
    size_t old = ((size_t *)p)[-2];
    memcpy(q, p, old < n ? old : n);
  }
  return q;
}
