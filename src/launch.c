/* launch.c - the strategy table, strategy names, the launch clock and the
 * spawntrace rendering of a plan.
 *
 * Owns nothing a child runs: the strategies live in launch_{fork,vfork,
 * clone,spawn}.c and the plan applier in launch_child.c.  Includes only
 * launch.h and system headers, and must not print: the caller decides
 * where a trace line goes.
 *
 * The spawntrace line, exactly (tests pin it):
 *
 *   + STRATEGY PATH ARG1 ARG2...: ITEM ITEM ...
 *
 * PATH is the resolved program path (argv[0] is not shown: the program is
 * named by what is executed).  Words that are empty or hold anything but
 * [A-Za-z0-9_@%+=:,./-] are single-quoted, with ' written as '\''.  The
 * items, in this fixed order (it is a description of the plan, not of the
 * order of system calls in the child; launch_child.c says that order):
 *
 *   open(PATH,FLAGS)=FD         FDOP_OPEN; FLAGS is the access mode then
 *                               O_CREAT O_EXCL O_TRUNC O_APPEND O_NONBLOCK
 *                               O_NOCTTY O_DIRECTORY O_NOFOLLOW O_CLOEXEC
 *                               joined by |, then |0xN for any other bits;
 *                               ",noclobber" follows FLAGS when set
 *   dup2(SRC,FD)                FDOP_DUP2 (dup2(5,5) clears FD_CLOEXEC)
 *   close(FD)                   FDOP_CLOSE
 *   sigdfl(INT,QUIT,...)        only when the set is not empty
 *   sigign(INT,QUIT,...)        only when the set is not empty
 *   sigmask({...})              always; sigmask({}) when nothing is blocked
 *   setpgid(0) / setpgid(N)     only when pgid >= 0
 *   tcsetpgrp                   only when foreground
 *
 * Signal names lack the SIG prefix and are listed in increasing number;
 * real-time signals read RTMIN+n, unnamed numbers read as the number.
 * STRATEGY is "exec" for a plan the shell carries out in place.
 *
 * Detours (launch_run).  A strategy's parent waits until its child has
 * exec'd: vfork and clone by their nature, glibc's posix_spawn too (it
 * clones with CLONE_VFORK), and the fork parent reads its report pipe.
 * Two plans cannot be carried out that way, and launch_run gives them to
 * the path that can, saying so in the result (spawntrace and timing show
 * it):
 *
 *   An asynchronous plan (plan->async: `&`, a pipeline member before the
 *   last, the program of `$( )`) with an open that may block.  The shell
 *   must go on while the child waits for a FIFO's partner, a partner the
 *   shell itself may be about to start (`cat f1 >f2 & cat f2 & echo foo
 *   >f1`).  Only a child with memory of its own can wait while the
 *   parent runs, so the plan goes to fork, deferred: the parent does not
 *   read the report pipe, and the outcome is collected when the child is
 *   reaped (launch_collect); a failure is reported then, with the same
 *   message and status.  A plan whose opens cannot block keeps its
 *   strategy: the detour costs a fork of the shell, and is only paid
 *   when it buys something.
 *
 *   A plan for posix_spawn with an open that may block.  glibc's child
 *   runs the file actions with every signal blocked, so ^C could not end
 *   a `cat <fifo` that waits for a writer; our own applier can
 *   (launch_child.c, step 3), so the plan goes to vfork, the strategy
 *   whose shape posix_spawn has.
 *
 * "May block" is decided in the parent with one stat per open: an
 * existing FIFO, socket, block device or character device other than
 * the memory devices (/dev/null, /dev/zero, /dev/urandom...).  Regular
 * files, directories and paths that do not exist (yet) open at once.  A
 * file that turns into a FIFO between the stat and the open makes the
 * shell wait, as every launch did before. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2, clone, vfork, F_DUPFD_CLOEXEC */
#endif
#include "launch.h"
#include "signames.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

static const struct launch_strategy_ops *const strategy_table[] = {
	[LAUNCH_FORK] = &launch_fork_ops,
	[LAUNCH_VFORK] = &launch_vfork_ops,
	[LAUNCH_CLONE] = &launch_clone_ops,
	[LAUNCH_SPAWN] = &launch_spawn_ops,
};

/* Linux's memory devices (null, zero, full, random, urandom...) never
 * make an open wait. */
#define MEM_DEVICE_MAJOR 1

int launch_plan_may_block(const struct launch_plan *plan)
{
	for (int i = 0; i < plan->nfdops; i++) {
		const struct fdop *op = &plan->fdops[i];
		struct stat st;
		if (op->kind != FDOP_OPEN || stat(op->path, &st) < 0)
			continue;
		if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) ||
		    S_ISBLK(st.st_mode))
			return i;
		if (S_ISCHR(st.st_mode) && major(st.st_rdev) != MEM_DEVICE_MAJOR)
			return i;
	}
	return -1;
}

int launch_run(enum launch_strategy s, const struct launch_plan *plan,
	       struct launch_result *res)
{
	if ((unsigned)s >= LAUNCH_STRATEGY_COUNT) {
		memset(res, 0, sizeof *res);
		res->stage = LAUNCH_FAILED_START;
		res->err = EINVAL;
		res->failed_fdop = -1;
		res->detour_fdop = -1;
		res->report_fd = -1;
		res->ran = s;
		return -1;
	}
	enum launch_detour detour = LAUNCH_DETOUR_NONE;
	enum launch_strategy ran = s;
	int blocking = -1;
	bool has_open = false;
	for (int i = 0; i < plan->nfdops && !has_open; i++)
		has_open = plan->fdops[i].kind == FDOP_OPEN;
	if (has_open && (plan->async || s == LAUNCH_SPAWN))
		blocking = launch_plan_may_block(plan);
	if (blocking >= 0 && plan->async) {
		detour = LAUNCH_DETOUR_ASYNC_OPEN;
		ran = LAUNCH_FORK;
	} else if (blocking >= 0) {
		detour = LAUNCH_DETOUR_SPAWN_OPEN;
		ran = LAUNCH_VFORK;
	}

	int r;
	if (detour == LAUNCH_DETOUR_ASYNC_OPEN) {
		r = launch_fork_deferred(plan, res);
	} else {
		r = strategy_table[ran]->launch(plan, res);
		res->report_fd = -1;
	}
	res->ran = ran;
	res->detour = detour;
	res->detour_fdop = detour ? blocking : -1;
	return r;
}

const char *launch_strategy_name(enum launch_strategy s)
{
	if ((unsigned)s >= LAUNCH_STRATEGY_COUNT)
		return NULL;
	return strategy_table[s]->name;
}

int launch_strategy_by_name(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < LAUNCH_STRATEGY_COUNT; i++)
		if (strcmp(strategy_table[i]->name, name) == 0)
			return i;
	return -1;
}

uint64_t launch_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* An snprintf that keeps counting past the end of the buffer, so the
 * caller learns the length it needed. */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_mem(struct out *o, const char *s, size_t n)
{
	if (o->len < o->size) {
		size_t room = o->size - o->len;
		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

__attribute__((format(printf, 2, 3)))
static void out_fmt(struct out *o, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		out_mem(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static bool word_is_plain(const char *w)
{
	if (!*w)
		return false;
	for (; *w; w++) {
		unsigned char c = (unsigned char)*w;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			continue;
		if (!strchr("_@%+=:,./-", c))
			return false;
	}
	return true;
}

static void out_word(struct out *o, const char *w)
{
	if (!w)
		w = "";
	if (word_is_plain(w)) {
		out_str(o, w);
		return;
	}
	out_mem(o, "'", 1);
	for (; *w; w++) {
		if (*w == '\'')
			out_str(o, "'\\''");
		else
			out_mem(o, w, 1);
	}
	out_mem(o, "'", 1);
}

static void out_sigset(struct out *o, const sigset_t *set)
{
	bool first = true;

	for (int sig = 1; sig < NSIG; sig++) {
		if (sigismember(set, sig) != 1)
			continue;
		if (!first)
			out_mem(o, ",", 1);
		first = false;
		char buf[SIGNAME_BUFSIZE];
		const char *name = signame(sig, buf);
		if (name)
			out_str(o, name);
		else
			out_fmt(o, "%d", sig);
	}
}

static bool sigset_is_empty(const sigset_t *set)
{
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(set, sig) == 1)
			return false;
	return true;
}

static void out_oflags(struct out *o, int flags)
{
	static const struct {
		int bit;
		const char *name;
	} bits[] = {
		{ O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" },
		{ O_TRUNC, "O_TRUNC" }, { O_APPEND, "O_APPEND" },
		{ O_NONBLOCK, "O_NONBLOCK" }, { O_NOCTTY, "O_NOCTTY" },
		{ O_DIRECTORY, "O_DIRECTORY" }, { O_NOFOLLOW, "O_NOFOLLOW" },
		{ O_CLOEXEC, "O_CLOEXEC" },
	};

	switch (flags & O_ACCMODE) {
	case O_RDONLY: out_str(o, "O_RDONLY"); break;
	case O_WRONLY: out_str(o, "O_WRONLY"); break;
	case O_RDWR: out_str(o, "O_RDWR"); break;
	default: out_fmt(o, "0x%x", flags & O_ACCMODE); break;
	}
	flags &= ~O_ACCMODE;
	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
		if (flags & bits[i].bit) {
			out_mem(o, "|", 1);
			out_str(o, bits[i].name);
			flags &= ~bits[i].bit;
		}
	}
	if (flags)
		out_fmt(o, "|0x%x", (unsigned)flags);
}

static void out_fdop(struct out *o, const struct fdop *op)
{
	switch (op->kind) {
	case FDOP_OPEN:
		out_str(o, "open(");
		out_word(o, op->path);
		out_mem(o, ",", 1);
		out_oflags(o, op->oflags);
		if (op->noclobber)
			out_str(o, ",noclobber");
		out_fmt(o, ")=%d", op->fd);
		break;
	case FDOP_DUP2:
		out_fmt(o, "dup2(%d,%d)", op->src, op->fd);
		break;
	case FDOP_CLOSE:
		out_fmt(o, "close(%d)", op->fd);
		break;
	default:
		out_fmt(o, "fdop%d(%d)", (int)op->kind, op->fd);
		break;
	}
}

int launch_format_plan(char *buf, size_t size, const char *how,
		       const struct launch_plan *plan)
{
	struct out o = { buf, size, 0 };
	const char *name = how;

	out_str(&o, "+ ");
	out_str(&o, name ? name : "?");
	out_mem(&o, " ", 1);
	out_word(&o, plan->path);
	if (plan->argv && plan->argv[0]) {
		for (char *const *a = plan->argv + 1; *a; a++) {
			out_mem(&o, " ", 1);
			out_word(&o, *a);
		}
	}
	out_mem(&o, ":", 1);
	for (int i = 0; i < plan->nfdops; i++) {
		out_mem(&o, " ", 1);
		out_fdop(&o, &plan->fdops[i]);
	}
	if (!sigset_is_empty(&plan->sigdfl)) {
		out_str(&o, " sigdfl(");
		out_sigset(&o, &plan->sigdfl);
		out_mem(&o, ")", 1);
	}
	if (!sigset_is_empty(&plan->sigign)) {
		out_str(&o, " sigign(");
		out_sigset(&o, &plan->sigign);
		out_mem(&o, ")", 1);
	}
	out_str(&o, " sigmask({");
	out_sigset(&o, &plan->sigmask);
	out_str(&o, "})");
	if (plan->pgid >= 0)
		out_fmt(&o, " setpgid(%ld)", (long)plan->pgid);
	if (plan->foreground)
		out_str(&o, " tcsetpgrp");

	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}
