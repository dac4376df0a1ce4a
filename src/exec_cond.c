/* exec_cond.c - [[ expression ]] (bash, ksh, zsh, mksh, busybox ash): a
 * test whose words are expanded without field splitting or pathname
 * expansion, only as far as && and || need them, with == != as pattern
 * matches, =~ as an extended regular expression and -eq and friends as
 * arithmetic.  File and string primaries are test's own (bi_test), so
 * [[ -f x ]] and [ -f x ] cannot disagree. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "exec_internal.h"

#include <regex.h>
#include <string.h>

#include "arith.h"
#include "builtins.h"
#include "error.h"
#include "expand.h"
#include "glob.h"
#include "arena.h"
#include "vars.h"

/* How far an evaluation got: an error makes the status 2 whatever the
 * rest says, as in bash. */
struct cond_eval {
	bool error;
};

/* set -x shows each primary as it is tested, its words expanded, as bash
 * does: `+ [[ ! a == b* ]]`. */
static void trace(bool negated, const char *op, const char *a, const char *b)
{
	if (!OPT(xtrace))
		return;
	struct strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, negated ? "[[ ! " : "[[ ");
	if (b) {
		sb_puts(&sb, a);
		sb_putc(&sb, ' ');
		sb_puts(&sb, op);
		sb_putc(&sb, ' ');
		sb_puts(&sb, b);
	} else if (op) {
		sb_puts(&sb, op);
		sb_putc(&sb, ' ');
		sb_puts(&sb, a);
	} else {
		sb_puts(&sb, "-n ");
		sb_puts(&sb, a);
	}
	sb_puts(&sb, " ]]");
	xtrace_text(sb_finish(&sb));
}

/* test's answer for op with its operands (bi_test's status), as a truth
 * value; its message names [[. */
static bool by_test(struct cond_eval *ev, const char *a, const char *op,
		    const char *b)
{
	char *argv[5];
	int argc = 0;
	argv[argc++] = "[[";
	if (b)
		argv[argc++] = (char *)a;
	argv[argc++] = (char *)op;
	argv[argc++] = (char *)(b ? b : a);
	argv[argc] = NULL;
	int st = bi_test(argc, argv);
	if (st > 1)
		ev->error = true;
	return st == 0;
}

static bool regex_match(struct cond_eval *ev, const char *s, const char *re)
{
	regex_t rx;
	int rc = regcomp(&rx, re, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		char msg[128];
		regerror(rc, &rx, msg, sizeof msg);
		sh_warn("[[: %s: %s", re, msg);
		ev->error = true;
		return false;
	}
	bool m = regexec(&rx, s, 0, NULL, 0) == 0;
	regfree(&rx);
	return m;
}

static bool eval_unary(struct cond_eval *ev, const struct cond *c, bool neg)
{
	const char *a = expand_word(c->a);
	trace(neg, c->op, a, NULL);
	if (c->op[1] == 'v')
		return var_get(a) != NULL;
	return by_test(ev, a, c->op, NULL);
}

static bool eval_binary(struct cond_eval *ev, const struct cond *c, bool neg)
{
	const char *op = c->op;
	const char *a = expand_word(c->a);
	if (strcmp(op, "==") == 0 || strcmp(op, "=") == 0 ||
	    strcmp(op, "!=") == 0) {
		const char *pat = expand_pattern(c->b);
		trace(neg, op, a, pat);
		bool m = pattern_match(pat, a, strlen(a));
		return op[0] == '!' ? !m : m;
	}
	if (strcmp(op, "=~") == 0) {
		const char *re = expand_regex(c->b);
		trace(neg, op, a, re);
		return regex_match(ev, a, re);
	}
	const char *b = expand_word(c->b);
	trace(neg, op, a, b);
	static const char *const arith_ops[] = {
		"-eq", "-ne", "-lt", "-le", "-gt", "-ge",
	};
	for (size_t i = 0; i < sizeof arith_ops / sizeof *arith_ops; i++) {
		if (strcmp(op, arith_ops[i]) != 0)
			continue;
		/* Both sides are arithmetic expressions ([[ n+1 -gt 2 ]],
		 * an empty side is 0), as in bash and ksh. */
		long x = arith_eval(a), y = arith_eval(b);
		switch (i) {
		case 0: return x == y;
		case 1: return x != y;
		case 2: return x < y;
		case 3: return x <= y;
		case 4: return x > y;
		default: return x >= y;
		}
	}
	if (op[0] == '<' || op[0] == '>') {
		int d = strcmp(a, b);
		return op[0] == '<' ? d < 0 : d > 0;
	}
	return by_test(ev, a, op, b); /* -nt -ot -ef */
}

/* neg: c stands right under a !, for the trace only */
static bool eval(struct cond_eval *ev, const struct cond *c, bool neg)
{
	stack_check();
	switch (c->kind) {
	case COND_AND:
		return eval(ev, c->left, false) && eval(ev, c->right, false);
	case COND_OR:
		return eval(ev, c->left, false) || eval(ev, c->right, false);
	case COND_NOT:
		return !eval(ev, c->left, true);
	case COND_WORD: {
		const char *a = expand_word(c->a);
		trace(neg, NULL, a, NULL);
		return *a != '\0';
	}
	case COND_UNARY:
		return eval_unary(ev, c, neg);
	case COND_BINARY:
		return eval_binary(ev, c, neg);
	}
	return false;
}

int exec_cond(const struct node *n)
{
	struct cond_eval ev = { false };
	bool v = eval(&ev, n->u.cond.expr, false);
	if (ev.error)
		return 2;
	return v ? 0 : 1;
}
