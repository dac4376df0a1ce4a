/* timing.c - the shell's clocks: `time [-p]` and
 * TIMEFORMAT, the lines of `setopt timing`, and human units.
 *
 * Owns the timing records of launched programs and every format a time
 * is printed in.  Must not launch, wait for or signal anything: plan.c
 * tells it when a program started, jobs.c when one was reaped (with the
 * rusage wait4 returned), exec.c when a command is over.  Must not look
 * at the AST.
 *
 * Launch latency, the same for all four strategies
 * ------------------------------------------------
 * A strategy stamps launch_result.t_start_ns just before it starts its
 * work and t_exec_ns at the first moment the *parent* knows that execve
 * succeeded in the child.  Latency is t_exec_ns - t_start_ns.  The end
 * point is the same event under every strategy: the child's execve has
 * replaced its memory image, which is when the kernel
 *   - closes close-on-exec fds (fork: the parent's read of the report pipe
 *     returns EOF), and
 *   - releases the borrowed memory of a CLONE_VFORK child (vfork, clone,
 *     and glibc's posix_spawn, which is clone(CLONE_VM|CLONE_VFORK)
 *     underneath: the parent resumes).
 * Both happen inside the one execve, after the old address space is gone
 * (exec_mmap) -- for fork that includes tearing down the child's copy of
 * the shell's page tables, which is the cost fork is blamed for.  Each is
 * seen by the parent one wake-up later, so the measurement includes one
 * scheduler hand-off for every strategy alike.  Measuring inside the child
 * instead would need a clock read after execve, i.e. in the new program,
 * which we do not control.  The start point includes what each strategy
 * prepares for itself (fork's report pipe, clone's stack, posix_spawn's
 * file actions), since a user choosing a strategy pays for that too.
 *
 * Wall time of a program runs from t_start_ns to the moment the shell
 * reaped it.  Pipeline members are reaped in order, so one that ended
 * before an earlier member is charged until that member ended. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strcasestr */
#endif
#include "timing.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "options.h"
#include "plan.h"
#include "vars.h"

/* ---- units ---- */

bool timing_utf8(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = var_get(vars[i]);
		if (!v || !*v)
			continue;
		/* The first non-empty one decides, as setlocale does. */
		return strcasestr(v, "utf-8") || strcasestr(v, "utf8");
	}
	return false;
}

int timing_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* v with 3 significant digits and unit u. */
static void three_digits(char *buf, size_t size, double v, const char *u)
{
	if (v == 0)
		snprintf(buf, size, "0%s", u);
	else if (v < 9.995)
		snprintf(buf, size, "%.2f%s", v, u);
	else if (v < 99.95)
		snprintf(buf, size, "%.1f%s", v, u);
	else
		snprintf(buf, size, "%.0f%s", v, u);
}

char *timing_human_ns(char *buf, size_t size, uint64_t ns)
{
	const char *micro = timing_utf8() ? "\xc2\xb5s" : "us";

	/* Switch units at 999.5 so rounding never prints "1000µs". */
	if (ns < 999500)
		three_digits(buf, size, (double)ns / 1e3, micro);
	else if (ns < 999500000)
		three_digits(buf, size, (double)ns / 1e6, "ms");
	else
		three_digits(buf, size, (double)ns / 1e9, "s");
	return buf;
}

char *timing_human_kib(char *buf, size_t size, uint64_t kib)
{
	if (kib < 1024)
		snprintf(buf, size, "%lluKiB", (unsigned long long)kib);
	else if (kib < 1000 * 1024)
		three_digits(buf, size, (double)kib / 1024, "MiB");
	else
		three_digits(buf, size, (double)kib / (1024 * 1024), "GiB");
	return buf;
}

static uint64_t tv_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000u + (uint64_t)tv->tv_usec * 1000u;
}

/* ---- time and TIMEFORMAT ---- */

void timing_start(struct timing_mark *m)
{
	getrusage(RUSAGE_SELF, &m->self);
	getrusage(RUSAGE_CHILDREN, &m->children);
	/* The wall clock last, so it does not include the two calls. */
	m->wall_ns = launch_now_ns();
}

/* A bounded appender: keeps the NUL in place, never overflows. */
struct outbuf {
	char *p;
	size_t size, len;
};

static void out_printf(struct outbuf *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void out_printf(struct outbuf *o, const char *fmt, ...)
{
	va_list ap;

	if (o->len + 1 >= o->size)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(o->p + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n < o->size - o->len ? (size_t)n :
			  o->size - o->len - 1;
}

/* One %[p][l]X value, as bash prints it: the time rounded to
 * milliseconds, then cut (not rounded) to p fraction digits. */
static void out_seconds(struct outbuf *o, uint64_t ns, int prec, bool lng)
{
	static const unsigned div[] = { 1000, 100, 10, 1 };
	uint64_t ms = (ns + 500000) / 1000000;
	unsigned long long sec = ms / 1000;
	unsigned frac = (unsigned)(ms % 1000) / div[prec];

	if (lng) {
		out_printf(o, "%llum", sec / 60);
		sec %= 60;
	}
	if (prec)
		out_printf(o, "%llu.%0*u", sec, prec, frac);
	else
		out_printf(o, "%llu", sec);
	if (lng)
		out_printf(o, "s");
}

bool timing_format(char *buf, size_t size, const char *fmt, uint64_t real_ns,
		   uint64_t user_ns, uint64_t sys_ns, char *bad)
{
	struct outbuf o = { buf, size, 0 };

	if (size)
		buf[0] = '\0';
	for (const char *s = fmt; *s; s++) {
		if (*s != '%') {
			out_printf(&o, "%c", *s);
			continue;
		}
		s++;
		if (*s == '\0') {
			/* bash prints a lone trailing % as itself */
			out_printf(&o, "%%");
			break;
		}
		if (*s == '%') {
			out_printf(&o, "%%");
			continue;
		}
		if (*s == 'P') {
			/* CPU share: (user+sys)/real in percent, two decimals;
			 * not clamped: a pipeline on two CPUs may use 150% */
			uint64_t cpu_us = (user_ns + sys_ns) / 1000;
			uint64_t real_us = real_ns / 1000;
			uint64_t hundredths =
				real_us ? cpu_us * 10000 / real_us : 0;
			out_printf(&o, "%llu.%02llu",
				   (unsigned long long)(hundredths / 100),
				   (unsigned long long)(hundredths % 100));
			continue;
		}
		int prec = 3;
		bool lng = false;
		if (*s >= '0' && *s <= '9') {
			/* bash accepts any digit and uses at most 3 */
			prec = *s - '0' > 3 ? 3 : *s - '0';
			s++;
		}
		if (*s == 'l') {
			lng = true;
			s++;
		}
		uint64_t v;
		switch (*s) {
		case 'R':
			v = real_ns;
			break;
		case 'U':
			v = user_ns;
			break;
		case 'S':
			v = sys_ns;
			break;
		default:
			*bad = *s;
			return false;
		}
		out_seconds(&o, v, prec, lng);
	}
	out_printf(&o, "\n");
	return true;
}

/* bash's defaults: TIMEFORMAT unset, and `time -p` (POSIX, XCU time). */
static const char default_format[] = "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS";
static const char posix_format[] = "real %2R\nuser %2U\nsys %2S";

void timing_print_time(const struct timing_mark *m, bool posix)
{
	struct rusage self, children;

	uint64_t now = launch_now_ns();
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &children);

	/* The shell's own time counts: builtins, functions and the
	 * executor itself are part of what was timed. */
	uint64_t user = tv_ns(&self.ru_utime) - tv_ns(&m->self.ru_utime) +
			tv_ns(&children.ru_utime) - tv_ns(&m->children.ru_utime);
	uint64_t sys = tv_ns(&self.ru_stime) - tv_ns(&m->self.ru_stime) +
		       tv_ns(&children.ru_stime) - tv_ns(&m->children.ru_stime);
	const char *fmt = posix ? posix_format : var_get("TIMEFORMAT");
	if (!fmt)
		fmt = default_format;
	if (!*fmt)
		return; /* TIMEFORMAT= : the user asked for silence */

	char small[256];
	size_t size = strlen(fmt) * 8 + sizeof small;
	char *buf = size <= sizeof small ? small : xmalloc(size);
	char bad = 0;
	if (timing_format(buf, size, fmt, now - m->wall_ns, user, sys, &bad)) {
		fflush(stdout);
		fputs(buf, stderr);
		fflush(stderr);
	} else if (bad) {
		sh_warn("TIMEFORMAT: `%c': invalid format character", bad);
	} else {
		sh_warn("TIMEFORMAT: unfinished format at the end");
	}
	if (buf != small)
		free(buf);
}

/* ---- setopt timing ---- */

/* A program launched while `timing` was on, until its line is printed.
 * Records carry the pid of the shell that made them: a forked subshell
 * inherits the table but neither waits for nor reports its parent's
 * programs, so it drops them. */
struct timing_rec {
	pid_t pid;
	pid_t owner;
	int strategy;         /* the one that ran */
	bool done;
	char name[40];
	char note[160];       /* a detour's note, or "" */
	uint64_t t_start, t_exec, t_end;
	struct rusage ru;
};

/* Background programs are reaped without rusage and never finish here;
 * the oldest record goes when the table is full, so they cannot pile up. */
#define TIMING_MAX_RECS 256

static struct timing_rec *recs;
static int nrecs, caprecs;

static void drop_foreign_records(void)
{
	if (nrecs && recs[0].owner != getpid())
		nrecs = 0;
}

static void remove_rec(int i)
{
	memmove(&recs[i], &recs[i + 1], (size_t)(nrecs - i - 1) * sizeof *recs);
	nrecs--;
}

void timing_launched(pid_t pid, int strategy, const char *name,
		     const struct launch_result *res, const char *detour_path)
{
	if (!OPT(timing) || pid <= 0)
		return;
	drop_foreign_records();
	for (int i = 0; i < nrecs; i++)
		if (recs[i].pid == pid) /* a reused pid: the old one is gone */
			remove_rec(i--);
	if (nrecs == TIMING_MAX_RECS)
		remove_rec(0);
	if (nrecs == caprecs) {
		caprecs = caprecs ? caprecs * 2 : 8;
		recs = xrealloc(recs, (size_t)caprecs * sizeof *recs);
	}
	struct timing_rec *r = &recs[nrecs++];
	memset(r, 0, sizeof *r);
	r->pid = pid;
	r->owner = getpid();
	r->strategy = res->ran;
	if (res->detour && detour_path)
		plan_describe_detour(r->note, sizeof r->note, strategy, res->ran,
				     res->detour, detour_path);
	snprintf(r->name, sizeof r->name, "%s", name ? name : "?");
	r->t_start = res->t_start_ns;
	/* t_exec_ns 0 means the strategy could not tell; show 0 then
	 * rather than a huge negative latency */
	r->t_exec = res->t_exec_ns ? res->t_exec_ns : res->t_start_ns;
}

void timing_reaped(pid_t pid, const struct rusage *ru)
{
	if (!nrecs)
		return;
	uint64_t now = launch_now_ns();
	drop_foreign_records();
	for (int i = 0; i < nrecs; i++)
		if (recs[i].pid == pid && !recs[i].done) {
			recs[i].done = true;
			recs[i].t_end = now;
			recs[i].ru = *ru;
			return;
		}
}

/* Pads s on the left (right-aligns) to width display columns. */
static void put_right(const char *s, int width)
{
	for (int w = timing_width(s); w < width; w++)
		fputc(' ', stderr);
	fputs(s, stderr);
}

/* One line per finished program, in launch order:
 *   timing: vfork       ls   launch  85.2µs  wall  1.41ms  user   812µs  sys      0µs  rss  3.52MiB
 * Columns line up across the lines of one report: the strategy is padded
 * to the longest name (posix_spawn), the program name to the longest in
 * this report, each value to 7 columns. */
void timing_report(void)
{
	if (!nrecs)
		return;
	drop_foreign_records();
	int namew = 8, ndone = 0; /* 8: most names line up across reports */
	for (int i = 0; i < nrecs; i++)
		if (recs[i].done) {
			int w = timing_width(recs[i].name);
			namew = w > namew ? w : namew;
			ndone++;
		}
	if (!ndone)
		return;
	fflush(stdout);
	for (int i = 0; i < nrecs; i++) {
		struct timing_rec *r = &recs[i];
		char v[5][32];
		if (!r->done)
			continue;
		timing_human_ns(v[0], sizeof v[0], r->t_exec - r->t_start);
		timing_human_ns(v[1], sizeof v[1], r->t_end - r->t_start);
		timing_human_ns(v[2], sizeof v[2], tv_ns(&r->ru.ru_utime));
		timing_human_ns(v[3], sizeof v[3], tv_ns(&r->ru.ru_stime));
		/* ru_maxrss is in KiB on Linux */
		timing_human_kib(v[4], sizeof v[4], (uint64_t)r->ru.ru_maxrss);
		fprintf(stderr, "timing: %-11s %s",
			launch_strategy_name((enum launch_strategy)r->strategy),
			r->name);
		for (int w = timing_width(r->name); w < namew; w++)
			fputc(' ', stderr);
		static const char *const label[5] = { "launch", "wall", "user",
						      "sys", "rss" };
		for (int k = 0; k < 5; k++) {
			fprintf(stderr, "  %s ", label[k]);
			put_right(v[k], 7);
		}
		if (r->note[0])
			fprintf(stderr, "  %s", r->note);
		fputc('\n', stderr);
		remove_rec(i--);
	}
	fflush(stderr);
}
