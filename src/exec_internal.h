/* exec_internal.h - what the executor's files share among themselves and
 * nobody else sees.  The rest of the shell talks to the executor through
 * exec.h only.
 *
 *   exec.c           the walker (exec_node), exiting, reading input
 *   exec_compound.c  if, loops, for, case, { }, redirections around them
 *   exec_pipeline.c  pipelines and background commands (jobs)
 *   exec_subshell.c  forking the shell: ( ), command substitution
 *   exec_simple.c    simple commands: expansion, lookup, builtins
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
};

/* exec.c */
/* Abandons the current command after its error was reported: a
 * non-interactive shell exits (through its top-level handler). */
_Noreturn void command_failed(int status);

/* exec_compound.c */
int exec_compound(const struct node *n, int flags);
/* Applies r to the shell, runs fn(n, flags), restores. */
int with_redirs(const struct redir *r, int (*fn)(const struct node *, int),
		const struct node *n, int flags);

/* exec_pipeline.c */
int exec_pipeline(const struct node *n, bool background);
int exec_background(const struct node *body);
/* The text `jobs` shows for a job ("" when nobody will see it). */
const char *job_text(const struct node *n, bool background);

/* exec_subshell.c */
/* Forks a subshell for shell code placed by ctx (NULL: a plain child);
 * returns the pid in the parent and 0 in the child. */
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

/* exec_program.c */
/* PATH search for name; a prefix assignment PATH=... applies to this
 * one search. */
const char *lookup_program(const char *name, bool default_path,
			   char **assigns, int nassigns);
/* Launches the program at path: waited for, added to ctx->job, or exec'd
 * in place when it is the last thing the shell does. */
int exec_external(const char *name, const char *path, char **argv,
		  char **envp, const struct fdop_list *redirs,
		  int strategy, int flags, struct proc_ctx *ctx);

/* exec_func.c */
struct func;
struct func *func_find(const char *name);
/* Runs f with argv[1..] as positional parameters. */
int func_call(struct func *f, int argc, char **argv, int flags);

#endif
