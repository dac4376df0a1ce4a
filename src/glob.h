/* glob.h - shell pattern matching (XCU 2.13) and pathname expansion.
 * A backslash in a pattern quotes the next character (expand_pattern
 * produces such patterns from quoted text). */
#ifndef TINE_GLOB_H
#define TINE_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/* Does the whole of string (len bytes) match pattern? */
bool pattern_match(const char *pattern, const char *string, size_t len);
/* True if pattern has an unquoted * ? or [ (worth matching at all). */
bool pattern_has_magic(const char *pattern);
/* Removes backslash quoting from a pattern that matched nothing. */
char *pattern_unquote(const char *pattern);

/* Pathname expansion of one field.  Appends the sorted matches (in the
 * command arena) to *fields (growing it: *fields is arena-allocated, *cap
 * is its capacity) and returns how many were added; 0 if none matched. */
int glob_expand(const char *pattern, char ***fields, int *count, int *cap);

#endif
