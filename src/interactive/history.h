/* history.h - the command history: the list in memory (HISTSIZE) and the
 * history file (HISTFILE, HISTFILESIZE) that several shells share.
 *
 * Part of the interactive layer: the core never includes it.  The reader
 * (editing.c) feeds it lines; fc and history (history_cmds.c) read and
 * edit it.  Without readline it works the same; editing.c mirrors it into
 * readline's own list through the observer below.
 *
 * The file holds one record per command:
 *	#<seconds since the epoch>
 *	<the command's lines, as typed>
 * bash writes this form when HISTTIMEFORMAT is set and reads multi-line
 * entries back whole from it; a file without "#<digits>" lines (an old
 * bash or sh history) reads as one command per line.  Each record is
 * appended with one write(2) under an fcntl write lock, so shells writing
 * at the same time never tear or lose one. */
#ifndef TINE_INTERACTIVE_HISTORY_H
#define TINE_INTERACTIVE_HISTORY_H

#include <stdbool.h>
#include <time.h>

/* Loads HISTFILE once (lazily: the first prompt, fc or history does it).
 * An unreadable or damaged file gives one warning; the shell goes on. */
void hist_load(void);

/* The reader's feed.  A first line (PS1) starts a new entry; a
 * continuation line (PS2, here-document bodies) is appended to it with a
 * newline, so a multi-line command is one entry.  Empty first lines are
 * not entries. */
void hist_add_line(const char *line, bool continuation);
/* Writes the entry being built to HISTFILE, if it is not yet written
 * (called before each new first line and at exit). */
void hist_commit(void);
/* sharehistory: takes in the entries other shells appended to HISTFILE
 * since we last looked. */
void hist_sync(void);
/* At exit of a shell that kept history: commits, then trims HISTFILE to
 * HISTFILESIZE entries under the lock (bash trims at exit too). */
void hist_finish(void);

/* Numbers of the oldest and newest entries (first > last when empty).
 * The newest is the command being run when called from a builtin. */
int hist_first(void);
int hist_last(void);
/* The entry with this number, or NULL. */
const char *hist_get(int num);
/* True while the newest entry is the command being run, read by the
 * interactive reader (fc then names the one before it, as bash). */
bool hist_newest_is_running(void);
/* HISTSIZE (default 1000). */
long hist_limit(void);
/* The number the next command typed will get (PS1's `!`, \!). */
int hist_next_number(void);
/* When the entry was typed (0 if unknown). */
time_t hist_time(int num);
/* Replaces the newest entry (fc: the command that ran fc becomes the
 * commands it ran, POSIX). */
void hist_replace_last(const char *text);
/* Removes the newest entry (fc -e whose editor left nothing to run). */
void hist_remove_last(void);
/* history -d N, history -c. */
bool hist_delete(int num);
void hist_clear(void);
/* history -w / -a FILE (NULL: HISTFILE): writes the whole list. */
bool hist_write_file(const char *path);
/* history -r FILE: appends the file's entries to the list. */
bool hist_read_file(const char *path);

/* Who mirrors the list (readline).  added: a new newest entry;
 * replaced: the newest entry's text changed; reset: everything changed
 * (call hist_get over the range again). */
struct hist_observer {
	void (*added)(const char *text);
	void (*replaced)(const char *text);
	void (*reset)(void);
};
void hist_set_observer(const struct hist_observer *obs);

#endif
