/* launch_clone.c - the clone strategy: clone(2) with CLONE_VM|CLONE_VFORK
 * and a child stack of its own; the child function applies the plan
 * (launch_child.c) and execs or _exits.  The shape of musl's and glibc's
 * posix_spawn, without their file-action language.
 *
 * Owns the child stack and the parent's side of the call.  Must not print.
 * As with vfork, the child shares the shell's memory: it reads the plan,
 * writes only the report in struct clone_args, and runs with every signal
 * blocked until launch_apply_and_exec has reset the dispositions that have
 * handlers.  CLONE_VFORK suspends the parent until the child execs or
 * exits, so the report is final when clone returns.
 *
 * Unlike vfork, the child does not run on the parent's stack, so nothing
 * the compiler keeps in the parent's frame can be disturbed; the stack is
 * mmap'd once with a PROT_NONE guard page below it (an overflow faults
 * instead of silently writing the heap) and kept for later launches: only
 * one child can use it at a time, because the parent waits.
 *
 * Under valgrind, CLONE_VM|CLONE_VFORK is run as a plain fork, so a failure
 * reads as success followed by exit status 127; test failures natively. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2, clone, vfork, F_DUPFD_CLOEXEC */
#endif
#include "launch.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* Under AddressSanitizer the cached stack keeps the shadow poison of the
 * last child's frames, which never returned (execve or _exit): clear it
 * before each use, and keep ASan's no-return hook out of the child. */
#if defined(__SANITIZE_ADDRESS__)
#define CLONE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLONE_ASAN 1
#endif
#endif
#ifdef CLONE_ASAN
#include <sanitizer/asan_interface.h>
#define CLONE_CHILD_ATTR __attribute__((no_sanitize_address))
#else
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define CLONE_CHILD_ATTR
#endif

/* launch_apply_and_exec and the libc wrappers it calls need a few KiB;
 * 64 KiB leaves room for a libc whose wrappers are greedier. */
#define CLONE_STACK_SIZE (64 * 1024)

struct clone_args {
	const struct launch_plan *plan;
	volatile struct launch_failure rep;
};

static char *clone_stack;      /* lowest usable byte, above the guard */
static size_t clone_guard;

CLONE_CHILD_ATTR
static int clone_child(void *arg)
{
	struct clone_args *a = arg;
	a->rep = launch_apply_and_exec(a->plan);
	_exit(127);
}

static int clone_stack_get(void)
{
	if (clone_stack)
		return 0;
	long page = sysconf(_SC_PAGESIZE);
	clone_guard = page > 0 ? (size_t)page : 4096;
	char *base = mmap(NULL, clone_guard + CLONE_STACK_SIZE,
			  PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (base == MAP_FAILED)
		return -1;
	if (mprotect(base, clone_guard, PROT_NONE) < 0) {
		int err = errno;
		munmap(base, clone_guard + CLONE_STACK_SIZE);
		errno = err;
		return -1;
	}
	clone_stack = base + clone_guard;
	return 0;
}

static int clone_launch(const struct launch_plan *plan,
			struct launch_result *res)
{
	struct clone_args args = { plan, { LAUNCH_OK, 0, -1 } };
	sigset_t all, old;

	memset(res, 0, sizeof *res);
	res->failed_fdop = -1;
	res->t_start_ns = launch_now_ns();

	if (clone_stack_get() < 0) {
		res->stage = LAUNCH_FAILED_START;
		res->err = errno;
		return -1;
	}

	ASAN_UNPOISON_MEMORY_REGION(clone_stack, CLONE_STACK_SIZE);
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);

	/* the stack grows down on every architecture Linux runs us on,
	 * save hppa, which we do not claim */
	pid_t pid = clone(clone_child, clone_stack + CLONE_STACK_SIZE,
			  CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
	int err = errno;
	uint64_t t_back = launch_now_ns();

	if (pid < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		res->stage = LAUNCH_FAILED_START;
		res->err = err;
		return -1;
	}
	if (args.rep.stage == LAUNCH_OK) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		res->pid = pid;
		res->t_exec_ns = t_back;
		return 0;
	}
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	sigprocmask(SIG_SETMASK, &old, NULL);
	res->stage = args.rep.stage;
	res->err = args.rep.err;
	res->failed_fdop = args.rep.fdop;
	return -1;
}

const struct launch_strategy_ops launch_clone_ops = {
	.name = "clone",
	.launch = clone_launch,
};
