/* complete.h - completion by context: what a word at the cursor could
 * become, worked out from the line alone.  Never runs a program and never
 * expands anything with side effects: it reads the variable, alias,
 * builtin and job tables, the directories on PATH and the file system.
 * Interactive layer; the core never includes it. */
#ifndef TINE_INTERACTIVE_COMPLETE_H
#define TINE_INTERACTIVE_COMPLETE_H

#include <stdbool.h>

struct completion {
	int start;        /* the word being completed is line[start..point) */
	int n;            /* number of candidates */
	char **cands;     /* each a replacement for that word, quoted as the
	                   * shell will read it back; sorted, no duplicates */
	char **shown;     /* what a listing shows for each (NULL: cands) */
	bool no_space;    /* a unique candidate takes no space after it (a
	                   * directory, a ${ name, an option=) */
};

/* Candidates for the word that ends at point in line (malloc'd; free with
 * complete_free). */
void complete_line(const char *line, int point, struct completion *c);
void complete_free(struct completion *c);

/* Hands readline the completer (editing.c calls it once). */
void complete_setup_readline(void);

#endif
