/* trap.c - signal dispositions, trap actions and their pending flags, and
 * the signal part of each launch plan (XCU 2.11, trap in 2.15).
 * Handlers only set flags; actions run between commands.  Must not run
 * shell code from a handler. */
#include "trap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "error.h"
#include "exec.h"
#include "options.h"
#include "quote.h"
#include "signames.h"
#include "vars.h"

volatile sig_atomic_t trap_pending;
volatile sig_atomic_t got_sigint;
static volatile sig_atomic_t sig_pending[NSIG];

/* action[sig]: NULL = default, "" = ignore, else the command. */
static char *action[NSIG];
/* Ignored when the shell started: stays ignored (XCU 2.11).  Learnt
 * lazily, one signal at a time, the first time it matters or when the
 * shell first changes that signal's disposition (set_disposition reads
 * the old one in the same call): start-up queries nothing.  Every
 * disposition change goes through set_disposition, so the first reading
 * of a signal is always the one the shell inherited. */
enum entry_disposition { ENTRY_UNKNOWN, ENTRY_NOT_IGNORED, ENTRY_IGNORED };
static unsigned char entry_disposition[NSIG];
/* The shell has set this signal's disposition at least once. */
static bool disposition_changed[NSIG];
/* Dispositions the shell set for itself (interactive, job control). */
static bool shell_ignores[NSIG];
static bool shell_catches[NSIG];
/* SIGINT and SIGQUIT ignored because this subshell runs an asynchronous
 * list without job control (XCU 2.11), not because the shell inherited
 * them so: a trap in the list may still catch or reset them (dash since
 * 0.5.13, bash since 4.3, zsh), and programs it launches inherit them
 * ignored until it does. */
static bool async_ignored[NSIG];
/* Every signal this process ever gave a handler (on_signal): the signals
 * a launched child must reset before anything else, since a handler
 * running in a vfork or clone child would write the shell's memory.  A
 * record, not the current state, as musl keeps it: the cost is one
 * needless sigaction for a trap that was set and removed. */
static sigset_t ever_caught;
static sigset_t entry_mask;
static bool entry_mask_known;
/* The part of every plan's sigdfl that depends only on the state above
 * (whatever changes action, ignored_at_entry, shell_ignores, shell_catches
 * or ever_caught must clear plan_dfl_valid), worked out again only after
 * that state changed: a launch then costs
 * two set copies instead of a walk over 64 signals. */
static sigset_t plan_dfl_cache;
static bool plan_dfl_valid;
/* In a subshell, the parent's actions, for `trap` with no operands until
 * the subshell sets a trap of its own (XCU 2.15 trap). */
static char *parent_action[NSIG];
static bool show_parent_actions;
/* Trap actions running now, one inside another: a signal trapped while
 * an action runs has its action run at the next command, as in dash and
 * bash, up to this depth; past it the signal waits (it is not lost)
 * until an action ends, so a trap that keeps raising its own signal
 * cannot exhaust the stack. */
#define TRAP_NEST_MAX 32
static int trap_depth;
/* $? from before the innermost running action: what exit and return
 * without an operand use inside an action (XCU 2.15 exit, return: "the
 * trap action"; an INT action run inside the EXIT action sees the $? of
 * the EXIT action's command before it, as in bash). */
static int status_before_trap;
/* exec_func_depth when the innermost action began: return uses
 * status_before_trap only when it returns from that function, not from
 * one the action called (trap 'f() { false; return; }; f' EXIT: 1). */
static int func_depth_at_trap;
/* The most recent trapped signal, for wait's 128+N. */
static volatile sig_atomic_t last_trapped;

const char *signal_name(int sig)
{
	static char rtname[SIGNAME_BUFSIZE];
	return sig == 0 ? "EXIT" : signame(sig, rtname);
}

int signal_by_name(const char *name)
{
	if (!*name)
		return -1;
	char *end;
	long n = strtol(name, &end, 10);
	if (*end == '\0' && end != name)
		return (n >= 0 && n < NSIG) ? (int)n : -1;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	if (strcasecmp(name, "EXIT") == 0)
		return 0;
	return signame_lookup(name);
}

static void on_signal(int sig)
{
	sig_pending[sig] = 1;
	trap_pending = 1;
	last_trapped = sig;
	if (sig == SIGINT)
		got_sigint = 1;
}

static void note_entry_disposition(int sig, const struct sigaction *old)
{
	if (entry_disposition[sig] == ENTRY_UNKNOWN)
		entry_disposition[sig] = old->sa_handler == SIG_IGN ?
			ENTRY_IGNORED : ENTRY_NOT_IGNORED;
}

static bool ignored_at_entry(int sig)
{
	if (entry_disposition[sig] == ENTRY_UNKNOWN) {
		struct sigaction old;
		if (sigaction(sig, NULL, &old) != 0)
			return false; /* not a signal number */
		note_entry_disposition(sig, &old);
	}
	return entry_disposition[sig] == ENTRY_IGNORED;
}

static void set_disposition(int sig, void (*handler)(int))
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	if (handler == on_signal)
		sigaddset(&ever_caught, sig);
	plan_dfl_valid = false;
	sigfillset(&sa.sa_mask);
	/* No SA_RESTART: a trapped signal must interrupt `wait` and reads. */
	if (sigaction(sig, &sa, &old) == 0) {
		note_entry_disposition(sig, &old);
		disposition_changed[sig] = true;
	}
}

void trap_init(void)
{
	plan_dfl_valid = false;
	/* Nothing to ask the kernel yet: dispositions and the mask are
	 * read when first needed (see entry_disposition). */
}

/* Puts sig back to what the shell wants when no trap is set. */
static void restore_shell_disposition(int sig)
{
	if (ignored_at_entry(sig) && !OPT(interactive))
		return;
	if (shell_catches[sig])
		set_disposition(sig, on_signal);
	else if (shell_ignores[sig])
		set_disposition(sig, SIG_IGN);
	else
		set_disposition(sig, SIG_DFL);
}

void trap_set_interactive(bool interactive, bool monitor)
{
	static const int job_signals[] = { SIGTSTP, SIGTTIN, SIGTTOU };
	plan_dfl_valid = false;
	shell_ignores[SIGQUIT] = interactive;
	shell_ignores[SIGTERM] = interactive;
	shell_catches[SIGINT] = interactive;
	for (size_t i = 0; i < 3; i++)
		shell_ignores[job_signals[i]] = monitor;
	int sigs[] = { SIGQUIT, SIGTERM, SIGINT, SIGTSTP, SIGTTIN, SIGTTOU };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		int sig = sigs[i];
		/* A signal the shell never touched still has what it
		 * inherited (SIG_DFL, or SIG_IGN that a non-interactive shell
		 * keeps): a plain script start needs no system call here. */
		bool untouched_default = !disposition_changed[sig] &&
					 !shell_catches[sig] &&
					 !shell_ignores[sig] && !interactive;
		if (!action[sig] && !untouched_default)
			restore_shell_disposition(sig);
	}
}

bool trap_set(int sig, const char *act)
{
	if (sig < 0 || sig >= NSIG)
		return false;
	plan_dfl_valid = false;
	show_parent_actions = false;
	if (sig == SIGKILL || sig == SIGSTOP) {
		/* Cannot be caught; POSIX leaves it unspecified: accept. */
		free(action[sig]);
		action[sig] = act ? xstrdup(act) : NULL;
		return true;
	}
	if (sig != 0 && ignored_at_entry(sig) && !OPT(interactive)) {
		/* XCU 2.11: silently keep it ignored. */
		return true;
	}
	free(action[sig]);
	action[sig] = act ? xstrdup(act) : NULL;
	if (sig == 0)
		return true;
	async_ignored[sig] = false;
	if (!act)
		restore_shell_disposition(sig);
	else if (!*act)
		set_disposition(sig, SIG_IGN);
	else
		set_disposition(sig, on_signal);
	return true;
}

const char *trap_get(int sig)
{
	if (sig < 0 || sig >= NSIG)
		return NULL;
	return action[sig];
}

bool trap_any_set(void)
{
	for (int sig = 0; sig < NSIG; sig++)
		if (action[sig] && (sig == 0 || *action[sig]))
			return true;
	return false;
}

bool trap_signal_action_set(void)
{
	for (int sig = 1; sig < NSIG; sig++)
		if (action[sig] && *action[sig])
			return true;
	return false;
}

void trap_print(int sig, const char *act)
{
	printf("trap -- %s %s\n", quote_str(act), signal_name(sig));
}

void trap_list(bool all)
{
	char **list = show_parent_actions ? parent_action : action;
	for (int sig = 0; sig < NSIG; sig++) {
		const char *name = signal_name(sig);
		if (!name)
			continue;
		if (!list[sig]) {
			if (all)
				printf("trap -- - %s\n", name);
			continue;
		}
		trap_print(sig, list[sig]);
	}
}

void trap_reset_for_subshell(void)
{
	plan_dfl_valid = false;
	for (int sig = 0; sig < NSIG; sig++) {
		parent_action[sig] = action[sig] ? xstrdup(action[sig]) : NULL;
		if (action[sig] && *action[sig]) {
			free(action[sig]);
			action[sig] = NULL;
			if (sig)
				set_disposition(sig, SIG_DFL);
		}
		sig_pending[sig] = 0;
	}
	/* A subshell is not interactive: its own dispositions go too. */
	for (int sig = 1; sig < NSIG; sig++) {
		if ((shell_catches[sig] || shell_ignores[sig]) && !action[sig] &&
		    !ignored_at_entry(sig))
			set_disposition(sig, SIG_DFL);
		shell_catches[sig] = shell_ignores[sig] = false;
	}
	trap_pending = 0;
	got_sigint = 0;
	show_parent_actions = true;
	/* A subshell started by an action runs no action itself: its
	 * exit uses its own $? (trap '(:; exit) && echo ok' EXIT). */
	trap_depth = 0;
}

void trap_ignore_for_async_list(void)
{
	static const int sigs[] = { SIGINT, SIGQUIT };
	for (size_t i = 0; i < 2; i++) {
		int sig = sigs[i];
		if (action[sig] || ignored_at_entry(sig))
			continue; /* a trap '' or an inherited SIG_IGN holds */
		set_disposition(sig, SIG_IGN);
		async_ignored[sig] = true;
	}
}

/* Runs a trap action; an error in it ends the action, not the shell
 * (bash; smoosh builtin.trap.exitcode). */
static int run_guarded(const char *act)
{
	struct unwind_point up;
	if (sigsetjmp(up.env, 0))
		return last_status;
	unwind_push(&up);
	int st = exec_string(act, NULL);
	unwind_pop(&up);
	return st;
}

/* What an action that starts inside another must put back when it ends. */
struct action_frame {
	int status_before;
	int func_depth;
};

static struct action_frame action_begin(int status)
{
	struct action_frame outer = { status_before_trap, func_depth_at_trap };
	trap_depth++;
	status_before_trap = status;
	func_depth_at_trap = exec_func_depth;
	return outer;
}

static void action_end(struct action_frame outer)
{
	trap_depth--;
	status_before_trap = outer.status_before;
	func_depth_at_trap = outer.func_depth;
}

static void run_action(int sig)
{
	int saved = last_status;
	struct action_frame outer = action_begin(saved);
	enum skip_kind saved_skip = exec_skip;
	exec_skip = SKIP_NONE;
	char *act = xstrdup(action[sig]);
	run_guarded(act);
	free(act);
	action_end(outer);
	if (exec_skip == SKIP_NONE)
		exec_skip = saved_skip;
	/* XCU 2.14 trap: the value of $? after the action is as before it,
	 * unless the action ran exit (which never returns here); return
	 * in an action carries its own status out of the function. */
	if (exec_skip != SKIP_RETURN)
		last_status = saved;
}

static _Noreturn void interrupt_command(void)
{
	got_sigint = 0;
	trap_pending = 1; /* the other signals wait for the next command */
	last_status = 128 + SIGINT;
	sh_raise(EXC_INT);
}

void trap_run_pending(void)
{
	if (trap_depth >= TRAP_NEST_MAX)
		return;
	/* Until nothing is pending: a signal that arrives while its own
	 * action runs is seen here again, not lost. */
	while (trap_pending) {
		trap_pending = 0;
		for (int sig = 1; sig < NSIG; sig++) {
			if (!sig_pending[sig])
				continue;
			sig_pending[sig] = 0;
			if (action[sig] && *action[sig])
				run_action(sig);
			else if (sig == SIGINT && !action[sig] && got_sigint &&
				 OPT(interactive))
				/* ^C with no trap abandons the command line:
				 * a loop at the prompt ends (bash, dash) */
				interrupt_command();
			if (exec_skip != SKIP_NONE) {
				/* return or break in the action: the rest
				 * waits for the next command. */
				trap_pending = 1;
				return;
			}
		}
	}
}

bool trap_status_before(int *status, bool for_return)
{
	if (trap_depth == 0 ||
	    (for_return && exec_func_depth != func_depth_at_trap))
		return false;
	*status = status_before_trap;
	return true;
}

int trap_leave_actions(void)
{
	int depth = trap_depth;
	trap_depth = 0;
	return depth;
}

void trap_back_to_actions(int depth)
{
	trap_depth = depth;
}

int trap_last_signal(void)
{
	return last_trapped;
}

int trap_run_exit(void)
{
	if (!action[0])
		return -1;
	char *act = action[0];
	action[0] = NULL;
	int st = -1;
	if (*act) {
		int saved = last_status;
		struct action_frame outer = action_begin(saved);
		st = run_guarded(act);
		action_end(outer);
		last_status = saved;
	}
	free(act);
	return st;
}

void trap_plan_signals(sigset_t *sigdfl, sigset_t *sigign, sigset_t *mask,
		       bool background_ignores_int, bool job_control)
{
	static const int job_signals[] = { SIGTSTP, SIGTTIN, SIGTTOU };
	if (!plan_dfl_valid) {
		sigemptyset(&plan_dfl_cache);
		for (int sig = 1; sig < NSIG; sig++) {
			if (sig == SIGKILL || sig == SIGSTOP)
				continue;
			/* a trap '' now: the program inherits it ignored */
			bool trap_ignores = action[sig] && !*action[sig];
			bool had_handler = sigismember(&ever_caught, sig) == 1;
			bool ignored_by_shell = shell_ignores[sig] &&
						!action[sig] &&
						!ignored_at_entry(sig);
			if ((had_handler && !trap_ignores) || ignored_by_shell)
				sigaddset(&plan_dfl_cache, sig);
		}
		plan_dfl_valid = true;
	}
	*sigdfl = plan_dfl_cache;
	sigemptyset(sigign);
	/* A job under job control gets the stop signals at their default
	 * even when the shell inherited them ignored (tmux starts its panes
	 * so): a background `cat` must stop on SIGTTIN, not read EIO (bash
	 * and zsh do the same).  A trap '' on one of them still holds. */
	if (job_control)
		for (size_t i = 0; i < 3; i++)
			if (!(action[job_signals[i]] && !*action[job_signals[i]]))
				sigaddset(sigdfl, job_signals[i]);
	static const int int_quit[] = { SIGINT, SIGQUIT };
	for (size_t i = 0; i < 2; i++) {
		int sig = int_quit[i];
		if (background_ignores_int || async_ignored[sig]) {
			sigaddset(sigign, sig);
			sigdelset(sigdfl, sig);
		}
	}
	/* The shell never changes its own mask for longer than a launch
	 * (each strategy restores it), so reading it now gives the mask it
	 * started with. */
	if (!entry_mask_known) {
		sigprocmask(SIG_SETMASK, NULL, &entry_mask);
		entry_mask_known = true;
	}
	*mask = entry_mask;
}
