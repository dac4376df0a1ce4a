/* ast.h - the parsed program: commands (struct node) and words (struct word).
 *
 * The parser builds these in the command arena; the executor and expander
 * only read them.  A function definition's body is copied out with
 * ast_copy() into an arena of its own so it outlives the command that
 * defined it (dash's copyfunc, yash's refcounted trees).
 *
 * Words keep their structure instead of an encoded string: a word is a list
 * of parts, each literal text or an expansion, each marked quoted or not.
 * The expander needs nothing else: quoted parts are neither split nor
 * globbed, and a word with any quoted part yields a field even when empty. */
#ifndef TINE_AST_H
#define TINE_AST_H

#include <stdbool.h>
#include <stddef.h>

struct node;
struct word;

enum wpart_kind {
	WP_LIT,    /* literal text */
	WP_TILDE,  /* ~ or ~user at the start of a word (or after : / = in an
	            * assignment); text is the user name, "" for plain ~ */
	WP_PARAM,  /* $name, ${...} */
	WP_CMDSUB, /* $( ) or ` ` */
	WP_ARITH,  /* $(( )) */
};

enum param_op {
	PO_PLAIN,        /* $x ${x} */
	PO_LENGTH,       /* ${#x} */
	PO_DEFAULT,      /* ${x-w}  ${x:-w} */
	PO_ASSIGN,       /* ${x=w}  ${x:=w} */
	PO_ERROR,        /* ${x?w}  ${x:?w} */
	PO_ALTERNATE,    /* ${x+w}  ${x:+w} */
	PO_TRIM_SUFFIX,  /* ${x%w} */
	PO_TRIM_SUFFIX_LONG, /* ${x%%w} */
	PO_TRIM_PREFIX,  /* ${x#w} */
	PO_TRIM_PREFIX_LONG, /* ${x##w} */
	/* A malformed ${...} (${!x}, ${x;}): name holds the text between the
	 * braces, and expanding it is the error "bad substitution"; parsing
	 * it is not, so a script may hold another shell's syntax in a branch
	 * it never takes (dash, bash). */
	PO_BAD,
	/* Not POSIX; bash, ksh, mksh, zsh and busybox ash have them. */
	PO_SUBSTR,       /* ${x:off} ${x:off:len}: arg off, arg2 len */
	PO_REPLACE,      /* ${x/pat/rep}: arg pat, arg2 rep (may be NULL) */
	PO_REPLACE_ALL,  /* ${x//pat/rep} */
	PO_REPLACE_PREFIX, /* ${x/#pat/rep} */
	PO_REPLACE_SUFFIX, /* ${x/%pat/rep} */
};

struct wpart {
	enum wpart_kind kind;
	/* Inside "..." (or, for WP_LIT, from '...' or a backslash escape).
	 * Quoted text is not split, not globbed, and is literal in patterns. */
	bool quoted;
	struct wpart *next;
	union {
		struct {            /* WP_LIT, WP_TILDE */
			const char *text;
			size_t len;
		} lit;
		struct {            /* WP_PARAM */
			const char *name; /* "x", "10", "@", "*", "#", "?", "-", "$", "!", "0" */
			enum param_op op;
			bool colon;       /* ${x:-w} and friends: empty counts as unset */
			struct word *arg; /* the word after the operator; may be NULL.
			                   * Its parts' quoted flags are final: inside
			                   * "${x-$y}" they are quoted. */
			struct word *arg2; /* PO_SUBSTR's length, PO_REPLACE*'s
			                    * replacement; NULL when absent */
		} param;
		struct {            /* WP_CMDSUB */
			struct node *body; /* NULL for $( ) with nothing in it */
		} cmdsub;
		struct {            /* WP_ARITH */
			struct word *expr; /* expanded as in double quotes, then evaluated */
		} arith;
	} u;
};

struct word {
	struct wpart *parts;  /* NULL for an empty word (only from '' etc. -
	                       * then has_quotes is true) */
	struct word *next;    /* next word in a list (args, for-list, patterns) */
	bool has_quotes;      /* any quoting at all: '' "" \ (for "" -> one
	                       * empty field, and here-doc delimiters) */
};

/* name=value before a command, or as an argument of export/readonly/local
 * (those are parsed as plain words; the executor splits them). */
struct assign {
	const char *name;
	struct word *value;   /* tildes after = and : are already WP_TILDE parts */
	struct assign *next;
};

enum redir_kind {
	REDIR_IN,        /* <   */
	REDIR_OUT,       /* >   */
	REDIR_CLOBBER,   /* >|  */
	REDIR_APPEND,    /* >>  */
	REDIR_RDWR,      /* <>  */
	REDIR_DUP_IN,    /* <&  (target "-" closes) */
	REDIR_DUP_OUT,   /* >&  (target "-" closes) */
	REDIR_HEREDOC,   /* << and <<- (tabs already stripped by the lexer) */
};

struct redir {
	enum redir_kind kind;
	int fd;               /* the fd redirected (defaults filled in: 0 or 1) */
	struct word *target;  /* file name or fd word; for REDIR_HEREDOC the body:
	                       * when heredoc_quoted, one literal part; otherwise
	                       * parts as in double quotes where only $, ` and \
	                       * are special */
	bool heredoc_quoted;  /* the delimiter had quotes: no expansion */
	struct redir *next;
};

enum node_kind {
	NODE_SIMPLE,   /* assignments, words, redirections */
	NODE_PIPE,     /* a | b | c */
	NODE_NOT,      /* ! pipeline */
	NODE_AND,      /* a && b */
	NODE_OR,       /* a || b */
	NODE_SEQ,      /* a ; b  (and newline) */
	NODE_BG,       /* a &  (body is the and-or list) */
	NODE_SUBSHELL, /* ( list ) */
	NODE_BRACE,    /* { list; } */
	NODE_IF,
	NODE_WHILE,
	NODE_UNTIL,
	NODE_FOR,
	NODE_CASE,
	NODE_FUNCDEF,  /* name() compound-command */
	NODE_TIME,     /* time [-p] pipeline (reserved word, bash/ksh) */
	NODE_COND,     /* [[ expression ]] (bash, ksh, zsh, mksh) */
};

/* The expression of [[ ]]: words are expanded only when the evaluator
 * reaches them (&& and || short-circuit), never split or globbed. */
enum cond_kind {
	COND_AND,    /* left && right */
	COND_OR,     /* left || right */
	COND_NOT,    /* ! left */
	COND_WORD,   /* a lone word: true when it expands to non-empty */
	COND_UNARY,  /* op a: -f a, -z a, -o name, -v name */
	COND_BINARY, /* a op b; for == = != b is a pattern, for =~ an ERE */
};

struct cond {
	enum cond_kind kind;
	const char *op;           /* COND_UNARY, COND_BINARY: "-f", "==", "=~" */
	struct word *a, *b;       /* operands (b for COND_BINARY) */
	struct cond *left, *right; /* COND_AND, COND_OR; COND_NOT: left */
};

struct case_item {
	struct word *patterns;  /* linked by word.next */
	struct node *body;      /* may be NULL */
	bool fallthrough;       /* ended by ;& instead of ;; */
	struct case_item *next;
};

struct node {
	enum node_kind kind;
	int lineno;             /* line where the command starts */
	struct redir *redirs;   /* simple and compound commands; NULL otherwise */
	union {
		struct {                   /* NODE_SIMPLE */
			struct assign *assigns;
			struct word *args;     /* linked by word.next; NULL if none */
		} simple;
		struct {                   /* NODE_PIPE */
			struct node **cmds;
			int ncmds;             /* >= 2 */
		} pipe;
		struct {                   /* NODE_AND, NODE_OR, NODE_SEQ */
			struct node *left, *right;
		} binary;
		struct {                   /* NODE_NOT, NODE_BG, NODE_SUBSHELL,
		                            * NODE_BRACE, NODE_TIME */
			struct node *body;     /* NODE_TIME: may be NULL (bare `time`) */
			bool posix_format;     /* NODE_TIME: -p */
		} unary;
		struct {                   /* NODE_IF: elif chains nest in els */
			struct node *cond, *then, *els;
		} ifn;
		struct {                   /* NODE_WHILE, NODE_UNTIL */
			struct node *cond, *body;
		} loop;
		struct {                   /* NODE_FOR */
			const char *var;
			struct word *words;    /* the list after `in` */
			bool has_in;           /* false: iterate over "$@" */
			struct node *body;
		} forn;
		struct {                   /* NODE_CASE */
			struct word *subject;
			struct case_item *items;
		} casen;
		struct {                   /* NODE_COND */
			struct cond *expr;
		} cond;
		struct {                   /* NODE_FUNCDEF */
			const char *name;
			struct node *body;     /* a compound command (with its redirs) */
		} func;
	} u;
};

struct arena;

/* Deep-copies a tree into arena a (for function bodies). */
struct node *ast_copy(struct arena *a, const struct node *n);

/* Appends shell source text for n to sb (for `type`, jobs, set -x of
 * compound commands); the text re-parses to an equal tree. */
struct strbuf;
void ast_format(struct strbuf *sb, const struct node *n);
void ast_format_word(struct strbuf *sb, const struct word *w);

#endif
