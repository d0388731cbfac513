/*
 * check.h - the whole unit-test framework: CHECK(cond) records a failure
 * with its line and goes on; main ends with `return check_done();`, which
 * prints "N passed, N failed" and returns the exit status.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

static int checks_passed, checks_failed;

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (cond) {                                                  \
			checks_passed++;                                     \
		} else {                                                     \
			checks_failed++;                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n",        \
			        __FILE__, __LINE__, #cond);                  \
		}                                                            \
	} while (0)

static int
check_done(void)
{
	printf("%d passed, %d failed\n", checks_passed, checks_failed);
	return checks_failed ? 1 : 0;
}

#endif
