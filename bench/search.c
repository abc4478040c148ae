/*
 * bench/search - lg_catalog_search against SQLite FTS5 on the generated corpus.
 *
 *   search PACK QUERIES [--or] [--title-weight W] [--passes N] [--top FILE] [--fts5]
 *          [--loads N]
 *
 * Loads PACK (timing parse, validation and indexing), runs every query of
 * QUERIES (one per line; its words ANDed, or ORed with --or) once to warm
 * up and then N times (default 5), and prints
 *   load_s=... median_us=... p99_us=... heap_bytes=... queries=...
 * heap_bytes is what the catalogue holds after loading, counted by the
 * allocator. --top FILE writes the top 10 of each query:
 *   qno<TAB>total<TAB>id:score id:score ...
 * With --fts5 the same is done with an in-memory FTS5 table (unicode61,
 * remove_diacritics 1, bm25(t, W, 1.0), ties by rowid) built from the same
 * entries; both lines are printed, then the ratios and how many top-10
 * lists are identical. A pack without "id" (the generator's output) gets
 * "id":"bench","version":"1.0.0","locale":"en" inserted after "format".
 *
 * --loads N (default 5) loads N times, libletgo and (with --fts5) FTS5 in
 * turn, each into a new catalogue or table after freeing the last ones;
 * the last ones are queried. load_s (and load_cpu_s) is the median of the
 * N loads, each side measured alike, as FTS5's own figures for this
 * workload are medians; --loads 1 times one load. With N > 1 one more
 * line gives every load's seconds and new pages (pages the process
 * touched for the first time), then with --fts5 the first load's ratio
 * and the ratios' median, lowest and highest over the loads after it.
 * The first load of a process takes all its memory fresh from the system,
 * later ones reuse what the last ones freed: on a virtual machine a fresh
 * page can cost several microseconds, so the two differ by more than the
 * work does.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include <sqlite3.h>

#include <letgo/catalog.h>

typedef struct counting {
  size_t live, peak;
} counting;

static void *count_realloc(void *ud, void *ptr, size_t old_size, size_t new_size) {
  counting *c = ud;
  void *p;
  if (new_size == 0) {
    free(ptr);
    c->live -= old_size;
    return NULL;
  }
  p = realloc(ptr, new_size);
  if (!p)
    return NULL;
  c->live = c->live - old_size + new_size;
  if (c->live > c->peak)
    c->peak = c->live;
  return p;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Pages the process has touched for the first time so far. */
static double faults(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_minflt;
}

/* Process CPU time: steadier than the wall clock on a shared machine. */
static double cpu_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long n;
  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf) {
    buf[n] = '\0';
    *len = (size_t)n;
  }
  return buf;
}

/* The generator's JSON lacks the pack's id, version and locale. */
static char *make_pack(char *json, size_t *len) {
  static const char head[] = "{\"format\":\"letgo-pack/1\",";
  static const char add[] = "\"id\":\"bench\",\"version\":\"1.0.0\",\"locale\":\"en\",";
  char *out;
  size_t hl = sizeof head - 1, al = sizeof add - 1;
  if (*len < hl + 9 || memcmp(json, head, hl) != 0 || memcmp(json + hl, "\"entries\"", 9) != 0)
    return json;
  out = malloc(*len + al + 1);
  if (!out)
    return NULL;
  memcpy(out, json, hl);
  memcpy(out + hl, add, al);
  memcpy(out + hl + al, json + hl, *len - hl + 1);
  free(json);
  *len += al;
  return out;
}

typedef struct qline {
  char *words;     /* tokens joined by spaces, for lg_catalog_search */
  char *fts;       /* "t1" "t2" or "t1" OR "t2" */
} qline;

/* [a-z0-9]+ of the lowercased line, repeats dropped (as the README says). */
static void make_query(const char *line, int use_or, qline *q) {
  size_t n = strlen(line), i = 0, wl = 0, fl = 0, ntok = 0;
  char **toks = calloc(n + 1, sizeof *toks);
  q->words = calloc(1, n + 2);
  q->fts = calloc(1, 3 * n + 8 * (n + 1) + 2);
  while (i < n) {
    char tok[256];
    size_t k = 0, j;
    int dup = 0;
    while (i < n && !((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z') ||
                      (line[i] >= '0' && line[i] <= '9')))
      i++;
    while (i < n && ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z') ||
                     (line[i] >= '0' && line[i] <= '9'))) {
      char c = line[i++];
      if (c >= 'A' && c <= 'Z')
        c = (char)(c + 32);
      if (k < sizeof tok - 1)
        tok[k++] = c;
    }
    if (!k)
      continue;
    tok[k] = '\0';
    for (j = 0; j < ntok; j++)
      if (strcmp(toks[j], tok) == 0)
        dup = 1;
    if (dup)
      continue;
    toks[ntok++] = strdup(tok);
    wl += (size_t)sprintf(q->words + wl, "%s%s", wl ? " " : "", tok);
    fl += (size_t)sprintf(q->fts + fl, "%s\"%s\"", fl ? (use_or ? " OR " : " ") : "", tok);
  }
  while (ntok)
    free(toks[--ntok]);
  free(toks);
}

/* Loads the pack into a new catalogue; times it, wall and CPU. */
static int load_ours(const char *json, size_t len, const lg_allocator *alloc, lg_catalog **cat,
                     double *wall, double *cpu) {
  lg_error err;
  double t0, c0;
  int rc;
  memset(&err, 0, sizeof err);
  t0 = now_s();
  c0 = cpu_s();
  rc = lg_catalog_new(cat, alloc, LG_CATALOG_EMPTY);
  if (rc == LG_OK)
    rc = lg_catalog_load(*cat, json, len, &err);
  *wall = now_s() - t0;
  *cpu = cpu_s() - c0;
  if (rc != LG_OK) {
    fprintf(stderr, "load failed: %s: %s (line %u)\n", lg_strerror(rc), err.message, err.line);
    lg_catalog_free(*cat);
    *cat = NULL;
  }
  return rc;
}

/* Builds an FTS5 table of the catalogue's entries in a new in-memory
 * database; times the inserts and the optimize, wall and CPU. */
static sqlite3 *load_fts5(const lg_catalog *cat, double *wall, double *cpu) {
  sqlite3 *db = NULL;
  sqlite3_stmt *ins;
  size_t n = lg_catalog_entry_count(cat), k;
  double t0, c0;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
      sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, "
                       "tokenize = 'unicode61 remove_diacritics 1')",
                   NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)", -1, &ins,
                         NULL) != SQLITE_OK) {
    fprintf(stderr, "fts5: %s\n", db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return NULL;
  }
  t0 = now_s();
  c0 = cpu_s();
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  for (k = 0; k < n; k++) {
    const lg_entry *e = lg_catalog_entry_at(cat, k);
    sqlite3_bind_int64(ins, 1, (sqlite3_int64)k + 1);
    sqlite3_bind_text(ins, 2, lg_entry_title(e), -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, lg_entry_body(e), -1, SQLITE_STATIC);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  sqlite3_exec(db, "INSERT INTO t(t) VALUES ('optimize')", NULL, NULL, NULL);
  *wall = now_s() - t0;
  *cpu = cpu_s() - c0;
  sqlite3_finalize(ins);
  return db;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void stats(double *t, size_t n, double *median, double *p99) {
  qsort(t, n, sizeof *t, cmp_double);
  *median = n ? (n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2) : 0;
  *p99 = n ? t[(size_t)((double)(n - 1) * 0.99)] : 0;
}

/* The median of n values, which it sorts. */
static double median_of(double *t, size_t n) {
  double m, p99;
  stats(t, n, &m, &p99);
  return m;
}

/* Prints " name=v0,v1,..." with the given decimals. */
static void print_list(const char *name, const double *v, int n, int decimals) {
  int i;
  printf(" %s=", name);
  for (i = 0; i < n; i++)
    printf("%s%.*f", i ? "," : "", decimals, v[i]);
}

typedef struct top {
  size_t total, n;
  char ids[10][64];
  double scores[10];
} top;

static void write_top(FILE *f, const top *tops, size_t nq) {
  size_t i, j;
  for (i = 0; i < nq; i++) {
    fprintf(f, "%zu\t%zu\t", i + 1, tops[i].total);
    for (j = 0; j < tops[i].n; j++)
      fprintf(f, "%s%s:%.17g", j ? " " : "", tops[i].ids[j], tops[i].scores[j]);
    fputc('\n', f);
  }
}

int main(int argc, char **argv) {
  const char *pack_path = NULL, *queries_path = NULL, *top_path = NULL;
  int use_or = 0, fts5 = 0, passes = 5, loads = 5, i, p;
  double weight = 1.0, load_s, median, p99, *times, load_cpu;
  double *lw, *lc, *lf, *fw, *fc, *ff, *ratio, f_load, f_cpu, pf;
  counting cnt = {0, 0};
  lg_allocator alloc;
  lg_catalog *cat = NULL;
  sqlite3 *db = NULL;
  sqlite3_int64 f_heap_after_load = 0;
  char *json, *qtext, *line, *save = NULL;
  size_t len, qlen, nq = 0, k, pack_bytes;
  qline *qs;
  top *ours, *theirs = NULL;
  int rc;

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--or") == 0)
      use_or = 1;
    else if (strcmp(argv[i], "--fts5") == 0)
      fts5 = 1;
    else if (strcmp(argv[i], "--title-weight") == 0 && i + 1 < argc)
      weight = atof(argv[++i]);
    else if (strcmp(argv[i], "--passes") == 0 && i + 1 < argc)
      passes = atoi(argv[++i]);
    else if (strcmp(argv[i], "--top") == 0 && i + 1 < argc)
      top_path = argv[++i];
    else if (strcmp(argv[i], "--loads") == 0 && i + 1 < argc)
      loads = atoi(argv[++i]);
    else if (!pack_path)
      pack_path = argv[i];
    else if (!queries_path)
      queries_path = argv[i];
    else
      pack_path = NULL, i = argc;
  }
  if (!pack_path || !queries_path || passes < 1 || loads < 1 || loads > 1000 || !(weight > 0)) {
    fprintf(stderr, "usage: %s PACK QUERIES [--or] [--title-weight W] [--passes N] "
                    "[--top FILE] [--fts5] [--loads N]\n", argv[0]);
    return 2;
  }
  json = read_file(pack_path, &len);
  qtext = read_file(queries_path, &qlen);
  if (!json || !qtext || !(json = make_pack(json, &len))) {
    fprintf(stderr, "cannot read %s or %s\n", pack_path, queries_path);
    return 1;
  }
  pack_bytes = len;
  qs = calloc(qlen + 1, sizeof *qs);
  for (line = strtok_r(qtext, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
    make_query(line, use_or, &qs[nq++]);

  alloc.realloc = count_realloc;
  alloc.ud = &cnt;
  lw = calloc((size_t)loads * 7, sizeof *lw);
  lc = lw + loads;
  lf = lc + loads;
  fw = lf + loads;
  fc = fw + loads;
  ff = fc + loads;
  ratio = ff + loads;
  for (i = 0; i < loads; i++) {
    /* the last load's catalogue and table are the ones queried */
    lg_catalog_free(cat);
    cat = NULL;
    sqlite3_close(db);
    db = NULL;
    pf = faults();
    if (load_ours(json, len, &alloc, &cat, &lw[i], &lc[i]) != LG_OK)
      return 1;
    lf[i] = faults() - pf;
    pf = faults();
    if (fts5 && !(db = load_fts5(cat, &fw[i], &fc[i])))
      return 1;
    ff[i] = faults() - pf;
  }
  if (loads > 1) {
    printf("loads=%d", loads);
    print_list("libletgo_load_s", lw, loads, 4);
    print_list("libletgo_new_pages", lf, loads, 0);
  }
  if (fts5) {
    f_heap_after_load = sqlite3_memory_used();
    for (i = 0; i < loads; i++)
      ratio[i] = fw[i] / lw[i];
    if (loads > 1) {
      /* median_of sorts: the lowest and highest are then at the ends */
      double *warm = ratio + 1, mw, first = ratio[0];
      size_t nw = (size_t)loads - 1;
      print_list("fts5_load_s", fw, loads, 4);
      print_list("fts5_new_pages", ff, loads, 0);
      print_list("ratios", ratio, loads, 1);
      mw = median_of(warm, nw);
      printf("\nload ratio: first load %.1fx; after it median=%.1fx lowest=%.1fx highest=%.1fx",
             first, mw, warm[0], warm[nw - 1]);
    }
  }
  if (loads > 1)
    printf("\n");
  /* median_of sorts: the lists are printed above */
  load_s = median_of(lw, (size_t)loads);
  load_cpu = median_of(lc, (size_t)loads);
  f_load = fts5 ? median_of(fw, (size_t)loads) : 0;
  f_cpu = fts5 ? median_of(fc, (size_t)loads) : 0;

  ours = calloc(nq, sizeof *ours);
  times = calloc(nq * (size_t)passes, sizeof *times);
  for (p = -1; p < passes; p++) {
    for (k = 0; k < nq; k++) {
      lg_hit hits[10];
      size_t total = 0, j;
      double s = now_s();
      rc = lg_catalog_search_ex(cat, qs[k].words, "en", weight, use_or ? LG_SEARCH_OR : 0u, hits,
                                10, &total);
      double e = now_s();
      if (rc != LG_OK) {
        fprintf(stderr, "query %zu failed: %s\n", k + 1, lg_strerror(rc));
        return 1;
      }
      if (p >= 0) {
        times[(size_t)p * nq + k] = (e - s) * 1e6;
        continue;
      }
      ours[k].total = total;
      ours[k].n = total < 10 ? total : 10;
      for (j = 0; j < ours[k].n; j++) {
        snprintf(ours[k].ids[j], sizeof ours[k].ids[j], "%s", lg_entry_id(hits[j].entry));
        ours[k].scores[j] = hits[j].score;
      }
    }
  }
  stats(times, nq * (size_t)passes, &median, &p99);
  printf("load_s=%.4f median_us=%.2f p99_us=%.2f heap_bytes=%zu queries=%zu\n", load_s, median,
         p99, cnt.live, nq);
  if (top_path) {
    FILE *f = fopen(top_path, "w");
    if (!f) {
      fprintf(stderr, "cannot write %s\n", top_path);
      return 1;
    }
    write_top(f, ours, nq);
    fclose(f);
  }

  if (fts5) {
    sqlite3_stmt *q, *cq;
    double f_median, f_p99;
    size_t same = 0, same_scores = 0;
    const char *sql = "SELECT rowid, bm25(t, ?1, 1.0) FROM t WHERE t MATCH ?2 "
                      "ORDER BY bm25(t, ?1, 1.0), rowid LIMIT 10";
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &cq, NULL) !=
            SQLITE_OK) {
      fprintf(stderr, "fts5: %s\n", sqlite3_errmsg(db));
      return 1;
    }
    theirs = calloc(nq, sizeof *theirs);
    for (p = -1; p < passes; p++) {
      for (k = 0; k < nq; k++) {
        double s, e;
        size_t j = 0;
        s = now_s();
        sqlite3_bind_double(q, 1, weight);
        sqlite3_bind_text(q, 2, qs[k].fts, -1, SQLITE_STATIC);
        while (qs[k].fts[0] && sqlite3_step(q) == SQLITE_ROW) {
          if (p < 0 && j < 10) {
            sqlite3_int64 row = sqlite3_column_int64(q, 0);
            snprintf(theirs[k].ids[j], sizeof theirs[k].ids[j], "%s",
                     lg_entry_id(lg_catalog_entry_at(cat, (size_t)row - 1)));
            theirs[k].scores[j] = -sqlite3_column_double(q, 1);
          }
          j++;
        }
        sqlite3_reset(q);
        e = now_s();
        if (p >= 0) {
          times[(size_t)p * nq + k] = (e - s) * 1e6;
          continue;
        }
        theirs[k].n = j;
        if (qs[k].fts[0]) {
          sqlite3_bind_text(cq, 1, qs[k].fts, -1, SQLITE_STATIC);
          if (sqlite3_step(cq) == SQLITE_ROW)
            theirs[k].total = (size_t)sqlite3_column_int64(cq, 0);
          sqlite3_reset(cq);
        }
      }
    }
    stats(times, nq * (size_t)passes, &f_median, &f_p99);
    for (k = 0; k < nq; k++) {
      size_t j;
      int ids = ours[k].n == theirs[k].n && ours[k].total == theirs[k].total, sc = ids;
      for (j = 0; ids && j < ours[k].n; j++) {
        if (strcmp(ours[k].ids[j], theirs[k].ids[j]) != 0)
          ids = sc = 0;
        else if (memcmp(&ours[k].scores[j], &theirs[k].scores[j], sizeof(double)) != 0)
          sc = 0;
      }
      same += (size_t)ids;
      same_scores += (size_t)sc;
    }
    printf("fts5: load_s=%.4f median_us=%.2f p99_us=%.2f heap_bytes=%lld queries=%zu\n", f_load,
           f_median, f_p99, (long long)f_heap_after_load, nq);
    printf("ratios (fts5 / libletgo): load=%.1fx median=%.1fx p99=%.1fx; "
           "heap/pack=%.2f (pack_bytes=%zu, peak_heap_bytes=%zu)\n",
           f_load / load_s, f_median / median, f_p99 / p99, (double)cnt.live / (double)pack_bytes,
           pack_bytes, cnt.peak);
    printf("load_cpu_s=%.4f fts5_load_cpu_s=%.4f (%.1fx)\n", load_cpu, f_cpu, f_cpu / load_cpu);

    printf("identical_top10=%zu/%zu identical_top10_with_scores=%zu/%zu\n", same, nq, same_scores,
           nq);
    sqlite3_finalize(q);
    sqlite3_finalize(cq);
    free(theirs);
  }
  sqlite3_close(db);
  free(lw);
  lg_catalog_free(cat);
  for (k = 0; k < nq; k++) {
    free(qs[k].words);
    free(qs[k].fts);
  }
  free(qs);
  free(ours);
  free(times);
  free(json);
  free(qtext);
  return 0;
}
