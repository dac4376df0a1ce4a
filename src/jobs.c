/* jobs.c - the job table: processes the shell started, waiting for them,
 * their statuses for `wait` and $!, process groups and the terminal.
 * Sees pids and process groups only; how a process was made (launch
 * strategy, forked subshell) is not its business. */
#include "jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "exec.h"      /* loop control: Ctrl-Z ends the loops at the prompt */
#include "options.h"
#include "plan.h" /* launches that report when reaped */
#include "shellfd.h"
#include "timing.h" /* per-process rusage */
#include "trap.h"
#include "vars.h"

struct process {
	pid_t pid;
	int status;   /* wait status once done (or exit status << 8) */
	bool done;
	bool stopped;
};

struct job {
	int id;               /* %n, 0 while foreground */
	pid_t pgid;
	int nprocs, nadded;
	struct process *procs;
	char *cmd;
	bool background;
	bool stopped;
	bool changed;         /* state changed since last reported */
	struct job *next;
};

static struct job *job_list;   /* background and stopped jobs */
static struct job *find_job(const char *spec);
static void job_report(bool report);
static void record_status(pid_t pid, int st);
int job_tty_fd = -1;
static pid_t shell_pgid;
struct rusage job_last_rusage;

/* Statuses of reaped background processes, for `wait PID` after reaping. */
struct reaped {
	pid_t pid;
	int status;
};
static struct reaped *reaped;
static int nreaped, capreaped;

static void remember_reaped(pid_t pid, int status)
{
	if (nreaped == capreaped) {
		capreaped = capreaped ? capreaped * 2 : 16;
		reaped = xrealloc(reaped, (size_t)capreaped * sizeof *reaped);
	}
	reaped[nreaped].pid = pid;
	reaped[nreaped].status = status;
	nreaped++;
}

struct job *job_new(int nprocs, const char *cmdtext)
{
	struct job *j = xcalloc(1, sizeof *j);
	j->nprocs = nprocs;
	j->procs = xcalloc((size_t)nprocs, sizeof *j->procs);
	j->cmd = xstrdup(cmdtext ? cmdtext : "");
	j->pgid = -1;
	return j;
}

static void job_free(struct job *j)
{
	free(j->procs);
	free(j->cmd);
	free(j);
}

void job_add_process(struct job *j, pid_t pid, int status_if_failed)
{
	struct process *p = &j->procs[j->nadded++];
	p->pid = pid;
	if (pid <= 0) {
		p->done = true;
		p->status = (status_if_failed & 0xff) << 8;
	}
}

pid_t job_pgid(const struct job *j)
{
	return j->pgid;
}

void job_set_pgid(struct job *j, pid_t pgid)
{
	j->pgid = pgid;
}

int job_status_to_exit(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	if (WIFSTOPPED(wstatus))
		return 128 + WSTOPSIG(wstatus);
	return 0;
}

static int job_exit_status(const struct job *j)
{
	int st = 0;
	if (j->nadded == 0)
		return 0;
	if (OPT(pipefail)) {
		for (int i = 0; i < j->nadded; i++) {
			int s = job_status_to_exit(j->procs[i].status);
			if (s)
				st = s;
		}
		return st;
	}
	return job_status_to_exit(j->procs[j->nadded - 1].status);
}

static struct process *find_process(pid_t pid, struct job **jp)
{
	for (struct job *j = job_list; j; j = j->next)
		for (int i = 0; i < j->nadded; i++)
			if (j->procs[i].pid == pid) {
				if (jp)
					*jp = j;
				return &j->procs[i];
			}
	return NULL;
}

static void take_terminal_back(void)
{
	if (job_tty_fd >= 0 && OPT(monitor))
		tcsetpgrp(job_tty_fd, shell_pgid);
}

static const char *describe_status(int st)
{
	static char buf[64];
	if (WIFEXITED(st)) {
		if (WEXITSTATUS(st) == 0)
			return "Done";
		snprintf(buf, sizeof buf, "Done(%d)", WEXITSTATUS(st));
		return buf;
	}
	if (WIFSIGNALED(st)) {
		const char *s = strsignal(WTERMSIG(st));
		snprintf(buf, sizeof buf, "%s%s", s ? s : "Killed",
			 WCOREDUMP(st) ? " (core dumped)" : "");
		return buf;
	}
	if (WIFSTOPPED(st))
		return "Stopped";
	return "Running";
}

static int next_job_id(void)
{
	int id = 1;
	for (bool again = true; again;) {
		again = false;
		for (struct job *j = job_list; j; j = j->next)
			if (j->id == id) {
				id++;
				again = true;
			}
	}
	return id;
}

static void job_list_add(struct job *j)
{
	j->id = next_job_id();
	struct job **pp = &job_list;
	while (*pp)
		pp = &(*pp)->next;
	j->next = NULL;
	*pp = j;
}

static void job_list_remove(struct job *j)
{
	for (struct job **pp = &job_list; *pp; pp = &(*pp)->next)
		if (*pp == j) {
			*pp = j->next;
			return;
		}
}

/* A job killed by a signal gets a line on stderr, as in dash and bash:
 * "Terminated", "Killed (core dumped)".  SIGINT and SIGPIPE are expected
 * ways to end and print nothing (an interactive shell ends the line). */
static void job_report_signal(int st)
{
	if (!WIFSIGNALED(st))
		return;
	int sig = WTERMSIG(st);
	if (sig == SIGINT) {
		if (OPT(interactive))
			fputc('\n', stderr);
		return;
	}
	if (sig == SIGPIPE)
		return;
	const char *s = strsignal(sig);
	fprintf(stderr, "%s%s\n", s ? s : "Killed",
		WCOREDUMP(st) ? " (core dumped)" : "");
}

enum proc_wait { PROC_ENDED, PROC_STOPPED, PROC_INTERRUPTED };

/* How the wait builtin waits for a process of a job: until it ends or
 * (under set -m) stops; a trapped signal ends the wait (XCU 2.11).  *ru
 * gets the process's rusage from its last state change.  A process that
 * cannot be waited for (ECHILD) counts as ended with 127.  A launch whose
 * outcome was left on a report pipe is settled only once the process has
 * ended: a stopped child may not have exec'd, and reading its report
 * would wait for it. */
static enum proc_wait wait_process(struct process *p, struct rusage *ru)
{
	int wflags = OPT(monitor) ? WUNTRACED : 0;
	bool pending_before = trap_pending;
	while (!p->done && !p->stopped) {
		int st;
		pid_t r = wait4(p->pid, &st, wflags, ru);
		if (r < 0) {
			if (errno == EINTR) {
				if (trap_pending)
					return PROC_INTERRUPTED;
				continue;
			}
			p->done = true;
			p->status = 127 << 8;
			break;
		}
		if (WIFSTOPPED(st)) {
			p->stopped = true;
			p->status = st;
			return PROC_STOPPED;
		}
		plan_reaped(r, &st);
		p->done = true;
		p->status = st;
		/* A child that signals the shell and ends at once can be a
		 * zombie before the shell runs again: wait4 then reports it
		 * instead of EINTR, but the trapped signal still came while
		 * waiting, so the wait is interrupted all the same. */
		if (trap_pending && !pending_before)
			return PROC_INTERRUPTED;
	}
	return p->done ? PROC_ENDED : PROC_STOPPED;
}

/* set -b in an interactive shell: a background job that ends or stops
 * while a foreground job runs is announced at once (bash), so the wait is
 * for any child.  Otherwise only for the foreground job's own. */
static bool notify_at_once(void)
{
	return OPT(notify) && OPT(interactive) && OPT(monitor) && job_list;
}

static struct process *job_member(struct job *j, pid_t pid)
{
	for (int i = 0; i < j->nadded; i++)
		if (j->procs[i].pid == pid)
			return &j->procs[i];
	return NULL;
}

int job_wait_foreground(struct job *j)
{
	int wflags = OPT(monitor) ? WUNTRACED : 0;
	memset(&job_last_rusage, 0, sizeof job_last_rusage);
	for (int i = 0; i < j->nadded; i++) {
		struct process *p = &j->procs[i];
		while (!p->done && !p->stopped) {
			int st;
			struct rusage ru;
			bool any = notify_at_once();
			pid_t r = wait4(any ? -1 : p->pid, &st, wflags, &ru);
			if (r < 0) {
				if (errno == EINTR)
					continue;
				p->done = true;
				p->status = 127 << 8;
				break;
			}
			/* with set -b, r may be another member, or a
			 * background job's process */
			struct process *q = any ? job_member(j, r) : p;
			if (!q) {
				record_status(r, st);
				job_report(true);
				fflush(stderr);
				continue;
			}
			if (!WIFSTOPPED(st))
				plan_reaped(r, &st);
			job_last_rusage = ru;
			q->status = st;
			if (WIFSTOPPED(st)) {
				q->stopped = true;
			} else {
				q->done = true;
				/* this process's own rusage
				 * (peak RSS, user, sys) for setopt timing */
				timing_reaped(q->pid, &ru);
			}
		}
	}
	take_terminal_back();
	bool stopped = false;
	for (int i = 0; i < j->nadded; i++)
		if (j->procs[i].stopped)
			stopped = true;
	int status;
	if (stopped) {
		j->stopped = true;
		j->background = false;
		job_list_add(j);
		fprintf(stderr, "\n[%d] + %-27s%s\n", j->id, "Stopped", j->cmd);
		/* Ctrl-Z in a foreground loop at the prompt gives the prompt
		 * back, as bash does: every enclosing loop ends, as if by
		 * `break N`; the rest of a plain list still runs.  (zsh would
		 * make the whole loop a job; bash's way needs no fork.) */
		if (OPT(interactive) && exec_loop_depth > 0) {
			exec_skip = SKIP_BREAK;
			exec_skip_count = exec_loop_depth;
		}
		status = 128 + SIGTSTP;
		for (int i = 0; i < j->nadded; i++)
			if (j->procs[i].stopped)
				status = job_status_to_exit(j->procs[i].status);
		return status;
	}
	status = job_exit_status(j);
	if (j->nadded > 0)
		job_report_signal(j->procs[j->nadded - 1].status);
	/* A job that ^C ended: an interactive shell acts as if it had the
	 * ^C too (under job control it does not get it), so the rest of
	 * the command line is abandoned (bash). */
	if (OPT(interactive) && j->nadded > 0 &&
	    WIFSIGNALED(j->procs[j->nadded - 1].status) &&
	    WTERMSIG(j->procs[j->nadded - 1].status) == SIGINT)
		raise(SIGINT);
	/* Background jobs that ended meanwhile are reaped now, so they don't
	 * pile up as zombies in a long script; an interactive shell
	 * announces them now, not only at the next prompt (bash). */
	if (job_list)
		job_reap(true);
	job_free(j);
	return status;
}

/* A background command that never started (not found, a redirection
 * that failed) still gets a process of its own, one that exits at once
 * with the failure's status: in dash and bash the failure happens in
 * the forked child, so $! names a process and `wait $!` or `wait %n`
 * returns 127, 126 or the redirection's status, never 0. */
static void job_stand_in_for_failed(struct job *j)
{
	struct process *p = &j->procs[j->nadded - 1];
	if (p->pid > 0)
		return;
	pid_t pid = fork();
	if (pid < 0)
		return; /* $! stays as it was; `wait` has nothing to wait for */
	if (pid == 0)
		_exit(WEXITSTATUS(p->status));
	p->pid = pid;
	p->done = false;
}

void job_background(struct job *j)
{
	j->background = true;
	if (j->nadded > 0)
		job_stand_in_for_failed(j);
	if (j->nadded > 0 && j->procs[j->nadded - 1].pid > 0)
		last_bg_pid = j->procs[j->nadded - 1].pid;
	job_list_add(j);
	if (OPT(interactive) && OPT(monitor))
		fprintf(stderr, "[%d] %ld\n", j->id, (long)last_bg_pid);
}

static bool job_done(const struct job *j)
{
	for (int i = 0; i < j->nadded; i++)
		if (!j->procs[i].done)
			return false;
	return true;
}

/* Done jobs stay in the table until `jobs` or the prompt has reported
 * them (dash: `true & wait; jobs` still shows Done); a script that never
 * asks keeps at most this many. */
#define JOB_DONE_KEEP 64

/* A background job's process changed state (reaped by pid). */
static void record_status(pid_t pid, int st)
{
	if (!WIFSTOPPED(st))
		plan_reaped(pid, &st);
	struct job *j = NULL;
	struct process *p = find_process(pid, &j);
	if (!p)
		return;
	p->status = st;
	if (WIFSTOPPED(st)) {
		p->stopped = true;
		j->stopped = true;
	} else {
		p->done = true;
		p->stopped = false;
		if (job_done(j))
			for (int i = 0; i < j->nadded; i++)
				remember_reaped(j->procs[i].pid,
						j->procs[i].status);
	}
	j->changed = true;
}

void job_reap(bool report)
{
	for (;;) {
		int st;
		pid_t pid = waitpid(-1, &st,
				    WNOHANG | (OPT(monitor) ? WUNTRACED : 0));
		if (pid <= 0)
			break;
		record_status(pid, st);
	}
	job_report(report);
}

/* Announces (when report, in an interactive shell) the jobs whose state
 * changed, and drops the done ones that were announced. */
static void job_report(bool report)
{
	int ndone = 0;
	for (struct job *j = job_list; j; j = j->next)
		if (job_done(j))
			ndone++;
	for (struct job *j = job_list, *next; j; j = next) {
		next = j->next;
		if (!job_done(j)) {
			/* A background job that stopped (tty input, SIGSTOP)
			 * is announced once, at the next prompt, as bash. */
			if (report && OPT(interactive) && j->changed && j->stopped) {
				fprintf(stderr, "[%d] + %-27s%s\n", j->id, "Stopped",
					j->cmd);
				j->changed = false;
			}
			continue;
		}
		if (report && OPT(interactive) && j->changed) {
			fprintf(stderr, "[%d]+  %s  %s\n", j->id,
				describe_status(j->procs[j->nadded - 1].status),
				j->cmd);
		} else if (ndone <= JOB_DONE_KEEP) {
			continue;
		}
		ndone--;
		job_list_remove(j);
		job_free(j);
	}
}

/* Waits (blocking) for every process of j; false if a trapped signal
 * interrupted the wait. */
static bool wait_job_blocking(struct job *j)
{
	for (int i = 0; i < j->nadded; i++) {
		struct process *p = &j->procs[i];
		if (p->done || p->stopped)
			continue;
		struct rusage ru;
		switch (wait_process(p, &ru)) {
		case PROC_INTERRUPTED:
			return false;
		case PROC_STOPPED:
			/* wait returns for a job that stops (bash) */
			j->stopped = j->changed = true;
			return true;
		case PROC_ENDED:
			break;
		}
	}
	return true;
}

/* wait on a stopped job does not hang: bash warns and returns 128 plus
 * the stop signal (148 after Ctrl-Z). */
static int stopped_wait_status(const struct job *j)
{
	int sig = SIGTSTP;
	for (int i = 0; i < j->nadded; i++)
		if (j->procs[i].stopped && WIFSTOPPED(j->procs[i].status))
			sig = WSTOPSIG(j->procs[i].status);
	sh_warn("wait: warning: job %d is stopped", j->id);
	return 128 + sig;
}

/* A job that `wait` saw end leaves the table, so its number is free for
 * the next one (XCU 2.11: %1 then names the next background job); its
 * statuses stay for a later `wait PID`. */
static void job_forget_waited(struct job *j)
{
	for (int i = 0; i < j->nadded; i++)
		remember_reaped(j->procs[i].pid, j->procs[i].status);
	/* An interactive shell announces it first, with any other job that
	 * changed meanwhile (bash). */
	if (OPT(interactive)) {
		j->changed = true;
		job_reap(true);
		return;
	}
	job_list_remove(j);
	job_free(j);
}

int job_wait_spec(const char *spec, bool *found)
{
	job_reap(false);
	struct job *j = find_job(spec);
	*found = j != NULL;
	if (!j)
		return 127;
	if (j->stopped && !job_done(j))
		return stopped_wait_status(j);
	bool waited = !job_done(j);
	if (!wait_job_blocking(j))
		return -1;
	if (j->stopped && !job_done(j))
		return stopped_wait_status(j);
	/* The job's status: its last command's, or under pipefail the
	 * last failing one's, as for a foreground pipeline. */
	int st = job_exit_status(j);
	if (waited && j->nadded > 0)
		job_report_signal(j->procs[j->nadded - 1].status);
	job_forget_waited(j);
	return st;
}

int job_wait_pid(pid_t pid, bool *found)
{
	*found = true;
	if (pid == 0) {
		for (struct job *j = job_list; j; j = j->next) {
			if (!wait_job_blocking(j))
				return -1;
			if (job_done(j)) {
				for (int i = 0; i < j->nadded; i++)
					remember_reaped(j->procs[i].pid,
							j->procs[i].status);
				j->changed = true;
			}
		}
		/* Interactive: the jobs waited for are announced and leave
		 * the table now (bash); a script keeps them for `jobs`. */
		if (OPT(interactive))
			job_reap(true);
		return 0;
	}
	struct job *j = NULL;
	struct process *p = find_process(pid, &j);
	if (p) {
		/* Only a death seen by this wait is reported (as dash): one
		 * reaped earlier, between commands, passes silently. */
		bool waited = !p->done;
		if (!p->done) {
			if (j->stopped)
				return stopped_wait_status(j);
			struct rusage ru;
			switch (wait_process(p, &ru)) {
			case PROC_INTERRUPTED:
				return -1;
			case PROC_STOPPED:
				j->stopped = j->changed = true;
				return stopped_wait_status(j);
			case PROC_ENDED:
				break;
			}
		}
		int st = job_status_to_exit(p->status);
		if (waited && p == &j->procs[j->nadded - 1])
			job_report_signal(p->status);
		if (job_done(j))
			job_forget_waited(j);
		else if (p == &j->procs[j->nadded - 1])
			job_reap(false);
		return st;
	}
	for (int i = nreaped - 1; i >= 0; i--)
		if (reaped[i].pid == pid)
			return job_status_to_exit(reaped[i].status);
	*found = false;
	return 127;
}

void job_control_init(bool enable)
{
	if (!enable) {
		return;
	}
	if (job_tty_fd < 0) {
		int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
		if (fd < 0)
			return;
		job_tty_fd = fd_move_high(fd);
		shellfd_track(&job_tty_fd);
	}
	/* Wait until we are in the foreground before taking control. */
	for (;;) {
		pid_t fg = tcgetpgrp(job_tty_fd);
		if (fg < 0 || fg == getpgrp())
			break;
		kill(0, SIGTTIN);
	}
	shell_pgid = getpid();
	if (getpgrp() != shell_pgid)
		setpgid(0, shell_pgid);
	tcsetpgrp(job_tty_fd, shell_pgid);
}

static void print_job(struct job *j, bool pids_only, bool long_form);
static struct job *find_job(const char *spec);

/* jobs builtin support: prints the job table. */
void job_print_all(bool pids_only, bool long_form)
{
	job_reap(false);
	for (struct job *j = job_list, *next; j; j = next) {
		next = j->next;
		print_job(j, pids_only, long_form);
	}
}

bool job_print_spec(const char *spec, bool pids_only, bool long_form)
{
	job_reap(false);
	struct job *j = find_job(spec);
	if (!j)
		return false;
	print_job(j, pids_only, long_form);
	return true;
}

/* One line of `jobs`; a done job, once reported, leaves the table. */
static void print_job(struct job *j, bool pids_only, bool long_form)
{
	j->changed = false;
	if (pids_only) {
		printf("%ld\n", (long)j->procs[0].pid);
		return;
	}
	bool done = job_done(j);
	const char *state = j->stopped ? "Stopped" : "Running";
	if (done)
		state = describe_status(j->procs[j->nadded - 1].status);
	/* XCU jobs: "[%d] %c %s %s", + the current job, - the
	 * previous one; the state padded as dash does. */
	char mark = !j->next ? '+' : !j->next->next ? '-' : ' ';
	if (long_form)
		printf("[%d] %c %ld %-21s%s\n", j->id, mark,
		       (long)j->procs[0].pid, state, j->cmd);
	else
		printf("[%d] %c %-27s%s\n", j->id, mark, state, j->cmd);
	if (done) {
		/* Reported: forget it. */
		job_list_remove(j);
		job_free(j);
	}
}

/* Resolves %n, %+, %%, %-, %str, %?str or a pid to a job (NULL if none). */
static bool spec_ambiguous;   /* the last failed find_job matched several */

static struct job *find_job(const char *spec)
{
	spec_ambiguous = false;
	if (!job_list)
		return NULL;
	if (spec[0] != '%') {
		pid_t pid = (pid_t)atol(spec);
		struct job *j = NULL;
		find_process(pid, &j);
		return j;
	}
	spec++;
	struct job *last = job_list, *prev = NULL;
	while (last->next) {
		prev = last;
		last = last->next;
	}
	if (!*spec || !strcmp(spec, "+") || !strcmp(spec, "%"))
		return last;
	if (!strcmp(spec, "-"))
		return prev ? prev : last;
	if (*spec >= '0' && *spec <= '9') {
		int id = atoi(spec);
		for (struct job *j = job_list; j; j = j->next)
			if (j->id == id)
				return j;
		return NULL;
	}
	/* %str and %?str must name one job: bash's "ambiguous job spec". */
	struct job *match = NULL;
	for (struct job *j = job_list; j; j = j->next) {
		if (*spec == '?' ? strstr(j->cmd, spec + 1) != NULL
				 : strncmp(j->cmd, spec, strlen(spec)) == 0) {
			if (match) {
				spec_ambiguous = true;
				return NULL;
			}
			match = j;
		}
	}
	return match;
}

const char *job_spec_error(void)
{
	return spec_ambiguous ? "ambiguous job spec" : "no such job";
}

pid_t job_pid_for_spec(const char *spec)
{
	struct job *j = find_job(spec);
	if (!j)
		return -1;
	return j->pgid > 0 ? -j->pgid : j->procs[0].pid;
}

int job_continue(const char *spec, bool foreground)
{
	job_reap(false);
	struct job *j = find_job(spec ? spec : "%+");
	if (!j) {
		sh_warn("%s: %s: %s", foreground ? "fg" : "bg",
			spec ? spec : "current", job_spec_error());
		return 1;
	}
	if (!OPT(monitor)) {
		sh_warn("%s: no job control", foreground ? "fg" : "bg");
		return 1;
	}
	for (int i = 0; i < j->nadded; i++)
		j->procs[i].stopped = false;
	j->stopped = false;
	if (foreground)
		printf("%s\n", j->cmd);
	else
		printf("[%d] %s &\n", j->id, j->cmd);
	fflush(stdout);
	if (foreground) {
		job_list_remove(j);
		if (job_tty_fd >= 0)
			tcsetpgrp(job_tty_fd, j->pgid);
		kill(-j->pgid, SIGCONT);
		return job_wait_foreground(j);
	}
	j->background = true;
	kill(-j->pgid, SIGCONT);
	return 0;
}

int job_count(bool stopped_only)
{
	int n = 0;
	for (struct job *j = job_list; j; j = j->next)
		if (!job_done(j) && (!stopped_only || j->stopped))
			n++;
	return n;
}

void job_foreach(void (*fn)(int id, const char *cmd, bool stopped, void *ctx),
		 void *ctx)
{
	for (struct job *j = job_list; j; j = j->next)
		if (!job_done(j))
			fn(j->id, j->cmd, j->stopped, ctx);
}

bool job_has_news(void)
{
	if (!job_list)
		return false;
	siginfo_t si;
	memset(&si, 0, sizeof si);
	int flags = WEXITED | WNOHANG | WNOWAIT | (OPT(monitor) ? WSTOPPED : 0);
	if (waitid(P_ALL, 0, &si, flags) == 0 && si.si_pid != 0)
		return true;
	for (struct job *j = job_list; j; j = j->next)
		if (j->changed)
			return true;
	return false;
}

bool job_disown(const char *spec)
{
	job_reap(false);
	if (spec && strcmp(spec, "-a") == 0) {
		while (job_list) {
			struct job *j = job_list;
			job_list_remove(j);
			job_free(j);
		}
		return true;
	}
	struct job *j = find_job(spec ? spec : "%+");
	if (!j)
		return false;
	job_list_remove(j);
	job_free(j);
	return true;
}

void job_signal_sent(pid_t target, int sig)
{
	if (sig == SIGKILL || sig == SIGCONT || sig == 0)
		return;
	for (struct job *j = job_list; j; j = j->next) {
		bool hit = target < 0 ? j->pgid == -target : false;
		for (int i = 0; !hit && i < j->nadded; i++)
			hit = j->procs[i].pid == target;
		if (hit && j->stopped && !job_done(j)) {
			/* A stopped job would hold the signal until continued
			 * (bash sends SIGCONT after it too).  It runs again
			 * now: a `wait %N` right after must wait for the end
			 * the signal brings, not report it stopped. */
			kill(target, SIGCONT);
			j->stopped = false;
			for (int i = 0; i < j->nadded; i++)
				j->procs[i].stopped = false;
			return;
		}
	}
}
