/* main.c - start-up: options and operands, login and ENV files, the
 * source of commands (-c string, script, stdin, interactive reader), and
 * the top-level read-eval loop (exec_input).  Holds no shell logic of its
 * own. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "exec.h"
#include "expand.h"
#include "input.h"
#include "interactive/interactive.h"
#include "jobs.h"
#include "options.h"
#include "parser.h"
#include "path.h"
#include "redir.h"
#include "strategy.h"
#include "subshell_inline.h"
#include "trap.h"
#include "vars.h"

extern char **environ;

static _Noreturn void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "tine: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nusage: tine [-abCefhilmnpsuvx] [-o option] [-c string [name [arg...]] | script [arg...]]\n");
	exit(2);
}

/* The shell started with real and effective ids apart (set-id). */
static bool started_set_id;

/* Runs a start-up file if it exists and is readable (login, ENV). */
static void source_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	fd = fd_move_high(fd);
	struct input *in = input_from_fd(fd, path, true);
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		input_free(in);
		return;
	}
	unwind_push(&up);
	exec_input(in, false);
	unwind_pop(&up);
	input_free(in);
}

static char *expand_env_value(const char *value);

static void source_startup_files(bool login, bool interactive)
{
	if (login) {
		source_file("/etc/profile");
		const char *home = var_get("HOME");
		if (home) {
			char buf[PATH_MAX];
			snprintf(buf, sizeof buf, "%s/.profile", home);
			source_file(buf);
		}
	}
	/* XCU sh: ENV is ignored when the real and effective ids
	 * differed at start, whatever -p did about them since. */
	if (interactive && !started_set_id) {
		/* ENV names the file (default ~/.tinerc), after parameter
		 * expansion (XCU sh: ENVIRONMENT VARIABLES). */
		const char *env = var_get("ENV");
		char buf[PATH_MAX];
		if (!env) {
			const char *home = var_get("HOME");
			if (!home)
				return;
			snprintf(buf, sizeof buf, "%s/.tinerc", home);
			env = buf;
		} else if (strpbrk(env, "$`\\")) {
			char *path = expand_env_value(env);
			if (!path)
				return;
			snprintf(buf, sizeof buf, "%s", path);
			free(path);
			env = buf;
		}
		if (*env)
			source_file(env);
	}
}

/* ENV's value expanded (parameters, command substitution, arithmetic);
 * NULL after the error message when it fails. */
static char *expand_env_value(const char *value)
{
	struct unwind_point up;
	if (sigsetjmp(up.env, 0))
		return NULL;
	unwind_push(&up);
	char *r = xstrdup(expand_heredoc(parse_text_word(value, NULL)));
	unwind_pop(&up);
	return r;
}

static void print_help(void)
{
	printf("usage: tine [-abCefhilmnpsuvx] [-o option] [-c string [name [arg...]] | script [arg...]]\n"
	       "\n"
	       "  -c string   run string, then exit\n"
	       "  -s          read commands from standard input\n"
	       "  -i          interactive (the default on a terminal)\n"
	       "  -l, --login a login shell: /etc/profile and ~/.profile first\n"
	       "  -o option   set an option by name (also spawn=fork|vfork|clone|posix_spawn)\n"
	       "  --version   print the version and exit\n"
	       "  --help      print this and exit\n"
	       "\n"
	       "Letters as in set(1p); `tine -o` lists the options.  Inside the shell:\n"
	       "`help` lists the builtins; the manual is tine(1).\n");
}

/* Applies one option letter; false if unknown. */
static bool apply_letter(char c, bool on)
{
	int idx = option_by_letter(c);
	if (idx < 0)
		return false;
	option_set(idx, on);
	return true;
}

/* Start-up files, then the commands, under the top-level handler. */
static void run_toplevel(struct input *in, bool login, bool interactive)
{
	struct unwind_point up;
	if (sigsetjmp(up.env, 0))
		shell_exit(last_status);
	unwind_push(&up);
	source_startup_files(login, interactive);
	exec_input(in, true);
	unwind_pop(&up);
	if (interactive && isatty(0))
		fputs("exit\n", stderr);
}

/* set -m at run time ignores TSTP, TTIN and TTOU as -m at start does
 * (above); without it the shell taking the terminal back (or a subshell
 * job taking it) gets SIGTTOU: `set -m; (cmd)` stopped, tcsetpgrp failed
 * with EIO. */
static void monitor_changed(bool on)
{
	trap_set_interactive(OPT(interactive), on);
	job_control_init(on);
}

int main(int argc, char **argv)
{
	const char *cmd_string = NULL;
	bool force_stdin = false, login = false;
	bool interactive_set = false, interactive_value = false;
	bool monitor_set = false;

	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	if (argv[0][0] == '-')
		login = true;

	trap_init();
	var_add_hook(&path_var_hook);
	var_add_hook(&optind_var_hook);
	strategy_init();
	subshell_inline_init();
	var_init(environ);

	int i = 1;
	bool want_c = false;
	for (; i < argc; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "--login") == 0) {
			login = true;
			continue;
		}
		if (strcmp(a, "--version") == 0) {
			printf("tine %s\n", PACKAGE_VERSION);
			exit(0);
		}
		if (strcmp(a, "--help") == 0) {
			print_help();
			exit(0);
		}
		if ((a[0] != '-' && a[0] != '+') || a[1] == '\0') {
			if (strcmp(a, "-") == 0)
				i++;
			break;
		}
		bool on = a[0] == '-';
		for (char *p = a + 1; *p; p++) {
			switch (*p) {
			case 'c':
				want_c = true;
				break;
			case 's':
				force_stdin = true;
				break;
			case 'l':
				login = on;
				break;
			case 'i':
				interactive_set = true;
				interactive_value = on;
				break;
			case 'o':
				if (i + 1 >= argc) {
					option_list(!on);
					exit(0);
				}
				if (!option_set_by_name(argv[++i], on))
					exit(2);
				break;
			case 'm':
				monitor_set = true;
				apply_letter('m', on);
				break;
			default:
				if (!apply_letter(*p, on)) {
					char s[3] = { a[0], *p, 0 };
					usage_error("%s: invalid option", s);
				}
			}
		}
	}
	(void)base;
	/* A set-id shell keeps its effective ids only with -p (privileged,
	 * as dash and bash): otherwise it becomes the user who ran it
	 * before it reads a single command. */
	started_set_id = option_ids_differ();
	if (started_set_id && !OPT(privileged))
		option_drop_privileges();

	/* The top-level input lives as long as the shell: kept in a static
	 * so that it stays reachable (LeakSanitizer) when main's frame is
	 * gone before exit. */
	static struct input *in;
	if (want_c) {
		if (i >= argc)
			usage_error("%s: option requires an argument", "-c");
		cmd_string = argv[i++];
		arg_zero = i < argc ? argv[i++] : argv[0];
		pos_replace(argc - i, argv + i);
		in = input_from_string(cmd_string, NULL, 1);
		exec_input_is_command_string();
	} else if (!force_stdin && i < argc) {
		const char *script = argv[i++];
		arg_zero = script;
		pos_replace(argc - i, argv + i);
		int fd = open(script, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			int err = errno;
			sh_warn("%s: cannot open: %s", script, strerror(err));
			exit(err == ENOENT ? 127 : 126);
		}
		fd = fd_move_high(fd);
		in = input_from_fd(fd, script, true);
	} else {
		arg_zero = argv[0];
		pos_replace(argc - i, argv + i);
		force_stdin = true;
		bool tty = isatty(0) && isatty(2);
		bool interactive = interactive_set ? interactive_value : tty;
		shell_opts[OPT_interactive] = interactive;
		if (interactive)
			in = input_from_reader(interactive_read_line,
					       isatty(0) ? (void *)1 : NULL, NULL);
		else
			in = input_from_fd(0, NULL, false);
	}
	if (interactive_set && interactive_value)
		shell_opts[OPT_interactive] = true;
	shell_opts[OPT_stdin] = force_stdin;
	shell_opts[OPT_login] = login;

	bool interactive = OPT(interactive);
	if (interactive)
		exit_set_guard(interactive_may_exit);
	if (interactive && !monitor_set)
		shell_opts[OPT_monitor] = true;
	trap_set_interactive(interactive, OPT(monitor));
	if (OPT(monitor))
		job_control_init(true);
	option_on_monitor_change(monitor_changed);

	run_toplevel(in, login, interactive);
	/* XCU exit: $? from before the EXIT trap, as dash and bash. */
	shell_exit(last_status);
}
