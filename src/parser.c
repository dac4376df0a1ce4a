/* parser.c - recursive descent over the XCU 2.10 grammar, from lexer
 * tokens to ast.h trees in the command arena; one complete command (a line
 * with its here-documents) per parse_next().
 *
 * Owns reserved-word recognition, assignment words, function definitions,
 * and the decision of which words are in command position (so the lexer
 * knows when to substitute aliases).  Must not expand or run anything, and
 * must never read past the newline that ends a command: an interactive
 * shell would prompt for a line nobody asked for. */
#include "parser.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "input.h"
#include "lexer.h"

struct parser {
	struct lexer *lx;
	struct token tok;       /* one token of lookahead */
	bool have;
	bool cmd_checked;       /* tok was alias-checked in command position */
	bool blank_checked;     /* tok was alias-checked after a blank alias */
	/* An alias was just substituted after a blank-ending alias: the
	 * first word of its value is checked again (dash, bash), so
	 * alias e="echo " a2="a1 " a1="A " makes `e a2 x` echo A x. */
	bool blank_again;
};

bool is_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

bool is_reserved_word(const char *s)
{
	/* Called for every command name: dispatch on the first byte. */
	switch (s[0]) {
	case '!': case '{': case '}':
		return s[1] == '\0';
	case '[': return s[1] == '[' && s[2] == '\0';
	case 'c': return strcmp(s, "case") == 0;
	case 'd': return strcmp(s, "do") == 0 || strcmp(s, "done") == 0;
	case 'e':
		return strcmp(s, "elif") == 0 || strcmp(s, "else") == 0 ||
		       strcmp(s, "esac") == 0;
	case 'f': return strcmp(s, "fi") == 0 || strcmp(s, "for") == 0;
	case 'i': return strcmp(s, "if") == 0 || strcmp(s, "in") == 0;
	case 't': return strcmp(s, "then") == 0 || strcmp(s, "time") == 0;
	case 'u': return strcmp(s, "until") == 0;
	case 'w': return strcmp(s, "while") == 0;
	}
	return false;
}

/* ---- tokens -------------------------------------------------------------- */

/* The lookahead token.  cmdpos: a word here would be a command name, so
 * it is subject to alias substitution unless it is a reserved word.  A
 * substituted alias is read again from its value, which may well turn
 * into a reserved word (alias endif=fi works, as in bash and dash). */
static struct token *peek(struct parser *p, bool cmdpos)
{
	for (;;) {
		if (!p->have) {
			lex_next(p->lx, &p->tok);
			p->have = true;
			p->cmd_checked = false;
			p->blank_checked = false;
			if (p->blank_again)
				p->tok.after_blank_alias = true;
			p->blank_again = false;
		}
		struct token *t = &p->tok;
		if (t->kind != TK_WORD || !t->text)
			return t;
		bool check = false, blank = false;
		if (cmdpos && !p->cmd_checked) {
			p->cmd_checked = true;
			check = !is_reserved_word(t->text);
		}
		if (t->after_blank_alias && !p->blank_checked) {
			p->blank_checked = true;
			if (!cmdpos || !is_reserved_word(t->text))
				check = blank = true;
		}
		if (check && lex_expand_alias(p->lx, t->text)) {
			p->have = false;
			p->blank_again = blank && !cmdpos;
			continue;
		}
		return t;
	}
}

static inline void consume(struct parser *p)
{
	p->have = false;
}

static inline bool is_kw(const struct token *t, const char *kw)
{
	return t->kind == TK_WORD && t->text && strcmp(t->text, kw) == 0;
}

static inline bool is_redir_tok(enum tok_kind k)
{
	return k >= TK_LESS && k <= TK_DLESSDASH;
}

static _Noreturn void unexpected(struct parser *p, const struct token *t)
{
	if (t->kind == TK_EOF)
		lex_syntax_error(p->lx, t->line,
				 "syntax error: unexpected end of file");
	const char *s;
	if (t->kind == TK_WORD) {
		s = t->text;
		if (!s) {
			struct strbuf sb;
			sb_init(&sb);
			ast_format_word(&sb, t->word);
			s = sb_finish(&sb);
		}
	} else {
		s = lex_token_name(t->kind);
	}
	lex_syntax_error(p->lx, t->line, "syntax error: unexpected '%s'", s);
}

/* Whether t can begin a command (so a list goes on). */
static bool starts_command(const struct token *t)
{
	if (t->kind == TK_WORD) {
		if (!t->text || !is_reserved_word(t->text))
			return true;
		const char *s = t->text;
		return strcmp(s, "!") == 0 || strcmp(s, "{") == 0 ||
		       strcmp(s, "case") == 0 || strcmp(s, "for") == 0 ||
		       strcmp(s, "if") == 0 || strcmp(s, "until") == 0 ||
		       strcmp(s, "while") == 0 || strcmp(s, "time") == 0 ||
		       strcmp(s, "[[") == 0;
	}
	return t->kind == TK_LPAREN || is_redir_tok(t->kind);
}

static void skip_newlines(struct parser *p, bool cmdpos)
{
	while (peek(p, cmdpos)->kind == TK_NEWLINE)
		consume(p);
}

static void expect_kw(struct parser *p, const char *kw)
{
	struct token *t = peek(p, true);
	if (!is_kw(t, kw))
		unexpected(p, t);
	consume(p);
}

static struct node *new_node(enum node_kind kind, int line)
{
	struct node *n = talloc(sizeof *n);
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->lineno = line;
	return n;
}

/* ---- lists --------------------------------------------------------------- */

/* A right-leaning NODE_SEQ chain under construction: the executor walks
 * it with a loop, not recursion. */
struct seq_builder {
	struct node *head;
	struct node **slot;
};

static void seq_add(struct seq_builder *sb, struct node *n)
{
	if (!sb->head) {
		sb->head = n;
		sb->slot = &sb->head;
		return;
	}
	struct node *s = new_node(NODE_SEQ, (*sb->slot)->lineno);
	s->u.binary.left = *sb->slot;
	s->u.binary.right = n;
	*sb->slot = s;
	sb->slot = &s->u.binary.right;
}

static struct node *parse_and_or(struct parser *p);
static struct node *parse_command(struct parser *p);

/* A list of and-or lists.  toplevel: ends at a newline (not consumed),
 * the end of a complete command; otherwise a compound_list, which
 * spans newlines and ends before a token that cannot start a command
 * (a closing reserved word, ')' or ';;'), and must not be empty. */
static struct node *parse_list(struct parser *p, bool toplevel)
{
	stack_check_parse();
	struct seq_builder sb = { NULL, NULL };
	if (!toplevel)
		skip_newlines(p, true);
	for (;;) {
		struct token *t = peek(p, true);
		if (!starts_command(t)) {
			if (!sb.head)
				unexpected(p, t);
			break;
		}
		struct node *n = parse_and_or(p);
		t = peek(p, false);
		bool more = true;
		if (t->kind == TK_AMP) {
			struct node *bg = new_node(NODE_BG, n->lineno);
			bg->u.unary.body = n;
			n = bg;
			consume(p);
		} else if (t->kind == TK_SEMI) {
			consume(p);
		} else if (t->kind == TK_NEWLINE && !toplevel) {
			consume(p);
		} else {
			more = false;
		}
		seq_add(&sb, n);
		if (!more)
			break;
		if (toplevel) {
			t = peek(p, true);
			if (t->kind == TK_NEWLINE || t->kind == TK_EOF)
				break;
		} else {
			skip_newlines(p, true);
		}
	}
	return sb.head;
}

static struct node *parse_pipeline(struct parser *p)
{
	struct token *t = peek(p, true);
	int line = t->line;
	if (is_kw(t, "time")) {
		consume(p);
		struct node *n = new_node(NODE_TIME, line);
		t = peek(p, true);
		if (is_kw(t, "-p")) {
			n->u.unary.posix_format = true;
			consume(p);
			t = peek(p, true);
		}
		if (starts_command(t))
			n->u.unary.body = parse_pipeline(p);
		return n;
	}
	if (is_kw(t, "!")) {
		consume(p);
		struct node *n = new_node(NODE_NOT, line);
		n->u.unary.body = parse_pipeline(p);
		return n;
	}
	struct node *first = parse_command(p);
	t = peek(p, false);
	if (t->kind != TK_PIPE)
		return first;
	int cap = 4, count = 1;
	struct node **cmds = talloc(sizeof *cmds * (size_t)cap);
	cmds[0] = first;
	while (t->kind == TK_PIPE) {
		consume(p);
		skip_newlines(p, true);
		if (count == cap) {
			struct node **bigger = talloc(sizeof *cmds * (size_t)cap * 2);
			memcpy(bigger, cmds, sizeof *cmds * (size_t)cap);
			cmds = bigger;
			cap *= 2;
		}
		cmds[count++] = parse_command(p);
		t = peek(p, false);
	}
	struct node *n = new_node(NODE_PIPE, line);
	n->u.pipe.cmds = cmds;
	n->u.pipe.ncmds = count;
	return n;
}

static struct node *parse_and_or(struct parser *p)
{
	struct node *n = parse_pipeline(p);
	/* The chain is parsed in a loop but makes a tree as deep as it is
	 * long, which running it walks recursively: refuse one that the
	 * stack left could not run. */
	long depth = 0;
	for (;;) {
		if (++depth % 64 == 0)
			stack_check_levels(depth);
		struct token *t = peek(p, false);
		enum node_kind kind;
		if (t->kind == TK_AND_IF)
			kind = NODE_AND;
		else if (t->kind == TK_OR_IF)
			kind = NODE_OR;
		else
			return n;
		consume(p);
		skip_newlines(p, true);
		struct node *r = parse_pipeline(p);
		struct node *b = new_node(kind, n->lineno);
		b->u.binary.left = n;
		b->u.binary.right = r;
		n = b;
	}
}

/* ---- commands ------------------------------------------------------------ */

static struct redir *parse_redir(struct parser *p)
{
	struct token *t = peek(p, false);
	enum tok_kind k = t->kind;
	int line = t->line;
	int io = t->io_number;
	consume(p);
	struct redir *r = talloc(sizeof *r);
	memset(r, 0, sizeof *r);
	int fd = 1;
	switch (k) {
	case TK_LESS: r->kind = REDIR_IN; fd = 0; break;
	case TK_GREAT: r->kind = REDIR_OUT; break;
	case TK_CLOBBER: r->kind = REDIR_CLOBBER; break;
	case TK_DGREAT: r->kind = REDIR_APPEND; break;
	case TK_LESSGREAT: r->kind = REDIR_RDWR; fd = 0; break;
	case TK_LESSAND: r->kind = REDIR_DUP_IN; fd = 0; break;
	case TK_GREATAND: r->kind = REDIR_DUP_OUT; break;
	default: r->kind = REDIR_HEREDOC; fd = 0; break;
	}
	r->fd = io >= 0 ? io : fd;
	if (r->kind == REDIR_HEREDOC) {
		lex_heredoc(p->lx, r, k == TK_DLESSDASH, line);
		return r;
	}
	t = peek(p, false);
	if (t->kind != TK_WORD)
		unexpected(p, t);
	r->target = t->word;
	consume(p);
	return r;
}

/* Redirections after a compound command. */
static void parse_redirs(struct parser *p, struct node *n)
{
	struct redir **tail = &n->redirs;
	while (*tail)
		tail = &(*tail)->next;
	while (is_redir_tok(peek(p, false)->kind)) {
		*tail = parse_redir(p);
		tail = &(*tail)->next;
	}
}

/* NAME=value as the word of t, or NULL when t is not an assignment. */
static struct assign *make_assign(const struct token *t)
{
	const struct wpart *p0 = t->word->parts;
	if (!p0 || p0->kind != WP_LIT || p0->quoted)
		return NULL;
	const char *s = p0->u.lit.text;
	const char *eq = memchr(s, '=', p0->u.lit.len);
	if (!eq || eq == s)
		return NULL;
	for (const char *c = s; c < eq; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      *c == '_' || (c > s && *c >= '0' && *c <= '9')))
			return NULL;
	struct assign *a = talloc(sizeof *a);
	a->name = tstrndup(s, (size_t)(eq - s));
	a->next = NULL;
	struct word *v = talloc(sizeof *v);
	v->next = NULL;
	v->has_quotes = t->word->has_quotes;
	size_t rest = p0->u.lit.len - (size_t)(eq + 1 - s);
	if (rest > 0) {
		struct wpart *lit = talloc(sizeof *lit);
		*lit = *p0;
		lit->u.lit.text = eq + 1;
		lit->u.lit.len = rest;
		v->parts = lit;
	} else {
		v->parts = p0->next;
	}
	lex_assign_tildes(v);
	a->value = v;
	return a;
}

/* Function names: POSIX wants a name; like bash we also take other plain
 * words (foo-bar, a.b), but nothing that looks like a path, an
 * assignment or a number. */
static bool is_func_name(const char *s)
{
	bool digits = true;
	for (const char *c = s; *c; c++) {
		if (*c == '/' || *c == '=')
			return false;
		if (*c < '0' || *c > '9')
			digits = false;
	}
	return !digits && !is_reserved_word(s);
}

static bool starts_compound(const struct token *t)
{
	if (t->kind == TK_LPAREN)
		return true;
	return is_kw(t, "{") || is_kw(t, "if") || is_kw(t, "while") ||
	       is_kw(t, "until") || is_kw(t, "for") || is_kw(t, "case") ||
	       is_kw(t, "[[");
}

/* The body of a function definition, after its name and the optional
 * "()" (the current token is "(" when has_parens). */
static struct node *parse_funcdef(struct parser *p, const char *name, int line,
				  bool has_parens)
{
	struct token *t;
	if (has_parens) {
		consume(p); /* ( */
		t = peek(p, false);
		if (t->kind != TK_RPAREN)
			unexpected(p, t);
		consume(p);
	}
	skip_newlines(p, true);
	t = peek(p, true);
	if (!starts_compound(t))
		unexpected(p, t);
	struct node *n = new_node(NODE_FUNCDEF, line);
	n->u.func.name = name;
	n->u.func.body = parse_command(p);
	return n;
}

static struct node *parse_simple(struct parser *p)
{
	struct token *t = peek(p, true);
	struct node *n = new_node(NODE_SIMPLE, t->line);
	struct assign **atail = &n->u.simple.assigns;
	struct word **wtail = &n->u.simple.args;
	struct redir **rtail = &n->redirs;
	bool named = false;
	for (;;) {
		/* Until the command name, words are alias-checked (and may
		 * be assignments); reserved words are not recognised after
		 * an assignment or a redirection (dash). */
		t = peek(p, !named);
		if (is_redir_tok(t->kind)) {
			*rtail = parse_redir(p);
			rtail = &(*rtail)->next;
			continue;
		}
		if (t->kind != TK_WORD)
			break;
		struct word *w = t->word;
		if (!named) {
			struct assign *a = make_assign(t);
			if (a) {
				consume(p);
				*atail = a;
				atail = &a->next;
				continue;
			}
			named = true;
			const char *text = t->text;
			consume(p);
			*wtail = w;
			wtail = &w->next;
			if (!text || n->u.simple.assigns || n->redirs)
				continue;
			t = peek(p, false);
			if (is_func_name(text) && t->kind == TK_LPAREN)
				return parse_funcdef(p, text, n->lineno, true);
			/* "function NAME [()] compound-command", the ksh and
			 * bash form.  POSIX leaves "function" unspecified
			 * (XCU 2.4), so it is taken only where the next word
			 * is a function name; "function" stays an ordinary
			 * word everywhere else ("function() { ...; }" still
			 * defines a function of that name, as in dash). */
			if (strcmp(text, "function") == 0 && t->kind == TK_WORD &&
			    t->text && is_func_name(t->text)) {
				const char *fname = t->text;
				consume(p);
				bool parens = peek(p, false)->kind == TK_LPAREN;
				return parse_funcdef(p, fname, n->lineno, parens);
			}
			continue;
		}
		consume(p);
		*wtail = w;
		wtail = &w->next;
	}
	if (!n->u.simple.assigns && !n->u.simple.args && !n->redirs)
		unexpected(p, t);
	return n;
}

static struct node *parse_if(struct parser *p, int line)
{
	struct node *n = new_node(NODE_IF, line);
	n->u.ifn.cond = parse_list(p, false);
	expect_kw(p, "then");
	n->u.ifn.then = parse_list(p, false);
	struct token *t = peek(p, true);
	if (is_kw(t, "elif")) {
		int eline = t->line;
		consume(p);
		n->u.ifn.els = parse_if(p, eline);
		return n;
	}
	if (is_kw(t, "else")) {
		consume(p);
		n->u.ifn.els = parse_list(p, false);
	}
	expect_kw(p, "fi");
	return n;
}

static struct node *parse_for(struct parser *p, int line)
{
	struct node *n = new_node(NODE_FOR, line);
	struct token *t = peek(p, false);
	if (t->kind != TK_WORD)
		unexpected(p, t);
	if (!t->text || !is_name(t->text))
		lex_syntax_error(p->lx, t->line,
				 "syntax error: bad for loop variable");
	n->u.forn.var = t->text;
	consume(p);
	skip_newlines(p, false);
	t = peek(p, false);
	if (is_kw(t, "in")) {
		consume(p);
		n->u.forn.has_in = true;
		struct word **tail = &n->u.forn.words;
		for (;;) {
			t = peek(p, false);
			if (t->kind != TK_WORD)
				break;
			*tail = t->word;
			tail = &t->word->next;
			consume(p);
		}
		if (t->kind != TK_SEMI && t->kind != TK_NEWLINE)
			unexpected(p, t);
		consume(p);
	} else if (t->kind == TK_SEMI) {
		consume(p);
	}
	skip_newlines(p, true);
	expect_kw(p, "do");
	n->u.forn.body = parse_list(p, false);
	expect_kw(p, "done");
	return n;
}

static struct node *parse_case(struct parser *p, int line)
{
	struct node *n = new_node(NODE_CASE, line);
	struct token *t = peek(p, false);
	if (t->kind != TK_WORD)
		unexpected(p, t);
	n->u.casen.subject = t->word;
	consume(p);
	skip_newlines(p, false);
	t = peek(p, false);
	if (!is_kw(t, "in"))
		unexpected(p, t);
	consume(p);
	skip_newlines(p, false);
	struct case_item **tail = &n->u.casen.items;
	for (;;) {
		/* Patterns are plain words: no aliases, and only a leading
		 * `esac` (without '(') is reserved. */
		t = peek(p, false);
		if (is_kw(t, "esac")) {
			consume(p);
			break;
		}
		struct case_item *it = talloc(sizeof *it);
		memset(it, 0, sizeof *it);
		if (t->kind == TK_LPAREN) {
			consume(p);
			t = peek(p, false);
		}
		struct word **ptail = &it->patterns;
		for (;;) {
			if (t->kind != TK_WORD)
				unexpected(p, t);
			*ptail = t->word;
			ptail = &t->word->next;
			consume(p);
			t = peek(p, false);
			if (t->kind != TK_PIPE)
				break;
			consume(p);
			t = peek(p, false);
		}
		if (t->kind != TK_RPAREN)
			unexpected(p, t);
		consume(p);
		skip_newlines(p, true);
		t = peek(p, true);
		if (t->kind != TK_DSEMI && t->kind != TK_SEMIAND &&
		    !is_kw(t, "esac"))
			it->body = parse_list(p, false);
		*tail = it;
		tail = &it->next;
		t = peek(p, true);
		if (t->kind == TK_DSEMI || t->kind == TK_SEMIAND) {
			it->fallthrough = t->kind == TK_SEMIAND;
			consume(p);
			skip_newlines(p, false);
			continue;
		}
		if (!is_kw(t, "esac"))
			unexpected(p, t);
		consume(p);
		break;
	}
	return n;
}

/* ---- [[ expression ]] ----------------------------------------------------
 * Inside [[ ]] the lexer's tokens keep their kinds, but && || ( ) < >
 * are the expression's operators, not lists, subshells or redirections,
 * and newlines may stand on either side of [[ ]] && || ( ) and !, but not
 * inside a primary.  Precedence: ! over && over ||, as in bash and ksh. */

static struct cond *cond_or(struct parser *p);

static struct cond *new_cond(enum cond_kind kind)
{
	struct cond *c = talloc(sizeof *c);
	memset(c, 0, sizeof *c);
	c->kind = kind;
	return c;
}

/* The unary operators: test's, plus -o option and -v variable. */
static bool is_cond_unary(const char *s)
{
	return s && s[0] == '-' && s[1] && !s[2] &&
	       strchr("abcdefghkLnoprsStuvwxzGO", s[1]);
}

static bool is_cond_binary(const char *s)
{
	static const char *const ops[] = {
		"==", "=", "!=", "=~", "-eq", "-ne", "-lt", "-le", "-gt",
		"-ge", "-nt", "-ot", "-ef",
	};
	if (!s)
		return false;
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
		if (strcmp(s, ops[i]) == 0)
			return true;
	return false;
}

/* An operand: any word but the closing ]]. */
static struct word *cond_operand(struct parser *p)
{
	struct token *t = peek(p, false);
	if (t->kind != TK_WORD || is_kw(t, "]]"))
		unexpected(p, t);
	consume(p);
	return t->word;
}

/* The digits the lexer read as an IO_NUMBER before < or > ([[ 2<3 ]]),
 * as the word they were. */
static struct word *io_number_word(int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof buf, "%d", n);
	char *text = talloc((size_t)len + 1);
	memcpy(text, buf, (size_t)len + 1);
	struct wpart *lit = talloc(sizeof *lit);
	memset(lit, 0, sizeof *lit);
	lit->kind = WP_LIT;
	lit->u.lit.text = text;
	lit->u.lit.len = (size_t)len;
	struct word *w = talloc(sizeof *w);
	memset(w, 0, sizeof *w);
	w->parts = lit;
	return w;
}

static struct cond *cond_primary(struct parser *p)
{
	skip_newlines(p, false);
	struct token *t = peek(p, false);
	if (t->kind == TK_LPAREN) {
		consume(p);
		struct cond *e = cond_or(p);
		t = peek(p, false);
		if (t->kind != TK_RPAREN)
			unexpected(p, t);
		consume(p);
		return e;
	}
	struct word *first;
	const char *text;
	if ((t->kind == TK_LESS || t->kind == TK_GREAT) && t->io_number >= 0) {
		first = io_number_word(t->io_number);
		text = NULL;
		/* the operator stays the lookahead */
		t->io_number = -1;
	} else {
		if (t->kind != TK_WORD || is_kw(t, "]]"))
			unexpected(p, t);
		first = t->word;
		text = t->text;
		consume(p);
	}
	t = peek(p, false);
	const char *op = NULL;
	if ((t->kind == TK_LESS || t->kind == TK_GREAT) && t->io_number >= 0)
		unexpected(p, t); /* [[ a 3< b ]]: one word too many */
	if (t->kind == TK_LESS || t->kind == TK_GREAT)
		op = t->kind == TK_LESS ? "<" : ">";
	else if (t->kind == TK_WORD && is_cond_binary(t->text))
		op = t->text;
	if (op) {
		struct cond *c = new_cond(COND_BINARY);
		c->op = op;
		c->a = first;
		consume(p);
		if (strcmp(op, "=~") == 0) {
			lex_regex_word(p->lx, &p->tok);
			p->have = true;
			p->cmd_checked = p->blank_checked = true;
		}
		c->b = cond_operand(p);
		return c;
	}
	if (is_cond_unary(text)) {
		struct cond *c = new_cond(COND_UNARY);
		c->op = text;
		c->a = cond_operand(p);
		return c;
	}
	struct cond *c = new_cond(COND_WORD);
	c->a = first;
	return c;
}

static struct cond *cond_not(struct parser *p)
{
	skip_newlines(p, false);
	struct token *t = peek(p, false);
	if (is_kw(t, "!")) {
		consume(p);
		struct cond *c = new_cond(COND_NOT);
		c->left = cond_not(p);
		return c;
	}
	return cond_primary(p);
}

static struct cond *cond_and(struct parser *p)
{
	stack_check_parse();
	struct cond *l = cond_not(p);
	/* [[ ]] is not complete before its ]], so a newline here ends
	 * nothing: the expression may go on with && on the next line */
	skip_newlines(p, false);
	while (peek(p, false)->kind == TK_AND_IF) {
		consume(p);
		struct cond *c = new_cond(COND_AND);
		c->left = l;
		c->right = cond_not(p);
		l = c;
		skip_newlines(p, false);
	}
	return l;
}

static struct cond *cond_or(struct parser *p)
{
	struct cond *l = cond_and(p);
	while (peek(p, false)->kind == TK_OR_IF) {
		consume(p);
		struct cond *c = new_cond(COND_OR);
		c->left = l;
		c->right = cond_and(p);
		l = c;
	}
	return l;
}

static struct node *parse_cond(struct parser *p, int line)
{
	struct node *n = new_node(NODE_COND, line);
	n->u.cond.expr = cond_or(p);
	struct token *t = peek(p, false);
	if (!is_kw(t, "]]"))
		unexpected(p, t);
	consume(p);
	return n;
}

static struct node *parse_command(struct parser *p)
{
	stack_check_parse();
	struct token *t = peek(p, true);
	int line = t->line;
	struct node *n;
	if (t->kind == TK_LPAREN) {
		consume(p);
		n = new_node(NODE_SUBSHELL, line);
		n->u.unary.body = parse_list(p, false);
		t = peek(p, false);
		if (t->kind != TK_RPAREN)
			unexpected(p, t);
		consume(p);
		parse_redirs(p, n);
		return n;
	}
	if (t->kind != TK_WORD || !t->text || !is_reserved_word(t->text))
		return parse_simple(p);
	const char *kw = t->text;
	if (strcmp(kw, "{") == 0) {
		consume(p);
		n = new_node(NODE_BRACE, line);
		n->u.unary.body = parse_list(p, false);
		expect_kw(p, "}");
	} else if (strcmp(kw, "if") == 0) {
		consume(p);
		n = parse_if(p, line);
	} else if (strcmp(kw, "while") == 0 || strcmp(kw, "until") == 0) {
		consume(p);
		n = new_node(kw[0] == 'w' ? NODE_WHILE : NODE_UNTIL, line);
		n->u.loop.cond = parse_list(p, false);
		expect_kw(p, "do");
		n->u.loop.body = parse_list(p, false);
		expect_kw(p, "done");
	} else if (strcmp(kw, "for") == 0) {
		consume(p);
		n = parse_for(p, line);
	} else if (strcmp(kw, "case") == 0) {
		consume(p);
		n = parse_case(p, line);
	} else if (strcmp(kw, "[[") == 0) {
		consume(p);
		n = parse_cond(p, line);
	} else {
		unexpected(p, t);
	}
	parse_redirs(p, n);
	return n;
}

/* ---- entry points -------------------------------------------------------- */

struct node *parser_parse_cmdsub(struct lexer *lx)
{
	/* Here-documents pending outside belong to the outer line: a newline
	 * inside $( ) reads only the bodies of here-documents begun inside
	 * (dash, bash).  Those still pending at the ) are read with the
	 * outer ones, after them. */
	struct heredoc *outer_head = lx->hd_head, **outer_tail = lx->hd_tail;
	lx->hd_head = NULL;
	lx->hd_tail = &lx->hd_head;
	struct parser p = { .lx = lx };
	skip_newlines(&p, true);
	struct node *n = NULL;
	if (peek(&p, true)->kind != TK_RPAREN)
		n = parse_list(&p, false);
	struct token *t = peek(&p, false);
	if (t->kind != TK_RPAREN)
		unexpected(&p, t);
	consume(&p);
	if (outer_head) {
		*outer_tail = lx->hd_head;
		if (lx->hd_head)
			outer_tail = lx->hd_tail;
		lx->hd_head = outer_head;
		lx->hd_tail = outer_tail;
	}
	return n;
}

enum parse_result parse_next(struct input *in, struct node **out)
{
	lex_reset_scratch();
	input_begin_command(in);
	struct lexer lx;
	lex_init(&lx, in);
	struct parser p = { .lx = &lx };
	struct token *t = peek(&p, true);
	if (t->kind == TK_EOF)
		return PARSE_EOF;
	if (t->kind == TK_NEWLINE) {
		consume(&p);
		return PARSE_EMPTY;
	}
	struct node *n = parse_list(&p, true);
	t = peek(&p, false);
	if (t->kind == TK_NEWLINE)
		consume(&p);
	else if (t->kind != TK_EOF)
		unexpected(&p, t);
	*out = n;
	return PARSE_COMMAND;
}

/* Appends the commands of n to a SEQ chain, flattening n's own chain so
 * the result is the same as parsing all the text as one list. */
static void seq_add_flat(struct seq_builder *sb, struct node *n)
{
	while (n->kind == NODE_SEQ) {
		seq_add(sb, n->u.binary.left);
		n = n->u.binary.right;
	}
	seq_add(sb, n);
}

struct word *parse_text_word(const char *s, const char *name)
{
	return lex_text_word(s, name);
}

static void *parse_whole_input(struct input *in, void *unused)
{
	(void)unused;
	struct lexer lx;
	lex_init(&lx, in);
	struct parser p = { .lx = &lx };
	struct seq_builder sb = { NULL, NULL };
	for (;;) {
		skip_newlines(&p, true);
		if (peek(&p, true)->kind == TK_EOF)
			break;
		seq_add_flat(&sb, parse_list(&p, true));
		struct token *t = peek(&p, false);
		if (t->kind == TK_NEWLINE)
			consume(&p);
		else if (t->kind != TK_EOF)
			unexpected(&p, t);
	}
	return sb.head;
}

struct node *parse_string(const char *s, const char *name, int first_line)
{
	return input_with_string(s, name, first_line, parse_whole_input, NULL);
}
