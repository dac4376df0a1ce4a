/* type.c - what a command name means: type, command -v/-V, and hash (the
 * remembered PATH locations).  It asks the alias, keyword, function,
 * builtin and PATH tables in the order the executor uses them; it must not
 * run anything (plain `command name args` belongs to the executor). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alias.h"
#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "exec.h"
#include "parser.h"
#include "path.h"
#include "quote.h"
#include "vars.h"

enum cmd_kind {
	KIND_NONE,
	KIND_ALIAS,
	KIND_KEYWORD,
	KIND_FUNCTION,
	KIND_SPECIAL,
	KIND_BUILTIN,
	KIND_PROGRAM,
};

struct cmd_info {
	enum cmd_kind kind;
	const char *path;	   /* KIND_PROGRAM */
	const struct alias *alias; /* KIND_ALIAS */
};

static bool is_executable_file(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISREG(sb.st_mode) && access(p, X_OK) == 0;
}

/* Resolves name as the shell would when it appears as a command word.
 * pathvar is the PATH to search (command -p uses the default). */
static struct cmd_info resolve(const char *name, const char *pathvar)
{
	struct cmd_info ci = {KIND_NONE, NULL, NULL};
	const struct builtin *b;

	if ((ci.alias = alias_lookup(name)) != NULL) {
		ci.kind = KIND_ALIAS;
		return ci;
	}
	if (is_reserved_word(name)) {
		ci.kind = KIND_KEYWORD;
		return ci;
	}
	/* XCU 2.9.1.4: special builtins are found before functions. */
	b = builtin_lookup(name);
	if (b != NULL && (b->flags & BUILTIN_SPECIAL)) {
		ci.kind = KIND_SPECIAL;
		return ci;
	}
	if (func_lookup(name) != NULL) {
		ci.kind = KIND_FUNCTION;
		return ci;
	}
	if (b != NULL) {
		ci.kind = KIND_BUILTIN;
		return ci;
	}
	if (strchr(name, '/') != NULL) {
		if (is_executable_file(name)) {
			ci.kind = KIND_PROGRAM;
			ci.path = name;
		}
		return ci;
	}
	/* command -p searches the default PATH afresh: what the hash table
	 * remembers was found through $PATH. */
	ci.path = pathvar == path_default ? path_search(name, pathvar)
					  : path_lookup(name, pathvar);
	/* The search remembers a file without execute permission (running
	 * it gives 126), but it is no command to report (XBD 8.3 PATH). */
	if (ci.path != NULL && is_executable_file(ci.path))
		ci.kind = KIND_PROGRAM;
	else
		ci.path = NULL;
	return ci;
}

/* One line of type / command -V; returns false if not found. */
static bool describe(const char *name, const char *pathvar)
{
	struct cmd_info ci = resolve(name, pathvar);

	switch (ci.kind) {
	case KIND_ALIAS:
		printf("%s is an alias for %s\n", name, ci.alias->value);
		return true;
	case KIND_KEYWORD:
		printf("%s is a shell keyword\n", name);
		return true;
	case KIND_FUNCTION:
		printf("%s is a shell function\n", name);
		return true;
	case KIND_SPECIAL:
		printf("%s is a special shell builtin\n", name);
		return true;
	case KIND_BUILTIN:
		printf("%s is a shell builtin\n", name);
		return true;
	case KIND_PROGRAM:
		printf("%s is %s\n", name, ci.path);
		return true;
	case KIND_NONE:
		break;
	}
	/* dash writes this to stdout too: type's output is the answer. */
	printf("%s: not found\n", name);
	return false;
}

int bi_type(int argc, char **argv)
{
	const char *pathvar = var_get("PATH");
	int status = 0;

	for (int i = 1; i < argc; i++)
		if (!describe(argv[i], pathvar))
			status = 127;
	return status;
}

/* builtin NAME [ARG...] (bash, zsh, mksh, busybox): the executor takes
 * every `builtin NAME` itself (exec_simple.c), running NAME's builtin and
 * skipping functions and programs, so only the bare word reaches here: it
 * does nothing, successfully, as a bare `command` does. */
int bi_builtin(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/*
 * command -v / -V (the executor runs plain `command name`).  -v prints what
 * would run in a form the shell can reuse: a path, the bare name, or an
 * alias definition.
 */
int bi_command(int argc, char **argv)
{
	struct bopt bo = {1, 0, NULL};
	bool verbose = false, brief = false;
	const char *pathvar;
	int c, status = 0;

	bool use_default = false;

	while ((c = bopt_next(&bo, argc, argv, "pvV")) != -1) {
		switch (c) {
		case 'p':
			use_default = true;
			break;
		case 'v':
			brief = true;
			break;
		case 'V':
			verbose = true;
			break;
		default:
			return 2;
		}
	}
	pathvar = use_default ? path_default : var_get("PATH");
	if (!brief && !verbose) {
		/* `command` with no command does nothing, successfully
		 * (dash, bash); the executor runs the others itself. */
		if (bo.ind >= argc)
			return 0;
		sh_warn("command: -v or -V expected");
		return 2;
	}
	for (int i = bo.ind; i < argc; i++) {
		const char *name = argv[i];

		if (verbose) {
			if (!describe(name, pathvar))
				status = 127;
			continue;
		}
		struct cmd_info ci = resolve(name, pathvar);
		switch (ci.kind) {
		case KIND_ALIAS:
			printf("alias %s=%s\n", name,
			       quote_str(ci.alias->value));
			break;
		case KIND_PROGRAM:
			printf("%s\n", ci.path);
			break;
		case KIND_NONE:
			status = 1;
			break;
		default:
			printf("%s\n", name);
			break;
		}
	}
	return status;
}

int bi_hash(int argc, char **argv)
{
	struct bopt bo = {1, 0, NULL};
	const char *pathvar;
	int c, status = 0;

	while ((c = bopt_next(&bo, argc, argv, "r")) != -1) {
		if (c == '?')
			return 2;
		path_flush();
	}
	if (bo.ind >= argc) {
		if (argc == 1)
			path_list();
		return 0;
	}
	pathvar = var_get("PATH");
	for (int i = bo.ind; i < argc; i++) {
		const char *name = argv[i];

		/* Names with a slash, builtins and functions are never
		 * hashed; asking for them is not an error. */
		if (strchr(name, '/') != NULL || builtin_lookup(name) != NULL ||
		    func_lookup(name) != NULL)
			continue;
		path_forget(name);
		if (path_lookup(name, pathvar) == NULL) {
			sh_warn("hash: %s: not found", name);
			status = 1;
		}
	}
	return status;
}
