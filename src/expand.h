/* expand.h - word expansion in POSIX order (XCU 2.6): tilde, parameter,
 * command substitution, arithmetic, field splitting, pathname expansion,
 * quote removal.  Results live in the command arena.  Errors (${x?},
 * bad arithmetic, set -u) go through sh_error. */
#ifndef TINE_EXPAND_H
#define TINE_EXPAND_H

#include <stdbool.h>
#include "ast.h"

struct strbuf;

/* Expands a list of words (linked by next) into fields: every step.
 * Returns a NULL-terminated array in the command arena; *count gets the
 * number of fields. */
char **expand_fields(const struct word *words, int *count);
/* The words of a simple command: as expand_fields, except that when the
 * command name (after any `command`) is a declaration utility (export,
 * readonly, local), each operand written NAME=value expands as an
 * assignment: tildes after = and :, no splitting, no globbing (XCU
 * 2.9.1.1). */
char **expand_command(const struct word *words, int *count);

/* One word to one string, without field splitting or pathname expansion:
 * assignment values, redirection targets, case subjects, for `"$@"` the
 * fields joined by a space. */
char *expand_word(const struct word *w);

/* A word to a pattern for case, ${x#w}, [[ ]]: like expand_word, but
 * characters that came from quotes are backslash-escaped so the matcher
 * takes them literally. */
char *expand_pattern(const struct word *w);

/* The same for the extended regular expression after [[ =~: quoted
 * characters that regcomp would take as special are backslash-escaped. */
char *expand_regex(const struct word *w);

/* A here-document body (unquoted delimiter): parameter, command and
 * arithmetic expansion only. */
char *expand_heredoc(const struct word *body);

/* True if expanding these words could change shell state (${x=},
 * arithmetic assignment, ${x?} exit, set -u failure): such words must be
 * expanded in the subshell, not in the parent, when launching a pipeline
 * member, a background command or a command substitution directly.  The
 * words of redirections include here-document bodies. */
bool words_expansion_has_effects(const struct word *words);
bool assigns_expansion_has_effects(const struct assign *a);
bool redirs_expansion_has_effects(const struct redir *r);

#endif
