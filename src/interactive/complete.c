/* complete.c - completion by context (see complete.h).
 *
 * The line up to the cursor is scanned as the lexer would see it, roughly:
 * quotes, backslashes, operators, which words stand in command position
 * (after ; & | ( && || newline, reserved words and assignments), which
 * command the current word belongs to and which word came before.  The
 * context then picks the candidates:
 *	$NAME ${NAME            variables
 *	command position        builtins, functions, aliases, reserved words,
 *	                        programs on PATH (cached per PATH and per
 *	                        directory mtime)
 *	~name (no slash)        users
 *	SPAWN= spawn=           the four strategies; also after spawnbench -s
 *	set -o/+o, setopt, unsetopt   option names
 *	kill -SIG, kill -s, trap      signal names
 *	%job after fg bg jobs kill wait disown   job specs with their text
 *	after cd                directories
 *	anywhere else           file names
 * Candidates come back quoted as the user started the word (backslashes,
 * or inside ' or "), so a file name with spaces, quotes or glob
 * characters reads back as itself.  Nothing here runs a command or an
 * expansion. */

#include "interactive/complete.h"

#include <dirent.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/readline.h>

#include "alias.h"
#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "exec.h"
#include "jobs.h"
#include "launch.h"
#include "options.h"
#include "trap.h"
#include "vars.h"

/* ---- candidate lists ------------------------------------------------ */

struct clist {
	char **v, **shown;
	int n, cap;
};

static void cl_add2(struct clist *l, char *cand, char *shown)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
		l->shown = xrealloc(l->shown, (size_t)l->cap * sizeof *l->shown);
	}
	l->v[l->n] = cand;
	l->shown[l->n] = shown;
	l->n++;
}

static void cl_add(struct clist *l, const char *s)
{
	cl_add2(l, xstrdup(s), NULL);
}

static int cmp_idx_v;
static struct clist *cmp_list;
static int by_text(const void *a, const void *b)
{
	(void)cmp_idx_v;
	int i = *(const int *)a, j = *(const int *)b;
	return strcmp(cmp_list->v[i], cmp_list->v[j]);
}

/* Sorts and drops duplicates (a builtin that is also on PATH). */
static void cl_sort_unique(struct clist *l)
{
	if (l->n < 2)
		return;
	int *idx = xmalloc((size_t)l->n * sizeof *idx);
	for (int i = 0; i < l->n; i++)
		idx[i] = i;
	cmp_list = l;
	qsort(idx, (size_t)l->n, sizeof *idx, by_text);
	char **v = xmalloc((size_t)l->n * sizeof *v);
	char **sh = xmalloc((size_t)l->n * sizeof *sh);
	int m = 0;
	for (int k = 0; k < l->n; k++) {
		int i = idx[k];
		if (m > 0 && strcmp(v[m - 1], l->v[i]) == 0) {
			free(l->v[i]);
			free(l->shown[i]);
			continue;
		}
		v[m] = l->v[i];
		sh[m] = l->shown[i];
		m++;
	}
	free(idx);
	free(l->v);
	free(l->shown);
	l->v = v;
	l->shown = sh;
	l->n = m;
	l->cap = m;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- scanning the line ---------------------------------------------- */

#define MAX_WORDS 64

struct scan {
	int word_start;      /* where the word at the cursor starts */
	char quote;          /* 0, '\'' or '"': open quote at the cursor */
	bool cmd_pos;        /* the word at the cursor names a command */
	bool after_redir;    /* it follows < or > */
	char *word;          /* that word, quotes removed (malloc'd) */
	char *raw;           /* as typed (malloc'd) */
	char *cmd;           /* the command it belongs to (malloc'd) or NULL */
	int nargs;           /* words between the command and the cursor */
	char *args[MAX_WORDS];
};

static const char *const reserved_words[] = {
	"!", "[[", "case", "do", "done", "elif", "else", "esac", "fi", "for",
	"if", "in", "then", "time", "until", "while", "{", "}", NULL
};

/* Words after which a command name comes again. */
static bool keeps_cmd_pos(const char *w)
{
	static const char *const kw[] = { "!", "do", "elif", "else", "if",
		"then", "time", "until", "while", "{", NULL };
	for (int i = 0; kw[i]; i++)
		if (strcmp(w, kw[i]) == 0)
			return true;
	return false;
}

static bool is_assignment(const char *w)
{
	if (!((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z') || *w == '_'))
		return false;
	for (w++; *w && *w != '='; w++)
		if (!((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z') ||
		      (*w >= '0' && *w <= '9') || *w == '_'))
			return false;
	return *w == '=';
}

static void scan_free(struct scan *s)
{
	free(s->word);
	free(s->raw);
	free(s->cmd);
	for (int i = 0; i < s->nargs; i++)
		free(s->args[i]);
}

/* A finished word: does the next one name a command? */
static void end_word(struct scan *s, char *w, bool *cmd_pos)
{
	if (*cmd_pos) {
		if (keeps_cmd_pos(w) || is_assignment(w)) {
			free(w);
			return;
		}
		free(s->cmd);
		for (int i = 0; i < s->nargs; i++)
			free(s->args[i]);
		s->nargs = 0;
		s->cmd = w;
		*cmd_pos = false;
		return;
	}
	if (s->nargs < MAX_WORDS)
		s->args[s->nargs++] = w;
	else
		free(w);
}

static void scan_line(const char *line, int point, struct scan *s)
{
	memset(s, 0, sizeof *s);
	bool cmd_pos = true, redir = false;
	char quote = 0;
	size_t cap = (size_t)point + 1, len = 0;
	char *w = xmalloc(cap);
	int start = 0;
	bool in_word = false;
	for (int i = 0; i < point; i++) {
		char c = line[i];
		if (quote == '\'') {
			if (c == '\'')
				quote = 0;
			else
				w[len++] = c;
			continue;
		}
		if (c == '\\' && i + 1 < point) {
			if (!in_word) {
				in_word = true;
				start = i;
			}
			char n = line[++i];
			if (quote == '"' && !strchr("$`\"\\\n", n))
				w[len++] = '\\';
			if (n != '\n')
				w[len++] = n;
			continue;
		}
		if (quote == '"') {
			if (c == '"')
				quote = 0;
			else
				w[len++] = c;
			continue;
		}
		if (c == '\'' || c == '"') {
			if (!in_word) {
				in_word = true;
				start = i;
			}
			quote = c;
			continue;
		}
		bool blank = c == ' ' || c == '\t';
		bool op = strchr(";&|()<>\n", c) != NULL;
		if (blank || op) {
			if (in_word) {
				w[len] = '\0';
				if (redir)
					redir = false;
				else
					end_word(s, xstrdup(w), &cmd_pos);
				len = 0;
				in_word = false;
			}
			if (c == '<' || c == '>')
				redir = true;
			else if (op) {
				cmd_pos = true;
				redir = false;
			}
			continue;
		}
		if (!in_word) {
			in_word = true;
			start = i;
		}
		w[len++] = c;
	}
	w[len] = '\0';
	if (!in_word)
		start = point;
	s->word_start = start;
	s->quote = quote;
	s->word = w;
	s->raw = xmalloc((size_t)(point - start) + 1);
	memcpy(s->raw, line + start, (size_t)(point - start));
	s->raw[point - start] = '\0';
	s->after_redir = redir;
	s->cmd_pos = cmd_pos && !redir;
}

/* ---- quoting -------------------------------------------------------- */

/* s quoted in the style the word was started in: inside "..." or '...'
 * (closed unless more is to come, as after a directory), else with
 * backslashes.  A leading ~ (tilde expansion) is kept bare. */
static char *quote_as_typed(const char *s, char style, bool closed)
{
	size_t n = strlen(s);
	char *r = xmalloc(n * 4 + 4), *o = r;
	if (style == 0 && *s == '~') {
		while (*s && *s != '/')
			*o++ = *s++;
	}
	if (style)
		*o++ = style;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (style == '\'') {
			if (c == '\'') {
				memcpy(o, "'\\''", 4);
				o += 4;
			} else
				*o++ = c;
		} else if (style == '"') {
			if (strchr("$`\"\\", c))
				*o++ = '\\';
			*o++ = c;
		} else {
			if (strchr(" \t\n\\'\"$`<>|;&()*?[]{}!", c) ||
			    (p == s && (c == '#' || c == '~' || c == '=')))
				*o++ = '\\';
			*o++ = c;
		}
	}
	if (style && closed)
		*o++ = style;
	*o = '\0';
	return r;
}

/* ---- sources -------------------------------------------------------- */

struct bctx {
	struct clist *l;
	const char *prefix;
};

static void add_builtin(const struct builtin *b, void *ctx)
{
	struct bctx *c = ctx;
	/* Names starting with "__" are for tests, kept out of sight. */
	if (has_prefix(b->name, c->prefix) && !has_prefix(b->name, "__"))
		cl_add(c->l, b->name);
}

static void add_alias(const struct alias *a, void *ctx)
{
	struct bctx *c = ctx;
	if (has_prefix(a->name, c->prefix))
		cl_add(c->l, a->name);
}

static void add_function(const char *name, void *ctx)
{
	struct bctx *c = ctx;
	if (has_prefix(name, c->prefix))
		cl_add(c->l, name);
}

/* The programs on PATH, cached: rebuilt when PATH changes or one of its
 * directories changes (its mtime). */
static struct {
	char *path;
	int ndirs;
	char **dirs;
	struct timespec *mtimes;
	char **names;
	int nnames, capnames;
} progs;

static bool progs_fresh(const char *path)
{
	if (!progs.path || strcmp(progs.path, path) != 0)
		return false;
	for (int i = 0; i < progs.ndirs; i++) {
		struct stat st;
		struct timespec t = { 0, 0 };
		if (stat(progs.dirs[i], &st) == 0)
			t = st.st_mtim;
		if (t.tv_sec != progs.mtimes[i].tv_sec ||
		    t.tv_nsec != progs.mtimes[i].tv_nsec)
			return false;
	}
	return true;
}

static void progs_rebuild(const char *path)
{
	for (int i = 0; i < progs.nnames; i++)
		free(progs.names[i]);
	for (int i = 0; i < progs.ndirs; i++)
		free(progs.dirs[i]);
	free(progs.dirs);
	free(progs.mtimes);
	free(progs.path);
	progs.nnames = 0;
	progs.ndirs = 0;
	progs.path = xstrdup(path);
	int maxdirs = 1;
	for (const char *p = path; *p; p++)
		maxdirs += *p == ':';
	progs.dirs = xcalloc((size_t)maxdirs, sizeof *progs.dirs);
	progs.mtimes = xcalloc((size_t)maxdirs, sizeof *progs.mtimes);
	const char *p = path;
	for (;;) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		char *dir = xmalloc(n + 2);
		memcpy(dir, p, n);
		dir[n] = '\0';
		if (n == 0)
			strcpy(dir, ".");
		progs.dirs[progs.ndirs] = dir;
		struct stat st;
		if (stat(dir, &st) == 0)
			progs.mtimes[progs.ndirs] = st.st_mtim;
		progs.ndirs++;
		DIR *d = opendir(dir);
		if (d) {
			struct dirent *e;
			while ((e = readdir(d))) {
				if (e->d_name[0] == '.')
					continue;
				if (fstatat(dirfd(d), e->d_name, &st, 0) != 0 ||
				    !S_ISREG(st.st_mode) || !(st.st_mode & 0111))
					continue;
				if (progs.nnames == progs.capnames) {
					progs.capnames = progs.capnames ? progs.capnames * 2 : 256;
					progs.names = xrealloc(progs.names,
						(size_t)progs.capnames * sizeof *progs.names);
				}
				progs.names[progs.nnames++] = xstrdup(e->d_name);
			}
			closedir(d);
		}
		if (!colon)
			break;
		p = colon + 1;
	}
}

static void add_commands(struct clist *l, const char *prefix)
{
	struct bctx c = { l, prefix };
	builtin_foreach(add_builtin, &c);
	alias_foreach(add_alias, &c);
	func_foreach(add_function, &c);
	for (int i = 0; reserved_words[i]; i++)
		if (*prefix && has_prefix(reserved_words[i], prefix))
			cl_add(l, reserved_words[i]);
	const char *path = var_get("PATH");
	if (!path)
		path = "";
	if (!progs_fresh(path))
		progs_rebuild(path);
	for (int i = 0; i < progs.nnames; i++)
		if (has_prefix(progs.names[i], prefix))
			cl_add(l, progs.names[i]);
}

struct vctx {
	struct clist *l;
	const char *lead;  /* what stands before the name: "...$" or "...${" */
	const char *prefix;
	bool braced;
};

static void add_var(const char *name, const char *value, int flags, void *ctx)
{
	(void)value;
	(void)flags;
	struct vctx *c = ctx;
	if (!has_prefix(name, c->prefix))
		return;
	size_t n = strlen(c->lead) + strlen(name) + 2;
	char *s = xmalloc(n);
	snprintf(s, n, "%s%s%s", c->lead, name, c->braced ? "}" : "");
	cl_add2(c->l, s, xstrdup(name));
}

static void add_users(struct clist *l, const char *prefix)
{
	setpwent();
	struct passwd *pw;
	while ((pw = getpwent())) {
		if (!has_prefix(pw->pw_name, prefix))
			continue;
		size_t n = strlen(pw->pw_name) + 3;
		char *s = xmalloc(n);
		snprintf(s, n, "~%s/", pw->pw_name);
		cl_add2(l, s, xstrdup(pw->pw_name));
	}
	endpwent();
}

static void add_words(struct clist *l, const char *lead, const char *prefix,
		      const char *const *words)
{
	for (int i = 0; words[i]; i++) {
		if (!has_prefix(words[i], prefix))
			continue;
		size_t n = strlen(lead) + strlen(words[i]) + 1;
		char *s = xmalloc(n);
		snprintf(s, n, "%s%s", lead, words[i]);
		cl_add2(l, s, xstrdup(words[i]));
	}
}

static void add_strategies(struct clist *l, const char *lead, const char *prefix)
{
	const char *names[LAUNCH_STRATEGY_COUNT + 1];
	for (int i = 0; i < LAUNCH_STRATEGY_COUNT; i++)
		names[i] = launch_strategy_name(i);
	names[LAUNCH_STRATEGY_COUNT] = NULL;
	add_words(l, lead, prefix, names);
}

static void add_options(struct clist *l, const char *prefix)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (has_prefix(option_table[i].name, prefix))
			cl_add(l, option_table[i].name);
	if (has_prefix("spawn=", prefix))
		cl_add(l, "spawn=");
}

static void add_signals(struct clist *l, const char *lead, const char *prefix,
			bool with_exit)
{
	if (with_exit && has_prefix("EXIT", prefix))
		add_words(l, lead, prefix, (const char *const[]){ "EXIT", NULL });
	for (int sig = 1; sig < 65; sig++) {
		const char *name = signal_name(sig);
		if (!name)
			continue;
		const char *one[] = { name, NULL };
		add_words(l, lead, prefix, one);
	}
}

struct jctx {
	struct clist *l;
	const char *prefix;
};

static void add_job(int id, const char *cmd, bool stopped, void *ctx)
{
	struct jctx *c = ctx;
	char spec[32];
	snprintf(spec, sizeof spec, "%%%d", id);
	if (!has_prefix(spec, c->prefix))
		return;
	size_t n = strlen(spec) + strlen(cmd) + 16;
	char *shown = xmalloc(n);
	snprintf(shown, n, "%s  %s%s", spec, cmd, stopped ? "  (stopped)" : "");
	cl_add2(c->l, xstrdup(spec), shown);
}

/* Files (dirs_only: directories) whose names start with the word; the
 * candidates keep what was typed before the last slash. */
static void add_files(struct clist *l, const struct scan *s, const char *lead,
		      const char *word, bool dirs_only, bool *no_space)
{
	const char *slash = strrchr(word, '/');
	size_t dlen = slash ? (size_t)(slash - word) + 1 : 0;
	char *dir_typed = xmalloc(dlen + 1);
	memcpy(dir_typed, word, dlen);
	dir_typed[dlen] = '\0';
	const char *base = word + dlen;
	/* Where to look: ~ and ~user expanded, for reading only. */
	char *dir_real;
	if (dir_typed[0] == '~') {
		const char *rest = strchr(dir_typed, '/');
		size_t ul = rest ? (size_t)(rest - dir_typed - 1) : strlen(dir_typed) - 1;
		const char *home = NULL;
		if (ul == 0)
			home = var_get("HOME");
		else {
			char user[256];
			if (ul < sizeof user) {
				memcpy(user, dir_typed + 1, ul);
				user[ul] = '\0';
				struct passwd *pw = getpwnam(user);
				home = pw ? pw->pw_dir : NULL;
			}
		}
		size_t n = (home ? strlen(home) : 0) + strlen(rest ? rest : "") + 2;
		dir_real = xmalloc(n);
		snprintf(dir_real, n, "%s%s", home ? home : dir_typed, rest ? rest : "");
	} else {
		dir_real = xstrdup(dlen ? dir_typed : ".");
	}
	DIR *d = opendir(dir_real);
	int unique_dir = -1;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			const char *name = e->d_name;
			if (!strcmp(name, ".") || !strcmp(name, ".."))
				continue;
			if (name[0] == '.' && base[0] != '.')
				continue;
			if (!has_prefix(name, base))
				continue;
			struct stat st;
			bool isdir = fstatat(dirfd(d), name, &st, 0) == 0 &&
				     S_ISDIR(st.st_mode);
			if (dirs_only && !isdir)
				continue;
			size_t n = dlen + strlen(name) + 2;
			char *full = xmalloc(n);
			snprintf(full, n, "%s%s%s", dir_typed, name, isdir ? "/" : "");
			char *q = quote_as_typed(full, s->quote, !isdir);
			free(full);
			size_t m = strlen(lead) + strlen(q) + 1;
			char *cand = xmalloc(m);
			snprintf(cand, m, "%s%s", lead, q);
			free(q);
			size_t sn = strlen(name) + 2;
			char *shown = xmalloc(sn);
			snprintf(shown, sn, "%s%s", name, isdir ? "/" : "");
			cl_add2(l, cand, shown);
			unique_dir = isdir && unique_dir == -1 ? l->n - 1 : -2;
		}
		closedir(d);
	}
	if (unique_dir >= 0)
		*no_space = true;
	free(dir_typed);
	free(dir_real);
}

/* ---- the context ---------------------------------------------------- */

static const char *last_arg(const struct scan *s)
{
	return s->nargs ? s->args[s->nargs - 1] : NULL;
}

static bool cmd_is(const struct scan *s, const char *name)
{
	return s->cmd && strcmp(s->cmd, name) == 0;
}

/* A $NAME or ${NAME being typed at the end of the raw word: the text
 * before the name goes in *lead (malloc'd). */
static bool variable_context(const struct scan *s, char **lead, const char **name,
			     bool *braced)
{
	if (s->quote == '\'')
		return false;
	const char *raw = s->raw;
	const char *d = strrchr(raw, '$');
	if (!d || (d > raw && d[-1] == '\\'))
		return false;
	const char *p = d + 1;
	*braced = *p == '{';
	if (*braced)
		p++;
	for (const char *q = p; *q; q++)
		if (!((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
		      (*q >= '0' && *q <= '9') || *q == '_'))
			return false;
	size_t n = (size_t)(p - raw);
	*lead = xmalloc(n + 1);
	memcpy(*lead, raw, n);
	(*lead)[n] = '\0';
	*name = p;
	return true;
}

void complete_line(const char *line, int point, struct completion *c)
{
	memset(c, 0, sizeof *c);
	int len = (int)strlen(line);
	if (point > len)
		point = len;
	if (point < 0)
		point = 0;
	struct scan s;
	scan_line(line, point, &s);
	struct clist l = { NULL, NULL, 0, 0 };
	c->start = s.word_start;
	const char *w = s.word;
	char *lead = NULL;
	const char *vname;
	bool braced;
	const char *prev = last_arg(&s);
	if (variable_context(&s, &lead, &vname, &braced)) {
		struct vctx vc = { &l, lead, vname, braced };
		var_foreach(add_var, &vc);
		c->no_space = braced;
	} else if (has_prefix(w, "SPAWN=") && (s.cmd_pos || !s.cmd)) {
		add_strategies(&l, "SPAWN=", w + 6);
	} else if (has_prefix(w, "spawn=") &&
		   (cmd_is(&s, "setopt") || cmd_is(&s, "unsetopt") ||
		    (cmd_is(&s, "set") && prev && (!strcmp(prev, "-o") || !strcmp(prev, "+o"))) ||
		    (s.cmd_pos && false))) {
		add_strategies(&l, "spawn=", w + 6);
	} else if (s.cmd_pos && !strchr(w, '/') && w[0] != '~' && !is_assignment(w)) {
		add_commands(&l, w);
	} else if (s.cmd_pos && is_assignment(w)) {
		const char *eq = strchr(w, '=') + 1;
		size_t n = (size_t)(eq - w);
		lead = xmalloc(n + 1);
		memcpy(lead, w, n);
		lead[n] = '\0';
		add_files(&l, &s, lead, eq, false, &c->no_space);
	} else if (w[0] == '~' && !strchr(w, '/') && s.quote == 0) {
		add_users(&l, w + 1);
		c->no_space = true;
	} else if (cmd_is(&s, "set") && prev && (!strcmp(prev, "-o") || !strcmp(prev, "+o"))) {
		add_options(&l, w);
	} else if (cmd_is(&s, "setopt") || cmd_is(&s, "unsetopt")) {
		add_options(&l, w);
	} else if (cmd_is(&s, "spawnbench") && prev && !strcmp(prev, "-s")) {
		const char *comma = strrchr(w, ',');
		const char *item = comma ? comma + 1 : w;
		size_t n = (size_t)(item - w);
		lead = xmalloc(n + 1);
		memcpy(lead, w, n);
		lead[n] = '\0';
		add_strategies(&l, lead, item);
	} else if (cmd_is(&s, "kill") && w[0] == '-' && s.nargs == 0 &&
		   w[1] != '-') {
		add_signals(&l, "-", w + 1, false);
	} else if (cmd_is(&s, "kill") && prev && (!strcmp(prev, "-s") || !strcmp(prev, "-n"))) {
		add_signals(&l, "", w, false);
	} else if (cmd_is(&s, "trap") && s.nargs >= 1 && w[0] != '-') {
		add_signals(&l, "", w, true);
	} else if ((cmd_is(&s, "fg") || cmd_is(&s, "bg") || cmd_is(&s, "jobs") ||
		    cmd_is(&s, "kill") || cmd_is(&s, "wait") || cmd_is(&s, "disown")) &&
		   (w[0] == '%' || (!w[0] && !cmd_is(&s, "kill") && !cmd_is(&s, "wait")))) {
		struct jctx jc = { &l, w[0] ? w : "%" };
		job_foreach(add_job, &jc);
	} else {
		bool dirs = cmd_is(&s, "cd") || cmd_is(&s, "pushd");
		add_files(&l, &s, "", w, dirs, &c->no_space);
	}
	free(lead);
	cl_sort_unique(&l);
	/* A single option=-style candidate wants its value typed next. */
	if (l.n == 1 && l.v[0][0] && l.v[0][strlen(l.v[0]) - 1] == '=')
		c->no_space = true;
	c->n = l.n;
	c->cands = l.v;
	c->shown = l.shown;
	scan_free(&s);
}

void complete_free(struct completion *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->cands[i]);
		free(c->shown[i]);
	}
	free(c->cands);
	free(c->shown);
	memset(c, 0, sizeof *c);
}

/* ---- readline ------------------------------------------------------- */

static struct completion current;

/* readline calls this with its own idea of the word (start..end); ours
 * may start elsewhere (quotes, $), so candidates are cut or extended to
 * replace exactly readline's part. */
static char **attempted(const char *text, int start, int end)
{
	(void)text;
	rl_attempted_completion_over = 1;
	complete_free(&current);
	complete_line(rl_line_buffer, end, &current);
	if (current.n == 0)
		return NULL;
	const char *line = rl_line_buffer;
	int ours = current.start;
	char **m = xcalloc((size_t)current.n + 2, sizeof *m);
	int k = 1;
	for (int i = 0; i < current.n; i++) {
		const char *cand = current.cands[i];
		if (ours < start) {
			size_t skip = (size_t)(start - ours);
			if (strncmp(cand, line + ours, skip) != 0)
				continue;
			m[k++] = xstrdup(cand + skip);
		} else {
			size_t add = (size_t)(ours - start);
			char *s = xmalloc(add + strlen(cand) + 1);
			memcpy(s, line + start, add);
			strcpy(s + add, cand);
			m[k++] = s;
		}
	}
	if (k == 1) {
		free(m);
		return NULL;
	}
	/* m[0]: the longest common prefix of the rest. */
	size_t lcp = strlen(m[1]);
	for (int i = 2; i < k; i++) {
		size_t j = 0;
		while (j < lcp && m[i][j] == m[1][j])
			j++;
		lcp = j;
	}
	m[0] = xmalloc(lcp + 1);
	memcpy(m[0], m[1], lcp);
	m[0][lcp] = '\0';
	rl_completion_append_character = current.no_space ? '\0' : ' ';
	if (k == 2) {
		const char *only = m[1];
		size_t n = strlen(only);
		if (n && (only[n - 1] == '/' || only[n - 1] == '='))
			rl_completion_append_character = '\0';
	}
	rl_completion_suppress_quote = 1;
	return m;
}

/* The listing shows names, not whole quoted paths; jobs with their text. */
static void display_matches(char **matches, int num, int max)
{
	(void)max;
	char **shown = xcalloc((size_t)num + 2, sizeof *shown);
	int width = 0;
	shown[0] = matches[0];
	for (int i = 1; i <= num; i++) {
		const char *s = matches[i];
		for (int j = 0; j < current.n; j++)
			if (current.shown[j] && strstr(current.cands[j], s) &&
			    strlen(current.cands[j]) - strlen(s) ==
			    (size_t)(strstr(current.cands[j], s) - current.cands[j])) {
				s = current.shown[j];
				break;
			}
		shown[i] = (char *)s;
		int n = (int)strlen(s);
		if (n > width)
			width = n;
	}
	rl_display_match_list(shown, num, width);
	free(shown);
	rl_forced_update_display();
}

void complete_setup_readline(void)
{
	rl_attempted_completion_function = attempted;
	rl_completion_display_matches_hook = display_matches;
	/* Words break where the shell's do; quotes are ours to handle. */
	rl_basic_word_break_characters = " \t\n;&|()<>";
	rl_completer_word_break_characters = " \t\n;&|()<>";
	rl_completer_quote_characters = "'\"";
	rl_filename_quote_characters = NULL;
}

/* ---- __tine_complete: the completer without a terminal, for tests -- */

/* __tine_complete LINE [POINT]: one candidate a line, as it would be
 * inserted; then, if the list shows other text, none.  POINT defaults to
 * the end of LINE. */
int bi___tine_complete(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		sh_warn("__tine_complete: usage: __tine_complete line [point]");
		return 2;
	}
	int point = (int)strlen(argv[1]);
	if (argc == 3) {
		long n;
		if (!parse_long(argv[2], &n))
			return 2;
		point = (int)n;
	}
	struct completion c;
	complete_line(argv[1], point, &c);
	for (int i = 0; i < c.n; i++) {
		if (c.shown[i] && strcmp(c.shown[i], c.cands[i]) != 0)
			printf("%s\t%s\n", c.cands[i], c.shown[i]);
		else
			printf("%s\n", c.cands[i]);
	}
	int st = c.n ? 0 : 1;
	complete_free(&c);
	return st;
}
