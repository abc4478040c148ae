/* wipe_hook.h - what wipe_hook.c's free saw (see wipe_check.c). Functions,
 * not variables, so the optimiser cannot assume free left them alone. */
#ifndef LETGO_WIPE_HOOK_H
#define LETGO_WIPE_HOOK_H
#include <stddef.h>
/* Watches the n bytes at p: the next free(p) inspects them. */
void wipe_hook_arm(void *p, size_t n);
/* -1: not freed since armed; 0: all zero when freed; 1: secret left. */
int wipe_hook_result(void);
#endif
