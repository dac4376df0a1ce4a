/* fuzz_parse.c - libFuzzer harness for the parser and the AST printer.
 *
 * Each input is shell source.  It is parsed with parse_string() under an
 * unwind point (a syntax error is a normal outcome, not a finding).  When it
 * parses, the tree is printed with ast_format(), the text is parsed again and
 * printed again: the second parse should succeed and the two texts should be
 * equal (ast.h promises "the text re-parses to an equal tree"); a mismatch
 * is logged, and aborts the run with FUZZ_STRICT=1 (see report()).
 *
 * Then every word of the tree is expanded (fields, assignments, redirection
 * targets, here-documents, case patterns matched against the subject) with
 * command substitution switched off (exec_cmdsub_disabled) and noglob on,
 * so the expander, the arithmetic evaluator and the matcher are fuzzed
 * without running anything.  Expansion errors are normal outcomes.  The
 * command arena is released after every input, so a long run also checks
 * that nothing is left behind in it.
 *
 * Build and run: make fuzz; make fuzz-run FUZZ_SECONDS=900 (see Makefile.am).
 * Links every source except src/main.c (libFuzzer brings its own main). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "builtins.h"
#include "error.h"
#include "exec.h"
#include "expand.h"
#include "glob.h"
#include "options.h"
#include "parser.h"
#include "path.h"
#include "strategy.h"
#include "vars.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	static char *empty_env[] = {"PATH=/usr/bin:/bin", NULL};
	/* The same hooks as main.c's, so variables behave as in the shell. */
	var_add_hook(&path_var_hook);
	var_add_hook(&optind_var_hook);
	strategy_init();
	var_init(empty_env);
	error_source = "fuzz";
	exec_cmdsub_disabled = true;
	shell_opts[OPT_noglob] = true;
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

/* Expands one word in the way kind says, under an unwind point: errors
 * such as ${x?} or 1/0 are expected. */
enum fuzz_expansion { FX_FIELDS, FX_WORD, FX_HEREDOC };

static void try_expand(const struct word *w, enum fuzz_expansion kind)
{
	struct unwind_point up;
	if (sigsetjmp(up.env, 0))
		return;
	unwind_push(&up);
	int n;
	switch (kind) {
	case FX_FIELDS:
		expand_fields(w, &n);
		break;
	case FX_WORD:
		for (; w; w = w->next)
			expand_word(w);
		break;
	case FX_HEREDOC:
		expand_heredoc(w);
		break;
	}
	unwind_pop(&up);
}

static void try_case(const struct node *n)
{
	struct unwind_point up;
	if (sigsetjmp(up.env, 0))
		return;
	unwind_push(&up);
	const char *subject = expand_word(n->u.casen.subject);
	for (const struct case_item *it = n->u.casen.items; it; it = it->next)
		for (const struct word *p = it->patterns; p; p = p->next)
			pattern_match(expand_pattern(p), subject, strlen(subject));
	unwind_pop(&up);
}

/* Expands every word of the tree (without running anything). */
static void expand_tree(const struct node *n, int depth)
{
	if (!n || depth > 200)
		return;
	for (const struct redir *r = n->redirs; r; r = r->next) {
		if (r->kind == REDIR_HEREDOC && !r->heredoc_quoted)
			try_expand(r->target, FX_HEREDOC);
		else if (r->kind != REDIR_HEREDOC)
			try_expand(r->target, FX_WORD);
	}
	switch (n->kind) {
	case NODE_SIMPLE:
		try_expand(n->u.simple.args, FX_FIELDS);
		for (const struct assign *a = n->u.simple.assigns; a; a = a->next)
			if (a->value)
				try_expand(a->value, FX_WORD);
		break;
	case NODE_PIPE:
		for (int i = 0; i < n->u.pipe.ncmds; i++)
			expand_tree(n->u.pipe.cmds[i], depth + 1);
		break;
	case NODE_AND:
	case NODE_OR:
	case NODE_SEQ:
		expand_tree(n->u.binary.left, depth + 1);
		expand_tree(n->u.binary.right, depth + 1);
		break;
	case NODE_NOT:
	case NODE_BG:
	case NODE_SUBSHELL:
	case NODE_BRACE:
	case NODE_TIME:
		expand_tree(n->u.unary.body, depth + 1);
		break;
	case NODE_IF:
		expand_tree(n->u.ifn.cond, depth + 1);
		expand_tree(n->u.ifn.then, depth + 1);
		expand_tree(n->u.ifn.els, depth + 1);
		break;
	case NODE_WHILE:
	case NODE_UNTIL:
		expand_tree(n->u.loop.cond, depth + 1);
		expand_tree(n->u.loop.body, depth + 1);
		break;
	case NODE_FOR:
		if (n->u.forn.has_in)
			try_expand(n->u.forn.words, FX_FIELDS);
		expand_tree(n->u.forn.body, depth + 1);
		break;
	case NODE_CASE:
		try_case(n);
		for (const struct case_item *it = n->u.casen.items; it; it = it->next)
			expand_tree(it->body, depth + 1);
		break;
	case NODE_FUNCDEF:
		expand_tree(n->u.func.body, depth + 1);
		break;
	}
}

/* A round-trip mismatch of ast_format.  With FUZZ_STRICT=1 in the
 * environment it aborts like a crash; by default it is logged and counted,
 * since the printer's round trip is a stricter promise than the fuzzing
 * target (no crash, hang or sanitizer report), and the known mismatches
 * are all in here-documents and quotes nested inside $(( )). */
static unsigned long roundtrip_mismatches;

static void report(const char *what, const char *src, const char *first,
		   const char *second)
{
	roundtrip_mismatches++;
	fprintf(stderr, "fuzz_parse: %s (mismatch %lu)\n--- input:\n%s\n"
		"--- first format:\n%s\n",
		what, roundtrip_mismatches, src, first ? first : "(none)");
	if (second)
		fprintf(stderr, "--- second format:\n%s\n", second);
	const char *strict = getenv("FUZZ_STRICT");
	if (strict && strcmp(strict, "1") == 0)
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
		else if (!again)
			report("the formatted tree parses to nothing", src, first, NULL);
		else {
			char *second = format_tree(again);
			if (strcmp(first, second) != 0)
				report("format(parse(format(tree))) != format(tree)",
				       src, first, second);
		}
		expand_tree(tree, 0);
	}
	arena_release(cmd_arena, mark);
	free(src);
	return 0;
}
