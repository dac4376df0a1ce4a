/* clone3.c - reference solution, exercise 4: a fifth launch strategy on
 * clone3(2) with CLONE_VM|CLONE_VFORK|CLONE_PIDFD.  For instructors.
 *
 * The child shares the parent's memory and runs on a stack of its own, so
 * like the clone strategy it can report a failure in shared memory.  What
 * clone3 adds is the pidfd: a failed child is reaped through it
 * (waitid(P_PIDFD)), so no other waiter, and no pid reuse, can take its
 * status.  glibc has no public clone3 wrapper, and the raw system call
 * returns in the child on the new stack, where no C function may return
 * to: a few lines of assembly start the child function instead (x86-64,
 * the same idea as musl's __clone). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "launch.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/* The first version of the kernel's struct clone_args (64 bytes). */
struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls;
};

struct report {
	const struct launch_plan *plan;
	volatile struct launch_failure rep;
};

#define STACK_SIZE (64 * 1024)
static char *stack_low;

static int child(void *arg)
{
	struct report *r = arg;
	r->rep = launch_apply_and_exec(r->plan);
	_exit(127);
}

/* clone3, then in the child fn(arg) and exit with its value.  Returns
 * the child's pid or -errno in the parent. */
static long clone3_start(struct clone3_args *ca, int (*fn)(void *), void *arg)
{
#if defined(__x86_64__)
	register long nr __asm__("rax") = SYS_clone3;
	register void *a1 __asm__("rdi") = ca;
	register long a2 __asm__("rsi") = sizeof *ca;
	register int (*f)(void *) __asm__("r12") = fn;
	register void *x __asm__("r13") = arg;
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 /* the child, on its own stack: no frame to return to */
			 "xor %%ebp, %%ebp\n\t"
			 "mov %%r13, %%rdi\n\t"
			 "call *%%r12\n\t"
			 "mov %%eax, %%edi\n\t"
			 "mov $60, %%eax\n\t" /* SYS_exit */
			 "syscall\n\t"
			 "hlt\n"
			 "1:"
			 : "+r"(nr)
			 : "r"(a1), "r"(a2), "r"(f), "r"(x)
			 : "rcx", "r11", "memory", "cc");
	return nr;
#else
	(void)ca; (void)fn; (void)arg;
	return -ENOSYS;
#endif
}

static int clone3_launch(const struct launch_plan *plan,
			 struct launch_result *res)
{
	struct report rep = { plan, { LAUNCH_OK, 0, -1 } };
	int pidfd = -1;
	memset(res, 0, sizeof *res);
	res->failed_fdop = -1;
	res->t_start_ns = launch_now_ns();
	if (!stack_low) {
		long page = sysconf(_SC_PAGESIZE);
		char *base = mmap(NULL, (size_t)page + STACK_SIZE,
				  PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
		if (base == MAP_FAILED || mprotect(base, (size_t)page, PROT_NONE)) {
			res->stage = LAUNCH_FAILED_START;
			res->err = errno;
			return -1;
		}
		stack_low = base + page;
	}
	struct clone3_args ca = {
		.flags = CLONE_VM | CLONE_VFORK | CLONE_PIDFD,
		.pidfd = (uint64_t)(uintptr_t)&pidfd,
		.exit_signal = SIGCHLD,
		.stack = (uint64_t)(uintptr_t)stack_low,
		.stack_size = STACK_SIZE,
	};
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	long pid = clone3_start(&ca, child, &rep);
	uint64_t t_back = launch_now_ns();
	if (pid < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		res->stage = LAUNCH_FAILED_START;
		res->err = (int)-pid;
		return -1;
	}
	if (rep.rep.stage == LAUNCH_OK) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(pidfd);
		res->pid = (pid_t)pid;
		res->t_exec_ns = t_back;
		return 0;
	}
	siginfo_t si;
	while (waitid((idtype_t)P_PIDFD, (id_t)pidfd, &si, WEXITED) < 0 &&
	       errno == EINTR)
		;
	close(pidfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	res->stage = rep.rep.stage;
	res->err = rep.rep.err;
	res->failed_fdop = rep.rep.fdop;
	return -1;
}

const struct launch_strategy_ops course_student_ops = {
	.name = "clone3",
	.launch = clone3_launch,
};
