/* timing.h - the shell's clocks: the `time` reserved word
 * and TIMEFORMAT, the per-program lines of `setopt timing`, and the human
 * units shared with spawnbench.  Sees pids, strategies and rusage; never
 * the AST (exec.c hands it what to time) and never a job. */
#ifndef TINE_TIMING_H
#define TINE_TIMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "launch.h"

/* ---- time [-p] pipeline ---- */

/* The clocks at the start of a timed pipeline. */
struct timing_mark {
	uint64_t wall_ns;        /* CLOCK_MONOTONIC */
	struct rusage self;      /* getrusage(RUSAGE_SELF) */
	struct rusage children;  /* getrusage(RUSAGE_CHILDREN) */
};

void timing_start(struct timing_mark *m);
/* Writes the report for what ran since timing_start to stderr: the POSIX
 * format for -p, else TIMEFORMAT (bash's default when unset, nothing when
 * empty).  Only children already waited for count (getrusage). */
void timing_print_time(const struct timing_mark *m, bool posix_format);

/* Formats a report with a TIMEFORMAT string into buf (NUL-terminated, at
 * most size bytes): %% %[p][l]R %[p][l]U %[p][l]S %P as in bash; a newline
 * is added.  Times in nanoseconds (user and sys come from rusage, so they
 * have microsecond resolution at best).  Returns false, with *bad set to
 * the offending character, for an invalid escape; buf then holds nothing
 * useful. */
bool timing_format(char *buf, size_t size, const char *fmt, uint64_t real_ns,
		   uint64_t user_ns, uint64_t sys_ns, char *bad);

/* ---- setopt timing ---- */

/* plan.c, after a program started: remembers it when `timing` is on.
 * strategy is the one asked for; res->ran is the one that ran, and when
 * they differ or the launch took a detour, detour_path is the open it was
 * about (the line then ends with plan_describe_detour's note). */
void timing_launched(pid_t pid, int strategy, const char *name,
		     const struct launch_result *res, const char *detour_path);
/* jobs.c, when wait4 says pid ended: its rusage and the reaping time. */
void timing_reaped(pid_t pid, const struct rusage *ru);
/* exec.c, after each command: one line per finished program to stderr. */
void timing_report(void);

/* ---- units (spawnbench shares them) ---- */

/* Whether the user's locale (LC_ALL, LC_CTYPE, LANG in that order, the
 * first that is set and not empty) is UTF-8: then µ and block characters
 * may be printed, else the ASCII forms us and #. */
bool timing_utf8(void);
/* A duration in ns as "850ns", "85.2µs", "1.41ms", "2.03s" (3 significant
 * digits; "us" when !timing_utf8()).  Returns buf. */
char *timing_human_ns(char *buf, size_t size, uint64_t ns);
/* A size in KiB as "812KiB", "3.52MiB", "1.00GiB".  Returns buf. */
char *timing_human_kib(char *buf, size_t size, uint64_t kib);
/* Display width of a UTF-8 string (code points, not bytes), for padding
 * columns that hold µ or block characters. */
int timing_width(const char *s);

#endif
