/* jobs.h - the job table: processes launched by the shell, waiting for
 * them, process groups and the terminal.  Sees pids, never strategies. */
#ifndef TINE_JOBS_H
#define TINE_JOBS_H

#include <stdbool.h>
#include <sys/types.h>
#include <sys/resource.h>

struct job;

/* A new job of nprocs processes; cmdtext for `jobs` (copied). */
struct job *job_new(int nprocs, const char *cmdtext);
/* Records a launched process (pid 0: a member that could not start, with
 * the given status). */
void job_add_process(struct job *j, pid_t pid, int status_if_failed);
pid_t job_pgid(const struct job *j);
void job_set_pgid(struct job *j, pid_t pgid);
/* Waits for a foreground job; returns its status (pipefail aware: the
 * last failing member's status under pipefail) and takes the terminal
 * back when it had it.  Frees the job unless it stopped. */
int job_wait_foreground(struct job *j);
/* Marks a job as running in the background ($! is its last process). */
void job_background(struct job *j);
/* Exit status of waiting for pid (0 = all); wait builtin semantics.
 * -1 when a trapped signal interrupted the wait. */
int job_wait_pid(pid_t pid, bool *found);
/* wait %job: waits for every process of the job and returns the job's
 * status (its last command's); the job leaves the table.  -1 when a
 * trapped signal interrupted the wait; *found false (127) for no job. */
int job_wait_spec(const char *spec, bool *found);
/* Reaps finished children without blocking; reports changes when
 * interactive (set -b / before the prompt). */
void job_reap(bool report);
/* Status word -> shell exit status (128+N for signals). */
int job_status_to_exit(int wstatus);

/* The terminal fd of an interactive job-control shell, or -1. */
extern int job_tty_fd;
void job_control_init(bool enable);

/* The rusage of the last foreground process waited for (timing). */
extern struct rusage job_last_rusage;

/* Builtin support: `jobs` listing, %job resolution (a negative pid names
 * the job's process group, for kill), fg/bg. */
void job_print_all(bool pids_only, bool long_form);
pid_t job_pid_for_spec(const char *spec);
/* Why the last job spec named no job: "no such job" or, for a %str or
 * %?str that several jobs match, "ambiguous job spec". */
const char *job_spec_error(void);
/* jobs %spec: one job's line; false when the spec names none. */
bool job_print_spec(const char *spec, bool pids_only, bool long_form);
/* kill sent sig to target (pid, or -pgid): a stopped job of the shell's
 * gets SIGCONT after it, so the signal takes effect (bash). */
void job_signal_sent(pid_t target, int sig);
int job_continue(const char *spec, bool foreground);

/* disown: forgets a job (NULL spec: the current one; "-a": all); false
 * when there is no such job. */
bool job_disown(const char *spec);

/* Read-only views for the interactive layer (prompts' \j, completion of
 * job specs, exit with stopped jobs, set -b). */
int job_count(bool stopped_only);
void job_foreach(void (*fn)(int id, const char *cmd, bool stopped, void *ctx),
		 void *ctx);
/* True when a child changed state and job_reap(true) would report it. */
bool job_has_news(void);

#endif
