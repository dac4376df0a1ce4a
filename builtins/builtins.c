/* builtins.c - the builtin table built from builtins.def, its lookup, and
 * the small helpers every builtin shares (option scanning, number parsing).
 * It owns no builtin behaviour and must not know about the executor: it
 * only maps names to functions. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "error.h"

/* builtins.def lists the names in strcmp order, which lets the lookup
 * (asked for every simple command) be a binary search without a sort. */
/* The name of the builtin about to run, for parse_long's message: set by
 * the lookup the executor does just before the call, and by bopt_next. */
static const char *bopt_name;

static const struct builtin builtin_table[] = {
#define BUILTIN(name, fn, flags) {name, fn, flags},
#include "../builtins/builtins.def"
#undef BUILTIN
};

#define NBUILTINS (sizeof(builtin_table) / sizeof(builtin_table[0]))

const struct builtin *builtin_lookup(const char *name)
{
	size_t lo = 0, hi = NBUILTINS;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *key = builtin_table[mid].name;
		int cmp;

		/* Most names differ at the first byte: skip strcmp then. */
		if (*name != *key)
			cmp = (unsigned char)*name - (unsigned char)*key;
		else
			cmp = strcmp(name, key);
		if (cmp == 0) {
			bopt_name = key;
			return &builtin_table[mid];
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void builtin_foreach(void (*fn)(const struct builtin *b, void *ctx), void *ctx)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		fn(&builtin_table[i], ctx);
}

/*
 * Scans argv like getopt(3) but with no global state and with the shell's
 * messages.  A lone "-" is an operand; "--" ends the options and is
 * skipped.
 */
int bopt_next(struct bopt *st, int argc, char **argv, const char *optstring)
{
	const char *word, *spec;
	int c;

	bopt_name = argv[0];
	if (st->ind < 1)
		st->ind = 1;
	st->arg = NULL;
	if (st->pos == 0) {
		if (st->ind >= argc)
			return -1;
		word = argv[st->ind];
		if (word[0] != '-' || word[1] == '\0')
			return -1;
		if (word[1] == '-' && word[2] == '\0') {
			st->ind++;
			return -1;
		}
		st->pos = 1;
	}
	word = argv[st->ind];
	c = (unsigned char)word[st->pos++];
	spec = c != ':' ? strchr(optstring, c) : NULL;
	if (spec == NULL) {
		sh_warn("%s: -%c: invalid option", argv[0], c);
		if (word[st->pos] == '\0') {
			st->ind++;
			st->pos = 0;
		}
		return '?';
	}
	if (spec[1] == ':') {
		if (word[st->pos] != '\0') {
			st->arg = (char *)word + st->pos;
		} else if (st->ind + 1 < argc) {
			st->arg = argv[++st->ind];
		} else {
			sh_warn("%s: -%c: option requires an argument", argv[0],
				c);
			st->ind++;
			st->pos = 0;
			return '?';
		}
		st->ind++;
		st->pos = 0;
		return c;
	}
	if (word[st->pos] == '\0') {
		st->ind++;
		st->pos = 0;
	}
	return c;
}

bool parse_long(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	/* strtol accepts leading blanks; a number operand must not have them. */
	if (*s == '\0' || *s == ' ' || *s == '\t' || *s == '\n' ||
	    *end != '\0' || errno == ERANGE) {
		if (bopt_name != NULL)
			sh_warn("%s: %s: bad number", bopt_name, s);
		else
			sh_warn("%s: bad number", s);
		return false;
	}
	*out = v;
	return true;
}
