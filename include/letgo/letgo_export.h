/*
 * letgo_export.h - the export macro for libletgo's public symbols.
 *
 * Hand-written on purpose: it has no generated parts, so the headers install
 * as they are in the source tree. Build the library with LETGO_BUILDING and,
 * for a shared library, with -fvisibility=hidden: only LG_API names are
 * exported. Define LETGO_STATIC when linking the static library on Windows.
 */
#ifndef LETGO_EXPORT_H
#define LETGO_EXPORT_H

#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(LETGO_STATIC)
#define LG_API
#elif defined(LETGO_BUILDING)
#define LG_API __declspec(dllexport)
#else
#define LG_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define LG_API __attribute__((visibility("default")))
#else
#define LG_API
#endif

#endif /* LETGO_EXPORT_H */
