/* exec_pipeline.c - pipelines (XCU 2.9.2) and asynchronous commands
 * (XCU 2.9.3.1): one job each, members launched straight from the shell
 * when they are programs and in a forked shell when they are shell code;
 * and where each process of a job goes (its process group, the terminal). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "ast.h"
#include "error.h"
#include "jobs.h"
#include "options.h"

/* The text `jobs` shows for a job; only made when someone may see it
 * (job control on, or a background job), since formatting costs. */
struct proc_group proc_group_for(const struct proc_ctx *ctx)
{
	struct proc_group g = { LAUNCH_PGID_INHERIT, false, false };
	bool jc = job_control_on();
	if (!ctx) {
		/* A foreground command under job control: a group of its own
		 * and the terminal, set up in the child before it execs. */
		if (jc) {
			g.pgid = LAUNCH_PGID_NEW;
			g.foreground = job_tty_fd >= 0;
		}
		return g;
	}
	g.detached = ctx->background && !jc;
	if (jc && ctx->job && !ctx->shell_group) {
		/* The first process makes the job's group (and takes the
		 * terminal for a foreground job); the others join it. */
		pid_t have = job_pgid(ctx->job);
		g.pgid = have > 0 ? have : LAUNCH_PGID_NEW;
		g.foreground = !ctx->background && have <= 0 && job_tty_fd >= 0;
	}
	return g;
}

void proc_group_adopt(const struct proc_group *g, struct job *job,
		      pid_t pid)
{
	if (g->pgid == LAUNCH_PGID_INHERIT || pid <= 0)
		return;
	if (job_pgid(job) <= 0)
		job_set_pgid(job, pid);
	/* The child calls setpgid too; whichever of the two runs first, the
	 * group exists before the parent launches the next process of the
	 * job into it, hands it the terminal or waits for it (the child may
	 * not have run yet: fork and posix_spawn return before it does). */
	setpgid(pid, job_pgid(job));
}

const char *job_text(const struct node *n, bool background)
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

/* ---- background ---- */

int exec_background(const struct node *body)
{
	job_reap(true);
	if (body->kind == NODE_PIPE) {
		exec_pipeline(body, true);
		return 0;
	}
	struct job *job = job_new(1, job_text(body, true));
	struct proc_ctx ctx = { .in = -1, .out = -1, .close_in_child = -1,
				.job = job, .background = true, .first = true };
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
	job_add_process(job, pid, FORK_FAILED_STATUS);
	job_background(job);
	return 0;
}

/* ---- pipelines ---- */

int exec_pipeline(const struct node *n, bool background)
{
	int ncmds = n->u.pipe.ncmds;
	struct job *job = job_new(ncmds, job_text(n, background));
	int prev_read = -1;
	int pipe_errno = 0;
	for (int i = 0; i < ncmds; i++) {
		int p[2] = { -1, -1 };
		if (i < ncmds - 1 && pipe2(p, O_CLOEXEC) < 0) {
			pipe_errno = errno;
			if (prev_read >= 0)
				close(prev_read);
			break;
		}
		struct proc_ctx ctx = { .in = prev_read, .out = p[1],
					.close_in_child = p[0], .job = job,
					.background = background,
					.first = i == 0 };
		const struct node *cmd = n->u.pipe.cmds[i];
		struct arena_mark mark = arena_mark(cmd_arena);
		if (cmd->kind == NODE_SIMPLE) {
			exec_simple(cmd, 0, &ctx);
		} else {
			pid_t pid = fork_shell(&ctx);
			if (pid == 0)
				run_subshell_body(cmd, 0);
			job_add_process(job, pid, FORK_FAILED_STATUS);
		}
		arena_release(cmd_arena, mark);
		if (prev_read >= 0)
			close(prev_read);
		if (p[1] >= 0)
			close(p[1]);
		prev_read = p[0];
	}
	if (pipe_errno) {
		/* The members already started get their EOF and are waited
		 * for; then the pipeline is an error, never a status that `!`,
		 * `&&` or `if` could take for success. */
		if (background)
			job_background(job);
		else
			job_wait_foreground(job);
		sh_error("cannot create pipe: %s", strerror(pipe_errno));
	}
	if (background) {
		job_background(job);
		return 0;
	}
	return job_wait_foreground(job);
}
