/* ulimit.c - the ulimit builtin: dash's options, names and units (-f and
 * -c in 512-byte blocks, memory in kilobytes), -H/-S, -a, "unlimited".
 * Changes the shell's own limits, which every launched program inherits;
 * it must not touch anything else. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "builtins.h"
#include "error.h"

struct limit {
	char opt;
	int resource;
	unsigned factor;  /* bytes (or seconds, or items) per unit */
	const char *name; /* as `ulimit -a` shows it */
};

/* dash's table and order; -a lists only dash's entries (NULL name:
 * bash's extras, -u being its spelling of -p). */
static const struct limit limits[] = {
	{'t', RLIMIT_CPU, 1, "time(seconds)"},
	{'f', RLIMIT_FSIZE, 512, "file(blocks)"},
	{'d', RLIMIT_DATA, 1024, "data(kbytes)"},
	{'s', RLIMIT_STACK, 1024, "stack(kbytes)"},
	{'c', RLIMIT_CORE, 512, "coredump(blocks)"},
	{'m', RLIMIT_RSS, 1024, "memory(kbytes)"},
	{'l', RLIMIT_MEMLOCK, 1024, "locked memory(kbytes)"},
	{'p', RLIMIT_NPROC, 1, "process"},
	{'n', RLIMIT_NOFILE, 1, "nofiles"},
	{'v', RLIMIT_AS, 1024, "vmemory(kbytes)"},
	{'w', RLIMIT_LOCKS, 1, "locks"},
	{'r', RLIMIT_RTPRIO, 1, "rtprio"},
	{'e', RLIMIT_NICE, 1, NULL},
	{'q', RLIMIT_MSGQUEUE, 1, NULL},
	{'u', RLIMIT_NPROC, 1, NULL},
};

#define NLIMITS (sizeof(limits) / sizeof(limits[0]))

static void print_value(rlim_t v, unsigned factor)
{
	if (v == RLIM_INFINITY)
		printf("unlimited\n");
	else
		printf("%llu\n", (unsigned long long)(v / factor));
}

int bi_ulimit(int argc, char **argv)
{
	struct bopt bo = {1, 0, NULL};
	const struct limit *lim = &limits[1]; /* -f */
	bool hard = false, soft = false, all = false;
	struct rlimit rl;
	const char *arg;
	int c;

	while ((c = bopt_next(&bo, argc, argv, "HSatfdscmlpnvwrequ")) != -1) {
		switch (c) {
		case '?':
			return 2;
		case 'H':
			hard = true;
			break;
		case 'S':
			soft = true;
			break;
		case 'a':
			all = true;
			break;
		default:
			for (size_t i = 0; i < NLIMITS; i++)
				if (limits[i].opt == c)
					lim = &limits[i];
			break;
		}
	}
	if (argc - bo.ind > 1) {
		sh_warn("ulimit: too many arguments");
		return 2;
	}
	arg = argv[bo.ind];

	if (all) {
		for (size_t i = 0; i < NLIMITS; i++) {
			if (limits[i].name == NULL)
				continue;
			getrlimit(limits[i].resource, &rl);
			printf("%-20s ", limits[i].name);
			print_value(hard ? rl.rlim_max : rl.rlim_cur,
				    limits[i].factor);
		}
		return 0;
	}
	if (getrlimit(lim->resource, &rl) != 0) {
		sh_warn("ulimit: %s", strerror(errno));
		return 1;
	}
	if (arg == NULL) {
		print_value(hard ? rl.rlim_max : rl.rlim_cur, lim->factor);
		return 0;
	}

	rlim_t v;
	if (strcmp(arg, "unlimited") == 0) {
		v = RLIM_INFINITY;
	} else {
		unsigned long long n = 0;
		const char *s = arg;

		if (*s == '\0')
			goto bad;
		for (; *s; s++) {
			if (*s < '0' || *s > '9')
				goto bad;
			if (n > (~0ULL - 9) / 10)
				goto bad;
			n = n * 10 + (unsigned)(*s - '0');
		}
		if (n > (unsigned long long)RLIM_INFINITY / lim->factor)
			goto bad;
		v = (rlim_t)n * lim->factor;
	}
	/* Neither -H nor -S: set both, as dash and bash do. */
	if (hard || !soft)
		rl.rlim_max = v;
	if (soft || !hard)
		rl.rlim_cur = v;
	if (setrlimit(lim->resource, &rl) != 0) {
		sh_warn("ulimit: error setting limit (%s)", strerror(errno));
		return 1;
	}
	/* The stack guard's floor follows the new size. */
	if (lim->resource == RLIMIT_STACK)
		stack_limit_changed();
	return 0;
bad:
	sh_warn("ulimit: %s: bad number", arg);
	return 2;
}
