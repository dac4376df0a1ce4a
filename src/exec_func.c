/* exec_func.c - shell functions (XCU 2.9.5): the table of definitions
 * and calling one (positional parameters, scope, return). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec_internal.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "hash.h"
#include "vars.h"

/* A function body lives in an arena of its own, refcounted so that a
 * function may redefine or unset itself while it runs. */
struct func {
	char *name;
	struct node *body;
	struct arena *arena;
	int refs;
	struct func *next;
};

#define FUNC_HASH_SIZE 64
static struct func *func_table[FUNC_HASH_SIZE];

static unsigned func_hash(const char *s)
{
	return hash_string(s) % FUNC_HASH_SIZE;
}

struct func *func_find(const char *name)
{
	for (struct func *f = func_table[func_hash(name)]; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static void func_release(struct func *f)
{
	if (--f->refs > 0)
		return;
	arena_destroy(f->arena);
	free(f->name);
	free(f);
}

/* The whole table, for a subshell run in the shell itself
 * (subshell_inline.c): the entries are shared, each with one reference
 * more, so saving costs a pointer a function and a function that a
 * subshell redefines keeps its old body for the parent. */
struct func_table_snapshot {
	size_t n;
	struct func *funcs[];
};

struct func_table_snapshot *func_table_save(void)
{
	size_t n = 0;
	for (int h = 0; h < FUNC_HASH_SIZE; h++)
		for (struct func *f = func_table[h]; f; f = f->next)
			n++;
	struct func_table_snapshot *s = xmalloc(sizeof *s + n * sizeof s->funcs[0]);
	s->n = 0;
	for (int h = 0; h < FUNC_HASH_SIZE; h++)
		for (struct func *f = func_table[h]; f; f = f->next) {
			f->refs++;
			s->funcs[s->n++] = f;
		}
	return s;
}

void func_table_restore(struct func_table_snapshot *s)
{
	for (int h = 0; h < FUNC_HASH_SIZE; h++) {
		while (func_table[h]) {
			struct func *f = func_table[h];
			func_table[h] = f->next;
			func_release(f);
		}
	}
	/* Each chain was saved head first: pushing in reverse puts it back
	 * in the same order. */
	for (size_t i = s->n; i-- > 0;) {
		struct func *f = s->funcs[i];
		unsigned h = func_hash(f->name);
		f->next = func_table[h];
		func_table[h] = f;
	}
	free(s);
}

const struct node *func_lookup(const char *name)
{
	struct func *f = func_find(name);
	return f ? f->body : NULL;
}

bool func_unset(const char *name)
{
	for (struct func **pp = &func_table[func_hash(name)]; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->name, name) == 0) {
			struct func *f = *pp;
			*pp = f->next;
			func_release(f);
			return true;
		}
	return false;
}

void func_define(const char *name, const struct node *body)
{
	func_unset(name);
	struct func *f = xcalloc(1, sizeof *f);
	f->name = xstrdup(name);
	f->arena = arena_new();
	f->body = ast_copy(f->arena, body);
	f->refs = 1;
	unsigned h = func_hash(name);
	f->next = func_table[h];
	func_table[h] = f;
}

void func_foreach(void (*fn)(const char *name, void *ctx), void *ctx)
{
	for (size_t h = 0; h < FUNC_HASH_SIZE; h++)
		for (struct func *f = func_table[h]; f; f = f->next)
			fn(f->name, ctx);
}

/* Function calls nest at most this deep unless FUNCNEST says otherwise
 * (bash's variable: a positive number is the limit, anything else none,
 * leaving only the stack guard).  Unset, the default stops a runaway
 * recursion long before it exhausts memory. */
#define FUNCNEST_DEFAULT 10000

static long funcnest_limit(void)
{
	const char *v = var_get("FUNCNEST");
	if (!v)
		return FUNCNEST_DEFAULT;
	char *end;
	long n = strtol(v, &end, 10);
	if (end == v || *end || n <= 0)
		return 0;
	return n;
}

int func_call(struct func *f, int argc, char **argv, int flags)
{
	long limit = funcnest_limit();
	if (limit && exec_func_depth >= limit)
		sh_error("%s: maximum function nesting level exceeded (%ld)",
			 argv[0], limit);
	stack_check();
	f->refs++;
	struct positional saved = pos_replace(argc - 1, argv + 1);
	/* break/continue do not reach the caller's loops (dash). */
	int saved_loops = exec_loop_depth;
	bool saved_outside = exec_loops_outside;
	exec_loop_depth = 0;
	exec_loops_outside = false;
	exec_func_depth++;
	var_scope_push();
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		var_scope_pop();
		exec_func_depth--;
		exec_loop_depth = saved_loops;
		exec_loops_outside = saved_outside;
		pos_restore(saved);
		func_release(f);
		sh_raise(exc_raised);
	}
	unwind_push(&up);
	int st = exec_node(f->body, flags & EXEC_TESTED);
	unwind_pop(&up);
	if (exec_skip == SKIP_RETURN) {
		exec_skip = SKIP_NONE;
		st = last_status;
	}
	exec_skip_count = 0;
	if (exec_skip != SKIP_NONE)
		exec_skip = SKIP_NONE;
	var_scope_pop();
	exec_func_depth--;
	exec_loop_depth = saved_loops;
	exec_loops_outside = saved_outside;
	pos_restore(saved);
	func_release(f);
	return st;
}
