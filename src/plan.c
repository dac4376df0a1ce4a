/* plan.c - builds launch plans from what the executor resolved, launches
 * them, prints spawntrace lines, and reports every launch failure the same
 * way whatever strategy ran.  Must not look inside the AST. */
#include "plan.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "jobs.h"
#include "options.h"
#include "timing.h" /* issue 5: setopt timing records launches */
#include "trap.h"

/* The running shell's file, for ENOEXEC scripts: resolved on the first
 * such script, not at start-up, since most shells never run one.  Falls
 * back to /proc/self/exe itself (which execs the right file even if the
 * link cannot be read). */
const char *plan_shell_path(void)
{
	static const char *path;
	if (!path) {
		char real[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", real, sizeof real - 1);
		if (n > 0) {
			real[n] = '\0';
			path = xstrdup(real);
		} else {
			path = "/proc/self/exe";
		}
	}
	return path;
}

static void fill_plan(struct launch_plan *p, const struct plan_request *rq)
{
	int n = (rq->pre ? rq->pre->n : 0) + (rq->redirs ? rq->redirs->n : 0);
	struct fdop *ops = talloc((size_t)(n ? n : 1) * sizeof *ops);
	int k = 0;
	if (rq->pre)
		for (int i = 0; i < rq->pre->n; i++)
			ops[k++] = rq->pre->ops[i];
	if (rq->redirs)
		for (int i = 0; i < rq->redirs->n; i++)
			ops[k++] = rq->redirs->ops[i];
	memset(p, 0, sizeof *p);
	p->path = rq->path;
	p->argv = rq->argv;
	p->envp = rq->envp;
	p->fdops = ops;
	p->nfdops = k;
	trap_plan_signals(&p->sigdfl, &p->sigign, &p->sigmask, rq->background);
	p->pgid = rq->pgid;
	p->foreground = rq->foreground && job_tty_fd >= 0;
	p->tty_fd = p->foreground ? job_tty_fd : -1;
}

/* The message and status for a failed exec of path (XCU 2.9.1.1). */
static int report_exec_failure(const struct plan_request *rq, int err)
{
	const char *name = rq->name;
	switch (err) {
	case ENOENT: {
		struct stat st;
		/* The file exists, so its #! interpreter is what is missing. */
		if (strchr(name, '/') && stat(rq->path, &st) == 0) {
			sh_warn("%s: bad interpreter: %s", name, strerror(err));
			return 127;
		}
		sh_warn("%s: not found", name);
		return 127;
	}
	case EACCES: {
		struct stat st;
		if (stat(rq->path, &st) == 0 && S_ISDIR(st.st_mode)) {
			sh_warn("%s: Is a directory", name);
			return 126;
		}
		sh_warn("%s: Permission denied", name);
		return 126;
	}
	default:
		sh_warn("%s: %s", name, strerror(err));
		return 126;
	}
}

/* The spawntrace line is written in two parts: the plan before the launch
 * (SPEC: "prints, before each launch, the plan"), and " -> pid N" once the
 * strategy returned, or " -> failed" when it could not start the program
 * (the error message follows on its own line). */
static void trace_plan_begin(const struct launch_plan *p, int strategy)
{
	char buf[2048];
	char *line = buf;
	int n = launch_format_plan(buf, sizeof buf, (enum launch_strategy)strategy, p);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf) {
		line = talloc((size_t)n + 1);
		launch_format_plan(line, (size_t)n + 1, (enum launch_strategy)strategy, p);
	}
	fflush(stdout);
	fputs(line, stderr);
}

static void trace_plan_end(pid_t pid)
{
	if (pid > 0)
		fprintf(stderr, " -> pid %ld\n", (long)pid);
	else
		fputs(" -> failed\n", stderr);
}

/* argv for running path as a script by a new tine: tine path args... */
static char **script_argv(const struct plan_request *rq)
{
	int argc = 0;
	while (rq->argv[argc])
		argc++;
	char **v = talloc((size_t)(argc + 2) * sizeof *v);
	v[0] = (char *)"tine";
	v[1] = (char *)rq->path;
	for (int i = 1; i <= argc; i++)
		v[i + 1] = rq->argv[i];
	return v;
}

pid_t plan_launch(const struct plan_request *rq, int *status)
{
	if (!rq->path) {
		sh_warn("%s: not found", rq->name);
		*status = 127;
		return 0;
	}
	struct launch_plan plan;
	fill_plan(&plan, rq);
	struct launch_result res;
	fflush(stdout);
	bool trace = OPT(spawntrace);
	if (trace)
		trace_plan_begin(&plan, rq->strategy);
	int r = launch_run((enum launch_strategy)rq->strategy, &plan, &res);
	if (trace)
		trace_plan_end(r == 0 ? res.pid : 0);
	if (r == 0) {
		/* issue 5: launch latency for `setopt timing` lines */
		timing_launched(res.pid, rq->strategy, rq->name, &res);
		return res.pid;
	}
	switch (res.stage) {
	case LAUNCH_FAILED_FDOP:
		redir_report(&plan.fdops[res.failed_fdop], res.err);
		*status = 1;
		return 0;
	case LAUNCH_FAILED_EXEC:
		if (res.err == ENOEXEC) {
			struct plan_request again = *rq;
			again.path = plan_shell_path();
			again.argv = script_argv(rq);
			again.name = rq->name;
			return plan_launch(&again, status);
		}
		*status = report_exec_failure(rq, res.err);
		return 0;
	default:
		sh_warn("%s: cannot start: %s", rq->name, strerror(res.err));
		*status = 126;
		return 0;
	}
}

int plan_exec_in_place(const struct plan_request *rq)
{
	if (!rq->path) {
		sh_warn("%s: not found", rq->name);
		return 127;
	}
	struct launch_plan plan;
	fill_plan(&plan, rq);
	if (OPT(spawntrace)) {
		trace_plan_begin(&plan, LAUNCH_FORK);
		trace_plan_end(getpid());
	}
	fflush(stdout);
	int failed = -1;
	int err = launch_apply_and_exec(&plan, &failed);
	if (failed >= 0) {
		redir_report(&plan.fdops[failed], err);
		return 1;
	}
	if (err == ENOEXEC) {
		plan.path = plan_shell_path();
		plan.argv = script_argv(rq);
		plan.nfdops = 0; /* already applied */
		err = launch_apply_and_exec(&plan, &failed);
	}
	return report_exec_failure(rq, err);
}
