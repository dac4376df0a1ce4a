/* spawnbench.c - the spawnbench builtin: runs a program
 * many times under each launch strategy and prints what each one cost.
 *
 * Owns its own launches: it builds a struct launch_plan by hand (stdin,
 * stdout and stderr on /dev/null), calls launch_run directly and reaps
 * each child itself with wait4 before the next run, so it never touches
 * the job table and never leaves a child behind.  Must not go through
 * plan.c (no spawntrace or timing lines for thousands of runs) and must
 * not keep memory it grew for -m.
 *
 * Latency is launch_result.t_exec_ns - t_start_ns, the same measurement
 * `setopt timing` shows; timing.c explains why it is comparable across
 * strategies. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* F_DUPFD_CLOEXEC, MADV_NOHUGEPAGE */
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "launch.h"
#include "path.h"
#include "timing.h"
#include "trap.h"
#include "vars.h"

#define SB_DEFAULT_RUNS 100
#define SB_MAX_RUNS 1000000
#define SB_BAR_CELLS 30

static const char usage_text[] =
	"usage: spawnbench [-n N] [-s LIST] [-m SIZE] [--csv] command [args]\n"
	"  Runs COMMAND N times (default 100) under each launch strategy in\n"
	"  LIST (comma-separated; default fork,vfork,clone,posix_spawn), with\n"
	"  stdin, stdout and stderr on /dev/null, one run of each strategy in\n"
	"  turn, and prints a table: median and 90th percentile launch\n"
	"  latency, median wall time, median peak RSS of the child, ratio to\n"
	"  the fastest strategy (by median latency) and a bar.\n"
	"  -m SIZE  first grow the shell's heap by SIZE bytes (suffix K, M or\n"
	"           G: KiB, MiB, GiB), touching every page, so fork's copy of\n"
	"           the page tables shows; the memory is released after.\n"
	"  --csv    instead of the table, write CSV: a header line, then\n"
	"           one row per run: strategy,run,launch_ns,wall_ns,heap_bytes\n"
	"  A progress line goes to stderr when stderr is a terminal and the\n"
	"  run takes over a second.  Ctrl-C stops after reaping the child.\n";

/* What one run measured. */
struct sample {
	uint64_t launch_ns;
	uint64_t wall_ns;
	uint64_t maxrss_kib;
};

struct sb_opts {
	long runs;
	int nstrat;
	enum launch_strategy strat[LAUNCH_STRATEGY_COUNT];
	uint64_t heap;
	bool csv;
	char **cmd;   /* argv of the command to run */
};

static int usage_error(const char *fmt, const char *arg)
{
	fputs("tine: spawnbench: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nusage: spawnbench [-n N] [-s LIST] [-m SIZE] [--csv] command [args]\n",
	      stderr);
	return 2;
}

/* ---- Ctrl-C ---- */

/* Set by our own handler, installed only while SIGINT has its default
 * action (a script): then a Ctrl-C still reaps the child before the shell
 * dies of the signal, as it would have.  An interactive shell or a trap
 * already catch SIGINT, and then trap.c's got_sigint says it came. */
static volatile sig_atomic_t sb_sigint;

static void sb_on_sigint(int sig)
{
	(void)sig;
	sb_sigint = 1;
}

static bool interrupted(void)
{
	return sb_sigint || got_sigint;
}

/* ---- parsing ---- */

/* SIZE: decimal bytes, or with a K, M or G suffix (powers of 1024). */
static bool parse_size(const char *s, uint64_t *out)
{
	uint64_t v = 0, mult = 1;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	switch (*p) {
	case '\0':
		break;
	case 'k': case 'K':
		mult = 1ull << 10;
		p++;
		break;
	case 'm': case 'M':
		mult = 1ull << 20;
		p++;
		break;
	case 'g': case 'G':
		mult = 1ull << 30;
		p++;
		break;
	default:
		return false;
	}
	if (*p || (v && mult > UINT64_MAX / v) || v * mult > SIZE_MAX / 2)
		return false;
	*out = v * mult;
	return true;
}

/* LIST: strategy names separated by commas; a repeated name counts once. */
static bool parse_strategies(const char *list, struct sb_opts *o)
{
	char name[32];
	const char *p = list;

	o->nstrat = 0;
	for (;;) {
		size_t n = strcspn(p, ",");
		if (n == 0 || n >= sizeof name) {
			usage_error("-s %s: empty or overlong strategy name "
				    "(valid: fork, vfork, clone, posix_spawn)", list);
			return false;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		int s = launch_strategy_by_name(name);
		if (s < 0) {
			usage_error("%s: unknown strategy "
				    "(valid: fork, vfork, clone, posix_spawn)", name);
			return false;
		}
		bool seen = false;
		for (int i = 0; i < o->nstrat; i++)
			seen |= o->strat[i] == (enum launch_strategy)s;
		if (!seen)
			o->strat[o->nstrat++] = (enum launch_strategy)s;
		if (!p[n])
			return true;
		p += n + 1;
	}
}

/* Returns -1 when the options are fine, else the exit status (0 after
 * --help, 2 after a usage error). */
static int parse_args(int argc, char **argv, struct sb_opts *o)
{
	int i;

	o->runs = SB_DEFAULT_RUNS;
	o->heap = 0;
	o->csv = false;
	o->nstrat = LAUNCH_STRATEGY_COUNT;
	for (int s = 0; s < LAUNCH_STRATEGY_COUNT; s++)
		o->strat[s] = (enum launch_strategy)s;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "--csv")) {
			o->csv = true;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (a[0] != '-' || !a[1])
			break;
		char c = a[1];
		if (c != 'n' && c != 's' && c != 'm')
			return usage_error("%s: invalid option", a);
		const char *val = a[2] ? a + 2 : argv[++i];
		if (!val)
			return usage_error("-%s: option requires an argument",
					   (char[]){ c, 0 });
		if (c == 'n') {
			char *end;
			errno = 0;
			long n = strtol(val, &end, 10);
			if (*val < '0' || *val > '9' || *end || errno ||
			    n < 1 || n > SB_MAX_RUNS)
				return usage_error("-n %s: the number of runs must be "
						   "from 1 to 1000000", val);
			o->runs = n;
		} else if (c == 's') {
			if (!parse_strategies(val, o))
				return 2;
		} else if (!parse_size(val, &o->heap)) {
			return usage_error("-m %s: bad size (bytes, or a number "
					   "with K, M or G)", val);
		}
	}
	if (i >= argc)
		return usage_error("%s", "missing command");
	o->cmd = argv + i;
	return -1;
}

/* ---- the shell's heap ---- */

/* Grows the heap by size bytes and touches every page, so that the
 * shell really owns that much memory (page-table entries included) when
 * it forks.  The pages are marked MADV_NOHUGEPAGE: with transparent huge
 * pages a touched gigabyte can be mapped by 512 2 MiB entries, and fork
 * would copy those in no time, hiding the cost this option is there to
 * show (a heap built by many small allocations is mapped page by page). */
static char *grow_heap(uint64_t size)
{
	long pg = sysconf(_SC_PAGESIZE);
	volatile char *p = malloc((size_t)size);

	if (!p)
		return NULL;
	uintptr_t lo = ((uintptr_t)p + (uintptr_t)pg - 1) & ~((uintptr_t)pg - 1);
	uintptr_t hi = ((uintptr_t)p + (uintptr_t)size) & ~((uintptr_t)pg - 1);
	if (hi > lo)
		madvise((void *)lo, hi - lo, MADV_NOHUGEPAGE);
	/* volatile: the stores must happen although nothing reads them */
	for (uint64_t off = 0; off < size; off += (uint64_t)pg)
		p[off] = 1;
	p[size - 1] = 1;
	return (char *)p;
}

/* The shell's resident set now, in KiB (/proc/self/statm). */
static uint64_t shell_rss_kib(void)
{
	unsigned long long pages_total, pages_res = 0;
	FILE *f = fopen("/proc/self/statm", "re");

	if (!f)
		return 0;
	if (fscanf(f, "%llu %llu", &pages_total, &pages_res) != 2)
		pages_res = 0;
	fclose(f);
	return pages_res * (unsigned long long)sysconf(_SC_PAGESIZE) / 1024;
}

/* ---- running ---- */

/* Waits for pid; after an interrupt asks it to stop (SIGINT, then SIGKILL
 * after a second) so that nothing outlives the builtin. */
static int reap(pid_t pid, struct rusage *ru)
{
	int st = 0;
	bool asked = false;
	uint64_t asked_at = 0;

	for (;;) {
		int flags = asked ? WNOHANG : 0;
		pid_t r = wait4(pid, &st, flags, ru);
		if (r == pid)
			return st;
		if (r < 0 && errno != EINTR)
			return 0;
		if (interrupted() && !asked) {
			kill(pid, SIGINT);
			asked = true;
			asked_at = launch_now_ns();
		}
		if (asked && r == 0) {
			if (launch_now_ns() - asked_at > 1000000000u)
				kill(pid, SIGKILL);
			usleep(10000);
		}
	}
}

/* The message and status for a run that could not start, as the shell
 * words them for a command (XCU 2.9.1.1). */
static int start_failed(const char *name, const struct launch_result *res)
{
	sh_warn("spawnbench: %s: %s", name, strerror(res->err));
	if (res->stage == LAUNCH_FAILED_EXEC && res->err == ENOENT)
		return 127;
	return 126;
}

/* One run: launch, reap, measure.  Returns 0, or the exit status of a
 * launch failure (after the message). */
static int run_once(enum launch_strategy s, const struct launch_plan *plan,
		    const char *name, struct sample *out, int *failed_runs)
{
	struct launch_result res;
	struct rusage ru;

	fflush(stdout);
	if (launch_run(s, plan, &res) != 0)
		return start_failed(name, &res);
	memset(&ru, 0, sizeof ru);
	int st = reap(res.pid, &ru);
	uint64_t end = launch_now_ns();
	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		(*failed_runs)++;
	out->launch_ns = res.t_exec_ns > res.t_start_ns ?
			 res.t_exec_ns - res.t_start_ns : 0;
	out->wall_ns = end - res.t_start_ns;
	out->maxrss_kib = (uint64_t)ru.ru_maxrss; /* KiB on Linux */
	return 0;
}

/* "\rspawnbench: run 57/200" on a terminal once the work takes over a
 * second, at most ten times a second; cleared at the end. */
struct progress {
	bool tty, shown;
	uint64_t t0, last;
};

static void progress_update(struct progress *pr, long done, long total)
{
	if (!pr->tty)
		return;
	uint64_t now = launch_now_ns();
	if (now - pr->t0 < 1000000000u || now - pr->last < 100000000u)
		return;
	pr->last = now;
	pr->shown = true;
	fprintf(stderr, "\rspawnbench: run %ld/%ld ", done, total);
	fflush(stderr);
}

static void progress_clear(struct progress *pr)
{
	if (pr->shown)
		fprintf(stderr, "\r%40s\r", "");
}

/* ---- the table ---- */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Median (mean of the middle two for even n) and nearest-rank p90 of v,
 * which is sorted in place. */
static uint64_t median(uint64_t *v, long n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_u64);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static uint64_t p90(uint64_t *v, long n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_u64);
	long rank = (n * 9 + 9) / 10; /* ceil(0.9 n), 1-based */
	return v[rank - 1];
}

/* A bar of cells proportional to v/max: Unicode eighth blocks in a UTF-8
 * locale, else one # a cell.  Never empty, so every row shows one. */
static void put_bar(uint64_t v, uint64_t max, bool utf8)
{
	if (!max)
		return;
	if (!utf8) {
		uint64_t cells = (v * SB_BAR_CELLS + max / 2) / max;
		for (uint64_t i = 0; i < (cells ? cells : 1); i++)
			putchar('#');
		return;
	}
	uint64_t eighths = (v * SB_BAR_CELLS * 8 + max / 2) / max;
	if (!eighths)
		eighths = 1;
	for (uint64_t i = 0; i < eighths / 8; i++)
		fputs("\xe2\x96\x88", stdout); /* U+2588 full block */
	if (eighths % 8) /* U+2589 (7/8) .. U+258F (1/8) */
		printf("\xe2\x96%c", (char)(0x88 + 8 - eighths % 8));
}

/* Right-aligns s to width display columns. */
static void put_col(const char *s, int width)
{
	for (int w = timing_width(s); w < width; w++)
		putchar(' ');
	fputs(s, stdout);
}

static void print_table(const struct sb_opts *o, struct sample **samples,
			uint64_t rss_kib)
{
	uint64_t med_launch[LAUNCH_STRATEGY_COUNT], p90_launch[LAUNCH_STRATEGY_COUNT];
	uint64_t med_wall[LAUNCH_STRATEGY_COUNT], med_rss[LAUNCH_STRATEGY_COUNT];
	uint64_t *v = xmalloc((size_t)o->runs * sizeof *v);
	bool utf8 = timing_utf8();
	char buf[64];

	for (int k = 0; k < o->nstrat; k++) {
		for (long i = 0; i < o->runs; i++)
			v[i] = samples[k][i].launch_ns;
		med_launch[k] = median(v, o->runs);
		p90_launch[k] = p90(v, o->runs);
		for (long i = 0; i < o->runs; i++)
			v[i] = samples[k][i].wall_ns;
		med_wall[k] = median(v, o->runs);
		for (long i = 0; i < o->runs; i++)
			v[i] = samples[k][i].maxrss_kib;
		med_rss[k] = median(v, o->runs);
	}
	free(v);
	uint64_t fastest = UINT64_MAX, slowest = 0;
	for (int k = 0; k < o->nstrat; k++) {
		fastest = med_launch[k] < fastest ? med_launch[k] : fastest;
		slowest = med_launch[k] > slowest ? med_launch[k] : slowest;
	}

	printf("spawnbench: %s, %ld runs per strategy", o->cmd[0], o->runs);
	if (o->heap)
		printf(", shell heap grown by %s",
		       timing_human_kib(buf, sizeof buf, o->heap / 1024));
	printf(", shell RSS %s\n", timing_human_kib(buf, sizeof buf, rss_kib));
	printf("%-11s  %10s  %10s  %10s  %10s  %7s\n", "strategy", "launch p50",
	       "launch p90", "wall p50", "child rss", "ratio");
	for (int k = 0; k < o->nstrat; k++) {
		printf("%-11s", launch_strategy_name(o->strat[k]));
		put_col(timing_human_ns(buf, sizeof buf, med_launch[k]), 12);
		put_col(timing_human_ns(buf, sizeof buf, p90_launch[k]), 12);
		put_col(timing_human_ns(buf, sizeof buf, med_wall[k]), 12);
		put_col(timing_human_kib(buf, sizeof buf, med_rss[k]), 12);
		double ratio = fastest ? (double)med_launch[k] / (double)fastest : 1;
		snprintf(buf, sizeof buf, ratio < 9.995 ? "%.2fx" : "%.1fx", ratio);
		put_col(buf, 9);
		fputs("  ", stdout);
		put_bar(med_launch[k], slowest, utf8);
		putchar('\n');
	}
}

static void print_csv(const struct sb_opts *o, struct sample **samples)
{
	puts("strategy,run,launch_ns,wall_ns,heap_bytes");
	for (int k = 0; k < o->nstrat; k++)
		for (long i = 0; i < o->runs; i++)
			printf("%s,%ld,%llu,%llu,%llu\n",
			       launch_strategy_name(o->strat[k]), i + 1,
			       (unsigned long long)samples[k][i].launch_ns,
			       (unsigned long long)samples[k][i].wall_ns,
			       (unsigned long long)o->heap);
}

/* Everything between parsing and printing: the plan, the heap, the runs.
 * Returns 0 or an exit status; *done says how many rounds completed. */
static int bench(const struct sb_opts *o, struct sample **samples,
		 uint64_t *rss_kib)
{
	const char *name = o->cmd[0];
	const char *path = strchr(name, '/') ? name :
			   path_lookup(name, var_get("PATH"));
	if (!path) {
		sh_warn("spawnbench: %s: not found", name);
		return 127;
	}

	/* One /dev/null for the three standard fds, above them and
	 * close-on-exec so the program sees only 0, 1 and 2. */
	int nul = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (nul < 0) {
		sh_warn("spawnbench: /dev/null: %s", strerror(errno));
		return 1;
	}
	if (nul < 10) {
		int high = fcntl(nul, F_DUPFD_CLOEXEC, 10);
		close(nul);
		nul = high;
		if (nul < 0) {
			sh_warn("spawnbench: /dev/null: %s", strerror(errno));
			return 1;
		}
	}
	struct fdop ops[3];
	memset(ops, 0, sizeof ops);
	for (int fd = 0; fd < 3; fd++) {
		ops[fd].kind = FDOP_DUP2;
		ops[fd].fd = fd;
		ops[fd].src = nul;
	}
	struct launch_plan plan;
	memset(&plan, 0, sizeof plan);
	plan.path = path;
	plan.argv = o->cmd;
	plan.envp = var_environ();
	plan.fdops = ops;
	plan.nfdops = 3;
	trap_plan_signals(&plan.sigdfl, &plan.sigign, &plan.sigmask, false,
			  false);
	sigaddset(&plan.sigdfl, SIGINT); /* our own handler is not for it */
	plan.pgid = -1;        /* the shell's group: Ctrl-C reaches it too */
	plan.foreground = false;
	plan.tty_fd = -1;

	char *heap = NULL;
	if (o->heap) {
		heap = grow_heap(o->heap);
		if (!heap) {
			sh_warn("spawnbench: -m: cannot grow the heap by %llu "
				"bytes: %s", (unsigned long long)o->heap,
				strerror(errno));
			close(nul);
			return 1;
		}
	}
	*rss_kib = shell_rss_kib();

	int status = 0, failed_runs = 0;
	struct sample warm;
	/* A first run of each strategy that is not counted: it pays for
	 * the page cache, the clone stack and glibc's lazy binding. */
	for (int k = 0; k < o->nstrat && !status && !interrupted(); k++)
		status = run_once(o->strat[k], &plan, name, &warm, &failed_runs);
	failed_runs = 0;

	/* Round robin, one run of each strategy in turn, so that a slow
	 * drift of the machine (frequency, other load) hits all alike. */
	struct progress pr = { isatty(2), false, launch_now_ns(), 0 };
	for (long i = 0; i < o->runs && !status; i++) {
		for (int k = 0; k < o->nstrat && !status; k++) {
			if (interrupted())
				break;
			status = run_once(o->strat[k], &plan, name,
					  &samples[k][i], &failed_runs);
		}
		if (interrupted())
			break;
		progress_update(&pr, i + 1, o->runs);
	}
	progress_clear(&pr);
	free(heap);
	close(nul);
	if (!status && failed_runs && !interrupted())
		sh_warn("spawnbench: note: %s failed (nonzero status) in %d of "
			"the runs", name, failed_runs);
	return status;
}

int bi_spawnbench(int argc, char **argv)
{
	struct sb_opts o;
	int r = parse_args(argc, argv, &o);
	if (r >= 0)
		return r;

	struct sample *samples[LAUNCH_STRATEGY_COUNT];
	for (int k = 0; k < o.nstrat; k++)
		samples[k] = xmalloc((size_t)o.runs * sizeof *samples[k]);

	/* Only a SIGINT that arrives from now on is ours to act on. */
	got_sigint = 0;
	sb_sigint = 0;
	struct sigaction old_int;
	bool own_handler = false;
	if (sigaction(SIGINT, NULL, &old_int) == 0 &&
	    old_int.sa_handler == SIG_DFL) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = sb_on_sigint;
		sigemptyset(&sa.sa_mask);
		/* no SA_RESTART: wait4 must return to look at the flag */
		sigaction(SIGINT, &sa, NULL);
		own_handler = true;
	}

	uint64_t rss_kib = 0;
	int status = bench(&o, samples, &rss_kib);
	bool intr = interrupted();

	if (own_handler)
		sigaction(SIGINT, &old_int, NULL);
	if (!status && !intr) {
		if (o.csv)
			print_csv(&o, samples);
		else
			print_table(&o, samples, rss_kib);
	}
	for (int k = 0; k < o.nstrat; k++)
		free(samples[k]);
	if (intr && !status) {
		fflush(stdout);
		/* A script dies of SIGINT as it would have without us; the
		 * child is already reaped. */
		if (own_handler && sb_sigint)
			raise(SIGINT);
		sh_warn("spawnbench: interrupted");
		return 130;
	}
	return status;
}
