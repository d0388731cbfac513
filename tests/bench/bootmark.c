/*
 * bootmark - the first program the kernel runs in a benchmark boot.
 *
 * Booted with rdinit=/bootmark, it prints one line on the console at the
 * moment userland starts, then becomes /init. The benchmark notes when
 * the line arrives and when the prompt does: the difference is the time
 * from /init to the prompt, measured the same way for every system.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec now;
	char line[64];
	int len;

	(void)argc;
	clock_gettime(CLOCK_BOOTTIME, &now);
	len = snprintf(line, sizeof(line), "bootmark %lld.%06ld\n",
	               (long long)now.tv_sec, now.tv_nsec / 1000);
	if (write(1, line, len) < 0)
		return 1;
	argv[0] = "/init";
	execv("/init", argv);
	return 127;
}
