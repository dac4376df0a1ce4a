/* redir.c - redirections (XCU 2.7) as lists of launch-plan fd operations.
 * For a program the list goes into the plan and the child applies it; for
 * builtins, functions and compound commands the shell applies the same list
 * to itself here, saving what it replaces.  Must not fork. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "redir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "expand.h"
#include "options.h"

/* Lowest fd for the shell's own descriptors, above the 0-9 that POSIX
 * leaves to scripts. */
#define FD_SHELL_MIN 10

int fd_move_high(int fd)
{
	if (fd >= FD_SHELL_MIN) {
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		return fd;
	}
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, FD_SHELL_MIN);
	if (nfd >= 0)
		close(fd);
	return nfd < 0 ? fd : nfd;
}

static struct fdop *add_op(struct fdop_list *l)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 8;
		struct fdop *ops = talloc((size_t)cap * sizeof *ops);
		if (l->n)
			memcpy(ops, l->ops, (size_t)l->n * sizeof *ops);
		l->ops = ops;
		l->cap = cap;
	}
	struct fdop *op = &l->ops[l->n++];
	memset(op, 0, sizeof *op);
	return op;
}

static void add_close_after(struct fdop_list *l, int fd)
{
	int *v = talloc((size_t)(l->nclose + 1) * sizeof *v);
	if (l->nclose)
		memcpy(v, l->close_after, (size_t)l->nclose * sizeof *v);
	v[l->nclose++] = fd;
	l->close_after = v;
}

/* A here-document body as a readable fd: a pipe when the body fits in the
 * pipe buffer (the write cannot block), an anonymous memory file
 * otherwise. */
static int heredoc_fd(const char *body, size_t len)
{
	int p[2];
	if (len <= 4096 && pipe2(p, O_CLOEXEC) == 0) {
		size_t off = 0;
		while (off < len) {
			ssize_t w = write(p[1], body + off, len - off);
			if (w < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			off += (size_t)w;
		}
		close(p[1]);
		return fd_move_high(p[0]);
	}
	int fd = memfd_create("tine-heredoc", MFD_CLOEXEC);
	if (fd < 0) {
		char tmpl[] = "/tmp/tine-heredocXXXXXX";
		fd = mkostemp(tmpl, O_CLOEXEC);
		if (fd < 0)
			return -1;
		unlink(tmpl);
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, body + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	lseek(fd, 0, SEEK_SET);
	return fd_move_high(fd);
}

static bool parse_fd(const char *s, int *fd)
{
	if (!*s)
		return false;
	long v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
		if (v > 65535)
			return false;
	}
	*fd = (int)v;
	return true;
}

bool redir_expand(const struct redir *r, struct fdop_list *out)
{
	for (; r; r = r->next) {
		if (r->kind == REDIR_HEREDOC) {
			const char *body;
			if (r->heredoc_quoted || !r->target)
				body = r->target && r->target->parts
					       ? tstrndup(r->target->parts->u.lit.text,
							  r->target->parts->u.lit.len)
					       : "";
			else
				body = expand_heredoc(r->target);
			int fd = heredoc_fd(body, strlen(body));
			if (fd < 0) {
				sh_warn("cannot create here-document: %s",
					strerror(errno));
				return false;
			}
			add_close_after(out, fd);
			struct fdop *op = add_op(out);
			op->kind = FDOP_DUP2;
			op->fd = r->fd;
			op->src = fd;
			continue;
		}
		char *target = expand_word(r->target);
		struct fdop *op;
		switch (r->kind) {
		case REDIR_DUP_IN:
		case REDIR_DUP_OUT: {
			int src;
			op = add_op(out);
			op->fd = r->fd;
			if (strcmp(target, "-") == 0) {
				op->kind = FDOP_CLOSE;
			} else if (parse_fd(target, &src)) {
				op->kind = FDOP_DUP2;
				op->src = src;
			} else {
				out->n--;
				sh_warn("%s: bad file descriptor number", target);
				return false;
			}
			break;
		}
		default:
			op = add_op(out);
			op->kind = FDOP_OPEN;
			op->fd = r->fd;
			op->path = target;
			switch (r->kind) {
			case REDIR_IN:
				op->oflags = O_RDONLY;
				break;
			case REDIR_OUT:
				op->oflags = O_WRONLY | O_CREAT | O_TRUNC;
				op->noclobber = OPT(noclobber);
				break;
			case REDIR_CLOBBER:
				op->oflags = O_WRONLY | O_CREAT | O_TRUNC;
				break;
			case REDIR_APPEND:
				op->oflags = O_WRONLY | O_CREAT | O_APPEND;
				break;
			case REDIR_RDWR:
				op->oflags = O_RDWR | O_CREAT;
				break;
			default:
				break;
			}
			break;
		}
	}
	return true;
}

void redir_close_after(struct fdop_list *l)
{
	for (int i = 0; i < l->nclose; i++)
		close(l->close_after[i]);
	l->nclose = 0;
}

void redir_report(const struct fdop *op, int err)
{
	switch (op->kind) {
	case FDOP_OPEN:
		sh_warn("%s: cannot %s: %s", op->path,
			(op->oflags & O_CREAT) ? "create" : "open",
			strerror(err));
		break;
	case FDOP_DUP2:
		sh_warn("%d: %s", op->src, strerror(err));
		break;
	case FDOP_CLOSE:
		sh_warn("%d: %s", op->fd, strerror(err));
		break;
	}
}

/* What an fd was before a redirection, so it can be put back. */
struct saved_fd {
	int fd;
	int copy;  /* -1: fd was closed */
};

struct redir_saved {
	struct saved_fd *v;
	int n;
	struct redir_saved *outer;
};

/* Innermost first: restore walks this chain. */
static struct redir_saved *saved_stack;

static void save_fd(struct redir_saved *s, int fd, int cap)
{
	for (int i = 0; i < s->n; i++)
		if (s->v[i].fd == fd)
			return;
	if (s->n >= cap)
		return;
	int copy = fcntl(fd, F_DUPFD_CLOEXEC, FD_SHELL_MIN);
	if (copy < 0 && errno != EBADF)
		copy = -2; /* could not save: leave it alone on restore */
	s->v[s->n].fd = fd;
	s->v[s->n].copy = copy;
	s->n++;
}

bool redir_apply(const struct fdop_list *l, struct redir_saved **saved)
{
	struct redir_saved *s = NULL;
	if (saved) {
		s = talloc(sizeof *s);
		s->v = talloc((size_t)(l->n ? l->n : 1) * sizeof *s->v);
		s->n = 0;
		s->outer = saved_stack;
		saved_stack = s;
		*saved = s;
	}
	fflush(stdout);
	for (int i = 0; i < l->n; i++) {
		const struct fdop *op = &l->ops[i];
		if (s)
			save_fd(s, op->fd, l->n);
		int err = launch_fdop_apply(op);
		if (err == EBADF && op->kind == FDOP_CLOSE)
			err = 0;
		if (err) {
			redir_report(op, err);
			if (s)
				redir_restore(s);
			return false;
		}
	}
	return true;
}

void redir_restore(struct redir_saved *s)
{
	if (!s)
		return;
	fflush(stdout);
	for (int i = s->n - 1; i >= 0; i--) {
		struct saved_fd *f = &s->v[i];
		if (f->copy == -2)
			continue;
		if (f->copy < 0) {
			close(f->fd);
		} else {
			dup2(f->copy, f->fd);
			close(f->copy);
		}
	}
	s->n = 0;
	if (saved_stack == s)
		saved_stack = s->outer;
}
