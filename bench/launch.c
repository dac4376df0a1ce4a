/* bench/launch.c - launch benchmark: a benchmark, not a
 * test.  Links tine's strategies (src/launch*.c, which include only
 * launch.h) and launches a program through each, from a parent with a heap
 * of 0 and of 1 GiB (touched, so every page is mapped and fork must copy
 * the page tables).  For each it prints the median over many runs of
 *   launch: from just before the strategy call until it returns (the
 *           parent can go on: for vfork, clone and posix_spawn the child
 *           has exec'd by then; for fork it may not have)
 *   reaped: from the same start until waitpid returns (the whole life of
 *           the program)
 * and each strategy's ratio to the fastest at that heap size.
 *
 * usage: bench/launch [-n RUNS] [-s GIB] [PROGRAM...]
 *   PROGRAM defaults to /bin/true and bench/tiny (a static no-libc
 *   program that exits at once, built beside this one). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"

extern char **environ;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_u64);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One launch of prog by strategy s; the two times in ns. */
static int one(enum launch_strategy s, const char *prog, uint64_t *launch_ns,
	       uint64_t *reap_ns)
{
	char *argv[] = { (char *)prog, NULL };
	struct launch_plan plan;
	memset(&plan, 0, sizeof plan);
	plan.path = prog;
	plan.argv = argv;
	plan.envp = environ;
	plan.fdops = NULL;
	plan.nfdops = 0;
	sigemptyset(&plan.sigdfl);
	sigemptyset(&plan.sigign);
	sigemptyset(&plan.sigmask);
	plan.pgid = -1;
	plan.foreground = false;
	plan.tty_fd = -1;
	struct launch_result res;
	uint64_t t0 = launch_now_ns();
	if (launch_run(s, &plan, &res) != 0) {
		fprintf(stderr, "launch: %s %s: stage %d: %s\n",
			launch_strategy_name(s), prog, (int)res.stage,
			strerror(res.err));
		return -1;
	}
	uint64_t t1 = launch_now_ns();
	int st;
	while (waitpid(res.pid, &st, 0) < 0 && errno == EINTR)
		;
	uint64_t t2 = launch_now_ns();
	*launch_ns = t1 - t0;
	*reap_ns = t2 - t0;
	return 0;
}

static char *heap;
static size_t heap_size;

static void set_heap(size_t bytes)
{
	if (heap) {
		munmap(heap, heap_size);
		heap = NULL;
	}
	heap_size = bytes;
	if (!bytes)
		return;
	heap = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (heap == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	/* No transparent huge pages: a "1 GiB heap" of small pages is what a
	 * big shell process looks like, and what fork must copy. */
	madvise(heap, bytes, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < bytes; i += 4096)
		heap[i] = (char)i;
}

static void usage(void)
{
	fputs("usage: launch [-n RUNS] [-s GIB] [PROGRAM...]\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	int runs = 400;
	double big_gib = 1.0;
	int opt;
	while ((opt = getopt(argc, argv, "n:s:")) != -1) {
		switch (opt) {
		case 'n': runs = atoi(optarg); break;
		case 's': big_gib = atof(optarg); break;
		default: usage();
		}
	}
	if (runs < 1)
		usage();
	const char *defaults[2] = { "/bin/true", NULL };
	char tiny[4096];
	/* bench/tiny sits next to this program. */
	ssize_t n = readlink("/proc/self/exe", tiny, sizeof tiny - 8);
	if (n > 0) {
		tiny[n] = '\0';
		char *slash = strrchr(tiny, '/');
		strcpy(slash ? slash + 1 : tiny, "tiny");
		if (access(tiny, X_OK) == 0)
			defaults[1] = tiny;
	}
	const char **progs = (const char **)argv + optind;
	int nprogs = argc - optind;
	if (nprogs == 0) {
		progs = defaults;
		nprogs = defaults[1] ? 2 : 1;
	}

	size_t sizes[2] = { 0, (size_t)(big_gib * 1024 * 1024 * 1024) };
	uint64_t *lv = malloc(sizeof *lv * (size_t)runs);
	uint64_t *rv = malloc(sizeof *rv * (size_t)runs);
	/* [heap][prog][strategy] */
	static uint64_t med_l[2][8][LAUNCH_STRATEGY_COUNT];
	static uint64_t med_r[2][8][LAUNCH_STRATEGY_COUNT];
	if (nprogs > 8)
		nprogs = 8;

	printf("launch benchmark: median of %d runs per cell, times in microseconds\n", runs);
	printf("launch = strategy call until it returns; reaped = until waitpid returns\n");
	for (int h = 0; h < 2; h++) {
		set_heap(sizes[h]);
		for (int p = 0; p < nprogs; p++) {
			printf("\nheap %.2f GiB, program %s\n",
			       (double)sizes[h] / (1024.0 * 1024 * 1024), progs[p]);
			printf("  %-12s %10s %8s %10s %8s\n", "strategy",
			       "launch", "ratio", "reaped", "ratio");
			for (int s = 0; s < LAUNCH_STRATEGY_COUNT; s++) {
				uint64_t a, b;
				/* warm up */
				for (int i = 0; i < 5; i++)
					if (one(s, progs[p], &a, &b) < 0)
						return 1;
				for (int i = 0; i < runs; i++) {
					if (one(s, progs[p], &lv[i], &rv[i]) < 0)
						return 1;
				}
				med_l[h][p][s] = median(lv, runs);
				med_r[h][p][s] = median(rv, runs);
			}
			uint64_t best_l = UINT64_MAX, best_r = UINT64_MAX;
			for (int s = 0; s < LAUNCH_STRATEGY_COUNT; s++) {
				if (med_l[h][p][s] < best_l)
					best_l = med_l[h][p][s];
				if (med_r[h][p][s] < best_r)
					best_r = med_r[h][p][s];
			}
			for (int s = 0; s < LAUNCH_STRATEGY_COUNT; s++)
				printf("  %-12s %10.1f %7.2fx %10.1f %7.2fx\n",
				       launch_strategy_name(s),
				       med_l[h][p][s] / 1000.0,
				       (double)med_l[h][p][s] / (double)best_l,
				       med_r[h][p][s] / 1000.0,
				       (double)med_r[h][p][s] / (double)best_r);
		}
	}

	/* The bar tine sets itself: with the big heap, fork at least 5x slower than
	 * each other strategy, and each other strategy within 1.5x of its own
	 * cost with no heap (on the reaped time). */
	printf("\nsummary (reaped time, %.2f GiB heap vs none):\n", big_gib);
	for (int p = 0; p < nprogs; p++) {
		printf("  %s:\n", progs[p]);
		for (int s = 0; s < LAUNCH_STRATEGY_COUNT; s++) {
			double grow = (double)med_r[1][p][s] / (double)med_r[0][p][s];
			double vs_fork = (double)med_r[1][p][LAUNCH_FORK] /
					 (double)med_r[1][p][s];
			if (s == LAUNCH_FORK)
				printf("    %-12s heap/no-heap %5.2fx\n",
				       launch_strategy_name(s), grow);
			else
				printf("    %-12s heap/no-heap %5.2fx %s; fork is %5.1fx slower %s\n",
				       launch_strategy_name(s), grow,
				       grow <= 1.5 ? "(ok <= 1.5)" : "(OVER 1.5)",
				       vs_fork, vs_fork >= 5 ? "(ok >= 5)" : "(UNDER 5)");
		}
	}
	set_heap(0);
	free(lv);
	free(rv);
	return 0;
}
