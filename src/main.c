/* main.c - start-up: options and operands, login and ENV files, the
 * source of commands (-c string, script, stdin, interactive reader), and
 * the top-level read-eval loop (exec_input).  Holds no shell logic of its
 * own. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>
#endif

#include "arena.h"
#include "error.h"
#include "exec.h"
#include "input.h"
#include "jobs.h"
#include "options.h"
#include "plan.h"
#include "redir.h"
#include "trap.h"
#include "vars.h"

extern char **environ;

static _Noreturn void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "tine: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nusage: tine [-abCefhilmnsuvx] [-o option] [-c string [name [arg...]] | script [arg...]]\n");
	exit(2);
}

#ifdef HAVE_READLINE
/* Set when Ctrl-C interrupted the line being edited. */
static bool line_interrupted;

/* readline's key source.  The shell's own SIGINT handler (readline installs
 * none: rl_catch_signals is 0) interrupts the read; the line being typed is
 * then dropped and ended, and read_interactive_line abandons the command,
 * also one spread over several lines (PS2), as bash does. */
static int interruptible_getc(FILE *f)
{
	for (;;) {
		unsigned char c;
		ssize_t r = read(fileno(f), &c, 1);
		if (r == 1)
			return c;
		if (r == 0 || errno != EINTR)
			return EOF;
		if (got_sigint) {
			got_sigint = 0;
			line_interrupted = true;
			rl_replace_line("", 0);
			fputs("^C", rl_outstream);
			return '\n';
		}
	}
}
#endif

/* Reads one interactive line with the prompt from PS1 or PS2. */
static char *read_interactive_line(void *ctx, bool continuation)
{
	/* ctx says whether stdin is a terminal: readline only edits a
	 * terminal; piped input to `tine -i` is read plainly. */
	bool tty = (intptr_t)ctx != 0;
	const char *prompt = var_get(continuation ? "PS2" : "PS1");
	if (!prompt)
		prompt = continuation ? "> " : "$ ";
	fflush(stdout);
#ifdef HAVE_READLINE
	if (tty) {
		/* Prompts and echo belong on stderr, like every shell's. */
		rl_outstream = stderr;
		/* Signals stay the shell's: readline must not install its own
		 * handlers (they would also reach programs' children). */
		rl_catch_signals = 0;
		rl_getc_function = interruptible_getc;
		char *line = readline(prompt);
		if (line_interrupted) {
			line_interrupted = false;
			free(line);
			last_status = 130;
			sh_raise(EXC_INT);
		}
		if (line && *line)
			add_history(line);
		return line;
	}
#endif
	fputs(prompt, stderr);
	fflush(stderr);
	size_t cap = 128, len = 0;
	char *line = xmalloc(cap);
	for (;;) {
		char c;
		ssize_t r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (len == 0) {
				free(line);
				return NULL;
			}
			break;
		}
		if (c == '\n')
			break;
		if (len + 2 > cap)
			line = xrealloc(line, cap *= 2);
		line[len++] = c;
	}
	line[len] = '\0';
	return line;
}

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
	if (interactive) {
		/* ENV names the file (default ~/.tinerc); its parameter
		 * expansion comes with the interactive work. */
		const char *env = var_get("ENV");
		char buf[PATH_MAX];
		if (!env) {
			const char *home = var_get("HOME");
			if (!home)
				return;
			snprintf(buf, sizeof buf, "%s/.tinerc", home);
			env = buf;
		}
		if (*env)
			source_file(env);
	}
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
	var_init(environ);

	char real[PATH_MAX];
	ssize_t rl = readlink("/proc/self/exe", real, sizeof real - 1);
	if (rl > 0) {
		real[rl] = '\0';
		plan_shell_path = xstrdup(real);
	}

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
			in = input_from_reader(read_interactive_line,
					       (void *)(intptr_t)isatty(0), NULL);
		else
			in = input_from_fd(0, NULL, false);
	}
	if (interactive_set && interactive_value)
		shell_opts[OPT_interactive] = true;
	shell_opts[OPT_stdin] = force_stdin;
	shell_opts[OPT_login] = login;

	bool interactive = OPT(interactive);
	if (interactive && !monitor_set)
		shell_opts[OPT_monitor] = true;
	trap_set_interactive(interactive, OPT(monitor));
	if (OPT(monitor))
		job_control_init(true);

	run_toplevel(in, login, interactive);
	/* XCU exit: $? from before the EXIT trap, as dash and bash. */
	shell_exit(last_status);
}
