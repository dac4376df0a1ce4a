/* exec.c - walks the AST (XCU 2.9): simple commands, pipelines, lists,
 * compound commands, functions, builtins, subshells and command
 * substitution.  Programs are launched through plan.c with the chosen
 * strategy; the shell forks itself only to run shell code (subshells,
 * pipeline members that are builtins, functions or compound commands).
 * Knows nothing about how a strategy works. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "expand.h"
#include "glob.h"
#include "input.h"
#include "jobs.h"
#include "options.h"
#include "parser.h"
#include "path.h"
#include "plan.h"
#include "quote.h"
#include "redir.h"
#include "timing.h" /* issue 5: time, setopt timing */
#include "trap.h"
#include "vars.h"

enum skip_kind exec_skip;
int exec_skip_count;
int exec_loop_depth;
int exec_func_depth;
int exec_dot_depth;
bool in_subshell;

/* Internal flag: the command was already traced by set -x in the parent. */
#define EXEC_TRACED (1 << 8)
/* vfork by default: the cheapest strategy that needs no copy of the shell
 * (dash uses vfork too); fork stays the reference to compare against. */
int exec_strategy = LAUNCH_VFORK;

/* Set when a command substitution ran during the current expansion: a
 * command with no command name then has its status (XCU 2.9.1). */
static bool cmdsub_ran;

/* Where a process of a job goes: its stdin/stdout, and how it relates to
 * the job's process group and the terminal. */
struct proc_ctx {
	int in, out;            /* -1: inherited */
	int close_in_child;     /* the other end of the next pipe, or -1 */
	struct job *job;
	bool background;
	bool first;             /* first process of the job */
};

static int exec_simple(const struct node *n, int flags, struct proc_ctx *ctx);
static int exec_pipeline(const struct node *n, bool background);

/* ---- functions ---- */

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
	unsigned h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % FUNC_HASH_SIZE;
}

static struct func *func_find(const char *name)
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
	/* The EXIT trap sees the status the shell exits with ($? in
	 * `(trap 'echo $?' EXIT; exit 3)` is 3). */
	last_status = status;
	trap_run_exit();
	finish(status);
}


/* Abandons the current command after its error was reported: a
 * non-interactive shell exits (through its top-level handler). */
static _Noreturn void command_failed(int status)
{
	last_status = status;
	sh_raise(EXC_ERROR);
}

/* ---- forking the shell ---- */

/* Forks a subshell for shell code.  In the child: becomes part of the
 * job's process group (job control), takes the terminal when foreground,
 * drops traps, connects the pipe ends.  Returns the pid in the parent and
 * 0 in the child. */
static pid_t fork_shell(struct proc_ctx *ctx)
{
	fflush(stdout);
	fflush(stderr);
	bool monitor = OPT(monitor) && !in_subshell;
	pid_t pgid = ctx && ctx->job ? job_pgid(ctx->job) : -1;
	pid_t pid = fork();
	if (pid < 0) {
		sh_error("cannot fork: %s", strerror(errno));
	}
	if (pid == 0) {
		in_subshell = true;
		/* break/continue never leave a subshell. */
		exec_loop_depth = 0;
		if (monitor && ctx && ctx->job) {
			setpgid(0, pgid > 0 ? pgid : 0);
			if (!ctx->background && pgid <= 0 && job_tty_fd >= 0)
				tcsetpgrp(job_tty_fd, getpgrp());
		}
		trap_reset_for_subshell();
		if (ctx && ctx->background && !monitor) {
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
			if (ctx->in < 0 && ctx->first) {
				int fd = open("/dev/null", O_RDONLY);
				if (fd >= 0 && fd != 0) {
					dup2(fd, 0);
					close(fd);
				}
			}
		}
		shell_opts[OPT_monitor] = false;
		shell_opts[OPT_interactive] = false;
		if (ctx) {
			if (ctx->close_in_child >= 0)
				close(ctx->close_in_child);
			if (ctx->in >= 0 && ctx->in != 0) {
				dup2(ctx->in, 0);
				close(ctx->in);
			}
			if (ctx->out >= 0 && ctx->out != 1) {
				dup2(ctx->out, 1);
				close(ctx->out);
			}
		}
		return 0;
	}
	if (monitor && ctx && ctx->job) {
		setpgid(pid, pgid > 0 ? pgid : pid);
		if (pgid <= 0)
			job_set_pgid(ctx->job, pid);
	}
	return pid;
}

/* Runs n in this (already forked) subshell and exits with its status. */
static _Noreturn void run_subshell_body(const struct node *n, int flags)
{
	struct unwind_point up;
	unwind_top = NULL;
	if (sigsetjmp(up.env, 0))
		shell_exit(last_status);
	unwind_push(&up);
	exec_node(n, (flags & EXEC_TESTED) | EXEC_EXIT);
	shell_exit(last_status);
}

/* The text `jobs` shows for a job; only made when someone may see it
 * (job control on, or a background job), since formatting costs. */
static const char *job_text(const struct node *n, bool background)
{
	if (!background && !OPT(monitor))
		return "";
	struct strbuf sb;
	sb_init(&sb);
	ast_format(&sb, n);
	while (sb.len && (sb.s[sb.len - 1] == '\n' || sb.s[sb.len - 1] == ';'))
		sb.len--;
	return sb_finish(&sb);
}

/* ---- redirections around shell code ---- */

/* Applies n's redirections to the shell, runs fn, restores. */
static int with_redirs(const struct redir *r, int (*fn)(const struct node *, int),
		       const struct node *n, int flags)
{
	if (!r)
		return fn(n, flags);
	struct fdop_list l = { 0 };
	if (!redir_expand(r, &l)) {
		redir_close_after(&l);
		return 1;
	}
	struct redir_saved *saved;
	bool ok = redir_apply(&l, &saved);
	redir_close_after(&l);
	if (!ok)
		return 1;
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
		int c = exec_node(n->u.loop.cond, flags | EXEC_TESTED);
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
	int c = exec_node(n->u.ifn.cond, flags | EXEC_TESTED);
	if (exec_skip != SKIP_NONE)
		return c;
	if (c == 0)
		return exec_node(n->u.ifn.then, flags);
	if (n->u.ifn.els)
		return exec_node(n->u.ifn.els, flags);
	return 0;
}

static int exec_subshell(const struct node *n, int flags)
{
	if (flags & EXEC_EXIT) {
		/* Already the last thing this process does: no need to fork. */
		run_subshell_body(n->u.unary.body, flags);
	}
	struct job *job = job_new(1, job_text(n, false));
	struct proc_ctx ctx = { -1, -1, -1, job, false, true };
	pid_t pid = fork_shell(&ctx);
	if (pid == 0)
		run_subshell_body(n->u.unary.body, flags);
	job_add_process(job, pid, 0);
	return job_wait_foreground(job);
}

static int exec_compound(const struct node *n, int flags)
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
	default:
		return 0;
	}
}

/* ---- background ---- */

static int exec_background(const struct node *body)
{
	job_reap(true);
	if (body->kind == NODE_PIPE) {
		exec_pipeline(body, true);
		return 0;
	}
	struct job *job = job_new(1, job_text(body, true));
	struct proc_ctx ctx = { -1, -1, -1, job, true, true };
	if (body->kind == NODE_SIMPLE) {
		/* A lone program: launched straight from the shell (under job
		 * control the plan puts it in a group of its own). */
		int st = exec_simple(body, 0, &ctx);
		(void)st;
		job_background(job);
		return 0;
	}
	pid_t pid = fork_shell(&ctx);
	if (pid == 0)
		run_subshell_body(body, 0);
	job_add_process(job, pid, 0);
	job_background(job);
	return 0;
}

/* ---- pipelines ---- */

static int exec_pipeline(const struct node *n, bool background)
{
	int ncmds = n->u.pipe.ncmds;
	struct job *job = job_new(ncmds, job_text(n, background));
	int prev_read = -1;
	for (int i = 0; i < ncmds; i++) {
		int p[2] = { -1, -1 };
		if (i < ncmds - 1 && pipe2(p, O_CLOEXEC) < 0) {
			sh_warn("cannot create pipe: %s", strerror(errno));
			if (prev_read >= 0)
				close(prev_read);
			break;
		}
		struct proc_ctx ctx = { prev_read, p[1], p[0], job, background,
					i == 0 };
		const struct node *cmd = n->u.pipe.cmds[i];
		struct arena_mark mark = arena_mark(cmd_arena);
		if (cmd->kind == NODE_SIMPLE) {
			exec_simple(cmd, 0, &ctx);
		} else {
			pid_t pid = fork_shell(&ctx);
			if (pid == 0)
				run_subshell_body(cmd, 0);
			job_add_process(job, pid, 0);
		}
		arena_release(cmd_arena, mark);
		if (prev_read >= 0)
			close(prev_read);
		if (p[1] >= 0)
			close(p[1]);
		prev_read = p[0];
	}
	if (background) {
		job_background(job);
		return 0;
	}
	return job_wait_foreground(job);
}

/* ---- simple commands ---- */

static void xtrace(char **assigns, int nassigns, char **argv, int argc)
{
	struct strbuf sb;
	sb_init(&sb);
	const char *ps4 = var_get("PS4");
	sb_puts(&sb, ps4 ? ps4 : "+ ");
	bool first = true;
	for (int i = 0; i < nassigns; i++) {
		if (!first)
			sb_putc(&sb, ' ');
		first = false;
		const char *eq = strchr(assigns[i], '=');
		sb_putn(&sb, assigns[i], (size_t)(eq - assigns[i] + 1));
		quote_append(&sb, eq + 1);
	}
	for (int i = 0; i < argc; i++) {
		if (!first)
			sb_putc(&sb, ' ');
		first = false;
		quote_append(&sb, argv[i]);
	}
	sb_putc(&sb, '\n');
	fflush(stdout);
	if (write(2, sb.s, sb.len) < 0) {
		/* nowhere to trace to */
	}
}

/* Builtins whose failure is not an "error" in the XCU 2.8.1 sense. */
static bool special_failure_is_error(const struct builtin *b)
{
	static const char *const benign[] = { ".", "eval", "exit", "return",
		"break", "continue", "exec", "trap", "times", ":" };
	for (size_t i = 0; i < sizeof benign / sizeof benign[0]; i++)
		if (strcmp(b->name, benign[i]) == 0)
			return false;
	return true;
}

static int run_builtin(const struct builtin *b, int argc, char **argv,
		       bool catch_errors)
{
	int st;
	clearerr(stdout);
	if (catch_errors) {
		struct unwind_point up;
		if (sigsetjmp(up.env, 0)) {
			if (exc_raised != EXC_ERROR)
				sh_raise(exc_raised);
			return last_status ? last_status : 2;
		}
		unwind_push(&up);
		st = b->fn(argc, argv);
		unwind_pop(&up);
	} else {
		st = b->fn(argc, argv);
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		sh_warn("%s: I/O error", argv[0]);
		clearerr(stdout);
		if (st == 0)
			st = 1;
	}
	return st;
}

static int call_function(struct func *f, int argc, char **argv, int flags)
{
	f->refs++;
	struct positional saved = pos_replace(argc - 1, argv + 1);
	/* break/continue do not reach the caller's loops (dash). */
	int saved_loops = exec_loop_depth;
	exec_loop_depth = 0;
	exec_func_depth++;
	var_scope_push();
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		var_scope_pop();
		exec_func_depth--;
		exec_loop_depth = saved_loops;
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
	pos_restore(saved);
	func_release(f);
	return st;
}

/* Sets prefix assignments in the shell: for good (no command, special
 * builtin) or in a scope that the caller pops. */
static void assign_vars(char **assigns, int n, int extra_flags)
{
	for (int i = 0; i < n; i++) {
		char *eq = strchr(assigns[i], '=');
		*eq = '\0';
		bool ok = true;
		if (extra_flags)
			var_make_local(assigns[i]);
		ok = var_set(assigns[i], eq + 1, extra_flags);
		*eq = '=';
		/* SPAWN=bad is a usage error (2); read only variables 1. */
		if (!ok)
			command_failed(strncmp(assigns[i], "SPAWN=", 6) ? 1 : 2);
	}
}

/* Expands the prefix assignments into "NAME=value" strings, left to
 * right: each one sees those before it (a=1 b=$a), as in dash and bash,
 * through a scope that is dropped again before the command runs. */
static char **expand_assigns(const struct assign *a, int *n)
{
	int count = 0;
	for (const struct assign *p = a; p; p = p->next)
		count++;
	char **v = talloc((size_t)(count + 1) * sizeof *v);
	bool sequential = count > 1;
	if (sequential)
		var_scope_push();
	int i = 0;
	for (; a; a = a->next) {
		const char *val = a->value ? expand_word(a->value) : "";
		size_t nl = strlen(a->name), vl = strlen(val);
		char *s = talloc(nl + vl + 2);
		memcpy(s, a->name, nl);
		s[nl] = '=';
		memcpy(s + nl + 1, val, vl + 1);
		v[i++] = s;
		if (sequential && a->next &&
		    !(var_flags(a->name) > 0 && (var_flags(a->name) & VAR_READONLY))) {
			var_make_local(a->name);
			var_set(a->name, val, 0);
		}
	}
	if (sequential)
		var_scope_pop();
	v[i] = NULL;
	*n = count;
	return v;
}

/* Finds "SPAWN=name" among prefix assignments: the strategy for this one
 * command.  Returns false (after the message) for an unknown name. */
static bool take_spawn_assign(char **assigns, int *n, int *strategy)
{
	for (int i = 0; i < *n; i++) {
		if (strncmp(assigns[i], "SPAWN=", 6) != 0)
			continue;
		int s = launch_strategy_by_name(assigns[i] + 6);
		if (s < 0) {
			sh_warn("SPAWN: unknown strategy '%s' (valid: fork, vfork, clone, posix_spawn)",
				assigns[i] + 6);
			return false;
		}
		*strategy = s;
		for (int j = i; j < *n - 1; j++)
			assigns[j] = assigns[j + 1];
		(*n)--;
		assigns[*n] = NULL;
		i--;
	}
	return true;
}

/* PATH search for name; a prefix assignment PATH=... applies to this
 * one search (and is not remembered in the hash table). */
static const char *lookup_program(const char *name, bool default_path,
				  char **assigns, int nassigns)
{
	if (default_path)
		return path_lookup(name, path_default);
	for (int i = nassigns - 1; i >= 0; i--)
		if (strncmp(assigns[i], "PATH=", 5) == 0) {
			const char *found = path_search(name, assigns[i] + 5);
			return found;
		}
	return path_lookup(name, var_get("PATH"));
}

/* The words of a command joined by spaces (for `jobs`). */
static const char *argv_text(char **argv)
{
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; argv[i]; i++) {
		if (i)
			sb_putc(&sb, ' ');
		quote_append(&sb, argv[i]);
	}
	return sb_finish(&sb);
}

/* The process-group part of a launch inside ctx. */
static void job_launch_params(struct proc_ctx *ctx, pid_t *pgid, bool *fg)
{
	*pgid = -1;
	*fg = false;
	if (ctx && ctx->job && OPT(monitor) && !in_subshell) {
		pid_t g = job_pgid(ctx->job);
		*pgid = g > 0 ? g : 0;
		*fg = !ctx->background && g <= 0;
	}
}

static int exec_external(const char *name, const char *path, char **argv,
			 char **envp, const struct fdop_list *redirs,
			 int strategy, int flags, struct proc_ctx *ctx)
{
	struct plan_request rq = { 0 };
	rq.name = name;
	rq.path = path;
	rq.argv = argv;
	rq.envp = envp;
	rq.redirs = redirs;
	rq.strategy = strategy;
	struct fdop_list pre = { 0 };
	struct fdop ops[3];
	memset(ops, 0, sizeof ops);
	pre.ops = ops;
	if (ctx) {
		if (ctx->background && !(OPT(monitor) && !in_subshell) &&
		    ctx->in < 0 && ctx->first) {
			ops[pre.n].kind = FDOP_OPEN;
			ops[pre.n].fd = 0;
			ops[pre.n].path = "/dev/null";
			ops[pre.n].oflags = O_RDONLY;
			pre.n++;
		}
		if (ctx->in >= 0) {
			ops[pre.n].kind = FDOP_DUP2;
			ops[pre.n].fd = 0;
			ops[pre.n].src = ctx->in;
			pre.n++;
		}
		if (ctx->out >= 0) {
			ops[pre.n].kind = FDOP_DUP2;
			ops[pre.n].fd = 1;
			ops[pre.n].src = ctx->out;
			pre.n++;
		}
		rq.background = ctx->background && !(OPT(monitor) && !in_subshell);
	}
	rq.pre = &pre;
	job_launch_params(ctx, &rq.pgid, &rq.foreground);
	if (!ctx && OPT(monitor) && !in_subshell) {
		/* A foreground program under job control: its own group, and
		 * the terminal, set up in the child before it execs. */
		rq.pgid = 0;
		rq.foreground = true;
	}
	if ((flags & EXEC_EXIT) && !ctx && !trap_any_set())
		return plan_exec_in_place(&rq);
	int status = 0;
	pid_t pid = plan_launch(&rq, &status);
	if (ctx) {
		if (pid > 0 && ctx->job && OPT(monitor) && !in_subshell &&
		    job_pgid(ctx->job) <= 0)
			job_set_pgid(ctx->job, pid);
		if (pid > 0 && ctx->job && OPT(monitor) && !in_subshell)
			setpgid(pid, job_pgid(ctx->job));
		job_add_process(ctx->job, pid, status);
		return status;
	}
	if (pid <= 0)
		return status;
	struct job *job = job_new(1, OPT(monitor) ? argv_text(argv) : "");
	if (OPT(monitor) && !in_subshell) {
		setpgid(pid, pid);
		job_set_pgid(job, pid);
	}
	job_add_process(job, pid, 0);
	return job_wait_foreground(job);
}

/* Forks for a pipeline member or background command that turned out to
 * be shell code (builtin or function); runs fn in the child. */
static int fork_for_ctx(struct proc_ctx *ctx, int (*fn)(void *), void *arg)
{
	pid_t pid = fork_shell(ctx);
	if (pid == 0) {
		struct unwind_point up;
		unwind_top = NULL;
		if (sigsetjmp(up.env, 0))
			shell_exit(last_status);
		unwind_push(&up);
		shell_exit(fn(arg));
	}
	job_add_process(ctx->job, pid, 0);
	return 0;
}

/* A simple command handed to a forked child: either still to be expanded
 * (its expansions would change the shell) or already expanded. */
struct deferred_simple {
	const struct node *n;
	int flags;
	bool expanded;
	char **argv, **assigns;
	int argc, nassigns;
	struct fdop_list *redirs;
};

static int exec_expanded(const struct node *n, char **argv, int argc,
			 char **assigns, int nassigns,
			 struct fdop_list *redirs, int flags,
			 struct proc_ctx *ctx);

static int run_deferred_simple(void *arg)
{
	struct deferred_simple *d = arg;
	if (d->expanded)
		return exec_expanded(d->n, d->argv, d->argc, d->assigns,
				     d->nassigns, d->redirs, d->flags | EXEC_EXIT,
				     NULL);
	return exec_simple(d->n, d->flags | EXEC_EXIT, NULL);
}

/* Runs a builtin or function in this shell with its redirections applied
 * (and restored) and its prefix assignments: permanent for a special
 * builtin, in a scope of their own otherwise. */
static int exec_in_shell(const struct builtin *b, struct func *f, int argc,
			 char **argv, char **assigns, int nassigns,
			 struct fdop_list *redirsp, bool via_command, int flags)
{
	struct fdop_list redirs = *redirsp;
	struct redir_saved *saved = NULL;
	if (redirs.n) {
		bool ok = redir_apply(&redirs, &saved);
		redir_close_after(&redirs);
		if (!ok) {
			if (b && (b->flags & BUILTIN_SPECIAL) && !via_command)
				command_failed(1);
			return 1;
		}
	}
	bool special = b && (b->flags & BUILTIN_SPECIAL) && !via_command;
	bool scoped = nassigns && !special;
	if (scoped)
		var_scope_push();
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		if (scoped)
			var_scope_pop();
		redir_restore(saved);
		sh_raise(exc_raised);
	}
	unwind_push(&up);
	assign_vars(assigns, nassigns, scoped ? VAR_EXPORT : 0);
	int st;
	if (f) {
		st = call_function(f, argc, argv, flags);
	} else {
		st = run_builtin(b, argc, argv, !special);
		if (special && st != 0 && special_failure_is_error(b) &&
		    !OPT(interactive)) {
			unwind_pop(&up);
			if (scoped)
				var_scope_pop();
			redir_restore(saved);
			command_failed(st);
		}
	}
	unwind_pop(&up);
	if (scoped)
		var_scope_pop();
	redir_restore(saved);
	return st;
}

/* A simple command (XCU 2.9.1).  ctx is non-NULL for a pipeline member or
 * a background command: then the command's process is added to ctx->job
 * and not waited for. */
static int exec_simple(const struct node *n, int flags, struct proc_ctx *ctx)
{
	error_line = n->lineno;
	if (ctx && (words_expansion_has_effects(n->u.simple.args) ||
		    assigns_expansion_has_effects(n->u.simple.assigns))) {
		/* Expanding would change this shell: expand in the child. */
		struct deferred_simple d = { n, flags, false, NULL, NULL, 0, 0,
					     NULL };
		return fork_for_ctx(ctx, run_deferred_simple, &d);
	}
	cmdsub_ran = false;
	int argc;
	char **argv = expand_fields(n->u.simple.args, &argc);
	/* XCU 2.9.1: redirections are expanded before the assignments. */
	struct fdop_list *redirs = talloc(sizeof *redirs);
	memset(redirs, 0, sizeof *redirs);
	if (n->redirs && !redir_expand(n->redirs, redirs)) {
		redir_close_after(redirs);
		const struct builtin *b = argc ? builtin_lookup(argv[0]) : NULL;
		if (b && (b->flags & BUILTIN_SPECIAL) && !ctx)
			command_failed(1);
		return 1;
	}
	int nassigns;
	char **assigns = expand_assigns(n->u.simple.assigns, &nassigns);

	int st = exec_expanded(n, argv, argc, assigns, nassigns, redirs, flags,
			       ctx);
	redir_close_after(redirs);
	return st;
}

/* The rest of a simple command once its words are expanded: `command`,
 * lookup (special builtin, function, builtin, PATH), redirections,
 * assignments, and running it here, in a child (ctx), or as a program. */
static int exec_expanded(const struct node *n, char **argv, int argc,
			 char **assigns, int nassigns,
			 struct fdop_list *redirsp, int flags,
			 struct proc_ctx *ctx)
{
	/* `command` strips itself; -v/-V are the builtin's own business. */
	bool via_command = false, default_path = false;
	int first = 0;
	while (first < argc && strcmp(argv[first], "command") == 0) {
		int i = first + 1;
		bool describe = false;
		for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
			if (strcmp(argv[i], "--") == 0) {
				i++;
				break;
			}
			if (strspn(argv[i] + 1, "pvV") != strlen(argv[i] + 1))
				break;
			if (strpbrk(argv[i], "vV"))
				describe = true;
			if (strchr(argv[i], 'p'))
				default_path = true;
		}
		if (describe || i == argc)
			break;
		via_command = true;
		first = i;
	}
	argv += first;
	argc -= first;

	if (argc == 0) {
		/* Only assignments and redirections. */
		int st = cmdsub_ran ? last_status : 0;
		if (ctx) {
			/* In a pipeline: runs (and is forgotten) in a subshell. */
			struct deferred_simple d = { n, flags, true, argv, assigns,
						     argc, nassigns, redirsp };
			return fork_for_ctx(ctx, run_deferred_simple, &d);
		}
		if (OPT(xtrace))
			xtrace(assigns, nassigns, argv, argc);
		if (redirsp->n) {
			struct redir_saved *saved;
			bool ok = redir_apply(redirsp, &saved);
			redir_close_after(redirsp);
			if (!ok)
				return 1;
			redir_restore(saved);
		}
		assign_vars(assigns, nassigns, 0);
		return st;
	}

	const char *name = argv[0];
	const struct builtin *b = NULL;
	struct func *f = NULL;
	const char *path = NULL;
	bool has_slash = strchr(name, '/') != NULL;
	if (!has_slash) {
		b = builtin_lookup(name);
		if (b && !(b->flags & BUILTIN_SPECIAL))
			b = NULL;
		if (!b && !via_command)
			f = func_find(name);
		if (!b && !f)
			b = builtin_lookup(name);
	}

	int strategy = exec_strategy;
	if (!b && !f) {
		if (!take_spawn_assign(assigns, &nassigns, &strategy))
			return 2;
		path = has_slash ? name : lookup_program(name, default_path,
							  assigns, nassigns);
	}

	/* Traced here, in order, even when a child runs it. */
	if (OPT(xtrace) && !(flags & EXEC_TRACED))
		xtrace(assigns, nassigns, argv, argc);
	if (ctx && (b || f)) {
		struct deferred_simple d = { n, flags | EXEC_TRACED, true, argv,
					     assigns, argc, nassigns, redirsp };
		return fork_for_ctx(ctx, run_deferred_simple, &d);
	}

	struct fdop_list redirs = *redirsp;

	if (!b && !f) {
		for (int i = 0; i < nassigns; i++) {
			char *eq = strchr(assigns[i], '=');
			*eq = '\0';
			int vf = var_flags(assigns[i]);
			*eq = '=';
			if (vf > 0 && (vf & VAR_READONLY)) {
				/* Not even for the program's environment. */
				sh_warn("%.*s: is read only", (int)(eq - assigns[i]),
					assigns[i]);
				command_failed(1);
			}
		}
		if (!path) {
			/* Not found: the redirections still happen (files are
			 * created), as when the shell forks first, and the
			 * message goes where they say. */
			struct redir_saved *saved = NULL;
			if (redirs.n && !redir_apply(&redirs, &saved)) {
				redir_close_after(&redirs);
				return 1;
			}
			sh_warn("%s: not found", name);
			redir_restore(saved);
			redir_close_after(&redirs);
			if (ctx)
				job_add_process(ctx->job, 0, 127);
			return 127;
		}
		char **envp = nassigns ? var_environ_with(assigns, nassigns)
				       : var_environ();
		int st = exec_external(name, path, argv, envp, &redirs, strategy,
				       flags, ctx);
		redir_close_after(&redirs);
		return st;
	}

	if (b && b->fn == bi_exec) {
		int st = exec_replace(argc, argv, assigns, nassigns, &redirs);
		redir_close_after(&redirs);
		return st;
	}

	/* Shell code in this shell: builtin or function. */
	return exec_in_shell(b, f, argc, argv, assigns, nassigns, &redirs,
			     via_command, flags);
}

/* exec [command [args]] with its redirections and assignments: without
 * a command the redirections and assignments stay; with one, the shell
 * becomes the program (XCU 2.15 exec). */
int exec_replace(int argc, char **argv, char **assigns, int nassigns,
		 const struct fdop_list *redirs)
{
	int first = 1;
	if (first < argc && strcmp(argv[first], "--") == 0)
		first++;
	if (first >= argc) {
		if (redirs && redirs->n && !redir_apply(redirs, NULL)) {
			if (!OPT(interactive))
				command_failed(1);
			return 1;
		}
		assign_vars(assigns, nassigns, 0);
		return 0;
	}
	int strategy = exec_strategy;
	if (!take_spawn_assign(assigns, &nassigns, &strategy))
		return 2;
	const char *name = argv[first];
	struct plan_request rq = { 0 };
	rq.name = name;
	rq.path = strchr(name, '/') ? name : path_lookup(name, var_get("PATH"));
	rq.argv = argv + first;
	/* exec's prefix assignments go to the program's environment. */
	rq.envp = nassigns ? var_environ_with(assigns, nassigns) : var_environ();
	rq.redirs = redirs;
	rq.pgid = -1;
	rq.strategy = strategy;
	int st = plan_exec_in_place(&rq);
	if (!OPT(interactive))
		shell_exit(st);
	return st;
}

/* ---- the walker ---- */

/* In an interactive shell an error (expansion, special builtin) abandons
 * the simple command, not the rest of the list it is in (XCU 2.8.1). */
static int exec_simple_interactive(const struct node *n, int flags)
{
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		if (exc_raised != EXC_ERROR)
			sh_raise(exc_raised);
		return last_status;
	}
	unwind_push(&up);
	int st = exec_simple(n, flags, NULL);
	unwind_pop(&up);
	return st;
}

static int exec_time(const struct node *n, int flags);

int exec_node(const struct node *n, int flags)
{
	if (trap_pending)
		trap_run_pending();
	if (!n)
		return last_status;
	if (OPT(noexec) && !OPT(interactive))
		return 0;
	int st = 0;
	bool check_errexit = false;
	switch (n->kind) {
	case NODE_SIMPLE: {
		struct arena_mark mark = arena_mark(cmd_arena);
		if (OPT(interactive))
			st = exec_simple_interactive(n, flags);
		else
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
		st = exec_node(n->u.unary.body, flags | EXEC_TESTED);
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
		st = exec_time(n, flags);
		break;
	case NODE_SUBSHELL:
		check_errexit = true;
		/* fall through */
	default:
		error_line = n->lineno;
		st = with_redirs(n->redirs, exec_compound, n, flags);
		break;
	}
	last_status = st;
	/* issue 5: `setopt timing` lines for the programs this command ran
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

/* ---- command substitution ---- */

static void read_all(int fd, struct strbuf *out)
{
	char buf[4096];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (r == 0)
			break;
		sb_putn(out, buf, (size_t)r);
	}
}

/* The body of $( ) when it is one simple command that can be launched
 * without forking the shell: no effects in its expansions and not a
 * builtin or function (decided after expansion). */
static bool cmdsub_direct_candidate(const struct node *n)
{
	return n && n->kind == NODE_SIMPLE && n->u.simple.args &&
	       !words_expansion_has_effects(n->u.simple.args) &&
	       !assigns_expansion_has_effects(n->u.simple.assigns);
}

bool exec_cmdsub_disabled;

void exec_cmdsub(const struct node *body, struct strbuf *out)
{
	if (exec_cmdsub_disabled) {
		last_status = 0;
		return;
	}
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		sh_error("cannot create pipe: %s", strerror(errno));
	if (cmdsub_direct_candidate(body)) {
		struct job *job = job_new(1, "$( )");
		struct proc_ctx ctx = { -1, p[1], p[0], job, false, true };
		/* Not a foreground job of its own under job control: the
		 * substitution belongs to the command being expanded. */
		bool monitor = OPT(monitor);
		shell_opts[OPT_monitor] = false;
		struct unwind_point up;
		if (sigsetjmp(up.env, 0)) {
			shell_opts[OPT_monitor] = monitor;
			close(p[0]);
			close(p[1]);
			sh_raise(exc_raised);
		}
		unwind_push(&up);
		exec_simple(body, 0, &ctx);
		unwind_pop(&up);
		shell_opts[OPT_monitor] = monitor;
		close(p[1]);
		read_all(p[0], out);
		close(p[0]);
		last_status = job_wait_foreground(job);
		cmdsub_ran = true;
		return;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		sh_error("cannot fork: %s", strerror(errno));
	}
	if (pid == 0) {
		in_subshell = true;
		exec_loop_depth = 0;
		trap_reset_for_subshell();
		shell_opts[OPT_monitor] = false;
		shell_opts[OPT_interactive] = false;
		close(p[0]);
		if (p[1] != 1) {
			dup2(p[1], 1);
			close(p[1]);
		}
		run_subshell_body(body, 0);
	}
	close(p[1]);
	read_all(p[0], out);
	close(p[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	last_status = job_status_to_exit(st);
	cmdsub_ran = true;
}

/* ---- reading and running input ---- */

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
			st = exec_node(n, 0);
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
