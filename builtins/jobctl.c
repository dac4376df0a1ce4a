/* jobctl.c - the job-control builtins: jobs, fg, bg, wait.  The job
 * table itself is jobs.c's. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/builtins.h"
#include "../src/error.h"
#include "../src/jobs.h"
#include "../src/trap.h"

int bi_jobs(int argc, char **argv)
{
	struct bopt st = { 1, 0, NULL };
	bool pids = false, long_form = false;
	int c;
	while ((c = bopt_next(&st, argc, argv, "lp")) != -1) {
		if (c == '?')
			return 2;
		if (c == 'p')
			pids = true;
		if (c == 'l')
			long_form = true;
	}
	if (st.ind >= argc) {
		job_print_all(pids, long_form);
		return 0;
	}
	int status = 0;
	for (int i = st.ind; i < argc; i++)
		if (!job_print_spec(argv[i], pids, long_form)) {
			sh_warn("jobs: %s: %s", argv[i], job_spec_error());
			status = 1;
		}
	return status;
}

int bi_fg(int argc, char **argv)
{
	return job_continue(argc > 1 ? argv[1] : NULL, true);
}

int bi_bg(int argc, char **argv)
{
	int st = 0;
	if (argc < 2)
		return job_continue(NULL, false);
	for (int i = 1; i < argc; i++)
		if (job_continue(argv[i], false))
			st = 1;
	return st;
}

int bi_wait(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	bool found;
	if (i >= argc) {
		int r = job_wait_pid(0, &found);
		if (r != 0 && trap_pending)
			return 128 + trap_last_signal();
		return 0;
	}
	int st = 0;
	for (; i < argc; i++) {
		pid_t pid;
		if (argv[i][0] == '%') {
			st = job_wait_spec(argv[i], &found);
			if (!found) {
				sh_warn("wait: %s: %s", argv[i], job_spec_error());
				st = 127;
			} else if (st < 0) {
				return 128 + trap_last_signal();
			}
			continue;
		} else {
			char *end;
			long v = strtol(argv[i], &end, 10);
			if (!*argv[i] || *end || v <= 0) {
				sh_warn("wait: %s: not a pid or valid job spec", argv[i]);
				st = 2;
				continue;
			}
			pid = (pid_t)v;
		}
		st = job_wait_pid(pid, &found);
		if (st < 0)
			return 128 + trap_last_signal();
	}
	return st;
}

int bi_disown(int argc, char **argv)
{
	struct bopt st = { 1, 0, NULL };
	bool all = false;
	int c;
	while ((c = bopt_next(&st, argc, argv, "ahr")) != -1) {
		if (c == '?')
			return 2;
		if (c == 'a')
			all = true;
		/* -h and -r: tine sends no SIGHUP to jobs on exit, so keeping
		 * a job while sparing it the hangup is the same as disown. */
	}
	if (all)
		return job_disown("-a") ? 0 : 1;
	if (st.ind >= argc) {
		if (!job_disown(NULL)) {
			sh_warn("disown: current: no such job");
			return 1;
		}
		return 0;
	}
	int status = 0;
	for (int i = st.ind; i < argc; i++)
		if (!job_disown(argv[i])) {
			sh_warn("disown: %s: no such job", argv[i]);
			status = 1;
		}
	return status;
}
