/* times.c - the times builtin (XCU times): user and system time of the
 * shell, then of its waited-for children, as "0m0.000s 0m0.000s" lines
 * like dash.  Reads the clock only; it must not wait for children. */
#include <stdio.h>
#include <sys/resource.h>

#include "builtins.h"

static void put_pair(const struct rusage *ru)
{
	const struct timeval *tv[2] = {&ru->ru_utime, &ru->ru_stime};

	for (int i = 0; i < 2; i++) {
		/* Rounded to milliseconds, which is what we print. */
		long long ms = (long long)tv[i]->tv_sec * 1000 +
			       (tv[i]->tv_usec + 500) / 1000;
		printf("%lldm%lld.%03llds%c", ms / 60000, ms / 1000 % 60,
		       ms % 1000, i == 0 ? ' ' : '\n');
	}
}

int bi_times(int argc, char **argv)
{
	struct rusage self, children;

	(void)argc;
	(void)argv;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &children);
	put_pair(&self);
	put_pair(&children);
	return 0;
}
