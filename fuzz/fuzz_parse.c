/* fuzz_parse.c - libFuzzer harness for the parser and the AST printer.
 *
 * Each input is shell source.  It is parsed with parse_string() under an
 * unwind point (a syntax error is a normal outcome, not a finding).  When it
 * parses, the tree is printed with ast_format(), the text is parsed again and
 * printed again: the second parse must succeed and the two texts must be
 * equal (ast.h promises "the text re-parses to an equal tree").
 *
 * Nothing is expanded or run: expanding words would run command
 * substitutions.  The command arena is released after every input, so a long
 * run also checks that the parser leaves nothing behind in it.
 *
 * Build and run: make fuzz; make fuzz-run FUZZ_SECONDS=900 (see Makefile.am).
 * Links every source except src/main.c (libFuzzer brings its own main). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "error.h"
#include "parser.h"
#include "vars.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static char *empty_env[] = {"PATH=/usr/bin:/bin", NULL};
	var_init(empty_env);
	error_source = "fuzz";
	return 0;
}

/* Prints n into a NUL-terminated string in the command arena. */
static char *format_tree(const struct node *n)
{
	struct strbuf sb;
	sb_init(&sb);
	ast_format(&sb, n);
	return sb_finish(&sb);
}

/* Parses s; returns false on a syntax error (after the handler ran).
 * *out is NULL for a source with no command. */
static bool try_parse(const char *s, struct node **out)
{
	struct unwind_point up;
	volatile bool ok = true;
	if (sigsetjmp(up.env, 0)) {
		ok = false;
	} else {
		unwind_push(&up);
		*out = parse_string(s, "fuzz", 1);
	}
	unwind_pop(&up);
	return ok;
}

static _Noreturn void report(const char *what, const char *src,
			     const char *first, const char *second)
{
	fprintf(stderr, "fuzz_parse: %s\n--- input:\n%s\n--- first format:\n%s\n",
		what, src, first ? first : "(none)");
	if (second)
		fprintf(stderr, "--- second format:\n%s\n", second);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A C string: stop at the first NUL, as a shell reading a file
	 * through parse_string would see it. */
	char *src = malloc(size + 1);
	if (!src)
		return 0;
	memcpy(src, data, size);
	src[size] = '\0';

	struct arena_mark mark = arena_mark(cmd_arena);
	struct node *tree = NULL;
	if (try_parse(src, &tree) && tree) {
		char *first = format_tree(tree);
		struct node *again = NULL;
		if (!try_parse(first, &again))
			report("the formatted tree does not parse", src, first, NULL);
		if (!again)
			report("the formatted tree parses to nothing", src, first, NULL);
		char *second = format_tree(again);
		if (strcmp(first, second) != 0)
			report("format(parse(format(tree))) != format(tree)", src,
			       first, second);
	}
	arena_release(cmd_arena, mark);
	free(src);
	return 0;
}
