/* options.c - the shell options (the table comes from options.def) and
 * options with a value (spawn=NAME), whose owners register them.
 *
 * Owns: shell_opts[], lookups by letter and name, $-, the side effects of
 * changing an option (emacs/vi exclusion, job control), the `set -o` and
 * `set +o` listings.
 * Must not: parse builtin command lines (set/setopt live in
 * builtins/vardefs.c) or keep a valued option itself (strategy.c keeps
 * spawn). */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

bool shell_opts[OPT_COUNT];

/* The valued options, in registration order (one today: spawn). */
#define MAX_VALUED 4
static const struct option_value *valued[MAX_VALUED];
static int nvalued;

void option_add_value(const struct option_value *o)
{
	if (nvalued == MAX_VALUED)
		abort(); /* a programming error: raise MAX_VALUED */
	valued[nvalued++] = o;
}

/* The valued option arg ("NAME=value") names, or NULL. */
static const struct option_value *valued_option(const char *arg)
{
	for (int i = 0; i < nvalued; i++) {
		size_t n = strlen(valued[i]->name);
		if (strncmp(arg, valued[i]->name, n) == 0 && arg[n] == '=')
			return valued[i];
	}
	return NULL;
}

const struct option_info option_table[OPT_COUNT] = {
#define OPTION(name, letter) { #name, letter },
#include "options.def"
#undef OPTION
};

int option_by_letter(char c)
{
	if (c == 0)
		return -1;
	for (int i = 0; i < OPT_COUNT; i++)
		if (option_table[i].letter == c)
			return i;
	return -1;
}

int option_by_name(const char *name)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (strcmp(option_table[i].name, name) == 0)
			return i;
	return -1;
}

bool option_ids_differ(void)
{
	return getuid() != geteuid() || getgid() != getegid();
}

void option_drop_privileges(void)
{
	if (!option_ids_differ())
		return;
	/* The group first: once the user id is gone, so is the right to
	 * change it. */
	if (setgid(getgid()) < 0 || setuid(getuid()) < 0)
		sh_warn("cannot drop privileges: %s", strerror(errno));
}

static void (*monitor_changed)(bool on);

void option_set(int index, bool on)
{
	if (index < 0 || index >= OPT_COUNT)
		return;
	shell_opts[index] = on;
	/* One line editor at a time, as in ksh and bash. */
	if (on && index == OPT_emacs)
		shell_opts[OPT_vi] = false;
	else if (on && index == OPT_vi)
		shell_opts[OPT_emacs] = false;
	/* Always told, even when the value did not change: start-up code may
	 * have set the flag directly before job control could be set up. */
	/* set +p gives up a set-id shell's effective ids (dash). */
	if (index == OPT_privileged && !on)
		option_drop_privileges();
	if (index == OPT_monitor && monitor_changed)
		monitor_changed(on);
}

void option_on_monitor_change(void (*fn)(bool on))
{
	monitor_changed = fn;
}

const char *option_letters(void)
{
	static char buf[OPT_COUNT + 1];
	size_t n = 0;
	for (int i = 0; i < OPT_COUNT; i++)
		if (shell_opts[i] && option_table[i].letter)
			buf[n++] = option_table[i].letter;
	buf[n] = '\0';
	return buf;
}

bool option_name_known(const char *arg)
{
	return option_by_name(arg) >= 0 || valued_option(arg) ||
	       strcmp(arg, "posix") == 0;
}

bool option_set_by_name(const char *arg, bool on)
{
	const struct option_value *o = valued_option(arg);
	if (o) {
		/* +o spawn=NAME sets it too: the option has no "off". */
		return o->set(arg + strlen(o->name) + 1);
	}
	/* bash's `set -o posix` asks for what tine always is; scripts (and
	 * autoconf's configure, whose check matches "posix" in the `set -o`
	 * listing, where spawn=posix_spawn stands) may say it.  A no-op. */
	if (strcmp(arg, "posix") == 0)
		return true;
	int i = option_by_name(arg);
	if (i < 0) {
		sh_warn("%s: invalid option name", arg);
		return false;
	}
	option_set(i, on);
	return true;
}

void option_list(bool reinput)
{
	for (int i = 0; i < OPT_COUNT; i++) {
		if (reinput)
			printf("set %co %s\n", shell_opts[i] ? '-' : '+',
			       option_table[i].name);
		else
			printf("%-16s%s\n", option_table[i].name,
			       shell_opts[i] ? "on" : "off");
	}
	for (int i = 0; i < nvalued; i++) {
		if (reinput)
			printf("set -o %s=%s\n", valued[i]->name,
			       valued[i]->get());
		else
			printf("%-16s%s\n", valued[i]->name, valued[i]->get());
	}
}
