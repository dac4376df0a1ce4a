/* arith.c - $(( )) evaluation on signed long (XCU 2.6.4).
 *
 * Owns one recursive-descent evaluator that parses and evaluates in a
 * single pass: the C operators (and bash's ++, -- and **), assignment, ?:,
 * comma, decimal/octal/hex constants and variables by name.  Operands that
 * are not evaluated (the other branch of ?:, the right side of a decided
 * && or ||) are still parsed, but with side effects and errors like
 * division by zero switched off.  Must not expand parameters itself: the
 * expander hands over text that is already expanded.
 *
 * Overflow wraps (the arithmetic is done in unsigned long), so no input can
 * reach undefined behaviour.  Errors read as dash's:
 *	arithmetic expression: division by zero: "1/0"
 * and end the command through sh_error. */
#include "arith.h"

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "options.h"
#include "vars.h"

/* Variables whose values are expressions are evaluated recursively; this
 * bounds x='x' loops. */
#define ARITH_MAX_DEPTH 64

struct arith {
	const char *expr; /* the whole text, for messages */
	const char *p;	  /* the cursor */
	int noeval;	  /* > 0: parse only, no effects, no errors */
};

/* An operand: its value and, when it is a bare variable, its name. */
struct operand {
	long v;
	const char *name;
	size_t nlen;
};

static int arith_depth;

static _Noreturn void arith_fail(struct arith *a, const char *msg)
{
	sh_error("arithmetic expression: %s: \"%s\"", msg, a->expr);
}

static void skip_space(struct arith *a)
{
	while (*a->p == ' ' || *a->p == '\t' || *a->p == '\n')
		a->p++;
}

static bool is_name_start(char c)
{
	return c == '_' || isalpha((unsigned char)c);
}

static bool is_name_char(char c)
{
	return c == '_' || isalnum((unsigned char)c);
}

static long wrap_add(long x, long y)
{
	return (long)((unsigned long)x + (unsigned long)y);
}

static long wrap_sub(long x, long y)
{
	return (long)((unsigned long)x - (unsigned long)y);
}

static long wrap_mul(long x, long y)
{
	return (long)((unsigned long)x * (unsigned long)y);
}

static long eval_text(const char *text, int noeval);

static long var_value(struct arith *a, const char *name, size_t nlen)
{
	if (a->noeval)
		return 0;
	char *n = tstrndup(name, nlen);
	const char *val = var_get(n);
	if (!val) {
		if (OPT(nounset))
			sh_error("%s: parameter not set", n);
		return 0;
	}
	/* Fast path: a plain decimal number, the usual case in loops. */
	const char *s = val;
	bool neg = false;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (*s >= '1' && *s <= '9') {
		unsigned long u = 0;
		while (*s >= '0' && *s <= '9')
			u = u * 10 + (unsigned long)(*s++ - '0');
		if (*s == '\0')
			return neg ? (long)(0UL - u) : (long)u;
	}
	if (arith_depth >= ARITH_MAX_DEPTH)
		sh_error("arithmetic expression: recursion too deep: \"%s\"",
			 n);
	return eval_text(tstrdup(val), 0);
}

static void assign(struct arith *a, const struct operand *lv, long v)
{
	if (a->noeval)
		return;
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", v);
	if (!var_set(tstrndup(lv->name, lv->nlen), buf, 0)) {
		/* var_set has said why (read only). */
		last_status = 2;
		sh_raise(EXC_ERROR);
	}
}

static long parse_comma(struct arith *a);
static long parse_assign(struct arith *a);

/* BASE#DIGITS (bash, ksh, busybox ash), s just past the '#': bases 2 to
 * 64, digits 0-9, then a-z, A-Z, @ and _; up to base 36 a letter's case
 * does not matter.  Like the other constants it wraps past 64 bits. */
static long parse_based(struct arith *a, unsigned long base, const char *s)
{
	if (base < 2 || base > 64)
		arith_fail(a, "bad number base");
	unsigned long u = 0;
	const char *start = s;
	for (;; s++) {
		int c = (unsigned char)*s, d;
		if (isdigit(c))
			d = c - '0';
		else if (islower(c))
			d = c - 'a' + 10;
		else if (isupper(c))
			d = c - 'A' + (base <= 36 ? 10 : 36);
		else if (c == '@')
			d = 62;
		else if (c == '_')
			d = 63;
		else
			break;
		if ((unsigned long)d >= base)
			arith_fail(a, "value too great for base");
		u = u * base + (unsigned long)d;
	}
	if (s == start)
		arith_fail(a, "bad number");
	a->p = s;
	return (long)u;
}

static long parse_number(struct arith *a)
{
	const char *s = a->p;
	unsigned long u = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		if (!isxdigit((unsigned char)*s))
			arith_fail(a, "bad number");
		while (isxdigit((unsigned char)*s)) {
			int d = isdigit((unsigned char)*s)
					? *s - '0'
					: tolower((unsigned char)*s) - 'a' + 10;
			u = u * 16 + (unsigned long)d;
			s++;
		}
	} else if (s[0] == '0') {
		s++;
		while (*s >= '0' && *s <= '7')
			u = u * 8 + (unsigned long)(*s++ - '0');
	} else {
		while (isdigit((unsigned char)*s))
			u = u * 10 + (unsigned long)(*s++ - '0');
		if (*s == '#')
			return parse_based(a, u, s + 1);
	}
	if (is_name_char(*s))
		arith_fail(a, "bad number");
	a->p = s;
	return (long)u;
}

/* True if what follows ++ or -- could start an operand, so that `x--1`
 * reads as x - -1 (dash) while `x--` and `x-- - y` decrement (bash). */
static bool operand_follows(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	return isalnum((unsigned char)*p) || *p == '_' || *p == '(';
}

static struct operand parse_primary(struct arith *a)
{
	stack_check();
	struct operand o = {0, NULL, 0};
	skip_space(a);
	char c = *a->p;
	if (c == '(') {
		a->p++;
		o.v = parse_comma(a);
		skip_space(a);
		if (*a->p != ')')
			arith_fail(a, "expecting ')'");
		a->p++;
	} else if (isdigit((unsigned char)c)) {
		o.v = parse_number(a);
	} else if (is_name_start(c)) {
		const char *s = a->p;
		while (is_name_char(*a->p))
			a->p++;
		o.name = s;
		o.nlen = (size_t)(a->p - s);
		o.v = var_value(a, s, o.nlen);
		/* Postfix ++ and --. */
		const char *q = a->p;
		while (*q == ' ' || *q == '\t' || *q == '\n')
			q++;
		if ((q[0] == '+' || q[0] == '-') && q[1] == q[0] &&
		    !operand_follows(q + 2)) {
			long nv = q[0] == '+' ? wrap_add(o.v, 1)
					      : wrap_sub(o.v, 1);
			assign(a, &o, nv);
			a->p = q + 2;
			o.name = NULL;
		}
	} else {
		arith_fail(a, "expecting primary");
	}
	return o;
}

static long parse_unary(struct arith *a)
{
	stack_check();
	skip_space(a);
	char c = *a->p;
	if ((c == '+' || c == '-') && a->p[1] == c) {
		const char *q = a->p + 2;
		while (*q == ' ' || *q == '\t' || *q == '\n')
			q++;
		if (is_name_start(*q)) {
			/* Prefix ++x / --x. */
			a->p = q;
			struct operand o = parse_primary(a);
			if (!o.name)
				arith_fail(a, "expecting variable");
			long nv =
				c == '+' ? wrap_add(o.v, 1) : wrap_sub(o.v, 1);
			assign(a, &o, nv);
			return nv;
		}
	}
	switch (c) {
	case '+':
		a->p++;
		return parse_unary(a);
	case '-':
		a->p++;
		return wrap_sub(0, parse_unary(a));
	case '!':
		a->p++;
		return !parse_unary(a);
	case '~':
		a->p++;
		return ~parse_unary(a);
	}
	return parse_primary(a).v;
}

enum binop {
	OP_NONE,
	OP_OROR,
	OP_ANDAND,
	OP_OR,
	OP_XOR,
	OP_AND,
	OP_EQ,
	OP_NE,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_SHL,
	OP_SHR,
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_POW,
};

static const int binop_prec[] = {
	[OP_OROR] = 1, [OP_ANDAND] = 2, [OP_OR] = 3,   [OP_XOR] = 4,
	[OP_AND] = 5,  [OP_EQ] = 6,	[OP_NE] = 6,   [OP_LT] = 7,
	[OP_LE] = 7,   [OP_GT] = 7,	[OP_GE] = 7,   [OP_SHL] = 8,
	[OP_SHR] = 8,  [OP_ADD] = 9,	[OP_SUB] = 9,  [OP_MUL] = 10,
	[OP_DIV] = 10, [OP_MOD] = 10,	[OP_POW] = 11,
};

/* The binary operator at p and its length; OP_NONE for anything else,
 * including assignment operators (`a + b *= 2` is an error, as in C). */
static enum binop binop_at(const char *p, int *len)
{
	*len = 2;
	switch (p[0]) {
	case '|':
		if (p[1] == '|')
			return OP_OROR;
		*len = 1;
		return p[1] == '=' ? OP_NONE : OP_OR;
	case '&':
		if (p[1] == '&')
			return OP_ANDAND;
		*len = 1;
		return p[1] == '=' ? OP_NONE : OP_AND;
	case '^':
		*len = 1;
		return p[1] == '=' ? OP_NONE : OP_XOR;
	case '=':
		return p[1] == '=' ? OP_EQ : OP_NONE;
	case '!':
		return p[1] == '=' ? OP_NE : OP_NONE;
	case '<':
		if (p[1] == '<')
			return p[2] == '=' ? OP_NONE : OP_SHL;
		if (p[1] == '=')
			return OP_LE;
		*len = 1;
		return OP_LT;
	case '>':
		if (p[1] == '>')
			return p[2] == '=' ? OP_NONE : OP_SHR;
		if (p[1] == '=')
			return OP_GE;
		*len = 1;
		return OP_GT;
	case '*':
		if (p[1] == '*')
			return OP_POW;
		__attribute__((fallthrough));
	case '+':
	case '-':
	case '/':
	case '%':
		*len = 1;
		if (p[1] == '=')
			return OP_NONE;
		return p[0] == '+'   ? OP_ADD
		       : p[0] == '-' ? OP_SUB
		       : p[0] == '*' ? OP_MUL
		       : p[0] == '/' ? OP_DIV
				     : OP_MOD;
	}
	return OP_NONE;
}

static long apply_binop(struct arith *a, enum binop op, long x, long y)
{
	switch (op) {
	case OP_OR:
		return x | y;
	case OP_XOR:
		return x ^ y;
	case OP_AND:
		return x & y;
	case OP_EQ:
		return x == y;
	case OP_NE:
		return x != y;
	case OP_LT:
		return x < y;
	case OP_LE:
		return x <= y;
	case OP_GT:
		return x > y;
	case OP_GE:
		return x >= y;
	case OP_SHL:
		return (long)((unsigned long)x << ((unsigned long)y & 63));
	case OP_SHR:
		return x >> ((unsigned long)y & 63);
	case OP_ADD:
		return wrap_add(x, y);
	case OP_SUB:
		return wrap_sub(x, y);
	case OP_MUL:
		return wrap_mul(x, y);
	case OP_POW: {
		if (y < 0) {
			if (a->noeval)
				return 0;
			arith_fail(a, "exponent less than 0");
		}
		unsigned long r = 1, b = (unsigned long)x;
		for (unsigned long e = (unsigned long)y; e; e >>= 1) {
			if (e & 1)
				r *= b;
			b *= b;
		}
		return (long)r;
	}
	case OP_DIV:
	case OP_MOD:
		if (y == 0) {
			if (a->noeval)
				return 0;
			arith_fail(a, "division by zero");
		}
		if (y == -1)
			return op == OP_DIV ? wrap_sub(0, x) : 0;
		return op == OP_DIV ? x / y : x % y;
	default:
		return 0;
	}
}

/* Precedence climbing over the left-associative binary operators. */
static long parse_binary(struct arith *a, int min_prec)
{
	long x = parse_unary(a);
	for (;;) {
		skip_space(a);
		int len;
		enum binop op = binop_at(a->p, &len);
		if (op == OP_NONE || binop_prec[op] < min_prec)
			return x;
		a->p += len;
		if (op == OP_ANDAND || op == OP_OROR) {
			bool decided = op == OP_ANDAND ? !x : x != 0;
			if (decided)
				a->noeval++;
			long y = parse_binary(a, binop_prec[op] + 1);
			if (decided) {
				a->noeval--;
				x = op == OP_OROR;
			} else {
				x = y != 0;
			}
			continue;
		}
		/* ** groups to the right (bash). */
		long y = parse_binary(a, binop_prec[op] + (op != OP_POW));
		x = apply_binop(a, op, x, y);
	}
}

static long parse_cond(struct arith *a)
{
	long c = parse_binary(a, 1);
	skip_space(a);
	if (*a->p != '?')
		return c;
	a->p++;
	if (!c)
		a->noeval++;
	long x = parse_comma(a);
	if (!c)
		a->noeval--;
	skip_space(a);
	if (*a->p != ':')
		arith_fail(a, "expecting ':'");
	a->p++;
	if (c)
		a->noeval++;
	long y = parse_assign(a);
	if (c)
		a->noeval--;
	return c ? x : y;
}

/* NAME op= ... is recognised by looking ahead; anything else is a
 * conditional expression. */
static long parse_assign(struct arith *a)
{
	skip_space(a);
	if (is_name_start(*a->p)) {
		const char *s = a->p, *q = s;
		while (is_name_char(*q))
			q++;
		struct operand lv = {0, s, (size_t)(q - s)};
		while (*q == ' ' || *q == '\t' || *q == '\n')
			q++;
		enum binop op = OP_NONE;
		int oplen = 0;
		if (q[0] == '=' && q[1] != '=') {
			oplen = 1;
		} else if ((q[0] == '<' || q[0] == '>') && q[1] == q[0] &&
			   q[2] == '=') {
			op = q[0] == '<' ? OP_SHL : OP_SHR;
			oplen = 3;
		} else if (q[0] && q[1] == '=' && strchr("*/%+-&^|", q[0])) {
			int dummy;
			op = binop_at((const char[]){q[0], 0}, &dummy);
			oplen = 2;
		}
		if (oplen) {
			a->p = q + oplen;
			long v = parse_assign(a);
			if (op != OP_NONE)
				v = apply_binop(a, op, var_value(a, s, lv.nlen),
						v);
			assign(a, &lv, v);
			return v;
		}
	}
	return parse_cond(a);
}

static long parse_comma(struct arith *a)
{
	long v = parse_assign(a);
	for (;;) {
		skip_space(a);
		if (*a->p != ',')
			return v;
		a->p++;
		v = parse_assign(a);
	}
}

static long eval_text(const char *text, int noeval)
{
	struct arith a = {text, text, noeval};
	skip_space(&a);
	/* An empty expression is 0, as in bash and ksh. */
	if (*a.p == '\0')
		return 0;
	arith_depth++;
	long v = parse_comma(&a);
	arith_depth--;
	skip_space(&a);
	if (*a.p != '\0')
		arith_fail(&a, "expecting EOF");
	return v;
}

long arith_eval(const char *expr)
{
	/* An error longjmps out past the decrements: start afresh. */
	arith_depth = 0;
	return eval_text(expr, 0);
}
