/* alias.c - the alias table: a small hash table of malloc'd entries.
 *
 * Owns alias storage only.  Must not expand anything: the lexer pushes a
 * value back into its input (input_push) when a command word names an
 * alias.  Lookups happen for every command name, so the empty table is a
 * single test and a full one a single short chain walk. */
#include "alias.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hash.h"

#define ALIAS_BUCKETS 64

static struct alias *alias_table[ALIAS_BUCKETS];
static size_t alias_count;

static unsigned alias_hash(const char *s)
{
	return hash_string(s) % ALIAS_BUCKETS;
}

static struct alias **alias_slot(const char *name)
{
	struct alias **pp = &alias_table[alias_hash(name)];
	while (*pp && strcmp((*pp)->name, name) != 0)
		pp = &(*pp)->next;
	return pp;
}

const struct alias *alias_lookup(const char *name)
{
	if (alias_count == 0)
		return NULL;
	return *alias_slot(name);
}

void alias_define(const char *name, const char *value)
{
	struct alias **pp = alias_slot(name);
	char *v = xstrdup(value);
	if (*pp) {
		/* The lexer copies a value when it pushes it, so the old
		 * one can go now even if it is being read. */
		free((*pp)->value);
		(*pp)->value = v;
		return;
	}
	struct alias *a = xmalloc(sizeof *a);
	a->name = xstrdup(name);
	a->value = v;
	a->next = NULL;
	*pp = a;
	alias_count++;
}

bool alias_remove(const char *name)
{
	struct alias **pp = alias_slot(name);
	struct alias *a = *pp;
	if (!a)
		return false;
	*pp = a->next;
	free(a->name);
	free(a->value);
	free(a);
	alias_count--;
	return true;
}

void alias_remove_all(void)
{
	for (size_t i = 0; i < ALIAS_BUCKETS; i++) {
		while (alias_table[i]) {
			struct alias *a = alias_table[i];
			alias_table[i] = a->next;
			free(a->name);
			free(a->value);
			free(a);
		}
	}
	alias_count = 0;
}

static int alias_cmp(const void *x, const void *y)
{
	const struct alias *a = x;
	const struct alias *b = y;
	return strcmp(a->name, b->name);
}

void alias_foreach(void (*fn)(const struct alias *a, void *ctx), void *ctx)
{
	if (alias_count == 0)
		return;
	/* A snapshot of copies: fn may define or remove aliases. */
	size_t n = 0;
	struct alias *v = xmalloc(alias_count * sizeof *v);
	for (size_t i = 0; i < ALIAS_BUCKETS; i++) {
		for (struct alias *a = alias_table[i]; a; a = a->next) {
			v[n].name = xstrdup(a->name);
			v[n].value = xstrdup(a->value);
			v[n].next = NULL;
			n++;
		}
	}
	qsort(v, n, sizeof *v, alias_cmp);
	for (size_t i = 0; i < n; i++)
		fn(&v[i], ctx);
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}
