#!/bin/sh
# The library must not be able to leak or reach out: it imports nothing that
# prints, logs, opens sockets, reads the clock or the environment. Every
# undefined symbol must be on this allow-list.
# Usage: check_privacy.sh LIBRARY
set -eu
lib=$1
allowed='^(memcpy|memmove|memset|memcmp|memchr|strlen|strcmp|strncmp|strchr|strrchr|strcat|strcpy|strncpy|strcspn|strspn|strstr|bcmp|log|realloc|free|malloc|calloc|fopen|fopen64|fread|fclose|ferror|fseek|fseeko|fseeko64|ftell|ftello|ftello64|__stack_chk_fail|__cxa_finalize|_ITM_deregisterTMCloneTable|_ITM_registerTMCloneTable|__gmon_start__|__errno_location|__assert_fail|abort|qsort|bsearch|__memcpy_chk|__memset_chk|__memmove_chk|__strlen_chk)$'
und=$(nm -D --undefined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u)
bad=$(printf '%s\n' "$und" | grep -Ev "$allowed" || true)
if [ -n "$bad" ]; then
  echo "the library imports symbols outside the privacy allow-list:"; printf '%s\n' "$bad"; exit 1
fi
echo "$(printf '%s\n' "$und" | wc -l) imported symbols, all allowed (no I/O beyond fopen/fread, no clock, no environment, no sockets)"
