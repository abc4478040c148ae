/*
 * status.c - the library's version and the words for its status codes.
 */
#include "core/core.h"

const char *lg_version(void) {
  return LG_VERSION_STRING;
}

const char *lg_strerror(int status) {
  switch (status) {
  case LG_OK:
    return "The call succeeded.";
  case LG_ENOMEM:
    return "Memory could not be allocated; nothing was changed.";
  case LG_EINVAL:
    return "An argument was invalid, such as a NULL pointer or an unknown option.";
  case LG_ESYNTAX:
    return "The input is not well-formed JSON or UTF-8.";
  case LG_ESCHEMA:
    return "The input is well-formed but is not a valid pack or saved state.";
  case LG_ENOTFOUND:
    return "No entry, instrument, item or template has that id.";
  case LG_ESTATE:
    return "The call is not valid in the current state.";
  case LG_ERANGE:
    return "A value is outside its allowed range.";
  case LG_EIO:
    return "A file could not be read.";
  case LG_EVERSION:
    return "The format version of the pack or saved state is not supported.";
  case LG_ELIMIT:
    return "The input exceeds a documented limit.";
  case LG_ETRUNC:
    return "The output did not fit in the buffer given.";
  default:
    return "unknown status";
  }
}
