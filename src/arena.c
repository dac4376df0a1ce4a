/* arena.c - bump allocation in a chain of blocks, released to a mark.
 * Owns the command arena.  Must not be used for anything that outlives the
 * command that allocated it (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct arena_block {
	struct arena_block *prev;
	char *end;
	/* data follows, aligned */
	max_align_t data[];
};

#define ARENA_BLOCK_MIN (32 * 1024 - sizeof(struct arena_block) - 64)
#define ALIGN_UP(n) (((n) + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1))

static struct arena cmd_arena_storage;
struct arena *cmd_arena = &cmd_arena_storage;

static _Noreturn void out_of_memory(void)
{
	static const char msg[] = "tine: out of memory\n";
	if (write(2, msg, sizeof msg - 1) < 0) {
		/* nothing more we can do */
	}
	_exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* Starts a new block with room for at least n bytes.  Blocks already in the
 * chain past a released mark were freed by arena_release, so this always
 * allocates. */
static void arena_new_block(struct arena *a, size_t n)
{
	size_t size = n > ARENA_BLOCK_MIN ? n : ARENA_BLOCK_MIN;
	struct arena_block *b = xmalloc(sizeof *b + size);
	b->prev = a->block;
	b->end = (char *)b->data + size;
	a->block = b;
	a->next = (char *)b->data;
	a->end = b->end;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = ALIGN_UP(n ? n : 1);
	if (!a->block || (size_t)(a->end - a->next) < n)
		arena_new_block(a, n);
	void *p = a->next;
	a->next += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

struct arena_mark arena_mark(struct arena *a)
{
	struct arena_mark m = { a->block, a->next };
	return m;
}

void arena_release(struct arena *a, struct arena_mark m)
{
	while (a->block && a->block != m.block) {
		struct arena_block *b = a->block;
		a->block = b->prev;
		free(b);
	}
	if (a->block) {
		a->end = a->block->end;
		a->next = m.next;
#ifdef TINE_ARENA_POISON
		memset(a->next, 0xa5, (size_t)(a->end - a->next));
#endif
	} else {
		a->next = a->end = NULL;
	}
}

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_destroy(struct arena *a)
{
	struct arena_mark none = { NULL, NULL };
	arena_release(a, none);
	free(a);
}

void *talloc(size_t n)
{
	return arena_alloc(cmd_arena, n);
}

char *tstrdup(const char *s)
{
	return arena_strdup(cmd_arena, s);
}

char *tstrndup(const char *s, size_t n)
{
	return arena_strndup(cmd_arena, s, n);
}

/* A strbuf grows at the top of the command arena: when it is still the
 * newest allocation and the block has room, it extends in place. */
void sb_init(struct strbuf *sb)
{
	sb->cap = 64;
	sb->s = arena_alloc(cmd_arena, sb->cap);
	sb->len = 0;
}

static void sb_reserve(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	struct arena *a = cmd_arena;
	size_t newcap = sb->cap * 2;
	while (newcap < need)
		newcap *= 2;
	newcap = ALIGN_UP(newcap);
	if (sb->s + sb->cap == a->next && (size_t)(a->end - sb->s) >= newcap) {
		a->next = sb->s + newcap;
		sb->cap = newcap;
		return;
	}
	char *p = arena_alloc(a, newcap);
	memcpy(p, sb->s, sb->len);
	sb->s = p;
	sb->cap = newcap;
}

void sb_putc(struct strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		sb_reserve(sb, 1);
	sb->s[sb->len++] = c;
}

void sb_putn(struct strbuf *sb, const char *s, size_t n)
{
	sb_reserve(sb, n);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
}

void sb_puts(struct strbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	sb_reserve(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *sb_finish(struct strbuf *sb)
{
	sb_reserve(sb, 0);
	sb->s[sb->len] = '\0';
	return sb->s;
}
