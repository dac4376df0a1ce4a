/* error.h - diagnostics and the few unwind points of the shell.
 *
 * Ordinary failures return a status.  sh_error() is for errors that abandon
 * the current command (syntax errors, expansion errors, errors in special
 * builtins): it prints one line and longjmps to the innermost unwind point
 * (main loop, eval/./function, subshell entry, command substitution).  Never
 * call it from a launch strategy or inside a child that shares memory. */
#ifndef TINE_ERROR_H
#define TINE_ERROR_H

#include <setjmp.h>
#include <stdbool.h>

enum exc_kind {
	EXC_ERROR = 1, /* an error: the handler decides whether the shell exits */
	EXC_EXIT,      /* exit builtin, set -e, end of a subshell */
	EXC_INT,       /* SIGINT in an interactive shell */
};

struct unwind_point {
	sigjmp_buf env;
	struct unwind_point *prev;
};

extern struct unwind_point *unwind_top;
/* The kind of the exception being raised (valid in the handler). */
extern enum exc_kind exc_raised;

/* Where diagnostics say we are.  error_source is the script or sourced file
 * name, NULL for -c strings and interactive input; error_line is the line of
 * the command being run or parsed. */
extern const char *error_source;
extern int error_line;
/* The name errors start with ("tine", or $0 when invoked under another name). */
extern const char *error_progname;

/* $?: the status of the last command.  Here rather than with the other
 * special parameters (vars.h) because an error sets it (2, or the
 * status sh_error_status is given) before unwinding. */
extern int last_status;

/* Formats "tine: [FILE: line N: ]msg\n" to stderr. */
void sh_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* sh_warn, then raise EXC_ERROR with exit status 2. */
_Noreturn void sh_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* Like sh_error but with a chosen exit status. */
_Noreturn void sh_error_status(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
_Noreturn void sh_raise(enum exc_kind kind);

/* The stack guard.  Every recursive descent over something a user wrote
 * (parser, lexer, expander, arithmetic, test, tree walker, tree printer
 * and copier) calls stack_check() on entry: past the floor it raises
 * "too deeply nested" (status 2) instead of running into the end of the
 * stack.  stack_check_parse() stops at half the stack, so that whatever
 * parses (at any depth of running) leaves room to run it.  The floor is
 * worked out on first use from the main thread's stack (its size limit
 * included); stack_limit_changed() works it out again (ulimit -s). */
#include <stdint.h>
extern uintptr_t stack_floor, stack_floor_parse;
_Noreturn void stack_exhausted(void);
void stack_limit_changed(void);
bool stack_guard_ready(uintptr_t frame, bool parse);
static inline void stack_check(void)
{
	uintptr_t frame = (uintptr_t)__builtin_frame_address(0);
	if (frame < stack_floor && stack_guard_ready(frame, false))
		stack_exhausted();
}
static inline void stack_check_parse(void)
{
	uintptr_t frame = (uintptr_t)__builtin_frame_address(0);
	if (frame < stack_floor_parse && stack_guard_ready(frame, true))
		stack_exhausted();
}

/* For a tree built without recursion that is walked recursively later (a
 * long && chain): raises the same error when `levels` such levels, at a
 * generous estimate of a tree walker's frames each, would not fit in the
 * stack left above the floor. */
void stack_check_levels(long levels);

/* Push/pop an unwind point:
 *	struct unwind_point up;
 *	if (sigsetjmp(up.env, 0)) { ...handler...; } else { unwind_push(&up); ...; }
 *	unwind_pop(&up);
 * The handler runs with unwind_top already restored to up.prev. */
void unwind_push(struct unwind_point *up);
void unwind_pop(struct unwind_point *up);

#endif
