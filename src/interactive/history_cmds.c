/* history_cmds.c - the history builtins: fc (XCU fc: -l -n -r -e -s, old=new,
 * ranges by number or prefix, FCEDIT) and history (bash's common form).
 * They read and edit the list src/interactive/history.c owns.  Both work
 * in a script too: the list is then HISTFILE as other shells left it
 * (`tine -c 'fc -l 1'` lists it). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "exec.h"
#include "interactive/history.h"
#include "options.h"
#include "quote.h"
#include "vars.h"

/* The newest entry that fc and history may name: the one before the fc
 * command itself when that command came from the interactive reader. */
static int newest_before_self(void)
{
	int last = hist_last();
	if (hist_newest_is_running())
		last--;
	return last;
}

/* Resolves a first/last operand: a number (negative counts back from
 * newest, as -1 is the previous command) or the newest command that
 * starts with the text.  Returns 0 when nothing matches. */
static int resolve(const char *spec, int newest, int oldest)
{
	char *end;
	errno = 0;
	long n = strtol(spec, &end, 10);
	if (*spec && !*end && !errno) {
		if (n <= 0)
			n = newest + 1 + n;
		if (n < oldest)
			n = oldest;
		if (n > newest)
			n = newest;
		return (int)n;
	}
	size_t len = strlen(spec);
	for (int i = newest; i >= oldest; i--) {
		const char *t = hist_get(i);
		if (t && strncmp(t, spec, len) == 0)
			return i;
	}
	return 0;
}

static void print_entry(int num, const char *text, bool numbers)
{
	if (numbers)
		printf("%d\t", num);
	else
		putchar('\t');
	/* Continuation lines of a multi-line entry follow as typed. */
	fputs(text, stdout);
	putchar('\n');
}

/* Writes text to the file, runs the editor on it, reads it back (malloc'd);
 * NULL when the editor failed. */
static char *edit_text(const char *editor, const char *text)
{
	const char *tmp = var_get("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/tine-fc.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		sh_warn("fc: cannot make a temporary file: %s", strerror(errno));
		return NULL;
	}
	size_t tl = strlen(text);
	bool ok = write(fd, text, tl) == (ssize_t)tl && write(fd, "\n", 1) == 1;
	close(fd);
	if (!ok) {
		unlink(path);
		sh_warn("fc: %s: %s", path, strerror(errno));
		return NULL;
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, editor);
	sb_putc(&sb, ' ');
	quote_append(&sb, path);
	char *cmd = xstrdup(sb_finish(&sb));
	int st = exec_string(cmd, NULL);
	free(cmd);
	char *result = NULL;
	if (st == 0) {
		FILE *f = fopen(path, "r");
		if (f) {
			size_t cap = 256, len = 0;
			result = xmalloc(cap);
			int c;
			while ((c = getc(f)) != EOF) {
				if (len + 2 > cap)
					result = xrealloc(result, cap *= 2);
				result[len++] = (char)c;
			}
			while (len > 0 && result[len - 1] == '\n')
				len--;
			result[len] = '\0';
			fclose(f);
		}
	}
	unlink(path);
	return result;
}

/* Runs commands as fc does: echoed, put in history in place of the fc
 * command, then run. */
static int rerun(const char *text)
{
	printf("%s\n", text);
	fflush(stdout);
	if (hist_newest_is_running())
		hist_replace_last(text);
	char *copy = xstrdup(text);
	int st = exec_string(copy, NULL);
	free(copy);
	return st;
}

static int fc_substitute(int argc, char **argv, int i)
{
	const char *sub = NULL;
	if (i < argc && strchr(argv[i], '='))
		sub = argv[i++];
	int newest = newest_before_self(), oldest = hist_first();
	if (newest < oldest) {
		sh_warn("fc: no command found");
		return 1;
	}
	int num = i < argc ? resolve(argv[i], newest, oldest) : newest;
	const char *t = num ? hist_get(num) : NULL;
	if (!t) {
		sh_warn("fc: no command found");
		return 1;
	}
	char *text;
	if (sub) {
		const char *eq = strchr(sub, '=');
		size_t ol = (size_t)(eq - sub);
		const char *hit = NULL;
		if (ol) {
			for (const char *p = t; *p; p++)
				if (strncmp(p, sub, ol) == 0) {
					hit = p;
					break;
				}
		}
		if (hit) {
			size_t nl = strlen(eq + 1);
			text = xmalloc(strlen(t) - ol + nl + 1);
			size_t pre = (size_t)(hit - t);
			memcpy(text, t, pre);
			memcpy(text + pre, eq + 1, nl);
			strcpy(text + pre + nl, hit + ol);
		} else {
			text = xstrdup(t);
		}
	} else {
		text = xstrdup(t);
	}
	int st = rerun(text);
	free(text);
	return st;
}

int bi_fc(int argc, char **argv)
{
	bool list = false, nonum = false, reverse = false, subst = false;
	const char *editor = NULL;
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		/* -1, -5: numbers, not options. */
		if (a[0] != '-' || !a[1] || (a[1] >= '0' && a[1] <= '9'))
			break;
		for (const char *p = a + 1; *p; p++) {
			switch (*p) {
			case 'l': list = true; break;
			case 'n': nonum = true; break;
			case 'r': reverse = true; break;
			case 's': subst = true; break;
			case 'e':
				if (p[1]) {
					editor = p + 1;
				} else if (i + 1 < argc) {
					editor = argv[++i];
				} else {
					sh_warn("fc: -e: option requires an argument");
					return 2;
				}
				p += strlen(p) - 1;
				break;
			default:
				sh_warn("fc: -%c: invalid option", *p);
				fputs("usage: fc [-e ename] [-lnr] [first [last]] or fc -s [old=new] [first]\n",
				      stderr);
				return 2;
			}
		}
	}
	if (subst || (editor && strcmp(editor, "-") == 0))
		return fc_substitute(argc, argv, i);
	int newest = newest_before_self(), oldest = hist_first();
	if (newest < oldest) {
		if (list)
			return 0;
		sh_warn("fc: history specification out of range");
		return 1;
	}
	int first, last;
	if (i < argc) {
		first = resolve(argv[i], newest, oldest);
		last = i + 1 < argc ? resolve(argv[i + 1], newest, oldest)
				    : list ? newest : first;
	} else {
		first = list ? newest - 15 : newest;
		if (first < oldest)
			first = oldest;
		last = newest;
	}
	if (!first || !last) {
		sh_warn("fc: no command found");
		return 1;
	}
	if (first > last) {
		int t = first;
		first = last;
		last = t;
		reverse = !reverse;
	}
	if (list) {
		for (int k = 0; k <= last - first; k++) {
			int n = reverse ? last - k : first + k;
			const char *t = hist_get(n);
			if (t)
				print_entry(n, t, !nonum);
		}
		return 0;
	}
	struct strbuf sb;
	sb_init(&sb);
	for (int k = 0; k <= last - first; k++) {
		int n = reverse ? last - k : first + k;
		const char *t = hist_get(n);
		if (!t)
			continue;
		if (sb.len)
			sb_putc(&sb, '\n');
		sb_puts(&sb, t);
	}
	char *old = xstrdup(sb_finish(&sb));
	if (!editor) {
		editor = var_get("FCEDIT");
		if (!editor || !*editor)
			editor = "ed";
	}
	char *text = edit_text(editor, old);
	free(old);
	if (!text)
		return 1;
	int st = 0;
	if (*text)
		st = rerun(text);
	else if (hist_newest_is_running())
		hist_remove_last();
	free(text);
	return st;
}

int bi_history(int argc, char **argv)
{
	struct bopt st = { 1, 0, NULL };
	int c;
	bool clear = false;
	char mode = 0;
	const char *del = NULL;
	while ((c = bopt_next(&st, argc, argv, "cd:warns")) != -1) {
		if (c == '?') {
			fputs("usage: history [-c] [-d offset] [n] or history -awrn [file] or history -s arg...\n",
			      stderr);
			return 2;
		}
		if (c == 'c')
			clear = true;
		else if (c == 'd')
			del = st.arg;
		else
			mode = (char)c;
	}
	if (clear) {
		hist_clear();
		return 0;
	}
	if (del) {
		long n;
		if (!parse_long(del, &n))
			return 1;
		if (n < 0)
			n = hist_last() + 1 + n;
		if (!hist_delete((int)n)) {
			sh_warn("history: %s: history position out of range", del);
			return 1;
		}
		return 0;
	}
	const char *file = st.ind < argc ? argv[st.ind] : NULL;
	switch (mode) {
	case 'w':
		return hist_write_file(file) ? 0 : 1;
	case 'a':
		hist_commit();
		return 0;
	case 'r':
	case 'n':
		return hist_read_file(file) ? 0 : 1;
	case 's': {
		struct strbuf sb;
		sb_init(&sb);
		for (int k = st.ind; k < argc; k++) {
			if (k > st.ind)
				sb_putc(&sb, ' ');
			sb_puts(&sb, argv[k]);
		}
		hist_replace_last(sb_finish(&sb));
		return 0;
	}
	}
	int first = hist_first(), last = hist_last();
	if (file) {
		long n;
		if (!parse_long(file, &n))
			return 1;
		if (n < last - first + 1)
			first = last - (int)n + 1;
	}
	const char *tf = var_get("HISTTIMEFORMAT");
	for (int n = first; n <= last; n++) {
		const char *t = hist_get(n);
		if (!t)
			continue;
		printf("%5d  ", n);
		if (tf && *tf) {
			char buf[128];
			time_t when = hist_time(n);
			struct tm tm;
			localtime_r(&when, &tm);
			size_t k = strftime(buf, sizeof buf, tf, &tm);
			fwrite(buf, 1, k, stdout);
		}
		printf("%s\n", t);
	}
	return 0;
}
