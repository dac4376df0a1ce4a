/* pipe_peek.h - the bytes waiting in a pipe, seen without taking them.
 *
 * A shell that reads a line from a pipe it shares with the commands it
 * runs (`read`, a script on standard input) must take no byte past that
 * line, or the next reader of the pipe loses it.  One read(2) per byte
 * does that at the cost of a system call per byte.  tee(2) instead copies
 * what the pipe holds into a pipe of the shell's own and leaves it where
 * it was: the caller looks at the copy, finds where its line ends, and
 * takes exactly that many bytes. */
#ifndef TINE_PIPE_PEEK_H
#define TINE_PIPE_PEEK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Copies up to cap of the bytes waiting in pipe fd into buf, leaving them
 * in the pipe.  > 0: that many; 0: end of file (no writer, nothing left);
 * -1 with EAGAIN: nothing waiting yet (the caller waits with a one-byte
 * read); -1 otherwise: fd cannot be peeked at (not a pipe, tee refused):
 * read it a byte at a time. */
ssize_t pipe_peek(int fd, char *buf, size_t cap);

/* Takes n bytes from fd that pipe_peek showed and throws them away.  False
 * when fewer came (another reader took them first). */
bool pipe_take(int fd, size_t n);

/* In a forked copy of the shell: drop the parent's private pipe, which the
 * two must not share. */
void pipe_peek_forget(void);

#endif
