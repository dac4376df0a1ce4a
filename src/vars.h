/* vars.h - shell variables, positional parameters, the cached environment.
 * Values are malloc'd and owned here.  Special parameters ($? $$ $! $- $#
 * $@ $* $0..$N) are not variables; the expander asks for them below. */
#ifndef TINE_VARS_H
#define TINE_VARS_H

#include <stdbool.h>
#include <sys/types.h>

enum var_flags {
	VAR_EXPORT = 1 << 0,
	VAR_READONLY = 1 << 1,
};

/* The value, or NULL if unset. */
const char *var_get(const char *name);
/* Sets a variable (allexport exports it).  On a readonly variable prints
 * "tine: NAME: is read only" and returns false. */
bool var_set(const char *name, const char *value, int flags);
/* Adds flags (export, readonly) without changing the value. */
void var_add_flags(const char *name, int flags);
int var_flags(const char *name);  /* -1 if the variable does not exist */
/* Returns false (after a message) for a readonly variable. */
bool var_unset(const char *name);
void var_unexport(const char *name);

/* Calls fn for every variable in name order (set, export -p, readonly -p). */
void var_foreach(void (*fn)(const char *name, const char *value, int flags,
			    void *ctx), void *ctx);

/* The environment for programs: "NAME=value" of every exported variable.
 * Cached; rebuilt only after an exported variable changed.  Owned here. */
char **var_environ(void);
/* var_environ() with temporary NAME=value overrides (prefix assignments
 * for an external command), built in the command arena.  assigns is an
 * array of n "NAME=value" strings. */
char **var_environ_with(char **assigns, int n);

/* Function-local variables (`local`, as dash has it). */
void var_scope_push(void);
void var_scope_pop(void);
/* A scope for the prefix assignments of one builtin or function call:
 * `local` looks past it (T=1 local v=x makes v local to the function). */
void var_scope_push_temporary(void);
/* Makes name local to the innermost scope (saving the outer value);
 * false outside a function. */
bool var_make_local(const char *name);
/* The same for the innermost function scope (the `local` builtin). */
bool var_make_function_local(const char *name);

/* A variable someone else cares about.  changed: told after every change
 * or unset (PATH flushes the hash table, OPTIND resets getopts).  With
 * get, the variable is virtual: its owner keeps the value (SPAWN is the
 * spawn option), set takes assignments (false after its message), and it
 * is never stored, exported, listed, made read only or unset. */
struct var_hook {
	const char *name;
	void (*changed)(void);
	const char *(*get)(void);
	bool (*set)(const char *value);
};
/* Registers h (a static object), before var_init. */
void var_add_hook(const struct var_hook *h);

/* Undo levels, for a subshell that runs in the shell itself: after
 * var_undo_begin, every variable changed (set, unset, exported, made
 * readonly or local) has its earlier state saved on its first change;
 * var_undo_end puts all of them back.  Levels nest; end them in reverse
 * order of beginning. */
struct var_undo_mark {
	size_t log_len;
	unsigned outer_gen;
	/* The `local` scopes open at the start: entries the body adds to
	 * them are dropped at the end, as a forked body's would be. */
	size_t scope_depth;
	size_t top_n;       /* entries of the innermost scope */
	size_t func_scope;  /* 1 + index of the innermost function scope */
	size_t func_n;      /* its entries */
};
struct var_undo_mark var_undo_begin(void);
void var_undo_end(struct var_undo_mark mark);

/* Called at start-up: imports environ, sets IFS, PS1, PS2, PS4, PPID, etc. */
void var_init(char **envp);

/* Positional parameters $1..$N. */
struct positional {
	int count;
	char **values;   /* malloc'd array of malloc'd strings */
};
extern struct positional pos_params;
/* $0 */
extern const char *arg_zero;
/* Replaces the positional parameters with copies of argv[0..argc-1];
 * returns the old set for a later pos_restore (function calls, .). */
struct positional pos_replace(int argc, char **argv);
void pos_restore(struct positional old);
void pos_free(struct positional *p);

/* Special parameters kept by the executor ($? is last_status, error.h). */
extern pid_t shell_pid;   /* $$ (the top-level shell, also in subshells) */
extern pid_t last_bg_pid; /* $! (0 if none) */

/* The current IFS (" \t\n" when unset). */
const char *var_ifs(void);

#endif
