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

struct report {
	volatile int stage, err, failed_fdop;
};

/* Dispositions first, then group and terminal, then fds, then the mask:
 * glibc's and musl's order.  Returns only on failure. */
static int apply_trimmed(const struct launch_plan *plan, int *failed)
{
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
	if (plan->pgid >= 0 && setpgid(0, plan->pgid) < 0) {
		*failed = -2;
		return errno;
	}
	if (plan->foreground && plan->tty_fd >= 0 &&
	    tcsetpgrp(plan->tty_fd, getpgrp()) < 0) {
		*failed = -2;
		return errno;
	}
	for (int i = 0; i < plan->nfdops; i++) {
		int err = launch_fdop_apply(&plan->fdops[i]);
		if (err) {
			*failed = i;
			return err;
		}
	}
	sigprocmask(SIG_SETMASK, &plan->sigmask, NULL);
	execve(plan->path, plan->argv, plan->envp);
	*failed = -1;
	return errno;
}

/* The vfork child's own frame: nothing it keeps can overlap the parent's. */
__attribute__((noinline))
static void child(const struct launch_plan *plan, volatile struct report *r)
{
	int idx;
	int err = apply_trimmed(plan, &idx);
	r->err = err;
	r->failed_fdop = idx;
	r->stage = idx >= 0 ? LAUNCH_FAILED_FDOP :
		   idx == -1 ? LAUNCH_FAILED_EXEC : LAUNCH_FAILED_START;
	_exit(127);
}

static int trimmed_launch(const struct launch_plan *plan,
			  struct launch_result *res)
{
	volatile struct report rep = { LAUNCH_OK, 0, -1 };
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
	res->failed_fdop = rep.stage == LAUNCH_FAILED_FDOP ? rep.failed_fdop : -1;
	return -1;
}

const struct launch_strategy_ops course_student_ops = {
	.name = "trimmed",
	.launch = trimmed_launch,
};
