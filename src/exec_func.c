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

/* Chains stay short however many functions a script defines (a
 * generated script may define tens of thousands): the table doubles when
 * it holds twice as many functions as buckets. */
#define FUNC_BUCKETS_MIN 64
static struct func *func_buckets_min[FUNC_BUCKETS_MIN];
static struct func **func_table = func_buckets_min;
static size_t func_nbuckets = FUNC_BUCKETS_MIN;
static size_t func_count;

static size_t func_hash(const char *s)
{
	return hash_string(s) % func_nbuckets;
}

static void func_table_grow(void)
{
	size_t old_n = func_nbuckets;
	struct func **old = func_table;
	struct func **grown = xcalloc(old_n * 2, sizeof *grown);
	func_table = grown;
	func_nbuckets = old_n * 2;
	for (size_t h = 0; h < old_n; h++)
		while (old[h]) {
			struct func *f = old[h];
			old[h] = f->next;
			size_t nh = func_hash(f->name);
			f->next = func_table[nh];
			func_table[nh] = f;
		}
	if (old != func_buckets_min)
		free(old);
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
	size_t n = func_count;
	struct func_table_snapshot *s = xmalloc(sizeof *s + n * sizeof s->funcs[0]);
	s->n = 0;
	for (size_t h = 0; h < func_nbuckets; h++)
		for (struct func *f = func_table[h]; f; f = f->next) {
			f->refs++;
			s->funcs[s->n++] = f;
		}
	return s;
}

void func_table_restore(struct func_table_snapshot *s)
{
	for (size_t h = 0; h < func_nbuckets; h++) {
		while (func_table[h]) {
			struct func *f = func_table[h];
			func_table[h] = f->next;
			func_release(f);
		}
	}
	/* Names are unique, so where each lands in its chain does not
	 * matter; pushing in reverse keeps the saved order where the table
	 * has not grown meanwhile. */
	for (size_t i = s->n; i-- > 0;) {
		struct func *f = s->funcs[i];
		size_t h = func_hash(f->name);
		f->next = func_table[h];
		func_table[h] = f;
	}
	func_count = s->n;
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
			func_count--;
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
	if (func_count >= 2 * func_nbuckets)
		func_table_grow();
	size_t h = func_hash(name);
	f->next = func_table[h];
	func_table[h] = f;
	func_count++;
}

void func_foreach(void (*fn)(const char *name, void *ctx), void *ctx)
{
	for (size_t h = 0; h < func_nbuckets; h++)
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
