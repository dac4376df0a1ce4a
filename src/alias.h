/* alias.h - the alias table, asked by the lexer for command-name words. */
#ifndef TINE_ALIAS_H
#define TINE_ALIAS_H

#include <stdbool.h>

struct alias {
	char *name;
	char *value;
	struct alias *next;
};

/* NULL if not defined. */
const struct alias *alias_lookup(const char *name);
void alias_define(const char *name, const char *value);
bool alias_remove(const char *name);
void alias_remove_all(void);
/* Calls fn for every alias in name order. */
void alias_foreach(void (*fn)(const struct alias *a, void *ctx), void *ctx);

#endif
