/* prompt.c - prompt expansion (see prompt.h).  The escapes are decoded
 * first, as bash does, and what they produce (a directory, a user name) is
 * quoted so that the expansion that follows takes it literally: a `$` in a
 * directory name is never expanded.  Expansion itself is the core's: the
 * text is read as a here-document body (parse_text_word) and expanded by
 * expand_heredoc, inside an unwind point so that a bad prompt cannot end
 * the shell. */

#include "interactive/prompt.h"

#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "expand.h"
#include "interactive/history.h"
#include "interactive/interactive.h"
#include "jobs.h"
#include "parser.h"
#include "vars.h"

#define RL_INVISIBLE_START '\001'
#define RL_INVISIBLE_END '\002'

struct out {
	char *buf;
	size_t len, cap;
};

static void out_putc(struct out *o, char c)
{
	if (o->len + 2 > o->cap) {
		o->cap = o->cap ? o->cap * 2 : 128;
		o->buf = xrealloc(o->buf, o->cap);
	}
	o->buf[o->len++] = c;
	o->buf[o->len] = '\0';
}

/* Text an escape produced: quoted against the expansion that follows. */
static void out_quoted(struct out *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '$' || *s == '`' || *s == '\\')
			out_putc(o, '\\');
		out_putc(o, *s);
	}
}

static const char *user_name(void)
{
	static char *name;
	if (!name) {
		struct passwd *pw = getpwuid(geteuid());
		const char *u = pw ? pw->pw_name : var_get("USER");
		name = xstrdup(u ? u : "?");
	}
	return name;
}

static const char *host_name(bool full)
{
	static char host[256], shorthost[256];
	if (!host[0]) {
		if (gethostname(host, sizeof host - 1) != 0)
			strcpy(host, "localhost");
		strcpy(shorthost, host);
		char *dot = strchr(shorthost, '.');
		if (dot)
			*dot = '\0';
	}
	return full ? host : shorthost;
}

/* \w: $PWD with $HOME shown as ~; \W: its last part (~ for $HOME). */
static void put_dir(struct out *o, bool base)
{
	const char *pwd = var_get("PWD");
	char buf[PATH_MAX];
	if (!pwd || !*pwd)
		pwd = getcwd(buf, sizeof buf) ? buf : ".";
	const char *home = var_get("HOME");
	size_t hl = home ? strlen(home) : 0;
	bool in_home = hl > 1 && strncmp(pwd, home, hl) == 0 &&
		       (pwd[hl] == '\0' || pwd[hl] == '/');
	if (base) {
		if (in_home && pwd[hl] == '\0') {
			out_putc(o, '~');
			return;
		}
		const char *slash = strrchr(pwd, '/');
		out_quoted(o, slash && slash[1] ? slash + 1 : pwd);
		return;
	}
	if (in_home) {
		out_putc(o, '~');
		out_quoted(o, pwd + hl);
	} else {
		out_quoted(o, pwd);
	}
}

static void put_time(struct out *o, const char *fmt)
{
	char buf[128];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	if (!*fmt)
		fmt = "%X";
	size_t n = strftime(buf, sizeof buf, fmt, &tm);
	buf[n] = '\0';
	out_quoted(o, buf);
}

static void put_number(struct out *o, long n)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", n);
	out_quoted(o, buf);
}

char *prompt_decode(const char *raw, bool for_readline)
{
	struct out o = { NULL, 0, 0 };
	out_putc(&o, '\0');
	o.len = 0;
	for (const char *p = raw; *p; p++) {
		if (*p == '!') {
			/* POSIX: ! is the history number, !! a literal !. */
			if (p[1] == '!') {
				out_putc(&o, '!');
				p++;
			} else {
				put_number(&o, hist_next_number());
			}
			continue;
		}
		if (*p != '\\' || !p[1]) {
			out_putc(&o, *p);
			continue;
		}
		char c = *++p;
		switch (c) {
		case 'u': out_quoted(&o, user_name()); break;
		case 'h': out_quoted(&o, host_name(false)); break;
		case 'H': out_quoted(&o, host_name(true)); break;
		case 'w': put_dir(&o, false); break;
		case 'W': put_dir(&o, true); break;
		case '$': out_quoted(&o, geteuid() == 0 ? "#" : "$"); break;
		case 't': put_time(&o, "%H:%M:%S"); break;
		case 'T': put_time(&o, "%I:%M:%S"); break;
		case '@': put_time(&o, "%I:%M %p"); break;
		case 'A': put_time(&o, "%H:%M"); break;
		case 'd': put_time(&o, "%a %b %d"); break;
		case 'D':
			if (p[1] == '{') {
				const char *close = strchr(p + 2, '}');
				if (close) {
					char fmt[128];
					size_t n = (size_t)(close - (p + 2));
					if (n >= sizeof fmt)
						n = sizeof fmt - 1;
					memcpy(fmt, p + 2, n);
					fmt[n] = '\0';
					put_time(&o, fmt);
					p = close;
					break;
				}
			}
			out_putc(&o, '\\');
			out_putc(&o, 'D');
			break;
		case 'j': put_number(&o, job_count(false)); break;
		case '?': put_number(&o, last_status); break;
		case '!': put_number(&o, hist_next_number()); break;
		case '#': put_number(&o, interactive_command_number()); break;
		case 's': out_quoted(&o, "tine"); break;
		case 'v': case 'V': out_quoted(&o, PACKAGE_VERSION); break;
		case 'n': out_putc(&o, '\n'); break;
		case 'r': out_putc(&o, '\r'); break;
		case 'a': out_putc(&o, '\a'); break;
		case 'e': out_putc(&o, '\033'); break;
		case '\\': out_quoted(&o, "\\"); break;
		case '[':
			if (for_readline)
				out_putc(&o, RL_INVISIBLE_START);
			break;
		case ']':
			if (for_readline)
				out_putc(&o, RL_INVISIBLE_END);
			break;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7': {
			int v = 0, k = 0;
			while (k < 3 && p[k] >= '0' && p[k] <= '7')
				v = v * 8 + (p[k++] - '0');
			p += k - 1;
			char s[2] = { (char)v, 0 };
			if (v)
				out_quoted(&o, s);
			break;
		}
		default:
			/* Not a prompt escape: left for the expansion (\$ \`
			 * and \\ quote there, as in a here-document). */
			out_putc(&o, '\\');
			out_putc(&o, c);
		}
	}
	return o.buf;
}

/* Expands decoded text; NULL (after sh_error's one message) on error. */
static char *expand_decoded(const char *decoded)
{
	int saved_status = last_status;
	struct arena_mark mark = arena_mark(cmd_arena);
	struct unwind_point up;
	if (sigsetjmp(up.env, 0)) {
		arena_release(cmd_arena, mark);
		last_status = saved_status;
		return NULL;
	}
	unwind_push(&up);
	struct word *w = parse_text_word(decoded, NULL);
	char *r = xstrdup(expand_heredoc(w));
	unwind_pop(&up);
	arena_release(cmd_arena, mark);
	last_status = saved_status;
	return r;
}

static char *expand_prompt_text(const char *raw, bool for_readline)
{
	char *decoded = prompt_decode(raw, for_readline);
	char *r = NULL;
	/* Nothing to expand: skip the lexer (the usual PS2). */
	if (!strpbrk(decoded, "$`\\"))
		return decoded;
	r = expand_decoded(decoded);
	free(decoded);
	if (!r)
		r = xstrdup(raw);
	return r;
}

char *prompt_expand(const char *var, const char *dflt, bool for_readline)
{
	const char *raw = var_get(var);
	if (!raw)
		raw = dflt;
	return expand_prompt_text(raw, for_readline);
}

char *prompt_expand_right(void)
{
	const char *raw = var_get("RPS1");
	if (!raw)
		raw = var_get("RPROMPT");
	if (!raw || !*raw)
		return NULL;
	return expand_prompt_text(raw, true);
}

int prompt_width(const char *s)
{
	int w = 0;
	bool hidden = false;
	for (; *s; s++) {
		if (*s == RL_INVISIBLE_START)
			hidden = true;
		else if (*s == RL_INVISIBLE_END)
			hidden = false;
		else if (!hidden && ((unsigned char)*s & 0xc0) != 0x80 && *s != '\n')
			w++;
		if (*s == '\n')
			w = 0;
	}
	return w;
}

void prompt_write_visible(const char *s, FILE *f)
{
	for (; *s; s++)
		if (*s != RL_INVISIBLE_START && *s != RL_INVISIBLE_END)
			fputc(*s, f);
}
