/* test.c - test and [ (XCU test): the POSIX rules for 0 to 4 arguments,
 * a recursive descent parser for longer expressions (with -a, -o, ! and
 * parentheses), and the file, string and integer primaries, plus -nt -ot
 * -ef and < > as in POSIX.1-2024, and -O -G -a (unary) as dash and bash.  It evaluates only; it must not expand
 * or change shell state. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins.h"
#include "error.h"
#include "options.h"

struct test_state {
	const char *name; /* "test" or "[" for messages */
	char **argv;	  /* the operands, without the closing "]" */
	int n;
	int pos;     /* next operand */
	bool failed; /* a message was printed: status 2 */
};

enum test_op {
	OP_NONE,
	/* unary */
	OP_B,
	OP_C,
	OP_D,
	OP_E,
	OP_F,
	OP_G,
	OP_OWNED_UID,
	OP_OWNED_GID,
	OP_H,
	OP_K,
	OP_N,
	OP_OPTION, /* -o NAME: the shell option is on (bash, ksh, zsh) */
	OP_P,
	OP_R,
	OP_SOCK,
	OP_S,
	OP_T,
	OP_U,
	OP_W,
	OP_X,
	OP_Z,
	/* binary */
	OP_STREQ,
	OP_STRNE,
	OP_STRLT,
	OP_STRGT,
	OP_EQ,
	OP_NE,
	OP_GT,
	OP_GE,
	OP_LT,
	OP_LE,
	OP_NT,
	OP_OT,
	OP_EF,
};

static enum test_op unary_op(const char *s)
{
	if (s[0] != '-' || s[1] == '\0' || s[2] != '\0')
		return OP_NONE;
	switch (s[1]) {
	case 'a': /* the old spelling of -e (dash, bash) */
		return OP_E;
	case 'b':
		return OP_B;
	case 'c':
		return OP_C;
	case 'd':
		return OP_D;
	case 'e':
		return OP_E;
	case 'f':
		return OP_F;
	case 'g':
		return OP_G;
	case 'G':
		return OP_OWNED_GID;
	case 'O':
		return OP_OWNED_UID;
	case 'h':
	case 'L':
		return OP_H;
	case 'k':
		return OP_K;
	case 'n':
		return OP_N;
	case 'o':
		return OP_OPTION;
	case 'p':
		return OP_P;
	case 'r':
		return OP_R;
	case 'S':
		return OP_SOCK;
	case 's':
		return OP_S;
	case 't':
		return OP_T;
	case 'u':
		return OP_U;
	case 'w':
		return OP_W;
	case 'x':
		return OP_X;
	case 'z':
		return OP_Z;
	}
	return OP_NONE;
}

static enum test_op binary_op(const char *s)
{
	static const struct {
		const char *name;
		enum test_op op;
	} ops[] = {
		{"=", OP_STREQ}, {"==", OP_STREQ}, {"!=", OP_STRNE},
		{"<", OP_STRLT}, {">", OP_STRGT},  {"-eq", OP_EQ},
		{"-ne", OP_NE},	 {"-gt", OP_GT},   {"-ge", OP_GE},
		{"-lt", OP_LT},	 {"-le", OP_LE},   {"-nt", OP_NT},
		{"-ot", OP_OT},	 {"-ef", OP_EF},
	};

	if (s[0] != '-' && s[0] != '=' && s[0] != '!' && s[0] != '<' &&
	    s[0] != '>')
		return OP_NONE;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(s, ops[i].name) == 0)
			return ops[i].op;
	return OP_NONE;
}

static void test_fail(struct test_state *st, const char *word, const char *msg)
{
	if (st->failed)
		return;
	st->failed = true;
	if (word)
		sh_warn("%s: %s: %s", st->name, word, msg);
	else
		sh_warn("%s: %s", st->name, msg);
}

/* An integer operand: optional blanks, sign, decimal digits, blanks. */
static long test_int(struct test_state *st, const char *s)
{
	const char *p = s;
	char *end;
	long v;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p)) {
		test_fail(st, s, "integer expression expected");
		return 0;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	if (*end != '\0' || errno == ERANGE) {
		test_fail(st, s, "integer expression expected");
		return 0;
	}
	return v;
}

static bool eval_unary(struct test_state *st, enum test_op op, const char *a)
{
	struct stat sb;

	switch (op) {
	case OP_N:
		return *a != '\0';
	case OP_Z:
		return *a == '\0';
	case OP_OPTION: {
		int i = option_by_name(a);
		return i >= 0 && shell_opts[i];
	}
	case OP_T: {
		long fd = test_int(st, a);
		return fd >= 0 && fd <= INT_MAX && isatty((int)fd);
	}
	case OP_H:
		return lstat(a, &sb) == 0 && S_ISLNK(sb.st_mode);
	case OP_R:
		return faccessat(AT_FDCWD, a, R_OK, AT_EACCESS) == 0;
	case OP_W:
		return faccessat(AT_FDCWD, a, W_OK, AT_EACCESS) == 0;
	case OP_X:
		return faccessat(AT_FDCWD, a, X_OK, AT_EACCESS) == 0;
	default:
		break;
	}
	if (stat(a, &sb) != 0)
		return false;
	switch (op) {
	case OP_B:
		return S_ISBLK(sb.st_mode);
	case OP_C:
		return S_ISCHR(sb.st_mode);
	case OP_D:
		return S_ISDIR(sb.st_mode);
	case OP_E:
		return true;
	case OP_F:
		return S_ISREG(sb.st_mode);
	case OP_G:
		return (sb.st_mode & S_ISGID) != 0;
	case OP_K:
		return (sb.st_mode & S_ISVTX) != 0;
	case OP_OWNED_UID:
		return sb.st_uid == geteuid();
	case OP_OWNED_GID:
		return sb.st_gid == getegid();
	case OP_P:
		return S_ISFIFO(sb.st_mode);
	case OP_SOCK:
		return S_ISSOCK(sb.st_mode);
	case OP_S:
		return sb.st_size > 0;
	case OP_U:
		return (sb.st_mode & S_ISUID) != 0;
	default:
		return false;
	}
}

/* a is newer than b, or a exists and b does not (POSIX.1-2024). */
static bool newer(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) != 0)
		return false;
	if (stat(b, &sb) != 0)
		return true;
	if (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec)
		return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec;
	return sa.st_mtim.tv_nsec > sb.st_mtim.tv_nsec;
}

static bool eval_binary(struct test_state *st, const char *a, enum test_op op,
			const char *b)
{
	struct stat sa, sb;

	switch (op) {
	case OP_STREQ:
		return strcmp(a, b) == 0;
	case OP_STRNE:
		return strcmp(a, b) != 0;
	case OP_STRLT:
		return strcoll(a, b) < 0;
	case OP_STRGT:
		return strcoll(a, b) > 0;
	case OP_NT:
		return newer(a, b);
	case OP_OT:
		return newer(b, a);
	case OP_EF:
		return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
		       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	default:
		break;
	}
	long x = test_int(st, a), y = test_int(st, b);
	switch (op) {
	case OP_EQ:
		return x == y;
	case OP_NE:
		return x != y;
	case OP_GT:
		return x > y;
	case OP_GE:
		return x >= y;
	case OP_LT:
		return x < y;
	case OP_LE:
		return x <= y;
	default:
		return false;
	}
}

static bool parse_or(struct test_state *st);

/* The operand at pos, or NULL (after a message naming prev) at the end. */
static const char *need_arg(struct test_state *st, const char *prev)
{
	if (st->pos >= st->n) {
		test_fail(st, prev, "argument expected");
		return NULL;
	}
	return st->argv[st->pos++];
}

static bool parse_primary(struct test_state *st)
{
	stack_check();
	const char *a;
	enum test_op op;

	if (st->pos >= st->n) {
		test_fail(st, st->pos > 0 ? st->argv[st->pos - 1] : NULL,
			  "argument expected");
		return false;
	}
	a = st->argv[st->pos++];
	/* A "(" always opens a group, so `x -a ( = )` is x and "=" (dash,
	 * bash); the fixed three- and four-operand forms have already taken
	 * `( = )` as a comparison. */
	if (strcmp(a, "(") == 0) {
		bool v = parse_or(st);
		if (st->pos >= st->n || strcmp(st->argv[st->pos], ")") != 0) {
			test_fail(st, NULL, "closing paren expected");
			return false;
		}
		st->pos++;
		return v;
	}
	/* A binary operator after this word wins over reading the word as
	 * an operator itself: `test -n = -n` compares strings. */
	if (st->pos + 1 < st->n) {
		op = binary_op(st->argv[st->pos]);
		if (op != OP_NONE) {
			st->pos += 2;
			return eval_binary(st, a, op, st->argv[st->pos - 1]);
		}
	}
	op = unary_op(a);
	if (op != OP_NONE && st->pos < st->n) {
		const char *b = need_arg(st, a);
		return b && eval_unary(st, op, b);
	}
	if (st->pos < st->n && binary_op(st->argv[st->pos]) != OP_NONE) {
		need_arg(st, st->argv[st->pos++]);
		return false;
	}
	return *a != '\0';
}

static bool parse_not(struct test_state *st)
{
	stack_check();
	if (st->pos < st->n && strcmp(st->argv[st->pos], "!") == 0 &&
	    st->pos + 1 < st->n) {
		st->pos++;
		return !parse_not(st);
	}
	return parse_primary(st);
}

static bool parse_and(struct test_state *st)
{
	bool v = parse_not(st);

	while (st->pos < st->n && strcmp(st->argv[st->pos], "-a") == 0) {
		st->pos++;
		/* Evaluate both sides: a parse error on the right must still
		 * be reported. */
		bool r = parse_not(st);
		v = v && r;
	}
	return v;
}

static bool parse_or(struct test_state *st)
{
	bool v = parse_and(st);

	while (st->pos < st->n && strcmp(st->argv[st->pos], "-o") == 0) {
		st->pos++;
		bool r = parse_and(st);
		v = v || r;
	}
	return v;
}

/* Runs the general parser over argv[from..n) and checks that it used up
 * every operand (dash names the last word it consumed). */
static bool eval_general(struct test_state *st, int from)
{
	st->pos = from;
	bool v = parse_or(st);
	if (!st->failed && st->pos < st->n)
		test_fail(st, st->argv[st->pos > 0 ? st->pos - 1 : 0],
			  "unexpected operator");
	return v;
}

/* XCU test, "the algorithm for determining the precedence of the operators
 * and the return value": fixed meanings for up to four operands. */
static bool eval_posix(struct test_state *st, int from)
{
	char **a = st->argv + from;
	int n = st->n - from;

	switch (n) {
	case 0:
		return false;
	case 1:
		return *a[0] != '\0';
	case 2:
		if (strcmp(a[0], "!") == 0)
			return *a[1] == '\0';
		if (unary_op(a[0]) != OP_NONE)
			return eval_unary(st, unary_op(a[0]), a[1]);
		break;
	case 3: {
		enum test_op op = binary_op(a[1]);
		if (op != OP_NONE)
			return eval_binary(st, a[0], op, a[2]);
		if (strcmp(a[1], "-a") == 0)
			return *a[0] != '\0' && *a[2] != '\0';
		if (strcmp(a[1], "-o") == 0)
			return *a[0] != '\0' || *a[2] != '\0';
		if (strcmp(a[0], "!") == 0)
			return !eval_posix(st, from + 1);
		if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0)
			return *a[1] != '\0';
		break;
	}
	case 4:
		if (strcmp(a[0], "!") == 0)
			return !eval_posix(st, from + 1);
		if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0) {
			st->n--;
			bool v = eval_posix(st, from + 1);
			st->n++;
			return v;
		}
		break;
	}
	return eval_general(st, from);
}

int bi_test(int argc, char **argv)
{
	struct test_state st;
	bool v;

	st.name = argv[0];
	st.failed = false;
	if (strcmp(argv[0], "[") == 0) {
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
			sh_warn("[: missing ]");
			return 2;
		}
		argc--;
	}
	st.argv = argv + 1;
	st.n = argc - 1;
	st.pos = 0;
	v = eval_posix(&st, 0);
	if (st.failed)
		return 2;
	return v ? 0 : 1;
}
