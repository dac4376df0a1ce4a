/* subshell_inline.c - ( ) and $( ) of shell code run in the shell itself
 * (issue 12 part 1; ksh93's virtual subshells, STYLE.md): no fork, and
 * every change the body makes is undone when it ends.
 *
 * Owns: the decision whether a body may run inline
 * (subshell_inline_reason and scan_simple, the one list of what forces a
 * fork), the saving and restoring of shell
 * state around it (struct saved_state), the capture of a $( )'s output in
 * a memory file, and `exit` inside an inline body.
 * Must not: know how programs are launched, or change what the body does:
 * it runs through exec_node like any other command.
 *
 * What is saved and how:
 *   variables          vars.c undo level: each saved on its first change;
 *                      what `local` inside adds to open scopes is dropped
 *   positional params  copied, when the body has `set` or `shift`
 *   functions          the table saved (refcounts), when the body
 *                      defines or unsets anything
 *   options, subshell mode, $!, loop depth and the loops outside,
 *                      LINENO, trap-action depth: copied (a few bytes);
 *                      the strategy (SPAWN) is a variable like the others
 *   cwd                a descriptor of ".", when the body has `cd`
 *   umask              when the body has `umask` with an operand
 *   remembered paths   lookups made inside are forgotten again
 *   fds                redirections inside restore themselves; fd 1 of a
 *                      $( ) is put back here
 *   $?                 the subshell's status, as after a fork
 * What forces a fork: see subshell_inline_reason and scan_simple. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "subshell_inline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "ast.h"
#include "builtins.h"
#include "error.h"
#include "exec.h"
#include "options.h"
#include "path.h"
#include "redir.h"
#include "trap.h"
#include "vars.h"

enum subshell_mode subshell_mode = SUBSHELL_INLINE;

const char *subshell_mode_name(enum subshell_mode m)
{
	return m == SUBSHELL_FORK ? "fork" : "inline";
}

int subshell_mode_by_name(const char *name)
{
	if (strcmp(name, "inline") == 0)
		return SUBSHELL_INLINE;
	if (strcmp(name, "fork") == 0)
		return SUBSHELL_FORK;
	return -1;
}

/* Sets the mode from a name; WHO names the setting in the message. */
static bool set_mode(const char *who, const char *value)
{
	int m = value ? subshell_mode_by_name(value) : -1;
	if (m < 0) {
		sh_warn("%s: unknown mode '%s' (valid: inline, fork)", who,
			value ? value : "");
		return false;
	}
	subshell_mode = (enum subshell_mode)m;
	return true;
}

static const char *subshell_option_get(void)
{
	return subshell_mode_name(subshell_mode);
}

static bool subshell_option_set(const char *value)
{
	return set_mode("subshell", value);
}

/* set -o subshell=MODE (+o too: the option has no "off"). */
static const struct option_value subshell_option = {
	.name = "subshell",
	.get = subshell_option_get,
	.set = subshell_option_set,
};

void subshell_inline_init(void)
{
	option_add_value(&subshell_option);
	const char *env = getenv("TINE_SUBSHELL");
	if (env && *env)
		set_mode("TINE_SUBSHELL", env);
}

/* ---- the decision ---- */

/* What the body needs saved beyond the always-saved state. */
enum inline_needs {
	NEED_CWD = 1 << 0,
	NEED_UMASK = 1 << 1,
	NEED_POSITIONAL = 1 << 2,
	NEED_FUNCS = 1 << 3,
	NEED_PROGRAM = 1 << 4, /* may launch a program (or run an unknown name) */
};

/* Deep enough for any real script; a deeper body just forks. */
#define MAX_DEPTH 32
#define MAX_FUNC_DEPTH 8

struct scan {
	bool capture;       /* a $( ): fd 1 is a memory file, not a pipe */
	unsigned needs;
	const char *reason; /* set: fork */
	int func_depth;
	const char *funcs_seen[MAX_FUNC_DEPTH];
};

static void scan_node(struct scan *sc, const struct node *n, int depth);

/* The literal text of a word with no expansion in it, or NULL. */
static const char *literal_word(const struct word *w, char *buf, size_t size)
{
	size_t len = 0;
	for (const struct wpart *p = w->parts; p; p = p->next) {
		if (p->kind != WP_LIT || len + p->u.lit.len >= size)
			return NULL;
		memcpy(buf + len, p->u.lit.text, p->u.lit.len);
		len += p->u.lit.len;
	}
	buf[len] = '\0';
	return buf;
}

/* A name through which a command could reach the descriptors themselves
 * (/dev/stdout, /dev/fd/1, /proc/self/fd/1): opened, it is a new open of
 * the memory file a $( ) writes to (`>` would empty it, and `test -p`
 * would see no pipe), where a forked $( ) has a pipe. */
static bool names_a_descriptor(const char *path)
{
	return strncmp(path, "/dev/std", 8) == 0 ||
	       strncmp(path, "/dev/fd/", 8) == 0 ||
	       strncmp(path, "/proc/", 6) == 0;
}

/* In a $( ): redirections to such names, or to a name known only when
 * it runs, fork. */
static void scan_redirs(struct scan *sc, const struct redir *r)
{
	char buf[64];
	for (; r && !sc->reason; r = r->next) {
		if (r->kind == REDIR_HEREDOC || r->kind == REDIR_DUP_IN ||
		    r->kind == REDIR_DUP_OUT)
			continue;
		const char *path = literal_word(r->target, buf, sizeof buf);
		if (!path)
			sc->reason = "a redirection to a name known when it runs";
		else if (names_a_descriptor(path))
			sc->reason = "a redirection to a descriptor's name";
	}
}

/* `set` may run inline when it only sets plain flags or the positional
 * parameters: -o/+o names and -m/-i (job control, interactive) would need
 * their side effects undone. */
static bool set_args_inline(const struct word *arg)
{
	char buf[64];
	for (; arg; arg = arg->next) {
		const char *a = literal_word(arg, buf, sizeof buf);
		if (!a)
			return true; /* operands after -- or plain words: fine */
		if (strcmp(a, "--") == 0)
			return true;
		if (a[0] != '-' && a[0] != '+')
			return true;
		if (strpbrk(a + 1, "omi"))
			return false;
	}
	return true;
}

/* A simple command: builtins by name, functions by their bodies, anything
 * else is a program (or a name only known at run time). */
static void scan_simple(struct scan *sc, const struct node *n, int depth)
{
	const struct word *w = n->u.simple.args;
	if (!w)
		return; /* assignments and redirections: undone like any */
	char buf[64];
	const char *name = literal_word(w, buf, sizeof buf);
	if (!name) {
		/* It could turn out to be exec or trap. */
		sc->reason = "a command name known only when it runs";
		return;
	}
	int nargs = 0;
	for (const struct word *a = w->next; a; a = a->next) {
		nargs++;
		char abuf[64];
		const char *arg = sc->capture ? literal_word(a, abuf, sizeof abuf)
					      : NULL;
		if (arg && names_a_descriptor(arg)) {
			sc->reason = "a descriptor's name";
			return;
		}
	}
	/* A function (looked up as the executor will, before regular
	 * builtins) is as inline-safe as its body. */
	const struct builtin *b = builtin_lookup(name);
	bool special = b && (b->flags & BUILTIN_SPECIAL);
	const struct node *fbody = special ? NULL : func_lookup(name);
	if (fbody) {
		for (int i = 0; i < sc->func_depth; i++)
			if (strcmp(sc->funcs_seen[i], name) == 0)
				return; /* recursion: scanned already */
		if (sc->func_depth == MAX_FUNC_DEPTH) {
			sc->reason = "functions nested too deep to check";
			return;
		}
		sc->funcs_seen[sc->func_depth++] = name; /* lives in this frame */
		scan_node(sc, fbody, depth + 1);
		sc->func_depth--;
		return;
	}
	if (!b) {
		sc->needs |= NEED_PROGRAM;
		return;
	}
	/* The builtins whose effect is not undone here, or whose result
	 * would differ from a forked subshell's. */
	static const char *const forks[] = {
		"exec",     /* replaces or redirects the process itself */
		"eval", ".", "source", /* code not seen before it runs */
		"command",  /* runs a name not checked here */
		"trap",     /* traps must fire in the subshell */
		"ulimit",   /* limits cannot be raised back */
		"alias", "unalias", /* (alias alone just lists) */
		"wait", "jobs", "fg", "bg", /* the subshell has no children */
		"times",    /* a forked subshell's own times start at 0 */
		"kill",     /* kill $$ or a group: the shell would get it,
		             * where a forked subshell goes on */
		"getopts",  /* keeps a position outside OPTIND */
		"setopt", "unsetopt", "spawnbench", "hash", "fc",
	};
	for (size_t i = 0; i < sizeof forks / sizeof forks[0]; i++) {
		if (strcmp(name, forks[i]) != 0)
			continue;
		if ((strcmp(name, "alias") == 0 || strcmp(name, "trap") == 0 ||
		     strcmp(name, "hash") == 0) &&
		    nargs == 0)
			return; /* listings only */
		sc->reason = forks[i];
		return;
	}
	if (strcmp(name, "cd") == 0)
		sc->needs |= NEED_CWD;
	else if (strcmp(name, "umask") == 0 && nargs > 0)
		sc->needs |= NEED_UMASK;
	else if (strcmp(name, "shift") == 0)
		sc->needs |= NEED_POSITIONAL;
	else if (strcmp(name, "set") == 0) {
		sc->needs |= NEED_POSITIONAL;
		if (!set_args_inline(w->next))
			sc->reason = "set -o/-m/-i";
	} else if (strcmp(name, "unset") == 0)
		sc->needs |= NEED_FUNCS;
}

static void scan_node(struct scan *sc, const struct node *n, int depth)
{
	if (!n || sc->reason)
		return;
	if (depth > MAX_DEPTH) {
		sc->reason = "nested too deep to check";
		return;
	}
	if (sc->capture) {
		scan_redirs(sc, n->redirs);
		if (sc->reason)
			return;
	}
	switch (n->kind) {
	case NODE_SIMPLE:
		scan_simple(sc, n, depth);
		break;
	case NODE_PIPE:
		for (int i = 0; i < n->u.pipe.ncmds; i++)
			scan_node(sc, n->u.pipe.cmds[i], depth + 1);
		break;
	case NODE_BG:
		/* A job of the subshell's own: `wait`, $! and the job table
		 * would all be the parent's. */
		sc->reason = "a background job";
		break;
	case NODE_AND:
	case NODE_OR:
		scan_node(sc, n->u.binary.left, depth + 1);
		scan_node(sc, n->u.binary.right, depth + 1);
		break;
	case NODE_SEQ:
		/* A list is a right-leaning chain, not nesting: walked in a
		 * loop at one depth, so a long body neither forks for its
		 * length nor costs a frame per command. */
		for (;;) {
			scan_node(sc, n->u.binary.left, depth + 1);
			n = n->u.binary.right;
			if (!n || n->kind != NODE_SEQ || sc->reason)
				break;
			if (sc->capture)
				scan_redirs(sc, n->redirs);
		}
		scan_node(sc, n, depth);
		break;
	case NODE_NOT:
	case NODE_SUBSHELL:
	case NODE_BRACE:
	case NODE_TIME:
		scan_node(sc, n->u.unary.body, depth + 1);
		break;
	case NODE_IF:
		scan_node(sc, n->u.ifn.cond, depth + 1);
		scan_node(sc, n->u.ifn.then, depth + 1);
		scan_node(sc, n->u.ifn.els, depth + 1);
		break;
	case NODE_WHILE:
	case NODE_UNTIL:
		scan_node(sc, n->u.loop.cond, depth + 1);
		scan_node(sc, n->u.loop.body, depth + 1);
		break;
	case NODE_FOR:
		scan_node(sc, n->u.forn.body, depth + 1);
		break;
	case NODE_CASE:
		for (const struct case_item *it = n->u.casen.items; it; it = it->next)
			scan_node(sc, it->body, depth + 1);
		break;
	case NODE_COND:
		/* only words, which an inline subshell expands as any
		 * command's */
		break;
	case NODE_FUNCDEF:
		/* Defining is undone.  The body is checked as if it ran: a
		 * call to it by name is not recognised as a function here. */
		sc->needs |= NEED_FUNCS;
		scan_node(sc, n->u.func.body, depth + 1);
		break;
	}
}

/* Inline subshells nest; each level has one of these on the C stack. */
struct saved_state;
static struct saved_state *innermost;
static int inline_depth;
/* What subshell_inline_reason found for the body it said yes to, for
 * subshell_run_inline, which the executor calls right after. */
static const struct node *last_scanned;
static unsigned last_needs;

const char *subshell_inline_reason(const struct node *body, bool capture)
{
	/* Whole-shell conditions first: these decide for every body.
	 *  - the option says fork;
	 *  - a signal trap is set: the subshell must reset it, and a signal
	 *    that arrives must run the parent's action in the parent only.
	 *    An EXIT trap alone does not fork: an inline subshell's end
	 *    never runs it (subshell_inline_exit), as a forked one's does
	 *    not, and `trap` lists the parent's actions in both;
	 *  - job control or an interactive shell: Ctrl-Z and Ctrl-C must
	 *    reach a process of the subshell's own (ksh93 forks here too). */
	if (subshell_mode == SUBSHELL_FORK)
		return "subshell=fork";
	if (OPT(interactive) || OPT(monitor))
		return "job control";
	if (trap_signal_action_set())
		return "a trap is set";
	if (inline_depth >= MAX_DEPTH)
		return "nested too deep";
	struct scan sc = { .capture = capture };
	scan_node(&sc, body, 0);
	if (sc.reason)
		return sc.reason;
	last_scanned = body;
	last_needs = sc.needs;
	/* A program writing into a $( ) could outlive the substitution
	 * (a daemon) or test what its stdout is: with a pipe the shell reads
	 * until every writer is gone.  A memory file cannot say that, so a
	 * $( ) that may run a program forks.  ( ) may run programs inline. */
	if (capture && (sc.needs & NEED_PROGRAM))
		return "runs a program";
	return NULL;
}

/* ---- the state ---- */

struct saved_state {
	struct saved_state *outer;
	unsigned needs;
	struct var_undo_mark vars;
	struct positional pos;
	bool saved_pos;
	struct func_table_snapshot *funcs;
	bool opts[OPT_COUNT];
	enum subshell_mode mode;
	pid_t last_bg;
	int loop_depth;
	bool loops_outside;
	bool was_in_subshell;
	int trap_depth;
	int cwd_fd;          /* -1: not saved */
	mode_t umask;
	bool saved_umask;
	unsigned long path_mark;
	int error_line;
	/* $( ): the memory file and the fd 1 to put back (-1: was closed) */
	int capture_fd;
	int saved_stdout;
	struct unwind_point up;
};

/* Saves what the body may change.  Returns false (nothing saved, nothing
 * changed) when a needed part cannot be saved: then the caller forks. */
static bool state_save(struct saved_state *s, unsigned needs)
{
	s->needs = needs;
	s->cwd_fd = -1;
	if (needs & NEED_CWD) {
		int fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			fd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			return false;
		s->cwd_fd = fd_move_high(fd);
	}
	s->saved_umask = (needs & NEED_UMASK) != 0;
	if (s->saved_umask) {
		s->umask = umask(0);
		umask(s->umask);
	}
	s->saved_pos = (needs & NEED_POSITIONAL) != 0;
	if (s->saved_pos) {
		s->pos = pos_replace(pos_params.count, pos_params.values);
		/* pos_replace installed the copy and handed back the
		 * original: keep the original aside, run on the copy. */
	}
	s->funcs = (needs & NEED_FUNCS) ? func_table_save() : NULL;
	memcpy(s->opts, shell_opts, sizeof s->opts);
	s->mode = subshell_mode;
	s->last_bg = last_bg_pid;
	s->loop_depth = exec_loop_depth;
	s->loops_outside = exec_loops_outside;
	s->was_in_subshell = in_subshell;
	s->trap_depth = trap_leave_actions();
	s->path_mark = path_mark();
	s->error_line = error_line;
	s->vars = var_undo_begin();
	return true;
}

static void state_restore(struct saved_state *s)
{
	var_undo_end(s->vars);
	if (s->saved_pos)
		pos_restore(s->pos);
	if (s->funcs)
		func_table_restore(s->funcs);
	memcpy(shell_opts, s->opts, sizeof s->opts);
	subshell_mode = s->mode;
	last_bg_pid = s->last_bg;
	exec_loop_depth = s->loop_depth;
	exec_loops_outside = s->loops_outside;
	exec_skip = SKIP_NONE;
	exec_skip_count = 0;
	in_subshell = s->was_in_subshell;
	trap_back_to_actions(s->trap_depth);
	path_forget_since(s->path_mark);
	error_line = s->error_line;
	if (s->saved_umask)
		umask(s->umask);
	if (s->cwd_fd >= 0) {
		if (fchdir(s->cwd_fd) != 0)
			sh_warn("cannot return to the directory: %s",
				strerror(errno));
		close(s->cwd_fd);
	}
}

/* ---- capturing $( ) output ---- */

/* fd 1 goes to a memory file: it grows as needed, so a body that prints
 * a lot never blocks on a full pipe, and nobody has to read while the body
 * runs.  One file per nesting depth is kept and emptied after each use:
 * no program runs in a captured body (subshell_inline_reason), and the
 * shell children a pipeline inside makes are waited for, so nothing can
 * write to it after the body ends.  A forked child drops the files
 * (subshell_inline_forget): they would be shared with the parent's. */
static int capture_pool[MAX_DEPTH + 1];
static bool capture_pool_ready;

static bool capture_begin(struct saved_state *s, int depth)
{
	fflush(stdout);
	if (!capture_pool_ready) {
		for (int i = 0; i <= MAX_DEPTH; i++)
			capture_pool[i] = -1;
		capture_pool_ready = true;
	}
	int fd = capture_pool[depth];
	if (fd < 0) {
		fd = memfd_create("tine-cmdsub", MFD_CLOEXEC);
		if (fd < 0) {
			FILE *f = tmpfile();
			if (!f)
				return false;
			fd = fcntl(fileno(f), F_DUPFD_CLOEXEC, 10);
			fclose(f);
			if (fd < 0)
				return false;
		}
		fd = fd_move_high(fd);
		capture_pool[depth] = fd;
	}
	s->capture_fd = fd;
	s->saved_stdout = fcntl(1, F_DUPFD_CLOEXEC, 10);
	if (s->saved_stdout < 0 && errno != EBADF)
		return false;
	if (dup2(fd, 1) < 0) {
		if (s->saved_stdout >= 0)
			close(s->saved_stdout);
		return false;
	}
	return true;
}

static void capture_end(struct saved_state *s, struct strbuf *out)
{
	fflush(stdout);
	clearerr(stdout);
	if (s->saved_stdout >= 0) {
		dup2(s->saved_stdout, 1);
		close(s->saved_stdout);
	} else {
		close(1);
	}
	/* A short read of a regular file is its end: one pread for the
	 * usual small output. */
	char buf[16384];
	off_t at = 0;
	for (;;) {
		ssize_t r = pread(s->capture_fd, buf, sizeof buf, at);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sb_putn(out, buf, (size_t)r);
		at += r;
		if ((size_t)r < sizeof buf)
			break;
	}
	/* Empty again for the next use (the offset is shared with the fd 1
	 * it was dup'd to, so it goes back to 0 too). */
	if (ftruncate(s->capture_fd, 0) != 0 ||
	    lseek(s->capture_fd, 0, SEEK_SET) != 0) {
		close(s->capture_fd);
		capture_pool[inline_depth] = -1;
	}
}

/* ---- running ---- */

bool subshell_inline_active(void)
{
	return innermost != NULL;
}

void subshell_inline_forget(void)
{
	/* A forked child is a subshell of its own: its exit must end the
	 * process, not unwind to a frame of the parent's inline subshell. */
	innermost = NULL;
	inline_depth = 0;
	if (capture_pool_ready)
		for (int i = 0; i <= MAX_DEPTH; i++)
			if (capture_pool[i] >= 0) {
				close(capture_pool[i]);
				capture_pool[i] = -1;
			}
}

void subshell_trace(bool capture, const char *reason)
{
	if (!OPT(spawntrace))
		return;
	fflush(stdout);
	if (reason)
		fprintf(stderr, "+ fork %s: %s\n", capture ? "$( )" : "( )",
			reason);
	else
		fprintf(stderr, "+ inline %s\n", capture ? "$( )" : "( )");
	fflush(stderr);
}

_Noreturn void subshell_inline_exit(int status)
{
	/* As a forked subshell's exit(): the parent's EXIT trap is not the
	 * subshell's (a body that sets one forks: subshell_inline_reason),
	 * stdout is flushed at the end. */
	last_status = status & 0xff;
	sh_raise(EXC_EXIT);
}

bool subshell_run_inline(const struct node *body, int flags,
			 struct strbuf *capture, int *status)
{
	unsigned needs;
	if (body == last_scanned) {
		needs = last_needs;
	} else {
		struct scan sc = { 0 };
		scan_node(&sc, body, 0);
		needs = sc.needs;
	}
	last_scanned = NULL;
	struct saved_state s;
	memset(&s, 0, sizeof s);
	s.capture_fd = -1;
	s.saved_stdout = -1;
	if (!state_save(&s, needs))
		return false;
	if (capture && !capture_begin(&s, inline_depth)) {
		state_restore(&s);
		return false;
	}
	s.outer = innermost;
	innermost = &s;
	inline_depth++;
	in_subshell = true;
	/* The parent's loops are out of reach (XCU 2.13): break or continue
	 * aimed at them ends the subshell, as after a fork (fork_shell). */
	exec_loops_outside = exec_loop_depth > 0;
	exec_loop_depth = 0;
	int st;
	if (sigsetjmp(s.up.env, 0)) {
		/* exit, an error that ends a non-interactive shell, or set -e:
		 * each ends just this subshell, with $? as its status. */
		st = last_status;
	} else {
		unwind_push(&s.up);
		st = exec_node(body, flags & EXEC_TESTED);
		unwind_pop(&s.up);
	}
	fflush(stdout);
	innermost = s.outer;
	inline_depth--;
	if (capture)
		capture_end(&s, capture);
	state_restore(&s);
	last_status = st;
	*status = st;
	return true;
}
