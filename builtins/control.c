/* control.c - builtins that steer execution: break, continue, return,
 * exit, eval, exec, . (dot).  They set the executor's skip state or run
 * shell code; they never fork. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/arena.h"
#include "../src/builtins.h"
#include "../src/error.h"
#include "../src/exec.h"
#include "../src/input.h"
#include "../src/options.h"
#include "../src/path.h"
#include "../src/redir.h"
#include "../src/trap.h"
#include "../src/vars.h"

/* The operand of break/continue/return/exit, after an optional "--":
 * its index, or 0 when there is none. */
static int count_index(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	return i < argc ? i : 0;
}

/* Parses the optional count of break/continue/return/exit; false (with
 * nothing printed) when it is not a number. */
static bool count_arg(int argc, char **argv, long *n, long dflt)
{
	*n = dflt;
	int i = count_index(argc, argv);
	if (!i)
		return true;
	char *end;
	errno = 0;
	long v = strtol(argv[i], &end, 10);
	if (!*argv[i] || *end || errno)
		return false;
	*n = v;
	return true;
}

static void warn_not_number(int argc, char **argv)
{
	sh_warn("%s: %s: numeric argument required", argv[0],
		argv[count_index(argc, argv)]);
}

/* A bad count is an error of a special builtin (XCU 2.8.1): it ends a
 * non-interactive shell, as in dash; returning a status instead let
 * `while :; do break oops; done` spin for ever. */
static int loop_control(int argc, char **argv, enum skip_kind kind)
{
	long n;
	int at = count_index(argc, argv);
	if (!count_arg(argc, argv, &n, 1))
		sh_error("%s: %s: numeric argument required", argv[0],
			 argv[at]);
	if (n < 1)
		sh_error("%s: %s: loop count out of range", argv[0], argv[at]);
	if (exec_loop_depth == 0) {
		/* In a subshell of a loop: the subshell ends. */
		if (exec_loops_outside) {
			exec_skip = kind;
			exec_skip_count = 1;
		}
		return 0;
	}
	if (n > exec_loop_depth)
		n = exec_loop_depth;
	exec_skip = kind;
	exec_skip_count = (int)n;
	return 0;
}

int bi_break(int argc, char **argv)
{
	return loop_control(argc, argv, SKIP_BREAK);
}

int bi_continue(int argc, char **argv)
{
	return loop_control(argc, argv, SKIP_CONTINUE);
}

/* exit and return without an operand: $?, or inside a trap action the
 * $? from before the action (XCU 2.15 exit, return). */
static int default_status(bool for_return)
{
	int st;
	return trap_status_before(&st, for_return) ? st : last_status;
}

int bi_return(int argc, char **argv)
{
	long n;
	if (!count_arg(argc, argv, &n, default_status(true))) {
		warn_not_number(argc, argv);
		return 2;
	}
	exec_skip = SKIP_RETURN;
	last_status = (int)(n & 0xff);
	return last_status;
}

int bi_exit(int argc, char **argv)
{
	long n;
	/* bash: the first exit while jobs are stopped only warns. */
	if (!exit_allowed())
		return 1;
	if (!count_arg(argc, argv, &n, default_status(false))) {
		warn_not_number(argc, argv);
		shell_exit(2);
	}
	shell_exit((int)(n & 0xff));
}

int bi_logout(int argc, char **argv)
{
	if (!OPT(login)) {
		sh_warn("logout: not login shell: use `exit'");
		return 1;
	}
	return bi_exit(argc, argv);
}

int bi_eval(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc)
		return 0;
	struct strbuf sb;
	sb_init(&sb);
	for (; i < argc; i++) {
		sb_puts(&sb, argv[i]);
		if (i + 1 < argc)
			sb_putc(&sb, ' ');
	}
	char *s = sb_finish(&sb);
	return exec_string(s, error_source);
}

int bi_exec(int argc, char **argv)
{
	return exec_replace(argc, argv, NULL, 0, NULL, false);
}

/* Finds the file for `.`: a name without a slash is searched in PATH
 * (readable, not necessarily executable), as XCU 2.15 dot says. */
static const char *dot_find(const char *name)
{
	if (strchr(name, '/'))
		return name;
	const char *path = var_get("PATH");
	if (!path)
		path = "";
	struct strbuf sb;
	for (const char *p = path;;) {
		const char *colon = strchr(p, ':');
		size_t dlen = colon ? (size_t)(colon - p) : strlen(p);
		sb_init(&sb);
		if (dlen)
			sb_putn(&sb, p, dlen);
		else
			sb_putc(&sb, '.');
		sb_putc(&sb, '/');
		sb_puts(&sb, name);
		char *cand = sb_finish(&sb);
		struct stat st;
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(cand, R_OK) == 0)
			return cand;
		if (!colon)
			break;
		p = colon + 1;
	}
	return NULL;
}

int bi_dot(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc) {
		sh_warn(".: filename argument required");
		return 2;
	}
	const char *file = dot_find(argv[i]);
	if (!file)
		sh_error_status(1, "%s: %s: not found", argv[0], argv[i]);
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		sh_error_status(1, "%s: %s: %s", argv[0], argv[i], strerror(errno));
	fd = fd_move_high(fd);
	struct input *in = input_from_fd(fd, file, true);
	bool new_args = i + 1 < argc;
	struct positional saved;
	if (new_args)
		saved = pos_replace(argc - i - 1, argv + i + 1);
	exec_dot_depth++;
	/* A sourced file runs inside the caller's loops: its break and
	 * continue reach them (dash, bash; XCU 2.15 break: the loops
	 * enclosing the command, dynamically), unlike a function's. */
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		exec_dot_depth--;
		if (new_args)
			pos_restore(saved);
		input_free(in);
		sh_raise(exc_raised);
	}
	unwind_push(&up);
	last_status = 0;
	int st = exec_input(in, false);
	unwind_pop(&up);
	exec_dot_depth--;
	if (exec_skip == SKIP_RETURN) {
		exec_skip = SKIP_NONE;
		st = last_status;
	}
	if (new_args)
		pos_restore(saved);
	input_free(in);
	return st;
}
