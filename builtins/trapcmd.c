/* trapcmd.c - the trap special builtin (XCU 2.15 trap).  Dispositions and
 * actions are trap.c's; this parses operands and lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/builtins.h"
#include "../src/error.h"
#include "../src/trap.h"

static bool is_unsigned(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int bi_trap(int argc, char **argv)
{
	int i = 1;
	bool print = false;
	if (i < argc && strcmp(argv[i], "-p") == 0) {
		print = true;
		i++;
	} else if (i < argc && strcmp(argv[i], "-l") == 0) {
		for (int sig = 1; sig < NSIG; sig++) {
			const char *n = signal_name(sig);
			if (n)
				printf("%d) SIG%s\n", sig, n);
		}
		return 0;
	}
	if (i < argc && strcmp(argv[i], "--") == 0) {
		i++;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		/* -1 or -x is an unknown option, not an action (dash,
		 * bash): an error of a special builtin. */
		sh_error("trap: %s: invalid option", argv[i]);
	}
	if (i >= argc) {
		trap_list(false);
		return 0;
	}
	if (print) {
		int st = 0;
		for (; i < argc; i++) {
			int sig = signal_by_name(argv[i]);
			if (sig < 0) {
				sh_warn("trap: %s: bad trap", argv[i]);
				st = 1;
				continue;
			}
			const char *a = trap_get(sig);
			if (a)
				trap_print(sig, a);
		}
		return st;
	}
	const char *action = argv[i];
	/* XCU: a first operand that is an unsigned integer means every
	 * operand is a condition to reset.  A lone operand is an action
	 * with no condition, which XCU leaves open: dash and bash read it
	 * as a condition to reset (trap EXIT), and so does tine. */
	if (is_unsigned(action) || i == argc - 1) {
		action = NULL;
	} else {
		i++;
		if (strcmp(action, "-") == 0)
			action = NULL;
	}
	int st = 0;
	for (; i < argc; i++) {
		int sig = signal_by_name(argv[i]);
		if (sig < 0) {
			sh_warn("trap: %s: bad trap", argv[i]);
			st = 1;
			continue;
		}
		if (!trap_set(sig, action))
			st = 1;
	}
	return st;
}
