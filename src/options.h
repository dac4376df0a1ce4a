/* options.h - shell options from options.def, plus options with a value
 * rather than on/off (spawn=NAME, registered by strategy.c). */
#ifndef TINE_OPTIONS_H
#define TINE_OPTIONS_H

#include <stdbool.h>

enum option_index {
#define OPTION(name, letter) OPT_##name,
#include "options.def"
#undef OPTION
	OPT_COUNT
};

struct option_info {
	const char *name;
	char letter;
};

extern bool shell_opts[OPT_COUNT];
extern const struct option_info option_table[OPT_COUNT];

#define OPT(name) (shell_opts[OPT_##name])

/* Index of the option with this letter or long name, or -1. */
int option_by_letter(char c);
int option_by_name(const char *name);
/* Sets an option, with its side effects (emacs/vi exclusive, monitor). */
void option_set(int index, bool on);
/* True when the real and effective user or group ids differ (a set-id
 * shell). */
bool option_ids_differ(void);
/* Gives up the effective ids for the real ones: a set-id shell without
 * -p at start, and set +p (dash, bash). */
void option_drop_privileges(void);
/* fn(on) runs after every set -m / +m: job control owns what follows
 * (main.c registers it; options know nothing of jobs or traps). */
void option_on_monitor_change(void (*fn)(bool on));

/* The value of $- (static buffer). */
const char *option_letters(void);

/* An option with a value, kept by its owner: `set -o NAME=value` calls
 * set (false after its message), the listings show get(). */
struct option_value {
	const char *name;
	const char *(*get)(void);
	bool (*set)(const char *value);
};
/* Registers o (a static object) at start-up. */
void option_add_value(const struct option_value *o);

/* True for a name set -o accepts: an option, NAME=value for a valued
 * option (spawn=NAME), or posix (a no-op: bash's request for what tine
 * always is). */
bool option_name_known(const char *arg);
/* set -o NAME / +o NAME, including spawn=NAME; returns false (after an
 * error message) for an unknown name. */
bool option_set_by_name(const char *arg, bool on);
/* `set -o` (human) or `set +o` (re-inputtable) listing to stdout. */
void option_list(bool reinput);

#endif
