/* exec_internal.h - what the executor's files share among themselves and
 * nobody else sees.  The rest of the shell talks to the executor through
 * exec.h only.
 *
 *   exec.c           the walker (exec_node), exiting, reading input
 *   exec_compound.c  if, loops, for, case, { }, redirections around them
 *   exec_pipeline.c  pipelines and background commands (jobs)
 *   exec_subshell.c  forking the shell: ( ), command substitution
 *   exec_simple.c    simple commands: expansion, lookup, builtins
 *   exec_cond.c      [[ expression ]]
 *   exec_program.c   programs: PATH search, the launch request, exec
 *   exec_func.c      the function table and function calls */
#ifndef TINE_EXEC_INTERNAL_H
#define TINE_EXEC_INTERNAL_H

#include <stdbool.h>
#include <sys/types.h>

#include "exec.h"
#include "launch.h"
#include "options.h"

struct builtin;
struct fdop_list;
struct job;
struct redir;

/* Internal flag: the command was already traced by set -x in the parent. */
#define EXEC_TRACED (1 << 8)

/* Where a process of a job goes: its stdin/stdout, and how it relates to
 * the job's process group and the terminal. */
struct proc_ctx {
	int in, out;            /* -1: inherited */
	int close_in_child;     /* the other end of the next pipe, or -1 */
	struct job *job;
	bool background;
	bool first;             /* first process of the job */
	bool shell_group;       /* stays in the shell's process group: $( )
	                         * belongs to the command being expanded */
	const char *fork_reason; /* $( ) of one command: why its shell code
	                         * is not run inline, for spawntrace when
	                         * it turns out to be shell code and forks */
};

/* Job control applies: set -m, and not in a subshell (a subshell's
 * processes stay in the group of the job the subshell belongs to). */
static inline bool job_control_on(void)
{
	return OPT(monitor) && !in_subshell;
}

/* The process-group part of launching a process: decided by
 * proc_group_for only, for programs (exec_external) and forked shells
 * (fork_shell) alike. */
struct proc_group {
	pid_t pgid;       /* LAUNCH_PGID_INHERIT, LAUNCH_PGID_NEW or the
	                   * job's group to join */
	bool foreground;  /* the process gives its group the terminal */
	bool detached;    /* & without job control: INT and QUIT ignored,
	                   * stdin from /dev/null for the job's first process */
};
/* For a process of ctx's job; ctx NULL: a foreground command alone. */
struct proc_group proc_group_for(const struct proc_ctx *ctx);
/* The parent's half, once pid exists: job (which pid belongs to) gets
 * its group, and pid is put in it from this side too. */
void proc_group_adopt(const struct proc_group *g, struct job *job,
		      pid_t pid);

/* exec.c */
/* Abandons the current command after its error was reported: a
 * non-interactive shell exits (through its top-level handler). */
_Noreturn void command_failed(int status);

/* exec_cond.c */
/* [[ expression ]]: 0 true, 1 false, 2 an error in it. */
int exec_cond(const struct node *n);

/* exec_compound.c */
int exec_compound(const struct node *n, int flags);
/* Applies r to the shell, runs fn(n, flags), restores; *failed: a
 * redirection failed and fn did not run. */
int with_redirs(const struct redir *r, int (*fn)(const struct node *, int),
		const struct node *n, int flags, bool *failed);

/* exec_pipeline.c (also proc_group_for and proc_group_adopt, above) */
int exec_pipeline(const struct node *n, bool background);
int exec_background(const struct node *body);
/* The text `jobs` shows for a job ("" when nobody will see it). */
const char *job_text(const struct node *n, bool background);

/* exec_subshell.c */
/* Forks a subshell for shell code placed by ctx (NULL: a plain child);
 * returns the pid in the parent and 0 in the child. */
/* The status of shell code whose fork failed: that of a program that
 * cannot start (plan.c), so both read alike to `if` and `$?`. */
#define FORK_FAILED_STATUS 126
pid_t fork_shell(struct proc_ctx *ctx);
/* Runs n in this (already forked) subshell and exits with its status. */
_Noreturn void run_subshell_body(const struct node *n, int flags);
int exec_subshell(const struct node *n, int flags);
/* Set when a command substitution ran during the current expansion: a
 * command with no command name then has its status (XCU 2.9.1). */
extern bool cmdsub_ran;

/* exec_simple.c */
/* A simple command (XCU 2.9.1).  ctx is non-NULL for a pipeline member or
 * a background command: then the command's process is added to ctx->job
 * and not waited for. */
int exec_simple(const struct node *n, int flags, struct proc_ctx *ctx);
/* Sets prefix assignments in the shell: for good (extra_flags 0) or in a
 * scope that the caller pops (VAR_EXPORT). */
void assign_vars(char **assigns, int n, int extra_flags);
/* set -x: one line, PS4 then text (for [[ ]], whose words are not a
 * command's arguments). */
void xtrace_text(const char *text);

/* exec_program.c */
/* PATH search for name; a prefix assignment PATH=... applies to this
 * one search. */
const char *lookup_program(const char *name, bool default_path,
			   char **assigns, int nassigns);
/* Launches the program at path: waited for, added to ctx->job, or exec'd
 * in place when it is the last thing the shell does. */
int exec_external(const char *name, const char *path, char **argv,
		  char **envp, const struct fdop_list *redirs,
		  enum launch_strategy strategy, int flags,
		  struct proc_ctx *ctx);

/* exec_func.c */
struct func;
struct func *func_find(const char *name);
/* Runs f with argv[1..] as positional parameters. */
int func_call(struct func *f, int argc, char **argv, int flags);

#endif
