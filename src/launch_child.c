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
 * The order of work in the child, chosen to match what glibc's
 * posix_spawn does with the same plan, so that all four strategies behave
 * alike even when something fails half-way:
 *   1. block every signal (the strategies already did; a subshell may not)
 *   2. setpgid, then tcsetpgrp: before the fd operations, so a child that
 *      blocks opening a FIFO is already the foreground job (^C reaches it),
 *      and SIGTTOU cannot stop us because it is blocked
 *   3. the fd operations, in plan order
 *   4. dispositions: sigign -> SIG_IGN, sigdfl -> SIG_DFL, and any other
 *      signal that still has a handler -> SIG_DFL (execve would reset it
 *      anyway; doing it now means no shell handler can ever run in a child
 *      that shares the shell's memory, even if the plan forgot one)
 *   5. the plan's signal mask
 *   6. execve */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2, clone, vfork, F_DUPFD_CLOEXEC */
#endif
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

/* 65 on Linux: the kernel's _NSIG. */
#define CHILD_NSIG 65

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

static void reset_dispositions(const struct launch_plan *plan)
{
	struct sigaction sa, old;

	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	for (int sig = 1; sig < CHILD_NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		if (sigismember(&plan->sigign, sig) == 1) {
			sa.sa_handler = SIG_IGN;
		} else if (sigismember(&plan->sigdfl, sig) == 1) {
			sa.sa_handler = SIG_DFL;
		} else {
			/* glibc refuses its internal signals: EINVAL, skip */
			if (sigaction(sig, NULL, &old) < 0)
				continue;
			if (old.sa_handler == SIG_DFL || old.sa_handler == SIG_IGN)
				continue;
			sa.sa_handler = SIG_DFL;
		}
		sigaction(sig, &sa, NULL);
	}
}

int launch_apply_and_exec(const struct launch_plan *plan, int *failed_fdop)
{
	sigset_t all;
	int err;

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);

	*failed_fdop = -2;
	if (plan->pgid >= 0 && setpgid(0, plan->pgid) < 0)
		return errno;
	if (plan->foreground && tcsetpgrp(plan->tty_fd, getpgrp()) < 0)
		return errno;

	for (int i = 0; i < plan->nfdops; i++) {
		err = launch_fdop_apply(&plan->fdops[i]);
		if (err) {
			*failed_fdop = i;
			return err;
		}
	}

	reset_dispositions(plan);
	sigprocmask(SIG_SETMASK, &plan->sigmask, NULL);

	execve(plan->path, plan->argv, plan->envp);
	err = errno;
	*failed_fdop = -1;
	/* The plan's mask stays: a subshell that replaced itself goes on
	 * with ENOEXEC to run the file as a script, as the program would
	 * have started. */
	return err;
}
