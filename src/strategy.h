/* strategy.h - which launch strategy starts the shell's programs.
 *
 * Owns: the shell-wide strategy (the `spawn` option, the SPAWN variable,
 * TINE_SPAWN at start-up), the strategy of one command (a SPAWN=NAME
 * prefix assignment), reading strategy names and the one message for an
 * unknown name.  vars.c and options.c reach it through their hook tables
 * (strategy_init registers them); they know no strategy.
 * Must not: know how a strategy works (launch.h does). */
#ifndef TINE_STRATEGY_H
#define TINE_STRATEGY_H

#include <stdbool.h>

#include "launch.h"

/* Registers SPAWN and spawn=NAME with vars.c and options.c and takes
 * TINE_SPAWN from the environment.  Called once, before var_init. */
void strategy_init(void);

/* The strategy programs are launched with, unless one command says
 * otherwise. */
enum launch_strategy strategy_current(void);
/* The user named the shell-wide strategy (TINE_SPAWN, SPAWN=, set -o
 * spawn=): then every program is launched with it, none is exec'd in
 * the shell's place to save a process. */
bool strategy_chosen(void);

/* Reads a strategy name.  For an unknown name prints "WHO: unknown
 * strategy 'NAME' (valid: fork, vfork, ...)" and returns false. */
bool strategy_parse(const char *who, const char *name,
		    enum launch_strategy *out);
/* "fork, vfork, clone, posix_spawn": the names, for messages. */
const char *strategy_names(void);

/* True for a "SPAWN=..." prefix assignment. */
bool strategy_is_assignment(const char *assign);
/* Takes every SPAWN=NAME out of a command's n prefix assignments and
 * puts the last one's strategy in *strategy (left alone without one).
 * False, after the message, for an unknown name. */
bool strategy_take_assignments(char **assigns, int *n,
			       enum launch_strategy *strategy);

#endif
