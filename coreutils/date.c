/* date - write or set the date and time (POSIX.1-2017 date; -d, -s as GNU). */
/*
 * A time is read in one of the forms people type: @SECONDS (since the
 * epoch), "YYYY-MM-DD HH:MM[:SS]", "YYYY-MM-DD" or "HH:MM[:SS]" (today),
 * or relative to now as GNU date has it: "3 days", "7 months ago", "now",
 * "yesterday", "tomorrow".
 * Setting the clock is clock_settime(2) on CLOCK_REALTIME; the hardware
 * clock is not touched. mini has no zone files, so local time is UTC
 * unless TZ says otherwise (TZ=CET-1 works: POSIX TZ strings need none).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "date [-u] [-d TIME | -s TIME] [+FORMAT]";

/* The forms of a time that are tried in turn. */
static const struct {
	const char *format;
} forms[] = {
	{ "%Y-%m-%d %H:%M:%S" }, { "%Y-%m-%d %H:%M" }, { "%Y-%m-%dT%H:%M:%S" },
	{ "%Y-%m-%d" }, { "%H:%M:%S" }, { "%H:%M" },
};

/*
 * FORMAT with every %N (nanoseconds, a GNU extension that strftime lacks)
 * replaced by the nine digits of NSEC, %3N by the first three and so on;
 * "%%" is kept as it is.
 */
static char *
expand_nanoseconds(const char *format, long nsec)
{
	char *out = xmalloc(strlen(format) * 5 + 1);
	char *at = out;

	for (; *format; format++) {
		if (format[0] == '%' && format[1] == 'N') {
			at += sprintf(at, "%09ld", nsec);
			format++;
		} else if (format[0] == '%' && format[1] >= '1' && format[1] <= '9' &&
		           format[2] == 'N') {
			char digits[16];

			snprintf(digits, sizeof(digits), "%09ld", nsec);
			digits[format[1] - '0'] = '\0';
			at += sprintf(at, "%s", digits);
			format += 2;
		} else if (format[0] == '%' && format[1] != '\0') {
			*at++ = *format++;
			*at++ = *format;
		} else {
			*at++ = *format;
		}
	}
	*at = '\0';
	return out;
}

/*
 * Read TEXT as "N UNIT[s] [ago]", "now", "yesterday" or "tomorrow", from
 * NOW. Returns 0 and sets *WHEN, or -1 if TEXT is not of that form.
 */
static int
parse_relative(const char *text, time_t now, time_t *when)
{
	static const char *const units[] = { "second", "minute", "hour", "day",
	                                     "week", "month", "year" };
	char unit[16];
	long count = 0;
	struct tm tm;

	if (strcmp(text, "now") == 0 || strcmp(text, "today") == 0)
		count = 0, strcpy(unit, "day");
	else if (strcmp(text, "yesterday") == 0)
		count = -1, strcpy(unit, "day");
	else if (strcmp(text, "tomorrow") == 0)
		count = 1, strcpy(unit, "day");
	else {
		const char *at = text;
		char *end;
		size_t unit_len = 0;

		count = strtol(at, &end, 10);
		if (end == at)
			return -1;
		for (at = end; *at == ' '; at++)
			;
		while (*at >= 'a' && *at <= 'z' && unit_len + 1 < sizeof(unit))
			unit[unit_len++] = *at++;
		unit[unit_len] = '\0';
		for (; *at == ' '; at++)
			;
		if (strncmp(at, "ago", 3) == 0) {
			count = -count;
			at += 3;
		}
		if (*at)
			return -1;
	}
	size_t len = strlen(unit);
	if (len > 1 && unit[len - 1] == 's')
		unit[len - 1] = '\0';
	// Calendar arithmetic: mktime carries 13 months into a year and so on.
	localtime_r(&now, &tm);
	if (strcmp(unit, units[0]) == 0) tm.tm_sec += (int)count;
	else if (strcmp(unit, units[1]) == 0) tm.tm_min += (int)count;
	else if (strcmp(unit, units[2]) == 0) tm.tm_hour += (int)count;
	else if (strcmp(unit, units[3]) == 0) tm.tm_mday += (int)count;
	else if (strcmp(unit, units[4]) == 0) tm.tm_mday += 7 * (int)count;
	else if (strcmp(unit, units[5]) == 0) tm.tm_mon += (int)count;
	else if (strcmp(unit, units[6]) == 0) tm.tm_year += (int)count;
	else
		return -1;
	tm.tm_isdst = -1;
	*when = mktime(&tm);
	return 0;
}

/* Read TEXT as a time in one of the forms above; die if it is none. */
static time_t
parse_time(const char *text, time_t now)
{
	if (text[0] == '@') {
		long long seconds;
		char *end;

		errno = 0;
		seconds = strtoll(text + 1, &end, 10);
		if (end == text + 1 || *end || errno)
			die_msg("%s: invalid date", text);
		return (time_t)seconds;
	}
	time_t when;
	if (parse_relative(text, now, &when) == 0)
		return when;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct tm tm;
		const char *end;

		// A form without a date means today: the fields start as now.
		localtime_r(&now, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		end = strptime(text, forms[i].format, &tm);
		if (!end || *end)
			continue;
		tm.tm_isdst = -1;
		return mktime(&tm);
	}
	die_msg("%s: invalid date", text);
}

int
main(int argc, char **argv)
{
	const char *format = "%a %b %e %H:%M:%S %Z %Y";
	const char *show = NULL, *set = NULL;
	struct timespec now;
	char text[1024];
	struct tm tm;
	int c;

	prog_init(argv[0]);
	clock_gettime(CLOCK_REALTIME, &now);
	time_t when = now.tv_sec;
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+d:s:u")) != -1) {
		switch (c) {
		case 'd':
			show = optarg;
			break;
		case 's':
			set = optarg;
			break;
		case 'u':
			// TZ is read afresh by localtime_r and mktime.
			setenv("TZ", "UTC0", 1);
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if ((show && set) || (argv[0] && (argv[0][0] != '+' || argv[1])))
		die_usage(usage);
	if (argv[0])
		format = argv[0] + 1;
	tzset();

	if (show) {
		when = parse_time(show, when);
		now.tv_nsec = 0;
	}
	if (set) {
		struct timespec ts = { .tv_sec = parse_time(set, when) };

		if (clock_settime(CLOCK_REALTIME, &ts) < 0)
			die_sys("cannot set the clock");
		when = ts.tv_sec;
		now.tv_nsec = 0;
	}
	if (!localtime_r(&when, &tm))
		die_msg("%lld: time out of range", (long long)when);
	// strftime returns 0 both for "no room" and for an empty result.
	char *expanded = expand_nanoseconds(format, now.tv_nsec);
	size_t len = strftime(text, sizeof(text), expanded, &tm);
	if (len == 0 && *expanded)
		text[0] = '\0';
	free(expanded);
	out_printf(&out_stdout, "%s\n", text);
	return finish(0);
}
