/* probe.c - prints what a launched program can observe about the way it
 * was started, so tests can compare the four launch strategies byte for
 * byte.
 *
 * Standalone: includes no tine header and knows nothing of the shell.  It
 * must print the same bytes however it was launched, so it prints
 * relations ("pgid: self", "fg: other") rather than pids, and pipe or
 * socket names without their inode numbers.  It must not disturb what it
 * reports: it looks at fds before opening anything of its own.
 *
 * Output: one "key: value" line each, in this order:
 *   argc, argv[N] (each word single-quoted, ' as '\''), env (sorted; only
 *   names starting with a prefix in $PROBE_ENV_FILTER, a space-separated
 *   list, when that is set), cwd, umask, fd.N for each open fd 0..1023
 *   ("ACCESS[,append][,nonblock][,cloexec] TARGET"), sigmask, sigpending,
 *   sig.ignored, sig.caught (signal names, "none" when empty), pgid, sid,
 *   fg, rlimit.NAME (soft/hard), nice, pdeathsig.
 *
 * Exit status 0; with PROBE_EXIT=N set, exits N (to test status paths). */
#ifndef _GNU_SOURCE
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

extern char **environ;

#define PROBE_NSIG 65
#define PROBE_MAXFD 1024

static void put_quoted(const char *s)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

static const char *sig_name(int sig, char *buf, size_t size)
{
	static const char *const names[] = {
		[SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT",
		[SIGILL] = "ILL", [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",
		[SIGBUS] = "BUS", [SIGFPE] = "FPE", [SIGKILL] = "KILL",
		[SIGUSR1] = "USR1", [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
		[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM",
		[SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD", [SIGCONT] = "CONT",
		[SIGSTOP] = "STOP", [SIGTSTP] = "TSTP", [SIGTTIN] = "TTIN",
		[SIGTTOU] = "TTOU", [SIGURG] = "URG", [SIGXCPU] = "XCPU",
		[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",
		[SIGWINCH] = "WINCH", [SIGIO] = "IO", [SIGPWR] = "PWR",
		[SIGSYS] = "SYS",
	};
	if ((size_t)sig < sizeof names / sizeof names[0] && names[sig])
		return names[sig];
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(buf, size, "RTMIN+%d", sig - SIGRTMIN);
	else
		snprintf(buf, size, "%d", sig);
	return buf;
}

static void put_sigs(const char *key, const sigset_t *set)
{
	char buf[24];
	int n = 0;

	printf("%s: ", key);
	for (int sig = 1; sig < PROBE_NSIG; sig++) {
		if (sigismember(set, sig) != 1)
			continue;
		printf("%s%s", n++ ? "," : "", sig_name(sig, buf, sizeof buf));
	}
	puts(n ? "" : "none");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool env_wanted(const char *var, const char *filter)
{
	if (!filter)
		return true;
	const char *p = filter;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n && strncmp(var, p, n) == 0)
			return true;
		p += n;
	}
	return false;
}

static void put_env(void)
{
	const char *filter = getenv("PROBE_ENV_FILTER");
	size_t n = 0;

	while (environ[n])
		n++;
	char **v = malloc((n + 1) * sizeof *v);
	if (!v)
		return;
	memcpy(v, environ, (n + 1) * sizeof *v);
	qsort(v, n, sizeof *v, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (!env_wanted(v[i], filter))
			continue;
		fputs("env: ", stdout);
		put_quoted(v[i]);
		putchar('\n');
	}
	free(v);
}

/* "pipe:[1234]" -> "pipe": inode numbers differ between runs */
static void normalise_target(char *t)
{
	static const char *const kinds[] = { "pipe:[", "socket:[" };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i]);
		if (strncmp(t, kinds[i], n) == 0) {
			t[n - 2] = '\0';
			return;
		}
	}
}

/* Collected before anything else opens a file, so stdio's own fds and the
 * /dev/tty probe cannot show up. */
struct fd_seen {
	int fd;
	int fl;
	int fdfl;
	char target[PATH_MAX];
};
static struct fd_seen fds_seen[64];
static int nfds_seen;

static void collect_fds(void)
{
	for (int fd = 0; fd < PROBE_MAXFD &&
	     nfds_seen < (int)(sizeof fds_seen / sizeof fds_seen[0]); fd++) {
		int fdfl = fcntl(fd, F_GETFD);
		if (fdfl < 0)
			continue;
		struct fd_seen *s = &fds_seen[nfds_seen++];
		char link[64];
		s->fd = fd;
		s->fdfl = fdfl;
		s->fl = fcntl(fd, F_GETFL);
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		ssize_t n = readlink(link, s->target, sizeof s->target - 1);
		s->target[n < 0 ? 0 : n] = '\0';
		normalise_target(s->target);
	}
}

static void put_fds(void)
{
	for (int i = 0; i < nfds_seen; i++) {
		const struct fd_seen *s = &fds_seen[i];
		const char *acc = "?";
		switch (s->fl & O_ACCMODE) {
		case O_RDONLY: acc = "r"; break;
		case O_WRONLY: acc = "w"; break;
		case O_RDWR: acc = "rw"; break;
		}
		printf("fd.%d: %s%s%s%s %s\n", s->fd, acc,
		       s->fl & O_APPEND ? ",append" : "",
		       s->fl & O_NONBLOCK ? ",nonblock" : "",
		       s->fdfl & FD_CLOEXEC ? ",cloexec" : "", s->target);
	}
}

static void put_signals(void)
{
	sigset_t mask, pend, ign, caught;

	sigprocmask(SIG_BLOCK, NULL, &mask);
	sigpending(&pend);
	sigemptyset(&ign);
	sigemptyset(&caught);
	for (int sig = 1; sig < PROBE_NSIG; sig++) {
		struct sigaction sa;
		if (sigaction(sig, NULL, &sa) < 0)
			continue;
		if (sa.sa_handler == SIG_IGN)
			sigaddset(&ign, sig);
		else if (sa.sa_handler != SIG_DFL)
			sigaddset(&caught, sig);
	}
	put_sigs("sigmask", &mask);
	put_sigs("sigpending", &pend);
	put_sigs("sig.ignored", &ign);
	put_sigs("sig.caught", &caught);
}

static const char *relation(pid_t id, pid_t self, pid_t parent_id)
{
	if (id < 0)
		return "error";
	if (id == self)
		return "self";
	if (id == parent_id)
		return "parent";
	return "other";
}

static void put_groups(void)
{
	pid_t pid = getpid(), ppid = getppid();
	pid_t pgrp = getpgrp();

	printf("pgid: %s\n", relation(pgrp, pid, getpgid(ppid)));
	printf("sid: %s\n", relation(getsid(0), pid, getsid(ppid)));

	int tty = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (tty < 0) {
		puts("fg: notty");
		return;
	}
	pid_t fg = tcgetpgrp(tty);
	close(tty);
	printf("fg: %s\n", fg == pgrp ? "self" :
	       fg < 0 ? "error" : fg == getpgid(ppid) ? "parent" : "other");
}

static void put_rlimits(void)
{
	static const struct {
		int res;
		const char *name;
	} lim[] = {
		{ RLIMIT_CORE, "core" }, { RLIMIT_CPU, "cpu" },
		{ RLIMIT_DATA, "data" }, { RLIMIT_FSIZE, "fsize" },
		{ RLIMIT_MEMLOCK, "memlock" }, { RLIMIT_NOFILE, "nofile" },
		{ RLIMIT_NPROC, "nproc" }, { RLIMIT_STACK, "stack" },
		{ RLIMIT_AS, "as" },
	};
	for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
		struct rlimit rl;
		if (getrlimit(lim[i].res, &rl) < 0)
			continue;
		printf("rlimit.%s: ", lim[i].name);
		if (rl.rlim_cur == RLIM_INFINITY)
			fputs("unlimited/", stdout);
		else
			printf("%llu/", (unsigned long long)rl.rlim_cur);
		if (rl.rlim_max == RLIM_INFINITY)
			puts("unlimited");
		else
			printf("%llu\n", (unsigned long long)rl.rlim_max);
	}
}

int main(int argc, char **argv)
{
	collect_fds();

	printf("argc: %d\n", argc);
	for (int i = 0; i < argc; i++) {
		printf("argv[%d]: ", i);
		put_quoted(argv[i]);
		putchar('\n');
	}
	put_env();

	char cwd[PATH_MAX];
	printf("cwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
	mode_t um = umask(0);
	umask(um);
	printf("umask: %04o\n", (unsigned)um);

	put_fds();
	put_signals();
	put_groups();
	put_rlimits();

	errno = 0;
	int nice = getpriority(PRIO_PROCESS, 0);
	printf("nice: %d\n", errno ? 0 : nice);
	int pdeath = 0;
	prctl(PR_GET_PDEATHSIG, &pdeath);
	printf("pdeathsig: %d\n", pdeath);

	if (fflush(stdout) != 0)
		return 1;
	const char *ex = getenv("PROBE_EXIT");
	return ex ? atoi(ex) : 0;
}
