/* trap.h - signal dispositions, trap actions, pending-signal flags, and the
 * signal part of every launch plan.  Handlers only set flags; actions run
 * between commands (trap_run_pending). */
#ifndef TINE_TRAP_H
#define TINE_TRAP_H

#include <signal.h>
#include <stdbool.h>

/* Records the dispositions the shell inherited (ignored-at-entry signals
 * stay ignored and cannot be trapped in a non-interactive shell). */
void trap_init(void);
/* Interactive/job-control dispositions (ignore QUIT, TERM, TSTP...). */
void trap_set_interactive(bool interactive, bool monitor);

extern volatile sig_atomic_t trap_pending;  /* some trapped signal arrived */
extern volatile sig_atomic_t got_sigint;    /* SIGINT arrived (interactive) */
/* Runs actions for signals that arrived; keeps $? as it was. */
void trap_run_pending(void);
/* Runs the EXIT trap once (on exit); returns the status of its last
 * command, or -1 when no EXIT trap was set. */
int trap_run_exit(void);
/* Inside a trap action: true, with $? from before the (outermost) action
 * in *status, which exit and return without an operand use (for_return:
 * only when return leaves the function the action interrupted, not one
 * the action called). */
bool trap_status_before(int *status, bool for_return);
/* A subshell run in the shell itself (subshell_inline.c) is not in the
 * action that started it, as trap_reset_for_subshell makes a forked one:
 * trap_leave_actions returns what trap_back_to_actions gives back. */
int trap_leave_actions(void);
void trap_back_to_actions(int depth);
/* The number of the most recent trapped signal (0: none yet): `wait`
 * interrupted by it returns 128 plus this. */
int trap_last_signal(void);

/* Signal name <-> number: "INT", "SIGINT", "2"; EXIT is 0.  -1 unknown. */
int signal_by_name(const char *name);
/* "INT" for 2 (no SIG prefix); NULL for an unknown number. */
const char *signal_name(int sig);

/* Sets the action for sig (0 = EXIT); action NULL resets to default, ""
 * ignores.  Returns false (with a message) when it cannot. */
bool trap_set(int sig, const char *action);
const char *trap_get(int sig);
/* True when any trap action (EXIT or a signal) is set: a subshell with a
 * trap must not replace itself with its last program. */
bool trap_any_set(void);
/* True when a signal has an action other than being ignored (the EXIT
 * trap aside): a subshell run in the shell itself could not reset it. */
bool trap_signal_action_set(void);
/* One re-inputtable line: trap -- 'action' NAME. */
void trap_print(int sig, const char *action);
/* Lists traps as re-inputtable `trap -- 'action' NAME` lines. */
void trap_list(bool all);

/* In a new subshell: traps that are set are reset to default (XCU 2.12),
 * ignored ones stay ignored. */
void trap_reset_for_subshell(void);
/* In the subshell of an asynchronous list without job control: SIGINT
 * and SIGQUIT ignored, for it and the programs it launches, until a trap
 * in it catches or resets them. */
void trap_ignore_for_async_list(void);

/* The signal part of a launch plan: which dispositions the child resets
 * to default (every signal that ever had a shell handler, unless a trap
 * now ignores it, and those the shell ignores for its own sake; the stop
 * signals for a job under job control), which it ignores (background
 * without job control), and the mask to start with. */
void trap_plan_signals(sigset_t *sigdfl, sigset_t *sigign, sigset_t *mask,
		       bool background_ignores_int, bool job_control);

#endif
