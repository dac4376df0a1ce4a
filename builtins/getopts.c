/* getopts.c - the getopts builtin (XCU getopts): OPTIND, OPTARG, grouped
 * options, silent mode.  It keeps the position inside a grouped word
 * between calls; assigning OPTIND (optind_var_hook) forgets it.
 * It must not touch the positional parameters, only read them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "error.h"
#include "parser.h"
#include "vars.h"

static int go_word;	/* 1-based index of the word being scanned */
static int go_pos;	/* next character in it; 0: start a new word */
static bool go_setting; /* we are assigning OPTIND ourselves */

static void getopts_reset(void)
{
	if (!go_setting)
		go_pos = 0;
}

const struct var_hook optind_var_hook = { .name = "OPTIND",
					  .changed = getopts_reset };

static void set_optind(int optind)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%d", optind);
	go_setting = true;
	var_set("OPTIND", buf, 0);
	go_setting = false;
}

int bi_getopts(int argc, char **argv)
{
	const char *optstring, *name, *word, *spec, *v;
	char **args;
	int nargs, optind = 1;
	bool silent;
	char opt[2] = {0, 0};
	char *end;

	if (argc < 3) {
		sh_warn("getopts: usage: getopts optstring name [arg ...]");
		return 2;
	}
	optstring = argv[1];
	name = argv[2];
	if (!is_name(name)) {
		sh_warn("getopts: %s: bad variable name", name);
		return 2;
	}
	silent = optstring[0] == ':';
	if (silent)
		optstring++;
	if (argc > 3) {
		args = argv + 3;
		nargs = argc - 3;
	} else {
		args = pos_params.values;
		nargs = pos_params.count;
	}
	v = var_get("OPTIND");
	if (v != NULL) {
		long l = strtol(v, &end, 10);
		if (*v != '\0' && *end == '\0' && l >= 1 && l < 1L << 30)
			optind = (int)l;
	}

	/* Continue inside a grouped word only if OPTIND still points just
	 * past it, as we left it. */
	if (go_pos > 0 && (go_word != optind - 1 || go_word > nargs ||
			   go_pos >= (int)strlen(args[go_word - 1])))
		go_pos = 0;
	if (go_pos == 0) {
		if (optind > nargs)
			goto done;
		word = args[optind - 1];
		if (word[0] != '-' || word[1] == '\0')
			goto done;
		if (strcmp(word, "--") == 0) {
			optind++;
			goto done;
		}
		go_word = optind++;
		go_pos = 1;
	}
	word = args[go_word - 1];
	opt[0] = word[go_pos++];
	if (word[go_pos] == '\0')
		go_pos = 0;

	spec = opt[0] != ':' ? strchr(optstring, opt[0]) : NULL;
	if (spec == NULL) {
		if (silent) {
			var_set("OPTARG", opt, 0);
		} else {
			fflush(stdout);
			sh_warn("getopts: illegal option -- %c", opt[0]);
			var_unset("OPTARG");
		}
		opt[0] = '?';
	} else if (spec[1] == ':') {
		if (go_pos != 0) {
			var_set("OPTARG", word + go_pos, 0);
			go_pos = 0;
		} else if (optind <= nargs) {
			var_set("OPTARG", args[optind - 1], 0);
			optind++;
		} else if (silent) {
			var_set("OPTARG", opt, 0);
			opt[0] = ':';
		} else {
			sh_warn("getopts: option requires an argument -- %c",
				opt[0]);
			var_unset("OPTARG");
			opt[0] = '?';
		}
	} else {
		/* XCU getopts: no option-argument, OPTARG unset. */
		var_unset("OPTARG");
	}
	set_optind(optind);
	return var_set(name, opt, 0) ? 0 : 2;

done:
	go_pos = 0;
	/* XCU getopts: at the end OPTIND is the first operand's index, or
	 * $#+1 when there is none (also when OPTIND was already past it). */
	if (optind > nargs + 1)
		optind = nargs + 1;
	set_optind(optind);
	var_unset("OPTARG");
	var_set(name, "?", 0);
	return 1;
}
