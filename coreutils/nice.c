/* nice - run a command at another scheduling priority (POSIX.1-2017 nice). */
/*
 * The nice value goes from -20 (served first) to 19 (served last); a
 * command inherits its parent's. nice adds an increment (10 unless -n
 * says) and runs the command. Without a command it prints the nice value,
 * as GNU's does. Only root may lower the value; for anyone else POSIX
 * says to warn and run the command anyway.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "nice [-n INCREMENT] [COMMAND [ARG]...]";

/* nice's own errors exit 125: 126 and 127 say the command could not run. */
#define NICE_FAILED 125

static _Noreturn void
bad_usage(void)
{
	dprintf(2, "usage: %s\n", usage);
	exit(NICE_FAILED);
}

/* This process's nice value. */
static int
current_nice(void)
{
	int value;

	// -1 is a valid nice value, so only errno tells of a failure.
	errno = 0;
	value = getpriority(PRIO_PROCESS, 0);
	if (value == -1 && errno != 0) {
		warn_sys("getpriority");
		exit(NICE_FAILED);
	}
	return value;
}

int
main(int argc, char **argv)
{
	long increment = 10;
	int given = 0;
	int c;

	prog_init(argv[0]);
	// "+": the command's own options must stay the command's.
	while ((c = getopt(argc, argv, "+n:")) != -1) {
		if (c != 'n')
			bad_usage();
		// Any increment: the sum is kept within the kernel's range.
		if (parse_long(optarg, 10, -1000000, 1000000, &increment) < 0) {
			warn_msg("invalid increment '%s'", optarg);
			exit(NICE_FAILED);
		}
		given = 1;
	}
	argv += optind;
	if (!*argv) {
		// An increment with nothing to apply it to is a mistake.
		if (given)
			bad_usage();
		out_printf(&out_stdout, "%d\n", current_nice());
		return finish(0) == 0 ? 0 : NICE_FAILED;
	}

	long value = current_nice() + increment;
	if (value < -20)
		value = -20;
	if (value > 19)
		value = 19;
	if (setpriority(PRIO_PROCESS, 0, (int)value) < 0)
		warn_sys("cannot set the nice value to %ld", value);
	exec_command(argv);
}
