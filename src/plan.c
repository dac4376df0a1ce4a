/* plan.c - builds launch plans from what the executor resolved, launches
 * them, prints spawntrace lines, and reports every launch failure the same
 * way whatever strategy ran.  Must not look inside the AST.
 *
 * Two launches end after this file has returned.  A launch that did not
 * wait for its exec (launch.c: an asynchronous plan whose open may block)
 * leaves a report fd; its failure, if any, is printed when the child is
 * reaped (plan_reaped, called by jobs.c), with the message and status a
 * launch that waited would have had, and the script line it was started
 * from.  A plan run in place (exec, a subshell's last command) that fails
 * puts the shell's mask and dispositions back before returning. */
#include "plan.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
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
#include "quote.h"
#include "timing.h" /* setopt timing records launches */
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

/* Does the shell go on without waiting for this program?  The executor
 * says so in rq->async (`&`, a pipeline member before the last, the
 * program of a $( )); a detached background launch always does. */
static bool request_is_async(const struct plan_request *rq)
{
	return rq->async || rq->background;
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
	trap_plan_signals(&p->sigdfl, &p->sigign, &p->sigmask, rq->background,
			  rq->pgid >= 0);
	p->pgid = rq->pgid;
	/* The executor decided the group and the terminal (exec's
	 * proc_group_for); foreground implies there is a terminal. */
	p->foreground = rq->foreground;
	p->tty_fd = p->foreground ? job_tty_fd : -1;
	p->async = request_is_async(rq);
	p->script_shell = p->async ? plan_shell_path() : NULL;
}

/* Where the program's fd 2 went: the plan's fd operations replayed on
 * paper, fd by fd.  A failed launch is reported by the parent, but the
 * message belongs where the command's own stderr was sent (dash prints
 * it in the child): `prog 2>/dev/null` is silent, `$(prog 2>&1)` holds
 * it. */
struct fd_origin {
	int fd;
	int parent_fd; /* the parent's fd it is a copy of, or -1 */
	int op;        /* or the FDOP_OPEN that opened it, or -1: closed */
};

static struct fd_origin origin_of(const struct fd_origin *map, int n, int fd)
{
	for (int i = n - 1; i >= 0; i--)
		if (map[i].fd == fd)
			return map[i];
	return (struct fd_origin){ fd, fd, -1 };
}

/* Opens (or finds) what fd 2 of the fd ops is, for the parent to write
 * to.  not_run: no child applied them, so files they create are created
 * here too, as running them would have.  late: the report comes when the
 * child is reaped, when the parent's own fds named by the ops (pipe ends)
 * may be gone or reused, so only files and fds 0-2 are trusted.  Returns
 * the fd (*owned when it must be closed), 2 to leave stderr alone, or -1
 * when stderr was closed there. */
static int plan_stderr_fd(const struct fdop *fdops, int nfdops, bool not_run,
			  bool late, bool *owned)
{
	*owned = false;
	struct fd_origin *map = talloc((size_t)(nfdops + 1) * sizeof *map);
	int n = 0;
	for (int i = 0; i < nfdops; i++) {
		const struct fdop *op = &fdops[i];
		struct fd_origin o = { op->fd, -1, -1 };
		if (op->kind == FDOP_OPEN) {
			o.op = i;
		} else if (op->kind == FDOP_DUP2) {
			if (op->src == op->fd)
				continue;
			o = origin_of(map, n, op->src);
			o.fd = op->fd;
		}
		map[n++] = o;
	}
	struct fd_origin err = origin_of(map, n, 2);
	if (not_run)
		for (int i = 0; i < nfdops; i++) {
			const struct fdop *op = &fdops[i];
			if (op->kind != FDOP_OPEN || i == err.op ||
			    !(op->oflags & O_CREAT))
				continue;
			int fd = open(op->path, (op->oflags & ~O_EXCL) |
					     O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
				      0666);
			if (fd >= 0)
				close(fd);
		}
	if (err.op >= 0) {
		const struct fdop *op = &fdops[err.op];
		int flags = op->oflags & ~O_EXCL;
		if (!not_run)
			flags &= ~O_TRUNC; /* the child has opened it */
		int fd = open(op->path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
			      0666);
		*owned = fd >= 0;
		return fd;
	}
	if (err.parent_fd >= 0 && late && err.parent_fd > 2)
		return 2;
	if (err.parent_fd >= 0 && fcntl(err.parent_fd, F_GETFD) >= 0)
		return err.parent_fd;
	return -1;
}

/* Points the shell's stderr where the ops sent it, for one message;
 * returns what stderr_restore needs (-2: nothing changed, -1: stderr
 * was closed there, so the message is dropped). */
static int stderr_redirect(const struct fdop *fdops, int nfdops, bool not_run,
			   bool late)
{
	bool owned;
	int fd = plan_stderr_fd(fdops, nfdops, not_run, late, &owned);
	if (fd == 2)
		return -2;
	fflush(stderr);
	int saved = fcntl(2, F_DUPFD_CLOEXEC, 10);
	if (fd >= 0)
		dup2(fd, 2);
	else
		close(2);
	if (owned)
		close(fd);
	return saved < 0 ? -1 : saved;
}

static void stderr_restore(int saved)
{
	if (saved == -2)
		return;
	fflush(stderr);
	clearerr(stderr);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
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
 * (the plan the child will carry out, as set -x shows a command before it
 * runs), and " -> pid N" once the
 * strategy returned, or " -> failed" when it could not start the program
 * (the error message follows on its own line). */
static void trace_plan_begin(const struct launch_plan *p, const char *how)
{
	char buf[2048];
	char *line = buf;
	int n = launch_format_plan(buf, sizeof buf, how, p);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf) {
		line = talloc((size_t)n + 1);
		launch_format_plan(line, (size_t)n + 1, how, p);
	}
	fflush(stdout);
	fputs(line, stderr);
}

/* What a detour did and why, after " -> pid N" (spawntrace) and at the
 * end of a timing line: "(fork, not vfork: open(p) may block)". */
void plan_describe_detour(char *buf, size_t size, int asked, int ran,
			  int detour, const char *path)
{
	const char *what = detour == LAUNCH_DETOUR_ASYNC_OPEN ?
		"not waiting for the exec" : "interruptible in the open";
	if (asked == ran)
		snprintf(buf, size, "(%s, %s: open(%s) may block)",
			 launch_strategy_name((enum launch_strategy)ran), what,
			 quote_str(path));
	else
		snprintf(buf, size, "(%s, not %s, %s: open(%s) may block)",
			 launch_strategy_name((enum launch_strategy)ran),
			 launch_strategy_name((enum launch_strategy)asked), what,
			 quote_str(path));
}

static void trace_plan_end(pid_t pid, const struct launch_plan *p,
			   int asked, const struct launch_result *res)
{
	if (pid > 0)
		fprintf(stderr, " -> pid %ld", (long)pid);
	else
		fputs(" -> failed", stderr);
	if (res && res->detour) {
		char note[512];
		plan_describe_detour(note, sizeof note, asked, res->ran,
				     res->detour, p->fdops[res->detour_fdop].path);
		fprintf(stderr, " %s", note);
	}
	fputc('\n', stderr);
}

/* ---- launches that did not wait for their exec ---- */

struct pending_report {
	pid_t pid;
	pid_t owner;          /* the shell that launched it (not a subshell
	                       * that inherited the table) */
	int fd;
	char *name;           /* for the messages */
	char *path;
	struct fdop *fdops;   /* copies: the plan's arena is gone by then */
	int nfdops;
	char *source;         /* error_source and error_line at the launch */
	int line;
};

static struct pending_report *pending;
static int npending, cappending;

static void pending_free(struct pending_report *r);

/* A forked subshell inherits the table, but its children are not those:
 * a pid reused by one of its own must not read its parent's report. */
static void drop_foreign_reports(void)
{
	if (!npending || pending[0].owner == getpid())
		return;
	for (int i = 0; i < npending; i++) {
		close(pending[i].fd);
		pending_free(&pending[i]);
	}
	npending = 0;
}

static void pending_add(const struct plan_request *rq,
			const struct launch_plan *p, pid_t pid, int fd)
{
	drop_foreign_reports();
	if (npending == cappending) {
		cappending = cappending ? cappending * 2 : 4;
		pending = xrealloc(pending, (size_t)cappending * sizeof *pending);
	}
	struct pending_report *r = &pending[npending++];
	r->pid = pid;
	r->owner = getpid();
	r->fd = fd;
	r->name = xstrdup(rq->name);
	r->path = xstrdup(rq->path);
	r->nfdops = p->nfdops;
	r->fdops = xmalloc((size_t)(p->nfdops ? p->nfdops : 1) * sizeof *r->fdops);
	for (int i = 0; i < p->nfdops; i++) {
		r->fdops[i] = p->fdops[i];
		if (p->fdops[i].path)
			r->fdops[i].path = xstrdup(p->fdops[i].path);
	}
	r->source = error_source ? xstrdup(error_source) : NULL;
	r->line = error_line;
}

static void pending_free(struct pending_report *r)
{
	for (int i = 0; i < r->nfdops; i++)
		free((char *)r->fdops[i].path);
	free(r->fdops);
	free(r->name);
	free(r->path);
	free(r->source);
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

/* The status and message of a launch that failed at res->stage, for a
 * request whose plan has the given fd ops.  -1: ENOEXEC, run it as a
 * script. */
static int report_failure(const struct plan_request *rq,
			  const struct fdop *fdops, int nfdops, bool late,
			  const struct launch_result *res)
{
	switch (res->stage) {
	case LAUNCH_OK:
		return 0;
	case LAUNCH_FAILED_FDOP:
		redir_report(&fdops[res->failed_fdop], res->err);
		return 1;
	case LAUNCH_FAILED_EXEC:
		if (res->err == ENOEXEC)
			return -1;
		int saved = stderr_redirect(fdops, nfdops, false, late);
		int st = report_exec_failure(rq, res->err);
		stderr_restore(saved);
		return st;
	default:
		sh_warn("%s: cannot start: %s", rq->name, strerror(res->err));
		return 126;
	}
}

void plan_reaped(pid_t pid, int *wstatus)
{
	if (!npending)
		return;
	drop_foreign_reports();
	int i;
	for (i = 0; i < npending; i++)
		if (pending[i].pid == pid)
			break;
	if (i == npending)
		return;
	struct pending_report r = pending[i];
	pending[i] = pending[--npending];
	struct launch_result res;
	memset(&res, 0, sizeof res);
	if (launch_collect(r.fd, &res) < 0) {
		struct plan_request rq = { 0 };
		rq.name = r.name;
		rq.path = r.path;
		const char *saved_source = error_source;
		int saved_line = error_line;
		error_source = r.source;
		error_line = r.line;
		fflush(stdout);
		int st = report_failure(&rq, r.fdops, r.nfdops, true, &res);
		error_source = saved_source;
		error_line = saved_line;
		/* ENOEXEC cannot come back: the child ran the script itself */
		*wstatus = (st < 0 ? 126 : st) << 8;
	}
	pending_free(&r);
}

pid_t plan_launch(const struct plan_request *rq, int *status)
{
	struct launch_plan plan;
	fill_plan(&plan, rq);
	if (!rq->path) {
		int saved = stderr_redirect(plan.fdops, plan.nfdops, true, false);
		sh_warn("%s: not found", rq->name);
		stderr_restore(saved);
		*status = 127;
		return 0;
	}
	struct launch_result res;
	fflush(stdout);
	bool trace = OPT(spawntrace);
	if (trace)
		trace_plan_begin(&plan, launch_strategy_name(
				 (enum launch_strategy)rq->strategy));
	int r = launch_run((enum launch_strategy)rq->strategy, &plan, &res);
	if (trace)
		trace_plan_end(r == 0 ? res.pid : 0, &plan, rq->strategy, &res);
	if (r == 0) {
		if (res.report_fd >= 0)
			pending_add(rq, &plan, res.pid, fd_move_high(res.report_fd));
		/* launch latency for `setopt timing` lines */
		timing_launched(res.pid, rq->strategy, rq->name, &res,
				res.detour ? plan.fdops[res.detour_fdop].path : NULL);
		return res.pid;
	}
	*status = report_failure(rq, plan.fdops, plan.nfdops, false, &res);
	if (*status >= 0)
		return 0;
	struct plan_request again = *rq;
	again.path = plan_shell_path();
	again.argv = script_argv(rq);
	again.name = rq->name;
	return plan_launch(&again, status);
}

/* The dispositions a plan run in place changes, saved to be put back. */
struct saved_signals {
	sigset_t mask;
	sigset_t touched;
	struct sigaction act[NSIG];
};

static void save_signals(const struct launch_plan *p, struct saved_signals *s)
{
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &s->mask);
	sigemptyset(&s->touched);
	for (int sig = 1; sig < NSIG; sig++)
		if ((sigismember(&p->sigdfl, sig) == 1 ||
		     sigismember(&p->sigign, sig) == 1) &&
		    sigaction(sig, NULL, &s->act[sig]) == 0)
			sigaddset(&s->touched, sig);
}

static void restore_signals(const struct saved_signals *s)
{
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(&s->touched, sig) == 1)
			sigaction(sig, &s->act[sig], NULL);
	sigprocmask(SIG_SETMASK, &s->mask, NULL);
}

int plan_exec_in_place(const struct plan_request *rq)
{
	struct launch_plan plan;
	fill_plan(&plan, rq);
	if (!rq->path) {
		int saved = stderr_redirect(plan.fdops, plan.nfdops, true, false);
		sh_warn("%s: not found", rq->name);
		stderr_restore(saved);
		return 127;
	}
	if (OPT(spawntrace)) {
		trace_plan_begin(&plan, "exec");
		trace_plan_end(getpid(), &plan, LAUNCH_FORK, NULL);
	}
	fflush(stdout);
	struct saved_signals saved;
	save_signals(&plan, &saved);
	struct launch_failure f = launch_apply_and_exec(&plan);
	if (f.stage == LAUNCH_FAILED_EXEC && f.err == ENOEXEC) {
		plan.path = plan_shell_path();
		plan.argv = script_argv(rq);
		plan.nfdops = 0; /* already applied */
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		f = launch_apply_and_exec(&plan);
	}
	restore_signals(&saved);
	switch (f.stage) {
	case LAUNCH_FAILED_FDOP:
		redir_report(&plan.fdops[f.fdop], f.err);
		return 1;
	case LAUNCH_FAILED_START:
		sh_warn("%s: cannot start: %s", rq->name, strerror(f.err));
		return 126;
	default:
		return report_exec_failure(rq, f.err);
	}
}
