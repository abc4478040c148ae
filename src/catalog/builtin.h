/*
 * builtin.h - the built-in content packs, compiled in by
 * cmake/embed_packs.cmake and loaded in this order by lg_catalog_new.
 */
#ifndef LETGO_SRC_CATALOG_BUILTIN_H
#define LETGO_SRC_CATALOG_BUILTIN_H

#include <stddef.h>

typedef struct lgi_builtin_pack {
  const char *name;          /* file name, e.g. "core.en.json" */
  const unsigned char *data; /* the pack's bytes (a NUL follows) */
  size_t len;                /* without the NUL */
} lgi_builtin_pack;

extern const lgi_builtin_pack lgi_builtin_packs[];
extern const size_t lgi_builtin_pack_count;

#endif
