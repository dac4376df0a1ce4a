/* signames.h - the shell's one table of signal names, written without the
 * "SIG" prefix as trap, kill -l and spawntrace show them. */
#ifndef TINE_SIGNAMES_H
#define TINE_SIGNAMES_H

/* Room for the longest name a real-time signal gets ("RTMIN+30"). */
#define SIGNAME_BUFSIZE 16

/* The name of sig: "HUP", "RTMIN", "RTMIN+3", "RTMAX"; NULL for a number
 * that names no signal here (0 included).  A real-time name is written into
 * buf, any other comes from the table. */
const char *signame(int sig, char buf[SIGNAME_BUFSIZE]);

/* The signal a name (no "SIG", any case; "RTMIN+N" too) stands for, or -1. */
int signame_lookup(const char *name);

#endif
