/* error.c - the one formatter of diagnostics and the unwind chain.
 * Must not be called from a launch strategy or a child sharing memory. */
#include "error.h"

#include <pthread.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int last_status;
struct unwind_point *unwind_top;
enum exc_kind exc_raised;
const char *error_source;
int error_line;
const char *error_progname = "tine";

static void vwarn(const char *fmt, va_list ap)
{
	char buf[4096];
	int n;
	fflush(stdout);
	if (error_source && error_line > 0)
		n = snprintf(buf, sizeof buf, "%s: %s: line %d: ", error_progname,
			     error_source, error_line);
	else if (error_source)
		/* Before the first command has a line (an error while the
		 * first one is parsed): no "line 0". */
		n = snprintf(buf, sizeof buf, "%s: %s: ", error_progname,
			     error_source);
	else
		n = snprintf(buf, sizeof buf, "%s: ", error_progname);
	if (n < 0 || (size_t)n >= sizeof buf)
		n = 0;
	int m = vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
	if (m < 0)
		m = 0;
	size_t len = (size_t)n + (size_t)m;
	if (len > sizeof buf - 2)
		len = sizeof buf - 2;
	buf[len++] = '\n';
	/* One write so concurrent shells' messages don't interleave. */
	if (write(2, buf, len) < 0) {
		/* stderr closed: nowhere to report */
	}
}

void sh_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void sh_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	last_status = 2;
	sh_raise(EXC_ERROR);
}

void sh_error_status(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	last_status = status;
	sh_raise(EXC_ERROR);
}

/* Until the guard is set up the floors sit at the top of the address
 * space: the first check takes the slow path and sets them. */
uintptr_t stack_floor = UINTPTR_MAX, stack_floor_parse = UINTPTR_MAX;
static bool stack_known;

/* Where the main thread's stack ends, without pthread_getattr_np, which
 * reads and parses /proc/self/maps (the largest part of tine's start-up
 * after the dynamic loader).  The kernel puts the program's file name
 * (AT_EXECFN) at the very top of the stack, below one null word; the
 * stack may grow to RLIMIT_STACK below that top.  False when either is
 * unknown or the limit is unlimited. */
static bool stack_bounds_cheap(uintptr_t *low, uintptr_t *high)
{
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	struct rlimit rl;
	if (!execfn || getrlimit(RLIMIT_STACK, &rl) != 0 ||
	    rl.rlim_cur == RLIM_INFINITY)
		return false;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t top = (uintptr_t)execfn + strlen(execfn) + 1 + sizeof(void *);
	top = (top + page - 1) & ~(page - 1);
	if (rl.rlim_cur >= top)
		return false;
	*high = top;
	*low = top - (uintptr_t)rl.rlim_cur;
	return true;
}

static bool stack_bounds_pthread(uintptr_t *low, uintptr_t *high)
{
	pthread_attr_t attr;
	void *lo;
	size_t size;
	if (pthread_getattr_np(pthread_self(), &attr) != 0)
		return false;
	int r = pthread_attr_getstack(&attr, &lo, &size);
	pthread_attr_destroy(&attr);
	if (r != 0)
		return false;
	*low = (uintptr_t)lo;
	*high = *low + size;
	return true;
}

/* Sets the floors from where the stack ends.  The margin below the floor
 * is what the deepest unchecked path needs (an error message, a glob, a
 * library call): an eighth of the stack plus 256 KiB, more under ASan,
 * whose frames are several times larger. */
static void stack_measure(void)
{
	uintptr_t low, high;
	uintptr_t here = (uintptr_t)__builtin_frame_address(0);
	stack_known = true;
	if (!(stack_bounds_cheap(&low, &high) && here >= low && here <= high) &&
	    !stack_bounds_pthread(&low, &high)) {
		stack_floor = stack_floor_parse = 0;
		return;
	}
	if (here < low || here > high) {
		/* Not on the main thread's stack (cannot happen in tine):
		 * no guard rather than a wrong one. */
		stack_floor = stack_floor_parse = 0;
		return;
	}
	size_t size = high - low;
	size_t margin = size / 8 + 256 * 1024;
#if defined(__SANITIZE_ADDRESS__)
	margin += size / 8 + 512 * 1024;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	margin += size / 8 + 512 * 1024;
#endif
#endif
	if (margin > size / 2)
		margin = size / 2;
	stack_floor = low + margin;
	stack_floor_parse = stack_floor + (high - stack_floor) / 2;
}

bool stack_guard_ready(uintptr_t frame, bool parse)
{
	if (stack_known)
		return true;
	stack_measure();
	return frame < (parse ? stack_floor_parse : stack_floor);
}

void stack_limit_changed(void)
{
	stack_known = false;
	stack_floor = stack_floor_parse = UINTPTR_MAX;
}

/* What a tree walker may need per level of a tree: exec_node and the
 * node's own function, with their unwind points; several times more under
 * ASan's instrumentation. */
#if defined(__SANITIZE_ADDRESS__)
#define STACK_LEVEL_BYTES 4096
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STACK_LEVEL_BYTES 4096
#endif
#endif
#ifndef STACK_LEVEL_BYTES
#define STACK_LEVEL_BYTES 1024
#endif

void stack_check_levels(long levels)
{
	stack_check();
	uintptr_t frame = (uintptr_t)__builtin_frame_address(0);
	if (frame - stack_floor < (uintptr_t)levels * STACK_LEVEL_BYTES)
		stack_exhausted();
}

void stack_exhausted(void)
{
	sh_error("too deeply nested: the stack limit is reached");
}

void sh_raise(enum exc_kind kind)
{
	exc_raised = kind;
	struct unwind_point *up = unwind_top;
	if (!up) {
		/* No handler: only possible very early at start-up. */
		_exit(last_status ? last_status : 2);
	}
	unwind_top = up->prev;
	siglongjmp(up->env, 1);
}

void unwind_push(struct unwind_point *up)
{
	up->prev = unwind_top;
	unwind_top = up;
}

void unwind_pop(struct unwind_point *up)
{
	/* After a raise the handler already popped it. */
	if (unwind_top == up)
		unwind_top = up->prev;
}
