/* alias_cmds.c - the alias and unalias builtins (XCU alias, unalias).
 *
 * Owns only the command-line side: the table is alias.c's.  Must not
 * touch the lexer: a new alias takes effect from the next command read,
 * because the current one is already parsed. */
#include <stdio.h>
#include <string.h>

#include "../src/alias.h"
#include "../src/builtins.h"
#include "../src/error.h"

/* name='value', the form dash prints and the shell reads back. */
static void print_alias(const struct alias *a, void *ctx)
{
	(void)ctx;
	fputs(a->name, stdout);
	fputs("='", stdout);
	for (const char *p = a->value; *p; p++) {
		if (*p == '\'')
			fputs("'\"'\"'", stdout);
		else
			putchar(*p);
	}
	fputs("'\n", stdout);
}

int bi_alias(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc) {
		alias_foreach(print_alias, NULL);
		return 0;
	}
	int status = 0;
	for (; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq) {
			const struct alias *a = alias_lookup(argv[i]);
			if (a) {
				print_alias(a, NULL);
			} else {
				sh_warn("alias: %s: not found", argv[i]);
				status = 1;
			}
			continue;
		}
		if (eq == argv[i]) {
			sh_warn("alias: %s: bad alias name", argv[i]);
			status = 1;
			continue;
		}
		*eq = '\0';
		alias_define(argv[i], eq + 1);
		*eq = '=';
	}
	return status;
}

int bi_unalias(int argc, char **argv)
{
	struct bopt st = { 1, 0, NULL };
	bool all = false;
	int c;
	while ((c = bopt_next(&st, argc, argv, "a")) != -1) {
		if (c == 'a')
			all = true;
		else
			return 2;
	}
	if (all) {
		alias_remove_all();
		return 0;
	}
	if (st.ind >= argc) {
		sh_warn("unalias: usage: unalias [-a] name...");
		return 2;
	}
	int status = 0;
	for (int i = st.ind; i < argc; i++) {
		if (!alias_remove(argv[i])) {
			sh_warn("unalias: %s: not found", argv[i]);
			status = 1;
		}
	}
	return status;
}
