/* vars.c - shell variables, function-local scopes, positional parameters
 * and the cached environment for programs.
 *
 * Owns: the variable hash table (values malloc'd, each stored with its name
 * as one "NAME=value" string so the environment can point at it), the
 * special behaviour of PATH, IFS, OPTIND, LINENO and SPAWN, the scope stack
 * of `local`, $1..$N, $0, $?, $$, $!.
 * Must not: expand words, print listings (the builtins do that), or know
 * how commands are run; it only reads exec_strategy and tells path.c and
 * getopts that something changed. */
#include "vars.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "builtins.h"
#include "error.h"
#include "exec.h"
#include "launch.h"
#include "options.h"
#include "path.h"

struct positional pos_params;
const char *arg_zero = "tine";
int last_status;
pid_t shell_pid;
pid_t last_bg_pid;

/* Variables whose changes matter to somebody else. */
enum var_special {
	SPECIAL_NONE,
	SPECIAL_PATH,
	SPECIAL_IFS,
	SPECIAL_OPTIND,
};

struct var {
	struct var *next;   /* hash chain */
	uint32_t hash;
	int flags;
	enum var_special special;
	/* "NAME=value" (malloc'd), or NULL while the variable is unset but
	 * remembered for its flags (`export x` before x has a value). */
	char *text;
	const char *value;  /* text + namelen + 1, or NULL */
	size_t textcap;     /* bytes allocated for text */
	size_t namelen;
	char name[];
};

static struct var **table;
static size_t table_size;   /* a power of two */
static size_t table_count;

/* The cached environment; pointers into the variables' text. */
static char **env_cache;
static size_t env_cap;
static bool env_dirty = true;

static const char *ifs_cache = " \t\n";
static const char default_ifs[] = " \t\n";

/* FNV-1a: cheap, and var_get runs for every $name the expander sees. */
static uint32_t name_hash(const char *s, size_t *len)
{
	uint32_t h = 2166136261u;
	const char *p = s;
	for (; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 16777619u;
	}
	*len = (size_t)(p - s);
	return h;
}

static struct var *lookup(const char *name)
{
	size_t len;
	uint32_t h = name_hash(name, &len);
	if (!table)
		return NULL;
	for (struct var *v = table[h & (table_size - 1)]; v; v = v->next)
		if (v->hash == h && v->namelen == len &&
		    memcmp(v->name, name, len) == 0)
			return v;
	return NULL;
}

static void table_grow(void)
{
	size_t nsize = table_size ? table_size * 2 : 256;
	struct var **nt = xcalloc(nsize, sizeof *nt);
	for (size_t i = 0; i < table_size; i++) {
		struct var *v = table[i], *next;
		for (; v; v = next) {
			next = v->next;
			v->next = nt[v->hash & (nsize - 1)];
			nt[v->hash & (nsize - 1)] = v;
		}
	}
	free(table);
	table = nt;
	table_size = nsize;
}

static struct var *create(const char *name)
{
	size_t len;
	uint32_t h = name_hash(name, &len);
	if (table_count >= table_size)
		table_grow();
	struct var *v = xmalloc(sizeof *v + len + 1);
	memcpy(v->name, name, len + 1);
	v->namelen = len;
	v->hash = h;
	v->flags = 0;
	v->text = NULL;
	v->value = NULL;
	v->textcap = 0;
	v->special = SPECIAL_NONE;
	if (strcmp(name, "PATH") == 0)
		v->special = SPECIAL_PATH;
	else if (strcmp(name, "IFS") == 0)
		v->special = SPECIAL_IFS;
	else if (strcmp(name, "OPTIND") == 0)
		v->special = SPECIAL_OPTIND;
	struct var **b = &table[h & (table_size - 1)];
	v->next = *b;
	*b = v;
	table_count++;
	return v;
}

static void destroy(struct var *v)
{
	struct var **pp = &table[v->hash & (table_size - 1)];
	while (*pp != v)
		pp = &(*pp)->next;
	*pp = v->next;
	table_count--;
	free(v->text);
	free(v);
}

/* Tells the rest of the shell that v's value changed; v may be NULL when
 * the variable was just removed (then special says which it was). */
static void value_changed(struct var *v, enum var_special special)
{
	switch (special) {
	case SPECIAL_PATH:
		path_flush();
		break;
	case SPECIAL_IFS:
		ifs_cache = v && v->value ? v->value : default_ifs;
		break;
	case SPECIAL_OPTIND:
		getopts_reset();
		break;
	case SPECIAL_NONE:
		break;
	}
}

/* Stores a new value (NULL: unset but keep the entry) without any check. */
static void store(struct var *v, const char *value)
{
	if (!value) {
		free(v->text);
		v->text = NULL;
		v->value = NULL;
		v->textcap = 0;
	} else {
		size_t need = v->namelen + strlen(value) + 2;
		/* A loop that counts up reuses the same block: no malloc per
		 * assignment; a big block is not kept for a small value.
		 * memmove: value may point into our own text. */
		if (need > v->textcap ||
		    (v->textcap > 256 && need < v->textcap / 4)) {
			size_t cap = need < 32 ? 32 : need + need / 4;
			char *text = xmalloc(cap);
			memcpy(text, v->name, v->namelen);
			text[v->namelen] = '=';
			memcpy(text + v->namelen + 1, value, need - v->namelen - 1);
			free(v->text);
			v->text = text;
			v->textcap = cap;
		} else {
			memmove(v->text + v->namelen + 1, value,
				need - v->namelen - 1);
		}
		v->value = v->text + v->namelen + 1;
	}
	if (v->flags & VAR_EXPORT)
		env_dirty = true;
	value_changed(v, v->special);
}

static const char *strategy_list(void)
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

static bool set_spawn(const char *value)
{
	int s = value ? launch_strategy_by_name(value) : -1;
	if (s < 0) {
		sh_warn("SPAWN: unknown strategy '%s' (valid: %s)",
			value ? value : "", strategy_list());
		return false;
	}
	exec_strategy = s;
	return true;
}

const char *var_get(const char *name)
{
	struct var *v = lookup(name);
	if (v && v->value)
		return v->value;
	if (v)
		return NULL;
	/* Virtual variables live outside the table so that the hot path
	 * above pays nothing for them. */
	if (name[0] == 'S' && strcmp(name, "SPAWN") == 0)
		return launch_strategy_name(exec_strategy);
	if (name[0] == 'L' && strcmp(name, "LINENO") == 0) {
		static char buf[24];
		snprintf(buf, sizeof buf, "%d", error_line);
		return buf;
	}
	return NULL;
}

bool var_set(const char *name, const char *value, int flags)
{
	if (name[0] == 'S' && strcmp(name, "SPAWN") == 0)
		return set_spawn(value);
	struct var *v = lookup(name);
	if (!v)
		v = create(name);
	else if (v->flags & VAR_READONLY) {
		sh_warn("%s: is read only", name);
		return false;
	}
	if (OPT(allexport))
		flags |= VAR_EXPORT;
	if ((flags & VAR_EXPORT) && !(v->flags & VAR_EXPORT))
		env_dirty = true;
	v->flags |= flags & (VAR_EXPORT | VAR_READONLY);
	store(v, value);
	return true;
}

void var_add_flags(const char *name, int flags)
{
	if (strcmp(name, "SPAWN") == 0)
		return; /* never exported; its value is the option */
	struct var *v = lookup(name);
	if (!v)
		v = create(name);
	flags &= VAR_EXPORT | VAR_READONLY;
	if ((flags & VAR_EXPORT) && !(v->flags & VAR_EXPORT) && v->value)
		env_dirty = true;
	v->flags |= flags;
}

int var_flags(const char *name)
{
	struct var *v = lookup(name);
	if (v)
		return v->flags;
	if (strcmp(name, "SPAWN") == 0)
		return 0;
	return -1;
}

bool var_unset(const char *name)
{
	if (strcmp(name, "SPAWN") == 0)
		return true; /* the strategy is an option: it has no "unset" */
	struct var *v = lookup(name);
	if (!v)
		return true;
	if (v->flags & VAR_READONLY) {
		sh_warn("%s: is read only", name);
		return false;
	}
	enum var_special special = v->special;
	if ((v->flags & VAR_EXPORT) && v->value)
		env_dirty = true;
	destroy(v);
	value_changed(NULL, special);
	return true;
}

void var_unexport(const char *name)
{
	struct var *v = lookup(name);
	if (!v || !(v->flags & VAR_EXPORT))
		return;
	v->flags &= ~VAR_EXPORT;
	if (v->value)
		env_dirty = true;
}

static int cmp_var(const void *a, const void *b)
{
	const struct var *x = *(struct var *const *)a;
	const struct var *y = *(struct var *const *)b;
	return strcmp(x->name, y->name);
}

/* The variables (those with a value only when with_value), sorted by name,
 * in a malloc'd array the caller frees. */
static struct var **sorted_vars(size_t *count, bool exported_with_value)
{
	struct var **vs = xmalloc((table_count + 1) * sizeof *vs);
	size_t n = 0;
	for (size_t i = 0; i < table_size; i++)
		for (struct var *v = table[i]; v; v = v->next)
			if (!exported_with_value ||
			    ((v->flags & VAR_EXPORT) && v->value))
				vs[n++] = v;
	qsort(vs, n, sizeof *vs, cmp_var);
	*count = n;
	return vs;
}

void var_foreach(void (*fn)(const char *name, const char *value, int flags,
			    void *ctx), void *ctx)
{
	size_t n;
	struct var **vs = sorted_vars(&n, false);
	/* fn must not change variables: vs holds pointers to them. */
	for (size_t i = 0; i < n; i++)
		fn(vs[i]->name, vs[i]->value, vs[i]->flags, ctx);
	free(vs);
}

char **var_environ(void)
{
	if (!env_dirty && env_cache)
		return env_cache;
	size_t n;
	struct var **vs = sorted_vars(&n, true);
	if (n + 1 > env_cap) {
		env_cap = (n + 1) * 2;
		free(env_cache);
		env_cache = xmalloc(env_cap * sizeof *env_cache);
	}
	for (size_t i = 0; i < n; i++)
		env_cache[i] = vs[i]->text;
	env_cache[n] = NULL;
	free(vs);
	env_dirty = false;
	return env_cache;
}

char **var_environ_with(char **assigns, int n)
{
	char **base = var_environ();
	size_t nbase = 0;
	while (base[nbase])
		nbase++;
	char **env = talloc((nbase + (size_t)n + 1) * sizeof *env);
	memcpy(env, base, nbase * sizeof *env);
	size_t count = nbase;
	for (int i = 0; i < n; i++) {
		const char *eq = strchr(assigns[i], '=');
		if (!eq)
			continue;
		size_t len = (size_t)(eq - assigns[i]) + 1;
		/* SPAWN picks the strategy; it is never passed on. */
		if (len == 6 && memcmp(assigns[i], "SPAWN=", 6) == 0)
			continue;
		size_t j;
		for (j = 0; j < count; j++)
			if (strncmp(env[j], assigns[i], len) == 0)
				break;
		env[j] = assigns[i];
		if (j == count)
			count++;
	}
	env[count] = NULL;
	return env;
}

/* ---- local scopes ---- */

/* What `local` saved: the outer state of one variable, put back when the
 * function returns (dash keeps the value; only changes are undone). */
struct saved_var {
	char *name;       /* malloc'd; "-" for the option set */
	char *value;      /* malloc'd copy, or NULL if unset */
	int flags;        /* -1: the variable did not exist */
	bool *opts;       /* "-": the saved options */
};

struct scope {
	struct saved_var *saved;
	size_t n, cap;    /* saved[] is kept for reuse by the next call */
};

static struct scope *scopes;
static size_t scope_depth, scope_cap;

void var_scope_push(void)
{
	if (scope_depth == scope_cap) {
		size_t ncap = scope_cap ? scope_cap * 2 : 16;
		scopes = xrealloc(scopes, ncap * sizeof *scopes);
		memset(scopes + scope_cap, 0,
		       (ncap - scope_cap) * sizeof *scopes);
		scope_cap = ncap;
	}
	scopes[scope_depth++].n = 0;
}

static void restore_one(struct saved_var *s)
{
	if (strcmp(s->name, "-") == 0) {
		for (int i = 0; i < OPT_COUNT; i++)
			if (shell_opts[i] != s->opts[i])
				option_set(i, s->opts[i]);
		free(s->opts);
		return;
	}
	if (strcmp(s->name, "SPAWN") == 0) {
		int st = s->value ? launch_strategy_by_name(s->value) : -1;
		if (st >= 0)
			exec_strategy = st;
		free(s->value);
		return;
	}
	struct var *v = lookup(s->name);
	if (s->flags < 0) {
		if (v) {
			enum var_special special = v->special;
			if ((v->flags & VAR_EXPORT) && v->value)
				env_dirty = true;
			destroy(v);
			value_changed(NULL, special);
		}
		free(s->value);
		return;
	}
	if (!v)
		v = create(s->name);
	if ((v->flags | s->flags) & VAR_EXPORT)
		env_dirty = true;
	v->flags = s->flags;
	store(v, s->value);
	free(s->value);
}

void var_scope_pop(void)
{
	if (scope_depth == 0)
		return;
	struct scope *sc = &scopes[scope_depth - 1];
	/* Newest first, so a name saved twice ends with its oldest state. */
	while (sc->n > 0) {
		struct saved_var *s = &sc->saved[--sc->n];
		restore_one(s);
		free(s->name);
	}
	scope_depth--;
}

bool var_make_local(const char *name)
{
	if (scope_depth == 0)
		return false;
	struct scope *sc = &scopes[scope_depth - 1];
	for (size_t i = 0; i < sc->n; i++)
		if (strcmp(sc->saved[i].name, name) == 0)
			return true;
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 8;
		sc->saved = xrealloc(sc->saved, sc->cap * sizeof *sc->saved);
	}
	struct saved_var *s = &sc->saved[sc->n++];
	s->name = xstrdup(name);
	s->value = NULL;
	s->flags = 0;
	s->opts = NULL;
	if (strcmp(name, "-") == 0) {
		s->opts = xmalloc(sizeof shell_opts);
		memcpy(s->opts, shell_opts, sizeof shell_opts);
	} else if (strcmp(name, "SPAWN") == 0) {
		s->value = xstrdup(launch_strategy_name(exec_strategy));
	} else {
		struct var *v = lookup(name);
		if (!v)
			s->flags = -1;
		else {
			s->flags = v->flags;
			s->value = v->value ? xstrdup(v->value) : NULL;
		}
	}
	return true;
}

/* ---- positional parameters ---- */

struct positional pos_replace(int argc, char **argv)
{
	struct positional old = pos_params;
	struct positional p;
	p.count = argc;
	p.values = xmalloc(((size_t)argc + 1) * sizeof *p.values);
	for (int i = 0; i < argc; i++)
		p.values[i] = xstrdup(argv[i]);
	p.values[argc] = NULL;
	pos_params = p;
	return old;
}

void pos_restore(struct positional old)
{
	pos_free(&pos_params);
	pos_params = old;
}

void pos_free(struct positional *p)
{
	for (int i = 0; i < p->count; i++)
		free(p->values[i]);
	free(p->values);
	p->values = NULL;
	p->count = 0;
}

const char *var_ifs(void)
{
	return ifs_cache;
}

/* ---- start-up ---- */

static bool valid_name(const char *s, size_t len)
{
	if (len == 0 || !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') ||
			  (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!(s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/* $PWD from the environment is kept only if it is absolute and names the
 * directory we are in (POSIX cd/pwd rules); otherwise ask the kernel. */
static void init_pwd(void)
{
	const char *pwd = var_get("PWD");
	struct stat a, b;
	if (pwd && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		var_add_flags("PWD", VAR_EXPORT);
		return;
	}
	char *cwd = getcwd(NULL, 0);
	if (cwd) {
		var_set("PWD", cwd, VAR_EXPORT);
		free(cwd);
	}
}

void var_init(char **envp)
{
	if (!table)
		table_grow();
	for (char **e = envp; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		if (!eq || !valid_name(*e, (size_t)(eq - *e)))
			continue;
		char *name = xstrdup(*e);
		name[eq - *e] = '\0';
		/* Neither is a plain variable: SPAWN is the option (set from
		 * TINE_SPAWN below), LINENO follows the script. */
		if (strcmp(name, "SPAWN") != 0 && strcmp(name, "LINENO") != 0)
			var_set(name, eq + 1, VAR_EXPORT);
		free(name);
	}
	var_set("IFS", default_ifs, 0);
	if (!var_get("PATH"))
		var_set("PATH",
			"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
			0);
	if (!var_get("PS1"))
		var_set("PS1", geteuid() == 0 ? "# " : "$ ", 0);
	if (!var_get("PS2"))
		var_set("PS2", "> ", 0);
	if (!var_get("PS4"))
		var_set("PS4", "+ ", 0);
	var_set("OPTIND", "1", 0);
	char buf[24];
	snprintf(buf, sizeof buf, "%ld", (long)getppid());
	var_set("PPID", buf, 0);
	init_pwd();
	shell_pid = getpid();
	const char *ts = var_get("TINE_SPAWN");
	if (ts && *ts) {
		int s = launch_strategy_by_name(ts);
		if (s >= 0)
			exec_strategy = s;
		else
			sh_warn("TINE_SPAWN: unknown strategy '%s' (valid: %s)",
				ts, strategy_list());
	}
}
