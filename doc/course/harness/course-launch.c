/* course-launch.c - the course's test bench for a launch strategy written
 * by a student (exercises 4 and 5).  Links tine's own strategies
 * (src/launch*.c, which include only launch.h) and one more file, the
 * student's, which defines
 *
 *     const struct launch_strategy_ops course_student_ops;
 *
 * and includes nothing of tine but launch.h.  It may use the shared plan
 * applier (launch_apply_and_exec) or apply the plan itself.
 *
 * usage: course-launch probe PROBE   same plans under vfork (the reference)
 *                                    and the student's strategy: the probe's
 *                                    reports must be byte-identical
 *        course-launch fail          failed launches: stage, errno and the
 *                                    failed fd operation must match vfork's
 *        course-launch bench [-n N] PROGRAM
 *                                    median launch latency of fork, vfork,
 *                                    clone, posix_spawn and the student's
 *        course-launch once STRATEGY PROGRAM
 *                                    one launch (for strace); STRATEGY is
 *                                    fork, vfork, clone, posix_spawn or
 *                                    student
 *
 * probe and fail print one line per case and end with "PASS" or "FAIL"
 * (exit status 0 or 1).  doc/course/harness/build makes the binary. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"

extern const struct launch_strategy_ops course_student_ops;

static const struct launch_strategy_ops *const reference = &launch_vfork_ops;

/* Signals that ever had a handler in this process: what musl's sigaction
 * records for its posix_spawn child and tine's trap.c for its plans, here
 * kept by hand (exercise 5).  Every plan's sigdfl includes them, as
 * launch.h requires. */
sigset_t course_handled;

static void on_usr1(int sig)
{
	(void)sig;
}

/* The state a shell is in when it launches: a caught signal (USR1), one
 * it ignores for itself (TERM), an inherited fd that is close-on-exec
 * (9), a blocked signal of its own around the call is the strategy's job. */
static void shell_like_state(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigaddset(&course_handled, SIGUSR1);
	signal(SIGTERM, SIG_IGN);
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fd != 9) {
		dup3(fd, 9, O_CLOEXEC);
		close(fd);
	}
}

struct scenario {
	const char *name;
	struct fdop ops[6]; /* after the report's open(REPORT)=1 */
	int nops;
	int sigdfl[4], sigign[4], mask[4]; /* 0-terminated */
	pid_t pgid;
	const char *argv1;
};

static const struct scenario scenarios[] = {
	{ .name = "plain", .pgid = -1 },
	{ .name = "stderr to stdout, stdin from /dev/null",
	  .ops = { { .kind = FDOP_DUP2, .fd = 2, .src = 1 },
		   { .kind = FDOP_OPEN, .fd = 0, .path = "/dev/null",
		     .oflags = O_RDONLY } },
	  .nops = 2, .pgid = -1 },
	{ .name = "open on a high fd, close stdin",
	  .ops = { { .kind = FDOP_OPEN, .fd = 7, .path = "/dev/null",
		     .oflags = O_WRONLY | O_APPEND },
		   { .kind = FDOP_CLOSE, .fd = 0 } },
	  .nops = 2, .pgid = -1 },
	{ .name = "dup2(9,9) keeps an inherited close-on-exec fd",
	  .ops = { { .kind = FDOP_DUP2, .fd = 9, .src = 9 } },
	  .nops = 1, .pgid = -1 },
	{ .name = "caught signal reset, INT and QUIT ignored",
	  .sigdfl = { SIGUSR1 }, .sigign = { SIGINT, SIGQUIT }, .pgid = -1 },
	{ .name = "mask USR2 and HUP, TERM back to default",
	  .sigdfl = { SIGTERM }, .mask = { SIGUSR2, SIGHUP }, .pgid = -1 },
	{ .name = "new process group", .pgid = 0 },
	{ .name = "an argument with spaces and a quote", .pgid = -1,
	  .argv1 = "it's a b" },
};

static void fill_set(sigset_t *set, const int *sigs)
{
	sigemptyset(set);
	for (int i = 0; i < 4 && sigs[i]; i++)
		sigaddset(set, sigs[i]);
}

static char *const probe_env[] = { "PROBE_ENV_FILTER=COURSE_",
				   "COURSE_VAR=x y", NULL };

/* Runs one scenario with strategy ops; the probe's report is read into
 * out.  Returns 0 on success. */
static int run_probe(const struct launch_strategy_ops *ops,
		     const struct scenario *sc, const char *probe,
		     const char *report, char *out, size_t outsize)
{
	struct fdop ops_all[8];
	ops_all[0] = (struct fdop){ .kind = FDOP_OPEN, .fd = 1, .path = report,
				    .oflags = O_WRONLY | O_CREAT | O_TRUNC };
	for (int i = 0; i < sc->nops; i++)
		ops_all[1 + i] = sc->ops[i];
	char *argv[] = { (char *)probe, (char *)sc->argv1, NULL };
	struct launch_plan plan;
	memset(&plan, 0, sizeof plan);
	plan.path = probe;
	plan.argv = argv;
	plan.envp = probe_env;
	plan.fdops = ops_all;
	plan.nfdops = 1 + sc->nops;
	fill_set(&plan.sigdfl, sc->sigdfl);
	/* As a shell's plan does: every signal with a handler is reset. */
	sigorset(&plan.sigdfl, &plan.sigdfl, &course_handled);
	fill_set(&plan.sigign, sc->sigign);
	fill_set(&plan.sigmask, sc->mask);
	plan.pgid = sc->pgid;
	plan.tty_fd = -1;
	struct launch_result res;
	/* A strategy that never opens the report must not read the last
	 * one's. */
	unlink(report);
	if (ops->launch(&plan, &res) != 0) {
		snprintf(out, outsize, "launch failed: stage %d: %s\n",
			 (int)res.stage, strerror(res.err));
		return -1;
	}
	int st;
	while (waitpid(res.pid, &st, 0) < 0 && errno == EINTR)
		;
	int fd = open(report, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, out, outsize - 1);
	if (fd >= 0)
		close(fd);
	out[n < 0 ? 0 : n] = '\0';
	return 0;
}

static int cmd_probe(const char *probe)
{
	char report[] = "/tmp/course-launch.XXXXXX";
	int tfd = mkstemp(report);
	if (tfd < 0) {
		perror("mkstemp");
		return 2;
	}
	close(tfd);
	static char want[65536], got[65536];
	int bad = 0;
	for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
		const struct scenario *sc = &scenarios[i];
		run_probe(reference, sc, probe, report, want, sizeof want);
		run_probe(&course_student_ops, sc, probe, report, got, sizeof got);
		bool same = strcmp(want, got) == 0;
		printf("%-6s %s\n", same ? "ok" : "DIFFER", sc->name);
		if (!same) {
			bad++;
			printf("--- %s (reference)\n%s--- %s\n%s", reference->name,
			       want, course_student_ops.name, got);
		}
	}
	unlink(report);
	puts(bad ? "FAIL" : "PASS");
	return bad ? 1 : 0;
}

/* Failed launches: what the one parent-side error path is told. */
static int cmd_fail(void)
{
	char *argv_missing[] = { "/nonexistent/program", NULL };
	char *argv_true[] = { "/bin/true", NULL };
	char *argv_dir[] = { "/tmp", NULL };
	struct fdop bad_open[] = {
		{ .kind = FDOP_OPEN, .fd = 0, .path = "/dev/null", .oflags = O_RDONLY },
		{ .kind = FDOP_OPEN, .fd = 1, .path = "/nonexistent/dir/out",
		  .oflags = O_WRONLY | O_CREAT | O_TRUNC },
	};
	struct fdop bad_dup[] = { { .kind = FDOP_DUP2, .fd = 1, .src = 57 } };
	struct {
		const char *name;
		char *const *argv;
		const struct fdop *ops;
		int nops;
	} cases[] = {
		{ "program not found", argv_missing, NULL, 0 },
		{ "a directory", argv_dir, NULL, 0 },
		{ "second open fails", argv_true, bad_open, 2 },
		{ "dup2 of a closed fd", argv_true, bad_dup, 1 },
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct launch_plan plan;
		memset(&plan, 0, sizeof plan);
		plan.path = cases[i].argv[0];
		plan.argv = cases[i].argv;
		plan.envp = probe_env;
		plan.fdops = cases[i].ops;
		plan.nfdops = cases[i].nops;
		sigemptyset(&plan.sigdfl);
		sigorset(&plan.sigdfl, &plan.sigdfl, &course_handled);
		sigemptyset(&plan.sigign);
		sigemptyset(&plan.sigmask);
		plan.pgid = -1;
		plan.tty_fd = -1;
		struct launch_result a, b;
		int ra = reference->launch(&plan, &a);
		int rb = course_student_ops.launch(&plan, &b);
		bool same = ra == rb && a.stage == b.stage && a.err == b.err &&
			    (a.stage != LAUNCH_FAILED_FDOP ||
			     a.failed_fdop == b.failed_fdop) &&
			    b.pid == 0;
		printf("%-6s %s: %s stage %d errno %d (%s)", same ? "ok" : "DIFFER",
		       cases[i].name, course_student_ops.name, (int)b.stage, b.err,
		       strerror(b.err));
		if (!same)
			printf("; %s says stage %d errno %d fdop %d, pid must be 0",
			       reference->name, (int)a.stage, a.err, a.failed_fdop);
		putchar('\n');
		if (ra == 0 && a.pid > 0)
			waitpid(a.pid, NULL, 0);
		if (rb == 0 && b.pid > 0)
			waitpid(b.pid, NULL, 0);
		bad += !same;
	}
	/* No child may be left over: every failed child was reaped. */
	if (waitpid(-1, NULL, WNOHANG) > 0) {
		printf("DIFFER a failed launch left a child to reap\n");
		bad++;
	}
	puts(bad ? "FAIL" : "PASS");
	return bad ? 1 : 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int cmd_bench(int n, const char *prog)
{
	const struct launch_strategy_ops *all[] = {
		&launch_fork_ops, &launch_vfork_ops, &launch_clone_ops,
		&launch_spawn_ops, &course_student_ops,
	};
	char *argv[] = { (char *)prog, NULL };
	struct fdop quiet[] = {
		{ .kind = FDOP_OPEN, .fd = 0, .path = "/dev/null", .oflags = O_RDONLY },
		{ .kind = FDOP_OPEN, .fd = 1, .path = "/dev/null", .oflags = O_WRONLY },
	};
	uint64_t *t = calloc((size_t)n, sizeof *t);
	if (!t)
		return 2;
	printf("%-14s %12s\n", "strategy", "launch p50");
	for (size_t s = 0; s < sizeof all / sizeof all[0]; s++) {
		for (int i = 0; i < n; i++) {
			struct launch_plan plan;
			memset(&plan, 0, sizeof plan);
			plan.path = prog;
			plan.argv = argv;
			plan.envp = probe_env;
			plan.fdops = quiet;
			plan.nfdops = 2;
			sigemptyset(&plan.sigdfl);
		sigorset(&plan.sigdfl, &plan.sigdfl, &course_handled);
			sigemptyset(&plan.sigign);
			sigemptyset(&plan.sigmask);
			plan.pgid = -1;
			plan.tty_fd = -1;
			struct launch_result res;
			uint64_t t0 = launch_now_ns();
			if (all[s]->launch(&plan, &res) != 0) {
				fprintf(stderr, "%s: %s\n", all[s]->name,
					strerror(res.err));
				free(t);
				return 1;
			}
			/* t_exec_ns is when the parent learnt of the exec
			 * (what setopt timing shows); 0 if the strategy does
			 * not say, then the return of the call counts. */
			uint64_t t1 = res.t_exec_ns ? res.t_exec_ns : launch_now_ns();
			t[i] = t1 - t0;
			waitpid(res.pid, NULL, 0);
		}
		qsort(t, (size_t)n, sizeof *t, cmp_u64);
		printf("%-14s %10.1fus\n", all[s]->name, (double)t[n / 2] / 1000.0);
	}
	free(t);
	return 0;
}

static int cmd_once(const char *name, const char *prog)
{
	const struct launch_strategy_ops *ops =
		strcmp(name, "student") == 0 ? &course_student_ops :
		strcmp(name, "fork") == 0 ? &launch_fork_ops :
		strcmp(name, "vfork") == 0 ? &launch_vfork_ops :
		strcmp(name, "clone") == 0 ? &launch_clone_ops :
		strcmp(name, "posix_spawn") == 0 ? &launch_spawn_ops : NULL;
	if (!ops) {
		fprintf(stderr, "course-launch: unknown strategy %s\n", name);
		return 2;
	}
	char *argv[] = { (char *)prog, NULL };
	struct launch_plan plan;
	memset(&plan, 0, sizeof plan);
	plan.path = prog;
	plan.argv = argv;
	plan.envp = probe_env;
	sigemptyset(&plan.sigdfl);
	sigorset(&plan.sigdfl, &plan.sigdfl, &course_handled);
	sigaddset(&plan.sigdfl, SIGTERM);
	sigemptyset(&plan.sigign);
	sigemptyset(&plan.sigmask);
	plan.pgid = -1;
	plan.tty_fd = -1;
	struct launch_result res;
	if (ops->launch(&plan, &res) != 0) {
		fprintf(stderr, "course-launch: %s: %s\n", ops->name,
			strerror(res.err));
		return 1;
	}
	int st;
	waitpid(res.pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

int main(int argc, char **argv)
{
	shell_like_state();
	if (argc == 4 && strcmp(argv[1], "once") == 0)
		return cmd_once(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "probe") == 0)
		return cmd_probe(argv[2]);
	if (argc == 2 && strcmp(argv[1], "fail") == 0)
		return cmd_fail();
	if (argc >= 3 && strcmp(argv[1], "bench") == 0) {
		int n = 200;
		int i = 2;
		if (argc >= 5 && strcmp(argv[2], "-n") == 0) {
			n = atoi(argv[3]);
			i = 4;
		}
		if (n < 1 || i >= argc)
			goto usage;
		return cmd_bench(n, argv[i]);
	}
usage:
	fprintf(stderr, "usage: course-launch probe PROBE | fail | "
		"bench [-n N] PROGRAM | once STRATEGY PROGRAM\n");
	return 2;
}
