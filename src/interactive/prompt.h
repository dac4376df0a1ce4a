/* prompt.h - PS1, PS2 and the right prompt (RPS1): bash's backslash
 * escapes, POSIX's `!`, then parameter expansion, command substitution and
 * arithmetic.  Interactive layer; the core never includes it. */
#ifndef TINE_INTERACTIVE_PROMPT_H
#define TINE_INTERACTIVE_PROMPT_H

#include <stdbool.h>
#include <stdio.h>

/* The prompt held in variable var (dflt when unset), expanded, malloc'd.
 * for_readline: \[ \] become readline's invisible-text markers (\001
 * \002); otherwise they vanish.  A prompt that fails to expand gives one
 * message and comes back as the variable's raw text; $? is kept. */
char *prompt_expand(const char *var, const char *dflt, bool for_readline);
/* RPS1 (or zsh's RPROMPT) expanded for readline; NULL when unset. */
char *prompt_expand_right(void);
/* The escapes alone (no expansion): for tests and for \[ \] handling. */
char *prompt_decode(const char *raw, bool for_readline);
/* Columns a prompt takes: text between \001 and \002 does not count. */
int prompt_width(const char *s);
/* Writes s without the \001 \002 markers. */
void prompt_write_visible(const char *s, FILE *f);

#endif
