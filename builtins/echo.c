/* echo.c - echo as dash has it (one "-n" option, backslash escapes always
 * interpreted, \c ends the output), and the trivial true, false and ':'.
 * Writes only through stdio; must not grow options beyond dash's echo. */
#include <stdio.h>
#include <string.h>

#include "builtins.h"

/*
 * Writes one operand with its escapes expanded.  Returns false at \c,
 * which suppresses everything after it, the newline included.  The
 * escapes are XSI echo's: \a \b \c \f \n \r \t \v \\ and \0NNN; like dash
 * we also take \NNN and \e.
 */
static bool echo_word(const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		if (*s != '\\' || s[1] == '\0')
			continue;
		fwrite_unlocked(run, 1, s - run, stdout);
		int c = (unsigned char)*++s;
		switch (c) {
		case 'a':
			c = '\a';
			break;
		case 'b':
			c = '\b';
			break;
		case 'c':
			return false;
		case 'e':
			c = 033;
			break;
		case 'f':
			c = '\f';
			break;
		case 'n':
			c = '\n';
			break;
		case 'r':
			c = '\r';
			break;
		case 't':
			c = '\t';
			break;
		case 'v':
			c = '\v';
			break;
		case '\\':
			break;
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7': {
			int v = 0, n;
			if (c == '0')
				s++;
			for (n = 0; n < 3 && *s >= '0' && *s <= '7'; n++)
				v = v * 8 + (*s++ - '0');
			s--;
			c = v & 0xff;
			break;
		}
		default:
			/* Unknown: the backslash stays. */
			putchar_unlocked('\\');
			break;
		}
		putchar_unlocked(c);
		run = s + 1;
	}
	fwrite_unlocked(run, 1, s - run, stdout);
	return true;
}

int bi_echo(int argc, char **argv)
{
	int i = 1;
	bool newline = true;

	(void)argc;
	if (argv[1] != NULL && strcmp(argv[1], "-n") == 0) {
		newline = false;
		i++;
	}
	for (; argv[i] != NULL; i++) {
		if (!echo_word(argv[i]))
			return 0;
		if (argv[i + 1] != NULL)
			putchar_unlocked(' ');
	}
	if (newline)
		putchar_unlocked('\n');
	return 0;
}

int bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

int bi_colon(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}
