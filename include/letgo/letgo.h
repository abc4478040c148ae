/*
 * letgo.h - libletgo: the core of an app that helps people let go of
 * one-sided love.
 *
 * This is the umbrella header: it declares the version, the status codes,
 * the error record and the allocator, then includes catalog.h, assess.h and
 * plan.h. Including any one of the four headers gives all of them.
 *
 * Conventions shared by every function:
 * - Fallible calls return LG_OK (0) or a negative LG_E* status. On failure
 *   nothing changed and nothing leaked.
 * - Text output uses one convention: f(..., char *buf, size_t cap, size_t *len).
 *   *len receives the full length (without the NUL). If it fits, the text is
 *   NUL-terminated and the result is LG_OK; otherwise LG_ETRUNC, and when
 *   cap > 0 the buffer holds a NUL-terminated prefix. buf = NULL, cap = 0
 *   asks for the length.
 * - All text in and out is UTF-8.
 */
#ifndef LETGO_H
#define LETGO_H

#include <stddef.h>
#include <stdint.h>

#include "letgo_export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LG_VERSION_MAJOR  0
#define LG_VERSION_MINOR  1
#define LG_VERSION_PATCH  0
#define LG_VERSION_STRING "0.1.0"

/** Status codes. They are only ever appended; their numbers never change. */
enum {
  LG_OK = 0,
  LG_ENOMEM = -1,    /**< an allocation failed; no state was changed         */
  LG_EINVAL = -2,    /**< a bad argument: NULL where not allowed, bad enum   */
  LG_ESYNTAX = -3,   /**< input is not well-formed JSON / UTF-8              */
  LG_ESCHEMA = -4,   /**< well-formed, but not a valid pack or saved state   */
  LG_ENOTFOUND = -5, /**< no such id (entry, instrument, item, template)     */
  LG_ESTATE = -6,    /**< call not valid now (e.g. scoring too few answers)  */
  LG_ERANGE = -7,    /**< a value outside its allowed range                  */
  LG_EIO = -8,       /**< a file could not be read                           */
  LG_EVERSION = -9,  /**< unsupported "format" of a pack or saved state      */
  LG_ELIMIT = -10,   /**< input exceeds a documented limit                   */
  LG_ETRUNC = -11    /**< output did not fit the caller's buffer             */
};

/**
 * Describes a failure in detail. Functions that take an `lg_error *err` fill
 * it on failure when it is not NULL, and leave it untouched on success.
 * Its size never changes (reserved_ absorbs new fields).
 */
typedef struct lg_error {
  int status;         /**< the LG_E* status that was returned                 */
  unsigned line;      /**< 1-based line in the input; 0 when not about input  */
  unsigned column;    /**< 1-based column (in bytes); 0 when not about input  */
  size_t offset;      /**< byte offset into the input                         */
  char path[128];     /**< JSON Pointer of the offending node, e.g. "/entries/3/kind" */
  char message[200];  /**< one sentence, no trailing newline                  */
  char reserved_[32]; /**< keeps sizeof fixed as the struct evolves; do not use */
} lg_error;

/**
 * A custom allocator, one function as in Lua. The library calls
 * realloc(ud, ptr, old_size, new_size): ptr NULL allocates new_size bytes;
 * new_size 0 frees ptr (of old_size bytes) and must return NULL; otherwise it
 * resizes. A NULL return for new_size > 0 is an allocation failure, which
 * the library reports as LG_ENOMEM. Memory must be aligned for any type.
 * Called only from the thread using the handle it was given to.
 */
typedef struct lg_allocator {
  /** allocates, resizes or (new_size 0) frees; see above */
  void *(*realloc)(void *ud, void *ptr, size_t old_size, size_t new_size);
  void *ud; /**< passed back to realloc unchanged */
} lg_allocator;

/**
 * Returns the library's runtime version, e.g. "0.1.0".
 *
 * @return a static string; never NULL.
 * Thread-safety: safe from any thread.
 */
LG_API const char *lg_version(void);

/**
 * Returns a one-sentence English description of a status code.
 *
 * @param status  a status returned by the library
 * @return static text, never NULL; "unknown status" for unknown codes.
 * Thread-safety: safe from any thread.
 */
LG_API const char *lg_strerror(int status);

#ifdef __cplusplus
}
#endif

/*
 * The umbrella. Each sub-header includes this file before its own guard, so
 * any include order ends with all four declared in dependency order.
 */
#include "catalog.h"
#include "assess.h"
#include "plan.h"

#endif /* LETGO_H */
