/* input.c - sources of shell text: a file descriptor, a string, or a line
 * reader callback; line counting; text pushed back in front of the rest
 * (alias values, and the lexer's re-reads); `set -v` echo.
 *
 * Owns the byte stream only.  Must not know about tokens, words or the AST:
 * the lexer decides what a byte means.  Pushed frames are malloc'd (they can
 * outlive the command that pushed them when an alias value holds a newline),
 * everything else lives in the struct input. */
#include "input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "options.h"
#include "pipe_peek.h"
#include "shellfd.h"

#define INPUT_BUFSIZE 8192
#define UNGET_MAX 4

enum input_kind { SRC_FD, SRC_STRING, SRC_READER };

/* A byte given back by input_ungetc.  from_main: it came from the main
 * source, so a newline among them was counted in lineno. */
struct unget_slot {
	int c;
	bool from_main;
};

/* Text pushed in front of the rest.  An alias frame (tag != NULL) whose
 * value does not end in a blank stays on the stack, marked done, for one
 * more read after its last byte: the word that ends with that byte is then
 * checked for aliases while the tag is still active, which stops
 * `alias a=b b=a` from looping. */
struct push_frame {
	struct push_frame *prev;
	const void *tag;
	size_t len, pos;
	bool done;
	bool ends_blank;
	int nsaved;                         /* ungets saved under this frame */
	struct unget_slot saved[UNGET_MAX];
	char text[];
};

struct input {
	enum input_kind kind;
	char *buf;
	size_t pos, len, cap;
	size_t verbose_until;   /* buf bytes before this were echoed (set -v) */
	int fd;
	bool close_fd;
	bool eof;               /* latched until the next command starts */
	bool last_from_main;
	bool alias_blank;
	bool last_nonblank;
	bool last_backslash;    /* the byte before was an unescaped '\\' */
	bool continuation;
	/* The script is a pipe or terminal on stdin, shared with the commands
	 * it runs: read one byte at a time so none is taken from them
	 * (XCU sh, INPUT FILES), as bash does. */
	bool byte_at_a_time;
	/* ... unless it is a pipe that can be peeked at (pipe_peek.h): buf
	 * then holds bytes still in the pipe from taken on, and what the
	 * parser used of them is taken before a command runs. */
	bool peek;
	size_t taken;
	input_reader_fn *reader;
	void *ctx;
	char *name;
	int lineno;
	int nunget;
	struct unget_slot unget[UNGET_MAX];
	struct push_frame *push;
};

static struct input *input_new(enum input_kind kind, const char *name)
{
	struct input *in = xcalloc(1, sizeof *in);
	in->kind = kind;
	in->fd = -1;
	in->name = name ? xstrdup(name) : NULL;
	in->lineno = 1;
	return in;
}

struct input *input_from_fd(int fd, const char *name, bool close_fd)
{
	struct input *in = input_new(SRC_FD, name);
	in->fd = fd;
	in->close_fd = close_fd;
	/* An fd the input owns is the shell's: a user's `exec 10<file` moves
	 * it rather than replace the script being read. */
	if (close_fd && fd >= 0)
		shellfd_track(&in->fd);
	in->cap = INPUT_BUFSIZE;
	in->buf = xmalloc(in->cap);
	in->byte_at_a_time = fd == 0 && lseek(fd, 0, SEEK_CUR) < 0;
	struct stat st;
	in->peek = in->byte_at_a_time && fstat(fd, &st) == 0 &&
		   S_ISFIFO(st.st_mode);
	return in;
}

struct input *input_from_string(const char *s, const char *name, int first_line)
{
	struct input *in = input_new(SRC_STRING, name);
	in->len = strlen(s);
	in->cap = in->len + 1;
	in->buf = xmalloc(in->cap);
	memcpy(in->buf, s, in->len + 1);
	in->lineno = first_line;
	return in;
}

struct input *input_from_reader(input_reader_fn *fn, void *ctx, const char *name)
{
	struct input *in = input_new(SRC_READER, name);
	in->reader = fn;
	in->ctx = ctx;
	return in;
}

static void pop_frame(struct input *in)
{
	struct push_frame *f = in->push;
	in->push = f->prev;
	free(f);
}

void input_free(struct input *in)
{
	if (!in)
		return;
	while (in->push)
		pop_frame(in);
	if (in->close_fd && in->fd >= 0) {
		shellfd_untrack(&in->fd);
		close(in->fd);
	}
	free(in->buf);
	free(in->name);
	free(in);
}

const char *input_name(const struct input *in)
{
	return in->name;
}

int input_lineno(const struct input *in)
{
	return in->lineno;
}

bool input_is_interactive(const struct input *in)
{
	return in->kind == SRC_READER;
}

void input_begin_command(struct input *in)
{
	in->continuation = false;
	in->eof = false;
}

/* Refills buf from the fd or the reader.  False at end of input. */
static bool refill(struct input *in)
{
	if (in->eof)
		return false;
	if (in->kind == SRC_FD) {
		ssize_t n = -1;
		if (in->peek) {
			/* All of buf was used: take it, then look again. */
			if (in->taken < in->len &&
			    !pipe_take(in->fd, in->len - in->taken))
				n = 0;
			else
				n = pipe_peek(in->fd, in->buf, in->cap);
			if (n < 0 && errno != EAGAIN)
				in->peek = false;
		}
		if (n < 0) {
			do
				n = read(in->fd, in->buf,
					 in->byte_at_a_time ? 1 : in->cap);
			while (n < 0 && errno == EINTR);
			in->taken = n > 0 ? (size_t)n : 0;
		} else {
			in->taken = 0;
		}
		if (n <= 0) {
			in->len = in->pos = in->taken = 0;
			in->eof = true;
			return false;
		}
		in->pos = 0;
		in->len = (size_t)n;
		in->verbose_until = 0;
		return true;
	}
	if (in->kind == SRC_READER) {
		char *line = in->reader(in->ctx, in->continuation);
		/* Whatever comes after the first line of a command is a
		 * continuation until the parser starts the next command. */
		in->continuation = true;
		if (!line) {
			in->eof = true;
			return false;
		}
		size_t n = strlen(line);
		if (n + 1 > in->cap) {
			in->cap = n + 64;
			free(in->buf);
			in->buf = xmalloc(in->cap);
		}
		memcpy(in->buf, line, n);
		in->buf[n] = '\n';
		free(line);
		in->pos = 0;
		in->len = n + 1;
		in->verbose_until = 0;
		return true;
	}
	in->eof = true;
	return false;
}

/* set -v: echo what is about to be consumed, a line at a time. */
static void verbose_echo(struct input *in)
{
	const char *p = in->buf + in->pos;
	const char *nl = memchr(p, '\n', in->len - in->pos);
	size_t end = nl ? (size_t)(nl - in->buf) + 1 : in->len;
	if (write(2, p, end - in->pos) < 0) {
		/* stderr closed: nothing to echo to */
	}
	in->verbose_until = end;
}

static int main_getc(struct input *in)
{
	int c;
	/* A NUL byte in a script is skipped, as dash does: no shell word
	 * can hold one, and ending the word there would run the wrong
	 * command. */
	do {
		if (in->pos >= in->len && !refill(in))
			return -1;
		if (in->pos >= in->verbose_until && OPT(verbose))
			verbose_echo(in);
		c = (unsigned char)in->buf[in->pos++];
	} while (c == '\0');
	if (c == '\n')
		in->lineno++;
	in->last_from_main = true;
	return c;
}

/* Next byte from the pushed frames or the main source.  A frame's saved
 * ungets are returned after its text, before what lies beneath. */
static int next_byte(struct input *in)
{
	struct push_frame *f = in->push;
	while (f) {
		if (f->done) {
			f = f->prev;
			continue;
		}
		if (f->pos < f->len) {
			in->last_from_main = false;
			return (unsigned char)f->text[f->pos++];
		}
		if (f->tag && f->ends_blank)
			in->alias_blank = true;
		/* Move the saved ungets back to the live unget stack: they
		 * come next, and may be given back again. */
		for (int i = 0; i < f->nsaved; i++)
			in->unget[in->nunget++] = f->saved[i];
		f->nsaved = 0;
		struct push_frame *below = f->prev;
		if (f->tag && !f->ends_blank) {
			f->done = true;
		} else if (f == in->push) {
			pop_frame(in);
		} else {
			f->done = true;
		}
		if (in->nunget) {
			struct unget_slot s = in->unget[--in->nunget];
			if (s.c == '\n' && s.from_main)
				in->lineno++;
			in->last_from_main = s.from_main;
			return s.c;
		}
		f = below;
	}
	return main_getc(in);
}

int input_getc(struct input *in)
{
	if (in->nunget) {
		struct unget_slot s = in->unget[--in->nunget];
		if (s.c == '\n' && s.from_main)
			in->lineno++;
		in->last_from_main = s.from_main;
		return s.c;
	}
	/* The trailing-blank flag lasts until the first byte of the next
	 * word has been read (and looked at by the lexer). */
	if (in->last_nonblank)
		in->alias_blank = false;
	while (in->push && in->push->done)
		pop_frame(in);
	int c;
	if (!in->push)
		c = main_getc(in);
	else
		c = next_byte(in);
	/* A \<newline> is as blank as a space here: the word after it may
	 * still follow a blank-ending alias. */
	bool joined = c == '\\' || (c == '\n' && in->last_backslash);
	in->last_backslash = c == '\\' && !in->last_backslash;
	in->last_nonblank = c != ' ' && c != '\t' && !joined;
	return c;
}

void input_ungetc(struct input *in, int c)
{
	if (c < 0 || in->nunget >= UNGET_MAX)
		return;
	if (c == '\n' && in->last_from_main)
		in->lineno--;
	in->unget[in->nunget].c = c;
	in->unget[in->nunget].from_main = in->last_from_main;
	in->nunget++;
}

void input_push(struct input *in, const char *text, const void *tag)
{
	size_t n = strlen(text);
	struct push_frame *f = xmalloc(sizeof *f + n + 1);
	memcpy(f->text, text, n + 1);
	f->len = n;
	f->pos = 0;
	f->tag = tag;
	f->done = false;
	f->ends_blank = n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t');
	/* What was given back belongs after the pushed text. */
	f->nsaved = in->nunget;
	memcpy(f->saved, in->unget, sizeof(in->unget[0]) * (size_t)in->nunget);
	in->nunget = 0;
	f->prev = in->push;
	in->push = f;
}

bool input_pushed_tag_active(const struct input *in, const void *tag)
{
	for (const struct push_frame *f = in->push; f; f = f->prev)
		if (f->tag == tag)
			return true;
	return false;
}

bool input_alias_ended_blank(const struct input *in)
{
	return in->alias_blank;
}

void input_discard_line(struct input *in)
{
	while (in->push)
		pop_frame(in);
	in->nunget = 0;
	in->alias_blank = false;
	const char *nl = in->pos < in->len ?
		memchr(in->buf + in->pos, '\n', in->len - in->pos) : NULL;
	if (nl) {
		in->pos = (size_t)(nl - in->buf) + 1;
		in->lineno++;
	} else {
		in->pos = in->len;
	}
}

void input_give_back_unread(struct input *in)
{
	/* Only stdin is shared with the commands the shell runs; seeking
	 * a script file back would make every command re-read a buffer. */
	if (in->kind != SRC_FD || in->fd != 0)
		return;
	if (in->peek) {
		if (in->pos > in->taken)
			pipe_take(in->fd, in->pos - in->taken);
		in->len = in->taken = in->pos;
		return;
	}
	if (in->pos >= in->len)
		return;
	off_t back = (off_t)(in->len - in->pos);
	if (lseek(in->fd, -back, SEEK_CUR) >= 0)
		in->len = in->pos;
}

void *input_with_string(const char *s, const char *name, int first_line,
			void *(*fn)(struct input *in, void *arg), void *arg)
{
	struct input *in = input_from_string(s, name, first_line);
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		input_free(in);
		sh_raise(exc_raised);
	}
	unwind_push(&up);
	void *r = fn(in, arg);
	unwind_pop(&up);
	input_free(in);
	return r;
}

bool input_ended(const struct input *in)
{
	return in->eof && in->nunget == 0 && !in->push;
}
