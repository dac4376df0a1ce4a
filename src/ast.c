/* ast.c - operations on parsed trees: deep copy into another arena (function
 * bodies outlive their command) and printing back to shell source (type,
 * jobs, the parser fuzzer's round trip).
 *
 * Owns no state.  Must not depend on the lexer or parser: the printed text
 * is built so that parsing it gives back an equal tree, by construction,
 * not by asking the parser. */
#include "ast.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "parser.h"

/* ---- copy ---------------------------------------------------------------- */

static const char *copy_str(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static struct word *copy_words(struct arena *a, const struct word *w);
static struct node *copy_node(struct arena *a, const struct node *n);
static struct cond *copy_cond(struct arena *a, const struct cond *e);

static struct wpart *copy_parts(struct arena *a, const struct wpart *p)
{
	stack_check();
	struct wpart *head = NULL, **tail = &head;
	for (; p; p = p->next) {
		struct wpart *c = arena_alloc(a, sizeof *c);
		*c = *p;
		c->next = NULL;
		switch (p->kind) {
		case WP_LIT:
		case WP_TILDE:
			c->u.lit.text = arena_strndup(a, p->u.lit.text,
						      p->u.lit.len);
			break;
		case WP_PARAM:
			c->u.param.name = copy_str(a, p->u.param.name);
			c->u.param.arg = copy_words(a, p->u.param.arg);
			c->u.param.arg2 = copy_words(a, p->u.param.arg2);
			break;
		case WP_CMDSUB:
			c->u.cmdsub.body = copy_node(a, p->u.cmdsub.body);
			break;
		case WP_ARITH:
			c->u.arith.expr = copy_words(a, p->u.arith.expr);
			break;
		}
		*tail = c;
		tail = &c->next;
	}
	return head;
}

/* Copies a list of words (linked by next). */
static struct word *copy_words(struct arena *a, const struct word *w)
{
	struct word *head = NULL, **tail = &head;
	for (; w; w = w->next) {
		struct word *c = arena_alloc(a, sizeof *c);
		c->parts = copy_parts(a, w->parts);
		c->has_quotes = w->has_quotes;
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static struct redir *copy_redirs(struct arena *a, const struct redir *r)
{
	struct redir *head = NULL, **tail = &head;
	for (; r; r = r->next) {
		struct redir *c = arena_alloc(a, sizeof *c);
		*c = *r;
		c->target = copy_words(a, r->target);
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static struct node *copy_node(struct arena *a, const struct node *n)
{
	stack_check();
	if (!n)
		return NULL;
	struct node *c = arena_alloc(a, sizeof *c);
	*c = *n;
	c->redirs = copy_redirs(a, n->redirs);
	switch (n->kind) {
	case NODE_SIMPLE: {
		struct assign *head = NULL, **tail = &head;
		for (const struct assign *s = n->u.simple.assigns; s; s = s->next) {
			struct assign *d = arena_alloc(a, sizeof *d);
			d->name = copy_str(a, s->name);
			d->value = copy_words(a, s->value);
			d->next = NULL;
			*tail = d;
			tail = &d->next;
		}
		c->u.simple.assigns = head;
		c->u.simple.args = copy_words(a, n->u.simple.args);
		break;
	}
	case NODE_PIPE:
		c->u.pipe.cmds = arena_alloc(a, sizeof(struct node *) *
					     (size_t)n->u.pipe.ncmds);
		for (int i = 0; i < n->u.pipe.ncmds; i++)
			c->u.pipe.cmds[i] = copy_node(a, n->u.pipe.cmds[i]);
		break;
	case NODE_AND:
	case NODE_OR:
	case NODE_SEQ:
		c->u.binary.left = copy_node(a, n->u.binary.left);
		c->u.binary.right = copy_node(a, n->u.binary.right);
		break;
	case NODE_NOT:
	case NODE_BG:
	case NODE_SUBSHELL:
	case NODE_BRACE:
	case NODE_TIME:
		c->u.unary.body = copy_node(a, n->u.unary.body);
		break;
	case NODE_IF:
		c->u.ifn.cond = copy_node(a, n->u.ifn.cond);
		c->u.ifn.then = copy_node(a, n->u.ifn.then);
		c->u.ifn.els = copy_node(a, n->u.ifn.els);
		break;
	case NODE_WHILE:
	case NODE_UNTIL:
		c->u.loop.cond = copy_node(a, n->u.loop.cond);
		c->u.loop.body = copy_node(a, n->u.loop.body);
		break;
	case NODE_FOR:
		c->u.forn.var = copy_str(a, n->u.forn.var);
		c->u.forn.words = copy_words(a, n->u.forn.words);
		c->u.forn.body = copy_node(a, n->u.forn.body);
		break;
	case NODE_CASE: {
		c->u.casen.subject = copy_words(a, n->u.casen.subject);
		struct case_item *head = NULL, **tail = &head;
		for (const struct case_item *i = n->u.casen.items; i; i = i->next) {
			struct case_item *d = arena_alloc(a, sizeof *d);
			d->patterns = copy_words(a, i->patterns);
			d->body = copy_node(a, i->body);
			d->fallthrough = i->fallthrough;
			d->next = NULL;
			*tail = d;
			tail = &d->next;
		}
		c->u.casen.items = head;
		break;
	}
	case NODE_FUNCDEF:
		c->u.func.name = copy_str(a, n->u.func.name);
		c->u.func.body = copy_node(a, n->u.func.body);
		break;
	case NODE_COND:
		c->u.cond.expr = copy_cond(a, n->u.cond.expr);
		break;
	}
	return c;
}

static struct cond *copy_cond(struct arena *a, const struct cond *e)
{
	if (!e)
		return NULL;
	stack_check();
	struct cond *c = arena_alloc(a, sizeof *c);
	c->kind = e->kind;
	c->op = e->op ? copy_str(a, e->op) : NULL;
	c->a = e->a ? copy_words(a, e->a) : NULL;
	c->b = e->b ? copy_words(a, e->b) : NULL;
	c->left = copy_cond(a, e->left);
	c->right = copy_cond(a, e->right);
	return c;
}

struct node *ast_copy(struct arena *a, const struct node *n)
{
	return copy_node(a, n);
}

/* ---- format ---------------------------------------------------------------
 * One line of source per command, `;` between commands, except that
 * here-document bodies follow the first newline after their operator, so
 * a command with one ends its line there.  Expansions are printed in their
 * braced form (${x}, never $x) so that no following text can extend a
 * name; quoted literal text goes in single quotes. */

struct hd_pending {
	const char *body;     /* printed body, ends with a newline */
	size_t len;
	char delim[16];
	struct hd_pending *next;
};

struct fmt {
	struct strbuf *sb;
	struct hd_pending *hd, **hd_tail;
};

enum wctx {
	WC_NORMAL,  /* an ordinary word */
	WC_DQ,      /* inside "..." (the word of "${x-...}") */
	WC_ARITH,   /* inside $(( )) */
	WC_HEREDOC, /* an unquoted here-document body */
};

static void fmt_init(struct fmt *f, struct strbuf *sb)
{
	f->sb = sb;
	f->hd = NULL;
	f->hd_tail = &f->hd;
}

static void fmt_list(struct fmt *f, const struct node *n, bool *ends_bg);
static void fmt_node(struct fmt *f, const struct node *n);
static void fmt_cond(struct fmt *f, const struct cond *e, enum cond_kind parent);
static void fmt_parts(struct fmt *f, const struct word *w, enum wctx ctx);

static void put_squoted(struct strbuf *sb, const char *s, size_t len)
{
	sb_putc(sb, '\'');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\'')
			sb_puts(sb, "'\\''");
		else
			sb_putc(sb, s[i]);
	}
	sb_putc(sb, '\'');
}

/* Text in a context where backslash quotes the bytes in `special`. */
static void put_escaped(struct strbuf *sb, const char *s, size_t len,
			const char *special)
{
	for (size_t i = 0; i < len; i++) {
		if (strchr(special, s[i]) && s[i])
			sb_putc(sb, '\\');
		sb_putc(sb, s[i]);
	}
}

/* Whether the printed text of n starts with '(' (then "$(" needs a space
 * to stay apart from "$(("). */
static bool starts_paren(const struct node *n)
{
	while (n) {
		switch (n->kind) {
		case NODE_SUBSHELL:
			return true;
		case NODE_SEQ:
		case NODE_AND:
		case NODE_OR:
			n = n->u.binary.left;
			break;
		case NODE_PIPE:
			n = n->u.pipe.cmds[0];
			break;
		case NODE_BG:
			n = n->u.unary.body;
			break;
		default:
			return false;
		}
	}
	return false;
}

/* Prints here-document bodies owed so far, after a newline. */
static void flush_heredocs(struct fmt *f);

static void fmt_cmdsub(struct fmt *f, const struct node *body)
{
	struct fmt sub;
	fmt_init(&sub, f->sb);
	sb_puts(f->sb, "$(");
	if (body) {
		if (starts_paren(body))
			sb_putc(f->sb, ' ');
		bool bg;
		fmt_list(&sub, body, &bg);
		if (sub.hd) {
			sb_putc(f->sb, '\n');
			flush_heredocs(&sub);
		}
	}
	sb_putc(f->sb, ')');
}

static void fmt_param(struct fmt *f, const struct wpart *p, enum wctx ctx)
{
	struct strbuf *sb = f->sb;
	const char *name = p->u.param.name;
	bool dq_outside = p->quoted && ctx == WC_NORMAL;
	if (dq_outside)
		sb_putc(sb, '"');
	sb_puts(sb, "${");
	if (p->u.param.op == PO_BAD) {
		sb_puts(sb, name); /* its text as written */
		sb_putc(sb, '}');
		if (dq_outside)
			sb_putc(sb, '"');
		return;
	}
	if (p->u.param.op == PO_LENGTH) {
		sb_putc(sb, '#');
		sb_puts(sb, name);
		sb_putc(sb, '}');
		if (dq_outside)
			sb_putc(sb, '"');
		return;
	}
	sb_puts(sb, name);
	if (p->u.param.op == PO_SUBSTR) {
		/* Both parts were read as in double quotes. */
		sb_putc(sb, ':');
		fmt_parts(f, p->u.param.arg, WC_DQ);
		if (p->u.param.arg2) {
			sb_putc(sb, ':');
			fmt_parts(f, p->u.param.arg2, WC_DQ);
		}
		sb_putc(sb, '}');
		if (dq_outside)
			sb_putc(sb, '"');
		return;
	}
	if (p->u.param.op >= PO_REPLACE) {
		static const char *const ops[] = { "/", "//", "/#", "/%" };
		sb_puts(sb, ops[p->u.param.op - PO_REPLACE]);
		if (p->u.param.arg)
			fmt_parts(f, p->u.param.arg, WC_NORMAL);
		const struct word *r = p->u.param.arg2;
		if (r) {
			/* Read with its own quoting, even inside "...". */
			sb_putc(sb, '/');
			fmt_parts(f, r, WC_NORMAL);
		}
		sb_putc(sb, '}');
		if (dq_outside)
			sb_putc(sb, '"');
		return;
	}
	bool pattern = false;
	const char *op = "";
	switch (p->u.param.op) {
	case PO_PLAIN: break;
	case PO_LENGTH: break;
	case PO_DEFAULT: op = "-"; break;
	case PO_ASSIGN: op = "="; break;
	case PO_ERROR: op = "?"; break;
	case PO_ALTERNATE: op = "+"; break;
	case PO_TRIM_SUFFIX: op = "%"; pattern = true; break;
	case PO_TRIM_SUFFIX_LONG: op = "%%"; pattern = true; break;
	case PO_TRIM_PREFIX: op = "#"; pattern = true; break;
	case PO_TRIM_PREFIX_LONG: op = "##"; pattern = true; break;
	default: break; /* printed above */
	}
	if (p->u.param.op != PO_PLAIN) {
		if (p->u.param.colon)
			sb_putc(sb, ':');
		sb_puts(sb, op);
		const struct word *arg = p->u.param.arg;
		if (arg) {
			/* Inside double quotes the word of a non-pattern
			 * operator reads as in double quotes (the lexer
			 * marked every part quoted). */
			enum wctx actx = p->quoted && !pattern ? WC_DQ : WC_NORMAL;
			if (actx == WC_DQ && !arg->parts && arg->has_quotes)
				sb_puts(sb, "\"\"");
			else
				fmt_parts(f, arg, actx);
		}
	}
	sb_putc(sb, '}');
	if (dq_outside)
		sb_putc(sb, '"');
}

/* Would this $ of unquoted literal text, printed bare, start an expansion
 * (the next character is a name, brace, parenthesis, special parameter or
 * quote)?  It was literal in the source only because quotes followed it
 * ($""x), so it is printed with those empty quotes, which re-parse to the
 * same literal. */
static bool dollar_needs_quotes(const char *s, size_t i, size_t len,
				const struct wpart *next)
{
	if (s[i] != '$')
		return false;
	unsigned char c;
	/* Empty literal parts print as nothing: look past them. */
	while (i + 1 >= len && next && next->kind == WP_LIT && !next->u.lit.len)
		next = next->next;
	if (i + 1 < len) {
		c = (unsigned char)s[i + 1];
	} else if (!next) {
		return false;
	} else if (next->kind != WP_LIT) {
		return true;
	} else if (next->quoted || !next->u.lit.len) {
		return false; /* the quoted part's own quotes follow */
	} else {
		c = (unsigned char)next->u.lit.text[0];
	}
	return isalnum(c) || strchr("_{(@*#?$!-'\"", c);
}

static bool unquoted_needs_quotes(const struct wpart *p)
{
	for (size_t i = 0; i < p->u.lit.len; i++)
		if (dollar_needs_quotes(p->u.lit.text, i, p->u.lit.len, p->next))
			return true;
	return false;
}

static void put_unquoted(struct strbuf *sb, const struct wpart *p)
{
	const char *s = p->u.lit.text;
	size_t len = p->u.lit.len;
	for (size_t i = 0; i < len; i++) {
		sb_putc(sb, s[i]);
		if (dollar_needs_quotes(s, i, len, p->next))
			sb_puts(sb, "\"\"");
	}
}

static void fmt_parts(struct fmt *f, const struct word *w, enum wctx ctx)
{
	stack_check();
	struct strbuf *sb = f->sb;
	bool any_quoted = false;
	for (const struct wpart *p = w->parts; p; p = p->next)
		if (p->quoted || (ctx == WC_NORMAL && p->kind == WP_LIT &&
				  unquoted_needs_quotes(p)))
			any_quoted = true;
	/* Keep has_quotes when no part shows it ('' alone, a''b), and keep a
	 * # or ~ that was literal only because quotes came first (""#x)
	 * from starting a comment or a tilde prefix. */
	const struct wpart *first = w->parts;
	bool guard_start = first && first->kind == WP_LIT && !first->quoted &&
			   first->u.lit.len &&
			   (first->u.lit.text[0] == '#' || first->u.lit.text[0] == '~');
	if (ctx == WC_NORMAL && ((w->has_quotes && !any_quoted) || guard_start))
		sb_puts(sb, "''");
	for (const struct wpart *p = w->parts; p; p = p->next) {
		switch (p->kind) {
		case WP_LIT:
			if (ctx == WC_DQ)
				put_escaped(sb, p->u.lit.text, p->u.lit.len,
					    "$`\"\\}");
			else if (ctx == WC_ARITH)
				put_escaped(sb, p->u.lit.text, p->u.lit.len,
					    "$`\"\\");
			else if (ctx == WC_HEREDOC)
				put_escaped(sb, p->u.lit.text, p->u.lit.len,
					    "$`\\");
			else if (p->quoted && sb->len && sb->s[sb->len - 1] == '$') {
				/* Not $'...', which would mean escapes. */
				sb_putc(sb, '"');
				put_escaped(sb, p->u.lit.text, p->u.lit.len,
					    "$`\"\\");
				sb_putc(sb, '"');
			} else if (p->quoted) {
				put_squoted(sb, p->u.lit.text, p->u.lit.len);
			} else {
				put_unquoted(sb, p);
			}
			break;
		case WP_TILDE:
			sb_putc(sb, '~');
			sb_putn(sb, p->u.lit.text, p->u.lit.len);
			break;
		case WP_PARAM:
			fmt_param(f, p, ctx);
			break;
		case WP_CMDSUB:
			if (p->quoted && ctx == WC_NORMAL)
				sb_putc(sb, '"');
			fmt_cmdsub(f, p->u.cmdsub.body);
			if (p->quoted && ctx == WC_NORMAL)
				sb_putc(sb, '"');
			break;
		case WP_ARITH:
			if (p->quoted && ctx == WC_NORMAL)
				sb_putc(sb, '"');
			sb_puts(sb, "$((");
			if (p->u.arith.expr)
				fmt_parts(f, p->u.arith.expr, WC_ARITH);
			sb_puts(sb, "))");
			if (p->quoted && ctx == WC_NORMAL)
				sb_putc(sb, '"');
			break;
		}
	}
}

void ast_format_word(struct strbuf *sb, const struct word *w)
{
	struct fmt f;
	fmt_init(&f, sb);
	fmt_parts(&f, w, WC_NORMAL);
}

/* A delimiter that is no line of body. */
static void pick_delim(char *buf, size_t size, const char *body, size_t len)
{
	for (int i = 0;; i++) {
		if (i == 0)
			snprintf(buf, size, "EOF");
		else
			snprintf(buf, size, "EOF%d", i);
		size_t dl = strlen(buf);
		bool clash = false;
		for (size_t at = 0; at < len;) {
			const char *nl = memchr(body + at, '\n', len - at);
			size_t end = nl ? (size_t)(nl - body) : len;
			if (end - at == dl && memcmp(body + at, buf, dl) == 0) {
				clash = true;
				break;
			}
			at = end + 1;
		}
		if (!clash)
			return;
	}
}

static void flush_heredocs(struct fmt *f)
{
	struct hd_pending *h = f->hd;
	f->hd = NULL;
	f->hd_tail = &f->hd;
	for (; h; h = h->next) {
		sb_putn(f->sb, h->body, h->len);
		sb_puts(f->sb, h->delim);
		sb_putc(f->sb, '\n');
	}
}

/* Printed bare, w would read back as a reserved word ('if', '[[') */
static bool plain_reserved(const struct word *w)
{
	const struct wpart *p = w->parts;
	if (!p || p->next || p->kind != WP_LIT || p->quoted || w->has_quotes)
		return false;
	return is_reserved_word(tstrndup(p->u.lit.text, p->u.lit.len));
}

/* Prints the redirections of r, each after a blank unless it comes
 * first.  Here-document bodies are printed now (into their own buffer,
 * to pick a delimiter that is no line of the body) and owed until the
 * next newline. */
static void fmt_redirs(struct fmt *f, const struct redir *r, bool first)
{
	struct strbuf *sb = f->sb;
	for (; r; r = r->next) {
		static const char *const ops[] = {
			[REDIR_IN] = "<", [REDIR_OUT] = ">",
			[REDIR_CLOBBER] = ">|", [REDIR_APPEND] = ">>",
			[REDIR_RDWR] = "<>", [REDIR_DUP_IN] = "<&",
			[REDIR_DUP_OUT] = ">&", [REDIR_HEREDOC] = "<<",
		};
		int deffd = (r->kind == REDIR_IN || r->kind == REDIR_RDWR ||
			     r->kind == REDIR_DUP_IN || r->kind == REDIR_HEREDOC)
				    ? 0 : 1;
		if (!first)
			sb_putc(sb, ' ');
		first = false;
		if (r->fd != deffd)
			sb_printf(sb, "%d", r->fd);
		sb_puts(sb, ops[r->kind]);
		if (r->kind != REDIR_HEREDOC) {
			if (r->target)
				fmt_parts(f, r->target, WC_NORMAL);
			continue;
		}
		struct strbuf body;
		sb_init(&body);
		const struct word *w = r->target;
		if (w && w->parts) {
			if (r->heredoc_quoted) {
				for (const struct wpart *p = w->parts; p; p = p->next)
					sb_putn(&body, p->u.lit.text, p->u.lit.len);
			} else {
				struct fmt bf;
				fmt_init(&bf, &body);
				fmt_parts(&bf, w, WC_HEREDOC);
			}
		}
		if (body.len && body.s[body.len - 1] != '\n')
			sb_putc(&body, '\n');
		size_t blen = body.len;
		const char *btext = sb_finish(&body);
		struct hd_pending *h = talloc(sizeof *h);
		h->len = blen;
		h->body = btext;
		pick_delim(h->delim, sizeof h->delim, h->body, h->len);
		h->next = NULL;
		if (r->heredoc_quoted)
			sb_printf(sb, "'%s'", h->delim);
		else
			sb_puts(sb, h->delim);
		*f->hd_tail = h;
		f->hd_tail = &h->next;
	}
}

/* Between two commands of a list, or before a closing word. */
static void fmt_sep(struct fmt *f, bool after_bg)
{
	if (f->hd) {
		sb_putc(f->sb, '\n');
		flush_heredocs(f);
	} else if (after_bg) {
		sb_putc(f->sb, ' ');
	} else {
		sb_puts(f->sb, "; ");
	}
}

static void fmt_list(struct fmt *f, const struct node *n, bool *ends_bg)
{
	while (n && n->kind == NODE_SEQ) {
		fmt_node(f, n->u.binary.left);
		fmt_sep(f, n->u.binary.left->kind == NODE_BG);
		n = n->u.binary.right;
	}
	if (n)
		fmt_node(f, n);
	*ends_bg = n && n->kind == NODE_BG;
}

/* A compound list followed by its closing word. */
static void fmt_body(struct fmt *f, const struct node *n, const char *close)
{
	bool bg = false;
	fmt_list(f, n, &bg);
	fmt_sep(f, bg);
	sb_puts(f->sb, close);
}

static void fmt_node(struct fmt *f, const struct node *n)
{
	stack_check();
	struct strbuf *sb = f->sb;
	if (!n)
		return;
	switch (n->kind) {
	case NODE_SIMPLE: {
		bool first = true;
		const struct word *args = n->u.simple.args;
		/* `>x if` runs a command named if: keep the redirection in
		 * front so that the word is not read as reserved. */
		if (!n->u.simple.assigns && args && n->redirs &&
		    plain_reserved(args)) {
			fmt_redirs(f, n->redirs, true);
			for (const struct word *w = args; w; w = w->next) {
				sb_putc(sb, ' ');
				fmt_parts(f, w, WC_NORMAL);
			}
			return;
		}
		for (const struct assign *a = n->u.simple.assigns; a; a = a->next) {
			if (!first)
				sb_putc(sb, ' ');
			first = false;
			sb_puts(sb, a->name);
			sb_putc(sb, '=');
			if (a->value)
				fmt_parts(f, a->value, WC_NORMAL);
		}
		for (const struct word *w = args; w; w = w->next) {
			if (!first)
				sb_putc(sb, ' ');
			first = false;
			fmt_parts(f, w, WC_NORMAL);
		}
		fmt_redirs(f, n->redirs, first);
		return;
	}
	case NODE_PIPE:
		for (int i = 0; i < n->u.pipe.ncmds; i++) {
			if (i)
				sb_puts(sb, " | ");
			fmt_node(f, n->u.pipe.cmds[i]);
		}
		return;
	case NODE_NOT:
		sb_puts(sb, "! ");
		fmt_node(f, n->u.unary.body);
		return;
	case NODE_TIME:
		sb_puts(sb, "time");
		if (n->u.unary.posix_format)
			sb_puts(sb, " -p");
		if (n->u.unary.body) {
			sb_putc(sb, ' ');
			fmt_node(f, n->u.unary.body);
		}
		return;
	case NODE_AND:
	case NODE_OR:
		fmt_node(f, n->u.binary.left);
		sb_puts(sb, n->kind == NODE_AND ? " && " : " || ");
		fmt_node(f, n->u.binary.right);
		return;
	case NODE_SEQ: {
		bool bg;
		fmt_list(f, n, &bg);
		return;
	}
	case NODE_BG:
		fmt_node(f, n->u.unary.body);
		sb_puts(sb, " &");
		return;
	case NODE_SUBSHELL:
		sb_puts(sb, "( ");
		fmt_body(f, n->u.unary.body, ")");
		break;
	case NODE_BRACE:
		sb_puts(sb, "{ ");
		fmt_body(f, n->u.unary.body, "}");
		break;
	case NODE_IF: {
		const struct node *i = n;
		sb_puts(sb, "if ");
		for (;;) {
			fmt_body(f, i->u.ifn.cond, "then ");
			bool bg;
			fmt_list(f, i->u.ifn.then, &bg);
			fmt_sep(f, bg);
			const struct node *e = i->u.ifn.els;
			/* An elif chain is an IF without redirections in
			 * els; print it back as elif. */
			if (e && e->kind == NODE_IF && !e->redirs) {
				sb_puts(sb, "elif ");
				i = e;
				continue;
			}
			if (e) {
				sb_puts(sb, "else ");
				fmt_body(f, e, "fi");
			} else {
				sb_puts(sb, "fi");
			}
			break;
		}
		break;
	}
	case NODE_WHILE:
	case NODE_UNTIL:
		sb_puts(sb, n->kind == NODE_WHILE ? "while " : "until ");
		fmt_body(f, n->u.loop.cond, "do ");
		fmt_body(f, n->u.loop.body, "done");
		break;
	case NODE_FOR:
		sb_puts(sb, "for ");
		sb_puts(sb, n->u.forn.var);
		if (n->u.forn.has_in) {
			sb_puts(sb, " in");
			for (const struct word *w = n->u.forn.words; w; w = w->next) {
				sb_putc(sb, ' ');
				fmt_parts(f, w, WC_NORMAL);
			}
		}
		fmt_sep(f, false);
		sb_puts(sb, "do ");
		fmt_body(f, n->u.forn.body, "done");
		break;
	case NODE_CASE:
		sb_puts(sb, "case ");
		fmt_parts(f, n->u.casen.subject, WC_NORMAL);
		sb_puts(sb, " in");
		for (const struct case_item *c = n->u.casen.items; c; c = c->next) {
			sb_puts(sb, " (");
			for (const struct word *w = c->patterns; w; w = w->next) {
				if (w != c->patterns)
					sb_putc(sb, '|');
				fmt_parts(f, w, WC_NORMAL);
			}
			sb_puts(sb, ") ");
			if (c->body) {
				bool bg;
				fmt_list(f, c->body, &bg);
				if (f->hd) {
					sb_putc(sb, '\n');
					flush_heredocs(f);
				} else {
					sb_putc(sb, ' ');
				}
			}
			sb_puts(sb, c->fallthrough ? ";&" : ";;");
		}
		sb_puts(sb, " esac");
		break;
	case NODE_FUNCDEF:
		/* "name ()" with a space, as bash prints it: a name such as
		 * "$" must not run into the parentheses ("$()"). */
		sb_puts(sb, n->u.func.name);
		sb_puts(sb, " () ");
		fmt_node(f, n->u.func.body);
		return;
	case NODE_COND:
		sb_puts(sb, "[[ ");
		fmt_cond(f, n->u.cond.expr, COND_WORD);
		sb_puts(sb, " ]]");
		break;
	}
	fmt_redirs(f, n->redirs, false);
}

/* parent: the kind of the enclosing operator; an || inside && needs its
 * parentheses back (COND_WORD: none). */
static void fmt_cond(struct fmt *f, const struct cond *e, enum cond_kind parent)
{
	stack_check();
	struct strbuf *sb = f->sb;
	switch (e->kind) {
	case COND_AND:
	case COND_OR: {
		bool paren = parent == COND_NOT ||
			     (parent == COND_AND && e->kind == COND_OR);
		if (paren)
			sb_puts(sb, "( ");
		fmt_cond(f, e->left, e->kind);
		sb_puts(sb, e->kind == COND_AND ? " && " : " || ");
		fmt_cond(f, e->right, e->kind);
		if (paren)
			sb_puts(sb, " )");
		return;
	}
	case COND_NOT:
		sb_puts(sb, "! ");
		fmt_cond(f, e->left, COND_NOT);
		return;
	case COND_WORD:
		fmt_parts(f, e->a, WC_NORMAL);
		return;
	case COND_UNARY:
		sb_puts(sb, e->op);
		sb_putc(sb, ' ');
		fmt_parts(f, e->a, WC_NORMAL);
		return;
	case COND_BINARY:
		fmt_parts(f, e->a, WC_NORMAL);
		sb_putc(sb, ' ');
		sb_puts(sb, e->op);
		sb_putc(sb, ' ');
		fmt_parts(f, e->b, WC_NORMAL);
		return;
	}
}

void ast_format(struct strbuf *sb, const struct node *n)
{
	struct fmt f;
	fmt_init(&f, sb);
	bool bg;
	fmt_list(&f, n, &bg);
	if (f.hd) {
		sb_putc(sb, '\n');
		flush_heredocs(&f);
	}
}
