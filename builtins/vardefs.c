/* vardefs.c - the builtins that define, list and remove variables and
 * options: export, readonly, unset, local, shift, set, setopt, unsetopt.
 *
 * Owns: their command-line parsing, messages and listing formats (the same
 * as dash's for export -p, readonly -p and set).
 * Must not: reach into the variable table or the option table except
 * through vars.h and options.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "exec.h"
#include "options.h"
#include "parser.h"
#include "vars.h"

/* Prints s in single quotes the way dash's listings do: runs of ' go
 * inside double quotes ('it'"'"'s'), so output compares equal with dash. */
static void put_quoted(const char *s)
{
	putchar('\'');
	for (;;) {
		size_t n = strcspn(s, "'");
		fwrite(s, 1, n, stdout);
		putchar('\'');
		s += n;
		if (*s == '\0')
			break;
		n = strspn(s, "'");
		putchar('"');
		fwrite(s, 1, n, stdout);
		putchar('"');
		s += n;
		if (*s == '\0')
			break;
		putchar('\'');
	}
}

/* Raises EXC_ERROR with status 2 after a message was already printed (by
 * var_set or option_set_by_name): errors of special builtins abandon the
 * command like dash's do. */
static _Noreturn void raise_error(void)
{
	last_status = 2;
	sh_raise(EXC_ERROR);
}

/* ---- export, readonly ---- */

struct list_ctx {
	const char *cmd;
	int flag;
};

static void list_flagged(const char *name, const char *value, int flags,
			 void *ctx)
{
	const struct list_ctx *lc = ctx;
	if (!(flags & lc->flag))
		return;
	printf("%s %s", lc->cmd, name);
	if (value) {
		putchar('=');
		put_quoted(value);
	}
	putchar('\n');
}

/* export and readonly share everything but the flag.  Operands arrive
 * expanded as single fields; "name=value" splits at the first '='. */
static int define_vars(int argc, char **argv, int flag, const char *optstring)
{
	struct bopt st = { .ind = 1 };
	bool print = false, unexport = false;
	int c;
	while ((c = bopt_next(&st, argc, argv, optstring)) != -1) {
		if (c == 'p')
			print = true;
		else if (c == 'n')
			unexport = true;
		else
			return 2;
	}
	if (print || st.ind >= argc) {
		/* As dash: with -p the operands are ignored. */
		struct list_ctx lc = { argv[0], flag };
		var_foreach(list_flagged, &lc);
		return 0;
	}
	int status = 0;
	for (int i = st.ind; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		char *name = eq ? tstrndup(argv[i], (size_t)(eq - argv[i]))
				: argv[i];
		if (!is_name(name))
			sh_error("%s: %s: bad variable name", argv[0], name);
		if (unexport) {
			if (eq && !var_set(name, eq + 1, 0))
				raise_error();
			var_unexport(name);
			continue;
		}
		if (!eq) {
			var_add_flags(name, flag);
			continue;
		}
		int f = var_flags(name);
		if (f >= 0 && (f & VAR_READONLY))
			sh_error_status(1, "%s: %s: is read only", argv[0], name);
		if (!var_set(name, eq + 1, flag))
			status = 1; /* SPAWN=bad: var_set said why */
	}
	return status;
}

int bi_export(int argc, char **argv)
{
	return define_vars(argc, argv, VAR_EXPORT, "pn");
}

int bi_readonly(int argc, char **argv)
{
	return define_vars(argc, argv, VAR_READONLY, "p");
}

/* ---- unset ---- */

int bi_unset(int argc, char **argv)
{
	struct bopt st = { .ind = 1 };
	int c, which = 'v';
	/* The last of -f and -v wins, as in dash. */
	while ((c = bopt_next(&st, argc, argv, "fv")) != -1) {
		if (c == '?')
			return 2;
		which = c;
	}
	int status = 0;
	for (int i = st.ind; i < argc; i++) {
		const char *name = argv[i];
		if (which == 'f') {
			func_unset(name);
			continue;
		}
		if (!is_name(name))
			sh_error("unset: %s: bad variable name", name);
		int f = var_flags(name);
		if (f >= 0 && (f & VAR_READONLY)) {
			sh_warn("unset: %s: is read only", name);
			status = 1;
			continue;
		}
		var_unset(name);
	}
	return status;
}

/* ---- local ---- */

int bi_local(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (exec_func_depth == 0) {
		sh_warn("local: not in a function");
		return 2;
	}
	int status = 0;
	for (; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		char *name = eq ? tstrndup(argv[i], (size_t)(eq - argv[i]))
				: argv[i];
		/* `local -` saves the options (dash). */
		if (!(strcmp(name, "-") == 0 && !eq) && !is_name(name)) {
			sh_warn("local: %s: bad variable name", name);
			status = 2;
			continue;
		}
		if (!var_make_function_local(name)) {
			sh_warn("local: not in a function");
			return 2;
		}
		if (!eq)
			continue;
		int f = var_flags(name);
		if (f >= 0 && (f & VAR_READONLY)) {
			sh_warn("local: %s: is read only", name);
			status = 1;
			continue;
		}
		if (!var_set(name, eq + 1, 0))
			status = 1;
	}
	return status;
}

/* ---- shift ---- */

int bi_shift(int argc, char **argv)
{
	long n = 1;
	if (argc > 1) {
		/* Extra operands are ignored, as dash does. */
		const char *s = argv[1];
		char *end;
		if (*s < '0' || *s > '9')
			sh_error("shift: %s: bad number", s);
		n = strtol(s, &end, 10);
		if (*end != '\0')
			sh_error("shift: %s: bad number", s);
	}
	if (n > pos_params.count)
		sh_error("shift: can't shift that many");
	if (n == 0)
		return 0;
	for (long i = 0; i < n; i++)
		free(pos_params.values[i]);
	pos_params.count -= (int)n;
	memmove(pos_params.values, pos_params.values + n,
		((size_t)pos_params.count + 1) * sizeof *pos_params.values);
	return 0;
}

/* ---- set ---- */

static void list_var(const char *name, const char *value, int flags,
		     void *ctx)
{
	(void)flags;
	(void)ctx;
	if (!value)
		return;
	printf("%s=", name);
	put_quoted(value);
	putchar('\n');
}

int bi_set(int argc, char **argv)
{
	if (argc == 1) {
		var_foreach(list_var, NULL);
		return 0;
	}
	int i = 1;
	bool replace = false;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' && a[0] != '+')
			break;
		bool on = a[0] == '-';
		if (strcmp(a, "--") == 0) {
			i++;
			replace = true;
			break;
		}
		if (a[1] == '\0') {
			/* A lone "+" is no option and no operand: skipped, as
			 * dash and bash do (set + -f sets -f). */
			if (!on)
				continue;
			/* "-" ends the options and turns off -x and -v
			 * (historical). */
			option_set(OPT_xtrace, false);
			option_set(OPT_verbose, false);
			i++;
			break;
		}
		for (const char *p = a + 1; *p; p++) {
			if (*p == 'o') {
				if (i + 1 >= argc) {
					option_list(!on);
					continue;
				}
				const char *name = argv[++i];
				if (!option_name_known(name))
					sh_error("set: %s: invalid option name",
						 name);
				if (!option_set_by_name(name, on))
					raise_error();
				continue;
			}
			int idx = option_by_letter(*p);
			if (idx < 0)
				sh_error("set: %c%c: invalid option", a[0], *p);
			option_set(idx, on);
		}
	}
	if (i < argc || replace) {
		struct positional old = pos_replace(argc - i, argv + i);
		pos_free(&old);
	}
	return 0;
}

/* ---- setopt, unsetopt ---- */

int bi_setopt(int argc, char **argv)
{
	if (argc == 1) {
		option_list(false);
		return 0;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		if (!option_name_known(argv[i])) {
			sh_warn("setopt: %s: invalid option name", argv[i]);
			status = 2;
		} else if (!option_set_by_name(argv[i], true)) {
			status = 2;
		}
	}
	return status;
}

int bi_unsetopt(int argc, char **argv)
{
	if (argc == 1) {
		sh_warn("unsetopt: usage: unsetopt name...");
		return 2;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		const char *name = argv[i];
		if (strcmp(name, "spawn") == 0 ||
		    strncmp(name, "spawn=", 6) == 0) {
			sh_warn("unsetopt: spawn: has no off state "
				"(use setopt spawn=NAME)");
			status = 2;
		} else if (option_by_name(name) < 0) {
			sh_warn("unsetopt: %s: invalid option name", name);
			status = 2;
		} else {
			option_set(option_by_name(name), false);
		}
	}
	return status;
}
