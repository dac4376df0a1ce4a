/* shellfd.c - the shell's own file descriptors and keeping them out of the
 * user's way (see shellfd.h).  Owns the table of tracked fd slots; knows
 * nothing about what the fds are for. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "shellfd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"

/* Lowest fd for the shell's own descriptors, above the 0-9 that POSIX
 * leaves to scripts. */
#define FD_SHELL_MIN 10
/* fds below this are never the shell's own (stdin, stdout, stderr). */
#define FD_USER_MIN 3

static int **slots;
static int nslots, capslots;

int fd_move_high(int fd)
{
	if (fd < 0)
		return fd;
	if (fd >= FD_SHELL_MIN) {
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		return fd;
	}
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, FD_SHELL_MIN);
	/* Below 10 then, but never on 0, 1 or 2: with stdin closed the
	 * script would otherwise be what `read` or `cat` reads. */
	if (nfd < 0 && fd < FD_USER_MIN)
		nfd = fcntl(fd, F_DUPFD_CLOEXEC, FD_USER_MIN);
	if (nfd < 0) {
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		return fd;
	}
	close(fd);
	return nfd;
}

bool fd_listed(int fd, const int *avoid, int navoid)
{
	for (int i = 0; i < navoid; i++)
		if (avoid[i] == fd)
			return true;
	return false;
}

int shellfd_dup(int fd, const int *avoid, int navoid)
{
	int floor = FD_SHELL_MIN;
	for (int i = 0; i < navoid; i++)
		if (avoid[i] >= floor)
			floor = avoid[i] + 1;
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, floor);
	if (nfd >= 0)
		return nfd;
	if (errno != EINVAL && errno != EMFILE)
		return -1;
	/* Above 10 is out of reach: take the lowest free fd that no one
	 * named, holding on to the named ones met on the way. */
	int held[16], nheld = 0;
	int from = FD_USER_MIN;
	for (;;) {
		nfd = fcntl(fd, F_DUPFD_CLOEXEC, from);
		if (nfd < 0 || !fd_listed(nfd, avoid, navoid))
			break;
		if (nheld == (int)(sizeof held / sizeof held[0])) {
			close(nfd);
			nfd = -1;
			errno = EMFILE;
			break;
		}
		held[nheld++] = nfd;
		from = nfd + 1;
	}
	int err = errno;
	while (nheld > 0)
		close(held[--nheld]);
	errno = err;
	return nfd;
}

void shellfd_track(int *slot)
{
	if (nslots == capslots) {
		capslots = capslots ? capslots * 2 : 16;
		slots = xrealloc(slots, (size_t)capslots * sizeof *slots);
	}
	slots[nslots++] = slot;
}

void shellfd_untrack(int *slot)
{
	/* Usually the last one tracked: search from the end. */
	for (int i = nslots - 1; i >= 0; i--) {
		if (slots[i] == slot) {
			slots[i] = slots[--nslots];
			return;
		}
	}
}

bool shellfd_is_own(int fd)
{
	if (fd < FD_USER_MIN)
		return false;
	int flags = fcntl(fd, F_GETFD);
	return flags >= 0 && (flags & FD_CLOEXEC);
}

bool shellfd_clear(int fd, const int *avoid, int navoid)
{
	for (int i = 0; i < nslots; i++) {
		if (*slots[i] != fd)
			continue;
		int nfd = shellfd_dup(fd, avoid, navoid);
		if (nfd < 0)
			return false;
		close(fd);
		/* Several slots may share one fd (none do today). */
		for (int j = i; j < nslots; j++)
			if (*slots[j] == fd)
				*slots[j] = nfd;
		return true;
	}
	return true;
}
