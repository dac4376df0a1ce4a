/* parser.h - recursive descent from tokens to ast.h trees (XCU 2.10).
 * Parses one complete command at a time, so an alias defined on one line
 * applies to the next. */
#ifndef TINE_PARSER_H
#define TINE_PARSER_H

#include "ast.h"

struct input;

enum parse_result {
	PARSE_COMMAND, /* *out is a command (never NULL) */
	PARSE_EMPTY,   /* a blank or comment-only line: nothing to run */
	PARSE_EOF,     /* end of input */
};

/* Parses the next complete command (up to a newline at top level, with its
 * here-document bodies) into the command arena.  A syntax error is reported
 * as "syntax error: unexpected 'fi'" (or "end of file") with the source
 * name and line, and raises EXC_ERROR via sh_error (status 2). */
enum parse_result parse_next(struct input *in, struct node **out);

/* Parses all of s (for eval-like callers that want one tree, e.g. trap
 * actions); NULL if s holds no command.  Errors as parse_next. */
struct node *parse_string(const char *s, const char *name, int first_line);

/* A prompt-like string (PS1, PS2, PS4) as one word read like an unquoted
 * here-document body (lex_text_word), in the command arena; give it to
 * expand_heredoc.  Errors as parse_next. */
struct word *parse_text_word(const char *s, const char *name);

/* True if s is a valid name (XCU 3.216: [A-Za-z_][A-Za-z0-9_]*). */
bool is_name(const char *s);
/* True if s is a reserved word. */
bool is_reserved_word(const char *s);

#endif
