/* glob.c - shell pattern matching (XCU 2.13) and pathname expansion.
 *
 * Owns the matcher used by case, ${x#w} and friends, and the directory walk
 * of pathname expansion.  Patterns are byte strings in which a backslash
 * quotes the next byte; the expander produces them.  Must not know about
 * words, quoting parts or variables, and must not call sh_error: a pattern
 * that matches nothing is not an error.
 *
 * Matching is byte-wise with bracket ranges by byte value, as dash does in
 * the C locale.  Results of pathname expansion are sorted with strcmp. */
#include "glob.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"

static bool class_match(const char *name, size_t n, unsigned char c)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} classes[] = {
		{"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank},
		{"cntrl", iscntrl}, {"digit", isdigit}, {"graph", isgraph},
		{"lower", islower}, {"print", isprint}, {"punct", ispunct},
		{"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
	};
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
		if (strlen(classes[i].name) == n &&
		    memcmp(classes[i].name, name, n) == 0)
			return classes[i].fn(c) != 0;
	}
	/* An unknown class matches nothing rather than failing the pattern. */
	return false;
}

/* Parses the bracket expression at p (just past '[') against byte c.
 * Returns a pointer past the closing ']' and sets *matched, or NULL when
 * there is no closing ']' (then the '[' is an ordinary character). */
static const char *bracket_match(const char *p, unsigned char c, bool *matched)
{
	bool negate = false, hit = false;
	if (*p == '!' || *p == '^') {
		negate = true;
		p++;
	}
	const char *start = p;
	/* A ']' first in the list is a member, not the end. */
	while (*p != ']' || p == start) {
		if (*p == '\0')
			return NULL;
		if (*p == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.')) {
			char kind = p[1];
			const char *name = p + 2;
			const char *end = name;
			while (*end && !(end[0] == kind && end[1] == ']'))
				end++;
			if (*end) {
				size_t n = (size_t)(end - name);
				if (kind == ':')
					hit |= class_match(name, n, c);
				else if (n == 1 && (unsigned char)*name == c)
					hit = true;
				p = end + 2;
				continue;
			}
			/* No terminator: the '[' is an ordinary member. */
		}
		if (*p == '\\' && p[1])
			p++;
		unsigned char lo = (unsigned char)*p++;
		if (*p == '-' && p[1] && p[1] != ']') {
			const char *q = p + 1;
			if (*q == '\\' && q[1])
				q++;
			unsigned char hi = (unsigned char)*q;
			p = q + 1;
			if (lo <= c && c <= hi)
				hit = true;
			continue;
		}
		if (lo == c)
			hit = true;
	}
	*matched = hit != negate;
	return p + 1;
}

/* Matches one single-byte element (anything but '*') at *pp against c and
 * advances *pp past it. */
static bool element_match(const char **pp, unsigned char c)
{
	const char *p = *pp;
	switch (*p) {
	case '?':
		*pp = p + 1;
		return true;
	case '[': {
		bool m;
		const char *q = bracket_match(p + 1, c, &m);
		if (q) {
			*pp = q;
			return m;
		}
		*pp = p + 1;
		return c == '[';
	}
	case '\\':
		if (p[1]) {
			*pp = p + 2;
			return (unsigned char)p[1] == c;
		}
		/* A trailing backslash is itself. */
		__attribute__((fallthrough));
	default:
		*pp = p + 1;
		return (unsigned char)*p == c;
	}
}

/* Every element but '*' matches exactly one byte, so remembering only the
 * last '*' and retrying it one byte further on is complete, and the cost
 * stays O(pattern * string) however many stars there are. */
bool pattern_match(const char *pattern, const char *string, size_t len)
{
	const char *p = pattern;
	const char *star_p = NULL;
	size_t i = 0, star_i = 0;

	for (;;) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (*p == '\0')
				return true;
			star_p = p;
			star_i = i;
			continue;
		}
		if (*p == '\0') {
			if (i == len)
				return true;
		} else if (i < len) {
			const char *q = p;
			if (element_match(&q, (unsigned char)string[i])) {
				p = q;
				i++;
				continue;
			}
		}
		if (!star_p || star_i >= len)
			return false;
		i = ++star_i;
		p = star_p;
	}
}

/* Might the '[' just before p (n bytes follow it) open a bracket
 * expression?  Only if a ']' follows past the first list member; a lone
 * '[' (as in `[ $i -lt 9 ]`) is an ordinary character, and treating it
 * as magic would cost a directory read per word.  Looser than
 * bracket_match (it ignores [:class:] structure): a false "yes" costs
 * only speed, and "no" implies bracket_match finds no closing ']'. */
static bool bracket_may_close(const char *p, size_t n)
{
	size_t i = 0;
	if (i < n && (p[i] == '!' || p[i] == '^'))
		i++;
	size_t start = i;
	for (; i < n; i++) {
		if (p[i] == ']' && i != start)
			return true;
		if (p[i] == '\\')
			i++;
	}
	return false;
}

bool pattern_has_magic(const char *pattern)
{
	for (const char *p = pattern; *p; p++) {
		if (*p == '\\') {
			if (!p[1])
				break;
			p++;
		} else if (*p == '*' || *p == '?' ||
			   (*p == '[' && bracket_may_close(p + 1, strlen(p + 1)))) {
			return true;
		}
	}
	return false;
}

static bool has_magic_n(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\')
			i++;
		else if (p[i] == '*' || p[i] == '?' ||
			 (p[i] == '[' && bracket_may_close(p + i + 1, n - i - 1)))
			return true;
	}
	return false;
}

/* Copies n bytes of pattern to dst without quoting; returns bytes written. */
static size_t unquote_n(char *dst, const char *p, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n)
			i++;
		dst[j++] = p[i];
	}
	return j;
}

char *pattern_unquote(const char *pattern)
{
	size_t n = strlen(pattern);
	char *s = talloc(n + 1);
	s[unquote_n(s, pattern, n)] = '\0';
	return s;
}

/* One pathname expansion in progress. */
struct glob_state {
	char *path; /* the path built so far (arena) */
	size_t path_cap;
	char **found; /* matches (arena) */
	int nfound, found_cap;
};

static void path_reserve(struct glob_state *g, size_t len, size_t extra)
{
	if (len + extra + 1 <= g->path_cap)
		return;
	size_t cap = g->path_cap * 2;
	while (cap < len + extra + 1)
		cap *= 2;
	char *p = talloc(cap);
	memcpy(p, g->path, len);
	g->path = p;
	g->path_cap = cap;
}

static void add_found(struct glob_state *g, size_t len)
{
	if (g->nfound == g->found_cap) {
		int cap = g->found_cap ? g->found_cap * 2 : 16;
		char **v = talloc((size_t)cap * sizeof *v);
		if (g->nfound)
			memcpy(v, g->found, (size_t)g->nfound * sizeof *v);
		g->found = v;
		g->found_cap = cap;
	}
	g->found[g->nfound++] = tstrndup(g->path, len);
}

static void walk(struct glob_state *g, size_t plen, const char *rest);

/* After a component that put plen bytes in the path, with sep at the
 * slash(es) that follow it. */
static void walk_on(struct glob_state *g, size_t plen, const char *sep)
{
	while (*sep == '/') {
		path_reserve(g, plen, 1);
		g->path[plen++] = '/';
		sep++;
	}
	if (*sep) {
		walk(g, plen, sep);
		return;
	}
	/* A trailing slash: only directories (or links to them) qualify. */
	struct stat st;
	g->path[plen] = '\0';
	if (stat(g->path, &st) == 0 && S_ISDIR(st.st_mode))
		add_found(g, plen);
}

/* Matches the components in rest (no leading slash) below the directory
 * whose name is the first plen bytes of g->path. */
static void walk(struct glob_state *g, size_t plen, const char *rest)
{
	const char *end = rest;
	while (*end && *end != '/') {
		if (*end == '\\' && end[1] && end[1] != '/')
			end++;
		end++;
	}
	size_t clen = (size_t)(end - rest);
	bool last = *end == '\0';

	if (!has_magic_n(rest, clen)) {
		/* Taken literally: no need to read the directory. */
		path_reserve(g, plen, clen);
		size_t n = plen + unquote_n(g->path + plen, rest, clen);
		if (last) {
			struct stat st;
			g->path[n] = '\0';
			if (lstat(g->path, &st) == 0)
				add_found(g, n);
		} else {
			walk_on(g, n, end);
		}
		return;
	}

	char *comp = tstrndup(rest, clen);
	bool dot_ok = comp[0] == '.' || (comp[0] == '\\' && comp[1] == '.');
	path_reserve(g, plen, 0);
	g->path[plen] = '\0';
	DIR *d = opendir(plen ? g->path : ".");
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		const char *name = de->d_name;
		if (name[0] == '.' && !dot_ok)
			continue;
		if (!last && de->d_type != DT_DIR && de->d_type != DT_LNK &&
		    de->d_type != DT_UNKNOWN)
			continue;
		size_t nlen = strlen(name);
		if (!pattern_match(comp, name, nlen))
			continue;
		path_reserve(g, plen, nlen);
		memcpy(g->path + plen, name, nlen);
		if (last)
			add_found(g, plen + nlen);
		else
			walk_on(g, plen + nlen, end);
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int glob_expand(const char *pattern, char ***fields, int *count, int *cap)
{
	struct glob_state g = {0};
	g.path_cap = 256;
	g.path = talloc(g.path_cap);

	size_t plen = 0;
	const char *p = pattern;
	while (*p == '/') {
		g.path[plen++] = '/';
		p++;
	}
	if (*p)
		walk(&g, plen, p);
	else if (plen && !pattern_has_magic(pattern))
		add_found(&g, plen);
	if (g.nfound == 0)
		return 0;

	qsort(g.found, (size_t)g.nfound, sizeof *g.found, cmp_str);
	if (*count + g.nfound + 1 > *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		while (ncap < *count + g.nfound + 1)
			ncap *= 2;
		char **v = talloc((size_t)ncap * sizeof *v);
		if (*count)
			memcpy(v, *fields, (size_t)*count * sizeof *v);
		*fields = v;
		*cap = ncap;
	}
	memcpy(*fields + *count, g.found, (size_t)g.nfound * sizeof *g.found);
	*count += g.nfound;
	return g.nfound;
}
