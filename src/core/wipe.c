/*
 * wipe.c - the secure wipe.
 *
 * A plain memset before free is a dead store, and gcc 12 and clang 14 both
 * delete it at -O2. Two independent defences keep ours:
 *  - memset is called through a volatile function pointer, so the compiler
 *    cannot know which function runs and must make the call;
 *  - under GNU C, an empty asm statement that takes the pointer and
 *    clobbers memory tells the compiler the zeros may be read afterwards.
 * tests/cmake/core.cmake proves it: it builds tests/wipe_check.c at -O2 with
 * gcc and clang, wipes a secret just before free, and a free hook checks
 * the bytes are zero.
 */
#include <string.h>

#include "core/core.h"

static void *(*const volatile lgi_memset_fn)(void *, int, size_t) = memset;

void lgi_wipe(void *p, size_t n) {
  if (!p || n == 0) return;
  (void)lgi_memset_fn(p, 0, n);
#if defined(__GNUC__) || defined(__clang__)
  __asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}
