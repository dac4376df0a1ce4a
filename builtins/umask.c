/* umask.c - the umask builtin (XCU umask): octal and symbolic modes, -S.
 * Symbolic modes work on the permissions the mask lets through (its
 * complement), as chmod would, then turn back into a mask.  It changes
 * only the process umask. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "builtins.h"
#include "error.h"

static mode_t current_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

/*
 * Applies a symbolic mode ("u=rwx,g-w,o+x", "a=r", "g+u", "+x") to the
 * permission bits perm.  Returns false if the text is not a valid mode.
 */
static bool apply_symbolic(const char *s, mode_t *perm)
{
	mode_t p = *perm;

	for (;;) {
		mode_t who = 0;

		for (;; s++) {
			if (*s == 'u')
				who |= S_IRWXU;
			else if (*s == 'g')
				who |= S_IRWXG;
			else if (*s == 'o')
				who |= S_IRWXO;
			else if (*s == 'a')
				who |= 0777;
			else
				break;
		}
		if (who == 0)
			who = 0777;
		if (*s != '+' && *s != '-' && *s != '=')
			return false;
		while (*s == '+' || *s == '-' || *s == '=') {
			char op = *s++;
			mode_t bits = 0;

			if (*s == 'u' || *s == 'g' || *s == 'o') {
				/* Copy another class's permissions. */
				mode_t src = *s == 'u'	 ? (p >> 6) & 7
					     : *s == 'g' ? (p >> 3) & 7
							 : p & 7;
				bits = src << 6 | src << 3 | src;
				s++;
			} else {
				for (;; s++) {
					if (*s == 'r')
						bits |= 0444;
					else if (*s == 'w')
						bits |= 0222;
					else if (*s == 'x' || *s == 'X')
						bits |= 0111;
					else if (*s == 's' || *s == 't')
						; /* no meaning in a umask */
					else
						break;
				}
			}
			bits &= who;
			if (op == '+')
				p |= bits;
			else if (op == '-')
				p &= ~bits;
			else
				p = (p & ~who) | bits;
		}
		if (*s == '\0')
			break;
		if (*s++ != ',')
			return false;
	}
	*perm = p;
	return true;
}

static void print_symbolic(mode_t mask)
{
	mode_t perm = ~mask & 0777;
	static const char cls[] = "ugo";

	for (int i = 0; i < 3; i++) {
		mode_t b = perm >> (6 - 3 * i);
		printf("%c=%s%s%s%c", cls[i], b & 4 ? "r" : "",
		       b & 2 ? "w" : "", b & 1 ? "x" : "", i < 2 ? ',' : '\n');
	}
}

int bi_umask(int argc, char **argv)
{
	struct bopt bo = {1, 0, NULL};
	bool symbolic = false;
	mode_t mask = current_umask();
	const char *arg;
	int c;

	while ((c = bopt_next(&bo, argc, argv, "S")) != -1) {
		if (c == '?')
			return 2;
		symbolic = true;
	}
	arg = argv[bo.ind];
	if (arg == NULL) {
		if (symbolic)
			print_symbolic(mask);
		else
			printf("%04o\n", (unsigned)mask);
		return 0;
	}
	if (arg[0] >= '0' && arg[0] <= '9') {
		mode_t m = 0;

		for (const char *s = arg; *s; s++) {
			if (*s < '0' || *s > '7') {
				sh_warn("umask: %s: invalid octal number", arg);
				return 2;
			}
			m = (m << 3 | (mode_t)(*s - '0')) & 07777;
		}
		umask(m & 0777);
		return 0;
	}
	mode_t perm = ~mask & 0777;
	if (!apply_symbolic(arg, &perm)) {
		sh_warn("umask: %s: invalid mode", arg);
		return 2;
	}
	umask(~perm & 0777);
	return 0;
}
