/* builtins.h - the builtin table (builtins/builtins.def) and helpers
 * builtins share.  A builtin is int fn(int argc, char **argv), writes with
 * stdio to stdout (flushed by the executor after it returns) and reports
 * errors with sh_warn("NAME: ...").  Usage errors return 2. */
#ifndef TINE_BUILTINS_H
#define TINE_BUILTINS_H

#include <stdbool.h>

struct var_hook;

enum builtin_flags {
	BUILTIN_SPECIAL = 1 << 0, /* XCU 2.14: errors end a non-interactive
	                           * shell; assignments persist */
	BUILTIN_ASSIGN = 1 << 1,  /* export/readonly/local: name=value operands
	                           * are expanded like assignments */
	BUILTIN_REPLACES_SHELL = 1 << 2, /* exec: the executor hands it the
	                           * command's redirections and prefix
	                           * assignments (exec_replace) */
};

struct builtin {
	const char *name;
	int (*fn)(int argc, char **argv);
	unsigned flags;
};

#define BUILTIN(name, fn, flags) int fn(int argc, char **argv);
#include "../builtins/builtins.def"
#undef BUILTIN

const struct builtin *builtin_lookup(const char *name);
/* Calls fn for every builtin in table order (type, completion). */
void builtin_foreach(void (*fn)(const struct builtin *b, void *ctx), void *ctx);

/* A minimal getopt for builtins: options up to "--" or the first
 * non-option.  Returns the option letter, -1 at the end (then *optind_p is
 * the first operand), '?' after printing "NAME: -X: invalid option".
 * optstring as getopt(3); the argument goes in *optarg_p. */
struct bopt {
	int ind;        /* next argv index; start at 1 */
	int pos;        /* position inside a grouped option word */
	char *arg;      /* option argument */
};
int bopt_next(struct bopt *st, int argc, char **argv, const char *optstring);

/* Parses a decimal integer operand; prints "NAME: X: bad number" (or
 * similar) and returns false on error. */
bool parse_long(const char *s, long *out);

/* getopts keeps its position inside a grouped option word; assigning
 * OPTIND resets it (this hook is registered with vars.c). */
extern const struct var_hook optind_var_hook;

#endif
