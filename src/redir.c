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
#include "shellfd.h"
#include "vars.h"

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

/* An unlinked temporary file in $TMPDIR (else /tmp), for a body too big
 * for a pipe when memfd_create is missing. */
static int heredoc_tmpfile(void)
{
	const char *dir = var_get("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	size_t n = strlen(dir);
	char *tmpl = talloc(n + sizeof "/tine-heredocXXXXXX");
	memcpy(tmpl, dir, n);
	memcpy(tmpl + n, "/tine-heredocXXXXXX", sizeof "/tine-heredocXXXXXX");
	int fd = mkostemp(tmpl, O_CLOEXEC);
	if (fd >= 0)
		unlink(tmpl);
	return fd;
}

/* A here-document body as a readable fd that is none of avoid: a pipe
 * when the body fits in the pipe buffer (the write cannot block), an
 * anonymous memory file otherwise, or a file under TMPDIR when memfd is
 * not there. */
static int heredoc_fd(const char *body, size_t len, const int *avoid,
		      int navoid)
{
	int p[2];
	int fd = -1;
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
		fd = p[0];
	} else {
		fd = memfd_create("tine-heredoc", MFD_CLOEXEC);
		if (fd < 0)
			fd = heredoc_tmpfile();
		if (fd < 0)
			return -1;
		size_t off = 0;
		while (off < len) {
			ssize_t w = write(fd, body + off, len - off);
			if (w < 0) {
				if (errno == EINTR)
					continue;
				int err = errno;
				close(fd);
				errno = err;
				return -1;
			}
			off += (size_t)w;
		}
		lseek(fd, 0, SEEK_SET);
	}
	/* Where pipe2 or memfd_create put it is fine unless the list names
	 * that fd: the list's other ops run before it is closed. */
	if (!fd_listed(fd, avoid, navoid))
		return fd;
	int nfd = shellfd_dup(fd, avoid, navoid);
	int err = errno;
	close(fd);
	errno = err;
	return nfd;
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

/* Every fd the list names, as target or source: the shell's own fds for
 * this list must be none of them. */
static int *named_fds(const struct fdop_list *l, int *n)
{
	int *v = talloc((size_t)(2 * l->n + 1) * sizeof *v);
	int k = 0;
	for (int i = 0; i < l->n; i++) {
		v[k++] = l->ops[i].fd;
		if (l->ops[i].kind == FDOP_DUP2 && l->ops[i].src >= 0)
			v[k++] = l->ops[i].src;
	}
	*n = k;
	return v;
}

/* The body of here-document r, expanded unless its delimiter was quoted.
 * An expansion error in it (${x?}, set -u, bad arithmetic) is an error of
 * this redirection, as an open that fails is: NULL after its message, and
 * the caller fails the command (a special builtin's failure still ends
 * the shell), as in dash, bash, ksh and mksh.  What else unwinds (exit,
 * an interrupt) goes on unwinding. */
static const char *heredoc_body(const struct redir *r)
{
	if (r->heredoc_quoted || !r->target)
		return r->target && r->target->parts
			       ? tstrndup(r->target->parts->u.lit.text,
					  r->target->parts->u.lit.len)
			       : "";
	struct arena_mark mark = arena_mark(cmd_arena);
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		if (exc_raised != EXC_ERROR)
			sh_raise(exc_raised);
		arena_release(cmd_arena, mark);
		return NULL;
	}
	unwind_push(&up);
	const char *body = expand_heredoc(r->target);
	unwind_pop(&up);
	return body;
}

bool redir_expand(const struct redir *r, struct fdop_list *out)
{
	/* Here-document bodies are expanded in order with the other words,
	 * but their fds are made once every fd the list names is known. */
	int first = out->n;
	for (; r; r = r->next) {
		if (r->kind == REDIR_HEREDOC) {
			const char *body = heredoc_body(r);
			if (!body)
				return false;
			struct fdop *op = add_op(out);
			op->kind = FDOP_DUP2;
			op->fd = r->fd;
			op->src = -1; /* made below, from the body in path */
			op->path = body;
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
	int nnamed;
	int *named = named_fds(out, &nnamed);
	for (int i = first; i < out->n; i++) {
		struct fdop *op = &out->ops[i];
		if (op->kind != FDOP_DUP2)
			continue;
		if (op->src < 0) {
			int fd = heredoc_fd(op->path, strlen(op->path), named,
					    nnamed);
			op->path = NULL;
			if (fd < 0) {
				sh_warn("cannot create here-document: %s",
					strerror(errno));
				return false;
			}
			op->src = fd;
			add_close_after(out, fd);
			continue;
		}
		/* The shell's own fds are not the user's to read or copy,
		 * unless an earlier redirection of this list made it theirs. */
		bool earlier_target = false;
		for (int j = first; j < i; j++)
			if (out->ops[j].fd == op->src)
				earlier_target = true;
		if (!earlier_target && shellfd_is_own(op->src)) {
			sh_warn("%d: %s", op->src, strerror(EBADF));
			return false;
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
enum { FD_WAS_CLOSED = -1 };
struct saved_fd {
	int fd;
	int copy;  /* its copy, tracked (shellfd.h), or FD_WAS_CLOSED */
};

struct redir_saved {
	struct saved_fd *v;
	int n;
};

/* Remembers fd before the first op of the list replaces it.  False with
 * errno when it is open but cannot be copied (no fd free): the
 * redirection must not happen then, or it could never be undone. */
static bool save_fd(struct redir_saved *s, int fd, const int *named,
		    int nnamed)
{
	for (int i = 0; i < s->n; i++)
		if (s->v[i].fd == fd)
			return true;
	int copy = shellfd_dup(fd, named, nnamed);
	if (copy < 0) {
		if (errno != EBADF)
			return false;
		copy = FD_WAS_CLOSED;
	}
	struct saved_fd *f = &s->v[s->n++];
	f->fd = fd;
	f->copy = copy;
	if (copy != FD_WAS_CLOSED)
		shellfd_track(&f->copy);
	return true;
}

bool redir_apply(const struct fdop_list *l, struct redir_saved **saved)
{
	struct redir_saved *s = NULL;
	if (saved) {
		s = talloc(sizeof *s);
		s->v = talloc((size_t)(l->n ? l->n : 1) * sizeof *s->v);
		s->n = 0;
		*saved = s;
	}
	fflush(stdout);
	int nnamed;
	int *named = named_fds(l, &nnamed);
	for (int i = 0; i < l->n; i++) {
		const struct fdop *op = &l->ops[i];
		/* The shell's own fd there moves first, so what is saved
		 * (and put back) is the user's. */
		if (!shellfd_clear(op->fd, named, nnamed)) {
			sh_warn("%d: cannot move the shell's own fd: %s", op->fd,
				strerror(errno));
			goto fail;
		}
		if (s && !save_fd(s, op->fd, named, nnamed)) {
			sh_warn("%d: cannot save fd: %s", op->fd,
				strerror(errno));
			goto fail;
		}
		int err = launch_fdop_apply(op);
		if (err == EBADF && op->kind == FDOP_CLOSE)
			err = 0;
		if (err) {
			redir_report(op, err);
			goto fail;
		}
	}
	return true;
fail:
	if (s)
		redir_restore(s);
	return false;
}

void redir_restore(struct redir_saved *s)
{
	if (!s)
		return;
	fflush(stdout);
	for (int i = s->n - 1; i >= 0; i--) {
		struct saved_fd *f = &s->v[i];
		if (f->copy == FD_WAS_CLOSED) {
			close(f->fd);
		} else {
			shellfd_untrack(&f->copy);
			/* The copy was made above every fd the list named;
			 * putting it back cannot fail for want of an fd. */
			dup2(f->copy, f->fd);
			close(f->copy);
		}
	}
	s->n = 0;
}
