/* vfork-stdio.c - reference solution, exercise 4: what a vfork child does
 * to its parent when it calls printf or malloc.  For instructors.
 *
 * usage: vfork-stdio MODE   MODE: printf-fork printf-vfork malloc-fork
 *                                 malloc-vfork
 * Run with stdout on a pipe (| cat), so stdio buffers it fully. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void *child_block; /* set by the child in the malloc modes */

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	const char *mode = argv[1];
	bool use_vfork = strstr(mode, "-vfork") != NULL;
	bool test_malloc = strncmp(mode, "malloc", 6) == 0;

	if (!test_malloc)
		printf("parent:before ");      /* stays in stdout's buffer */
	size_t in_use = mallinfo2().uordblks;

	pid_t pid = use_vfork ? vfork() : fork();
	if (pid == 0) {
		if (test_malloc)
			child_block = malloc(4000);  /* the parent's heap */
		else
			printf("child ");            /* the parent's buffer */
		_exit(0);                            /* flushes nothing */
	}
	waitpid(pid, NULL, 0);

	if (test_malloc) {
		printf("heap grew: %s\n",
		       mallinfo2().uordblks > in_use ? "yes" : "no");
		printf("global set: %s\n", child_block ? "yes" : "no");
	} else {
		printf("parent:after\n");
	}
	return 0;
}
