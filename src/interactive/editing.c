/* editing.c - the interactive reader: readline glue (name "tine", emacs
 * and vi modes kept in step with `set -o`, bracketed paste, resizes,
 * Ctrl-C, set -b notices while a line is edited, the right prompt) and the
 * plain reader for an interactive shell without a terminal; end of input
 * (ignoreeof, stopped jobs); feeding the history.
 *
 * readline is initialised on the first prompt read from a terminal only,
 * so `tine -i -c exit` and piped input never pay for it.  Reaches the core
 * through read-only lookups (vars, options, jobs) and the reader hook. */

#include "interactive/interactive.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "arena.h"
#include "error.h"
#include "exec.h"
#include "interactive/complete.h"
#include "interactive/history.h"
#include "interactive/prompt.h"
#include "jobs.h"
#include "options.h"
#include "trap.h"
#include "vars.h"

static int command_number;   /* commands read so far (\#) */
static int exit_warned_at;   /* command number of the last stopped-jobs warning */
static int eof_count;        /* consecutive end-of-input at PS1 (IGNOREEOF) */
static bool finish_registered;

int interactive_command_number(void)
{
	return command_number + 1;
}

bool interactive_may_exit(void)
{
	if (!OPT(interactive) || in_subshell)
		return true;
	if (job_count(true) == 0)
		return true;
	int attempt = command_number;
	if (exit_warned_at && exit_warned_at >= attempt - 1)
		return true;
	fputs("There are stopped jobs.\n", stderr);
	exit_warned_at = attempt;
	return false;
}

void interactive_finish(void)
{
	hist_finish();
}

static void at_exit_finish(void)
{
	if (!in_subshell)
		interactive_finish();
}

/* IGNOREEOF as bash: the number of end-of-input in a row to ignore; set
 * but not a number means 10; `set -o ignoreeof` alone means 10. */
static long ignoreeof_limit(void)
{
	const char *v = var_get("IGNOREEOF");
	if (v) {
		char *end;
		long n = strtol(v, &end, 10);
		return *v && !*end && n >= 0 ? n : 10;
	}
	return OPT(ignoreeof) ? 10 : 0;
}

/* End of input at PS1: true when the shell should leave. */
static bool eof_means_exit(void)
{
	long limit = ignoreeof_limit();
	if (limit > 0 && ++eof_count <= limit) {
		fputs("Use \"exit\" to leave the shell.\n", stderr);
		return false;
	}
	/* Ctrl-D counts as an exit attempt by the next command. */
	command_number++;
	bool ok = interactive_may_exit();
	command_number--;
	if (!ok)
		exit_warned_at = command_number + 1;
	return ok;
}

/* ---- without a terminal -------------------------------------------- */

static char *plain_read(const char *prompt)
{
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

/* ---- readline ------------------------------------------------------- */

static bool rl_ready;
static bool line_interrupted;
static bool synced_vi;               /* OPT(vi) as last given to readline */
static volatile sig_atomic_t child_changed;
static const char *right_prompt;     /* RPS1, expanded, for this line */

static void on_sigchld(int sig)
{
	(void)sig;
	child_changed = 1;
}

/* set -b: a job that changes state while a line is edited is reported at
 * once, above the line, which is then drawn again. */
static void notify_now(void)
{
	child_changed = 0;
	if (!job_has_news())
		return;
	rl_clear_visible_line();
	job_reap(true);
	fflush(stderr);
	rl_on_new_line();
	rl_redisplay();
}

/* readline's key source.  The shell's own SIGINT handler (readline installs
 * none: rl_catch_signals is 0) interrupts the read; the line being typed is
 * then dropped and ended, and the reader abandons the command, also one
 * spread over several lines (PS2), as bash does.  SIGWINCH (readline's
 * handler) is acted on here since this replaces rl_getc. */
static int interruptible_getc(FILE *f)
{
	for (;;) {
		/* ppoll, unlike read, is never restarted after a handler, so
		 * SIGWINCH (installed by readline with SA_RESTART) wakes it.
		 * INT and CHLD are blocked from the flags' test until ppoll
		 * waits, so a ^C typed just before the wait is not lost. */
		sigset_t block, old;
		sigemptyset(&block);
		sigaddset(&block, SIGINT);
		sigaddset(&block, SIGCHLD);
		sigprocmask(SIG_BLOCK, &block, &old);
		struct pollfd pfd = { fileno(f), POLLIN, 0 };
		int pr = got_sigint || child_changed ? -1 : 0;
		if (pr == 0)
			pr = ppoll(&pfd, 1, NULL, &old);
		else
			errno = EINTR;
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (pr > 0) {
			unsigned char c;
			ssize_t r = read(fileno(f), &c, 1);
			if (r == 1)
				return c;
			if (r == 0 || errno != EINTR)
				return EOF;
		} else if (pr < 0 && errno != EINTR) {
			return EOF;
		}
		rl_check_signals();
		if (got_sigint) {
			got_sigint = 0;
			line_interrupted = true;
			rl_replace_line("", 0);
			fputs("^C", rl_outstream);
			return '\n';
		}
		if (child_changed)
			notify_now();
	}
}

/* The history list mirrored into readline's (Up, Ctrl-R). */
static void rl_hist_added(const char *text)
{
	add_history(text);
}

static void rl_hist_replaced(const char *text)
{
	if (history_length > 0) {
		HIST_ENTRY *old = replace_history_entry(history_length - 1, text, NULL);
		if (old)
			free_history_entry(old);
	}
}

static void rl_hist_reset(void)
{
	clear_history();
	for (int n = hist_first(), last = hist_last(); n <= last; n++)
		add_history(hist_get(n));
}

static const struct hist_observer rl_observer = {
	rl_hist_added, rl_hist_replaced, rl_hist_reset
};

/* The right prompt (RPS1, or zsh's RPROMPT): written at the right edge of
 * the first line after readline has drawn it, when it fits. */
static void redisplay_with_right_prompt(void)
{
	rl_redisplay();
	if (!right_prompt || !*right_prompt || RL_ISSTATE(RL_STATE_ISEARCH))
		return;
	int rows, cols;
	rl_get_screen_size(&rows, &cols);
	int width = prompt_width(right_prompt);
	int used = prompt_width(rl_display_prompt ? rl_display_prompt : "") + rl_end;
	if (strchr(rl_line_buffer, '\n') || used + width + 2 > cols)
		return;
	/* Save the cursor, go to the column, draw, come back (VT100). */
	fprintf(rl_outstream, "\0337\r\033[%dC", cols - width - 1);
	prompt_write_visible(right_prompt, rl_outstream);
	fputs("\0338", rl_outstream);
	fflush(rl_outstream);
}

static void rl_setup(void)
{
	rl_ready = true;
	rl_readline_name = "tine";
	/* Prompts and echo belong on stderr, like every shell's. */
	rl_outstream = stderr;
	/* Signals stay the shell's: readline must not install its own
	 * handlers for INT, TSTP... (they would also reach programs).
	 * SIGWINCH stays readline's, so resizes redraw. */
	rl_catch_signals = 0;
	rl_catch_sigwinch = 1;
	rl_getc_function = interruptible_getc;
	complete_setup_readline();
	/* Reads ~/.inputrc ($if tine works: the name is set) and the
	 * terminal's description.  readline takes a terminal with a custom
	 * redisplay function for a dumb one (no terminfo, no bracketed
	 * paste), so the right prompt's hook goes in only after. */
	rl_initialize();
	rl_redisplay_function = redisplay_with_right_prompt;
	/* inputrc's editing-mode is what `set -o` shows. */
	bool vi = rl_editing_mode == 0;
	option_set(vi ? OPT_vi : OPT_emacs, true);
	synced_vi = vi;
	hist_set_observer(&rl_observer);
	rl_hist_reset();
	stifle_history((int)hist_limit());
}

/* set -o vi / emacs since the last line: readline follows; a mode change
 * made inside readline (inputrc re-read, a key binding) shows in set -o. */
static void sync_editing_mode(void)
{
	if (OPT(vi) != synced_vi) {
		rl_variable_bind("editing-mode", OPT(vi) ? "vi" : "emacs");
		synced_vi = OPT(vi);
		return;
	}
	bool rl_vi = rl_editing_mode == 0;
	if (rl_vi != synced_vi) {
		option_set(rl_vi ? OPT_vi : OPT_emacs, true);
		synced_vi = rl_vi;
	}
}

static char *rl_read(const char *prompt, const char *rprompt)
{
	if (!rl_ready)
		rl_setup();
	sync_editing_mode();
	stifle_history((int)hist_limit());
	right_prompt = rprompt;
	/* A ^C that came while a command ran (the shell gets it too
	 * without job control) is not this line's. */
	got_sigint = 0;
	struct sigaction sa, old;
	bool watch = OPT(notify) && OPT(monitor);
	if (watch) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_sigchld;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGCHLD, &sa, &old);
	}
	char *line = readline(prompt);
	if (watch)
		sigaction(SIGCHLD, &old, NULL);
	right_prompt = NULL;
	sync_editing_mode();
	if (line_interrupted) {
		line_interrupted = false;
		free(line);
		last_status = 130;
		sh_raise(EXC_INT);
	}
	return line;
}

char *interactive_read_line(void *ctx, bool continuation)
{
	bool tty = ctx != NULL;
	if (!finish_registered) {
		finish_registered = true;
		atexit(at_exit_finish);
	}
	if (!continuation) {
		hist_commit();
		hist_sync();
	}
	fflush(stdout);
	for (;;) {
		char *prompt = prompt_expand(continuation ? "PS2" : "PS1",
					     continuation ? "> " : "$ ", tty);
		char *line;
		if (tty) {
			char *rprompt = continuation ? NULL : prompt_expand_right();
			line = rl_read(prompt, rprompt);
			free(rprompt);
		} else
			line = plain_read(prompt);
		free(prompt);
		if (!line && !continuation && !eof_means_exit()) {
			if (!tty) /* nothing more will come */
				return NULL;
			continue;
		}
		if (!line)
			return NULL;
		if (!continuation) {
			eof_count = 0;
			command_number++;
		}
		hist_add_line(line, continuation);
		return line;
	}
}
