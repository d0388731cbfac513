/* touch - change file access and modification times (POSIX.1-2017 touch; -d and -h as GNU). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "touch [-achm] [-d DATE|-r FILE|-t STAMP] FILE...";

/* Read exactly DIGITS digits from *P as a number; -1 if they are not there. */
static int
take(const char **p, int digits)
{
	int value = 0;

	for (int i = 0; i < digits; i++, (*p)++) {
		if (!isdigit((unsigned char)**p))
			return -1;
		value = value * 10 + (**p - '0');
	}
	return value;
}

/* Turn TM (and NSEC), local time or UTC, into TS; -1 if it is not a time. */
static int
to_timespec(struct tm *tm, long nsec, int utc, struct timespec *ts)
{
	int mon = tm->tm_mon, mday = tm->tm_mday;

	tm->tm_isdst = -1;
	ts->tv_sec = utc ? timegm(tm) : mktime(tm);
	ts->tv_nsec = nsec;
	// mktime quietly carries 31 February into March; refuse it.
	if (ts->tv_sec == (time_t)-1 || tm->tm_mon != mon || tm->tm_mday != mday)
		return -1;
	return 0;
}

/* -t [[CC]YY]MMDDhhmm[.SS]. */
static int
parse_stamp(const char *str, struct timespec *ts)
{
	struct tm tm = { 0 };
	const char *dot = strchr(str, '.');
	size_t len = dot ? (size_t)(dot - str) : strlen(str);
	const char *p = str;
	time_t now = time(NULL);

	localtime_r(&now, &tm);
	if (len == 12)
		tm.tm_year = take(&p, 4) - 1900;
	else if (len == 10) {
		// POSIX: 69-99 are 1969-1999, 00-68 are 2000-2068.
		int yy = take(&p, 2);
		tm.tm_year = yy < 69 ? yy + 100 : yy;
	} else if (len != 8)
		return -1;
	tm.tm_mon = take(&p, 2) - 1;
	tm.tm_mday = take(&p, 2);
	tm.tm_hour = take(&p, 2);
	tm.tm_min = take(&p, 2);
	tm.tm_sec = 0;
	if (dot) {
		p++;
		tm.tm_sec = take(&p, 2);
	}
	if (*p || tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mon > 11 ||
	    tm.tm_mday < 1 || tm.tm_hour < 0 || tm.tm_hour > 23 ||
	    tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60)
		return -1;
	return to_timespec(&tm, 0, 0, ts);
}

/*
 * -d: "@SECONDS", or YYYY-MM-DD, then optionally [ T]hh:mm[:ss[.frac]],
 * then optionally Z for UTC (POSIX: YYYY-MM-DDThh:mm:SS[.frac][Z]).
 */
static int
parse_date(const char *str, struct timespec *ts)
{
	struct tm tm = { 0 };
	const char *p = str;
	long nsec = 0;
	int utc = 0;

	if (*str == '@') {
		long secs;

		if (parse_long(str + 1, 10, -0x7fffffffL, 0x7fffffffffL, &secs) < 0)
			return -1;
		ts->tv_sec = secs;
		ts->tv_nsec = 0;
		return 0;
	}
	tm.tm_year = take(&p, 4) - 1900;
	if (*p++ != '-' || (tm.tm_mon = take(&p, 2) - 1) < 0 || *p++ != '-' ||
	    (tm.tm_mday = take(&p, 2)) < 1)
		return -1;
	if (*p == ' ' || *p == 'T') {
		p++;
		tm.tm_hour = take(&p, 2);
		if (*p++ != ':' || (tm.tm_min = take(&p, 2)) < 0)
			return -1;
		if (*p == ':') {
			p++;
			tm.tm_sec = take(&p, 2);
			if (*p == '.' || *p == ',') {
				long scale = 100000000;

				for (p++; isdigit((unsigned char)*p); p++, scale /= 10)
					nsec += (*p - '0') * scale;
			}
		}
		if (*p == 'Z') {
			utc = 1;
			p++;
		}
	}
	if (*p || tm.tm_year < 0 || tm.tm_mon > 11 || tm.tm_hour < 0 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60)
		return -1;
	return to_timespec(&tm, nsec, utc, ts);
}

int
main(int argc, char **argv)
{
	struct timespec times[2] = { { .tv_nsec = UTIME_NOW }, { .tv_nsec = UTIME_NOW } };
	int access_only = 0, modify_only = 0, no_create = 0, at_flags = 0;
	int status = 0;
	int c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+acd:hmr:t:")) != -1) {
		switch (c) {
		case 'a':
			access_only = 1;
			break;
		case 'c':
			no_create = 1;
			break;
		case 'd':
			if (parse_date(optarg, &times[0]) < 0)
				die_msg("%s: invalid date", optarg);
			times[1] = times[0];
			break;
		case 'h':
			// The link itself, not what it points to.
			at_flags = AT_SYMLINK_NOFOLLOW;
			break;
		case 'm':
			modify_only = 1;
			break;
		case 'r': {
			struct stat st;

			if (stat(optarg, &st) < 0)
				die_sys("%s", optarg);
			times[0] = st.st_atim;
			times[1] = st.st_mtim;
			break;
		}
		case 't':
			if (parse_stamp(optarg, &times[0]) < 0)
				die_msg("%s: invalid date", optarg);
			times[1] = times[0];
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!*argv)
		die_usage(usage);
	// -a alone leaves the modification time, -m alone the access time.
	if (access_only && !modify_only)
		times[1].tv_nsec = UTIME_OMIT;
	if (modify_only && !access_only)
		times[0].tv_nsec = UTIME_OMIT;

	for (; *argv; argv++) {
		const char *path = *argv;

		// "-" is standard output, as GNU's touch has it.
		if (strcmp(path, "-") == 0) {
			if (futimens(1, times) < 0) {
				warn_sys("%s", path);
				status = 1;
			}
			continue;
		}
		if (utimensat(AT_FDCWD, path, times, at_flags) == 0)
			continue;
		if (errno == ENOENT && !no_create) {
			int fd = open(path, O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY, 0666);

			if (fd >= 0 && futimens(fd, times) == 0) {
				close(fd);
				continue;
			}
			if (fd >= 0)
				close(fd);
		} else if (errno == ENOENT) {
			continue;
		}
		warn_sys("%s", path);
		status = 1;
	}
	return finish(status);
}
