/* pipe_peek.c - seeing a pipe's waiting bytes without taking them, with
 * tee(2) into a private pipe (see pipe_peek.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "pipe_peek.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "shellfd.h"

/* The private pipe, made on first use; empty between calls. */
static int copy_fds[2] = { -1, -1 };
static bool unusable; /* pipe2 failed, or tee is not allowed here */

static void close_copy_pipe(void)
{
	for (int i = 0; i < 2; i++) {
		if (copy_fds[i] < 0)
			continue;
		shellfd_untrack(&copy_fds[i]);
		close(copy_fds[i]);
		copy_fds[i] = -1;
	}
}

static bool open_copy_pipe(void)
{
	if (copy_fds[0] >= 0)
		return true;
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return false;
	for (int i = 0; i < 2; i++) {
		copy_fds[i] = fd_move_high(p[i]);
		shellfd_track(&copy_fds[i]);
	}
	return true;
}

ssize_t pipe_peek(int fd, char *buf, size_t cap)
{
	if (unusable || !open_copy_pipe()) {
		unusable = true;
		errno = EINVAL;
		return -1;
	}
	/* Non-blocking: an empty pipe would otherwise keep tee waiting even
	 * on an fd that is itself non-blocking. */
	ssize_t n = tee(fd, copy_fds[1], cap, SPLICE_F_NONBLOCK);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR) {
			errno = EAGAIN;
			return -1;
		}
		/* EINVAL (not a pipe) or EBADF belong to this fd; ENOSYS or
		 * EPERM (a seccomp filter) to the system. */
		if (errno == ENOSYS || errno == EPERM)
			unusable = true;
		errno = EINVAL;
		return -1;
	}
	size_t got = 0;
	while (got < (size_t)n) {
		ssize_t r = read(copy_fds[0], buf + got, (size_t)n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			/* Cannot happen with the pipe ours alone; if it does,
			 * start over with a fresh, empty one. */
			close_copy_pipe();
			errno = EINVAL;
			return -1;
		}
		got += (size_t)r;
	}
	return n;
}

bool pipe_take(int fd, size_t n)
{
	char sink[4096];
	while (n > 0) {
		ssize_t r = read(fd, sink, n < sizeof sink ? n : sizeof sink);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		n -= (size_t)r;
	}
	return true;
}

void pipe_peek_forget(void)
{
	close_copy_pipe();
}
