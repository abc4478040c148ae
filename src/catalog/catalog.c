/*
 * catalog.c - a catalogue's life: creating it with the built-in packs,
 * loading a pack all-or-nothing, reading a pack file, freeing.
 */
#include <stdio.h>
#include <string.h>

#include "catalog/builtin.h"
#include "catalog/catalog_impl.h"

int lg_catalog_new(lg_catalog **out, const lg_allocator *alloc, unsigned flags) {
  lg_allocator a;
  lg_catalog *cat;
  size_t i;
  int rc;
  if (!out || (flags & ~LG_CATALOG_EMPTY) != 0) return LG_EINVAL;
  if ((rc = lgi_alloc_init(&a, alloc)) != LG_OK) return rc;
  cat = lgi_malloc(&a, sizeof *cat);
  if (!cat) return LG_ENOMEM;
  memset(cat, 0, sizeof *cat);
  cat->alloc = a;
  if (!(flags & LG_CATALOG_EMPTY)) {
    for (i = 0; i < lgi_builtin_pack_count; i++) {
      const lgi_builtin_pack *p = &lgi_builtin_packs[i];
      /* A built-in pack that does not load is a build defect (a test
       * guards it); the status says which kind. */
      rc = lg_catalog_load(cat, (const char *)p->data, p->len, NULL);
      if (rc != LG_OK) {
        lg_catalog_free(cat);
        return rc;
      }
    }
  }
  *out = cat;
  return LG_OK;
}

void lg_catalog_free(lg_catalog *cat) {
  lg_allocator a;
  size_t i;
  if (!cat) return;
  a = cat->alloc;
  lgi_index_free(&cat->alloc, cat->st.index);
  for (i = 0; i < cat->st.n_arenas; i++) lgi_arena_free(&cat->st.arenas[i]);
  lgi_state_free_arrays(&cat->alloc, &cat->st);
  lgi_free(&a, cat, sizeof *cat);
}

static int nomem(lg_error *err) {
  return lgi_error_set(err, LG_ENOMEM, 0, 0, 0, "", "there was not enough memory to load the pack",
                       (const char *)NULL);
}

/* Switches the catalogue to the state the load built; cannot fail. */
static void commit(lg_catalog *cat, lgi_load *ld) {
  ld->next.arenas[ld->next.n_arenas++] = ld->arena;
  lgi_index_free(&cat->alloc, cat->st.index);
  lgi_state_free_arrays(&cat->alloc, &cat->st);
  cat->st = ld->next;
  cat->loads = ld->serial;
}

/*
 * Parses and validates the pack into ld; on failure frees what it made.
 * With `stream`, each entry is validated as soon as the parser has read
 * it, while its nodes are still in the cache, and its part of the tree is
 * used again for the next one (lgi_json_parse_items). A pack that this
 * way finds unusual returns LGI_LOAD_AGAIN.
 */
static int read_pack(lg_catalog *cat, lgi_load *ld, const char *json, size_t len, int stream,
                     lg_error *err) {
  lgi_arena tree;
  const lgi_json *root = NULL;
  int rc;
  memset(ld, 0, sizeof *ld);
  ld->cat = cat;
  ld->err = err;
  ld->serial = cat->loads + 1;
  lgi_arena_init(&ld->arena, &cat->alloc);
  /* The parsed tree is scaffolding that goes as soon as the pack is read;
   * its string values are decoded straight into the pack's arena, where the
   * entries point at them without a second copy. */
  lgi_arena_init(&tree, &cat->alloc);
  if (stream)
    rc = lgi_json_parse_items(&tree, &ld->arena, json, len, "entries", lgi_load_read_entry, ld,
                              &root, &ld->tree_flags, err);
  else
    rc = lgi_json_parse_split(&tree, &ld->arena, json, len, &root, &ld->tree_flags, err);
  ld->tree_flags_known = 1;
  if (rc == LG_OK) rc = lgi_pack_load(ld, root);
  /* Freed before the index is built, which can then reuse the memory. */
  lgi_arena_free(&tree);
  lgi_free(&cat->alloc, ld->read, ld->cap_read * sizeof(lg_entry *));
  ld->read = NULL;
  if (rc != LG_OK) {
    lgi_state_free_arrays(&cat->alloc, &ld->next);
    lgi_arena_free(&ld->arena);
  }
  return rc;
}

int lg_catalog_load(lg_catalog *cat, const char *json, size_t len, lg_error *err) {
  lgi_load ld;
  int rc;
  if (!cat || !json)
    return lgi_error_set(err, LG_EINVAL, 0, 0, 0, "", "the catalogue and the pack must not be NULL",
                         (const char *)NULL);
  if (len > LGI_MAX_PACK)
    return lgi_error_set(err, LG_ELIMIT, 0, 0, 0, "",
                         "the pack is larger than 256 MiB, the most one pack may hold",
                         (const char *)NULL);
  /* Whatever goes wrong is found again the ordinary way, which reports the
   * first problem in the order the rules are checked (a syntax error
   * anywhere before any entry's); running out of memory is just that. */
  rc = read_pack(cat, &ld, json, len, 1, err);
  if (rc != LG_OK && rc != LG_ENOMEM) rc = read_pack(cat, &ld, json, len, 0, err);
  if (rc != LG_OK) return rc;
  rc = lgi_index_build(&cat->alloc, ld.next.entries, ld.next.n_entries, &ld.next.index);
  if (rc != LG_OK) {
    lgi_index_free(&cat->alloc, ld.next.index);
    lgi_state_free_arrays(&cat->alloc, &ld.next);
    lgi_arena_free(&ld.arena);
    return nomem(err);
  }
  commit(cat, &ld);
  return LG_OK;
}

/* Reads a whole file through the catalogue's allocator. */
static int read_file(lg_catalog *cat, FILE *f, char **out, size_t *out_len, size_t *out_cap) {
  char *buf = NULL;
  size_t cap = 0, len = 0;
  long end = -1;
  if (fseek(f, 0, SEEK_END) == 0) {
    end = ftell(f);
    if (fseek(f, 0, SEEK_SET) != 0) end = -1;
  }
  if (end > 0 && (unsigned long)end > LGI_MAX_PACK) {
    /* Too big, unless it cannot be read at all (a directory reports a
     * huge size on some systems). */
    char c;
    return fread(&c, 1, 1, f) == 1 ? LG_ELIMIT : LG_EIO;
  }
  for (;;) {
    size_t got;
    if (len == cap) {
      /* The size hint makes one read enough for a regular file; pipes and
       * files that grow meanwhile take the doubling path. */
      size_t want = cap == 0 ? (end > 0 ? (size_t)end + 1 : 65536) : cap * 2;
      char *nb;
      if (want > LGI_MAX_PACK + 1) want = LGI_MAX_PACK + 1;
      if (want <= cap) {
        lgi_free(&cat->alloc, buf, cap);
        return LG_ELIMIT;
      }
      nb = lgi_realloc(&cat->alloc, buf, cap, want);
      if (!nb) {
        lgi_free(&cat->alloc, buf, cap);
        return LG_ENOMEM;
      }
      buf = nb;
      cap = want;
    }
    got = fread(buf + len, 1, cap - len, f);
    len += got;
    if (got == 0) break;
  }
  if (ferror(f)) {
    lgi_free(&cat->alloc, buf, cap);
    return LG_EIO;
  }
  if (len > LGI_MAX_PACK) {
    lgi_free(&cat->alloc, buf, cap);
    return LG_ELIMIT;
  }
  *out = buf;
  *out_len = len;
  *out_cap = cap;
  return LG_OK;
}

int lg_catalog_load_file(lg_catalog *cat, const char *path, lg_error *err) {
  FILE *f;
  char *buf = NULL;
  size_t len = 0, cap = 0;
  char q[LGI_QUOTE_MAX + 16];
  int rc;
  if (!cat || !path)
    return lgi_error_set(err, LG_EINVAL, 0, 0, 0, "", "the catalogue and the path must not be NULL",
                         (const char *)NULL);
  {
    /* The end of a long path names the file; keep that. */
    char tail[LGI_QUOTE_MAX + 8];
    size_t n = strlen(path), from = n > LGI_QUOTE_MAX - 4 ? n - (LGI_QUOTE_MAX - 4) : 0;
    while (from > 0 && from < n && ((unsigned char)path[from] & 0xC0) == 0x80) from++;
    lgi_quote(tail, path + from, n - from);
    strcpy(q, from ? "\"..." : "\"");
    strcat(q, tail + 1);
  }
  f = fopen(path, "rb");
  if (!f)
    return lgi_error_set(err, LG_EIO, 0, 0, 0, "", "the file ", q, " could not be opened",
                         (const char *)NULL);
  rc = read_file(cat, f, &buf, &len, &cap);
  fclose(f);
  if (rc == LG_EIO)
    return lgi_error_set(err, rc, 0, 0, 0, "", "the file ", q, " could not be read",
                         (const char *)NULL);
  if (rc == LG_ELIMIT)
    return lgi_error_set(err, rc, 0, 0, 0, "", "the file ", q,
                         " is larger than 256 MiB, the most one pack may hold", (const char *)NULL);
  if (rc != LG_OK) return nomem(err);
  rc = lg_catalog_load(cat, buf, len, err);
  lgi_free(&cat->alloc, buf, cap);
  return rc;
}
