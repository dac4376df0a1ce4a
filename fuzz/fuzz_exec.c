/* fuzz_exec.c - libFuzzer harness that runs each input as a shell script.
 *
 * The parser harness (fuzz_parse.c) never runs anything; this one does.
 * Each input is written to a script file in a sandbox directory and run by
 * the tine core linked into this binary (ASan + UBSan), in a forked child
 * with limits:
 *   - its own process group, killed whole after FUZZ_EXEC_TIMEOUT_MS
 *     (default 3000) or when its resident memory passes 512 MiB;
 *   - rlimits: CPU 5 s, file size 8 MiB, 256 fds, 64 processes (the
 *     process limit holds because a root parent runs the child as nobody);
 *   - programs: execve and posix_spawn are wrapped (-Wl,--wrap) so only a
 *     small allow-list runs (true false echo cat printf wc tr head tail
 *     sleep); anything else fails with EACCES, as a missing permission;
 *     PATH is a directory of links to those programs only;
 *   - files: open for writing, chdir and kill are wrapped too: writes only
 *     inside the sandbox (and /dev/null, /dev/full), no chdir out of it, no
 *     signal outside the child's process group, and none of the signals
 *     that mean a crash (a script's `kill -SEGV $$` is not tine's fault).
 * A crash, an abort or a sanitizer report in the child or in any shell it
 * forks (the sanitizers' death callback raises a flag in shared memory)
 * aborts this process, so libFuzzer saves the input.  A time-out or the
 * memory limit is counted and logged, not fatal: `while :; do :; done` is
 * a fine script.  The child's coverage is copied back through shared
 * memory when it exits, so libFuzzer learns from what the script ran.
 *
 * Differential mode (FUZZ_DASH=1, or the -dash binary name): each script
 * is also run by dash in the same sandbox (as nobody, with the same limits;
 * refused unless running as root, since dash has no wrapped calls), and a
 * script where the exit status or stdout differ is appended to
 * FUZZ_DIFF_LOG (default fuzz-diff.log) for triage, with both results.
 * Not compared: scripts that use pids, time, traps, limits or options
 * (their output differs between any two runs), and tine's status 1 against
 * dash's 2 after an error message (shell errors exit 1 in tine, as bash).
 *
 * FUZZ_EXEC_VERBOSE=1 prints each run's status and output.
 *
 * Build and run: make fuzz-exec; make fuzz-exec-run FUZZ_SECONDS=900
 * (FUZZ_DASH=1 for the differential run).  Seeds: the scripts in the bats files
 * (fuzz/seed-from-tests.sh) and fuzz/corpus. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "exec.h"
#include "input.h"
#include "redir.h"
#include "trap.h"
#include "vars.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void __sanitizer_set_death_callback(void (*callback)(void));

/* The inline 8-bit coverage counters, bounds from the linker. */
extern uint8_t __start___sancov_cntrs[] __attribute__((weak));
extern uint8_t __stop___sancov_cntrs[] __attribute__((weak));

struct shared {
	volatile int crashed;     /* a sanitizer or fatal signal in a child */
	size_t ncounters;
	uint8_t counters[];
};

static struct shared *shm;
static char sandbox[PATH_MAX];
static size_t sandbox_len;
/* PATH for both shells: links to the allow-listed programs only, so dash
 * finds no more programs than tine may run. */
static char bindir[PATH_MAX];
static size_t bindir_len;
static bool diff_mode, verbose;
static const char *diff_log = "fuzz-diff.log";
static int timeout_ms = 3000;
static unsigned long n_runs, n_timeouts, n_memlimit, n_diffs, n_skipped;
static const char *dash_path = "/usr/bin/dash";
static char *shell_env[5];

static const char *const allowed[] = { "true", "false", "echo", "cat",
	"printf", "wc", "tr", "head", "tail", "sleep", NULL };

/* ---- the wrapped calls (async-signal-safe: vfork and clone children
 * call execve and open through them) ---- */

int __real_execve(const char *path, char *const argv[], char *const envp[]);
int __real_posix_spawn(pid_t *pid, const char *path,
		       const posix_spawn_file_actions_t *fa,
		       const posix_spawnattr_t *attr, char *const argv[],
		       char *const envp[]);
int __real_open(const char *path, int flags, ...);
int __real_chdir(const char *path);
int __real_kill(pid_t pid, int sig);
int __wrap_execve(const char *path, char *const argv[], char *const envp[]);
int __wrap_posix_spawn(pid_t *pid, const char *path,
		       const posix_spawn_file_actions_t *fa,
		       const posix_spawnattr_t *attr, char *const argv[],
		       char *const envp[]);
int __wrap_open(const char *path, int flags, ...);
int __wrap_chdir(const char *path);
int __wrap_kill(pid_t pid, int sig);

static bool program_allowed(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t dirlen = (size_t)(base - path);
	static const char *const dirs[] = { "/bin/", "/usr/bin/", NULL };
	bool dir_ok = bindir_len && dirlen == bindir_len + 1 &&
		      memcmp(path, bindir, bindir_len) == 0;
	for (int i = 0; dirs[i]; i++)
		if (dirlen == strlen(dirs[i]) && memcmp(path, dirs[i], dirlen) == 0)
			dir_ok = true;
	if (!dir_ok)
		return false;
	for (int i = 0; allowed[i]; i++)
		if (strcmp(base, allowed[i]) == 0)
			return true;
	return false;
}

/* A refused program: "not found" when there is no such file, so that
 * only programs that exist read differently from dash. */
static int refused(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? EACCES : ENOENT;
}

int __wrap_execve(const char *path, char *const argv[], char *const envp[])
{
	if (!program_allowed(path)) {
		errno = refused(path);
		return -1;
	}
	return __real_execve(path, argv, envp);
}

int __wrap_posix_spawn(pid_t *pid, const char *path,
		       const posix_spawn_file_actions_t *fa,
		       const posix_spawnattr_t *attr, char *const argv[],
		       char *const envp[])
{
	if (!program_allowed(path))
		return refused(path);
	return __real_posix_spawn(pid, path, fa, attr, argv, envp);
}

static bool has_dotdot(const char *p)
{
	for (const char *s = p; (s = strstr(s, "..")) != NULL; s += 2)
		if ((s == p || s[-1] == '/') && (s[2] == '\0' || s[2] == '/'))
			return true;
	return false;
}

static bool write_allowed(const char *path)
{
	if (strcmp(path, "/dev/null") == 0 || strcmp(path, "/dev/full") == 0)
		return true;
	if (has_dotdot(path))
		return false;
	if (path[0] != '/')
		return true; /* the cwd never leaves the sandbox */
	return strncmp(path, sandbox, sandbox_len) == 0 &&
	       (path[sandbox_len] == '/' || path[sandbox_len] == '\0');
}

int __wrap_open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	int mode = (flags & O_CREAT) ? va_arg(ap, int) : 0;
	va_end(ap);
	if ((flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) &&
	    !write_allowed(path)) {
		errno = EACCES;
		return -1;
	}
	return __real_open(path, flags, mode);
}

int __wrap_chdir(const char *path)
{
	char real[PATH_MAX];
	if (!realpath(path, real)) {
		return -1;
	}
	if (strncmp(real, sandbox, sandbox_len) != 0 ||
	    (real[sandbox_len] != '/' && real[sandbox_len] != '\0')) {
		errno = EACCES;
		return -1;
	}
	return __real_chdir(path);
}

int __wrap_kill(pid_t pid, int sig)
{
	/* A script that sends itself SIGSEGV is not a crash of tine. */
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
	    sig == SIGABRT || sig == SIGSYS || sig == SIGTRAP) {
		errno = EPERM;
		return -1;
	}
	pid_t group = getpgrp();
	bool ok = pid == 0 || pid == -group ||
		  (pid > 0 && getpgid(pid) == group);
	if (!ok) {
		errno = EPERM;
		return -1;
	}
	return __real_kill(pid, sig);
}

/* ---- the child ---- */

static void on_sanitizer_death(void)
{
	if (shm)
		shm->crashed = 1;
}

static void copy_coverage(int status, void *arg)
{
	(void)arg;
	size_t n = shm ? shm->ncounters : 0;
	for (size_t i = 0; i < n; i++)
		shm->counters[i] |= __start___sancov_cntrs[i];
	_exit(status);
}

static void set_limit(int resource, rlim_t v)
{
	struct rlimit rl = { v, v };
	setrlimit(resource, &rl);
}

/* In a fresh child: limits, the user nobody when root, stdio on the
 * pipes, its own process group. */
static void child_setup(int out, int err)
{
	setpgid(0, 0);
	dup2(out, 1);
	dup2(err, 2);
	int nul = __real_open("/dev/null", O_RDONLY);
	if (nul >= 0 && nul != 0) {
		dup2(nul, 0);
		close(nul);
	}
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	set_limit(RLIMIT_CPU, 5);
	set_limit(RLIMIT_FSIZE, 8 << 20);
	set_limit(RLIMIT_NOFILE, 256);
	set_limit(RLIMIT_CORE, 0);
	if (getuid() == 0) {
		if (setgid(65534) < 0 || setuid(65534) < 0)
			_exit(125);
		set_limit(RLIMIT_NPROC, 64);
	}
	if (__real_chdir(sandbox) < 0)
		_exit(125);
}

static _Noreturn void run_tine(const char *script)
{
	on_exit(copy_coverage, NULL);
	trap_init();
	/* What main() would have set for `tine script`: $0 and, since the
	 * child changed directory after var_init, PWD. */
	arg_zero = script;
	var_set("PWD", sandbox, VAR_EXPORT);
	int fd = open(script, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		_exit(125);
	fd = fd_move_high(fd);
	static struct input *in;
	in = input_from_fd(fd, script, true);
	struct unwind_point up;
	if (sigsetjmp(up.env, 0))
		shell_exit(last_status);
	unwind_push(&up);
	exec_input(in, true);
	unwind_pop(&up);
	shell_exit(last_status);
}

static _Noreturn void run_dash(const char *script)
{
	char *argv[] = { (char *)"dash", (char *)script, NULL };
	__real_execve(dash_path, argv, shell_env);
	_exit(127);
}

/* ---- the parent ---- */

struct result {
	int status;        /* exit status, 128+N for a signal */
	bool timed_out, memlimit;
	char out[16384];
	size_t outlen;
	char err[16384];
	size_t errlen;
};

static long child_rss_kib(pid_t pid)
{
	char path[64], buf[128];
	snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
	int fd = __real_open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	long size = 0, rss = 0;
	sscanf(buf, "%ld %ld", &size, &rss);
	return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void drain(int fd, char *buf, size_t cap, size_t *len, bool *open)
{
	char tmp[4096];
	ssize_t n = read(fd, tmp, sizeof tmp);
	if (n <= 0) {
		if (n == 0 || errno != EINTR)
			*open = false;
		return;
	}
	size_t take = (size_t)n;
	if (take > cap - *len)
		take = cap - *len;
	memcpy(buf + *len, tmp, take);
	*len += take;
}

static void run_one(const char *script, bool dash, struct result *r)
{
	memset(r, 0, sizeof *r);
	int po[2], pe[2];
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0)
		abort();
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		child_setup(po[1], pe[1]);
		if (dash)
			run_dash(script);
		run_tine(script);
	}
	setpgid(pid, pid);
	close(po[1]);
	close(pe[1]);
	bool oopen = true, eopen = true, exited = false;
	int st = 0;
	long deadline = now_ms() + timeout_ms;
	while (!exited || oopen || eopen) {
		struct pollfd fds[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
		int n = poll(fds, 2, 20);
		if (n > 0) {
			if (oopen && (fds[0].revents & (POLLIN | POLLHUP)))
				drain(po[0], r->out, sizeof r->out, &r->outlen, &oopen);
			if (eopen && (fds[1].revents & (POLLIN | POLLHUP)))
				drain(pe[0], r->err, sizeof r->err, &r->errlen, &eopen);
		}
		if (!exited && waitpid(pid, &st, WNOHANG) == pid)
			exited = true;
		if (!exited && child_rss_kib(pid) > 512 * 1024) {
			r->memlimit = true;
			__real_kill(-pid, SIGKILL);
		}
		if (now_ms() > deadline) {
			/* The group may hold programs that keep the pipes
			 * open after the shell is gone. */
			if (!exited)
				r->timed_out = true;
			__real_kill(-pid, SIGKILL);
			if (!exited) {
				waitpid(pid, &st, 0);
				exited = true;
			}
			break;
		}
	}
	__real_kill(-pid, SIGKILL);
	close(po[0]);
	close(pe[0]);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static bool is_crash(const struct result *r)
{
	if (r->timed_out || r->memlimit)
		return false;
	int sig = r->status - 128;
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGABRT;
}

/* Scripts whose output depends on pids, time, randomness or the
 * process's limits differ between any two runs: not compared. */
static bool comparable(const uint8_t *data, size_t size)
{
	static const char *const words[] = { "kill", "$$", "$!", "PPID",
		"RANDOM", "times", "ulimit", "sleep", "jobs", "wait", "trap",
		"LINENO", "$-", "set -o", "set +o", "SPAWN", "spawn", "timing",
		"time", "setopt", NULL };
	for (int i = 0; words[i]; i++)
		if (memmem(data, size, words[i], strlen(words[i]))) {
			n_skipped++;
			return false;
		}
	return true;
}

static void log_diff(const uint8_t *data, size_t size, const struct result *t,
		     const struct result *d)
{
	FILE *f = fopen(diff_log, "ae");
	if (!f)
		return;
	fprintf(f, "==== script (%zu bytes)\n", size);
	fwrite(data, 1, size, f);
	fprintf(f, "\n---- tine status %d\n", t->status);
	fwrite(t->out, 1, t->outlen, f);
	fprintf(f, "\n---- tine stderr\n");
	fwrite(t->err, 1, t->errlen, f);
	fprintf(f, "\n---- dash status %d\n", d->status);
	fwrite(d->out, 1, d->outlen, f);
	fprintf(f, "\n---- dash stderr\n");
	fwrite(d->err, 1, d->errlen, f);
	fputs("\n", f);
	fclose(f);
}

/* Scripts create files (never directories: no mkdir on the allow-list);
 * the next input starts with an empty sandbox. */
static void clean_sandbox(bool script_too)
{
	DIR *d = opendir(sandbox);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!script_too && strcmp(e->d_name, "script.sh") == 0)
			continue;
		unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

static void print_stats(void)
{
	clean_sandbox(true);
	rmdir(sandbox);
	for (int i = 0; allowed[i]; i++) {
		char to[PATH_MAX + 32];
		snprintf(to, sizeof to, "%s/%s", bindir, allowed[i]);
		unlink(to);
	}
	rmdir(bindir);
	fprintf(stderr, "fuzz-exec: %lu runs, %lu timed out, %lu over the "
		"memory limit, %lu differences from dash (%lu scripts not "
		"compared)\n", n_runs, n_timeouts, n_memlimit, n_diffs, n_skipped);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *me = (*argc > 0) ? (*argv)[0] : "";
	diff_mode = getenv("FUZZ_DASH") || strstr(me, "-dash");
	verbose = getenv("FUZZ_EXEC_VERBOSE") != NULL;
	if (getenv("FUZZ_DIFF_LOG"))
		diff_log = getenv("FUZZ_DIFF_LOG");
	if (getenv("FUZZ_EXEC_TIMEOUT_MS"))
		timeout_ms = atoi(getenv("FUZZ_EXEC_TIMEOUT_MS"));
	if (diff_mode && getuid() != 0) {
		fprintf(stderr, "fuzz-exec: the dash differential mode runs "
			"dash as nobody and needs root\n");
		exit(2);
	}
	if (access(dash_path, X_OK) != 0)
		dash_path = "/bin/dash";
	char tmpl[] = "/tmp/tine-fuzz-exec.XXXXXX";
	if (!mkdtemp(tmpl)) {
		perror("fuzz-exec: mkdtemp");
		exit(2);
	}
	if (!realpath(tmpl, sandbox))
		exit(2);
	sandbox_len = strlen(sandbox);
	/* nobody must be able to write there. */
	chmod(sandbox, 0777);

	size_t n = (size_t)(__stop___sancov_cntrs - __start___sancov_cntrs);
	shm = mmap(NULL, sizeof *shm + n, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shm == MAP_FAILED)
		exit(2);
	shm->ncounters = __start___sancov_cntrs ? n : 0;
	__sanitizer_set_death_callback(on_sanitizer_death);

	snprintf(bindir, sizeof bindir, "%s.bin", sandbox);
	bindir_len = strlen(bindir);
	mkdir(bindir, 0755);
	for (int i = 0; allowed[i]; i++) {
		char from[PATH_MAX + 16], to[PATH_MAX + 32];
		snprintf(from, sizeof from, "/bin/%s", allowed[i]);
		snprintf(to, sizeof to, "%s/%s", bindir, allowed[i]);
		if (symlink(from, to) < 0 && errno != EEXIST)
			perror("fuzz-exec: symlink");
	}
	static char path[PATH_MAX + 8], home[PATH_MAX + 8], tmpdir[PATH_MAX + 8];
	snprintf(path, sizeof path, "PATH=%s", bindir);
	snprintf(home, sizeof home, "HOME=%s", sandbox);
	snprintf(tmpdir, sizeof tmpdir, "TMPDIR=%s", sandbox);
	shell_env[0] = path;
	shell_env[1] = (char *)"LC_ALL=C";
	shell_env[2] = home;
	shell_env[3] = tmpdir;
	shell_env[4] = NULL;
	var_init(shell_env);
	atexit(print_stats);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char script[PATH_MAX + 16];
	snprintf(script, sizeof script, "%s/script.sh", sandbox);
	int fd = __real_open(script, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			     0644);
	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);

	shm->crashed = 0;
	memset(shm->counters, 0, shm->ncounters);
	static struct result t, d;
	run_one(script, false, &t);
	n_runs++;
	for (size_t i = 0; i < shm->ncounters; i++)
		__start___sancov_cntrs[i] |= shm->counters[i];
	if (shm->crashed || is_crash(&t)) {
		fprintf(stderr, "fuzz-exec: tine crashed (status %d); its "
			"stderr:\n%.*s\n", t.status, (int)t.errlen, t.err);
		abort();
	}
	if (verbose)
		fprintf(stderr, "fuzz-exec: tine status %d%s\n-- stdout:\n%.*s"
			"-- stderr:\n%.*s", t.status,
			t.timed_out ? " (timed out)" : "", (int)t.outlen, t.out,
			(int)t.errlen, t.err);
	if (t.timed_out)
		n_timeouts++;
	if (t.memlimit)
		n_memlimit++;
	if (diff_mode && !t.timed_out && !t.memlimit &&
	    comparable(data, size)) {
		clean_sandbox(false);
		run_one(script, true, &d);
		/* A shell error exits 1 in tine (as bash) and 2 in dash: the
		 * suite's one documented difference, not logged. */
		bool same_status = d.status == t.status ||
				   (d.status == 2 && t.status == 1 && t.errlen &&
				    d.errlen);
		if (!d.timed_out && !d.memlimit &&
		    (!same_status || d.outlen != t.outlen ||
		     memcmp(d.out, t.out, t.outlen) != 0)) {
			n_diffs++;
			log_diff(data, size, &t, &d);
		}
	}
	clean_sandbox(true);
	return 0;
}
