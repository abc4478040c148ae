/*
 * alloc.c - the allocation layer: every byte the library owns goes through
 * the handle's lg_allocator, so a test allocator can count and fail them.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

/* The default allocator: libc realloc/free behind the one-function shape. */
static void *libc_realloc(void *ud, void *ptr, size_t old_size, size_t new_size) {
  (void)ud;
  (void)old_size;
  if (new_size == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, new_size);
}

int lgi_alloc_init(lg_allocator *dst, const lg_allocator *src) {
  if (!dst) return LG_EINVAL;
  if (!src) {
    dst->realloc = libc_realloc;
    dst->ud = NULL;
    return LG_OK;
  }
  if (!src->realloc) return LG_EINVAL;
  *dst = *src;
  return LG_OK;
}

int lgi_size_mul(size_t a, size_t b, size_t *out) {
  if (a != 0 && b > (size_t)-1 / a) return -1;
  *out = a * b;
  return 0;
}

int lgi_size_add(size_t a, size_t b, size_t *out) {
  if (b > (size_t)-1 - a) return -1;
  *out = a + b;
  return 0;
}

void *lgi_malloc(const lg_allocator *a, size_t n) {
  if (!a || n == 0) return NULL;
  return a->realloc(a->ud, NULL, 0, n);
}

void *lgi_calloc(const lg_allocator *a, size_t count, size_t size) {
  size_t n;
  void *p;
  if (lgi_size_mul(count, size, &n) != 0) return NULL;
  p = lgi_malloc(a, n);
  if (p) memset(p, 0, n);
  return p;
}

void *lgi_realloc(const lg_allocator *a, void *p, size_t old_n, size_t new_n) {
  if (!a || new_n == 0) return NULL;
  return a->realloc(a->ud, p, p ? old_n : 0, new_n);
}

void lgi_free(const lg_allocator *a, void *p, size_t n) {
  if (!a || !p) return;
  (void)a->realloc(a->ud, p, n, 0);
}

void lgi_free_wiped(const lg_allocator *a, void *p, size_t n) {
  if (!a || !p) return;
  lgi_wipe(p, n);
  (void)a->realloc(a->ud, p, n, 0);
}

char *lgi_strndup(const lg_allocator *a, const char *s, size_t n) {
  size_t total;
  char *p;
  if (!s || lgi_size_add(n, 1, &total) != 0) return NULL;
  p = lgi_malloc(a, total);
  if (!p) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

static void *wiping_realloc(void *ud, void *ptr, size_t old_size, size_t new_size) {
  const lg_allocator *inner = ud;
  void *p;
  if (new_size == 0) {
    if (ptr) {
      lgi_wipe(ptr, old_size);
      (void)inner->realloc(inner->ud, ptr, old_size, 0);
    }
    return NULL;
  }
  p = inner->realloc(inner->ud, NULL, 0, new_size);
  if (!p || !ptr) return p;
  memcpy(p, ptr, old_size < new_size ? old_size : new_size);
  lgi_wipe(ptr, old_size);
  (void)inner->realloc(inner->ud, ptr, old_size, 0);
  return p;
}

void lgi_alloc_wiping(lg_allocator *out, lg_allocator *inner) {
  out->realloc = wiping_realloc;
  out->ud = inner;
}
