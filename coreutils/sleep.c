/* sleep - suspend execution for an interval (POSIX.1-2017 sleep). */
/*
 * As in GNU sleep, an interval may have a fraction (0.5, 1e-3) and a
 * unit suffix: s (seconds, the default), m (minutes), h (hours), d (days).
 * Several operands are added up. "inf" sleeps until killed.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "sleep SECONDS[s|m|h|d]...";

int
main(int argc, char **argv)
{
	struct timespec left;
	double total = 0;
	int status = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	argv += optind;
	if (!*argv)
		die_usage(usage);

	// Check every operand before sleeping at all, and name each bad one.
	for (; *argv; argv++) {
		double seconds;

		if (parse_duration(*argv, &seconds) < 0) {
			warn_msg("invalid time interval '%s'", *argv);
			status = 1;
		} else {
			total += seconds;
		}
	}
	if (status)
		return status;

	// nanosleep stops early when a signal handler runs; sleep the rest.
	left = duration_timespec(total);
	while (nanosleep(&left, &left) < 0) {
		if (errno != EINTR)
			die_sys("nanosleep");
	}
	return 0;
}
