/* help.c - help: every builtin with its one-line synopsis, or those whose
 * names start with the operands.  Names starting with "__" (hidden
 * builtins such as src/interactive/complete.c's __tine_complete) are left
 * out of help and of completion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/builtins.h"
#include "../src/error.h"

struct help_line {
	const char *name;
	const char *synopsis;
};

/* One line each, in builtins.def order. */
static const struct help_line help_lines[] = {
	{ ".", ". file [arg...]: run the commands in file in this shell" },
	{ ":", ": [arg...]: do nothing, successfully" },
	{ "[", "[ expression ]: evaluate a condition (as test)" },
	{ "alias", "alias [name[=value]...]: define or list aliases" },
	{ "bg", "bg [job...]: continue stopped jobs in the background" },
	{ "break", "break [n]: leave n enclosing loops" },
	{ "builtin", "builtin name [arg...]: run a shell builtin, bypassing a function of that name" },
	{ "cd", "cd [-L|-P] [dir]: change the working directory" },
	{ "command", "command [-pvV] name [arg...]: run a command, bypassing functions" },
	{ "continue", "continue [n]: start the next iteration of the nth enclosing loop" },
	{ "disown", "disown [-a] [job...]: forget jobs, so the shell neither waits for nor reports them" },
	{ "echo", "echo [arg...]: write the arguments" },
	{ "eval", "eval [arg...]: run the arguments as a command" },
	{ "exec", "exec [command [arg...]]: replace the shell, or apply redirections to it" },
	{ "exit", "exit [n]: leave the shell with status n" },
	{ "export", "export [-p] [name[=value]...]: put variables in the environment" },
	{ "false", "false: fail" },
	{ "fc", "fc [-e editor] [-lnr] [first [last]] | fc -s [old=new] [first]: list, edit and rerun history" },
	{ "fg", "fg [job]: continue a job in the foreground" },
	{ "getopts", "getopts optstring name [arg...]: parse options" },
	{ "hash", "hash [-r] [name...]: remember or forget where commands are" },
	{ "help", "help [name...]: describe the builtins" },
	{ "history", "history [-c] [-d n] [n] | history -awr [file]: show or edit the history" },
	{ "jobs", "jobs [-lp] [job...]: list jobs" },
	{ "kill", "kill [-s sig | -sig] pid|job... | kill -l [status]: send a signal" },
	{ "local", "local name[=value]...: make variables local to a function" },
	{ "logout", "logout [n]: leave a login shell" },
	{ "printf", "printf format [arg...]: write formatted output" },
	{ "pwd", "pwd [-L|-P]: print the working directory" },
	{ "read", "read [-r] [-p prompt] [-d delim] [-n count] [-N count] [-t secs] [name...]: read a line into variables" },
	{ "readonly", "readonly [-p] [name[=value]...]: make variables read-only" },
	{ "return", "return [n]: return from a function or sourced file" },
	{ "set", "set [-abCefhmnuvx] [-o option] [arg...]: set options and positional parameters" },
	{ "setopt", "setopt [name[=value]...]: set options by name (spawn=STRATEGY), or list them" },
	{ "shift", "shift [n]: shift positional parameters" },
	{ "source", "source file [arg...]: run the commands in file in this shell (as .)" },
	{ "spawnbench", "spawnbench [-n N] [-s LIST] [-m SIZE] [--csv] command [arg...]: compare launch strategies" },
	{ "test", "test expression: evaluate a condition" },
	{ "times", "times: print the shell's and its children's CPU times" },
	{ "trap", "trap [action] [signal...]: run action when a signal arrives" },
	{ "true", "true: succeed" },
	{ "type", "type name...: say what a name is" },
	{ "ulimit", "ulimit [-SHa] [-cdfnstv] [limit]: get or set resource limits" },
	{ "umask", "umask [-S] [mask]: get or set the file creation mask" },
	{ "unalias", "unalias [-a] name...: remove aliases" },
	{ "unset", "unset [-fv] name...: unset variables or functions" },
	{ "unsetopt", "unsetopt name...: unset options by name" },
	{ "wait", "wait [pid|job...]: wait for processes to end" },
};

static const char *synopsis_of(const char *name)
{
	for (size_t i = 0; i < sizeof help_lines / sizeof *help_lines; i++)
		if (strcmp(help_lines[i].name, name) == 0)
			return help_lines[i].synopsis;
	return NULL;
}

struct help_ctx {
	const char *prefix;
	int shown;
};

static void help_one(const struct builtin *b, void *ctx)
{
	struct help_ctx *c = ctx;
	if (strncmp(b->name, "__", 2) == 0)
		return;
	if (c->prefix && strncmp(b->name, c->prefix, strlen(c->prefix)) != 0)
		return;
	const char *s = synopsis_of(b->name);
	printf("%s\n", s ? s : b->name);
	c->shown++;
}

int bi_help(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc) {
		printf("tine builtins (help NAME for one; man tine for everything):\n");
		struct help_ctx c = { NULL, 0 };
		builtin_foreach(help_one, &c);
		return 0;
	}
	int st = 0;
	for (; i < argc; i++) {
		struct help_ctx c = { argv[i], 0 };
		builtin_foreach(help_one, &c);
		if (!c.shown) {
			sh_warn("help: no help topics match '%s'", argv[i]);
			st = 1;
		}
	}
	return st;
}
