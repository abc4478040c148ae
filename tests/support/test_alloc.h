/*
 * test_alloc.h - the test allocator: counts live bytes and calls, can fail
 * the Nth allocation, and can scan every block as it is freed for secrets
 * that should have been wiped.
 */
#ifndef LETGO_TEST_ALLOC_H
#define LETGO_TEST_ALLOC_H

#include <stddef.h>

#include <letgo/letgo.h>

#define LGT_MAX_SECRETS 8

typedef struct lgt_alloc {
  lg_allocator base;   /* pass &t.base to the library */
  size_t live_bytes;   /* allocated and not yet freed */
  size_t live_blocks;
  size_t peak_bytes;
  size_t allocs;       /* successful and failed allocations and growths so far */
  size_t fail_at;      /* 0: never fail; N: fail the Nth allocation (1-based) */
  int fail_all_after;  /* with fail_at: also fail every later one */
  size_t failures;     /* how many were failed */
  /* Secrets: strings that must not appear in a freed block. */
  const char *secrets[LGT_MAX_SECRETS];
  size_t secret_hits;  /* blocks freed while holding a secret */
} lgt_alloc;

void lgt_alloc_init(lgt_alloc *t);
/* Fails the nth allocation from now on (1-based); 0 disables. */
void lgt_alloc_fail_at(lgt_alloc *t, size_t n);
void lgt_alloc_add_secret(lgt_alloc *t, const char *secret);
/*
 * Makes a secret of a double's bytes as they lie in memory (native byte
 * order), for numeric answers: the longest run of nonzero bytes, since a
 * secret is a C string. `out` needs 9 bytes. Returns the run's length.
 */
size_t lgt_secret_of_double(double v, char out[9]);

/*
 * Runs `journey` with allocation n failing, for n = 1, 2, ... until it
 * returns LG_OK without a failure being injected. The journey returns
 * LG_OK or LG_ENOMEM and must free everything it made; after each run
 * live_bytes must be 0 (checked with cmocka asserts). Returns the number of
 * allocation points (runs that failed).
 */
typedef int (*lgt_journey)(lgt_alloc *t, void *ctx);
size_t lgt_alloc_every_failure(lgt_journey journey, void *ctx);

/*
 * Like lgt_alloc_every_failure, but the built-in catalogue is made once
 * (with the same allocator, never failing) and only the journey's own
 * allocations fail, one after another, until a run meets no failure. Each
 * run must return LG_OK or LG_ENOMEM and leave no bytes live beyond the
 * catalogue's. Returns the number of allocation points.
 */
typedef int (*lgt_catalog_journey)(const lg_catalog *cat, void *ctx);
size_t lgt_alloc_every_failure_after_catalog(lgt_catalog_journey journey, void *ctx);

/* Reads a whole file (tests only); returns NULL on failure. Free with free(). */
char *lgt_read_file(const char *path, size_t *len);

#endif
