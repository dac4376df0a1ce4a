/* exec_compound.c - compound commands (XCU 2.9.4): if, while/until, for,
 * case and { }, with the redirections that apply around them. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec_internal.h"

#include <string.h>

#include "arena.h"
#include "error.h"
#include "expand.h"
#include "glob.h"
#include "redir.h"
#include "vars.h"

/* ---- redirections around shell code ---- */

/* Applies n's redirections to the shell, runs fn, restores.  When a
 * redirection fails, fn does not run, the status is 1 and *failed says
 * so (set -e then ends the shell, as for a simple command). */
int with_redirs(const struct redir *r, int (*fn)(const struct node *, int),
		const struct node *n, int flags, bool *failed)
{
	*failed = false;
	if (!r)
		return fn(n, flags);
	struct fdop_list l = { 0 };
	if (!redir_expand(r, &l)) {
		redir_close_after(&l);
		*failed = true;
		return 1;
	}
	struct redir_saved *saved;
	bool ok = redir_apply(&l, &saved);
	redir_close_after(&l);
	if (!ok) {
		*failed = true;
		return 1;
	}
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		redir_restore(saved);
		sh_raise(exc_raised);
	}
	unwind_push(&up);
	int st = fn(n, flags);
	unwind_pop(&up);
	redir_restore(saved);
	return st;
}

/* ---- compound commands ---- */

/* Handles break/continue arriving at a loop; true if the loop must end. */
static bool loop_should_end(void)
{
	if (exec_skip == SKIP_BREAK) {
		if (--exec_skip_count <= 0)
			exec_skip = SKIP_NONE;
		return true;
	}
	if (exec_skip == SKIP_CONTINUE) {
		if (--exec_skip_count <= 0) {
			exec_skip = SKIP_NONE;
			return false;
		}
		return true;
	}
	return exec_skip == SKIP_RETURN;
}

static int exec_loop(const struct node *n, int flags)
{
	bool is_while = n->kind == NODE_WHILE;
	int st = 0;
	exec_loop_depth++;
	for (;;) {
		struct arena_mark mark = arena_mark(cmd_arena);
		int c = exec_node(n->u.loop.cond,
				    (flags & ~EXEC_EXIT) | EXEC_TESTED);
		if (exec_skip != SKIP_NONE) {
			st = c;
			if (loop_should_end())
				break;
			continue;
		}
		if ((c == 0) != is_while)
			break;
		st = exec_node(n->u.loop.body, flags & ~EXEC_EXIT);
		arena_release(cmd_arena, mark);
		if (exec_skip != SKIP_NONE && loop_should_end())
			break;
	}
	exec_loop_depth--;
	return st;
}

static int exec_for(const struct node *n, int flags)
{
	int count;
	char **words;
	error_line = n->lineno;
	if (n->u.forn.has_in) {
		words = expand_fields(n->u.forn.words, &count);
	} else {
		count = pos_params.count;
		words = pos_params.values;
	}
	/* The loop may change the positional parameters: iterate a copy. */
	if (!n->u.forn.has_in) {
		char **copy = talloc((size_t)(count + 1) * sizeof *copy);
		for (int i = 0; i < count; i++)
			copy[i] = tstrdup(words[i]);
		words = copy;
	}
	int st = 0;
	exec_loop_depth++;
	for (int i = 0; i < count; i++) {
		if (!var_set(n->u.forn.var, words[i], 0)) {
			exec_loop_depth--;
			command_failed(1);
		}
		struct arena_mark mark = arena_mark(cmd_arena);
		st = exec_node(n->u.forn.body, flags & ~EXEC_EXIT);
		arena_release(cmd_arena, mark);
		if (exec_skip != SKIP_NONE && loop_should_end())
			break;
	}
	exec_loop_depth--;
	return st;
}

static int exec_case(const struct node *n, int flags)
{
	error_line = n->lineno;
	const char *subject = expand_word(n->u.casen.subject);
	size_t len = strlen(subject);
	for (const struct case_item *it = n->u.casen.items; it; it = it->next) {
		for (const struct word *p = it->patterns; p; p = p->next) {
			const char *pat = expand_pattern(p);
			if (!pattern_match(pat, subject, len))
				continue;
			int st = 0;
			for (;;) {
				st = it->body ? exec_node(it->body, flags) : 0;
				if (!it->fallthrough || !it->next || exec_skip)
					break;
				it = it->next;
			}
			return st;
		}
	}
	return 0;
}

static int exec_if(const struct node *n, int flags)
{
	int c = exec_node(n->u.ifn.cond, (flags & ~EXEC_EXIT) | EXEC_TESTED);
	if (exec_skip != SKIP_NONE)
		return c;
	if (c == 0)
		return exec_node(n->u.ifn.then, flags);
	if (n->u.ifn.els)
		return exec_node(n->u.ifn.els, flags);
	return 0;
}

int exec_compound(const struct node *n, int flags)
{
	switch (n->kind) {
	case NODE_SUBSHELL:
		return exec_subshell(n, flags);
	case NODE_BRACE:
		return exec_node(n->u.unary.body, flags);
	case NODE_IF:
		return exec_if(n, flags);
	case NODE_WHILE:
	case NODE_UNTIL:
		return exec_loop(n, flags);
	case NODE_FOR:
		return exec_for(n, flags);
	case NODE_CASE:
		return exec_case(n, flags);
	case NODE_COND:
		error_line = n->lineno;
		return exec_cond(n);
	default:
		return 0;
	}
}
