/* sleep - suspend execution for an interval (POSIX.1-2017 sleep). */
/*
 * As in GNU sleep, an interval may have a fraction (0.5, 1e-3) and a
 * unit suffix: s (seconds, the default), m (minutes), h (hours), d (days).
 * Several operands are added up. "inf" sleeps until killed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "sleep SECONDS[s|m|h|d]...";

/* The seconds STR stands for, or -1 if it is not a valid interval. */
static double
parse_interval(const char *str)
{
	char *end;
	double seconds;

	seconds = strtod(str, &end);
	// strtod takes "nan" and negative numbers; neither is an interval.
	// ERANGE is fine: tiny values round to 0, huge ones to infinity.
	if (end == str || !(seconds >= 0))
		return -1;
	switch (*end) {
	case '\0':
		return seconds;
	case 's':
		break;
	case 'm':
		seconds *= 60;
		break;
	case 'h':
		seconds *= 60 * 60;
		break;
	case 'd':
		seconds *= 24 * 60 * 60;
		break;
	default:
		return -1;
	}
	return end[1] == '\0' ? seconds : -1;
}

/* Turn SECONDS into a timespec, rounding up and saturating. */
static struct timespec
to_timespec(double seconds)
{
	// Billions of years: past any real sleep, yet safe to convert.
	const double max_seconds = (double)((int64_t)1 << 62);
	struct timespec ts;
	double nanoseconds;

	if (seconds >= max_seconds) {
		ts.tv_sec = (time_t)max_seconds;
		ts.tv_nsec = 0;
		return ts;
	}
	ts.tv_sec = (time_t)seconds;
	nanoseconds = (seconds - (double)ts.tv_sec) * 1e9;
	ts.tv_nsec = (long)nanoseconds;
	if ((double)ts.tv_nsec < nanoseconds)
		ts.tv_nsec++;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return ts;
}

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
		double seconds = parse_interval(*argv);

		if (seconds < 0) {
			warn_msg("invalid time interval '%s'", *argv);
			status = 1;
		} else {
			total += seconds;
		}
	}
	if (status)
		return status;

	// nanosleep stops early when a signal handler runs; sleep the rest.
	left = to_timespec(total);
	while (nanosleep(&left, &left) < 0) {
		if (errno != EINTR)
			die_sys("nanosleep");
	}
	return 0;
}
