/* arena.h - bump allocation with marks, for everything that lives no longer
 * than one command: tokens, the AST of a top-level command, expansions, argv,
 * the launch plan.  Permanent data (variables, functions, aliases, jobs) uses
 * xmalloc.  A mark taken before a command and released after keeps a
 * million-iteration loop flat (dash's stalloc/popstackmark, done our way). */
#ifndef TINE_ARENA_H
#define TINE_ARENA_H

#include <stddef.h>
#include <stdbool.h>

struct arena_block;

struct arena {
	struct arena_block *block; /* current (newest) block */
	char *next;                /* first free byte in block */
	char *end;                 /* one past the block's last byte */
};

struct arena_mark {
	struct arena_block *block;
	char *next;
};

/* The command arena: the default home of short-lived data. */
extern struct arena *cmd_arena;

void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
struct arena_mark arena_mark(struct arena *a);
/* Frees everything allocated after the mark was taken. */
void arena_release(struct arena *a, struct arena_mark m);
/* A fresh arena (for a function body that outlives its command). */
struct arena *arena_new(void);
void arena_destroy(struct arena *a);

/* Shorthands on the command arena. */
void *talloc(size_t n);
char *tstrdup(const char *s);
char *tstrndup(const char *s, size_t n);

/* Permanent allocation: abort with a message when memory runs out. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* A string grown at the top of the command arena.  While a strbuf is being
 * grown nothing else may be allocated from cmd_arena unless the strbuf is
 * finished first (growth then copies, which is correct but slower). */
struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_putc(struct strbuf *sb, char c);
void sb_putn(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* NUL-terminates and returns the string; the strbuf may be reused after
 * sb_init. */
char *sb_finish(struct strbuf *sb);

#endif
