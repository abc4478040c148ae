/*
 * arena.c - a bump allocator for read-only data (everything a pack holds):
 * many small allocations, one free.
 *
 * Blocks are chained newest first. Their sizes grow (4 KiB doubling up to
 * 64 KiB) so a small catalogue stays small; the cap bounds what the last
 * block of a long-lived arena holds unused (a pack's arena is kept for the
 * catalogue's life), and blocks that size are reused by the C library after
 * a temporary arena is freed. A request larger than a quarter of the next
 * block (in an empty arena: than the first block) gets a block of its own,
 * exactly its size, linked behind the current one so the current one's
 * space is kept: no request wastes more than a quarter of a block.
 */
#include <stddef.h>
#include <string.h>

#include "core/core.h"

/* The strictest types C99 can name (max_align_t is C11). */
typedef union lgi_max_align {
  long double ld;
  double d;
  long long ll;
  void *p;
  void (*fp)(void);
} lgi_max_align;

/* 16, as max_align_t on x86-64, aarch64 and i386 (sizeof the union is no
 * guide: 12 on i386). It must be a multiple of the union's alignment, which
 * the array size below checks at compile time. */
#define ALIGN ((size_t)16)
struct lgi_align_probe {
  char c;
  lgi_max_align u;
};
typedef char lgi_align_check[ALIGN % offsetof(struct lgi_align_probe, u) == 0 ? 1 : -1];
#define FIRST_BLOCK ((size_t)4 << 10)
#define MAX_BLOCK   ((size_t)64 << 10)

struct lgi_arena_block {
  lgi_arena_block *next;
  size_t size; /* usable bytes after the header */
  size_t used;
};

/* The header padded to a multiple of ALIGN, so data after it is aligned. */
#define HEADER (((sizeof(lgi_arena_block) + ALIGN - 1) / ALIGN) * ALIGN)

static unsigned char *block_data(lgi_arena_block *b) {
  return (unsigned char *)b + HEADER;
}

void lgi_arena_init(lgi_arena *a, const lg_allocator *alloc) {
  a->alloc = alloc;
  a->head = NULL;
  a->bytes = 0;
}

static lgi_arena_block *new_block(lgi_arena *a, size_t size) {
  size_t total;
  lgi_arena_block *b;
  if (lgi_size_add(size, HEADER, &total) != 0) return NULL;
  b = lgi_malloc(a->alloc, total);
  if (!b) return NULL;
  b->next = NULL;
  b->size = size;
  b->used = 0;
  a->bytes += total;
  return b;
}

/* `need` bytes from a new block (the current one has no room). */
static void *alloc_slow(lgi_arena *a, size_t need) {
  lgi_arena_block *b = a->head;
  size_t next;
  next = b ? b->size * 2 : FIRST_BLOCK;
  if (next > MAX_BLOCK) next = MAX_BLOCK;
  /* An empty arena starts a normal block unless the request outgrows it. */
  if (b ? need > next / 4 : need > next) {
    lgi_arena_block *big = new_block(a, need);
    if (!big) return NULL;
    big->used = need;
    if (b) {
      big->next = b->next;
      b->next = big;
    } else {
      a->head = big;
    }
    return block_data(big);
  }
  b = new_block(a, next);
  if (!b) return NULL;
  b->next = a->head;
  a->head = b;
  b->used = need;
  return block_data(b);
}

void *lgi_arena_alloc(lgi_arena *a, size_t n) {
  lgi_arena_block *b = a->head;
  size_t need, at;
  void *p;
  /* Round up to the alignment, checking for overflow. */
  if (n > (size_t)-1 - (ALIGN - 1)) return NULL;
  need = (n + ALIGN - 1) / ALIGN * ALIGN;
  if (b) {
    at = (b->used + ALIGN - 1) / ALIGN * ALIGN; /* after lgi_arena_bytes */
    if (at <= b->size && b->size - at >= need) {
      p = block_data(b) + at;
      b->used = at + need;
      return p;
    }
  }
  return alloc_slow(a, need);
}

char *lgi_arena_bytes(lgi_arena *a, size_t n) {
  lgi_arena_block *b = a->head;
  char *p;
  if (n == 0) n = 1; /* a distinct, valid pointer */
  if (b && b->size - b->used >= n) {
    p = (char *)block_data(b) + b->used;
    b->used += n;
    return p;
  }
  return alloc_slow(a, n);
}

char *lgi_arena_strndup(lgi_arena *a, const char *s, size_t n) {
  char *p;
  if (!s || n == (size_t)-1) return NULL;
  p = lgi_arena_alloc(a, n + 1);
  if (!p) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

static void release(lgi_arena *a, int wipe) {
  lgi_arena_block *b = a->head;
  while (b) {
    lgi_arena_block *next = b->next;
    size_t total = b->size + HEADER;
    if (wipe)
      lgi_free_wiped(a->alloc, b, total);
    else
      lgi_free(a->alloc, b, total);
    b = next;
  }
  a->head = NULL;
  a->bytes = 0;
}

void lgi_arena_free(lgi_arena *a) {
  if (a) release(a, 0);
}

void lgi_arena_free_wiped(lgi_arena *a) {
  if (a) release(a, 1);
}
