/* printf.c - the printf builtin (XCU printf): conversions, escapes, the
 * format reused until the arguments run out.  Output goes to stdout through
 * stdio; the executor flushes it and reports write errors, so this file
 * must not write to fds directly or allocate per argument (a script may
 * call printf in a tight loop: the %b buffer is reused across calls). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"

struct pf_state {
	char **args; /* remaining arguments */
	int nargs;
	int status; /* 1 after a bad numeric argument */
	bool stop;  /* \c in %b: no more output at all */
};

/* The expansion of a %b argument; kept between calls. */
static char *bbuf;
static size_t bbuf_cap;

static void bbuf_put(size_t *len, char c)
{
	if (*len + 1 >= bbuf_cap) {
		bbuf_cap = bbuf_cap ? bbuf_cap * 2 : 256;
		bbuf = xrealloc(bbuf, bbuf_cap);
	}
	bbuf[(*len)++] = c;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return (c | 0x20) - 'a' + 10;
}

/*
 * Decodes the escape at *sp (just after the backslash) and returns the
 * byte, advancing *sp.  in_b selects %b's rules: "\0NNN" takes up to three
 * digits after the 0, and \c is reported by returning -2.  Returns -1 when
 * the escape is unknown: the backslash is then output as is.
 */
static int decode_escape(const char **sp, bool in_b)
{
	const char *s = *sp;
	int c = (unsigned char)*s, v, n;

	switch (c) {
	case '\\':
		v = '\\';
		break;
	case 'a':
		v = '\a';
		break;
	case 'b':
		v = '\b';
		break;
	case 'e':
		v = 033;
		break;
	case 'f':
		v = '\f';
		break;
	case 'n':
		v = '\n';
		break;
	case 'r':
		v = '\r';
		break;
	case 't':
		v = '\t';
		break;
	case 'v':
		v = '\v';
		break;
	case 'c':
		if (!in_b)
			return -1;
		*sp = s + 1;
		return -2;
	case 'x':
		/* Not POSIX; bash accepts \xHH and so do users. */
		if (!isxdigit((unsigned char)s[1]))
			return -1;
		v = 0;
		for (n = 1; n <= 2 && isxdigit((unsigned char)s[n]); n++)
			v = v * 16 + hexval((unsigned char)s[n]);
		*sp = s + n;
		return v & 0xff;
	case '0':
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
		if (in_b && c == '0')
			s++;
		v = 0;
		for (n = 0; n < 3 && *s >= '0' && *s <= '7'; n++)
			v = v * 8 + (*s++ - '0');
		*sp = s;
		return v & 0xff;
	default:
		return -1;
	}
	*sp = s + 1;
	return v;
}

/* Expands a %b argument into bbuf; returns its length.  Sets st->stop at
 * \c, which ends all output of this printf. */
static size_t expand_b(struct pf_state *st, const char *s)
{
	size_t len = 0;

	while (*s) {
		if (*s != '\\' || s[1] == '\0') {
			bbuf_put(&len, *s++);
			continue;
		}
		s++;
		int v = decode_escape(&s, true);
		if (v == -2) {
			st->stop = true;
			break;
		}
		if (v == -1) {
			bbuf_put(&len, '\\');
			continue;
		}
		bbuf_put(&len, (char)v);
	}
	return len;
}

static const char *next_arg(struct pf_state *st)
{
	if (st->nargs == 0)
		return NULL;
	st->nargs--;
	return *st->args++;
}

/* Reports a numeric argument that did not convert cleanly.  end is where
 * the conversion stopped; the value parsed so far is still used. */
static void check_conv(struct pf_state *st, const char *arg, const char *end)
{
	if (end == arg) {
		sh_warn("printf: %s: expected numeric value", arg);
		st->status = 1;
	} else if (*end != '\0') {
		sh_warn("printf: %s: not completely converted", arg);
		st->status = 1;
	} else if (errno == ERANGE) {
		sh_warn("printf: %s: %s", arg, strerror(ERANGE));
		st->status = 1;
	}
}

/* 'a and "a stand for the character's value (XCU printf, EXTENDED
 * DESCRIPTION, item 6). */
static bool char_value(const char *arg, uintmax_t *v)
{
	if (arg[0] != '\'' && arg[0] != '"')
		return false;
	*v = (unsigned char)arg[1];
	return true;
}

static intmax_t arg_int(struct pf_state *st)
{
	const char *arg = next_arg(st);
	char *end;
	uintmax_t cv;
	intmax_t v;

	if (arg == NULL || *arg == '\0')
		return 0;
	if (char_value(arg, &cv))
		return (intmax_t)cv;
	errno = 0;
	v = strtoimax(arg, &end, 0);
	check_conv(st, arg, end);
	return v;
}

static uintmax_t arg_uint(struct pf_state *st)
{
	const char *arg = next_arg(st);
	char *end;
	uintmax_t v;

	if (arg == NULL || *arg == '\0')
		return 0;
	if (char_value(arg, &v))
		return v;
	errno = 0;
	v = strtoumax(arg, &end, 0);
	check_conv(st, arg, end);
	return v;
}

static long double arg_float(struct pf_state *st)
{
	const char *arg = next_arg(st);
	char *end;
	uintmax_t cv;
	long double v;

	if (arg == NULL || *arg == '\0')
		return 0;
	if (char_value(arg, &cv))
		return (long double)cv;
	errno = 0;
	v = strtold(arg, &end);
	check_conv(st, arg, end);
	return v;
}

/* A width or precision given as '*'. */
static int arg_star(struct pf_state *st)
{
	intmax_t v = arg_int(st);

	if (v > INT32_MAX)
		return INT32_MAX;
	if (v < -INT32_MAX)
		return -INT32_MAX;
	return (int)v;
}

/* Writes s (len bytes, may hold NULs) padded to width; '-' left-aligns.
 * prec < 0 means no precision. */
static void put_padded(const char *s, size_t len, bool left, int width,
		       int prec)
{
	if (prec >= 0 && (size_t)prec < len)
		len = prec;
	size_t pad = width > 0 && (size_t)width > len ? width - len : 0;

	if (!left)
		for (size_t i = 0; i < pad; i++)
			putchar_unlocked(' ');
	/* %b of an empty argument has no buffer yet: NULL must not reach
	 * fwrite even for no bytes. */
	if (len)
		fwrite_unlocked(s, 1, len, stdout);
	if (left)
		for (size_t i = 0; i < pad; i++)
			putchar_unlocked(' ');
}

/*
 * Runs one conversion starting at *fp (the '%').  Returns false on a bad
 * directive (after the message), which ends printf with status 2 as in
 * dash.  *used is set when the conversion consumed arguments.
 */
static bool do_conversion(struct pf_state *st, const char **fp)
{
	const char *start = *fp, *f = start + 1;
	char spec[32];
	size_t sl = 0;
	int width = 0, prec = -1;
	bool have_width = false, left = false;

	spec[sl++] = '%';
	while (*f && strchr("-+ #0'", *f)) {
		if (*f == '-')
			left = true;
		if (sl < 8)
			spec[sl++] = *f;
		f++;
	}
	if (*f == '*') {
		width = arg_star(st);
		have_width = true;
		if (width < 0) {
			left = true;
			width = -width;
			spec[sl++] = '-';
		}
		f++;
	} else if (isdigit((unsigned char)*f)) {
		have_width = true;
		while (isdigit((unsigned char)*f)) {
			if (width < 100000000)
				width = width * 10 + (*f - '0');
			f++;
		}
	}
	if (*f == '.') {
		f++;
		prec = 0;
		if (*f == '*') {
			prec = arg_star(st);
			f++;
		} else {
			while (isdigit((unsigned char)*f)) {
				if (prec < 100000000)
					prec = prec * 10 + (*f - '0');
				f++;
			}
		}
	}
	/* Length modifiers mean nothing here (every value is intmax_t or
	 * long double); bash accepts and ignores them, so do we. */
	while (*f && strchr("hlLqjzt", *f))
		f++;
	if (*f == '\0') {
		sh_warn("printf: missing format character");
		*fp = f;
		return false;
	}
	if (have_width)
		spec[sl++] = '*';
	if (prec >= 0) {
		spec[sl++] = '.';
		spec[sl++] = '*';
	}
	*fp = f + 1;
	switch (*f) {
	case 'd':
	case 'i':
		spec[sl++] = 'j';
		spec[sl++] = *f;
		spec[sl] = '\0';
		{
			intmax_t v = arg_int(st);
			if (have_width && prec >= 0)
				printf(spec, width, prec, v);
			else if (have_width)
				printf(spec, width, v);
			else if (prec >= 0)
				printf(spec, prec, v);
			else
				printf(spec, v);
		}
		return true;
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		spec[sl++] = 'j';
		spec[sl++] = *f;
		spec[sl] = '\0';
		{
			uintmax_t v = arg_uint(st);
			if (have_width && prec >= 0)
				printf(spec, width, prec, v);
			else if (have_width)
				printf(spec, width, v);
			else if (prec >= 0)
				printf(spec, prec, v);
			else
				printf(spec, v);
		}
		return true;
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		spec[sl++] = 'L';
		spec[sl++] = *f;
		spec[sl] = '\0';
		{
			long double v = arg_float(st);
			if (have_width && prec >= 0)
				printf(spec, width, prec, v);
			else if (have_width)
				printf(spec, width, v);
			else if (prec >= 0)
				printf(spec, prec, v);
			else
				printf(spec, v);
		}
		return true;
	case 'c': {
		const char *a = next_arg(st);
		char c = a ? *a : '\0';
		/* An empty argument gives a NUL byte, as in dash and bash. */
		put_padded(&c, a ? 1 : 0, left, width, -1);
		return true;
	}
	case 's': {
		const char *a = next_arg(st);
		if (a == NULL)
			a = "";
		put_padded(a, strlen(a), left, width, prec);
		return true;
	}
	case 'b': {
		const char *a = next_arg(st);
		size_t len = expand_b(st, a ? a : "");
		put_padded(bbuf, len, left, width, prec);
		return true;
	}
	default:
		sh_warn("printf: %.*s: invalid directive", (int)(f + 1 - start),
			start);
		return false;
	}
}

int bi_printf(int argc, char **argv)
{
	struct pf_state st;
	const char *format, *f;
	int i = 1;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
		if (strcmp(argv[1], "--") != 0) {
			struct bopt bo = {1, 0, NULL};
			bopt_next(&bo, argc, argv, "");
			return 2;
		}
		i++;
	}
	if (i >= argc) {
		sh_warn("printf: usage: printf format [arg ...]");
		return 2;
	}
	format = argv[i++];
	st.args = argv + i;
	st.nargs = argc - i;
	st.status = 0;
	st.stop = false;

	for (;;) {
		int before = st.nargs;

		for (f = format; *f && !st.stop;) {
			if (*f == '%') {
				if (f[1] == '%') {
					putchar_unlocked('%');
					f += 2;
					continue;
				}
				if (!do_conversion(&st, &f))
					return 2;
				continue;
			}
			if (*f == '\\' && f[1] != '\0') {
				const char *p = f + 1;
				int v = decode_escape(&p, false);
				if (v < 0) {
					putchar_unlocked('\\');
					f++;
				} else {
					putchar_unlocked(v);
					f = p;
				}
				continue;
			}
			/* Copy a run of plain text in one call. */
			const char *run = f++;
			while (*f && *f != '%' && *f != '\\')
				f++;
			fwrite_unlocked(run, 1, f - run, stdout);
		}
		/* Reuse the format while it consumes arguments (XCU printf). */
		if (st.stop || st.nargs == 0 || st.nargs == before)
			break;
	}
	return st.status;
}
