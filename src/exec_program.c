/* exec_program.c - running programs: PATH search and the launch
 * request handed to plan.c (where the program's fds, process group and
 * terminal come from); exec, which replaces the shell with a program. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec_internal.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "jobs.h"
#include "options.h"
#include "path.h"
#include "plan.h"
#include "quote.h"
#include "redir.h"
#include "strategy.h"
#include "trap.h"
#include "vars.h"

/* PATH search for name; a prefix assignment PATH=... applies to this
 * one search (and is not remembered in the hash table). */
const char *lookup_program(const char *name, bool default_path,
			   char **assigns, int nassigns)
{
	/* command -p: a fresh search of the default PATH, never the hashed
	 * location (which came from $PATH). */
	if (default_path)
		return path_search(name, path_default);
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

int exec_external(const char *name, const char *path, char **argv,
		  char **envp, const struct fdop_list *redirs,
		  enum launch_strategy strategy, int flags,
		  struct proc_ctx *ctx)
{
	struct plan_request rq = { 0 };
	rq.name = name;
	rq.path = path;
	rq.argv = argv;
	rq.envp = envp;
	rq.redirs = redirs;
	rq.strategy = strategy;
	struct proc_group g = proc_group_for(ctx);
	rq.pgid = g.pgid;
	rq.foreground = g.foreground;
	rq.background = g.detached;
	/* The shell goes on without this program: `&` (with or without job
	 * control), a pipeline member before the last, the program of $( ). */
	rq.async = ctx && (ctx->background || ctx->out >= 0);
	struct fdop_list pre = { 0 };
	struct fdop ops[3];
	memset(ops, 0, sizeof ops);
	pre.ops = ops;
	if (ctx) {
		if (g.detached && ctx->in < 0 && ctx->first) {
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
	}
	rq.pre = &pre;
	if ((flags & EXEC_EXIT) && !ctx && exec_may_replace_shell())
		return plan_exec_in_place(&rq);
	int status = 0;
	pid_t pid = plan_launch(&rq, &status);
	if (ctx) {
		if (ctx->job)
			proc_group_adopt(&g, ctx->job, pid);
		job_add_process(ctx->job, pid, status);
		return status;
	}
	if (pid <= 0)
		return status;
	struct job *job = job_new(1, OPT(monitor) ? argv_text(argv) : "");
	proc_group_adopt(&g, job, pid);
	job_add_process(job, pid, 0);
	return job_wait_foreground(job);
}


/* exec [command [args]] with its redirections and assignments: without
 * a command the redirections and assignments stay; with one, the shell
 * becomes the program (XCU 2.15 exec). */
int exec_replace(int argc, char **argv, char **assigns, int nassigns,
		 const struct fdop_list *redirs, bool via_command)
{
	int first = 1;
	if (first < argc && strcmp(argv[first], "--") == 0)
		first++;
	if (first >= argc) {
		/* A failing redirection is a special-builtin error, except
		 * through `command exec`, which just fails (XCU 2.8.1). */
		if (redirs && redirs->n && !redir_apply(redirs, NULL)) {
			if (!OPT(interactive) && !via_command)
				command_failed(1);
			return 1;
		}
		assign_vars(assigns, nassigns, 0);
		return 0;
	}
	enum launch_strategy strategy = strategy_current();
	if (!strategy_take_assignments(assigns, &nassigns, &strategy))
		return 2;
	const char *name = argv[first];
	struct plan_request rq = { 0 };
	/* Its failures are exec's: "exec: prog: not found" (dash, bash). */
	size_t nl = strlen(name);
	char *ename = talloc(nl + 7);
	memcpy(ename, "exec: ", 6);
	memcpy(ename + 6, name, nl + 1);
	rq.name = ename;
	/* PATH=dir exec prog searches dir, as for any program (dash, bash). */
	rq.path = strchr(name, '/') ? name
				    : lookup_program(name, false, assigns, nassigns);
	rq.argv = argv + first;
	/* exec's prefix assignments go to the program's environment. */
	rq.envp = nassigns ? var_environ_with(assigns, nassigns) : var_environ();
	rq.redirs = redirs;
	rq.pgid = LAUNCH_PGID_INHERIT;
	rq.strategy = strategy;
	int st = plan_exec_in_place(&rq);
	if (!OPT(interactive))
		shell_exit(st);
	return st;
}
