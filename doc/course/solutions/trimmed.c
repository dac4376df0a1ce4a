/* trimmed.c - reference solution, exercise 5: a vfork strategy whose child
 * touches only the signals that need it, as musl's posix_spawn child does:
 * those the plan resets (sigdfl) or ignores (sigign), and those that ever
 * had a handler in the parent (course_handled, which the harness keeps as
 * musl's sigaction does).  Every other signal is already at SIG_DFL or
 * SIG_IGN, and execve keeps both, so a system call for it changes nothing.
 * For instructors. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "launch.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern sigset_t course_handled;

/* Dispositions first, then group and terminal, then fds, then the mask:
 * glibc's and musl's order.  Returns only on failure. */
static struct launch_failure apply_trimmed(const struct launch_plan *plan)
{
	struct launch_failure f = { LAUNCH_FAILED_START, 0, -1 };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	for (int sig = 1; sig < NSIG; sig++) {
		if (sigismember(&plan->sigign, sig) == 1)
			sa.sa_handler = SIG_IGN;
		else if (sigismember(&plan->sigdfl, sig) == 1 ||
			 sigismember(&course_handled, sig) == 1)
			sa.sa_handler = SIG_DFL;
		else
			continue;
		sigaction(sig, &sa, NULL);
	}
	if (plan->pgid >= 0 && setpgid(0, plan->pgid) < 0)
		goto failed;
	if (plan->foreground && plan->tty_fd >= 0 &&
	    tcsetpgrp(plan->tty_fd, getpgrp()) < 0)
		goto failed;
	for (int i = 0; i < plan->nfdops; i++) {
		f.err = launch_fdop_apply(&plan->fdops[i]);
		if (f.err) {
			f.stage = LAUNCH_FAILED_FDOP;
			f.fdop = i;
			return f;
		}
	}
	sigprocmask(SIG_SETMASK, &plan->sigmask, NULL);
	execve(plan->path, plan->argv, plan->envp);
	f.stage = LAUNCH_FAILED_EXEC;
failed:
	f.err = errno;
	return f;
}

/* The vfork child's own frame: nothing it keeps can overlap the parent's. */
__attribute__((noinline))
static void child(const struct launch_plan *plan,
		  volatile struct launch_failure *r)
{
	*r = apply_trimmed(plan);
	_exit(127);
}

static int trimmed_launch(const struct launch_plan *plan,
			  struct launch_result *res)
{
	volatile struct launch_failure rep = { LAUNCH_OK, 0, -1 };
	sigset_t all, old;
	memset(res, 0, sizeof *res);
	res->failed_fdop = -1;
	res->t_start_ns = launch_now_ns();
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid_t pid = vfork();
	if (pid == 0)
		child(plan, &rep);
	int err = errno;
	uint64_t t_back = launch_now_ns();
	if (pid < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		res->stage = LAUNCH_FAILED_START;
		res->err = err;
		return -1;
	}
	if (rep.stage == LAUNCH_OK) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		res->pid = pid;
		res->t_exec_ns = t_back;
		return 0;
	}
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	sigprocmask(SIG_SETMASK, &old, NULL);
	res->stage = rep.stage;
	res->err = rep.err;
	res->failed_fdop = rep.fdop;
	return -1;
}

const struct launch_strategy_ops course_student_ops = {
	.name = "trimmed",
	.launch = trimmed_launch,
};
