/* launch_child.c - carries out a launch plan in the calling process and
 * execs: the one plan applier shared by the fork, vfork and clone children
 * and by a subshell that replaces itself with its last program; also the
 * single fd operation the shell applies to itself for builtins.
 *
 * Everything here must be async-signal-safe and must not touch memory it
 * does not own: the vfork and clone children run it in the shell's own
 * address space.  So: no malloc, no stdio, no locks, no globals written;
 * only system calls through AS-safe wrappers, and errno read right after
 * the call that set it (the parent is suspended, so its errno is ours).
 *
 * The order of work, the one glibc's and musl's posix_spawn children
 * follow, so that all four strategies behave alike even when something
 * fails half-way.  The caller (the strategy, or plan.c for a launch in
 * place) has blocked every signal before the child exists.
 *   1. dispositions: sigign -> SIG_IGN, sigdfl -> SIG_DFL, and no other
 *      signal is touched.  The plan's sigdfl names every signal that has
 *      or had a handler in the shell (trap.c keeps that record, as musl
 *      keeps one in libc), so after this step no shell handler can run in
 *      a child that shares the shell's memory.  glibc asks the kernel about
 *      every one of the 64 signals instead; tine knows the answer.
 *   2. setpgid, then tcsetpgrp: before the fd operations, so a child that
 *      blocks opening a FIFO is already the foreground job (^C reaches it),
 *      and SIGTTOU cannot stop us because it is still blocked.
 *   3. only when the plan opens a file: the plan's mask, but with TSTP,
 *      TTIN and TTOU still blocked.  An open can block (a FIFO with no
 *      partner, a terminal); with signals unblocked now that every
 *      disposition is harmless, ^C and ^\ end the child there (130, 131)
 *      and the shell, which waits for it, gets its terminal back.  This is
 *      where tine parts from glibc, whose child opens with everything
 *      blocked and so cannot be interrupted.  A stop signal stays blocked:
 *      a child stopped before its exec would hold a vfork parent (and the
 *      fork parent reading its report) suspended with no way to type fg.
 *   4. the fd operations, in plan order.
 *   5. a stop signal that arrived during the opens is discarded (it would
 *      stop us before execve, with the same result as above); then the
 *      plan's signal mask.
 *   6. execve. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2, clone, vfork, F_DUPFD_CLOEXEC */
#endif
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

/* FDOP_OPEN with noclobber (XCU 2.7.2): never truncate an existing regular
 * file, but still open existing FIFOs, devices and the like. */
static int open_noclobber(const struct fdop *op)
{
	int fd = open(op->path, op->oflags | O_CREAT | O_EXCL, 0666);
	if (fd >= 0 || errno != EEXIST)
		return fd;
	/* O_TRUNC must go too: it would truncate the regular file we are
	 * about to refuse before fstat could tell us what it is. */
	fd = open(op->path, op->oflags & ~(O_CREAT | O_EXCL | O_TRUNC));
	if (fd < 0) {
		/* a dangling symlink: EEXIST above, ENOENT now */
		if (errno == ENOENT)
			errno = EEXIST;
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		close(fd);
		errno = EEXIST;
		return -1;
	}
	return fd;
}

int launch_fdop_apply(const struct fdop *op)
{
	int fd, flags, err;

	switch (op->kind) {
	case FDOP_OPEN:
		if (op->noclobber)
			fd = open_noclobber(op);
		else
			fd = open(op->path, op->oflags, 0666);
		if (fd < 0)
			return errno;
		if (fd == op->fd)
			return 0;
		if (dup2(fd, op->fd) < 0) {
			err = errno;
			close(fd);
			return err;
		}
		close(fd);
		return 0;
	case FDOP_DUP2:
		if (op->src != op->fd)
			return dup2(op->src, op->fd) < 0 ? errno : 0;
		/* dup2(n, n) is a no-op that would leave FD_CLOEXEC set (the
		 * shell's own fds are close-on-exec): `cmd 6<&6` must hand fd
		 * 6 to the program, so clear the flag instead. */
		flags = fcntl(op->fd, F_GETFD);
		if (flags < 0)
			return errno;
		if ((flags & FD_CLOEXEC) &&
		    fcntl(op->fd, F_SETFD, flags & ~FD_CLOEXEC) < 0)
			return errno;
		return 0;
	case FDOP_CLOSE:
		/* closing what is not open is fine (`cmd 5>&-`); EINTR still
		 * closed the fd on Linux */
		if (close(op->fd) < 0 && errno != EBADF && errno != EINTR)
			return errno;
		return 0;
	}
	return EINVAL;
}

static void set_dispositions(const struct launch_plan *plan)
{
	struct sigaction sa;

	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	for (int sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		if (sigismember(&plan->sigign, sig) == 1)
			sa.sa_handler = SIG_IGN;
		else if (sigismember(&plan->sigdfl, sig) == 1)
			sa.sa_handler = SIG_DFL;
		else
			continue;
		sigaction(sig, &sa, NULL);
	}
}

static bool plan_opens(const struct launch_plan *plan)
{
	for (int i = 0; i < plan->nfdops; i++)
		if (plan->fdops[i].kind == FDOP_OPEN)
			return true;
	return false;
}

static const int stop_signals[] = { SIGTSTP, SIGTTIN, SIGTTOU };

/* Step 5: a pending stop signal the program's mask would let through is
 * thrown away (setting SIG_IGN discards a pending signal), then the
 * disposition goes back to what it was. */
static void discard_pending_stops(const struct launch_plan *plan)
{
	sigset_t pending;

	if (sigpending(&pending) < 0)
		return;
	for (int i = 0; i < 3; i++) {
		int sig = stop_signals[i];
		if (sigismember(&pending, sig) != 1 ||
		    sigismember(&plan->sigmask, sig) == 1)
			continue;
		struct sigaction ign, old;
		ign.sa_handler = SIG_IGN;
		ign.sa_flags = 0;
		sigemptyset(&ign.sa_mask);
		if (sigaction(sig, &ign, &old) == 0)
			sigaction(sig, &old, NULL);
	}
}

struct launch_failure launch_apply_and_exec(const struct launch_plan *plan)
{
	struct launch_failure f = { LAUNCH_FAILED_START, 0, -1 };

	set_dispositions(plan);

	if (plan->pgid >= 0 && setpgid(0, plan->pgid) < 0)
		goto failed;
	if (plan->foreground && tcsetpgrp(plan->tty_fd, getpgrp()) < 0)
		goto failed;

	bool opens = plan_opens(plan);
	if (opens) {
		sigset_t during = plan->sigmask;
		for (int i = 0; i < 3; i++)
			sigaddset(&during, stop_signals[i]);
		sigprocmask(SIG_SETMASK, &during, NULL);
	}
	for (int i = 0; i < plan->nfdops; i++) {
		f.err = launch_fdop_apply(&plan->fdops[i]);
		if (f.err) {
			f.stage = LAUNCH_FAILED_FDOP;
			f.fdop = i;
			return f;
		}
	}
	if (opens)
		discard_pending_stops(plan);
	sigprocmask(SIG_SETMASK, &plan->sigmask, NULL);

	execve(plan->path, plan->argv, plan->envp);
	f.stage = LAUNCH_FAILED_EXEC;
	/* The plan's fds, dispositions and mask stay: a caller that ran
	 * the plan in place puts its own back (plan.c). */
failed:
	f.err = errno;
	return f;
}
