/* kill.c - the kill builtin (XCU kill): kill [-s sig | -SIG | -n num]
 * pid|%job ... and kill -l [status|sig ...].  Signal names come from
 * trap.h; job specs are resolved by jobs.c.  It never blocks waiting;
 * it only reaps children that have already ended, so that a zombie does
 * not answer `kill -0` as if alive (`while kill -0 $!; do :; done` with
 * builtins alone would never end). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "builtins.h"
#include "jobs.h"
#include "error.h"
#include "trap.h"



static void kill_usage(void)
{
	sh_warn("kill: usage: kill [-s sigspec | -n signum | -sigspec] "
		"pid | jobspec ... or kill -l [exitstatus]");
}

static bool all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static int parse_signal(const char *s)
{
	int sig = signal_by_name(s);

	if (sig < 0 || sig >= NSIG) {
		sh_warn("kill: %s: invalid signal specification", s);
		return -1;
	}
	return sig;
}

/* kill -l: every name, or the name of each status / number of each name. */
static int kill_list(int argc, char **argv, int i)
{
	int status = 0;

	if (i >= argc) {
		for (int sig = 1; sig < NSIG; sig++) {
			const char *name = signal_name(sig);
			if (name != NULL)
				printf("%s\n", name);
		}
		return 0;
	}
	for (; i < argc; i++) {
		const char *a = argv[i];

		if (all_digits(a)) {
			long n = strtol(a, NULL, 10);
			const char *name;

			/* An exit status of a killed command names its
			 * signal: 130 -> INT (XCU kill, -l). */
			if (n > 128 && n < 128 + NSIG)
				n -= 128;
			name = n > 0 && n < NSIG ? signal_name((int)n) : NULL;
			if (name == NULL) {
				sh_warn("kill: %s: invalid signal "
					"specification",
					a);
				status = 1;
				continue;
			}
			printf("%s\n", name);
		} else {
			int sig = signal_by_name(a);
			if (sig <= 0) {
				sh_warn("kill: %s: invalid signal "
					"specification",
					a);
				status = 1;
				continue;
			}
			printf("%d\n", sig);
		}
	}
	return status;
}

int bi_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argc < 2) {
		kill_usage();
		return 2;
	}
	if (argv[1][0] == '-' && argv[1][1] != '\0') {
		const char *opt = argv[1] + 1;

		if (strcmp(opt, "l") == 0 || strcmp(opt, "L") == 0)
			return kill_list(argc, argv, 2);
		if (strcmp(opt, "s") == 0 || strcmp(opt, "n") == 0) {
			if (argc < 3) {
				sh_warn("kill: -%s: option requires an "
					"argument",
					opt);
				return 2;
			}
			if (opt[0] == 'n' && !all_digits(argv[2])) {
				sh_warn("kill: %s: invalid signal "
					"specification",
					argv[2]);
				return 2;
			}
			sig = parse_signal(argv[2]);
			i = 3;
		} else if (strcmp(opt, "-") == 0) {
			i = 2;
		} else {
			sig = parse_signal(opt);
			i = 2;
		}
		if (sig < 0)
			return 2;
		/* "--" may also follow a signal: kill -s HUP -- -PGID. */
		if (i < argc && strcmp(argv[i], "--") == 0 &&
		    strcmp(argv[1], "--") != 0)
			i++;
	}
	if (i >= argc) {
		kill_usage();
		return 2;
	}
	job_reap(false);
	for (; i < argc; i++) {
		const char *a = argv[i];
		pid_t pid;

		if (a[0] == '%') {
			pid = job_pid_for_spec(a);
			if (pid == -1) {
				sh_warn("kill: %s: %s", a, job_spec_error());
				status = 1;
				continue;
			}
		} else {
			const char *d = a[0] == '-' ? a + 1 : a;
			if (!all_digits(d)) {
				sh_warn("kill: %s: arguments must be process "
					"or job IDs",
					a);
				status = 1;
				continue;
			}
			pid = (pid_t)strtol(a, NULL, 10);
		}
		if (kill(pid, sig) != 0) {
			sh_warn("kill: (%s) - %s", a, strerror(errno));
			status = 1;
			continue;
		}
		job_signal_sent(pid, sig);
	}
	return status;
}
