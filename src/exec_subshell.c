/* exec_subshell.c - forking the shell to run shell code in a child:
 * ( ) subshells (XCU 2.9.4), pipeline members and background commands
 * that are shell code, and command substitution (XCU 2.6.3). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "expand.h"
#include "jobs.h"
#include "options.h"
#include "pipe_peek.h"
#include "subshell_inline.h"
#include "trap.h"

bool cmdsub_ran;

/* ---- forking the shell ---- */

/* What a freshly forked child does to become a subshell, whatever it
 * runs: it leaves the parent's inline-subshell and pipe-peek state, its
 * loops, its traps and its interactivity behind.  g, when given, is the
 * process group to join first (and the terminal to take), while the
 * inherited dispositions still keep SIGTTOU harmless. */
static void become_forked_shell(const struct proc_group *g)
{
	in_subshell = true;
	subshell_inline_forget();
	pipe_peek_forget();
	/* The parent's loops are out of reach (XCU 2.13: a subshell cannot
	 * change them); break or continue aimed at them ends the subshell,
	 * as in dash. */
	exec_loops_outside = exec_loop_depth > 0;
	exec_loop_depth = 0;
	if (g && g->pgid != LAUNCH_PGID_INHERIT) {
		setpgid(0, g->pgid);
		if (g->foreground)
			tcsetpgrp(job_tty_fd, getpgrp());
	}
	trap_reset_for_subshell();
	shell_opts[OPT_monitor] = false;
	shell_opts[OPT_interactive] = false;
}

/* Forks a subshell for shell code.  In the child: becomes part of the
 * job's process group (job control), takes the terminal when foreground,
 * drops traps, connects the pipe ends.  Returns the pid in the parent and
 * 0 in the child.  A failed fork (ulimit -u, EAGAIN) is a message and -1:
 * the caller records the command as failed (FORK_FAILED_STATUS, as a
 * program that cannot start) and the shell goes on, as bash does. */
pid_t fork_shell(struct proc_ctx *ctx)
{
	fflush(stdout);
	fflush(stderr);
	struct proc_group g = proc_group_for(ctx);
	pid_t pid = fork();
	if (pid < 0) {
		sh_warn("cannot fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		become_forked_shell(&g);
		if (g.detached) {
			trap_ignore_for_async_list();
			if (ctx->in < 0 && ctx->first) {
				int fd = open("/dev/null", O_RDONLY);
				if (fd >= 0 && fd != 0) {
					dup2(fd, 0);
					close(fd);
				}
			}
		}
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
	if (ctx && ctx->job)
		proc_group_adopt(&g, ctx->job, pid);
	return pid;
}

/* Runs n in this (already forked) subshell and exits with its status. */
_Noreturn void run_subshell_body(const struct node *n, int flags)
{
	struct unwind_point up;
	unwind_top = NULL;
	if (sigsetjmp(up.env, 0))
		shell_exit(last_status);
	unwind_push(&up);
	exec_node(n, (flags & EXEC_TESTED) | EXEC_EXIT);
	/* A signal trapped during the last command still has its action
	 * run before the subshell ends ({ trap ... TERM; sleep 9; } &). */
	if (trap_pending) {
		int st = last_status;
		trap_run_pending();
		last_status = st;
	}
	shell_exit(last_status);
}

int exec_subshell(const struct node *n, int flags)
{
	if ((flags & EXEC_EXIT) && exec_may_replace_shell()) {
		/* Already the last thing this process does: no need to fork
		 * (unless a trap still runs after it, and must not see what
		 * the subshell changed). */
		run_subshell_body(n->u.unary.body, flags);
	}
	/* Shell code runs in this shell when its effects can be undone
	 * (subshell_inline.c decides and says why not). */
	const char *why = subshell_inline_reason(n->u.unary.body, false);
	int st;
	if (!why && subshell_run_inline(n->u.unary.body, flags, NULL, &st)) {
		subshell_trace(false, NULL);
		return st;
	}
	subshell_trace(false, why ? why : "cannot save the state");
	struct job *job = job_new(1, job_text(n, false));
	struct proc_ctx ctx = { .in = -1, .out = -1, .close_in_child = -1,
				.job = job, .first = true };
	pid_t pid = fork_shell(&ctx);
	if (pid == 0)
		run_subshell_body(n->u.unary.body, flags);
	job_add_process(job, pid, FORK_FAILED_STATUS);
	return job_wait_foreground(job);
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
	       !assigns_expansion_has_effects(n->u.simple.assigns) &&
	       !redirs_expansion_has_effects(n->redirs);
}

bool exec_cmdsub_disabled;

void exec_cmdsub(const struct node *body, struct strbuf *out)
{
	if (exec_cmdsub_disabled) {
		last_status = 0;
		return;
	}
	/* Shell code runs in this shell when it can (subshell_inline.c); a
	 * lone program is launched straight onto a pipe; anything else forks
	 * the shell. */
	const char *why = subshell_inline_reason(body, true);
	if (!why) {
		int st;
		if (subshell_run_inline(body, 0, out, &st)) {
			subshell_trace(true, NULL);
			cmdsub_ran = true;
			return;
		}
		why = "cannot save the state";
	}
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		sh_error("cannot create pipe: %s", strerror(errno));
	if (cmdsub_direct_candidate(body)) {
		struct job *job = job_new(1, "$( )");
		/* Not a job of its own under job control (shell_group): the
		 * substitution belongs to the command being expanded. */
		struct proc_ctx ctx = { .in = -1, .out = p[1],
					.close_in_child = p[0], .job = job,
					.first = true, .shell_group = true,
					.fork_reason = why };
		struct unwind_point up;
		if (sigsetjmp(up.env, 0)) {
			close(p[0]);
			close(p[1]);
			sh_raise(exc_raised);
		}
		unwind_push(&up);
		exec_simple(body, 0, &ctx);
		unwind_pop(&up);
		close(p[1]);
		read_all(p[0], out);
		close(p[0]);
		last_status = job_wait_foreground(job);
		cmdsub_ran = true;
		return;
	}
	subshell_trace(true, why);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		int err = errno;
		close(p[0]);
		close(p[1]);
		sh_warn("cannot fork: %s", strerror(err));
		last_status = FORK_FAILED_STATUS;
		cmdsub_ran = true;
		return;
	}
	if (pid == 0) {
		become_forked_shell(NULL);
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
