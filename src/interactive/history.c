/* history.c - the history list and the shared history file (see
 * history.h for the file format and the locking).
 *
 * Owns the list (malloc'd, permanent) and every access to HISTFILE.  Must
 * not call readline (editing.c mirrors the list through the observer) nor
 * run shell code: it reads HISTFILE, HISTSIZE, HISTFILESIZE, HISTCONTROL
 * and HOME with var_get only. */
#include "interactive/history.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "options.h"
#include "vars.h"

struct hist_entry {
	char *text;
	time_t when;
};

static struct hist_entry *ents;
static int nents, capents;
static int first_num = 1;      /* number of ents[0] */
static bool loaded;
static bool building;          /* the newest entry takes continuation lines */
static bool pending;           /* the newest entry is not in the file yet */
static const struct hist_observer *observer;

/* The file we loaded from and how far into it we have read or written
 * (sharehistory takes what lies beyond). */
static char *known_path;
static off_t known_size;
static bool warned_damage;

void hist_set_observer(const struct hist_observer *obs)
{
	observer = obs;
}

static void notify_reset(void)
{
	if (observer && observer->reset)
		observer->reset();
}

/* A variable's value as a count: -1 when unset, empty or not a number. */
static long var_count(const char *name)
{
	const char *v = var_get(name);
	if (!v || !*v)
		return -1;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (*end || errno || n < 0)
		return -1;
	return n;
}

/* HISTSIZE, default 1000 (bash's 500 is small for a shared file). */
static long hist_size(void)
{
	long n = var_count("HISTSIZE");
	return n < 0 ? 1000 : n;
}

static long hist_file_size(void)
{
	const char *v = var_get("HISTFILESIZE");
	if (!v)
		return hist_size();
	return var_count("HISTFILESIZE"); /* empty or not a number: no limit */
}

/* HISTFILE, default ~/.tine_history; NULL when set empty (no file). */
static const char *hist_path(void)
{
	static char buf[PATH_MAX];
	const char *f = var_get("HISTFILE");
	if (f)
		return *f ? f : NULL;
	const char *home = var_get("HOME");
	if (!home || !*home)
		return NULL;
	snprintf(buf, sizeof buf, "%s/.tine_history", home);
	return buf;
}

/* Drops the oldest entries beyond HISTSIZE. */
static void trim_list(void)
{
	long max = hist_size();
	if (nents <= max)
		return;
	int drop = nents - (int)max;
	for (int i = 0; i < drop; i++)
		free(ents[i].text);
	memmove(ents, ents + drop, (size_t)(nents - drop) * sizeof *ents);
	nents -= drop;
	first_num += drop;
	notify_reset();
}

static void push_entry(char *text, time_t when, bool notify)
{
	if (nents == capents) {
		capents = capents ? capents * 2 : 64;
		ents = xrealloc(ents, (size_t)capents * sizeof *ents);
	}
	ents[nents].text = text;
	ents[nents].when = when;
	nents++;
	if (notify && observer && observer->added)
		observer->added(text);
}

/* ---- the file -------------------------------------------------------- */

static bool lock_fd(int fd, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET };
	while (fcntl(fd, F_SETLKW, &fl) < 0)
		if (errno != EINTR)
			return false;
	return true;
}

static void unlock_fd(int fd)
{
	struct flock fl = { .l_type = F_UNLCK, .l_whence = SEEK_SET };
	fcntl(fd, F_SETLK, &fl);
}

/* Reads from offset to the end of fd into a malloc'd buffer. */
static char *read_rest(int fd, off_t offset, size_t *lenp)
{
	size_t cap = 4096, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len == cap)
			buf = xrealloc(buf, cap *= 2);
		ssize_t r = pread(fd, buf + len, cap - len, offset + (off_t)len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	*lenp = len;
	return buf;
}

static bool is_stamp_line(const char *s, size_t n, time_t *when)
{
	if (n < 2 || s[0] != '#')
		return false;
	long long t = 0;
	for (size_t i = 1; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		t = t * 10 + (s[i] - '0');
	}
	*when = (time_t)t;
	return true;
}

static char *dup_n(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Calls fn for each record of buf (text without its final newline,
 * malloc'd, now the callee's).  A record holding a NUL byte is damage:
 * skipped, with one warning per shell. */
static int parse_records(const char *buf, size_t len, const char *path,
			 void (*fn)(char *text, time_t when, void *ctx), void *ctx)
{
	int count = 0;
	size_t rec_start = 0, rec_end = 0;
	bool in_record = false, stamped = false, damaged = false, bad = false;
	time_t when = 0;
#define END_RECORD()                                                          \
	do {                                                                  \
		if (in_record && !bad && rec_end > rec_start) {               \
			fn(dup_n(buf + rec_start, rec_end - rec_start), when, \
			   ctx);                                              \
			count++;                                              \
		}                                                             \
		damaged |= bad;                                               \
		bad = false;                                                  \
	} while (0)
	for (size_t p = 0; p < len;) {
		const char *nl = memchr(buf + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - buf) : len;
		time_t t;
		bool stamp = is_stamp_line(buf + p, e - p, &t);
		if (stamp || !stamped) {
			/* A stamp starts a record; in a file without stamps
			 * (so far) every line is one. */
			END_RECORD();
			in_record = true;
			if (stamp) {
				stamped = true;
				when = t;
				rec_start = rec_end = nl ? e + 1 : len;
			} else {
				when = 0;
				rec_start = p;
				rec_end = e;
			}
		} else {
			rec_end = e;
		}
		if (!stamp && memchr(buf + p, '\0', e - p))
			bad = true;
		p = e + 1;
	}
	END_RECORD();
#undef END_RECORD
	if (damaged && !warned_damage) {
		warned_damage = true;
		sh_warn("%s: damaged history entries skipped", path);
	}
	return count;
}

static void take_record(char *text, time_t when, void *ctx)
{
	(void)ctx;
	push_entry(text, when, false);
}

/* Remembers which file we read and how far. */
static void set_known(const char *path, off_t size)
{
	if (!known_path || strcmp(known_path, path) != 0) {
		free(known_path);
		known_path = xstrdup(path);
	}
	known_size = size;
}

/* Opens path for reading under a read lock; -1 (after one warning unless
 * it simply does not exist) on failure. */
static int open_locked_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			sh_warn("%s: cannot read history: %s", path, strerror(errno));
		return -1;
	}
	if (!lock_fd(fd, F_RDLCK)) {
		/* A file system without locks: read anyway. */
	}
	return fd;
}

static int read_file_into_list(const char *path, bool remember)
{
	int fd = open_locked_read(path);
	if (fd < 0)
		return -1;
	size_t len;
	char *buf = read_rest(fd, 0, &len);
	unlock_fd(fd);
	close(fd);
	int n = parse_records(buf, len, path, take_record, NULL);
	free(buf);
	if (remember)
		set_known(path, (off_t)len);
	return n;
}

void hist_load(void)
{
	if (loaded)
		return;
	loaded = true;
	const char *path = hist_path();
	if (!path)
		return;
	/* Entries typed before the load (none in practice: the first prompt
	 * loads) stay newest. */
	struct hist_entry *typed = ents;
	int ntyped = nents;
	ents = NULL;
	nents = capents = 0;
	read_file_into_list(path, true);
	for (int i = 0; i < ntyped; i++)
		push_entry(typed[i].text, typed[i].when, false);
	free(typed);
	trim_list();
	notify_reset();
}

/* Formats one record: "#when\ntext\n" (malloc'd). */
static char *format_record(const struct hist_entry *e, size_t *lenp)
{
	size_t tl = strlen(e->text);
	char *rec = xmalloc(tl + 32);
	int n = snprintf(rec, 32, "#%lld\n", (long long)e->when);
	memcpy(rec + n, e->text, tl);
	rec[n + tl] = '\n';
	*lenp = (size_t)n + tl + 1;
	return rec;
}

static bool write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		buf += w;
		len -= (size_t)w;
	}
	return true;
}

/* Adds the records other shells appended to fd beyond known_size. */
static void import_new(int fd, const char *path)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return;
	if (!known_path || strcmp(known_path, path) != 0 || st.st_size < known_size) {
		/* Another file, or trimmed by another shell: start at its end. */
		set_known(path, st.st_size);
		return;
	}
	if (st.st_size == known_size)
		return;
	size_t len;
	char *buf = read_rest(fd, known_size, &len);
	/* Others' entries go before the one being built. */
	struct hist_entry keep = { NULL, 0 };
	bool have_keep = pending && nents > 0;
	if (have_keep)
		keep = ents[--nents];
	int n = parse_records(buf, len, path, take_record, NULL);
	if (have_keep)
		push_entry(keep.text, keep.when, false);
	free(buf);
	known_size += (off_t)len;
	if (n > 0) {
		trim_list();
		notify_reset();
	}
}

void hist_commit(void)
{
	if (!pending || nents == 0)
		return;
	pending = false;
	const char *path = hist_path();
	if (!path)
		return;
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		static bool warned;
		if (!warned) {
			warned = true;
			sh_warn("%s: cannot write history: %s", path, strerror(errno));
		}
		return;
	}
	lock_fd(fd, F_WRLCK);
	if (OPT(sharehistory))
		import_new(fd, path);
	size_t len;
	char *rec = format_record(&ents[nents - 1], &len);
	write_all(fd, rec, len);
	free(rec);
	if (OPT(sharehistory) || (known_path && strcmp(known_path, path) == 0)) {
		struct stat st;
		if (fstat(fd, &st) == 0 && OPT(sharehistory))
			set_known(path, st.st_size);
	}
	unlock_fd(fd);
	close(fd);
}

void hist_sync(void)
{
	if (!OPT(sharehistory))
		return;
	hist_load();
	const char *path = hist_path();
	if (!path)
		return;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	lock_fd(fd, F_RDLCK);
	import_new(fd, path);
	unlock_fd(fd);
	close(fd);
}

static bool ignored_by_histcontrol(const char *line)
{
	const char *hc = var_get("HISTCONTROL");
	if (!hc)
		return false;
	bool space = strstr(hc, "ignorespace") || strstr(hc, "ignoreboth");
	bool dups = strstr(hc, "ignoredups") || strstr(hc, "ignoreboth");
	if (space && (line[0] == ' ' || line[0] == '\t'))
		return true;
	if (dups && nents > 0 && strcmp(ents[nents - 1].text, line) == 0)
		return true;
	return false;
}

void hist_add_line(const char *line, bool continuation)
{
	if (continuation) {
		if (!building || nents == 0)
			return;
		struct hist_entry *e = &ents[nents - 1];
		size_t a = strlen(e->text), b = strlen(line);
		e->text = xrealloc(e->text, a + b + 2);
		e->text[a] = '\n';
		memcpy(e->text + a + 1, line, b + 1);
		if (observer && observer->replaced)
			observer->replaced(e->text);
		return;
	}
	hist_commit();
	hist_load();
	building = false;
	const char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || ignored_by_histcontrol(line))
		return;
	push_entry(xstrdup(line), time(NULL), true);
	building = pending = true;
	trim_list();
}

/* Trims HISTFILE to its last HISTFILESIZE records, in place and under the
 * write lock: a record another shell appends meanwhile waits for the lock
 * and lands after the kept ones. */
static void trim_file(const char *path)
{
	long max = hist_file_size();
	if (max < 0)
		return;
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	lock_fd(fd, F_WRLCK);
	size_t len;
	char *buf = read_rest(fd, 0, &len);
	/* Where each record starts: at a stamp line, or at every line of
	 * a file without stamps. */
	size_t *starts = NULL;
	size_t nstarts = 0, capstarts = 0;
	bool stamped = false;
	for (size_t p = 0; p < len;) {
		const char *nl = memchr(buf + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - buf) : len;
		time_t t;
		bool stamp = is_stamp_line(buf + p, e - p, &t);
		if (stamp || !stamped) {
			if (nstarts == capstarts)
				starts = xrealloc(starts, (capstarts = capstarts ? capstarts * 2 : 256) * sizeof *starts);
			starts[nstarts++] = p;
		}
		stamped |= stamp;
		p = e + 1;
	}
	size_t cut = 0;
	if (nstarts > (size_t)max)
		cut = max == 0 ? len : starts[nstarts - (size_t)max];
	free(starts);
	if (cut > 0) {
		size_t keep = len - cut;
		if (pwrite(fd, buf + cut, keep, 0) == (ssize_t)keep &&
		    ftruncate(fd, (off_t)keep) == 0 && known_path &&
		    strcmp(known_path, path) == 0)
			known_size = (off_t)keep;
	}
	free(buf);
	unlock_fd(fd);
	close(fd);
}

void hist_finish(void)
{
	if (!loaded)
		return;
	hist_commit();
	const char *path = hist_path();
	if (path)
		trim_file(path);
}

bool hist_newest_is_running(void)
{
	return pending && nents > 0;
}

long hist_limit(void)
{
	return hist_size();
}

int hist_first(void)
{
	hist_load();
	return first_num;
}

int hist_last(void)
{
	hist_load();
	return first_num + nents - 1;
}

int hist_next_number(void)
{
	hist_load();
	return first_num + nents;
}

const char *hist_get(int num)
{
	hist_load();
	int i = num - first_num;
	if (i < 0 || i >= nents)
		return NULL;
	return ents[i].text;
}

time_t hist_time(int num)
{
	int i = num - first_num;
	if (i < 0 || i >= nents)
		return 0;
	return ents[i].when;
}

void hist_replace_last(const char *text)
{
	hist_load();
	if (nents == 0) {
		push_entry(xstrdup(text), time(NULL), true);
		pending = true;
		return;
	}
	struct hist_entry *e = &ents[nents - 1];
	free(e->text);
	e->text = xstrdup(text);
	building = false;
	if (observer && observer->replaced)
		observer->replaced(e->text);
}

void hist_remove_last(void)
{
	if (nents == 0)
		return;
	free(ents[--nents].text);
	pending = building = false;
	notify_reset();
}

bool hist_delete(int num)
{
	hist_load();
	int i = num - first_num;
	if (i < 0 || i >= nents)
		return false;
	if (i == nents - 1)
		pending = building = false;
	free(ents[i].text);
	memmove(ents + i, ents + i + 1, (size_t)(nents - i - 1) * sizeof *ents);
	nents--;
	notify_reset();
	return true;
}

void hist_clear(void)
{
	hist_load();
	for (int i = 0; i < nents; i++)
		free(ents[i].text);
	first_num += nents;
	nents = 0;
	pending = building = false;
	notify_reset();
}

bool hist_write_file(const char *path)
{
	if (!path)
		path = hist_path();
	if (!path)
		return false;
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		sh_warn("history: %s: %s", path, strerror(errno));
		return false;
	}
	lock_fd(fd, F_WRLCK);
	bool ok = ftruncate(fd, 0) == 0;
	for (int i = 0; ok && i < nents; i++) {
		size_t len;
		char *rec = format_record(&ents[i], &len);
		ok = write_all(fd, rec, len);
		free(rec);
	}
	if (ok && known_path && strcmp(known_path, path) == 0)
		known_size = lseek(fd, 0, SEEK_END);
	unlock_fd(fd);
	close(fd);
	pending = false;
	if (!ok)
		sh_warn("history: %s: %s", path, strerror(errno));
	return ok;
}

bool hist_read_file(const char *path)
{
	hist_load();
	if (!path)
		path = hist_path();
	if (!path)
		return false;
	if (read_file_into_list(path, false) < 0)
		return false;
	trim_list();
	notify_reset();
	return true;
}
