/* exec_simple.c - simple commands (XCU 2.9.1): expanding the words,
 * `command`, lookup (special builtin, function, builtin, program), the
 * prefix assignments, set -x, and running builtins and functions in this
 * shell or in a child when they are part of a job. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec_internal.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "expand.h"
#include "jobs.h"
#include "options.h"
#include "parser.h"
#include "quote.h"
#include "redir.h"
#include "strategy.h"
#include "subshell_inline.h"
#include "vars.h"

/* Set while PS4 is expanded: commands run by its command substitutions
 * are not traced (bash), which would expand PS4 again. */
static bool expanding_ps4;

/* PS4 after parameter, command and arithmetic expansion (XCU 2.5.3), with
 * $? kept; an error in it leaves the text as is. */
static const char *expanded_ps4(void)
{
	const char *ps4 = var_get("PS4");
	if (!ps4)
		return "+ ";
	if (!strpbrk(ps4, "$`\\"))
		return ps4;
	expanding_ps4 = true;
	int st = last_status;
	const char *out = ps4;
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		expanding_ps4 = false;
		last_status = st;
		if (exc_raised != EXC_ERROR)
			sh_raise(exc_raised);
		return ps4;
	}
	unwind_push(&up);
	out = expand_heredoc(parse_text_word(ps4, NULL));
	unwind_pop(&up);
	expanding_ps4 = false;
	last_status = st;
	return out;
}

static void xtrace(char **assigns, int nassigns, char **argv, int argc)
{
	if (expanding_ps4)
		return;
	struct strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, expanded_ps4());
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

void xtrace_text(const char *text)
{
	if (expanding_ps4)
		return;
	struct strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, expanded_ps4());
	sb_puts(&sb, text);
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

/* Set by run_builtin when the builtin's output could not be written:
 * `set >/dev/full` reports that and fails, but that is not a special
 * builtin error that ends the script (dash, bash). */
static bool builtin_output_failed;

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
	builtin_output_failed = false;
	if (fflush(stdout) == EOF || ferror(stdout)) {
		builtin_output_failed = true;
		sh_warn("%s: I/O error", argv[0]);
		clearerr(stdout);
		if (st == 0)
			st = 1;
	}
	return st;
}

void assign_vars(char **assigns, int n, int extra_flags)
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
			command_failed(strategy_is_assignment(assigns[i]) ? 2 : 1);
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


/* Forks for a pipeline member or background command that turned out to
 * be shell code (builtin or function); runs fn in the child. */
static int fork_for_ctx(struct proc_ctx *ctx, int (*fn)(void *), void *arg)
{
	if (ctx->fork_reason)
		subshell_trace(true, ctx->fork_reason);
	pid_t pid = fork_shell(ctx);
	if (pid == 0) {
		struct unwind_point up;
		unwind_top = NULL;
		if (sigsetjmp(up.env, 0))
			shell_exit(last_status);
		unwind_push(&up);
		shell_exit(fn(arg));
	}
	job_add_process(ctx->job, pid, FORK_FAILED_STATUS);
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
	struct redir_saved *saved = NULL;
	if (redirsp->n) {
		bool ok = redir_apply(redirsp, &saved);
		redir_close_after(redirsp);
		if (!ok) {
			if (b && (b->flags & BUILTIN_SPECIAL) && !via_command)
				command_failed(1);
			return 1;
		}
	}
	bool special = b && (b->flags & BUILTIN_SPECIAL) && !via_command;
	bool scoped = nassigns && !special;
	if (scoped)
		var_scope_push_temporary();
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
		st = func_call(f, argc, argv, flags);
	} else {
		st = run_builtin(b, argc, argv, !special);
		if (special && st != 0 && special_failure_is_error(b) &&
		    !builtin_output_failed && !OPT(interactive)) {
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

int exec_simple(const struct node *n, int flags, struct proc_ctx *ctx)
{
	error_line = n->lineno;
	if (ctx && (words_expansion_has_effects(n->u.simple.args) ||
		    assigns_expansion_has_effects(n->u.simple.assigns) ||
		    redirs_expansion_has_effects(n->redirs))) {
		/* Expanding would change this shell: expand in the child. */
		struct deferred_simple d = { n, flags, false, NULL, NULL, 0, 0,
					     NULL };
		return fork_for_ctx(ctx, run_deferred_simple, &d);
	}
	cmdsub_ran = false;
	int argc;
	char **argv = expand_command(n->u.simple.args, &argc);
	/* XCU 2.9.1: redirections are expanded before the assignments. */
	struct fdop_list *redirs = talloc(sizeof *redirs);
	memset(redirs, 0, sizeof *redirs);
	if (n->redirs && !redir_expand(n->redirs, redirs)) {
		redir_close_after(redirs);
		const struct builtin *b = argc ? builtin_lookup(argv[0]) : NULL;
		if (b && (b->flags & BUILTIN_SPECIAL) && !ctx)
			command_failed(1);
		/* A pipeline member or $( ) that never started still has
		 * its status in the job. */
		if (ctx)
			job_add_process(ctx->job, 0, 1);
		return 1;
	}
	int nassigns;
	char **assigns = expand_assigns(n->u.simple.assigns, &nassigns);

	int st = exec_expanded(n, argv, argc, assigns, nassigns, redirs, flags,
			       ctx);
	redir_close_after(redirs);
	return st;
}

/* The `command` and `builtin` words at the front of argv (XCU 2.9.1.1;
 * builtin is bash's): how many there are, whether function lookup is off
 * (via_command), whether only a builtin may run (builtin_only) and
 * whether -p asks for the default PATH.  `command -v`/`-V` describes
 * instead of running: that `command` stays, for the builtin to do. */
struct command_prefix {
	int words;
	bool via_command;
	bool builtin_only;
	bool default_path;
};

static struct command_prefix strip_command_prefix(char **argv, int argc)
{
	struct command_prefix cp = { 0, false, false, false };
	while (cp.words < argc) {
		if (strcmp(argv[cp.words], "builtin") == 0) {
			if (cp.words + 1 == argc ||
			    (!cp.via_command && func_lookup("builtin")))
				break;
			cp.builtin_only = cp.via_command = true;
			cp.words++;
			continue;
		}
		if (strcmp(argv[cp.words], "command") != 0)
			break;
		/* A function named command comes before the builtin, as for
		 * every other regular builtin (XCU 2.9.1.4); the words after
		 * a real `command` skip functions. */
		if (!cp.via_command && func_lookup("command"))
			break;
		int i = cp.words + 1;
		bool describe = false, bad_option = false;
		for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
			if (strcmp(argv[i], "--") == 0) {
				i++;
				break;
			}
			if (strspn(argv[i] + 1, "pvV") != strlen(argv[i] + 1)) {
				bad_option = true;
				break;
			}
			if (strpbrk(argv[i], "vV"))
				describe = true;
			if (strchr(argv[i], 'p'))
				cp.default_path = true;
		}
		/* The builtin itself lists (-v/-V), reports an unknown
		 * option (command -x is no program named -x), and does
		 * nothing when no command follows. */
		if (describe || bad_option || i == argc)
			break;
		cp.via_command = true;
		cp.words = i;
	}
	return cp;
}

/* A command of only assignments and redirections: the redirections are
 * made and undone, the assignments stay; its status is that of the last
 * command substitution, if any (XCU 2.9.1).  In a pipeline it runs, and
 * is forgotten, in a subshell. */
static int exec_assignments_only(const struct node *n, char **argv,
				 char **assigns, int nassigns,
				 struct fdop_list *redirsp, int flags,
				 struct proc_ctx *ctx)
{
	int st = cmdsub_ran ? last_status : 0;
	if (ctx) {
		struct deferred_simple d = { n, flags, true, argv, assigns,
					     0, nassigns, redirsp };
		return fork_for_ctx(ctx, run_deferred_simple, &d);
	}
	if (OPT(xtrace))
		xtrace(assigns, nassigns, argv, 0);
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

/* Shell code that name names, in the order of XCU 2.9.1.1: a special
 * builtin, a function (not after `command`), a builtin.  Both NULL: a
 * program (always so for a name with a slash). */
static void find_shell_command(const char *name, bool via_command,
			       const struct builtin **bp, struct func **fp)
{
	const struct builtin *b = NULL;
	struct func *f = NULL;
	if (!strchr(name, '/')) {
		b = builtin_lookup(name);
		if (b && !(b->flags & BUILTIN_SPECIAL))
			b = NULL;
		if (!b && !via_command)
			f = func_find(name);
		if (!b && !f)
			b = builtin_lookup(name);
	}
	*bp = b;
	*fp = f;
}

/* A prefix assignment to a read only variable fails the command: not
 * even the program's environment gets it. */
static void refuse_readonly_assigns(char **assigns, int nassigns)
{
	for (int i = 0; i < nassigns; i++) {
		char *eq = strchr(assigns[i], '=');
		*eq = '\0';
		int vf = var_flags(assigns[i]);
		*eq = '=';
		if (vf > 0 && (vf & VAR_READONLY)) {
			sh_warn("%.*s: is read only", (int)(eq - assigns[i]),
				assigns[i]);
			command_failed(1);
		}
	}
}

/* A program that is not there: the redirections still happen (files are
 * created), as when the shell forks first, and the message goes where
 * they say. */
static int report_not_found(const char *name, struct fdop_list *redirs,
			    struct proc_ctx *ctx)
{
	struct redir_saved *saved = NULL;
	/* In a pipeline or $( ) the command's stdout is the pipe: with
	 * 2>&1 the message goes there, as it would from a child. */
	struct fdop_list ops = *redirs;
	if (ctx && ctx->out >= 0) {
		ops.ops = talloc((size_t)(redirs->n + 1) * sizeof *ops.ops);
		memset(ops.ops, 0, sizeof *ops.ops);
		ops.ops[0].kind = FDOP_DUP2;
		ops.ops[0].fd = 1;
		ops.ops[0].src = ctx->out;
		if (redirs->n)
			memcpy(ops.ops + 1, redirs->ops,
			       (size_t)redirs->n * sizeof *ops.ops);
		ops.n = redirs->n + 1;
	}
	if (ops.n && !redir_apply(&ops, &saved)) {
		redir_close_after(redirs);
		if (ctx)
			job_add_process(ctx->job, 0, 1);
		return 1;
	}
	sh_warn("%s: not found", name);
	redir_restore(saved);
	redir_close_after(redirs);
	if (ctx)
		job_add_process(ctx->job, 0, 127);
	return 127;
}

/* A program found at path (NULL: not found), with the prefix
 * assignments in its environment only. */
static int exec_program(const char *name, const char *path, char **argv,
			char **assigns, int nassigns,
			struct fdop_list *redirs,
			enum launch_strategy strategy, int flags,
			struct proc_ctx *ctx)
{
	refuse_readonly_assigns(assigns, nassigns);
	if (!path)
		return report_not_found(name, redirs, ctx);
	char **envp = nassigns ? var_environ_with(assigns, nassigns)
			       : var_environ();
	int st = exec_external(name, path, argv, envp, redirs, strategy, flags,
			       ctx);
	redir_close_after(redirs);
	return st;
}

/* The rest of a simple command once its words are expanded: `command`,
 * lookup, set -x, and running it here, in a child (ctx), or as a
 * program. */
static int exec_expanded(const struct node *n, char **argv, int argc,
			 char **assigns, int nassigns,
			 struct fdop_list *redirsp, int flags,
			 struct proc_ctx *ctx)
{
	struct command_prefix cp = strip_command_prefix(argv, argc);
	argv += cp.words;
	argc -= cp.words;
	if (argc == 0)
		return exec_assignments_only(n, argv, assigns, nassigns,
					     redirsp, flags, ctx);

	const char *name = argv[0];
	const struct builtin *b;
	struct func *f = NULL;
	if (cp.builtin_only) {
		b = builtin_lookup(name);
		if (!b) {
			sh_warn("builtin: %s: not a shell builtin", name);
			if (ctx)
				job_add_process(ctx->job, 0, 1);
			redir_close_after(redirsp);
			return 1;
		}
	} else {
		find_shell_command(name, cp.via_command, &b, &f);
	}
	bool program = !b && !f;
	enum launch_strategy strategy = strategy_current();
	const char *path = NULL;
	if (program) {
		int before = nassigns;
		if (!strategy_take_assignments(assigns, &nassigns,
					       &strategy))
			return 2;
		/* A command that names its strategy is launched with it,
		 * never exec'd in the shell's place. */
		if (nassigns != before)
			flags &= ~EXEC_EXIT;
		path = strchr(name, '/') ? name
					 : lookup_program(name, cp.default_path,
							  assigns, nassigns);
	}

	/* Traced here, in order, even when a child runs it. */
	if (OPT(xtrace) && !(flags & EXEC_TRACED))
		xtrace(assigns, nassigns, argv, argc);
	if (ctx && !program) {
		/* The child looks the name up again: with the `command`
		 * words, so `command echo | cat` skips a function echo. */
		struct deferred_simple d = { n, flags | EXEC_TRACED, true,
					     argv - cp.words, assigns,
					     argc + cp.words, nassigns, redirsp };
		return fork_for_ctx(ctx, run_deferred_simple, &d);
	}

	if (program)
		return exec_program(name, path, argv, assigns, nassigns,
				    redirsp, strategy, flags, ctx);
	if (b && (b->flags & BUILTIN_REPLACES_SHELL)) {
		int st = exec_replace(argc, argv, assigns, nassigns, redirsp,
				      cp.via_command);
		redir_close_after(redirsp);
		return st;
	}
	/* Shell code in this shell: builtin or function. */
	return exec_in_shell(b, f, argc, argv, assigns, nassigns, redirsp,
			     cp.via_command, flags);
}
