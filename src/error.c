/* error.c - the one formatter of diagnostics and the unwind chain.
 * Must not be called from a launch strategy or a child sharing memory. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vars.h"

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
	if (error_source)
		n = snprintf(buf, sizeof buf, "%s: %s: line %d: ", error_progname,
			     error_source, error_line);
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
