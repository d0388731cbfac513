/* num.c - checked number parsing: integers, and durations (sleep, timeout). */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "mini.h"

int
parse_long(const char *str, int base, long min, long max, long *value)
{
	char *end;
	long parsed;

	// strtol accepts an empty string as 0; we do not.
	while (isspace((unsigned char)*str))
		str++;
	if (*str == '\0') {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	parsed = strtol(str, &end, base);
	if (*end != '\0' || end == str) {
		errno = EINVAL;
		return -1;
	}
	if (errno == ERANGE || parsed < min || parsed > max) {
		errno = ERANGE;
		return -1;
	}
	*value = parsed;
	return 0;
}

int
scan_numbers(const char *text, long long *values, int count)
{
	int found = 0;
	char *end;

	while (found < count) {
		while (*text && !isdigit((unsigned char)*text) && *text != '-' &&
		       *text != '+')
			text++;
		values[found] = strtoll(text, &end, 10);
		if (end == text)
			break;
		found++;
		text = end;
	}
	return found;
}

long
xparse_long(const char *str, long min, long max, const char *what)
{
	long value;

	if (parse_long(str, 10, min, max, &value) < 0) {
		if (errno == ERANGE)
			die_msg("%s: out of range '%s'", what, str);
		die_msg("%s: invalid number '%s'", what, str);
	}
	return value;
}

int
parse_duration(const char *str, double *seconds)
{
	char *end;
	double value;

	// strtod takes "nan" and negative numbers; neither is a duration.
	// ERANGE is fine: tiny values round to 0, huge ones to infinity.
	value = strtod(str, &end);
	if (end == str || !(value >= 0)) {
		errno = EINVAL;
		return -1;
	}
	switch (*end) {
	case '\0':
		*seconds = value;
		return 0;
	case 's':
		break;
	case 'm':
		value *= 60;
		break;
	case 'h':
		value *= 60 * 60;
		break;
	case 'd':
		value *= 24 * 60 * 60;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	if (end[1] != '\0') {
		errno = EINVAL;
		return -1;
	}
	*seconds = value;
	return 0;
}

struct timespec
duration_timespec(double seconds)
{
	// Billions of years: past any real wait, yet safe to convert and to
	// add to a clock's reading.
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
	// Round up: a wait must never be shorter than asked.
	if ((double)ts.tv_nsec < nanoseconds)
		ts.tv_nsec++;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return ts;
}
