/* strategy.c - the shell-wide launch strategy and the one of a command
 * (see strategy.h). */
#include "strategy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "options.h"
#include "vars.h"

/* vfork by default: the cheapest strategy that needs no copy of the shell
 * (dash uses vfork too); fork stays the reference to compare against. */
static enum launch_strategy current = LAUNCH_VFORK;
static bool chosen;

enum launch_strategy strategy_current(void)
{
	return current;
}

bool strategy_chosen(void)
{
	return chosen;
}

static bool choose(const char *who, const char *name)
{
	if (!strategy_parse(who, name, &current))
		return false;
	chosen = true;
	return true;
}

const char *strategy_names(void)
{
	static char buf[128];
	if (!buf[0]) {
		size_t n = 0;
		for (int i = 0; i < LAUNCH_STRATEGY_COUNT; i++)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s",
					      i ? ", " : "",
					      launch_strategy_name(i));
	}
	return buf;
}

bool strategy_parse(const char *who, const char *name,
		    enum launch_strategy *out)
{
	int s = name ? launch_strategy_by_name(name) : -1;
	if (s < 0) {
		sh_warn("%s: unknown strategy '%s' (valid: %s)", who,
			name ? name : "", strategy_names());
		return false;
	}
	*out = (enum launch_strategy)s;
	return true;
}

bool strategy_is_assignment(const char *assign)
{
	return strncmp(assign, "SPAWN=", 6) == 0;
}

bool strategy_take_assignments(char **assigns, int *n,
			       enum launch_strategy *strategy)
{
	for (int i = 0; i < *n; i++) {
		if (!strategy_is_assignment(assigns[i]))
			continue;
		if (!strategy_parse("SPAWN", assigns[i] + 6, strategy))
			return false;
		for (int j = i; j < *n - 1; j++)
			assigns[j] = assigns[j + 1];
		(*n)--;
		assigns[*n] = NULL;
		i--;
	}
	return true;
}

/* SPAWN reads and sets the shell-wide strategy; it is never stored,
 * exported or unset (vars.c). */
static const char *spawn_var_get(void)
{
	return launch_strategy_name(current);
}

static bool spawn_var_set(const char *value)
{
	return choose("SPAWN", value);
}

static const struct var_hook spawn_var = {
	.name = "SPAWN",
	.get = spawn_var_get,
	.set = spawn_var_set,
};

/* set -o spawn=NAME (and +o: the option has no "off"). */
static bool spawn_option_set(const char *value)
{
	return choose("spawn", value);
}

static const struct option_value spawn_option = {
	.name = "spawn",
	.get = spawn_var_get,
	.set = spawn_option_set,
};

void strategy_init(void)
{
	var_add_hook(&spawn_var);
	option_add_value(&spawn_option);
	const char *ts = getenv("TINE_SPAWN");
	if (ts && *ts)
		choose("TINE_SPAWN", ts);
}
