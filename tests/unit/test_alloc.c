/* Unit tests for alloc.c: allocations succeed, and overflow dies cleanly. */
#include <stdint.h>
#include <string.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "mini.h"

/* Run FN in a child with stderr discarded; return its exit status. */
static int
child_status(void (*fn)(void))
{
	int wstatus;
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", 1);
		dup2(null, 2);
		fn();
		_exit(0);
	}
	waitpid(pid, &wstatus, 0);
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
}

static void
overflow_reallocarray(void)
{
	xreallocarray(NULL, SIZE_MAX / 2, 4);
}

static void
huge_malloc(void)
{
	// More than any address space: malloc must fail, xmalloc must die.
	xmalloc(SIZE_MAX - 4096);
}

int
main(void)
{
	char *p = xmalloc(0);
	CHECK(p != NULL);
	free(p);

	int *zeros = xcalloc(100, sizeof(int));
	int all_zero = 1;
	for (int i = 0; i < 100; i++)
		all_zero &= zeros[i] == 0;
	CHECK(all_zero);

	zeros = xreallocarray(zeros, 1000, sizeof(int));
	zeros[999] = 7;
	CHECK(zeros[999] == 7 && zeros[0] == 0);
	free(zeros);

	char *copy = xstrdup("hello");
	CHECK(strcmp(copy, "hello") == 0);
	free(copy);
	copy = xstrndup("hello", 3);
	CHECK(strcmp(copy, "hel") == 0);
	free(copy);
	copy = xstrndup("hi", 10);
	CHECK(strcmp(copy, "hi") == 0);
	free(copy);

	CHECK(child_status(overflow_reallocarray) == 1);
	CHECK(child_status(huge_malloc) == 1);
	return check_done();
}
