/* shellfd.h - the shell's own file descriptors: the script or `.` file
 * being read, fds saved around a redirection, here-document fds, the
 * terminal.  They are close-on-exec (so FD_CLOEXEC marks an fd as the
 * shell's: every fd a user opens or inherits is not), at 10 or above when
 * the fd limit allows and below 10 otherwise.  A user may name any fd: when
 * a redirection names one of the shell's, the shell's moves out of the way
 * (as bash does); reading one (`>&N`) is "Bad file descriptor". */
#ifndef TINE_SHELLFD_H
#define TINE_SHELLFD_H

#include <stdbool.h>

/* Moves fd (the shell's) to 10 or above, close-on-exec.  When no such fd
 * can be had (ulimit -n 10) it goes to the lowest free fd from 3, or stays
 * where it is, close-on-exec; shellfd_clear keeps it out of a user's way
 * all the same. */
int fd_move_high(int fd);

/* True when fd is one of the navoid fds in avoid. */
bool fd_listed(int fd, const int *avoid, int navoid);

/* A close-on-exec copy of fd at an fd not listed in avoid: 10 or above if
 * possible, else the lowest free one.  -1 with errno when none is free. */
int shellfd_dup(int fd, const int *avoid, int navoid);

/* *slot holds one of the shell's fds: shellfd_clear updates *slot when it
 * moves that fd.  untrack before the fd is closed or *slot is freed. */
void shellfd_track(int *slot);
void shellfd_untrack(int *slot);

/* True when fd is open and the shell's own (close-on-exec). */
bool shellfd_is_own(int fd);

/* Makes fd free for a user's redirection: if one of the tracked fds sits
 * there, it moves to an fd not in avoid.  False with errno when it could
 * not be moved (the redirection must then fail). */
bool shellfd_clear(int fd, const int *avoid, int navoid);

#endif
