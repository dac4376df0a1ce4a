/* read.c - the read builtin (XCU read, with -d of POSIX.1-2024, and
 * bash's -n and -N counts and -t timeout): one logical line from fd 0, split
 * by IFS into variables.  It must never consume input past the line it
 * returns, because the rest belongs to whoever reads fd 0 next (often the
 * script itself, or the next command): from a regular file it reads a
 * block and seeks back over what it did not use; from a pipe it looks at
 * what is waiting without taking it (pipe_peek.h) and takes just the
 * line; from a terminal, or a pipe that cannot be peeked at, it reads one
 * byte at a time. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "parser.h"
#include "pipe_peek.h"
#include "trap.h"
#include "vars.h"

struct reader {
	char buf[4096];
	size_t pos, end;
	size_t chunk; /* bytes per read(): 1 unless fd 0 is seekable */
	bool peek;    /* fd 0 is a pipe: buf holds bytes seen, not taken */
	bool peeked;  /* buf[0..end) is still in the pipe */
	bool eof;
	int err; /* errno of a failed read, 0 if none */
	bool timed;          /* -t: give up at deadline */
	bool timed_out;
	struct timespec deadline; /* CLOCK_MONOTONIC */
};

/* Waits until fd 0 has input or the deadline of -t passes; false then. */
static bool rd_wait(struct reader *r)
{
	for (;;) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long long ms = (r->deadline.tv_sec - now.tv_sec) * 1000LL +
			       (r->deadline.tv_nsec - now.tv_nsec) / 1000000;
		if (ms < 0)
			ms = 0;
		struct pollfd pfd = { .fd = 0, .events = POLLIN };
		int k = poll(&pfd, 1, ms > INT_MAX ? INT_MAX : (int)ms);
		if (k > 0)
			return true;
		if (k == 0 && ms < INT_MAX)
			return false;
		if (k < 0 && errno == EINTR && got_sigint)
			return true; /* the read sees the interrupt */
	}
}

/* The logical line, and which of its bytes were escaped by a backslash
 * (those never split).  Reused across calls. */
static char *line;
static unsigned char *escaped;
static size_t line_cap;

static void line_put(size_t *len, char c, bool esc)
{
	if (*len + 1 >= line_cap) {
		line_cap = line_cap ? line_cap * 2 : 128;
		line = xrealloc(line, line_cap);
		escaped = xrealloc(escaped, line_cap);
	}
	line[*len] = c;
	escaped[*len] = esc;
	(*len)++;
}

/* Takes from the pipe what was seen and used of buf. */
static void rd_take_used(struct reader *r)
{
	if (r->peeked && r->pos > 0 && !pipe_take(0, r->pos))
		r->eof = true;
	r->peeked = false;
}

/* The pipe's waiting bytes into buf, still in the pipe: their count, 0 at
 * end of file, -1 when a blocking one-byte read must do (nothing is
 * waiting yet, or the pipe cannot be peeked at). */
static ssize_t rd_peek(struct reader *r)
{
	ssize_t n = pipe_peek(0, r->buf, sizeof r->buf);
	if (n < 0) {
		if (errno != EAGAIN)
			r->peek = false;
		return -1;
	}
	r->peeked = n > 0;
	return n;
}

/* The next byte of fd 0, or -1 at end of file or on error. */
static int rd_getc(struct reader *r)
{
	if (r->pos == r->end) {
		ssize_t n;

		/* Taken before waiting: poll must not see them waiting. */
		rd_take_used(r);
		if (r->eof)
			return -1;
		if (r->timed && !rd_wait(r)) {
			r->timed_out = true;
			r->eof = true;
			return -1;
		}
		if (r->peek && (n = rd_peek(r)) >= 0) {
			if (n == 0) {
				r->eof = true;
				return -1;
			}
			r->pos = 0;
			r->end = (size_t)n;
			return (unsigned char)r->buf[r->pos++];
		}
		for (;;) {
			n = read(0, r->buf, r->chunk);
			if (n >= 0 || errno != EINTR)
				break;
			if (got_sigint) {
				r->err = EINTR;
				r->eof = true;
				return -1;
			}
		}
		if (n <= 0) {
			if (n < 0)
				r->err = errno;
			r->eof = true;
			return -1;
		}
		r->pos = 0;
		r->end = (size_t)n;
	}
	return (unsigned char)r->buf[r->pos++];
}

/* Gives back what was read ahead, so the file offset sits just past the
 * line (bash does the same). */
static void rd_give_back(struct reader *r)
{
	if (r->end > r->pos)
		lseek(0, -(off_t)(r->end - r->pos), SEEK_CUR);
	r->pos = r->end = 0;
}

/*
 * Reads one logical line into line/escaped, up to delim (a newline, or
 * the byte of read -d; 0 for NUL; -1 for none, read -N).  Without raw,
 * backslash-newline joins lines and backslash quotes the next byte (the
 * delimiter too).  Other NUL bytes are dropped.  Returns true when the
 * line ended with the delimiter, false at end of file.
 */
static bool read_line(struct reader *r, bool raw, int delim, size_t max,
		      size_t *lenp)
{
	size_t len = 0;
	int c;
	bool got_newline = false;

	/* max: read -n, at most that many bytes of the line. */
	while (len < max && (c = rd_getc(r)) >= 0) {
		if (c == delim) {
			got_newline = true;
			break;
		}
		if (c == '\0')
			continue;
		if (c == '\\' && !raw) {
			c = rd_getc(r);
			if (c < 0)
				break;
			if (c == '\n')
				continue;
			line_put(&len, (char)c, true);
			continue;
		}
		line_put(&len, (char)c, false);
	}
	line_put(&len, '\0', false);
	*lenp = len - 1;
	return got_newline;
}

static bool is_ifs(const char *ifs, size_t i)
{
	return !escaped[i] && line[i] != '\0' && strchr(ifs, line[i]) != NULL;
}

static bool is_ifs_ws(const char *ifs, size_t i)
{
	return is_ifs(ifs, i) &&
	       (line[i] == ' ' || line[i] == '\t' || line[i] == '\n');
}

/* Skips one field separator: IFS white space, at most one other IFS
 * character, IFS white space (XCU 2.6.5). */
static size_t skip_separator(const char *ifs, size_t p, size_t len)
{
	while (p < len && is_ifs_ws(ifs, p))
		p++;
	if (p < len && is_ifs(ifs, p) && !is_ifs_ws(ifs, p)) {
		p++;
		while (p < len && is_ifs_ws(ifs, p))
			p++;
	}
	return p;
}

static bool assign(const char *name, size_t from, size_t to)
{
	char *v = tstrndup(line + from, to - from);

	return var_set(name, v, 0);
}

/*
 * Splits line[0..len) over the n names.  Each but the last gets one field;
 * the last gets the rest of the line less trailing IFS white space, or
 * just its one field when only a final delimiter follows it (POSIX.1-2024,
 * as dash and bash do).
 */
static bool split_assign(char **names, int n, size_t len)
{
	const char *ifs = var_ifs();
	size_t p = 0, e;
	bool ok = true;

	while (p < len && is_ifs_ws(ifs, p))
		p++;
	for (int i = 0; i < n - 1; i++) {
		for (e = p; e < len && !is_ifs(ifs, e); e++)
			;
		ok &= assign(names[i], p, e);
		p = skip_separator(ifs, e, len);
	}
	for (e = p; e < len && !is_ifs(ifs, e); e++)
		;
	if (e < len && skip_separator(ifs, e, len) == len)
		return assign(names[n - 1], p, e) && ok;
	e = len;
	while (e > p && is_ifs_ws(ifs, e - 1))
		e--;
	return assign(names[n - 1], p, e) && ok;
}

/* The count of -n or -N; false (after the message) when it is none. */
static bool parse_count(const char *arg, size_t *max)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (!*arg || *end || v < 0 || errno) {
		sh_warn("read: %s: invalid number", arg);
		return false;
	}
	*max = (size_t)v;
	return true;
}

int bi_read(int argc, char **argv)
{
	static char *reply[] = {"REPLY", NULL};
	struct bopt bo = {1, 0, NULL};
	struct reader r;
	struct stat st;
	const char *prompt = NULL;
	bool raw = false, got_newline;
	char **names;
	int c, n;
	size_t len;

	int delim = '\n';
	size_t max = (size_t)-1;
	bool exact = false;
	double timeout = -1;
	char *end;

	while ((c = bopt_next(&bo, argc, argv, "rp:d:n:N:t:")) != -1) {
		switch (c) {
		case 'n':
			/* bash: at most this many bytes, the delimiter still
			 * ends the line earlier. */
			if (!parse_count(bo.arg, &max))
				return 2;
			exact = false;
			break;
		case 'N':
			/* bash: exactly this many bytes (fewer only at end of
			 * file), the delimiter read as any other byte, and no
			 * splitting: the first name gets them all. */
			if (!parse_count(bo.arg, &max))
				return 2;
			exact = true;
			break;
		case 't':
			/* bash: give up after this many seconds (a fraction
			 * too), status 142; 0 only asks whether input is
			 * waiting. */
			timeout = strtod(bo.arg, &end);
			if (!*bo.arg || *end || !(timeout >= 0) ||
			    timeout > 1e9) {
				sh_warn("read: %s: invalid timeout specification", bo.arg);
				return 2;
			}
			break;
		case 'r':
			raw = true;
			break;
		case 'd':
			/* POSIX.1-2024: the line ends at this byte; "" means
			 * NUL.  Of a longer string the first byte counts
			 * (bash). */
			delim = (unsigned char)bo.arg[0];
			break;
		case 'p':
			prompt = bo.arg;
			break;
		default:
			return 2;
		}
	}
	names = argv + bo.ind;
	n = argc - bo.ind;
	bool whole_line = n == 0;
	if (n == 0) {
		/* No name: REPLY, as bash and ksh do (dash refuses). */
		names = reply;
		n = 1;
	}
	for (int i = 0; i < n; i++) {
		if (!is_name(names[i])) {
			sh_warn("read: %s: bad variable name", names[i]);
			return 2;
		}
	}
	if (prompt != NULL && isatty(0)) {
		fputs(prompt, stderr);
		fflush(stderr);
	}

	if (timeout == 0) {
		struct pollfd pfd = { .fd = 0, .events = POLLIN };
		return poll(&pfd, 1, 0) > 0 ? 0 : 1;
	}
	memset(&r, 0, sizeof r);
	if (timeout > 0) {
		clock_gettime(CLOCK_MONOTONIC, &r.deadline);
		time_t whole = (time_t)timeout;
		r.deadline.tv_sec += whole;
		r.deadline.tv_nsec += (long)((timeout - (double)whole) * 1e9);
		if (r.deadline.tv_nsec >= 1000000000L) {
			r.deadline.tv_sec++;
			r.deadline.tv_nsec -= 1000000000L;
		}
		r.timed = true;
	}
	/* read -n from a terminal: each byte as it is typed, not a line
	 * at a time (bash); the terminal's settings come back after. */
	struct termios saved_tio;
	bool tio_changed = false;
	if (max != (size_t)-1 && isatty(0) && tcgetattr(0, &saved_tio) == 0) {
		struct termios t = saved_tio;
		t.c_lflag &= ~(tcflag_t)ICANON;
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		tio_changed = tcsetattr(0, TCSANOW, &t) == 0;
	}
	/* Only a regular file can be read ahead and sought back. */
	bool stat_ok = fstat(0, &st) == 0;
	r.chunk = stat_ok && S_ISREG(st.st_mode) && lseek(0, 0, SEEK_CUR) >= 0
			  ? sizeof r.buf
			  : 1;
	r.peek = stat_ok && S_ISFIFO(st.st_mode);
	got_newline = read_line(&r, raw, exact ? -1 : delim, max, &len);
	if (tio_changed)
		tcsetattr(0, TCSANOW, &saved_tio);
	if (r.chunk > 1)
		rd_give_back(&r);
	rd_take_used(&r);
	if (r.err == EINTR)
		return 128 + SIGINT;
	if (r.err != 0)
		sh_warn("read: %s", strerror(r.err));
	/* REPLY gets the line as read, with no IFS trimming (bash); so does
	 * the first name of read -N, and the others are emptied. */
	if (whole_line || exact) {
		if (!assign(names[0], 0, len))
			return 2;
		for (int i = 1; i < n; i++)
			if (!assign(names[i], 0, 0))
				return 2;
	} else if (!split_assign(names, n, len)) {
		return 2;
	}
	if (r.timed_out)
		return 128 + SIGALRM; /* bash; what was read is assigned */
	return got_newline || len == max ? 0 : 1;
}
