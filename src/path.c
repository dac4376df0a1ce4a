/* path.c - PATH search and the table of remembered command locations
 * (the `hash` builtin's table).  Knows nothing about executing. */
#include "path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "hash.h"
#include "vars.h"

const char path_default[] = "/usr/local/bin:/usr/bin:/bin";

#define PATH_HASH_SIZE 128

struct path_entry {
	char *name;
	char *path;
	unsigned long seq;   /* when it was remembered (path_mark) */
	struct path_entry *next;
};

static struct path_entry *table[PATH_HASH_SIZE];
static unsigned long entries_made;

static unsigned hash_name(const char *s)
{
	return hash_string(s) % PATH_HASH_SIZE;
}

/* Searches PATH; returns a malloc'd path.  An existing file that is not
 * executable is remembered as a fallback so the caller gets EACCES (126)
 * rather than "not found" (127), as POSIX and dash do. */
static char *search(const char *name, const char *pathvar)
{
	size_t nlen = strlen(name);
	char *fallback = NULL;
	const char *p = pathvar;
	char buf[4096];
	for (;;) {
		const char *colon = strchr(p, ':');
		size_t dlen = colon ? (size_t)(colon - p) : strlen(p);
		if (dlen + nlen + 2 < sizeof buf) {
			size_t n = 0;
			if (dlen == 0) {
				buf[n++] = '.';
			} else {
				memcpy(buf, p, dlen);
				n = dlen;
			}
			buf[n++] = '/';
			memcpy(buf + n, name, nlen + 1);
			struct stat st;
			if (stat(buf, &st) == 0 && !S_ISDIR(st.st_mode)) {
				if (access(buf, X_OK) == 0) {
					free(fallback);
					return xstrdup(buf);
				}
				if (!fallback)
					fallback = xstrdup(buf);
			}
		}
		if (!colon)
			break;
		p = colon + 1;
	}
	return fallback;
}

const char *path_lookup(const char *name, const char *pathvar)
{
	if (!pathvar)
		pathvar = "";
	unsigned h = hash_name(name);
	for (struct path_entry *e = table[h]; e; e = e->next)
		if (strcmp(e->name, name) == 0) {
			/* A remembered program that vanished is searched again. */
			if (access(e->path, X_OK) == 0)
				return e->path;
			path_forget(name);
			break;
		}
	char *found = search(name, pathvar);
	if (!found)
		return NULL;
	struct path_entry *e = xmalloc(sizeof *e);
	e->name = xstrdup(name);
	e->path = found;
	e->seq = ++entries_made;
	e->next = table[h];
	table[h] = e;
	return e->path;
}

const char *path_search(const char *name, const char *pathvar)
{
	char *found = search(name, pathvar ? pathvar : "");
	if (!found)
		return NULL;
	char *r = tstrdup(found);
	free(found);
	return r;
}

void path_forget(const char *name)
{
	unsigned h = hash_name(name);
	for (struct path_entry **pp = &table[h]; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->name, name) == 0) {
			struct path_entry *e = *pp;
			*pp = e->next;
			free(e->name);
			free(e->path);
			free(e);
			return;
		}
}

const struct var_hook path_var_hook = { .name = "PATH",
					.changed = path_flush };

unsigned long path_mark(void)
{
	return entries_made;
}

void path_forget_since(unsigned long mark)
{
	for (int i = 0; i < PATH_HASH_SIZE; i++) {
		for (struct path_entry **pp = &table[i]; *pp;) {
			struct path_entry *e = *pp;
			if (e->seq <= mark) {
				pp = &e->next;
				continue;
			}
			*pp = e->next;
			free(e->name);
			free(e->path);
			free(e);
		}
	}
}

void path_flush(void)
{
	for (int i = 0; i < PATH_HASH_SIZE; i++) {
		while (table[i]) {
			struct path_entry *e = table[i];
			table[i] = e->next;
			free(e->name);
			free(e->path);
			free(e);
		}
	}
}

static int cmp_entry(const void *a, const void *b)
{
	const struct path_entry *x = *(const struct path_entry *const *)a;
	const struct path_entry *y = *(const struct path_entry *const *)b;
	return strcmp(x->name, y->name);
}

void path_list(void)
{
	size_t n = 0;
	for (int i = 0; i < PATH_HASH_SIZE; i++)
		for (struct path_entry *e = table[i]; e; e = e->next)
			n++;
	if (!n)
		return;
	struct path_entry **v = talloc(n * sizeof *v);
	n = 0;
	for (int i = 0; i < PATH_HASH_SIZE; i++)
		for (struct path_entry *e = table[i]; e; e = e->next)
			v[n++] = e;
	qsort(v, n, sizeof *v, cmp_entry);
	for (size_t i = 0; i < n; i++)
		printf("%s\n", v[i]->path);
}
