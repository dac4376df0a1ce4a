/* path.h - PATH search with a hash table of remembered locations. */
#ifndef TINE_PATH_H
#define TINE_PATH_H

#include <stdbool.h>

struct var_hook;

/* The full path of an executable command name (no '/' in name), from the
 * hash table or a PATH search (which remembers it); NULL when not found.
 * The result is owned by the table (valid until the next hash change). */
const char *path_lookup(const char *name, const char *pathvar);
/* A PATH search that is not remembered (PATH=... cmd); result in the
 * command arena. */
const char *path_search(const char *name, const char *pathvar);
/* Forgets everything (PATH changed, hash -r). */
void path_flush(void);
/* PATH's hook for vars.c: a new PATH flushes the table. */
extern const struct var_hook path_var_hook;
void path_forget(const char *name);
/* For a subshell run in the shell itself: path_mark before it, then
 * path_forget_since(mark) drops what its lookups remembered, so `hash`
 * lists what it would have after a forked subshell.  (What the subshell
 * forgot, by hash -r or a PATH change, stays forgotten.) */
unsigned long path_mark(void);
void path_forget_since(unsigned long mark);
/* hash builtin listing. */
void path_list(void);
/* A default PATH for `command -p`. */
extern const char path_default[];

#endif
