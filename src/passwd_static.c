/* passwd_static.c - the user database of a statically linked tine.
 *
 * A static glibc answers getpwnam from /etc/passwd itself, but for any
 * other source in nsswitch.conf (Debian's "files systemd", sss, ldap) it
 * dlopens an NSS module, and the module brings the shared libc.so with
 * it: a second C library in the process, and `echo ~nosuchuser` died of
 * SIGSEGV.  So a static tine links with -Wl,--wrap for the five passwd
 * calls it and readline make (configure.ac), and they come here:
 * /etc/passwd first, as "files" does, then getent(1), a dynamically
 * linked program that asks every source nsswitch.conf names.  The
 * difference from glibc: files always come first, whatever order
 * nsswitch.conf gives.  A dynamic tine (--disable-static-link, a PIE or
 * a sanitizer build) does not compile this file. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct passwd *__wrap_getpwnam(const char *name);
struct passwd *__wrap_getpwuid(uid_t uid);
void __wrap_setpwent(void);
struct passwd *__wrap_getpwent(void);
void __wrap_endpwent(void);

extern char **environ;

/* What the lookups return points into this line, as glibc's static
 * buffer does: valid until the next call. */
static char *entry_line;
static size_t entry_cap;
static struct passwd entry;

/* name:password:uid:gid:gecos:dir:shell, split in place. */
static bool parse_entry(char *line, struct passwd *pw)
{
	char *field[7];
	char *p = line;
	for (int i = 0; i < 7; i++) {
		field[i] = p;
		char *sep = strchr(p, i < 6 ? ':' : '\n');
		if (!sep) {
			if (i < 6)
				return false;
		} else {
			*sep = '\0';
			p = sep + 1;
		}
	}
	char *end;
	errno = 0;
	unsigned long uid = strtoul(field[2], &end, 10);
	if (errno || *end || end == field[2])
		return false;
	unsigned long gid = strtoul(field[3], &end, 10);
	if (errno || *end || end == field[3])
		return false;
	pw->pw_name = field[0];
	pw->pw_passwd = field[1];
	pw->pw_uid = (uid_t)uid;
	pw->pw_gid = (gid_t)gid;
	pw->pw_gecos = field[4];
	pw->pw_dir = field[5];
	pw->pw_shell = field[6];
	return true;
}

struct key {
	const char *name; /* NULL: look up by uid */
	uid_t uid;
};

/* k NULL: any entry (enumeration). */
static bool entry_matches(const struct passwd *pw, const struct key *k)
{
	if (!k)
		return true;
	return k->name ? strcmp(pw->pw_name, k->name) == 0 : pw->pw_uid == k->uid;
}

/* The next entry of stream that matches k, into entry. */
static struct passwd *scan_stream(FILE *f, const struct key *k)
{
	while (getline(&entry_line, &entry_cap, f) > 0) {
		/* A line that begins with + or - is old NIS syntax: not a user. */
		if (entry_line[0] == '+' || entry_line[0] == '-')
			continue;
		if (parse_entry(entry_line, &entry) && entry_matches(&entry, k))
			return &entry;
	}
	return NULL;
}

static struct passwd *from_file(const struct key *k)
{
	FILE *f = fopen("/etc/passwd", "re");
	if (!f)
		return NULL;
	struct passwd *pw = scan_stream(f, k);
	fclose(f);
	return pw;
}

/* getent passwd [KEY] with its output on a pipe; *pid for getent_close.
 * NULL when there is no getent to run. */
static FILE *getent_open(const char *key, pid_t *pid)
{
	static const char *const paths[] = { "/usr/bin/getent", "/bin/getent" };
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return NULL;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&attr);
	/* Whatever the shell catches, ignores or blocks is not getent's. */
	sigset_t all, none;
	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	char *argv[] = { "getent", "passwd", (char *)key, NULL };
	int err = ENOENT;
	for (size_t i = 0; i < sizeof paths / sizeof paths[0] && err; i++)
		err = posix_spawn(pid, paths[i], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(fds[1]);
	FILE *f = err ? NULL : fdopen(fds[0], "r");
	if (!f) {
		close(fds[0]);
		if (!err)
			waitpid(*pid, NULL, 0);
	}
	return f;
}

static void getent_close(FILE *f, pid_t pid)
{
	fclose(f); /* getent gets EPIPE if it was not done */
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

static struct passwd *from_getent(const struct key *k)
{
	char uidbuf[24];
	const char *arg = k->name;
	if (!arg) {
		snprintf(uidbuf, sizeof uidbuf, "%lu", (unsigned long)k->uid);
		arg = uidbuf;
	} else if (!*arg || arg[0] == '-') {
		return NULL; /* not a user name, and not an option for getent */
	}
	pid_t pid;
	FILE *f = getent_open(arg, &pid);
	if (!f)
		return NULL;
	struct passwd *pw = scan_stream(f, k);
	getent_close(f, pid);
	return pw;
}

static struct passwd *lookup(const struct key *k)
{
	struct passwd *pw = from_file(k);
	if (!pw)
		pw = from_getent(k);
	if (!pw)
		errno = 0; /* "not found" is not an error (getpwnam(3)) */
	return pw;
}

struct passwd *__wrap_getpwnam(const char *name)
{
	struct key k = { .name = name };
	return lookup(&k);
}

struct passwd *__wrap_getpwuid(uid_t uid)
{
	struct key k = { .uid = uid };
	return lookup(&k);
}

/* Enumeration (completion of ~user): every entry getent lists, which
 * include those of /etc/passwd; the file alone when getent cannot run. */
static FILE *enum_stream;
static pid_t enum_pid = -1;

void __wrap_endpwent(void)
{
	if (!enum_stream)
		return;
	if (enum_pid > 0)
		getent_close(enum_stream, enum_pid);
	else
		fclose(enum_stream);
	enum_stream = NULL;
	enum_pid = -1;
}

void __wrap_setpwent(void)
{
	__wrap_endpwent();
	enum_stream = getent_open(NULL, &enum_pid);
	if (!enum_stream) {
		enum_pid = -1;
		enum_stream = fopen("/etc/passwd", "re");
	}
}

struct passwd *__wrap_getpwent(void)
{
	if (!enum_stream)
		__wrap_setpwent();
	return enum_stream ? scan_stream(enum_stream, NULL) : NULL;
}
