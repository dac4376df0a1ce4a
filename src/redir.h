/* redir.h - redirections: expanded into launch-plan fd operations for a
 * program, or applied in the shell itself (with saving and restoring) for
 * builtins, functions and compound commands.  One list of struct fdop
 * drives both, so both behave the same. */
#ifndef TINE_REDIR_H
#define TINE_REDIR_H

#include <stdbool.h>
#include "ast.h"
#include "launch.h"

struct fdop_list {
	struct fdop *ops;   /* command arena */
	int n, cap;
	int *close_after;   /* fds the parent opened for the plan (here-doc
	                     * pipes) and closes once the child has started */
	int nclose;
};

/* Expands the redirections (targets, here-documents) into ops.  Here-doc
 * bodies become a pipe or temporary file opened now.  Returns false after
 * an error message; an expansion error in a here-document body is such a
 * failure too, while one in a target word raises. */
bool redir_expand(const struct redir *r, struct fdop_list *out);
/* Closes the fds in close_after. */
void redir_close_after(struct fdop_list *l);

/* Applies ops to the shell itself.  With saved non-NULL, remembers what
 * it replaces so redir_restore can undo it (builtins, functions, compound
 * commands); with NULL the change is permanent (exec without a command).
 * The shell's own fds that an op names move out of the way first; an fd
 * that cannot be saved fails the list ("1: cannot save fd: Too many open
 * files") rather than leave a change that could not be undone.
 * On failure prints "tine: out.txt: cannot create: Permission denied",
 * undoes what it did and returns false. */
struct redir_saved;
bool redir_apply(const struct fdop_list *l, struct redir_saved **saved);
void redir_restore(struct redir_saved *s);
/* The message for a failed op: "NAME: cannot create: REASON". */
void redir_report(const struct fdop *op, int err);

/* fd_move_high and the rest of the shell's own fds: shellfd.h. */
#include "shellfd.h"

#endif
