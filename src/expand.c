/* expand.c - word expansion in POSIX order (XCU 2.6): tilde, parameter,
 * command substitution, arithmetic, field splitting, pathname expansion and
 * quote removal.
 *
 * Owns the turning of struct word trees into fields, strings and patterns.
 * Must not parse (words arrive as parts from the parser), must not run
 * commands itself (command substitution goes through exec_cmdsub), and
 * must not keep results past the command: everything lives in the command
 * arena.
 *
 * A word is expanded into one buffer of bytes with a parallel array of
 * per-byte flags saying where each byte came from: quotes (literal, never
 * split), an unquoted expansion (subject to IFS), or unquoted literal text
 * (neither quoted nor split, but active in patterns).  Zero-width marker
 * bytes record field breaks between "$@" members and the presence of
 * quotes that produced nothing ("" keeps an empty field).  Field
 * splitting, pathname expansion and quote removal are then one pass over
 * that buffer, so no word costs more than a couple of arena allocations. */
#include "expand.h"

#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "arith.h"
#include "builtins.h"
#include "error.h"
#include "exec.h"
#include "glob.h"
#include "lexer.h"
#include "options.h"
#include "vars.h"

/* Per-byte flags. */
enum {
	XF_QUOTED = 0x01, /* from quotes: literal, never split */
	XF_SPLIT = 0x02,  /* from an unquoted expansion: IFS applies */
	XF_HARD = 0x04,	  /* marker: field break between "$@" members */
	XF_SOFT = 0x08,	  /* marker: break between unquoted $@ members */
	XF_QMARK = 0x10,  /* marker: quotes were here (keeps an empty field) */
};
#define XF_MARKER (XF_HARD | XF_SOFT | XF_QMARK)

enum xmode {
	XM_FIELDS,  /* split, glob, quote removal: arguments */
	XM_STRING,  /* one string, quote removal: assignments, here-docs */
	XM_PATTERN, /* one string, quoted bytes backslash-escaped */
	XM_REGEX,   /* the same for an extended regular expression */
};

struct xbuf {
	char *s;
	unsigned char *f;
	size_t len, cap;
};

struct xctx {
	enum xmode mode;
	struct xbuf b;
	bool split; /* the word has bytes or breaks that IFS may split */
	/* Fields produced so far (XM_FIELDS). */
	char **v;
	int n, cap;
};

static void xb_reserve(struct xbuf *b, size_t extra)
{
	if (b->len + extra <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 128;
	while (cap < b->len + extra)
		cap *= 2;
	/* Bytes and flags share one allocation: one copy per doubling. */
	char *blk = talloc(cap * 2);
	if (b->len) {
		memcpy(blk, b->s, b->len);
		memcpy(blk + cap, b->f, b->len);
	}
	b->s = blk;
	b->f = (unsigned char *)blk + cap;
	b->cap = cap;
}

static void xb_put(struct xbuf *b, const char *s, size_t n, unsigned char fl)
{
	if (n == 0)
		return;
	xb_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	memset(b->f + b->len, fl, n);
	b->len += n;
}

static void xb_marker(struct xbuf *b, unsigned char fl)
{
	xb_reserve(b, 1);
	b->s[b->len] = '\0';
	b->f[b->len] = fl;
	b->len++;
}

/* Text from the word itself. */
static void put_lit(struct xctx *x, const char *s, size_t n, bool quoted)
{
	if (quoted && n == 0)
		xb_marker(&x->b, XF_QMARK);
	else
		xb_put(&x->b, s, n, quoted ? XF_QUOTED : 0);
}

static void put_value(struct xctx *x, const char *s, size_t n, bool quoted);

/* The result of an expansion. */
static void put_value(struct xctx *x, const char *s, size_t n, bool quoted)
{
	if (quoted && n == 0) {
		xb_marker(&x->b, XF_QMARK);
	} else {
		xb_put(&x->b, s, n, quoted ? XF_QUOTED : XF_SPLIT);
		x->split |= !quoted;
	}
}

static void add_field(struct xctx *x, char *s)
{
	if (x->n + 1 >= x->cap) {
		int cap = x->cap ? x->cap * 2 : 16;
		char **v = talloc((size_t)cap * sizeof *v);
		if (x->n)
			memcpy(v, x->v, (size_t)x->n * sizeof *v);
		x->v = v;
		x->cap = cap;
	}
	x->v[x->n++] = s;
}

/* The bytes that a quote keeps literal by a backslash before them, in
 * a shell pattern and in an extended regular expression ([[ =~ ]]). */
static const char pattern_specials[] = "\\*?[]!^-";
static const char regex_specials[] = "\\.[]()*+?{}|^$";

/* Bytes [from, to) of the buffer without markers; with specials (a
 * pattern or a regular expression) quoted bytes among them get a
 * backslash, so the matcher takes them literally. */
static char *xb_string(const struct xbuf *b, size_t from, size_t to,
		       const char *specials)
{
	if (!specials) {
		/* The common case, copied in runs: a marker's byte is '\0'
		 * (xb_marker), so memchr finds every candidate and the flags
		 * are consulted only there.  The byte-at-a-time loop below
		 * cost ~40 instructions a byte, which made s="$s..." on a
		 * long string 5x slower than dash. */
		char *s = talloc(to - from + 1), *p = s;
		size_t i = from;
		while (i < to) {
			const char *z = memchr(b->s + i, '\0', to - i);
			size_t j = z ? (size_t)(z - b->s) : to;
			memcpy(p, b->s + i, j - i);
			p += j - i;
			if (j < to && !(b->f[j] & XF_MARKER))
				*p++ = '\0'; /* a real NUL byte: kept as before */
			i = j + 1;
		}
		*p = '\0';
		return s;
	}
	size_t n = 0;
	for (size_t i = from; i < to; i++) {
		if (b->f[i] & XF_MARKER)
			continue;
		n++;
		if ((b->f[i] & XF_QUOTED) && b->s[i] &&
		    strchr(specials, b->s[i]))
			n++;
	}
	char *s = talloc(n + 1), *p = s;
	for (size_t i = from; i < to; i++) {
		if (b->f[i] & XF_MARKER)
			continue;
		if ((b->f[i] & XF_QUOTED) && b->s[i] &&
		    strchr(specials, b->s[i]))
			*p++ = '\\';
		*p++ = b->s[i];
	}
	*p = '\0';
	return s;
}

/* A finished field: pathname expansion if it has unquoted pattern
 * characters, otherwise (or when nothing matches) quote removal. */
static void finish_field(struct xctx *x, size_t from, size_t to)
{
	const struct xbuf *b = &x->b;
	bool magic = false;
	if (!OPT(noglob)) {
		for (size_t i = from; i < to; i++) {
			char c = b->s[i];
			if (!(b->f[i] & (XF_QUOTED | XF_MARKER)) &&
			    (c == '*' || c == '?' ||
			     (c == '[' && memchr(b->s + i + 1, ']', to - i - 1)))) {
				magic = true;
				break;
			}
		}
	}
	/* A '[' with no ']' after it cannot open a bracket expression, so
	 * `[ $i -lt 9 ]` is not globbed: globbing it read the whole current
	 * directory once per test (the `[` word), which made a `while [ ...`
	 * loop cost O(files in cwd) per iteration. */
	if (magic) {
		char *pat = xb_string(b, from, to, pattern_specials);
		if (glob_expand(pat, &x->v, &x->n, &x->cap) > 0)
			return;
	}
	add_field(x, xb_string(b, from, to, NULL));
}

static bool is_ifs_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Field splitting (XCU 2.6.5) over the word in x->b, then pathname
 * expansion of each field.  Only bytes from unquoted expansions split.
 * IFS white space around a field is dropped and runs of it delimit once;
 * any other IFS byte delimits a field by itself (possibly an empty one),
 * swallowing the white space next to it. */
static void split_word(struct xctx *x)
{
	const struct xbuf *b = &x->b;
	if (!x->split) {
		/* Nothing to split: any byte or quote mark makes one field. */
		if (b->len)
			finish_field(x, 0, b->len);
		return;
	}
	const char *ifs = var_ifs();
	bool ifs_ws[256] = {false}, ifs_any[256] = {false};
	for (const char *p = ifs; *p; p++) {
		ifs_any[(unsigned char)*p] = true;
		ifs_ws[(unsigned char)*p] = is_ifs_space(*p);
	}
	enum { D_NONE, D_WS, D_OTHER } delim = D_NONE;
	bool started = false;
	size_t fs = 0;

	for (size_t i = 0; i < b->len; i++) {
		unsigned char f = b->f[i];
		unsigned char c = (unsigned char)b->s[i];
		if (f & XF_HARD) {
			finish_field(x, fs, i);
			started = false;
			delim = D_NONE;
			fs = i + 1;
		} else if (f & XF_SOFT) {
			/* Between unquoted $@ members: like IFS white space. */
			if (started) {
				finish_field(x, fs, i);
				started = false;
				delim = D_WS;
			}
			fs = i + 1;
		} else if (f & XF_QMARK) {
			started = true;
			delim = D_NONE;
		} else if ((f & XF_SPLIT) && ifs_any[c]) {
			if (ifs_ws[c]) {
				if (started) {
					finish_field(x, fs, i);
					started = false;
					delim = D_WS;
				}
			} else if (delim == D_WS && !started) {
				delim = D_OTHER;
			} else {
				finish_field(x, fs, i);
				started = false;
				delim = D_OTHER;
			}
			fs = i + 1;
		} else {
			started = true;
			delim = D_NONE;
		}
	}
	if (started)
		finish_field(x, fs, b->len);
}

static void expand_into(struct xctx *x, const struct word *w, bool in_arg);

/* Expands w in a context of its own (for ${x=w}, ${x?w}, patterns and
 * arithmetic), returning a string. */
static char *expand_sub(const struct word *w, enum xmode mode)
{
	struct xctx sub = {.mode = mode};
	if (w)
		expand_into(&sub, w, false);
	return xb_string(&sub.b, 0, sub.b.len,
			 mode == XM_PATTERN ? pattern_specials :
			 mode == XM_REGEX ? regex_specials : NULL);
}

static bool is_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* The value of a single-valued parameter, or NULL if unset.  buf (32
 * bytes) holds numbers. */
static const char *param_value(const char *name, char *buf)
{
	if (name[0] && !name[1]) {
		switch (name[0]) {
		case '?':
			snprintf(buf, 32, "%d", last_status);
			return buf;
		case '$':
			snprintf(buf, 32, "%ld", (long)shell_pid);
			return buf;
		case '!':
			if (!last_bg_pid)
				return NULL;
			snprintf(buf, 32, "%ld", (long)last_bg_pid);
			return buf;
		case '-':
			return option_letters();
		case '#':
			snprintf(buf, 32, "%d", pos_params.count);
			return buf;
		case '0':
			return arg_zero ? arg_zero : "";
		}
	}
	if (is_digits(name)) {
		/* Leading zeros or huge numbers: unset rather than overflow. */
		if (strlen(name) > 9)
			return NULL;
		long n = strtol(name, NULL, 10);
		if (n < 1 || n > pos_params.count)
			return NULL;
		return pos_params.values[n - 1];
	}
	return var_get(name);
}

/* Characters, not bytes, when the locale is multibyte (UTF-8): count
 * everything but continuation bytes. */
static size_t char_length(const char *s)
{
	size_t n = 0;
	if (MB_CUR_MAX == 1)
		return strlen(s);
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* The byte a pattern's first element matches, or -1 if that element is
 * not a literal. */
static int first_literal(const char *pat)
{
	if (pat[0] == '\\' && pat[1])
		return (unsigned char)pat[1];
	if (!pat[0] || strchr("*?[", pat[0]))
		return -1;
	return (unsigned char)pat[0];
}

/* The same for the last element. */
static int last_literal(const char *pat)
{
	size_t n = strlen(pat);
	if (n == 0 || pat[n - 1] == '\\')
		return -1;
	size_t bs = 0;
	while (bs < n - 1 && pat[n - 2 - bs] == '\\')
		bs++;
	if (bs % 2 == 0 && strchr("*?[]", pat[n - 1]))
		return -1;
	return (unsigned char)pat[n - 1];
}

/* ${x#w} and friends.  pat is a backslash-quoted pattern. */
static const char *trim(const char *val, const char *pat, enum param_op op,
			size_t *outlen)
{
	size_t len = strlen(val);
	*outlen = len;
	bool prefix = op == PO_TRIM_PREFIX || op == PO_TRIM_PREFIX_LONG;
	bool longest = op == PO_TRIM_PREFIX_LONG || op == PO_TRIM_SUFFIX_LONG;

	if (!pattern_has_magic(pat)) {
		/* A plain string: one comparison, whichever the length. */
		const char *lit = pattern_unquote(pat);
		size_t n = strlen(lit);
		if (n > len)
			return val;
		if (prefix && memcmp(val, lit, n) == 0) {
			*outlen = len - n;
			return val + n;
		}
		if (!prefix && memcmp(val + len - n, lit, n) == 0)
			*outlen = len - n;
		return val;
	}
	/* The byte that must sit at the cut (the last byte of a prefix, the
	 * first of a suffix) when the pattern ends or starts with a literal:
	 * a prefix trim by "*" then "/" on a long value tries only the
	 * slashes instead of every prefix, each of which costs a match. */
	int edge = prefix ? last_literal(pat) : first_literal(pat);
	for (size_t k = 0; k <= len; k++) {
		/* k counts from the shortest candidate to the longest. */
		size_t cut = longest ? len - k : k;
		if (edge >= 0 &&
		    (cut == 0 ||
		     (unsigned char)val[prefix ? cut - 1 : len - cut] != edge))
			continue;
		if (prefix) {
			if (pattern_match(pat, val, cut)) {
				*outlen = len - cut;
				return val + cut;
			}
		} else if (pattern_match(pat, val + len - cut, cut)) {
			*outlen = len - cut;
			return val;
		}
	}
	return val;
}

/* The byte index of character k of s (len bytes), or len past the end:
 * offsets and lengths of ${x:off:len} count characters, as ${#x} does. */
static size_t char_index(const char *s, size_t len, long k)
{
	if (MB_CUR_MAX == 1)
		return (size_t)k < len ? (size_t)k : len;
	size_t i = 0;
	for (; i < len && k > 0; k--)
		for (i++; i < len && ((unsigned char)s[i] & 0xc0) == 0x80; i++)
			;
	return i;
}

/* Whether byte i of s starts a character (a match may begin only there). */
static bool char_start(const char *s, size_t i)
{
	return MB_CUR_MAX == 1 || ((unsigned char)s[i] & 0xc0) != 0x80;
}

/* The arithmetic value of one part of ${x:off:len}; empty is 0. */
static long substr_number(const struct word *w)
{
	const char *e = w ? expand_sub(w, XM_STRING) : "";
	return *e ? arith_eval(e) : 0;
}

/* ${x:off:len} of a string of nchars characters: [*from, *to) in
 * characters; a negative offset counts from the end, a negative length
 * leaves that many off the end (bash). */
static void substr_range(const struct wpart *wp, long nchars, long *from,
			 long *to)
{
	long off = substr_number(wp->u.param.arg);
	if (off < 0 && off + nchars < 0) {
		/* Before the start: nothing, whatever the length says. */
		*from = *to = 0;
		return;
	}
	if (off < 0)
		off += nchars;
	if (off > nchars)
		off = nchars;
	long end = nchars;
	if (wp->u.param.arg2) {
		long n = substr_number(wp->u.param.arg2);
		end = n < 0 ? nchars + n : (n > nchars - off ? nchars : off + n);
		if (end < off)
			sh_error_status(1, "%s: substring expression < 0",
					wp->u.param.name);
	}
	*from = off;
	*to = end;
}

/* The length of the longest match of pat at val[i..len), at least min
 * and at most max_match bytes; -1 when none. */
static long longest_match_at(const char *pat, bool magic, const char *lit,
			     size_t max_match, const char *val, size_t i,
			     size_t len, size_t min)
{
	if (!magic) {
		size_t n = strlen(lit);
		return n >= min && n <= len - i && memcmp(val + i, lit, n) == 0 ?
			       (long)n : -1;
	}
	size_t top = len - i;
	if (max_match < top)
		top = max_match;
	for (size_t n = top + 1; n-- > min;)
		if ((i + n == len || char_start(val, i + n)) &&
		    pattern_match(pat, val + i, n))
			return (long)n;
	return -1;
}

/* The most bytes a match of pat can span: without an unescaped '*' each
 * element matches one character, and takes at least one byte of pat; so
 * ${x//[ab]/c} tries one length per place, not every length. */
static size_t pattern_max_match(const char *pat)
{
	for (const char *p = pat; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '*')
			return (size_t)-1;
	}
	return strlen(pat) * (size_t)MB_CUR_MAX;
}

/* ${x/pat/rep} and its //, /# and /% forms (bash): pat is a
 * backslash-quoted pattern, the longest match at the leftmost place
 * wins; an empty pattern matches only where anchored. */
static const char *replace(const char *val, const char *pat, const char *rep,
			   enum param_op op, size_t *outlen)
{
	size_t len = strlen(val);
	*outlen = len;
	bool magic = pattern_has_magic(pat);
	const char *lit = magic ? NULL : pattern_unquote(pat);
	size_t max_match = pattern_max_match(pat);
	if (op == PO_REPLACE_PREFIX || op == PO_REPLACE_SUFFIX) {
		size_t at = 0;
		long n = -1;
		if (op == PO_REPLACE_PREFIX) {
			n = longest_match_at(pat, magic, lit, max_match, val,
					     0, len, 0);
		} else {
			/* The longest suffix: the one that starts first. */
			for (at = 0; at <= len; at++) {
				if (at < len && !char_start(val, at))
					continue;
				if (pattern_match(pat, val + at, len - at)) {
					n = (long)(len - at);
					break;
				}
			}
		}
		if (n < 0)
			return val;
		struct strbuf sb;
		sb_init(&sb);
		sb_putn(&sb, val, at);
		sb_puts(&sb, rep);
		sb_putn(&sb, val + at + (size_t)n, len - at - (size_t)n);
		*outlen = sb.len;
		return sb_finish(&sb);
	}
	if (!*pat)
		return val;
	if (len == 0) {
		/* Only an empty value gives a pattern an empty match to
		 * replace (bash: with v empty, a pattern of one star matches). */
		if (!pattern_match(pat, "", 0))
			return val;
		*outlen = strlen(rep);
		return rep;
	}
	int first = first_literal(pat);
	struct strbuf sb;
	sb_init(&sb);
	size_t done = 0; /* bytes of val copied or replaced */
	for (size_t i = 0; i < len;) {
		long n = -1;
		if ((first < 0 || (unsigned char)val[i] == first) &&
		    char_start(val, i))
			n = longest_match_at(pat, magic, lit, max_match, val,
					     i, len, 1);
		if (n < 0) {
			i++;
			continue;
		}
		sb_putn(&sb, val + done, i - done);
		sb_puts(&sb, rep);
		i += (size_t)n;
		done = i;
		if (op != PO_REPLACE_ALL)
			break;
	}
	if (done == 0)
		return val; /* the arena takes back the unused buffer */
	sb_putn(&sb, val + done, len - done);
	*outlen = sb.len;
	return sb_finish(&sb);
}

static _Noreturn void unset_error(const char *name)
{
	sh_error_status(1, "%s: parameter not set", name);
}

/* $@ and $* (and their trimmed forms): n values. */
static void put_multi(struct xctx *x, char **vals, const size_t *lens, int n,
		      bool star, bool quoted)
{
	const char *ifs = var_ifs();
	if (x->mode != XM_FIELDS || (star && quoted)) {
		/* One string: "$*" joins with IFS's first byte, and "$@"
		 * where no fields can be made joins with a space. */
		char sep = star ? ifs[0] : ' ';
		if (quoted && n == 0)
			xb_marker(&x->b, XF_QMARK);
		for (int i = 0; i < n; i++) {
			if (i && sep)
				put_value(x, &sep, 1, quoted);
			put_value(x, vals[i], lens[i], quoted);
		}
		return;
	}
	for (int i = 0; i < n; i++) {
		if (i) {
			xb_marker(&x->b, quoted ? XF_HARD : XF_SOFT);
			x->split = true;
		}
		put_value(x, vals[i], lens[i], quoted);
	}
}

static bool valid_var_name(const char *s)
{
	if (!(*s == '_' || isalpha((unsigned char)*s)))
		return false;
	for (s++; *s; s++)
		if (!(*s == '_' || isalnum((unsigned char)*s)))
			return false;
	return true;
}

/* ${x:off:len} and ${@:off:len} (bash, ksh): characters of a value, or
 * positional parameters with $0 as the first. */
static void put_substring(struct xctx *x, const struct wpart *wp,
			  const char *val, bool multi, bool star, bool quoted)
{
	long from, to;
	if (multi) {
		/* ${@:off:len}: positional parameters, $0 first. */
		int n = pos_params.count;
		substr_range(wp, n + 1L, &from, &to);
		int cnt = (int)(to - from);
		char **vals = talloc((size_t)(cnt ? cnt : 1) * sizeof *vals);
		size_t *lens = talloc((size_t)(cnt ? cnt : 1) * sizeof *lens);
		for (int i = 0; i < cnt; i++) {
			long k = from + i;
			vals[i] = k == 0 ? (char *)(arg_zero ? arg_zero : "")
				       : pos_params.values[k - 1];
			lens[i] = strlen(vals[i]);
		}
		put_multi(x, vals, lens, cnt, star, quoted);
		return;
	}
	const char *v = val ? val : "";
	size_t vlen = strlen(v);
	substr_range(wp, (long)char_length(v), &from, &to);
	size_t b0 = char_index(v, vlen, from);
	size_t b1 = b0 + char_index(v + b0, vlen - b0, to - from);
	if (quoted && b1 == b0)
		xb_marker(&x->b, XF_QMARK);
	put_value(x, v + b0, b1 - b0, quoted);
}

/* ${x/pat/rep} and its //, /# and /% forms, on a value or on each
 * positional parameter. */
static void put_replaced(struct xctx *x, const struct wpart *wp,
			 const char *val, bool multi, bool star, bool quoted)
{
	enum param_op op = wp->u.param.op;
	const char *rpat = wp->u.param.arg ?
		expand_sub(wp->u.param.arg, XM_PATTERN) : "";
	const char *rrep = wp->u.param.arg2 ?
		expand_sub(wp->u.param.arg2, XM_STRING) : "";
	if (multi) {
		int n = pos_params.count;
		char **vals = talloc((size_t)(n ? n : 1) * sizeof *vals);
		size_t *lens = talloc((size_t)(n ? n : 1) * sizeof *lens);
		for (int i = 0; i < n; i++)
			vals[i] = (char *)replace(pos_params.values[i],
						  rpat, rrep, op,
						  &lens[i]);
		put_multi(x, vals, lens, n, star, quoted);
		return;
	}
	if (!val) {
		if (quoted)
			xb_marker(&x->b, XF_QMARK);
		return;
	}
	size_t rlen;
	const char *r = replace(val, rpat, rrep, op, &rlen);
	if (quoted && rlen == 0)
		xb_marker(&x->b, XF_QMARK);
	put_value(x, r, rlen, quoted);
}

/* The value as it is, or without the prefix or suffix ${x#p}, ${x##p},
 * ${x%p} or ${x%%p} names; for $@ and $*, each positional parameter. */
static void put_trimmed(struct xctx *x, const struct wpart *wp,
			const char *val, bool multi, bool star, bool quoted)
{
	enum param_op op = wp->u.param.op;
	bool trimming = op >= PO_TRIM_SUFFIX && op <= PO_TRIM_PREFIX_LONG;
	const char *pat = NULL;
	if (trimming)
		pat = expand_sub(wp->u.param.arg, XM_PATTERN);

	if (multi) {
		int n = pos_params.count;
		char **vals = pos_params.values;
		size_t *lens = talloc((size_t)(n ? n : 1) * sizeof *lens);
		if (trimming) {
			char **tv = talloc((size_t)(n ? n : 1) * sizeof *tv);
			for (int i = 0; i < n; i++)
				tv[i] = (char *)trim(vals[i], pat, op,
						     &lens[i]);
			vals = tv;
		} else {
			for (int i = 0; i < n; i++)
				lens[i] = strlen(vals[i]);
		}
		put_multi(x, vals, lens, n, star, quoted);
		return;
	}
	if (!val) {
		if (quoted)
			xb_marker(&x->b, XF_QMARK);
		return;
	}
	size_t len;
	if (trimming)
		val = trim(val, pat, op, &len);
	else
		len = strlen(val);
	put_value(x, val, len, quoted);
}

static void expand_param(struct xctx *x, const struct wpart *wp)
{
	const char *name = wp->u.param.name;
	enum param_op op = wp->u.param.op;
	bool colon = wp->u.param.colon;
	bool quoted = wp->quoted;
	bool multi = (name[0] == '@' || name[0] == '*') && !name[1];
	bool star = name[0] == '*';
	char buf[32];
	const char *val = NULL;
	bool set, null;

	if (op == PO_BAD)
		sh_error_status(1, "${%s}: bad substitution", name);
	if (multi) {
		/* dash: $@ and $* count as set; null when they join to "". */
		const char *ifs = var_ifs();
		int n = pos_params.count;
		set = true;
		null = n == 0;
		if (n > 0 && (n == 1 || (star && !ifs[0]))) {
			null = true;
			for (int i = 0; i < n && null; i++)
				null = pos_params.values[i][0] == '\0';
		}
	} else {
		val = param_value(name, buf);
		set = val != NULL;
		null = !val || !val[0];
	}
	bool use_arg = !set || (colon && null);

	switch (op) {
	case PO_LENGTH:
		if (multi) {
			snprintf(buf, sizeof buf, "%d", pos_params.count);
		} else {
			if (!set && OPT(nounset))
				unset_error(name);
			snprintf(buf, sizeof buf, "%zu",
				 set ? char_length(val) : 0);
		}
		put_value(x, buf, strlen(buf), quoted);
		return;
	case PO_DEFAULT:
		if (use_arg) {
			if (quoted)
				xb_marker(&x->b, XF_QMARK);
			if (wp->u.param.arg)
				expand_into(x, wp->u.param.arg, true);
			return;
		}
		break;
	case PO_ALTERNATE:
		if (quoted)
			xb_marker(&x->b, XF_QMARK);
		if (!use_arg && wp->u.param.arg)
			expand_into(x, wp->u.param.arg, true);
		return;
	case PO_ASSIGN:
		if (use_arg) {
			if (!valid_var_name(name))
				sh_error("%s: bad variable name", name);
			const char *nv = expand_sub(wp->u.param.arg, XM_STRING);
			if (!var_set(name, nv, 0)) {
				/* var_set has said why (read only). */
				last_status = 1;
				sh_raise(EXC_ERROR);
			}
			val = nv;
			multi = false;
		}
		break;
	case PO_ERROR:
		if (use_arg) {
			const struct word *msg = wp->u.param.arg;
			if (msg && (msg->parts || msg->has_quotes))
				sh_error_status(
					1, "%s: %s", name,
					expand_sub(wp->u.param.arg, XM_STRING));
			sh_error_status(1, "%s: parameter not set%s", name,
				 colon ? " or null" : "");
		}
		break;
	case PO_BAD: /* not reached: raised above */
	case PO_PLAIN:
	case PO_TRIM_SUFFIX:
	case PO_TRIM_SUFFIX_LONG:
	case PO_TRIM_PREFIX:
	case PO_TRIM_PREFIX_LONG:
	case PO_SUBSTR:
	case PO_REPLACE:
	case PO_REPLACE_ALL:
	case PO_REPLACE_PREFIX:
	case PO_REPLACE_SUFFIX:
		if (!set && OPT(nounset))
			unset_error(name);
		break;
	}

	if (op == PO_SUBSTR) {
		put_substring(x, wp, val, multi, star, quoted);
		return;
	}
	if (op >= PO_REPLACE) {
		put_replaced(x, wp, val, multi, star, quoted);
		return;
	}

	put_trimmed(x, wp, val, multi, star, quoted);
}

static void expand_tilde(struct xctx *x, const struct wpart *wp)
{
	const char *user = wp->u.lit.text;
	size_t ulen = wp->u.lit.len;
	const char *home = NULL;
	if (ulen == 0) {
		home = var_get("HOME");
	} else {
		struct passwd *pw = getpwnam(tstrndup(user, ulen));
		if (pw)
			home = pw->pw_dir;
	}
	if (!home) {
		/* Unknown user or no HOME: the text stays as written. */
		xb_put(&x->b, "~", 1, 0);
		xb_put(&x->b, user, ulen, 0);
		return;
	}
	/* The result is as if quoted: neither split nor globbed. */
	put_lit(x, home, strlen(home), true);
}

/* A shell string cannot hold NUL: the bytes of $( ) output are kept
 * without them, with one warning per substitution (as bash; dash drops
 * them silently).  Returns the new length. */
static size_t drop_nul_bytes(char *s, size_t len)
{
	char *nul = memchr(s, '\0', len);
	if (!nul)
		return len;
	char *out = nul;
	for (const char *p = nul; p < s + len; p++)
		if (*p)
			*out++ = *p;
	sh_warn("command substitution: ignored null byte in input");
	return (size_t)(out - s);
}

static void expand_cmdsub(struct xctx *x, const struct wpart *wp)
{
	struct strbuf sb;
	sb_init(&sb);
	if (wp->u.cmdsub.body)
		exec_cmdsub(wp->u.cmdsub.body, &sb);
	else
		last_status = 0;
	size_t n = drop_nul_bytes(sb.s, sb.len);
	while (n > 0 && sb.s[n - 1] == '\n')
		n--;
	put_value(x, sb.s, n, wp->quoted);
}

static void expand_arith(struct xctx *x, const struct wpart *wp)
{
	char *expr = expand_sub(wp->u.arith.expr, XM_STRING);
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", arith_eval(expr));
	put_value(x, buf, strlen(buf), wp->quoted);
}

/* in_arg: w is the word of ${x-w} or ${x+w}, whose unquoted text is
 * the result of an expansion and so is split like one. */
static void expand_into(struct xctx *x, const struct word *w, bool in_arg)
{
	stack_check();
	bool any_quoted = false;
	for (const struct wpart *p = w->parts; p; p = p->next)
		any_quoted |= p->quoted;
	/* Quotes that left no part behind ('' or "" next to an expansion):
	 * the word still makes a field. */
	if (w->has_quotes && !any_quoted)
		xb_marker(&x->b, XF_QMARK);

	for (const struct wpart *p = w->parts; p; p = p->next) {
		switch (p->kind) {
		case WP_LIT:
			if (in_arg && !p->quoted)
				put_value(x, p->u.lit.text, p->u.lit.len,
					  false);
			else
				put_lit(x, p->u.lit.text, p->u.lit.len,
					p->quoted);
			break;
		case WP_TILDE:
			expand_tilde(x, p);
			break;
		case WP_PARAM:
			expand_param(x, p);
			break;
		case WP_CMDSUB:
			expand_cmdsub(x, p);
			break;
		case WP_ARITH:
			expand_arith(x, p);
			break;
		}
	}
}

static bool lit_has_magic(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return true;
	return false;
}

/* One word of a field list: split, globbed. */
static void expand_one_field(struct xctx *x, const struct word *w)
{
	const struct wpart *p = w->parts;
	/* The common case: one plain literal. */
	if (p && !p->next && p->kind == WP_LIT &&
	    (p->quoted || !lit_has_magic(p->u.lit.text, p->u.lit.len))) {
		add_field(x, tstrndup(p->u.lit.text, p->u.lit.len));
		return;
	}
	x->b.len = 0;
	x->split = false;
	expand_into(x, w, false);
	split_word(x);
}

static char **finish_fields(struct xctx *x, int *count)
{
	if (x->n + 1 > x->cap) {
		x->v = talloc(sizeof *x->v);
		x->cap = 1;
	}
	x->v[x->n] = NULL;
	if (count)
		*count = x->n;
	return x->v;
}

char **expand_fields(const struct word *words, int *count)
{
	stack_check();
	struct xctx x = {.mode = XM_FIELDS};
	for (const struct word *w = words; w; w = w->next)
		expand_one_field(&x, w);
	return finish_fields(&x, count);
}

/* The length of NAME in a word that starts NAME= unquoted (XCU 2.10.2
 * rule 7: an assignment word), or 0. */
static size_t assignment_name_len(const struct word *w)
{
	const struct wpart *p = w->parts;
	if (!p || p->kind != WP_LIT || p->quoted)
		return 0;
	const char *s = p->u.lit.text;
	size_t i = 0;
	if (!(s[0] == '_' || isalpha((unsigned char)s[0])))
		return 0;
	while (i < p->u.lit.len &&
	       (s[i] == '_' || isalnum((unsigned char)s[i])))
		i++;
	return i < p->u.lit.len && s[i] == '=' ? i : 0;
}

/* NAME=value of a declaration utility, expanded as an assignment is:
 * tildes after the = and after each unquoted ':', no field splitting
 * and no pathname expansion.  The value's parts are copied first (into
 * the command arena), so the tilde parts never touch the tree, which a
 * function body shares between calls. */
static char *expand_declaration(const struct word *w, size_t namelen)
{
	const struct wpart *p0 = w->parts;
	struct word value = {.has_quotes = w->has_quotes};
	struct wpart **tail = &value.parts;
	for (const struct wpart *p = p0; p; p = p->next) {
		struct wpart *c = talloc(sizeof *c);
		*c = *p;
		if (p == p0) {
			c->u.lit.text += namelen + 1;
			c->u.lit.len -= namelen + 1;
		}
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	lex_assign_tildes(&value);
	char *v = expand_word(&value);
	size_t vlen = strlen(v);
	char *field = talloc(namelen + vlen + 2);
	memcpy(field, p0->u.lit.text, namelen + 1);
	memcpy(field + namelen + 1, v, vlen + 1);
	return field;
}

/* Whether name, as a command name, is a declaration utility (export,
 * readonly, local: XCU 2.9.1.1, POSIX.1-2024). */
static bool is_declaration_utility(const char *name)
{
	const struct builtin *b = builtin_lookup(name);
	return b && (b->flags & BUILTIN_ASSIGN);
}

char **expand_command(const struct word *words, int *count)
{
	struct xctx x = {.mode = XM_FIELDS};
	/* As dash does, the command name is known once its word (and any
	 * `command` before it) is expanded, so `cmd=export; $cmd a=$v`
	 * and `command export a=$v` are declarations too. */
	enum { NAME_UNKNOWN, NAME_DECLARATION, NAME_OTHER } kind = NAME_UNKNOWN;
	for (const struct word *w = words; w; w = w->next) {
		size_t namelen;
		if (kind == NAME_DECLARATION &&
		    (namelen = assignment_name_len(w)) > 0) {
			add_field(&x, expand_declaration(w, namelen));
			continue;
		}
		expand_one_field(&x, w);
		if (kind != NAME_UNKNOWN)
			continue;
		int i = 0;
		while (i < x.n && strcmp(x.v[i], "command") == 0)
			i++;
		if (i < x.n)
			kind = is_declaration_utility(x.v[i]) ? NAME_DECLARATION
							      : NAME_OTHER;
	}
	return finish_fields(&x, count);
}

char *expand_word(const struct word *w)
{
	const struct wpart *p = w->parts;
	if (p && !p->next && p->kind == WP_LIT)
		return tstrndup(p->u.lit.text, p->u.lit.len);
	return expand_sub(w, XM_STRING);
}

char *expand_pattern(const struct word *w)
{
	return expand_sub(w, XM_PATTERN);
}

char *expand_regex(const struct word *w)
{
	return expand_sub(w, XM_REGEX);
}

char *expand_heredoc(const struct word *body)
{
	return expand_sub(body, XM_STRING);
}

static bool parts_have_effects(const struct wpart *p)
{
	for (; p; p = p->next) {
		switch (p->kind) {
		case WP_PARAM:
			if (p->u.param.op == PO_ASSIGN ||
			    p->u.param.op == PO_ERROR ||
			    p->u.param.op == PO_BAD || OPT(nounset))
				return true;
			if (p->u.param.op == PO_SUBSTR)
				return true; /* arithmetic */
			if (p->u.param.arg &&
			    parts_have_effects(p->u.param.arg->parts))
				return true;
			if (p->u.param.arg2 &&
			    parts_have_effects(p->u.param.arg2->parts))
				return true;
			break;
		case WP_ARITH:
			/* Assignments, and errors that end the shell. */
			return true;
		case WP_LIT:
		case WP_TILDE:
		case WP_CMDSUB:
			/* A command substitution runs in a child of its own. */
			break;
		}
	}
	return false;
}

bool words_expansion_has_effects(const struct word *words)
{
	for (const struct word *w = words; w; w = w->next)
		if (parts_have_effects(w->parts))
			return true;
	return false;
}

bool assigns_expansion_has_effects(const struct assign *a)
{
	for (; a; a = a->next)
		if (a->value && parts_have_effects(a->value->parts))
			return true;
	return false;
}

bool redirs_expansion_has_effects(const struct redir *r)
{
	/* A quoted here-document's body is one literal part: no effects. */
	for (; r; r = r->next)
		if (r->target && parts_have_effects(r->target->parts))
			return true;
	return false;
}
