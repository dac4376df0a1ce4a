/* launch_spawn.c - the posix_spawn strategy: posix_spawn(3) with file
 * actions and attributes that say what the plan says.
 *
 * Owns the translation of a plan into glibc's spawn language and the
 * diagnosis of a failed spawn.  Must not print.  glibc (2.36 here) runs
 * its child in the order: dispositions (SETSIGDEF, and every other signal
 * that has a handler, found by asking the kernel about all 64), setpgid
 * (SETPGROUP), the file actions in order, the mask (SETSIGMASK), execve;
 * musl's order is the same.  launch_child.c follows it, so all four
 * strategies fail alike half-way, with one addition glibc cannot express:
 * its file actions run with every signal blocked, so a plan with an open
 * that may block never comes here (launch.c sends it to vfork, whose
 * child can be interrupted in the open), nor does an asynchronous one
 * with such an open (fork, deferred).  The plan maps as:
 *
 *   pgid >= 0          POSIX_SPAWN_SETPGROUP
 *   foreground         posix_spawn_file_actions_addtcsetpgrp_np(tty_fd),
 *                      the first file action (right after setpgid)
 *   FDOP_OPEN          addopen; noclobber is resolved here (below)
 *   FDOP_DUP2          adddup2; glibc >= 2.29 clears FD_CLOEXEC when
 *                      src == fd, which is the plan's meaning (checked on
 *                      2.36: the fd reaches the program)
 *   FDOP_CLOSE         addclose (glibc ignores closing a closed fd)
 *   sigdfl             POSIX_SPAWN_SETSIGDEF (glibc also resets every
 *                      other signal that has a handler, as we do)
 *   sigign             no attribute can say "ignore": the parent sets those
 *                      signals to SIG_IGN around the call, with every
 *                      signal blocked so no handler is missed meanwhile;
 *                      the child inherits SIG_IGN.  A signal of that kind
 *                      already pending in the shell is discarded by the
 *                      change (POSIX), an accepted cost: these are INT and
 *                      QUIT for an asynchronous list without job control.
 *   sigmask            POSIX_SPAWN_SETSIGMASK
 *
 * noclobber: an existing non-regular file (/dev/null, a FIFO) is opened
 * without O_CREAT, O_EXCL and O_TRUNC; anything else with O_CREAT|O_EXCL,
 * so an existing regular file fails with EEXIST at its place in the
 * order, after the earlier actions ran, as in the other strategies.
 *
 * Diagnosis: posix_spawn returns one errno and no stage.  To report the
 * same stage as the other strategies, the parent replays the plan without
 * side effects (opens without creating or truncating, fd liveness tracked
 * by hand) and blames the first operation that must have failed; if none
 * did, setpgid/tcsetpgrp when they cannot work, else execve; EAGAIN is
 * always the clone (a full process table or RLIMIT_NPROC).  A heuristic:
 * exact for the usual failures (missing file or directory, permission,
 * bad fd, existing file under noclobber, program not found or not
 * executable, ENOEXEC). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* posix_spawn_file_actions_addtcsetpgrp_np */
#endif
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What the parent learned about a noclobber target before spawning. */
enum nc_state {
	NC_NONE,       /* not a noclobber open */
	NC_CREATE,     /* absent: created with O_EXCL */
	NC_EXISTS_REG, /* an existing regular file: will fail with EEXIST */
	NC_EXISTS,     /* an existing other file: opened as it is */
};

static int noclobber_flags(const struct fdop *op, enum nc_state *st)
{
	struct stat sb;

	if (stat(op->path, &sb) < 0)
		*st = NC_CREATE;
	else if (S_ISREG(sb.st_mode))
		*st = NC_EXISTS_REG;
	else {
		*st = NC_EXISTS;
		return op->oflags & ~(O_CREAT | O_EXCL | O_TRUNC);
	}
	return op->oflags | O_CREAT | O_EXCL;
}

/* fds the replay has opened or closed, over what the shell has open. */
struct fd_sim {
	const struct launch_plan *plan;
	int upto;          /* fdops[0..upto) have been replayed */
};

static bool sim_fd_open(const struct fd_sim *s, int fd)
{
	for (int i = s->upto - 1; i >= 0; i--) {
		const struct fdop *op = &s->plan->fdops[i];
		if (op->fd == fd)
			return op->kind != FDOP_CLOSE;
	}
	return fcntl(fd, F_GETFD) >= 0;
}

/* Would fdops[i] fail, given that those before it worked? */
static bool replay_fails(const struct fd_sim *s, int i,
			 const enum nc_state *nc, int err)
{
	const struct fdop *op = &s->plan->fdops[i];

	switch (op->kind) {
	case FDOP_CLOSE:
		return false;
	case FDOP_DUP2:
		return !sim_fd_open(s, op->src);
	case FDOP_OPEN:
		break;
	}
	if (nc[i] == NC_EXISTS_REG)
		return true;
	if (nc[i] == NC_CREATE && err == EEXIST) {
		/* created by an earlier open of the same plan (`>f 2>f`) */
		for (int j = 0; j < i; j++) {
			const struct fdop *e = &s->plan->fdops[j];
			if (e->kind == FDOP_OPEN && (e->oflags & O_CREAT) &&
			    strcmp(e->path, op->path) == 0)
				return true;
		}
	}
	int probe = open(op->path, (op->oflags & (O_ACCMODE | O_DIRECTORY |
						  O_NOFOLLOW)) |
			 O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (probe >= 0) {
		close(probe);
		return false;
	}
	/* a FIFO with no reader: the real open would have waited */
	if (errno == ENXIO)
		return false;
	/* absent with O_CREAT: the child would have created it; it is not
	 * there, so this is where the child stopped */
	return true;
}

static void diagnose(const struct launch_plan *plan, const enum nc_state *nc,
		     int err, struct launch_result *res)
{
	res->stage = LAUNCH_FAILED_START;
	res->err = err;
	res->failed_fdop = -1;

	/* EAGAIN: clone found no room for a new process (RLIMIT_NPROC, no
	 * pid left); the other strategies say "cannot start" for it too */
	if (err == EAGAIN)
		return;
	if (plan->pgid > 0 && kill(-plan->pgid, 0) < 0 && errno == ESRCH)
		return;
	if (plan->foreground && tcgetpgrp(plan->tty_fd) < 0)
		return;

	struct fd_sim sim = { plan, 0 };
	for (int i = 0; i < plan->nfdops; i++) {
		if (replay_fails(&sim, i, nc, err)) {
			res->stage = LAUNCH_FAILED_FDOP;
			res->failed_fdop = i;
			return;
		}
		sim.upto = i + 1;
	}
	res->stage = LAUNCH_FAILED_EXEC;
}

static int add_actions(const struct launch_plan *plan,
		       posix_spawn_file_actions_t *fa, enum nc_state *nc,
		       int *bad)
{
	int r;

	*bad = -1;
	if (plan->foreground) {
		r = posix_spawn_file_actions_addtcsetpgrp_np(fa, plan->tty_fd);
		if (r)
			return r;
	}
	for (int i = 0; i < plan->nfdops; i++) {
		const struct fdop *op = &plan->fdops[i];
		int flags;

		nc[i] = NC_NONE;
		switch (op->kind) {
		case FDOP_OPEN:
			flags = op->oflags;
			if (op->noclobber)
				flags = noclobber_flags(op, &nc[i]);
			r = posix_spawn_file_actions_addopen(fa, op->fd,
							     op->path, flags,
							     0666);
			break;
		case FDOP_DUP2:
			r = posix_spawn_file_actions_adddup2(fa, op->src,
							     op->fd);
			break;
		case FDOP_CLOSE:
			r = posix_spawn_file_actions_addclose(fa, op->fd);
			/* an fd past the table cannot be open: closing it
			 * is a no-op in every strategy */
			if (r == EBADF)
				r = 0;
			break;
		default:
			r = EINVAL;
			break;
		}
		if (r) {
			*bad = i;
			return r;
		}
	}
	return 0;
}

static int spawn_launch(const struct launch_plan *plan,
			struct launch_result *res)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	enum nc_state nc_small[16], *nc = nc_small;
	struct sigaction ign_saved[NSIG];
	sigset_t all, old, sigdef;
	int bad, r;
	pid_t pid = 0;

	memset(res, 0, sizeof *res);
	res->failed_fdop = -1;
	res->t_start_ns = launch_now_ns();

	if ((size_t)plan->nfdops > sizeof nc_small / sizeof nc_small[0]) {
		nc = malloc((size_t)plan->nfdops * sizeof *nc);
		if (!nc) {
			res->stage = LAUNCH_FAILED_START;
			res->err = ENOMEM;
			return -1;
		}
	}

	r = posix_spawn_file_actions_init(&fa);
	if (r) {
		res->stage = LAUNCH_FAILED_START;
		res->err = r;
		goto out_nc;
	}
	r = posix_spawnattr_init(&attr);
	if (r) {
		res->stage = LAUNCH_FAILED_START;
		res->err = r;
		goto out_fa;
	}

	r = add_actions(plan, &fa, nc, &bad);
	if (r) {
		res->stage = bad >= 0 ? LAUNCH_FAILED_FDOP : LAUNCH_FAILED_START;
		res->failed_fdop = bad;
		res->err = r;
		goto out_attr;
	}

	short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
	sigdef = plan->sigdfl;
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(&plan->sigign, sig) == 1)
			sigdelset(&sigdef, sig);
	posix_spawnattr_setsigdefault(&attr, &sigdef);
	posix_spawnattr_setsigmask(&attr, &plan->sigmask);
	if (plan->pgid >= 0) {
		flags |= POSIX_SPAWN_SETPGROUP;
		posix_spawnattr_setpgroup(&attr, plan->pgid);
	}
	posix_spawnattr_setflags(&attr, flags);

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	struct sigaction ign = { .sa_handler = SIG_IGN };
	sigemptyset(&ign.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(&plan->sigign, sig) == 1)
			sigaction(sig, &ign, &ign_saved[sig]);

	r = posix_spawn(&pid, plan->path, &fa, &attr, plan->argv, plan->envp);
	uint64_t t_back = launch_now_ns();

	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(&plan->sigign, sig) == 1)
			sigaction(sig, &ign_saved[sig], NULL);
	/* glibc has reaped a child that failed; no SIGCHLD handler ran */
	sigprocmask(SIG_SETMASK, &old, NULL);

	if (r == 0) {
		res->pid = pid;
		res->t_exec_ns = t_back;
	} else {
		diagnose(plan, nc, r, res);
	}

out_attr:
	posix_spawnattr_destroy(&attr);
out_fa:
	posix_spawn_file_actions_destroy(&fa);
out_nc:
	if (nc != nc_small)
		free(nc);
	return res->stage == LAUNCH_OK ? 0 : -1;
}

const struct launch_strategy_ops launch_spawn_ops = {
	.name = "posix_spawn",
	.launch = spawn_launch,
};
