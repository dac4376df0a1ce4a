/* launch.h - the launch plan and the one interface every launch strategy
 * implements.
 *
 * The parent computes a complete plan before the child exists: resolved
 * path, argv, envp, ordered fd operations, signal dispositions, mask,
 * process group and terminal foreground.  A strategy (launch_fork.c,
 * launch_vfork.c, launch_clone.c, launch_spawn.c) carries out exactly that
 * plan and nothing else.  This header and the strategies include no other
 * tine header: a strategy sees a plan, not a shell. */
#ifndef TINE_LAUNCH_H
#define TINE_LAUNCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum launch_strategy {
	LAUNCH_FORK,
	LAUNCH_VFORK,
	LAUNCH_CLONE,
	LAUNCH_SPAWN,
	LAUNCH_STRATEGY_COUNT
};

enum fdop_kind {
	FDOP_OPEN,  /* fd = open(path, oflags, mode) (moved to fd if it differs) */
	FDOP_DUP2,  /* dup2(src, fd); when src == fd, clear FD_CLOEXEC instead */
	FDOP_CLOSE, /* close(fd) */
};

struct fdop {
	enum fdop_kind kind;
	int fd;            /* the target fd */
	int src;           /* FDOP_DUP2: the source fd */
	const char *path;  /* FDOP_OPEN */
	int oflags;        /* FDOP_OPEN: O_* flags (O_CREAT implies mode 0666) */
	bool noclobber;    /* FDOP_OPEN: fail with EEXIST on an existing regular
	                    * file; other existing files open without O_CREAT */
};

/* launch_plan.pgid: one of these, or (> 0) the group to join. */
enum launch_pgid {
	LAUNCH_PGID_INHERIT = -1, /* stay in the shell's group */
	LAUNCH_PGID_NEW = 0,      /* a new group led by the child */
};

struct launch_plan {
	const char *path;        /* resolved program path (contains a '/') */
	char *const *argv;
	char *const *envp;
	const struct fdop *fdops; /* applied in order */
	int nfdops;
	sigset_t sigdfl;         /* dispositions set to SIG_DFL in the child
	                          * (a signal in sigign too is ignored).  It
	                          * must name every signal that has a handler
	                          * in the parent: the child touches no other
	                          * disposition, and a shell handler must
	                          * never run in a vfork/clone child */
	sigset_t sigign;         /* dispositions set to SIG_IGN in the child
	                          * (background jobs without job control) */
	sigset_t sigmask;        /* the mask the program starts with */
	pid_t pgid;              /* enum launch_pgid, or >0: join that group */
	bool foreground;         /* give the child's group the terminal */
	int tty_fd;              /* the terminal for foreground, else -1 */
	bool async;              /* the parent goes on without waiting for the
	                          * program (`&`, a pipeline member before the
	                          * last, `$( )`): it must never wait on an
	                          * open that may block (launch.c) */
	const char *script_shell;/* a deferred launch (launch.c) that execve
	                          * rejects with ENOEXEC runs `script_shell
	                          * path args...` itself: the shell cannot
	                          * relaunch a job it did not wait for.
	                          * NULL: report ENOEXEC */
};

/* Where a launch failed, for the one parent-side error path. */
enum launch_stage {
	LAUNCH_OK,
	LAUNCH_FAILED_FDOP,  /* fdops[failed_fdop] failed with err */
	LAUNCH_FAILED_EXEC,  /* execve failed with err (ENOEXEC: run as script) */
	LAUNCH_FAILED_START, /* the strategy itself failed (fork/clone/...) */
};

/* When launch_run cannot carry a plan out the chosen strategy's usual way
 * (launch.c says why each exists). */
enum launch_detour {
	LAUNCH_DETOUR_NONE,
	LAUNCH_DETOUR_ASYNC_OPEN, /* async plan, an open may block: fork,
	                           * without waiting for the exec */
	LAUNCH_DETOUR_SPAWN_OPEN, /* posix_spawn, an open may block: vfork,
	                           * whose child can be interrupted there */
};

struct launch_result {
	pid_t pid;            /* the child; when stage != LAUNCH_OK the strategy
	                       * has already reaped it and pid is 0 */
	enum launch_stage stage;
	int err;              /* errno of the failure */
	int failed_fdop;      /* index into fdops for LAUNCH_FAILED_FDOP */
	uint64_t t_start_ns;  /* CLOCK_MONOTONIC just before the strategy call */
	uint64_t t_exec_ns;   /* when execve succeeded in the child, as seen by
	                       * the parent (0 if unknown) */
	enum launch_strategy ran; /* the strategy that carried the plan out */
	enum launch_detour detour; /* why it is not the one asked for, or
	                       * why it did not wait for the exec */
	int detour_fdop;      /* the open the detour is about, or -1 */
	int report_fd;        /* >= 0: the outcome is not known yet (stage is
	                       * LAUNCH_OK for now); launch_collect reads it
	                       * from this close-on-exec fd once the child has
	                       * been reaped.  -1 otherwise */
};

struct launch_strategy_ops {
	const char *name;  /* "fork", "vfork", "clone", "posix_spawn" */
	/* Starts the program; fills *res.  Returns 0 when the program runs,
	 * -1 when it could not (res says why).  Must be safe to call with any
	 * plan; must not print anything. */
	int (*launch)(const struct launch_plan *plan, struct launch_result *res);
};

extern const struct launch_strategy_ops launch_fork_ops;
extern const struct launch_strategy_ops launch_vfork_ops;
extern const struct launch_strategy_ops launch_clone_ops;
extern const struct launch_strategy_ops launch_spawn_ops;

/* Dispatches to a strategy, or to the one that can carry the plan out
 * when the chosen one cannot (launch.c says when; res->ran and
 * res->detour say what happened). */
int launch_run(enum launch_strategy s, const struct launch_plan *plan,
	       struct launch_result *res);
/* For a launch whose res->report_fd >= 0, after its child was reaped:
 * reads the child's report and closes the fd.  Returns 0 when the program
 * ran, -1 with res->stage, err and failed_fdop filled when it did not. */
int launch_collect(int report_fd, struct launch_result *res);
/* The index of the first open in the plan that may block (a FIFO, a
 * terminal or another device), or -1.  One stat per open. */
int launch_plan_may_block(const struct launch_plan *plan);
/* The fork strategy without waiting for the exec: the outcome is left on
 * res->report_fd (launch_fork.c; launch.c's detour for async plans). */
int launch_fork_deferred(const struct launch_plan *plan,
			 struct launch_result *res);
const char *launch_strategy_name(enum launch_strategy s);
/* -1 for an unknown name. */
int launch_strategy_by_name(const char *name);

/* What the applier says when it returns: the stage that failed (setpgid or
 * tcsetpgrp failing is LAUNCH_FAILED_START), its errno, and for
 * LAUNCH_FAILED_FDOP the index of the fd operation (-1 otherwise).  The
 * children copy it into the memory or pipe their parent reads. */
struct launch_failure {
	int stage; /* enum launch_stage; an int, to cross the report pipe */
	int err;
	int fdop;
};

/* Applies the plan to the calling process (signals, pgid, foreground, fd
 * ops, mask) and execs.  Async-signal-safe: used by the fork, vfork and
 * clone children, and by the shell when it runs a program in place.  The
 * caller has blocked every signal.  Returns only on failure.  Order, as in glibc's and musl's posix_spawn child:
 * dispositions, setpgid, tcsetpgrp, fd ops, mask, execve (launch_child.c
 * has the details); after a failed execve the plan's fds, dispositions
 * and mask are in place, and an in-place caller puts its own back. */
struct launch_failure launch_apply_and_exec(const struct launch_plan *plan);

/* Applies one fd operation to the calling process, async-signal-safely;
 * returns 0 or an errno.  The shell uses it too, for redirections of
 * builtins, so both read the same. */
int launch_fdop_apply(const struct fdop *op);

uint64_t launch_now_ns(void);

/* The spawntrace line for a plan, without the trailing
 * " -> pid N": "+ vfork /bin/ls -l: dup2(3,1) close(3) sigdfl(INT,QUIT)
 * sigmask({}) setpgid(0) tcsetpgrp".  how is the strategy's name, or
 * "exec" for a plan carried out in place.  Writes at most size bytes (NUL
 * included); returns the length it needed.  The exact rendering of each
 * item (open(PATH,FLAGS)=FD, quoting of words) is documented at the top
 * of launch.c. */
int launch_format_plan(char *buf, size_t size, const char *how,
		       const struct launch_plan *plan);

#endif
