/* quote.h - quoting values so the shell can read them back (set, export -p,
 * alias, trap -p, set -x). */
#ifndef TINE_QUOTE_H
#define TINE_QUOTE_H

struct strbuf;

/* Appends s to sb quoted for re-input: unchanged when it has no special
 * characters (and is not empty), otherwise in single quotes with ' as '\''. */
void quote_append(struct strbuf *sb, const char *s);
/* The same, as a new string in the command arena. */
char *quote_str(const char *s);

#endif
