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
	bool async;           /* the shell goes on without waiting for it: &,
	                       * a pipeline member before the last, $( ) */
	int strategy;         /* enum launch_strategy */
};

/* Launches; returns the child's pid, or 0 after printing why it could not
 * start, with *status set (127 not found, 126 not executable, 1 for a
 * failed redirection).  A file that execve rejects with ENOEXEC is run by
 * a new tine as a script, through the same strategy. */
pid_t plan_launch(const struct plan_request *rq, int *status);

/* Applies the plan to this process and execs (exec builtin, the last
 * command of a subshell).  Returns only on failure, with the exit status
 * after printing the message, and with the signal mask and every
 * disposition the plan changed put back as they were, so the shell goes
 * on (interactive) or runs its EXIT trap as dash and bash do. */
int plan_exec_in_place(const struct plan_request *rq);

/* For every process the shell reaps: when pid was launched without
 * waiting for its exec (an asynchronous launch whose open may block),
 * prints why it failed, if it did, and rewrites *wstatus to the status
 * the failure has (1, 126, 127), as a launch that waited would have. */
void plan_reaped(pid_t pid, int *wstatus);

/* The note for a launch that took a detour (launch.h, enum
 * launch_detour): "(fork, not vfork, not waiting for the exec: open(p) may
 * block)"; spawntrace and timing print it. */
void plan_describe_detour(char *buf, size_t size, int asked, int ran,
			  int detour, const char *path);

/* Path of the running shell, for ENOEXEC scripts (read from
 * /proc/self/exe on first use). */
const char *plan_shell_path(void);

#endif
