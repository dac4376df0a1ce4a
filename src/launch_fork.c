/* launch_fork.c - the fork strategy: fork(2), the child applies the plan
 * and execs (launch_child.c).
 *
 * Owns only the fork and the parent's side of it.  Must not print, and
 * must not let a shell signal handler run between fork and knowing how
 * the exec went: a SIGCHLD handler that reaps would steal the status of a
 * child that failed, so signals stay blocked until the report is read.
 *
 * The child reports a failure through a close-on-exec pipe (the fork
 * child has its own memory): EOF means execve succeeded, a record means
 * it did not.  The record is smaller than PIPE_BUF, so it arrives whole.
 *
 * Deferred (launch_fork_deferred): the same child, but the parent does not
 * read the pipe.  It hands the read end back in res->report_fd and goes
 * on; the record (or EOF) is collected after the child is reaped
 * (launch_collect).  This is what an asynchronous plan whose open may
 * block needs (launch.c): only a child with memory of its own can wait in
 * an open while the shell runs on, and only a parent that does not read
 * the report can go on before the open is done. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2, clone, vfork, F_DUPFD_CLOEXEC */
#endif
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The first fd above every fd the plan names, so the report pipe can
 * neither be clobbered by an fd operation nor stand in for an fd the plan
 * expects to be closed (`cmd 7>&-` or `dup2(7,1)` with 7 not open). */
static int plan_fd_floor(const struct launch_plan *plan)
{
	int floor = 3;

	for (int i = 0; i < plan->nfdops; i++) {
		const struct fdop *op = &plan->fdops[i];
		if (op->fd >= floor)
			floor = op->fd + 1;
		if (op->kind == FDOP_DUP2 && op->src >= floor)
			floor = op->src + 1;
	}
	if (plan->foreground && plan->tty_fd >= floor)
		floor = plan->tty_fd + 1;
	return floor;
}

/* True when an op of the plan (or its terminal) uses fd. */
static bool plan_names_fd(const struct launch_plan *plan, int fd)
{
	for (int i = 0; i < plan->nfdops; i++) {
		const struct fdop *op = &plan->fdops[i];
		if (op->fd == fd || (op->kind == FDOP_DUP2 && op->src == fd))
			return true;
	}
	return plan->foreground && plan->tty_fd == fd;
}

static int move_above(int fd, int floor, const struct launch_plan *plan)
{
	if (fd >= floor)
		return fd;
	int high = fcntl(fd, F_DUPFD_CLOEXEC, floor);
	/* Nothing free above the plan's fds (ulimit -n 10): where the pipe
	 * already is will do when the plan does not use that fd. */
	if (high < 0 && !plan_names_fd(plan, fd))
		return fd;
	int err = errno;
	close(fd);
	errno = err;
	return high;
}

/* The child's report from the pipe: true when it wrote one (its launch
 * failed), false at EOF, which close-on-exec gives a successful execve. */
static bool read_report(int fd, struct launch_failure *rep)
{
	size_t got = 0;
	while (got < sizeof *rep) {
		ssize_t n = read(fd, (char *)rep + got, sizeof *rep - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got == sizeof *rep;
}

static void fail_start(struct launch_result *res, int err)
{
	res->stage = LAUNCH_FAILED_START;
	res->err = err;
	res->failed_fdop = -1;
}

/* `script_shell path args...`, with the plan already applied; our own
 * memory, so the argument vector can live on this stack. */
static int exec_as_script(const struct launch_plan *plan)
{
	int argc = 0;
	while (plan->argv[argc])
		argc++;
	char *v[argc + 3];
	int n = 0;
	v[n++] = (char *)plan->script_shell;
	v[n++] = (char *)plan->path;
	for (int i = 1; i < argc; i++)
		v[n++] = plan->argv[i];
	v[n] = NULL;
	execve(plan->script_shell, v, plan->envp);
	return errno;
}

static int fork_run(const struct launch_plan *plan,
		    struct launch_result *res, bool deferred)
{
	sigset_t all, old;
	int p[2];

	memset(res, 0, sizeof *res);
	res->failed_fdop = -1;
	res->detour_fdop = -1;
	res->report_fd = -1;
	res->ran = LAUNCH_FORK;
	res->t_start_ns = launch_now_ns();

	if (pipe2(p, O_CLOEXEC) < 0) {
		fail_start(res, errno);
		return -1;
	}
	int floor = plan_fd_floor(plan);
	p[0] = move_above(p[0], floor, plan);
	p[1] = move_above(p[1], floor, plan);
	if (p[0] < 0 || p[1] < 0) {
		int err = errno;
		if (p[0] >= 0)
			close(p[0]);
		if (p[1] >= 0)
			close(p[1]);
		fail_start(res, err);
		return -1;
	}

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);

	pid_t pid = fork();
	if (pid == 0) {
		struct launch_failure rep;
		rep = launch_apply_and_exec(plan);
		if (deferred && rep.stage == LAUNCH_FAILED_EXEC &&
		    rep.err == ENOEXEC && plan->script_shell)
			rep.err = exec_as_script(plan);
		/* p[1] may be gone only if the plan closed it, which
		 * plan_fd_floor rules out; nothing to do if write fails */
		ssize_t n = write(p[1], &rep, sizeof rep);
		(void)n;
		_exit(127);
	}
	if (pid < 0) {
		int err = errno;
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(p[0]);
		close(p[1]);
		fail_start(res, err);
		return -1;
	}

	/* Both sides set the group, so that neither the shell (job table,
	 * the next pipeline member joining it) nor the program can see the
	 * child outside it; EACCES after the child's exec is harmless. */
	if (plan->pgid >= 0)
		setpgid(pid, plan->pgid ? plan->pgid : pid);
	close(p[1]);

	if (deferred) {
		/* no SIGCHLD handler can steal the status: the report is
		 * read by whoever reaps the child */
		sigprocmask(SIG_SETMASK, &old, NULL);
		res->pid = pid;
		res->stage = LAUNCH_OK;
		res->report_fd = p[0];
		return 0;
	}

	struct launch_failure rep;
	bool failed = read_report(p[0], &rep);
	uint64_t t_eof = launch_now_ns();
	close(p[0]);

	if (!failed) {
		/* EOF: close-on-exec closed the pipe in a successful execve
		 * (or the child died first, which its wait status shows) */
		sigprocmask(SIG_SETMASK, &old, NULL);
		res->pid = pid;
		res->stage = LAUNCH_OK;
		res->t_exec_ns = t_eof;
		return 0;
	}

	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	sigprocmask(SIG_SETMASK, &old, NULL);
	res->pid = 0;
	res->stage = rep.stage;
	res->err = rep.err;
	res->failed_fdop = rep.fdop;
	return -1;
}

static int fork_launch(const struct launch_plan *plan,
		       struct launch_result *res)
{
	return fork_run(plan, res, false);
}

int launch_fork_deferred(const struct launch_plan *plan,
			 struct launch_result *res)
{
	return fork_run(plan, res, true);
}

int launch_collect(int report_fd, struct launch_result *res)
{
	struct launch_failure rep;
	bool failed = read_report(report_fd, &rep);
	close(report_fd);
	if (!failed) {
		res->stage = LAUNCH_OK;
		return 0;
	}
	res->stage = rep.stage;
	res->err = rep.err;
	res->failed_fdop = rep.fdop;
	return -1;
}

const struct launch_strategy_ops launch_fork_ops = {
	.name = "fork",
	.launch = fork_launch,
};
