/* signames.c - signal names, for the trap and kill builtins and for the
 * launch trace.  Linux numbers; the real-time range is glibc's, which
 * reserves the first few for itself (SIGRTMIN is not a constant). */
#include "signames.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

static const char *const names[] = {
	[SIGHUP] = "HUP",       [SIGINT] = "INT",     [SIGQUIT] = "QUIT",
	[SIGILL] = "ILL",       [SIGTRAP] = "TRAP",   [SIGABRT] = "ABRT",
	[SIGBUS] = "BUS",       [SIGFPE] = "FPE",     [SIGKILL] = "KILL",
	[SIGUSR1] = "USR1",     [SIGSEGV] = "SEGV",   [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE",     [SIGALRM] = "ALRM",   [SIGTERM] = "TERM",
	[SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD",   [SIGCONT] = "CONT",
	[SIGSTOP] = "STOP",     [SIGTSTP] = "TSTP",   [SIGTTIN] = "TTIN",
	[SIGTTOU] = "TTOU",     [SIGURG] = "URG",     [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ",     [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",
	[SIGWINCH] = "WINCH",   [SIGIO] = "IO",       [SIGPWR] = "PWR",
	[SIGSYS] = "SYS",
};
#define NNAMES (int)(sizeof names / sizeof names[0])

const char *signame(int sig, char buf[SIGNAME_BUFSIZE])
{
	if (sig > 0 && sig < NNAMES && names[sig])
		return names[sig];
	if (sig == SIGRTMIN)
		return "RTMIN";
	if (sig == SIGRTMAX)
		return "RTMAX";
	if (sig > SIGRTMIN && sig < SIGRTMAX) {
		snprintf(buf, SIGNAME_BUFSIZE, "RTMIN+%d", sig - SIGRTMIN);
		return buf;
	}
	return NULL;
}

int signame_lookup(const char *name)
{
	for (int sig = 1; sig < NNAMES; sig++)
		if (names[sig] && strcasecmp(names[sig], name) == 0)
			return sig;
	if (strcasecmp(name, "RTMIN") == 0)
		return SIGRTMIN;
	if (strcasecmp(name, "RTMAX") == 0)
		return SIGRTMAX;
	if (strncasecmp(name, "RTMIN+", 6) == 0 && name[6] >= '0' && name[6] <= '9') {
		char *end;
		long n = strtol(name + 6, &end, 10);
		if (*end == '\0' && n <= SIGRTMAX - SIGRTMIN)
			return SIGRTMIN + (int)n;
	}
	return -1;
}
