/* launch_vfork.c - the vfork strategy: vfork(2); the child borrows the
 * shell's memory and stack, applies the plan (launch_child.c) and execs
 * or _exits.
 *
 * Owns only the vfork and the parent's side of it.  Must not print.  The
 * child may touch nothing but the plan (read only) and the report below,
 * which lives in this function's frame: the parent is suspended until the
 * child execs or exits, so when vfork returns in the parent the report is
 * final and needs no pipe.
 *
 * Signals are blocked across the call, and stay blocked in the child until
 * launch_apply_and_exec has reset every disposition that has a handler
 * (see launch_child.c): a shell handler running in the child would write
 * the shell's memory from the wrong process.
 *
 * Under valgrind, vfork is run as a plain fork, so the report is written
 * into a copy and a failure reads as success followed by exit status 127;
 * test failure paths natively. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2, clone, vfork, F_DUPFD_CLOEXEC */
#endif
#include "launch.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The child's whole life, in a frame of its own below the parent's: the
 * compiler may give a slot of vfork_launch's frame to a parent variable
 * and a child-only temporary alike (their lives do not overlap in the
 * code), so the child keeps its temporaries out of that frame. */
__attribute__((noinline, noreturn))
static void vfork_child(const struct launch_plan *plan,
			volatile struct launch_failure *rep)
{
	*rep = launch_apply_and_exec(plan);
	_exit(127);
}

static int vfork_launch(const struct launch_plan *plan,
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
		vfork_child(plan, &rep);
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

const struct launch_strategy_ops launch_vfork_ops = {
	.name = "vfork",
	.launch = vfork_launch,
};
