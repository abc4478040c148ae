/*
 * error.c - JSON Pointers (RFC 6901) for the node being read, and the
 * lg_error records built from them, without printf.
 */
#include <stdarg.h>
#include <string.h>

#include "core/core.h"

#define PATH_ROOM (sizeof(((lgi_path *)0)->s) - 1)

void lgi_path_init(lgi_path *p) {
  p->s[0] = '\0';
  p->len = 0;
}

/* Appends n bytes when they all fit; a unit that does not fit ends the path. */
static int append(lgi_path *p, const char *b, size_t n) {
  if (n > PATH_ROOM - p->len) return -1;
  memcpy(p->s + p->len, b, n);
  p->len += n;
  p->s[p->len] = '\0';
  return 0;
}

/* Bytes in the UTF-8 sequence a lead byte starts (1 for anything odd). */
static size_t unit_len(unsigned char c) {
  if (c >= 0xF0 && c <= 0xF7) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

size_t lgi_path_push_key(lgi_path *p, const char *key, size_t n) {
  size_t old = p->len, i = 0;
  if (append(p, "/", 1) != 0) return old;
  while (i < n) {
    size_t k = unit_len((unsigned char)key[i]);
    int rc;
    if (k > n - i) k = n - i;
    if (key[i] == '~')
      rc = append(p, "~0", 2);
    else if (key[i] == '/')
      rc = append(p, "~1", 2);
    else
      rc = append(p, key + i, k);
    if (rc != 0) break;
    i += k;
  }
  return old;
}

size_t lgi_path_push_index(lgi_path *p, size_t i) {
  size_t old = p->len;
  char tmp[24];
  size_t k = sizeof tmp;
  tmp[--k] = '\0';
  do {
    tmp[--k] = (char)('0' + (int)(i % 10));
    i /= 10;
  } while (i);
  tmp[--k] = '/';
  (void)append(p, tmp + k, sizeof tmp - 1 - k);
  return old;
}

void lgi_path_pop(lgi_path *p, size_t old_len) {
  if (old_len > p->len) return;
  p->len = old_len;
  p->s[old_len] = '\0';
}

int lgi_error_set(lg_error *err, int status, unsigned line, unsigned column, size_t offset,
                  const char *path, ...) {
  char where[sizeof err->path];
  lgi_out o;
  va_list ap;
  const char *part;
  if (!err) return status;
  /* Copied first: the caller may pass err->path itself. */
  lgi_out_fixed(&o, where, sizeof where);
  lgi_out_puts(&o, path);
  (void)lgi_out_finish(&o, NULL);
  memset(err, 0, sizeof *err);
  err->status = status;
  err->line = line;
  err->column = column;
  err->offset = offset;
  memcpy(err->path, where, sizeof where);
  lgi_out_fixed(&o, err->message, sizeof err->message);
  if (where[0]) {
    lgi_out_puts(&o, where);
    lgi_out_put(&o, ": ", 2);
  }
  va_start(ap, path);
  while ((part = va_arg(ap, const char *)) != NULL) lgi_out_puts(&o, part);
  va_end(ap);
  (void)lgi_out_finish(&o, NULL);
  return status;
}
