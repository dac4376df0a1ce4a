/* lexer.c - from bytes to tokens (XCU 2.3): operators, words built directly
 * into ast.h parts (quoting, $name, ${...}, $( ), backquotes, $(( )),
 * tildes), comments, line continuation, here-document bodies, alias
 * substitution when the parser asks.
 *
 * Knows nothing of the grammar: for $( ) it calls back into the parser
 * (parser_parse_cmdsub), for backquotes and here-document bodies it lexes a
 * string input of its own.  Must not allocate per byte: literal text grows
 * in one reused scratch buffer and is copied once per part into the command
 * arena. */
#include "lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "arena.h"
#include "error.h"
#include "input.h"
#include "parser.h"

/* ---- scratch: literal text being built ---------------------------------
 * One buffer, used as a stack: a word builder owns [start, start+len) and
 * anything nested (a ${x-...} argument, a $( ) body, a backquote body)
 * starts at scratch_top above it.  Offsets, not pointers, survive growth. */
static char *scratch;
static size_t scratch_cap;
static size_t scratch_top;

static void scratch_reserve(size_t need)
{
	if (need <= scratch_cap)
		return;
	size_t cap = scratch_cap ? scratch_cap * 2 : 1024;
	while (cap < need)
		cap *= 2;
	scratch = xrealloc(scratch, cap);
	scratch_cap = cap;
}

/* Appends c at scratch_top (temporary text, not a builder's). */
static void scratch_put(int c)
{
	scratch_reserve(scratch_top + 1);
	scratch[scratch_top++] = (char)c;
}

void lex_reset_scratch(void)
{
	scratch_top = 0;
}

/* ---- word builder -------------------------------------------------------- */
struct wbuild {
	struct wpart *head, **tail;
	size_t start, len;     /* pending literal text in scratch */
	bool lit_quoted;       /* quoting of the pending literal */
	bool has_quotes;
	/* Where the first quote ('' or "" may leave no part behind) was
	 * seen inside the leading unquoted literal: a tilde-prefix that
	 * reaches it is quoted (~"" is no tilde). */
	size_t first_quote;
	/* Bytes and parts added so far: tells whether a pair of quotes
	 * added nothing. */
	size_t nadded;
};

static void wb_init(struct wbuild *wb)
{
	wb->head = NULL;
	wb->tail = &wb->head;
	wb->start = scratch_top;
	wb->len = 0;
	wb->lit_quoted = false;
	wb->has_quotes = false;
	wb->first_quote = (size_t)-1;
	wb->nadded = 0;
}

/* Quotes that enclosed nothing ('' or "") still stand where they were:
 * an empty quoted part, so $x"" keeps an empty field after the field
 * splitting of $x, and ''"$@" makes one field when $# is 0 (XCU 2.6.5:
 * a quoted null string next to an expansion is not removed). */
static void wb_add_empty_quotes(struct wbuild *wb, size_t before);

static void wb_mark_quote(struct wbuild *wb)
{
	wb->has_quotes = true;
	if (wb->first_quote == (size_t)-1 && !wb->head &&
	    (wb->len == 0 || !wb->lit_quoted))
		wb->first_quote = wb->len;
}

static struct wpart *new_part(enum wpart_kind kind, bool quoted)
{
	struct wpart *p = talloc(sizeof *p);
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->quoted = quoted;
	return p;
}

static void wb_flush(struct wbuild *wb)
{
	if (wb->len == 0)
		return;
	struct wpart *p = new_part(WP_LIT, wb->lit_quoted);
	p->u.lit.text = tstrndup(scratch + wb->start, wb->len);
	p->u.lit.len = wb->len;
	*wb->tail = p;
	wb->tail = &p->next;
	wb->len = 0;
	scratch_top = wb->start;
}

static inline void wb_addc(struct wbuild *wb, int c, bool quoted)
{
	if (wb->len && wb->lit_quoted != quoted)
		wb_flush(wb);
	wb->lit_quoted = quoted;
	size_t at = wb->start + wb->len;
	if (at >= scratch_cap)
		scratch_reserve(at + 1);
	scratch[at] = (char)c;
	wb->len++;
	wb->nadded++;
	scratch_top = at + 1;
}

static void wb_addpart(struct wbuild *wb, struct wpart *p)
{
	wb_flush(wb);
	*wb->tail = p;
	wb->tail = &p->next;
	wb->nadded++;
	scratch_top = wb->start;
}

static void wb_add_empty_quotes(struct wbuild *wb, size_t before)
{
	if (wb->nadded == before) {
		struct wpart *p = new_part(WP_LIT, true);
		p->u.lit.text = "";
		wb_addpart(wb, p);
	}
}

static struct word *wb_word(struct wbuild *wb)
{
	wb_flush(wb);
	struct word *w = talloc(sizeof *w);
	w->parts = wb->head;
	w->next = NULL;
	w->has_quotes = wb->has_quotes;
	scratch_top = wb->start;
	return w;
}

/* ---- errors -------------------------------------------------------------- */
void lex_syntax_error(struct lexer *lx, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	error_line = line;
	/* Name the input in the message only: the input (and its name) may
	 * be freed while the error unwinds. */
	const char *saved_source = error_source;
	error_source = input_name(lx->in);
	sh_warn("%s", msg);
	error_source = saved_source;
	last_status = 2;
	sh_raise(EXC_ERROR);
}

const char *lex_token_name(enum tok_kind kind)
{
	switch (kind) {
	case TK_EOF: return "end of file";
	case TK_NEWLINE: return "newline";
	case TK_WORD: return "word";
	case TK_SEMI: return ";";
	case TK_DSEMI: return ";;";
	case TK_SEMIAND: return ";&";
	case TK_AMP: return "&";
	case TK_AND_IF: return "&&";
	case TK_PIPE: return "|";
	case TK_OR_IF: return "||";
	case TK_LPAREN: return "(";
	case TK_RPAREN: return ")";
	case TK_LESS: return "<";
	case TK_GREAT: return ">";
	case TK_CLOBBER: return ">|";
	case TK_DGREAT: return ">>";
	case TK_LESSGREAT: return "<>";
	case TK_LESSAND: return "<&";
	case TK_GREATAND: return ">&";
	case TK_DLESS: return "<<";
	case TK_DLESSDASH: return "<<-";
	}
	return "?";
}

/* ---- bytes --------------------------------------------------------------- */
static inline int rawc(struct lexer *lx)
{
	return input_getc(lx->in);
}

static inline void unget(struct lexer *lx, int c)
{
	input_ungetc(lx->in, c);
}

static inline int cur_line(struct lexer *lx)
{
	return input_lineno(lx->in);
}

/* A byte with \<newline> pairs removed (XCU 2.2.1): they vanish everywhere
 * outside single quotes, even inside operators. */
static int lgetc(struct lexer *lx)
{
	for (;;) {
		int c = rawc(lx);
		if (c != '\\')
			return c;
		int d = rawc(lx);
		if (d == '\n')
			continue;
		unget(lx, d);
		return '\\';
	}
}

static inline bool is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static inline bool is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static const char *special_name(int c)
{
	switch (c) {
	case '@': return "@";
	case '*': return "*";
	case '#': return "#";
	case '?': return "?";
	case '-': return "-";
	case '$': return "$";
	case '!': return "!";
	case '0': return "0";
	}
	return NULL;
}

static const char *const digit_names[10] = {
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"
};

/* ---- tildes -------------------------------------------------------------- */

/* Splits literal part p at [at, end): text before it stays in p (or p is
 * replaced), a WP_TILDE part for the user name follows, then the rest.
 * Returns the part holding the rest (or the tilde part when nothing
 * follows), so the caller can go on scanning. */
static struct wpart *tilde_split(struct wpart **pp, size_t at, size_t end)
{
	struct wpart *p = *pp;
	const char *t = p->u.lit.text;
	size_t len = p->u.lit.len;
	struct wpart *tl = new_part(WP_TILDE, false);
	tl->u.lit.text = tstrndup(t + at + 1, end - at - 1);
	tl->u.lit.len = end - at - 1;
	struct wpart *rest = NULL;
	if (end < len) {
		rest = new_part(WP_LIT, false);
		rest->u.lit.text = t + end;
		rest->u.lit.len = len - end;
		rest->next = p->next;
		tl->next = rest;
	} else {
		tl->next = p->next;
	}
	if (at > 0) {
		struct wpart *head = new_part(WP_LIT, false);
		head->u.lit.text = tstrndup(t, at);
		head->u.lit.len = at;
		head->next = tl;
		*pp = head;
	} else {
		*pp = tl;
	}
	return rest ? rest : tl;
}

/* A tilde-prefix at the start of a word: ~ and the unquoted characters
 * up to the first unquoted '/'.  A quote or an expansion inside the prefix
 * makes it literal (XCU 2.6.1; dash leaves ~"/x" alone). */
static void tilde_word_start(struct word *w, size_t first_quote)
{
	struct wpart *p = w->parts;
	if (!p || p->kind != WP_LIT || p->quoted || p->u.lit.text[0] != '~')
		return;
	const char *slash = memchr(p->u.lit.text, '/', p->u.lit.len);
	size_t end = slash ? (size_t)(slash - p->u.lit.text) : p->u.lit.len;
	if ((!slash && p->next) || first_quote <= end)
		return;
	tilde_split(&w->parts, 0, end);
}

/* In an assignment value, a tilde-prefix may also start right after the
 * '=' and after each unquoted ':' (XCU 2.6.1), ending at '/' or ':'. */
void lex_assign_tildes(struct word *value)
{
	struct wpart **pp = &value->parts;
	bool first = true;
	/* Empty quotes ('' "") leave no part behind, so where they stood is
	 * unknown: a prefix they might fall in (a=~""x) is left alone. */
	bool any_quoted = false;
	for (const struct wpart *q = value->parts; q; q = q->next)
		if (q->quoted)
			any_quoted = true;
	if (value->has_quotes && !any_quoted)
		return;
	while (*pp) {
		struct wpart *p = *pp;
		if (p->kind != WP_LIT || p->quoted) {
			first = false;
			pp = &p->next;
			continue;
		}
		const char *t = p->u.lit.text;
		size_t len = p->u.lit.len, i, end = 0;
		for (i = 0; i < len; i++) {
			if (t[i] != '~')
				continue;
			if (!((i == 0 && first) || (i > 0 && t[i - 1] == ':')))
				continue;
			end = i + 1;
			while (end < len && t[end] != '/' && t[end] != ':')
				end++;
			/* A prefix running into a quote or an expansion is
			 * not a tilde-prefix. */
			if (end == len && p->next)
				continue;
			break;
		}
		first = false;
		if (i >= len) {
			pp = &p->next;
			continue;
		}
		struct wpart *rest = tilde_split(pp, i, end);
		while (*pp != rest)
			pp = &(*pp)->next;
		if (rest->kind == WP_TILDE)
			pp = &rest->next;
	}
}

/* ---- words ----------------------------------------------------------------
 * scan() reads the bytes of one word (or one nested piece of a word) into a
 * builder.  The context says where the piece ends and which bytes are
 * special:
 *	SC_WORD     an unquoted word: ends before a blank, newline or operator
 *	SC_DQ       after '"': ends after the closing '"'
 *	SC_PARAM    the word of ${x-word}: ends after the unquoted '}'
 *	SC_ARITH    after "$((": ends after the matching "))"
 *	SC_HEREDOC  an unquoted here-document body: ends at the end of input
 *	SC_REGEX    the ERE after =~ in [[ ]]: as SC_WORD, except that ( )
 *	            nest and, with | and blanks inside them, are part of it
 * dq (SC_PARAM only): the ${...} stands inside double quotes and its
 * operator is not a pattern one, so the word reads as in double quotes. */
enum scan_ctx { SC_WORD, SC_DQ, SC_PARAM, SC_ARITH, SC_HEREDOC, SC_REGEX };

static void scan(struct lexer *lx, struct wbuild *wb, enum scan_ctx ctx,
		 bool dq, int line);

static struct word *scan_nested(struct lexer *lx, enum scan_ctx ctx, bool dq,
				int line)
{
	struct wbuild wb;
	wb_init(&wb);
	scan(lx, &wb, ctx, dq, line);
	struct word *w = wb_word(&wb);
	if (ctx == SC_PARAM && !dq)
		tilde_word_start(w, wb.first_quote);
	return w;
}

/* The word inside ${...} after an operator, up to the unquoted '}' or,
 * when stop is not 0, the unquoted stop byte; *ended says which. */
static struct word *scan_param_word(struct lexer *lx, bool dq, int line,
				    int stop, int *ended)
{
	int saved = lx->param_stop;
	lx->param_stop = stop;
	struct word *w = scan_nested(lx, SC_PARAM, dq, line);
	lx->param_stop = saved;
	if (ended)
		*ended = lx->param_ended;
	return w;
}

/* A word read in ${...}, or NULL when nothing (not even quotes) was there. */
static struct word *word_or_null(struct word *w)
{
	return w->parts || w->has_quotes ? w : NULL;
}

/* Reads a name whose first byte is c; returns it in the command arena. */
static const char *read_name(struct lexer *lx, int c, bool digits)
{
	size_t start = scratch_top;
	scratch_put(c);
	for (;;) {
		c = lgetc(lx);
		if (digits ? !is_digit(c) : !is_name_char(c))
			break;
		scratch_put(c);
	}
	unget(lx, c);
	const char *s = tstrndup(scratch + start, scratch_top - start);
	scratch_top = start;
	return s;
}

/* A ${...} that is none of the forms tine knows, found at byte c (already
 * read; '}' when the braces just closed): the rest up to the matching '}'
 * is skipped, nested braces and quotes included (inside "...", quoted,
 * a single quote is a plain byte), and p becomes PO_BAD with the text
 * (prefix, then c and what follows) as its name.  Only the end of input
 * or of the line before the '}' is a syntax error. */
static void bad_subst(struct lexer *lx, struct wbuild *wb, struct wpart *p,
		      bool quoted, const char *prefix, int c, int line)
{
	size_t start = scratch_top;
	for (const char *s = prefix; *s; s++)
		scratch_put(*s);
	int depth = 1;
	char quote = 0;
	for (;;) {
		if (c < 0 || (c == '\n' && !quote))
			lex_syntax_error(lx, line, "syntax error: missing '}'");
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (c == '\\' && quote == '"')
				scratch_put(c), c = rawc(lx);
		} else if (c == '\\') {
			scratch_put(c);
			c = rawc(lx);
			if (c < 0)
				continue;
		} else if ((c == '\'' && !quoted) || c == '"') {
			quote = (char)c;
		} else if (c == '{') {
			depth++;
		} else if (c == '}' && --depth == 0) {
			break;
		}
		if (c >= 0)
			scratch_put(c);
		c = rawc(lx);
	}
	p->u.param.name = tstrndup(scratch + start, scratch_top - start);
	scratch_top = start;
	p->u.param.op = PO_BAD;
	wb_addpart(wb, p);
}

static const char *joined(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = talloc(la + lb + 1);
	memcpy(s, a, la);
	memcpy(s + la, b, lb + 1);
	return s;
}

/* After "${". */
static void parse_braced(struct lexer *lx, struct wbuild *wb, bool quoted,
			 int line)
{
	stack_check_parse();
	struct wpart *p = new_part(WP_PARAM, quoted);
	enum param_op op = PO_PLAIN;
	const char *name;
	int c = lgetc(lx);

	if (c == '#') {
		/* ${#} is $#, ${#x} a length, ${#-} the length of $-, but
		 * ${#-x} and ${##x} are $# with an operator (dash, bash). */
		int d = lgetc(lx);
		if (d == '}') {
			name = "#";
			goto done;
		}
		if (is_name_start(d) || is_digit(d)) {
			name = read_name(lx, d, is_digit(d));
			op = PO_LENGTH;
			c = lgetc(lx);
			if (c != '}') {
				bad_subst(lx, wb, p, quoted, joined("#", name),
					  c, line);
				return;
			}
			goto done;
		}
		if (special_name(d)) {
			int e = lgetc(lx);
			if (e == '}') {
				name = special_name(d);
				op = PO_LENGTH;
				goto done;
			}
			unget(lx, e);
		}
		name = "#";
		c = d;
	} else {
		if (is_name_start(c))
			name = read_name(lx, c, false);
		else if (is_digit(c))
			name = read_name(lx, c, true);
		else if (special_name(c))
			name = special_name(c);
		else {
			bad_subst(lx, wb, p, quoted, "", c, line);
			return;
		}
		c = lgetc(lx);
	}

	if (c == '}')
		goto done;
	bool colon = false, pattern = false;
	if (c == ':') {
		colon = true;
		c = lgetc(lx);
		if (c != '-' && c != '=' && c != '?' && c != '+') {
			/* ${x:off} and ${x:off:len} (bash, ksh): each part
			 * is arithmetic, read as in double quotes. */
			unget(lx, c);
			if (c < 0 || c == '\n')
				lex_syntax_error(lx, line,
						 "syntax error: missing '}'");
			int ended;
			struct word *off = scan_param_word(lx, true, line, ':',
							   &ended);
			if (!off->parts && !off->has_quotes && ended == '}') {
				/* ${x:} (bash) */
				bad_subst(lx, wb, p, quoted, joined(name, ":"),
					  '}', line);
				return;
			}
			off->has_quotes = true;
			p->u.param.arg = off;
			if (ended == ':') {
				struct word *len = scan_param_word(lx, true,
								   line, 0,
								   NULL);
				len->has_quotes = true;
				p->u.param.arg2 = len;
			}
			op = PO_SUBSTR;
			goto done;
		}
	}
	if (c == '/') {
		/* ${x/pat/rep} ${x//pat/rep} ${x/#pat/rep} ${x/%pat/rep}
		 * (bash, ksh): the pattern reads as in ${x#pat}. */
		int d = lgetc(lx);
		op = d == '/' ? PO_REPLACE_ALL :
		     d == '#' ? PO_REPLACE_PREFIX :
		     d == '%' ? PO_REPLACE_SUFFIX : PO_REPLACE;
		if (op == PO_REPLACE)
			unget(lx, d);
		int ended;
		lx->param_slash_first = op == PO_REPLACE_ALL;
		p->u.param.arg = word_or_null(
			scan_param_word(lx, false, line, '/', &ended));
		if (ended == '/') {
			/* Quotes in it are quotes even inside "..." (bash:
			 * "${v/x/'y z'}" gives y z). */
			struct word *rep = scan_param_word(lx, false, line, 0,
							   NULL);
			p->u.param.arg2 = word_or_null(rep);
		}
		goto done;
	}
	switch (c) {
	case '-': op = PO_DEFAULT; break;
	case '=': op = PO_ASSIGN; break;
	case '?': op = PO_ERROR; break;
	case '+': op = PO_ALTERNATE; break;
	case '%':
	case '#': {
		int d = lgetc(lx);
		bool twice = d == c;
		if (!twice)
			unget(lx, d);
		if (c == '%')
			op = twice ? PO_TRIM_SUFFIX_LONG : PO_TRIM_SUFFIX;
		else
			op = twice ? PO_TRIM_PREFIX_LONG : PO_TRIM_PREFIX;
		pattern = true;
		break;
	}
	default:
		bad_subst(lx, wb, p, quoted,
			  joined(name, colon ? ":" : ""), c, line);
		return;
	}
	p->u.param.colon = colon;
	/* XCU 2.6.2: double quotes around ${x#pat} do not quote the
	 * pattern, quotes inside the braces do; for the other operators
	 * the word reads as in double quotes. */
	bool dq = quoted && !pattern;
	struct word *arg = scan_param_word(lx, dq, line, 0, NULL);
	/* ${x?} keeps its "parameter not set" inside "..." too: only the
	 * word's own quotes make an empty message (${x?""}). */
	if (dq && op != PO_ERROR)
		arg->has_quotes = true; /* it stands inside "..." */
	if (arg->parts || arg->has_quotes)
		p->u.param.arg = arg;
done:
	p->u.param.name = name;
	p->u.param.op = op;
	wb_addpart(wb, p);
}

/* After "$((": arithmetic if the parentheses close with "))", otherwise
 * a command substitution that starts with a subshell, "$( (...) ...)".
 * The text is read ahead raw, then given back to the input and read again
 * the way it turned out to be. */
/* Look-ahead of parse_arith: the next raw byte, copied to the scratch
 * buffer (end of input is the "missing '))'" error), and the byte that a
 * backslash quotes. */
static int lookahead_getc(struct lexer *lx, int line)
{
	int c = rawc(lx);
	if (c < 0)
		lex_syntax_error(lx, line, "syntax error: missing '))'");
	scratch_put(c);
	return c;
}

static void lookahead_escaped(struct lexer *lx)
{
	int c = rawc(lx);
	if (c >= 0)
		scratch_put(c);
}

/* During the look-ahead of parse_arith: copies a nested "$( ... )" to the
 * scratch buffer up to its closing parenthesis.  Inside it the text is
 * shell code, so quotes hide parentheses ($((1 + $(echo ')') )) is
 * arithmetic); in the arithmetic text itself quotes are plain characters. */
static void skip_nested_cmdsub(struct lexer *lx, int line)
{
	int depth = 1;
	while (depth > 0) {
		int c = lookahead_getc(lx, line);
		if (c == '\\') {
			lookahead_escaped(lx);
		} else if (c == '\'' || c == '"') {
			int q = c;
			while ((c = lookahead_getc(lx, line)) != q)
				if (c == '\\' && q == '"')
					lookahead_escaped(lx);
		} else if (c == '(') {
			depth++;
		} else if (c == ')') {
			depth--;
		}
	}
}

static void parse_arith(struct lexer *lx, struct wbuild *wb, bool quoted,
			int line)
{
	size_t start = scratch_top;
	int depth = 0;
	bool arith = false;
	for (;;) {
		int c = lookahead_getc(lx, line);
		if (c == '\\') {
			lookahead_escaped(lx);
		} else if (c == '$') {
			c = rawc(lx);
			if (c < 0)
				continue;
			scratch_put(c);
			if (c != '(')
				continue;
			c = rawc(lx);
			if (c < 0)
				continue;
			if (c == '(') {
				/* Nested $(( )): arithmetic text, plain count. */
				scratch_put(c);
				depth += 2;
			} else {
				input_ungetc(lx->in, c);
				skip_nested_cmdsub(lx, line);
			}
		} else if (c == '(') {
			depth++;
		} else if (c == ')') {
			if (depth > 0) {
				depth--;
				continue;
			}
			/* A \<newline> may stand between the two ')'. */
			c = rawc(lx);
			while (c == '\\') {
				scratch_put(c);
				c = rawc(lx);
				if (c != '\n')
					break;
				scratch_put(c);
				c = rawc(lx);
			}
			if (c >= 0)
				scratch_put(c);
			arith = c == ')';
			/* "$( (a) ...": only something that may follow a
			 * subshell makes this a command substitution. */
			if (!arith && !strchr(" \t\n;&|)<>", c < 0 ? 'x' : c))
				lex_syntax_error(lx, line,
						 "syntax error: missing '))'");
			break;
		}
	}
	scratch_put('\0');
	input_push(lx->in, scratch + start, NULL);
	scratch_top = start;
	if (arith) {
		struct wpart *p = new_part(WP_ARITH, quoted);
		p->u.arith.expr = scan_nested(lx, SC_ARITH, true, line);
		wb_addpart(wb, p);
	} else {
		input_push(lx->in, "(", NULL);
		struct wpart *p = new_part(WP_CMDSUB, quoted);
		p->u.cmdsub.body = parser_parse_cmdsub(lx);
		wb_addpart(wb, p);
	}
}

/* After '`': the body up to the closing backquote, with \$ \` \\ (and \"
 * inside double quotes) unescaped, parsed as a string of its own. */
static void parse_backquote(struct lexer *lx, struct wbuild *wb, bool quoted,
			    bool in_dq, int line)
{
	size_t start = scratch_top;
	for (;;) {
		int c = rawc(lx);
		if (c < 0)
			lex_syntax_error(lx, line,
					 "syntax error: unterminated quoted string");
		if (c == '`')
			break;
		if (c == '\\') {
			int d = rawc(lx);
			if (d == '$' || d == '`' || d == '\\' ||
			    (in_dq && d == '"')) {
				scratch_put(d);
				continue;
			}
			scratch_put('\\');
			if (d < 0)
				continue;
			c = d;
		}
		scratch_put(c);
	}
	scratch_put('\0');
	/* parse_string copies the text before it lexes anything. */
	scratch_top = start;
	struct wpart *p = new_part(WP_CMDSUB, quoted);
	p->u.cmdsub.body = parse_string(scratch + start, input_name(lx->in),
					line);
	wb_addpart(wb, p);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* $'...' is POSIX.1-2024 (XCU 2.2.4); bash, ksh, zsh, mksh and busybox
 * have it.  dash 0.5.12 reads it as $ and a quoted string, so the tests
 * check it against bash's output instead. */
#define LEX_DOLLAR_SINGLE 1

/* \u and \U in $'...' (bash, ksh, zsh, mksh, busybox; not POSIX): up to
 * width hex digits naming a Unicode code point, added as UTF-8.  With no
 * digit, or a number that is no character (a surrogate, above U+10FFFF),
 * the text stays as written; U+0000 is dropped like \x00. */
static void add_unicode_escape(struct lexer *lx, struct wbuild *wb, int u,
			       int width)
{
	char text[10];
	int n = 0;
	unsigned long cp = 0;
	while (n < width) {
		int d = rawc(lx);
		if (hexval(d) < 0) {
			unget(lx, d);
			break;
		}
		text[n++] = (char)d;
		cp = cp * 16 + (unsigned long)hexval(d);
	}
	if (n == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		wb_addc(wb, '\\', true);
		wb_addc(wb, u, true);
		for (int i = 0; i < n; i++)
			wb_addc(wb, text[i], true);
		return;
	}
	if (cp == 0)
		return;
	if (cp < 0x80) {
		wb_addc(wb, (int)cp, true);
	} else if (cp < 0x800) {
		wb_addc(wb, (int)(0xC0 | (cp >> 6)), true);
		wb_addc(wb, (int)(0x80 | (cp & 0x3F)), true);
	} else if (cp < 0x10000) {
		wb_addc(wb, (int)(0xE0 | (cp >> 12)), true);
		wb_addc(wb, (int)(0x80 | ((cp >> 6) & 0x3F)), true);
		wb_addc(wb, (int)(0x80 | (cp & 0x3F)), true);
	} else {
		wb_addc(wb, (int)(0xF0 | (cp >> 18)), true);
		wb_addc(wb, (int)(0x80 | ((cp >> 12) & 0x3F)), true);
		wb_addc(wb, (int)(0x80 | ((cp >> 6) & 0x3F)), true);
		wb_addc(wb, (int)(0x80 | (cp & 0x3F)), true);
	}
}

/* After "$'" (XCU 2.2.4, new in POSIX.1-2024): backslash escapes as in C.
 * A NUL cannot be part of a shell string and is dropped. */
static void parse_dollar_single(struct lexer *lx, struct wbuild *wb, int line)
{
	size_t before = wb->nadded;
	wb_mark_quote(wb);
	for (;;) {
		int c = rawc(lx);
		if (c < 0)
			lex_syntax_error(lx, line,
					 "syntax error: unterminated quoted string");
		if (c == '\'') {
			wb_add_empty_quotes(wb, before);
			return;
		}
		if (c != '\\') {
			wb_addc(wb, c, true);
			continue;
		}
		c = rawc(lx);
		int v = 0, n, d;
		switch (c) {
		case 'a': v = '\a'; break;
		case 'b': v = '\b'; break;
		case 'e': case 'E': v = 033; break;
		case 'f': v = '\f'; break;
		case 'n': v = '\n'; break;
		case 'r': v = '\r'; break;
		case 't': v = '\t'; break;
		case 'v': v = '\v'; break;
		case '\\': case '\'': case '"': case '?': v = c; break;
		case 'c':
			d = rawc(lx);
			if (d == '\\') {
				int e = rawc(lx);
				if (e != '\\')
					unget(lx, e);
			}
			if (d < 0) {
				v = 0;
				break;
			}
			v = d == '?' ? 0177 : (d & 037);
			break;
		case 'x':
			for (n = 0; n < 2; n++) {
				d = rawc(lx);
				if (hexval(d) < 0) {
					unget(lx, d);
					break;
				}
				v = v * 16 + hexval(d);
			}
			if (n == 0) {
				wb_addc(wb, '\\', true);
				v = 'x';
			}
			break;
		case 'u':
			add_unicode_escape(lx, wb, c, 4);
			continue;
		case 'U':
			add_unicode_escape(lx, wb, c, 8);
			continue;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7':
			v = c - '0';
			for (n = 1; n < 3; n++) {
				d = rawc(lx);
				if (d < '0' || d > '7') {
					unget(lx, d);
					break;
				}
				v = v * 8 + d - '0';
			}
			v &= 0xff;
			break;
		default:
			if (c < 0)
				continue;
			wb_addc(wb, '\\', true);
			v = c;
		}
		if (v)
			wb_addc(wb, v, true);
	}
}

/* After '$'.  quoted: inside double quotes (or a here-document body or
 * arithmetic); in_word: unquoted, where $'...' is recognised. */
static void parse_dollar(struct lexer *lx, struct wbuild *wb, bool quoted,
			 bool in_word)
{
	int line = cur_line(lx);
	int c = lgetc(lx);
	if (c == '{') {
		parse_braced(lx, wb, quoted, line);
		return;
	}
	if (c == '(') {
		int d = lgetc(lx);
		if (d == '(') {
			parse_arith(lx, wb, quoted, line);
			return;
		}
		unget(lx, d);
		struct wpart *p = new_part(WP_CMDSUB, quoted);
		p->u.cmdsub.body = parser_parse_cmdsub(lx);
		wb_addpart(wb, p);
		return;
	}
	const char *name;
	if (is_name_start(c)) {
		name = read_name(lx, c, false);
	} else if (is_digit(c)) {
		name = digit_names[c - '0'];
	} else if (special_name(c)) {
		name = special_name(c);
	} else if (LEX_DOLLAR_SINGLE && c == '\'' && in_word) {
		parse_dollar_single(lx, wb, line);
		return;
	} else {
		unget(lx, c);
		wb_addc(wb, '$', quoted);
		return;
	}
	struct wpart *p = new_part(WP_PARAM, quoted);
	p->u.param.name = name;
	p->u.param.op = PO_PLAIN;
	wb_addpart(wb, p);
}

static void scan(struct lexer *lx, struct wbuild *wb, enum scan_ctx ctx,
		 bool dq, int line)
{
	stack_check_parse();
	const bool q = ctx == SC_DQ || ctx == SC_HEREDOC || ctx == SC_ARITH ||
		       (ctx == SC_PARAM && dq);
	int depth = 0;
	/* The pattern of ${x//pat/rep} may start with '/' (bash: ${v////-}
	 * replaces each slash). */
	bool first = lx->param_slash_first;
	lx->param_slash_first = false;
	for (;;) {
		int c = lgetc(lx);
		if (ctx == SC_PARAM && c > 0 && c == lx->param_stop &&
		    !(first && c == '/')) {
			lx->param_ended = c;
			return;
		}
		first = false;
		switch (c) {
		case -1:
			switch (ctx) {
			case SC_WORD:
			case SC_REGEX:
			case SC_HEREDOC:
				return;
			case SC_DQ:
				lex_syntax_error(lx, line,
						 "syntax error: unterminated quoted string");
			case SC_PARAM:
				lex_syntax_error(lx, line,
						 "syntax error: missing '}'");
			case SC_ARITH:
				lex_syntax_error(lx, line,
						 "syntax error: missing '))'");
			}
			return;
		case '\\': {
			int d = rawc(lx);
			if (!q) {
				wb->has_quotes = true;
				wb_addc(wb, d < 0 ? '\\' : d, true);
				continue;
			}
			/* Inside double quotes a backslash quotes only these
			 * (XCU 2.2.3); elsewhere it stays. */
			if (d == '$' || d == '`' || d == '\\' ||
			    (d == '"' && ctx != SC_HEREDOC) ||
			    (d == '}' && ctx == SC_PARAM)) {
				wb_addc(wb, d, true);
				continue;
			}
			wb_addc(wb, '\\', true);
			unget(lx, d);
			continue;
		}
		case '\'':
			if (q)
				break;
			{
				int sline = cur_line(lx);
				size_t before = wb->nadded;
				wb_mark_quote(wb);
				for (;;) {
					int d = rawc(lx);
					if (d < 0)
						lex_syntax_error(lx, sline,
							"syntax error: unterminated quoted string");
					if (d == '\'')
						break;
					wb_addc(wb, d, true);
				}
				if (ctx == SC_WORD || ctx == SC_PARAM ||
				    ctx == SC_REGEX)
					wb_add_empty_quotes(wb, before);
			}
			continue;
		case '"':
			if (ctx == SC_DQ)
				return;
			if (ctx == SC_HEREDOC)
				break;
			if (ctx == SC_ARITH)
				break; /* literal: dash rejects $(( "1" )) */
			{
				size_t before = wb->nadded;
				wb_mark_quote(wb);
				scan(lx, wb, SC_DQ, true, cur_line(lx));
				if (ctx == SC_WORD || ctx == SC_PARAM ||
				    ctx == SC_REGEX)
					wb_add_empty_quotes(wb, before);
			}
			continue;
		case '$':
			parse_dollar(lx, wb, q, !q);
			continue;
		case '`':
			parse_backquote(lx, wb, q,
					ctx == SC_DQ || (ctx == SC_PARAM && dq),
					cur_line(lx));
			continue;
		case '}':
			if (ctx == SC_PARAM) {
				lx->param_ended = c;
				return;
			}
			break;
		case '(':
			if (ctx == SC_ARITH || ctx == SC_REGEX)
				depth++;
			else if (ctx == SC_WORD)
				goto stop;
			break;
		case ')':
			if (ctx == SC_REGEX) {
				if (depth == 0)
					goto stop;
				depth--;
				break;
			}
			if (ctx == SC_ARITH) {
				if (depth > 0) {
					depth--;
					break;
				}
				int d = lgetc(lx);
				if (d == ')')
					return;
				lex_syntax_error(lx, line,
						 "syntax error: missing '))'");
			}
			if (ctx == SC_WORD)
				goto stop;
			break;
		case ' ': case '\t': case '\n':
		case ';': case '&': case '|': case '<': case '>':
			if (ctx == SC_WORD)
				goto stop;
			if (ctx == SC_REGEX && depth == 0 && c != '|')
				goto stop;
			if (ctx == SC_REGEX && depth == 0) {
				/* a|b is an alternation; a || b ends the
				 * word (bash) */
				int d = lgetc(lx);
				unget(lx, d);
				if (d == '|')
					goto stop;
			}
			break;
		}
		wb_addc(wb, c, q);
		continue;
stop:
		unget(lx, c);
		return;
	}
}

/* ---- here-documents ------------------------------------------------------ */
struct heredoc {
	struct heredoc *next;
	struct redir *r;
	const char *delim;
	size_t dlen;
	bool strip_tabs;
	bool quoted;
	int line;
};

static bool is_meta(int c)
{
	return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == ';' ||
	       c == '&' || c == '|' || c == '<' || c == '>' || c == '(' ||
	       c == ')';
}

void lex_heredoc(struct lexer *lx, struct redir *r, bool strip_tabs, int line)
{
	int c;
	int dline;
	do {
		dline = cur_line(lx);
		c = lgetc(lx);
	} while (c == ' ' || c == '\t');
	if (is_meta(c)) {
		char op[2] = { (char)c, 0 };
		if (c < 0)
			lex_syntax_error(lx, dline,
					 "syntax error: unexpected end of file");
		lex_syntax_error(lx, dline, "syntax error: unexpected '%s'",
				 c == '\n' ? "newline" : op);
	}
	/* The delimiter is the word after quote removal, with nothing
	 * expanded; any quoting makes the body literal (XCU 2.7.4). */
	bool quoted = false;
	size_t start = scratch_top;
	for (;; c = lgetc(lx)) {
		if (is_meta(c)) {
			unget(lx, c);
			break;
		}
		if (c == '\\') {
			quoted = true;
			c = rawc(lx);
			if (c < 0)
				c = '\\';
		} else if (c == '\'') {
			quoted = true;
			while ((c = rawc(lx)) != '\'') {
				if (c < 0)
					lex_syntax_error(lx, dline,
						"syntax error: unterminated quoted string");
				scratch_put(c);
			}
			continue;
		} else if (c == '"') {
			quoted = true;
			while ((c = lgetc(lx)) != '"') {
				if (c < 0)
					lex_syntax_error(lx, dline,
						"syntax error: unterminated quoted string");
				if (c == '\\') {
					int d = rawc(lx);
					if (d == '$' || d == '`' || d == '"' ||
					    d == '\\')
						c = d;
					else
						unget(lx, d);
				}
				scratch_put(c);
			}
			continue;
		}
		scratch_put(c);
	}
	struct heredoc *h = talloc(sizeof *h);
	h->next = NULL;
	h->r = r;
	h->dlen = scratch_top - start;
	h->delim = tstrndup(scratch + start, h->dlen);
	scratch_top = start;
	h->strip_tabs = strip_tabs;
	h->quoted = quoted;
	h->line = line;
	r->heredoc_quoted = quoted;
	r->target = NULL;
	*lx->hd_tail = h;
	lx->hd_tail = &h->next;
}

/* Reads one body: whole lines up to the delimiter line (or the end of
 * input, as dash does).  In an unquoted body a \<newline> joins lines, so
 * the line after it is never the delimiter. */
static void read_heredoc_body(struct lexer *lx, struct heredoc *h)
{
	size_t start = scratch_top;
	int body_line = cur_line(lx);
	bool joined = false;
	bool special = false; /* $ ` or \ seen: the body needs lexing */
	for (;;) {
		size_t ls = scratch_top;
		int c = rawc(lx);
		/* <<- strips tabs at the start of a line of the input, not
		 * after a \<newline> that joined it to the previous one. */
		if (h->strip_tabs && !joined)
			while (c == '\t')
				c = rawc(lx);
		while (c != '\n' && c >= 0) {
			if (c == '$' || c == '`' || c == '\\')
				special = true;
			scratch_put(c);
			c = rawc(lx);
		}
		size_t n = scratch_top - ls;
		if (!joined && n == h->dlen &&
		    memcmp(scratch + ls, h->delim, n) == 0) {
			scratch_top = ls;
			break;
		}
		if (c < 0 && n == 0)
			break;
		joined = false;
		if (!h->quoted) {
			size_t k = 0;
			while (k < n && scratch[scratch_top - 1 - k] == '\\')
				k++;
			joined = k % 2 == 1;
		}
		scratch_put('\n');
		if (c < 0)
			break;
	}
	size_t len = scratch_top - start;
	struct word *w = talloc(sizeof *w);
	w->next = NULL;
	w->has_quotes = true;
	w->parts = NULL;
	if (len > 0 && (h->quoted || !special)) {
		struct wpart *p = new_part(WP_LIT, true);
		p->u.lit.text = tstrndup(scratch + start, len);
		p->u.lit.len = len;
		w->parts = p;
	} else if (len > 0) {
		scratch_put('\0');
		struct input *sub = input_from_string(scratch + start,
						      input_name(lx->in),
						      body_line);
		scratch_top = start;
		struct unwind_point up;
		if (sigsetjmp(up.env, 0)) {
			input_free(sub);
			sh_raise(exc_raised);
		}
		unwind_push(&up);
		struct lexer sublx;
		lex_init(&sublx, sub);
		w = scan_nested(&sublx, SC_HEREDOC, false, body_line);
		w->has_quotes = true;
		unwind_pop(&up);
		input_free(sub);
	}
	scratch_top = start;
	h->r->target = w;
}

static void *scan_text_word(struct input *in, void *unused)
{
	(void)unused;
	struct lexer lx;
	lex_init(&lx, in);
	struct word *w = scan_nested(&lx, SC_HEREDOC, false, 1);
	w->has_quotes = true;
	return w;
}

struct word *lex_text_word(const char *s, const char *name)
{
	return input_with_string(s, name, 1, scan_text_word, NULL);
}

static void read_heredocs(struct lexer *lx)
{
	struct heredoc *h = lx->hd_head;
	lx->hd_head = NULL;
	lx->hd_tail = &lx->hd_head;
	for (; h; h = h->next)
		read_heredoc_body(lx, h);
}

/* ---- tokens -------------------------------------------------------------- */
void lex_init(struct lexer *lx, struct input *in)
{
	lx->in = in;
	lx->hd_head = NULL;
	lx->hd_tail = &lx->hd_head;
	lx->param_stop = 0;
	lx->param_ended = 0;
	lx->param_slash_first = false;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!is_digit(*s))
			return false;
	return true;
}

/* The operator starting with c (already read). */
static enum tok_kind lex_operator(struct lexer *lx, int c)
{
	/* Nothing can follow a parenthesis in the same operator: do not
	 * read ahead (an interactive line may end right there). */
	if (c == '(')
		return TK_LPAREN;
	if (c == ')')
		return TK_RPAREN;
	int d = lgetc(lx);
	switch (c) {
	case ';':
		if (d == ';')
			return TK_DSEMI;
		if (d == '&')
			return TK_SEMIAND;
		unget(lx, d);
		return TK_SEMI;
	case '&':
		if (d == '&')
			return TK_AND_IF;
		unget(lx, d);
		return TK_AMP;
	case '|':
		if (d == '|')
			return TK_OR_IF;
		unget(lx, d);
		return TK_PIPE;
	case '<':
		if (d == '<') {
			int e = lgetc(lx);
			if (e == '-')
				return TK_DLESSDASH;
			unget(lx, e);
			return TK_DLESS;
		}
		if (d == '&')
			return TK_LESSAND;
		if (d == '>')
			return TK_LESSGREAT;
		unget(lx, d);
		return TK_LESS;
	case '>':
		if (d == '>')
			return TK_DGREAT;
		if (d == '&')
			return TK_GREATAND;
		if (d == '|')
			return TK_CLOBBER;
		unget(lx, d);
		return TK_GREAT;
	}
	unget(lx, d);
	return TK_EOF;
}

/* Makes t the word token just scanned into wb: a tilde-prefix at its
 * start split off, and its text when it is one plain literal (for
 * reserved words, names and aliases). */
static void word_token(struct token *t, struct word *w, size_t first_quote)
{
	tilde_word_start(w, first_quote);
	t->kind = TK_WORD;
	t->word = w;
	if (w->parts && !w->parts->next && w->parts->kind == WP_LIT &&
	    !w->parts->quoted && !w->has_quotes)
		t->text = w->parts->u.lit.text;
}

void lex_next(struct lexer *lx, struct token *t)
{
	int c;
	t->io_number = -1;
	t->word = NULL;
	t->text = NULL;
	lx->param_stop = 0; /* a syntax error may have left one */
	lx->param_slash_first = false;
	do {
		t->line = cur_line(lx);
		c = lgetc(lx);
	} while (c == ' ' || c == '\t');
	t->after_blank_alias = input_alias_ended_blank(lx->in);
	if (c == '#') {
		do
			c = rawc(lx);
		while (c != '\n' && c >= 0);
	}
	switch (c) {
	case -1:
		if (lx->hd_head)
			read_heredocs(lx);
		t->kind = TK_EOF;
		return;
	case '\n':
		if (lx->hd_head)
			read_heredocs(lx);
		t->kind = TK_NEWLINE;
		return;
	case ';': case '&': case '|': case '<': case '>': case '(': case ')':
		t->kind = lex_operator(lx, c);
		return;
	}
	unget(lx, c);
	struct wbuild wb;
	wb_init(&wb);
	scan(lx, &wb, SC_WORD, false, t->line);
	struct word *w = wb_word(&wb);
	word_token(t, w, wb.first_quote);
	/* IO_NUMBER: digits right before < or > (XCU 2.10.1). */
	if (t->text && w->parts->u.lit.len <= 9 && all_digits(t->text)) {
		c = rawc(lx);
		if (c == '<' || c == '>') {
			t->io_number = atoi(t->text);
			t->kind = lex_operator(lx, c);
			t->word = NULL;
			t->text = NULL;
			return;
		}
		unget(lx, c);
	}
}

void lex_regex_word(struct lexer *lx, struct token *t)
{
	int c;
	t->io_number = -1;
	t->word = NULL;
	t->text = NULL;
	t->after_blank_alias = false;
	do {
		t->line = cur_line(lx);
		c = lgetc(lx);
	} while (c == ' ' || c == '\t');
	unget(lx, c);
	struct wbuild wb;
	wb_init(&wb);
	scan(lx, &wb, SC_REGEX, false, t->line);
	struct word *w = wb_word(&wb);
	if (!w->parts && !w->has_quotes) {
		/* nothing there: the operator, newline or end comes next */
		lex_next(lx, t);
		return;
	}
	word_token(t, w, wb.first_quote);
}

bool lex_expand_alias(struct lexer *lx, const char *name)
{
	const struct alias *a = alias_lookup(name);
	if (!a || input_pushed_tag_active(lx->in, a))
		return false;
	input_push(lx->in, a->value, a);
	return true;
}
