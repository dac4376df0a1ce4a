/* exec.c - walks the AST (XCU 2.9): lists, and-or lists, !, and the
 * dispatch to the files that run each kind of command (exec_internal.h
 * says which file does what); reads and runs input; exits the shell.
 * Programs are launched through plan.c with the chosen strategy; the
 * shell forks itself only to run shell code.  Knows nothing about how a
 * strategy works. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "exec_internal.h"
#include "input.h"
#include "jobs.h"
#include "options.h"
#include "parser.h"
#include "strategy.h"
#include "subshell_inline.h"
#include "timing.h"
#include "trap.h"

enum skip_kind exec_skip;
int exec_skip_count;
int exec_loop_depth;
bool exec_loops_outside;
int exec_func_depth;
int exec_dot_depth;
bool in_subshell;

/* ---- exiting ---- */

static _Noreturn void finish(int status)
{
	fflush(stdout);
	fflush(stderr);
	if (in_subshell)
		_exit(status & 0xff);
	exit(status & 0xff);
}

void shell_exit(int status)
{
	if (subshell_inline_active()) {
		/* exit in a ( ) or $( ) run in this shell: ends just that
		 * subshell (subshell_inline.c). */
		subshell_inline_exit(status);
	}
	/* The EXIT trap sees the status the shell exits with ($? in
	 * `(trap 'echo $?' EXIT; exit 3)` is 3). */
	last_status = status;
	trap_run_exit();
	finish(status);
}

static bool (*exit_guard)(void);

void exit_set_guard(bool (*may_exit)(void))
{
	exit_guard = may_exit;
}

bool exit_allowed(void)
{
	return !exit_guard || exit_guard();
}

_Noreturn void command_failed(int status)
{
	last_status = status;
	sh_raise(EXC_ERROR);
}

/* ---- the walker ---- */

static int exec_time(const struct node *n, int flags);

int exec_node(const struct node *n, int flags)
{
	/* The tree walker recurses as deep as the tree: the guard turns a
	 * tree too deep for the stack left into an error. */
	stack_check();
	if (trap_pending) {
		trap_run_pending();
		/* return (or break) in the action: this command is skipped,
		 * and the function (or loop) around it ends. */
		if (exec_skip != SKIP_NONE)
			return last_status;
	}
	if (!n)
		return last_status;
	if (OPT(noexec) && !OPT(interactive))
		return 0;
	int st = 0;
	bool check_errexit = false;
	switch (n->kind) {
	case NODE_SIMPLE: {
		struct arena_mark mark = arena_mark(cmd_arena);
		/* An error here (expansion, special builtin) unwinds to the
		 * top: an interactive shell drops the rest of the command
		 * line (XCU 2.8.1: "no further processing of the command in
		 * which the error occurred"; dash, bash). */
		st = exec_simple(n, flags, NULL);
		arena_release(cmd_arena, mark);
		check_errexit = true;
		break;
	}
	case NODE_PIPE:
		st = exec_pipeline(n, false);
		check_errexit = true;
		break;
	case NODE_NOT:
		/* Not EXEC_EXIT: the shell must be there to invert the status
		 * (`(! prog)` in a forked subshell exited with prog's). */
		st = exec_node(n->u.unary.body, (flags & ~EXEC_EXIT) | EXEC_TESTED);
		/* `! return 5` returns 5: the skip carries the status. */
		if (exec_skip == SKIP_NONE)
			st = st == 0;
		break;
	case NODE_AND:
	case NODE_OR:
		st = exec_node(n->u.binary.left, (flags & ~EXEC_EXIT) | EXEC_TESTED);
		if (exec_skip != SKIP_NONE)
			break;
		if ((st == 0) == (n->kind == NODE_AND))
			st = exec_node(n->u.binary.right, flags);
		break;
	case NODE_SEQ:
		exec_node(n->u.binary.left, flags & ~EXEC_EXIT);
		if (exec_skip != SKIP_NONE) {
			st = last_status;
			break;
		}
		st = exec_node(n->u.binary.right, flags);
		break;
	case NODE_BG:
		st = exec_background(n->u.unary.body);
		break;
	case NODE_FUNCDEF:
		func_define(n->u.func.name, n->u.func.body);
		st = 0;
		break;
	case NODE_TIME:
		/* nor here: the times are printed after the pipeline ends */
		st = exec_time(n, flags & ~EXEC_EXIT);
		break;
	case NODE_SUBSHELL:
	case NODE_COND:
		/* their status is their own, not a command's inside them */
		check_errexit = true;
		/* fall through */
	default: {
		error_line = n->lineno;
		/* A compound command's own status is its last command's,
		 * already checked; a failed redirection is its own failure
		 * (XCU 2.8.1, set -e; dash and bash exit too). */
		bool redir_failed;
		st = with_redirs(n->redirs, exec_compound, n, flags,
				 &redir_failed);
		if (redir_failed)
			check_errexit = true;
		break;
	}
	}
	last_status = st;
	/* `setopt timing` lines for the programs this command ran
	 * (before set -e may end the shell) */
	timing_report();
	if (check_errexit && st != 0 && OPT(errexit) && !(flags & EXEC_TESTED) &&
	    exec_skip == SKIP_NONE)
		shell_exit(st);
	return st;
}

/* time [-p] pipeline (bash, ksh): times the whole pipeline, builtins and
 * functions included; timing.c owns the clocks and TIMEFORMAT.  A bare
 * `time` times nothing and prints zeros, as bash does. */
static int exec_time(const struct node *n, int flags)
{
	struct timing_mark m;
	timing_start(&m);
	int st = n->u.unary.body ? exec_node(n->u.unary.body, flags) : 0;
	timing_print_time(&m, n->u.unary.posix_format);
	return st;
}

/* ---- reading and running input ---- */

static bool command_string;

void exec_input_is_command_string(void)
{
	command_string = true;
}

/* The command just parsed is the last of the -c string: it runs as the
 * shell's end (whether its program replaces the shell is decided when it
 * runs, by exec_may_replace_shell: the line may still set a trap). */
static bool last_of_command_string(const struct input *in)
{
	return command_string && !OPT(interactive) && input_ended(in);
}

bool exec_may_replace_shell(void)
{
	if (trap_any_set())
		return false;
	/* A forked subshell was made for this: its fork is the launch. */
	if (in_subshell)
		return true;
	/* Under job control the program is a job of its own: its own
	 * process group, the terminal. */
	return !strategy_chosen() && !OPT(timing) && !OPT(spawntrace) &&
	       !OPT(monitor);
}

int exec_input(struct input *in, bool toplevel)
{
	const char *saved_source = error_source;
	error_source = input_name(in);
	int st = 0;
	for (;;) {
		struct arena_mark mark = arena_mark(cmd_arena);
		struct unwind_point up;
		if (sigsetjmp(up.env, 0)) {
			arena_release(cmd_arena, mark);
			if (!toplevel) {
				error_source = saved_source;
				sh_raise(exc_raised);
			}
			if (!OPT(interactive))
				shell_exit(last_status);
			input_discard_line(in);
			exec_skip = SKIP_NONE;
			continue;
		}
		unwind_push(&up);
		if (toplevel && OPT(interactive))
			job_reap(true);
		struct node *n;
		enum parse_result r = parse_next(in, &n);
		if (r == PARSE_EOF) {
			unwind_pop(&up);
			arena_release(cmd_arena, mark);
			break;
		}
		if (r == PARSE_COMMAND && !(OPT(noexec) && !OPT(interactive))) {
			if (toplevel)
				input_give_back_unread(in);
			st = exec_node(n, toplevel && last_of_command_string(in)
						 ? EXEC_EXIT : 0);
			if (trap_pending)
				trap_run_pending();
		}
		unwind_pop(&up);
		arena_release(cmd_arena, mark);
		if (exec_skip != SKIP_NONE) {
			/* return/break at the top of a . script or eval. */
			if (!toplevel)
				break;
			exec_skip = SKIP_NONE;
		}
	}
	error_source = saved_source;
	return st;
}

int exec_string(const char *s, const char *name)
{
	struct input *in = input_from_string(s, name, error_line > 0 ? error_line : 1);
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		input_free(in);
		sh_raise(exc_raised);
	}
	unwind_push(&up);
	int st = exec_input(in, false);
	unwind_pop(&up);
	input_free(in);
	return st;
}
