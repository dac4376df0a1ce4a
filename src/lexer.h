/* lexer.h - tokens of the shell language (XCU 2.3): operators, words with
 * their quoting and expansions already structured (ast.h struct word),
 * here-document bodies, alias substitution on request.
 *
 * Only the parser uses this header.  Reserved words are not a token kind:
 * whether `fi` is reserved depends on where it stands, so the parser looks
 * at token.text. */
#ifndef TINE_LEXER_H
#define TINE_LEXER_H

#include <stdbool.h>

#include "ast.h"

struct input;

enum tok_kind {
	TK_EOF,
	TK_NEWLINE,
	TK_WORD,
	TK_SEMI,       /* ;  */
	TK_DSEMI,      /* ;; */
	TK_SEMIAND,    /* ;& */
	TK_AMP,        /* &  */
	TK_AND_IF,     /* && */
	TK_PIPE,       /* |  */
	TK_OR_IF,      /* || */
	TK_LPAREN,     /* (  */
	TK_RPAREN,     /* )  */
	/* Redirection operators, in the order of enum redir_kind. */
	TK_LESS,       /* <  */
	TK_GREAT,      /* >  */
	TK_CLOBBER,    /* >| */
	TK_DGREAT,     /* >> */
	TK_LESSGREAT,  /* <> */
	TK_LESSAND,    /* <& */
	TK_GREATAND,   /* >& */
	TK_DLESS,      /* << */
	TK_DLESSDASH,  /* <<- */
};

struct token {
	enum tok_kind kind;
	int line;             /* line of the token's first byte */
	int io_number;        /* redirection operators: the fd written right
	                       * before it (IO_NUMBER), or -1 */
	struct word *word;    /* TK_WORD, in the command arena */
	/* TK_WORD made of one unquoted literal (no quotes, no expansions):
	 * its text, for reserved words, names, assignments and aliases.
	 * NULL otherwise. */
	const char *text;
	/* The word follows an alias value that ended in a blank, so it is
	 * alias-checked even outside command position (XCU 2.3.1). */
	bool after_blank_alias;
};

struct heredoc;

struct lexer {
	struct input *in;
	/* Here-documents whose bodies start after the next newline. */
	struct heredoc *hd_head, **hd_tail;
	/* Inside ${x:off:len} and ${x/pat/rep}: the byte that also ends the
	 * word being read (':' or '/', 0 for none), and what ended it. */
	int param_stop, param_ended;
	bool param_slash_first; /* the next such word may start with '/' */
};

void lex_init(struct lexer *lx, struct input *in);

/* Reads the next token.  A newline token reads the pending here-document
 * bodies first.  Syntax errors (unterminated quotes, bad ${...}) go
 * through sh_error. */
void lex_next(struct lexer *lx, struct token *tok);

/* Reads the word after =~ in [[ ]], where ( ) nest and | and blanks
 * inside them are part of the regular expression.  When no word is
 * there, reads the next token as lex_next does. */
void lex_regex_word(struct lexer *lx, struct token *t);

/* Alias substitution for the word just read (text of a token): pushes the
 * value back into the input and returns true when name is an alias not
 * already being expanded; the caller then reads the next token again. */
bool lex_expand_alias(struct lexer *lx, const char *name);

/* Right after a << or <<- token: reads the delimiter word and queues r,
 * whose target (the body) and heredoc_quoted are filled in when the next
 * newline is read.  strip_tabs for <<-. */
void lex_heredoc(struct lexer *lx, struct redir *r, bool strip_tabs, int line);

/* Splits tilde-prefixes after the '=' and each unquoted ':' of an
 * assignment value into WP_TILDE parts (the parser calls it once it knows
 * a word is an assignment). */
void lex_assign_tildes(struct word *value);

/* Reads a whole string as an unquoted here-document body is read: $
 * expansions, command substitutions and arithmetic, with \ quoting only
 * $ ` \ and newline; nothing else is special.  For prompts (PS1, PS2,
 * PS4) through parse_text_word.  Errors through sh_error. */
struct word *lex_text_word(const char *s, const char *name);

/* Forgets scratch space left behind by an earlier command (after an
 * error unwound through the lexer).  Only parse_next calls it. */
void lex_reset_scratch(void);

/* The source text of an operator token ("&&", "newline", "end of file"),
 * for error messages. */
const char *lex_token_name(enum tok_kind kind);

/* Reports a syntax error at line (sets error_line, error_source). */
_Noreturn void lex_syntax_error(struct lexer *lx, int line, const char *fmt,
				...) __attribute__((format(printf, 3, 4)));

/* Implemented by the parser, called by the lexer for $( ... ): parses a
 * command list up to and including the closing ')', from the lexer's
 * input.  NULL when there is no command inside. */
struct node *parser_parse_cmdsub(struct lexer *lx);

#endif
