/* plan.h - turning a command the executor resolved into a launch plan,
 * launching it with the chosen strategy, and the one parent-side path for
 * launch failures (127, 126, redirection errors, ENOEXEC). */
#ifndef TINE_PLAN_H
#define TINE_PLAN_H

#include <stdbool.h>
#include <sys/types.h>

#include "launch.h"
#include "redir.h"

struct plan_request {
	const char *name;     /* the command as typed, for messages */
	const char *path;     /* resolved path; NULL when not found */
	char **argv;
	char **envp;
	const struct fdop_list *pre;    /* pipe ends, /dev/null for & (may be NULL) */
	const struct fdop_list *redirs; /* the command's redirections (may be NULL) */
	pid_t pgid;           /* as struct launch_plan */
	bool foreground;      /* take the terminal (job control only) */
	bool background;      /* & without job control: ignore INT and QUIT */
	int strategy;         /* enum launch_strategy */
};

/* Launches; returns the child's pid, or 0 after printing why it could not
 * start, with *status set (127 not found, 126 not executable, 1 for a
 * failed redirection).  A file that execve rejects with ENOEXEC is run by
 * a new tine as a script, through the same strategy. */
pid_t plan_launch(const struct plan_request *rq, int *status);

/* Applies the plan to this process and execs (exec builtin, the last
 * command of a subshell).  Returns only on failure, with the exit status
 * after printing the message. */
int plan_exec_in_place(const struct plan_request *rq);

/* Path of the running shell, for ENOEXEC scripts (read from
 * /proc/self/exe on first use). */
const char *plan_shell_path(void);

#endif
