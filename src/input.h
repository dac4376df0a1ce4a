/* input.h - where shell source comes from: a file descriptor (script, stdin),
 * a string (-c, eval, trap actions, .), or a line reader (the interactive
 * editor).  Tracks line numbers and accepts pushed-back text (alias values).
 * Knows nothing about tokens. */
#ifndef TINE_INPUT_H
#define TINE_INPUT_H

#include <stdbool.h>

struct input;

/* Reads fd (not closed by input_free unless close_fd).  name is what errors
 * call the source (script path), or NULL. */
struct input *input_from_fd(int fd, const char *name, bool close_fd);
/* Reads a NUL-terminated string (copied); lines count from first_line. */
struct input *input_from_string(const char *s, const char *name, int first_line);
/* Reads lines from a callback, e.g. readline with PS1/PS2.  The callback
 * returns a malloc'd line without its newline, or NULL at end of input;
 * continuation is true when the parser needs more of an unfinished command
 * (PS2). */
typedef char *input_reader_fn(void *ctx, bool continuation);
struct input *input_from_reader(input_reader_fn *fn, void *ctx, const char *name);
void input_free(struct input *in);
/* fn(in, arg) on a string input (as input_from_string), which is freed
 * afterwards, also when fn raises an error: the parser's and the lexer's
 * way into a string. */
void *input_with_string(const char *s, const char *name, int first_line,
			void *(*fn)(struct input *in, void *arg), void *arg);

const char *input_name(const struct input *in);
int input_lineno(const struct input *in);

/* The next byte, or -1 at end of input.  Pushed-back text comes first. */
int input_getc(struct input *in);
/* Gives back the last byte read (one level is enough for the lexer). */
void input_ungetc(struct input *in, int c);
/* Pushes text to be read before the rest (alias expansion).  tag identifies
 * the alias so the lexer can avoid expanding it recursively; it is reported
 * by input_pushed_tag() while any of that text remains unread. */
void input_push(struct input *in, const char *text, const void *tag);
bool input_pushed_tag_active(const struct input *in, const void *tag);
/* True when the text just consumed ended a pushed alias value whose last
 * character was a blank (POSIX: the next word is alias-checked too). */
bool input_alias_ended_blank(const struct input *in);

/* After a syntax error in an interactive shell: drop the rest of the line. */
void input_discard_line(struct input *in);
/* For a shell reading commands from a seekable stdin shared with the
 * commands it runs: seek back over bytes buffered but not yet parsed, so a
 * command like `read` sees them.  A no-op for other inputs. */
void input_give_back_unread(struct input *in);
/* The parser calls this before each new command: the next line read is a
 * first line (the reader gets continuation=false, PS1); every later line
 * until the next call is a continuation (PS2).  Also forgets an end of
 * input seen during the previous command (ignoreeof, a terminal's ^D). */
void input_begin_command(struct input *in);
/* True when the source is the interactive reader (PS2 prompting). */
bool input_is_interactive(const struct input *in);
/* The text ran out while the command just parsed was read: nothing of
 * it is left (given back or pushed), so that command is the last. */
bool input_ended(const struct input *in);

#endif
