/* exec.h - the tree walker: runs commands, compound commands, pipelines,
 * functions and builtins; runs programs through the launch plan. */
#ifndef TINE_EXEC_H
#define TINE_EXEC_H

#include <stdbool.h>
#include "ast.h"

struct input;
struct strbuf;

enum exec_flags {
	EXEC_EXIT = 1 << 0,   /* the shell (or subshell) exits after this
	                       * command: the last program may replace it */
	EXEC_TESTED = 1 << 1, /* in a condition: errexit does not apply */
};

/* Runs a tree; returns its exit status (also stored in last_status). */
int exec_node(const struct node *n, int flags);

/* Runs every command from in (script, -c string, eval, ., trap action) in
 * the current shell; returns the status of the last one.  toplevel: the
 * main loop of the shell (errors are reported and, when interactive,
 * survived). */
int exec_input(struct input *in, bool toplevel);
/* The top-level input is a -c string: its last command, when it is a
 * program, may replace the shell instead of running in a child the
 * shell waits for (dash and bash do the same), unless a trap, timing,
 * spawntrace or a strategy the user named wants the shell around. */
void exec_input_is_command_string(void);
/* A program or ( ) that ends the shell (EXEC_EXIT) may run in its place
 * instead of in a child: no trap must run after it, and at the top level
 * of -c also no timing or spawntrace line, no job control, and no
 * strategy the user named. */
bool exec_may_replace_shell(void);
/* eval/trap: parse and run a string. */
int exec_string(const char *s, const char *name);

/* Command substitution: runs body with stdout to a pipe, appends the
 * output to out (trailing newlines are the caller's job).  Sets
 * last_status to the status of the substitution. */
void exec_cmdsub(const struct node *body, struct strbuf *out);

/* For the fuzzer: command substitutions expand to nothing and run
 * nothing, so words can be expanded without side effects. */
extern bool exec_cmdsub_disabled;

/* Loop and function control, set by break/continue/return and consumed
 * by the loop or function that they leave. */
enum skip_kind { SKIP_NONE, SKIP_BREAK, SKIP_CONTINUE, SKIP_RETURN };
extern enum skip_kind exec_skip;
extern int exec_skip_count;   /* levels left for break/continue */
extern int exec_loop_depth;
/* In a subshell: loops of the parent were running around it.  break or
 * continue with no loop of the subshell's own then ends the subshell
 * (`for ...; do (break; echo no); done`, as dash), while `break 2` with
 * one loop inside leaves just that loop. */
extern bool exec_loops_outside;
extern int exec_func_depth;

/* Functions. */
const struct node *func_lookup(const char *name);
bool func_unset(const char *name);
void func_define(const char *name, const struct node *body);
/* Calls fn with each defined function's name, in no particular order
 * (completion); fn must not define or unset functions. */
void func_foreach(void (*fn)(const char *name, void *ctx), void *ctx);
/* The function table, saved and put back around a subshell that runs in
 * the shell itself (subshell_inline.c). */
struct func_table_snapshot;
struct func_table_snapshot *func_table_save(void);
void func_table_restore(struct func_table_snapshot *s);

/* The exec special builtin's work (called by exec_simple, which has the
 * redirections and prefix assignments; via_command: run as `command
 * exec`, whose failing redirections do not end the shell). */
struct fdop_list;
int exec_replace(int argc, char **argv, char **assigns, int nassigns,
		 const struct fdop_list *redirs, bool via_command);

/* Set by `.` while a sourced file runs (return ends it). */
extern int exec_dot_depth;

/* Exits the shell: runs the EXIT trap, flushes, _exits in a subshell. */
_Noreturn void shell_exit(int status);
/* exit and logout ask exit_allowed() first.  The interactive layer
 * registers the guard (bash's "There are stopped jobs."); false means the
 * shell stays, and the guard has said why.  No guard: always true. */
void exit_set_guard(bool (*may_exit)(void));
bool exit_allowed(void);
/* True in a forked subshell (exit must not run the parent's atexit). */
extern bool in_subshell;

#endif
