/* vars.c - shell variables, function-local scopes, positional parameters
 * and the cached environment for programs.
 *
 * Owns: the variable hash table (values malloc'd, each stored with its name
 * as one "NAME=value" string so the environment can point at it), the
 * IFS cache and LINENO, the hooks through which others hear of a change
 * (PATH, OPTIND) or keep a variable's value themselves (SPAWN), the scope
 * stack of `local`, $1..$N, $0, $?, $$, $!.
 * Must not: expand words, print listings (the builtins do that), or know
 * who hooks what: owners register their hooks (var_add_hook). */
#include "vars.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "hash.h"
#include "options.h"

struct positional pos_params;
const char *arg_zero = "tine";
pid_t shell_pid;
pid_t last_bg_pid;

/* The registered hooks (a handful: looked through only when a variable
 * is created). */
#define MAX_HOOKS 8
static const struct var_hook *hooks[MAX_HOOKS];
static int nhooks;

struct var {
	struct var *next;   /* hash chain */
	uint32_t hash;
	int flags;
	const struct var_hook *hook; /* NULL for most variables */
	/* "NAME=value" (malloc'd), or NULL while the variable is unset but
	 * remembered for its flags (`export x` before x has a value). */
	char *text;
	const char *value;  /* text + namelen + 1, or NULL */
	size_t textcap;     /* bytes allocated for text */
	size_t namelen;
	unsigned undo_gen;  /* the undo level that has saved it (see below) */
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

/* The variable named by name up to end ('\0', or '=' in "NAME=value"). */
static struct var *lookup_until(const char *name, char end)
{
	size_t len;
	uint32_t h = hash_until(name, end, &len);
	if (!table)
		return NULL;
	for (struct var *v = table[h & (table_size - 1)]; v; v = v->next)
		if (v->hash == h && v->namelen == len &&
		    memcmp(v->name, name, len) == 0)
			return v;
	return NULL;
}

static struct var *lookup(const char *name)
{
	return lookup_until(name, '\0');
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
	uint32_t h = hash_until(name, '\0', &len);
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
	v->hook = NULL;
	v->undo_gen = 0;
	for (int i = 0; i < nhooks; i++)
		if (strcmp(name, hooks[i]->name) == 0)
			v->hook = hooks[i];
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

/* A virtual variable: its value is kept by the hook's owner. */
static bool is_virtual(const struct var *v)
{
	return v->hook && v->hook->get;
}

/* Tells whoever hooked the variable that its value changed or that it
 * was just removed (the hook is taken before the removal). */
static void value_changed(const struct var_hook *hook)
{
	if (hook && hook->changed)
		hook->changed();
}

/* IFS is vars.c's own hook: var_ifs() is read for every field split. */
static void ifs_changed(void)
{
	const char *v = var_get("IFS");
	ifs_cache = v ? v : default_ifs;
}

static const struct var_hook ifs_hook = { .name = "IFS",
					  .changed = ifs_changed };

void var_add_hook(const struct var_hook *h)
{
	if (nhooks == MAX_HOOKS)
		abort(); /* a programming error: raise MAX_HOOKS */
	hooks[nhooks++] = h;
	if (h->get) {
		/* A virtual variable sits in the table from the start, so
		 * that finding it costs nothing extra. */
		if (!table)
			table_grow();
		struct var *v = lookup(h->name);
		if (!v)
			v = create(h->name);
		v->hook = h;
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
	value_changed(v->hook);
}

/* ---- undo levels (a subshell run in the shell itself) ----
 *
 * While an undo level is open, the first change to each variable saves
 * its state before the change (value, flags, or that it did not exist)
 * in a log; var_undo_end puts every saved variable back, newest first, so
 * a variable saved twice (once per nested level) ends in its oldest state.
 * Each level has a generation number; a variable whose undo_gen is the
 * current one is already saved at this level.  Nothing is copied for the
 * variables a subshell only reads.  A virtual variable (SPAWN) is saved
 * by its value and given back to its owner through the hook. */
struct undo_entry {
	char *name;   /* malloc'd */
	char *value;  /* malloc'd copy, or NULL if unset */
	int flags;    /* -1: the variable did not exist */
};

static struct undo_entry *undo_log;
static size_t undo_n, undo_cap;
static unsigned undo_gen_now, undo_gen_next;

static void undo_save(const char *name, struct var *v)
{
	if (!undo_gen_now || (v && v->undo_gen == undo_gen_now))
		return;
	if (undo_n == undo_cap) {
		undo_cap = undo_cap ? undo_cap * 2 : 16;
		undo_log = xrealloc(undo_log, undo_cap * sizeof *undo_log);
	}
	struct undo_entry *e = &undo_log[undo_n++];
	e->name = xstrdup(name);
	const char *value = v ? (is_virtual(v) ? v->hook->get() : v->value)
			      : NULL;
	e->value = value ? xstrdup(value) : NULL;
	e->flags = v ? v->flags : -1;
	if (v)
		v->undo_gen = undo_gen_now;
}

static void undo_scopes_mark(struct var_undo_mark *m);
static void undo_scopes_drop(const struct var_undo_mark *m);

struct var_undo_mark var_undo_begin(void)
{
	struct var_undo_mark m = { .log_len = undo_n, .outer_gen = undo_gen_now };
	undo_scopes_mark(&m);
	undo_gen_now = ++undo_gen_next;
	if (!undo_gen_now) /* wrapped: 0 means "no level" */
		undo_gen_now = ++undo_gen_next;
	return m;
}

void var_undo_end(struct var_undo_mark m)
{
	/* Restores go straight to the table: a variable made read only
	 * inside gets its old state back too. */
	undo_scopes_drop(&m);
	undo_gen_now = 0;
	while (undo_n > m.log_len) {
		struct undo_entry *e = &undo_log[--undo_n];
		struct var *v = lookup(e->name);
		if (v && is_virtual(v)) {
			if (e->value)
				v->hook->set(e->value);
			v->undo_gen = 0;
		} else if (e->flags < 0) {
			if (v) {
				const struct var_hook *hook = v->hook;
				if ((v->flags & VAR_EXPORT) && v->value)
					env_dirty = true;
				destroy(v);
				value_changed(hook);
			}
		} else {
			if (!v)
				v = create(e->name);
			if ((v->flags | e->flags) & VAR_EXPORT)
				env_dirty = true;
			v->flags = e->flags;
			/* An unchanged value keeps its hook quiet (PATH: the
			 * remembered locations stay). */
			bool same = (!v->value && !e->value) ||
				    (v->value && e->value &&
				     strcmp(v->value, e->value) == 0);
			if (!same)
				store(v, e->value);
			v->undo_gen = 0;
		}
		free(e->name);
		free(e->value);
	}
	undo_gen_now = m.outer_gen;
}

const char *var_get(const char *name)
{
	struct var *v = lookup(name);
	if (v && v->value)
		return v->value;
	if (v)
		return is_virtual(v) ? v->hook->get() : NULL;
	/* LINENO lives outside the table so that the hot path above pays
	 * nothing for it; an assignment makes it an ordinary variable. */
	if (name[0] == 'L' && strcmp(name, "LINENO") == 0) {
		static char buf[24];
		snprintf(buf, sizeof buf, "%d", error_line);
		return buf;
	}
	return NULL;
}

bool var_set(const char *name, const char *value, int flags)
{
	struct var *v = lookup(name);
	if (v && !is_virtual(v) && (v->flags & VAR_READONLY)) {
		sh_warn("%s: is read only", name);
		return false;
	}
	undo_save(name, v);
	if (!v) {
		v = create(name);
		v->undo_gen = undo_gen_now; /* saved above as not existing */
	} else if (is_virtual(v)) {
		return v->hook->set(value);
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
	struct var *v = lookup(name);
	if (v && is_virtual(v))
		return; /* never exported or read only: its owner keeps it */
	undo_save(name, v);
	if (!v) {
		v = create(name);
		v->undo_gen = undo_gen_now;
	}
	flags &= VAR_EXPORT | VAR_READONLY;
	if ((flags & VAR_EXPORT) && !(v->flags & VAR_EXPORT) && v->value)
		env_dirty = true;
	v->flags |= flags;
}

int var_flags(const char *name)
{
	struct var *v = lookup(name);
	return v ? v->flags : -1;
}

bool var_unset(const char *name)
{
	struct var *v = lookup(name);
	if (!v || is_virtual(v))
		return true; /* a virtual variable has no "unset" */
	if (v->flags & VAR_READONLY) {
		sh_warn("%s: is read only", name);
		return false;
	}
	undo_save(name, v);
	const struct var_hook *hook = v->hook;
	if ((v->flags & VAR_EXPORT) && v->value)
		env_dirty = true;
	destroy(v);
	value_changed(hook);
	return true;
}

void var_unexport(const char *name)
{
	struct var *v = lookup(name);
	if (!v || !(v->flags & VAR_EXPORT))
		return;
	undo_save(name, v);
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
			if (exported_with_value ?
			    (v->flags & VAR_EXPORT) && v->value :
			    !is_virtual(v))
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
		/* A virtual variable (SPAWN) is never passed on. */
		struct var *v = lookup_until(assigns[i], '=');
		if (v && is_virtual(v))
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
	bool temporary;   /* prefix assignments of one command, not a call */
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
	scopes[scope_depth].temporary = false;
	scopes[scope_depth++].n = 0;
}

void var_scope_push_temporary(void)
{
	var_scope_push();
	scopes[scope_depth - 1].temporary = true;
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
	struct var *v = lookup(s->name);
	undo_save(s->name, v);
	if (v && is_virtual(v)) {
		/* The saved value was read from the owner: it takes it back. */
		if (s->value)
			v->hook->set(s->value);
		free(s->value);
		return;
	}
	if (s->flags < 0) {
		if (v) {
			const struct var_hook *hook = v->hook;
			if ((v->flags & VAR_EXPORT) && v->value)
				env_dirty = true;
			destroy(v);
			value_changed(hook);
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

static bool make_local_in(struct scope *sc, const char *name);

/* The innermost scope a `local` in a function goes to (0: none), as
 * 1 + its index. */
static size_t function_scope(void)
{
	size_t d = scope_depth;
	while (d > 0 && scopes[d - 1].temporary)
		d--;
	return d;
}

/* An undo level (above) must also forget what `local` inside it added to
 * the scopes that were open when it began: a body can add only to the
 * innermost scope and to the innermost function scope; the scopes it
 * opens itself are closed again by the time it ends (a scope left open
 * by an error is dropped here too).  The values are put back by the
 * undo log: the entries are freed without being restored. */
static void undo_scopes_mark(struct var_undo_mark *m)
{
	m->scope_depth = scope_depth;
	m->top_n = scope_depth ? scopes[scope_depth - 1].n : 0;
	m->func_scope = function_scope();
	m->func_n = m->func_scope ? scopes[m->func_scope - 1].n : 0;
}

static void scope_drop_to(struct scope *sc, size_t n)
{
	while (sc->n > n) {
		struct saved_var *s = &sc->saved[--sc->n];
		free(s->name);
		free(s->value);
		free(s->opts);
	}
}

static void undo_scopes_drop(const struct var_undo_mark *m)
{
	while (scope_depth > m->scope_depth)
		scope_drop_to(&scopes[--scope_depth], 0);
	if (scope_depth == 0)
		return;
	scope_drop_to(&scopes[scope_depth - 1], m->top_n);
	if (m->func_scope)
		scope_drop_to(&scopes[m->func_scope - 1], m->func_n);
}

bool var_make_local(const char *name)
{
	if (scope_depth == 0)
		return false;
	return make_local_in(&scopes[scope_depth - 1], name);
}

bool var_make_function_local(const char *name)
{
	size_t d = scope_depth;
	while (d > 0 && scopes[d - 1].temporary)
		d--;
	if (d == 0)
		return false;
	return make_local_in(&scopes[d - 1], name);
}

static bool make_local_in(struct scope *sc, const char *name)
{
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
	} else {
		struct var *v = lookup(name);
		if (!v)
			s->flags = -1;
		else if (is_virtual(v))
			s->value = xstrdup(v->hook->get());
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
	var_add_hook(&ifs_hook);
	for (char **e = envp; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		if (!eq || !valid_name(*e, (size_t)(eq - *e)))
			continue;
		char *name = xstrdup(*e);
		name[eq - *e] = '\0';
		/* Neither is a plain variable: a virtual one (SPAWN) belongs
		 * to its owner, LINENO follows the script. */
		struct var *v = lookup(name);
		if (!(v && is_virtual(v)) && strcmp(name, "LINENO") != 0)
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
}
