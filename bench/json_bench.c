/*
 * json_bench.c - lgi_json_parse against cJSON_ParseWithLength on one file.
 *
 *   json_bench FILE [ITERATIONS [ROUNDS [lg|cjson]]]
 *
 * (the last argument runs one reader only, for a profiler).
 * Each round parses the file ITERATIONS times with each reader, every
 * parse building a fresh tree that is then freed (cJSON_Delete; the arena
 * freed whole), so both pay for their allocations. Rounds alternate the two
 * readers to share out the noise of a busy machine; the best round of each
 * is reported, in MB/s (10^6 bytes per second), with the ratio. Both trees
 * are counted once to check the two readers saw the same document.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "core/core.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
      free(buf);
      buf = NULL;
    }
    if (buf) *len = (size_t)n;
  }
  fclose(f);
  return buf;
}

static size_t count_lg(const lgi_json *v) {
  size_t n = 1, i;
  if (v->type == LGI_JSON_ARRAY)
    for (i = 0; i < v->len; i++) n += count_lg(&v->u.items[i]);
  if (v->type == LGI_JSON_OBJECT)
    for (i = 0; i < v->len; i++) n += count_lg(&v->u.members[i].value);
  return n;
}

static size_t count_cj(const cJSON *v) {
  size_t n = 1;
  const cJSON *c;
  for (c = v->child; c; c = c->next) n += count_cj(c);
  return n;
}

static int run_lg(const lg_allocator *alloc, const char *buf, size_t len, int iters, size_t *nodes) {
  int i;
  for (i = 0; i < iters; i++) {
    lgi_arena arena;
    const lgi_json *root = NULL;
    lg_error err;
    lgi_arena_init(&arena, alloc);
    if (lgi_json_parse(&arena, buf, len, &root, &err) != LG_OK) {
      fprintf(stderr, "lgi_json_parse: %u:%u: %s\n", err.line, err.column, err.message);
      lgi_arena_free(&arena);
      return -1;
    }
    if (nodes) *nodes = count_lg(root);
    lgi_arena_free(&arena);
  }
  return 0;
}

static int run_cj(const char *buf, size_t len, int iters, size_t *nodes) {
  int i;
  for (i = 0; i < iters; i++) {
    cJSON *root = cJSON_ParseWithLength(buf, len);
    if (!root) {
      fprintf(stderr, "cJSON_ParseWithLength failed\n");
      return -1;
    }
    if (nodes) *nodes = count_cj(root);
    cJSON_Delete(root);
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "corpus-10k.json";
  int iters = argc > 2 ? atoi(argv[2]) : 20;
  int rounds = argc > 3 ? atoi(argv[3]) : 5;
  const char *only = argc > 4 ? argv[4] : "";
  size_t len = 0, lg_nodes = 0, cj_nodes = 0;
  char *buf = read_all(path, &len);
  lg_allocator alloc;
  double best_lg = 1e300, best_cj = 1e300, mb;
  int r;
  if (!buf) {
    fprintf(stderr, "json_bench: cannot read %s\n", path);
    return 1;
  }
  if (iters < 1) iters = 1;
  if (rounds < 1) rounds = 1;
  lgi_alloc_init(&alloc, NULL); /* libc, as cJSON uses */
  if (run_lg(&alloc, buf, len, 1, &lg_nodes) != 0 || run_cj(buf, len, 1, &cj_nodes) != 0) return 1;
  if (lg_nodes != cj_nodes) {
    fprintf(stderr, "json_bench: the readers disagree: %zu nodes vs %zu\n", lg_nodes, cj_nodes);
    return 1;
  }
  for (r = 0; r < rounds; r++) {
    double t0 = now(), t1, t2;
    if (strcmp(only, "cjson") != 0 && run_lg(&alloc, buf, len, iters, NULL) != 0) return 1;
    t1 = now();
    if (strcmp(only, "lg") != 0 && run_cj(buf, len, iters, NULL) != 0) return 1;
    t2 = now();
    if (t1 - t0 < best_lg) best_lg = t1 - t0;
    if (t2 - t1 < best_cj) best_cj = t2 - t1;
  }
  mb = (double)len * iters / 1e6;
  printf("file: %s (%zu bytes, %zu nodes), %d parses x %d rounds, best round\n", path, len,
         lg_nodes, iters, rounds);
  printf("cJSON %s cJSON_ParseWithLength: %8.1f MB/s\n", cJSON_Version(), mb / best_cj);
  printf("libletgo lgi_json_parse:          %8.1f MB/s\n", mb / best_lg);
  printf("ratio libletgo/cJSON: %.2fx\n", best_cj / best_lg);
  free(buf);
  return 0;
}
