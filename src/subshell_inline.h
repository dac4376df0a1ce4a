/* subshell_inline.h - running ( ) and $( ) in the shell itself instead of
 * a forked copy (issue 12 part 1), like ksh93's virtual subshells.
 *
 * The executor asks subshell_inline_reason() whether a body may run
 * inline; if it may, subshell_run_inline() saves what the body can
 * change, runs it, and puts everything back.  The decision is made before
 * the body starts, from the tree: what cannot be undone (or could be
 * told apart from a fork) makes the executor fork as before.  The list of
 * those things is in subshell_inline.c, in one place. */
#ifndef TINE_SUBSHELL_INLINE_H
#define TINE_SUBSHELL_INLINE_H

#include <stdbool.h>

struct node;
struct strbuf;

/* The `subshell` option: how ( ) and $( ) of shell code run. */
enum subshell_mode {
	SUBSHELL_INLINE, /* in the shell, state saved and restored (default) */
	SUBSHELL_FORK,   /* in a forked copy of the shell */
};
extern enum subshell_mode subshell_mode;
/* Registers the option subshell=MODE and takes TINE_SUBSHELL from the
 * environment.  Called once at start-up. */
void subshell_inline_init(void);
/* "inline" or "fork"; the mode for a name, or -1. */
const char *subshell_mode_name(enum subshell_mode m);
int subshell_mode_by_name(const char *name);

/* NULL when body may run inline now, else why not (a short phrase that
 * spawntrace shows).  capture: the body is a $( ), its output captured. */
const char *subshell_inline_reason(const struct node *body, bool capture);

/* Runs body as a subshell in this process; *status is its exit status
 * (also in last_status).  flags: the exec flags of the subshell command
 * (EXEC_TESTED is kept).  capture: NULL for ( ); for $( ), the output is
 * appended to it.  Only after subshell_inline_reason(body, capture !=
 * NULL) said yes.  Returns false, having changed nothing, when the state
 * cannot be saved (no descriptor for the directory, no memory file): then
 * the caller forks. */
bool subshell_run_inline(const struct node *body, int flags,
			 struct strbuf *capture, int *status);

/* True while an inline subshell runs: `exit` (shell_exit) ends it by
 * calling subshell_inline_exit, which does not return. */
bool subshell_inline_active(void);
_Noreturn void subshell_inline_exit(int status);
/* In a forked child: no inline subshell is running there. */
void subshell_inline_forget(void);

/* setopt spawntrace: one line to stderr for a ( ) or $( ) of shell code,
 * "+ inline ( )" or, with the reason it forks, "+ fork $( ): trap". */
void subshell_trace(bool capture, const char *reason);

#endif
