/* interactive.h - the interactive layer's door: line editing (readline),
 * prompts, history and completion, as the core's input reader hook
 * (input.h's input_reader_fn) and a few questions start-up and builtins
 * ask.  The core (lexer, parser, expander, executor, launch) never
 * includes this or anything under src/interactive/. */
#ifndef TINE_INTERACTIVE_H
#define TINE_INTERACTIVE_H

#include <stdbool.h>

/* The reader for an interactive shell: prints PS1 or PS2 (expanded), reads
 * one line (readline when ctx is non-NULL, i.e. stdin is a terminal; else
 * plain reads), feeds history, handles end of input (ignoreeof, stopped
 * jobs).  An input_reader_fn. */
char *interactive_read_line(void *ctx, bool continuation);

/* The number of the command being read or run (PS1's \#), counting from 1. */
int interactive_command_number(void);

/* exit, logout and end of input ask this first: false (after printing
 * "There are stopped jobs.") on the first attempt while jobs are stopped;
 * true on the attempt right after (bash). */
bool interactive_may_exit(void);

/* Called once when an interactive shell ends: history file trimmed. */
void interactive_finish(void);

#endif
