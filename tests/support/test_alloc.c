#include "test_alloc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Each block carries its size in front, so frees can be checked. The
 * union keeps what follows aligned for any type (max_align_t is C11). */
typedef union header {
  size_t size;
  long double ld_;
  long long ll_;
  void *p_;
  void (*fp_)(void);
  unsigned char align16_[16]; /* like glibc's malloc: 16 bytes on 32-bit too */
} header;

static int block_holds(const unsigned char *p, size_t n, const char *secret) {
  size_t k = strlen(secret);
  size_t i;
  if (k == 0 || k > n) return 0;
  for (i = 0; i + k <= n; i++)
    if (memcmp(p + i, secret, k) == 0) return 1;
  return 0;
}

static void scan(lgt_alloc *t, const void *ptr, size_t n) {
  size_t i;
  for (i = 0; i < LGT_MAX_SECRETS && t->secrets[i]; i++)
    if (block_holds(ptr, n, t->secrets[i])) t->secret_hits++;
}

static int should_fail(lgt_alloc *t) {
  t->allocs++;
  if (t->fail_at == 0) return 0;
  if (t->allocs == t->fail_at || (t->fail_all_after && t->allocs > t->fail_at)) {
    t->failures++;
    return 1;
  }
  return 0;
}

static void *lgt_realloc_(void *ud, void *ptr, size_t old_size, size_t new_size) {
  lgt_alloc *t = ud;
  header *h = ptr ? (header *)ptr - 1 : NULL;
  header *nh;
  if (h) assert_int_equal(h->size, old_size);
  if (new_size == 0) {
    if (h) {
      scan(t, ptr, old_size);
      t->live_bytes -= old_size;
      t->live_blocks--;
      free(h);
    }
    return NULL;
  }
  if (should_fail(t)) return NULL;
  if (h && new_size < old_size) scan(t, (unsigned char *)ptr + new_size, old_size - new_size);
  nh = malloc(sizeof(header) + new_size);
  if (!nh) return NULL;
  nh->size = new_size;
  if (h) {
    memcpy(nh + 1, ptr, old_size < new_size ? old_size : new_size);
    scan(t, ptr, old_size);
    free(h);
    t->live_bytes -= old_size;
  } else {
    t->live_blocks++;
  }
  t->live_bytes += new_size;
  if (t->live_bytes > t->peak_bytes) t->peak_bytes = t->live_bytes;
  return nh + 1;
}

void lgt_alloc_init(lgt_alloc *t) {
  memset(t, 0, sizeof *t);
  t->base.realloc = lgt_realloc_;
  t->base.ud = t;
}

void lgt_alloc_fail_at(lgt_alloc *t, size_t n) {
  t->fail_at = n == 0 ? 0 : t->allocs + n;
}

void lgt_alloc_add_secret(lgt_alloc *t, const char *secret) {
  size_t i;
  for (i = 0; i < LGT_MAX_SECRETS; i++) {
    if (!t->secrets[i]) {
      t->secrets[i] = secret;
      return;
    }
  }
  fail_msg("too many secrets");
}

size_t lgt_secret_of_double(double v, char out[9]) {
  unsigned char b[sizeof(double)];
  size_t i, best = 0, best_at = 0, run = 0;
  memcpy(b, &v, sizeof b);
  for (i = 0; i < sizeof b; i++) {
    run = b[i] ? run + 1 : 0;
    if (run > best) {
      best = run;
      best_at = i + 1 - run;
    }
  }
  memcpy(out, b + best_at, best);
  out[best] = '\0';
  return best;
}

size_t lgt_alloc_every_failure(lgt_journey journey, void *ctx) {
  size_t n;
  for (n = 1; n < 1000000; n++) {
    lgt_alloc t;
    int rc;
    lgt_alloc_init(&t);
    t.fail_at = n;
    rc = journey(&t, ctx);
    assert_int_equal(t.live_bytes, 0);
    assert_int_equal(t.live_blocks, 0);
    if (t.failures == 0) {
      assert_int_equal(rc, LG_OK);
      return n - 1;
    }
    if (rc != LG_ENOMEM && rc != LG_OK) fail_msg("journey returned %d at allocation %zu", rc, n);
  }
  fail_msg("journey never finished");
  return 0;
}

size_t lgt_alloc_every_failure_after_catalog(lgt_catalog_journey journey, void *ctx) {
  lgt_alloc t;
  lg_catalog *c = NULL;
  size_t n, base;
  lgt_alloc_init(&t);
  assert_int_equal(lg_catalog_new(&c, &t.base, 0), LG_OK);
  base = t.live_bytes;
  for (n = 1;; n++) {
    int rc;
    size_t before = t.failures;
    lgt_alloc_fail_at(&t, n);
    rc = journey(c, ctx);
    lgt_alloc_fail_at(&t, 0);
    if (rc != LG_OK && rc != LG_ENOMEM) fail_msg("allocation %u: status %d", (unsigned)n, rc);
    if (t.live_bytes != base)
      fail_msg("allocation %u: %u bytes leaked", (unsigned)n, (unsigned)(t.live_bytes - base));
    if (t.failures == before) {
      assert_int_equal(rc, LG_OK);
      break;
    }
    assert_int_equal(rc, LG_ENOMEM);
  }
  lg_catalog_free(c);
  assert_int_equal(t.live_bytes, 0);
  return n - 1;
}

char *lgt_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  if (!f) return NULL;
  for (;;) {
    size_t got;
    if (n + 4096 + 1 > cap) {
      char *nb;
      cap = cap ? cap * 2 : 65536;
      nb = realloc(buf, cap);
      if (!nb) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = nb;
    }
    got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}
