/* Unit tests for num.c: checked integer parsing. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include "check.h"
#include "mini.h"

static int
parses(const char *str, int base, long min, long max, long expect)
{
	long value = -12345;
	return parse_long(str, base, min, max, &value) == 0 && value == expect;
}

static int
rejects(const char *str, int base, long min, long max, int expect_errno)
{
	long value = -12345;
	errno = 0;
	return parse_long(str, base, min, max, &value) == -1 &&
	       errno == expect_errno && value == -12345;
}

static const char *die_input;

static int
xparse_status(const char *str)
{
	int wstatus;
	pid_t pid;

	die_input = str;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 2);
		xparse_long(die_input, 0, 100, "count");
		_exit(0);
	}
	waitpid(pid, &wstatus, 0);
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
}

static int
duration_is(const char *str, double expect)
{
	double seconds = -1;
	return parse_duration(str, &seconds) == 0 && seconds == expect;
}

static int
duration_rejects(const char *str)
{
	double seconds = -12345;
	errno = 0;
	return parse_duration(str, &seconds) == -1 && errno == EINVAL &&
	       seconds == -12345;
}

static int
timespec_is(double seconds, time_t sec, long nsec)
{
	struct timespec ts = duration_timespec(seconds);
	return ts.tv_sec == sec && ts.tv_nsec == nsec;
}

int
main(void)
{
	CHECK(parses("42", 10, 0, 100, 42));
	CHECK(parses("-7", 10, LONG_MIN, LONG_MAX, -7));
	CHECK(parses("+7", 10, 0, 10, 7));
	CHECK(parses("  12", 10, 0, 100, 12));
	CHECK(parses("0755", 8, 0, 07777, 0755));
	CHECK(parses("0x1f", 0, 0, 100, 31));
	CHECK(parses("010", 0, 0, 100, 8));
	CHECK(parses("9223372036854775807", 10, LONG_MIN, LONG_MAX, LONG_MAX));

	CHECK(rejects("", 10, 0, 100, EINVAL));
	CHECK(rejects("   ", 10, 0, 100, EINVAL));
	CHECK(rejects("12x", 10, 0, 100, EINVAL));
	CHECK(rejects("x12", 10, 0, 100, EINVAL));
	CHECK(rejects("12 ", 10, 0, 100, EINVAL));
	CHECK(rejects("-", 10, -10, 100, EINVAL));
	CHECK(rejects("8", 8, 0, 100, EINVAL));
	CHECK(rejects("101", 10, 0, 100, ERANGE));
	CHECK(rejects("-1", 10, 0, 100, ERANGE));
	CHECK(rejects("9223372036854775808", 10, LONG_MIN, LONG_MAX, ERANGE));

	CHECK(xparse_long("5", 0, 100, "count") == 5);
	CHECK(xparse_status("abc") == 1);
	CHECK(xparse_status("1000") == 1);
	CHECK(xparse_status("50") == 0);
	CHECK(duration_is("0", 0));
	CHECK(duration_is("2", 2));
	CHECK(duration_is("1.5", 1.5));
	CHECK(duration_is(".5", 0.5));
	CHECK(duration_is("5e-1", 0.5));
	CHECK(duration_is("3s", 3));
	CHECK(duration_is("1.5m", 90));
	CHECK(duration_is("2h", 7200));
	CHECK(duration_is("0.5d", 43200));
	CHECK(duration_is(" 1", 1));
	CHECK(duration_is("inf", INFINITY));
	CHECK(duration_is("infinity", INFINITY));
	CHECK(duration_is("1e999", INFINITY));
	CHECK(duration_rejects(""));
	CHECK(duration_rejects("s"));
	CHECK(duration_rejects("x"));
	CHECK(duration_rejects("1x"));
	CHECK(duration_rejects("1ms"));
	CHECK(duration_rejects("1s2"));
	CHECK(duration_rejects("1 "));
	CHECK(duration_rejects("-1"));
	CHECK(duration_rejects("-0.5s"));
	CHECK(duration_rejects("nan"));

	CHECK(timespec_is(0, 0, 0));
	CHECK(timespec_is(2.5, 2, 500000000));
	CHECK(timespec_is(1e-9, 0, 1));
	CHECK(timespec_is(1e-10, 0, 1));	/* rounded up, never to 0 */
	CHECK(timespec_is(INFINITY, (time_t)1 << 62, 0));

	long long got[4] = { 0 };
	CHECK(scan_numbers("24;80", got, 2) == 2 && got[0] == 24 && got[1] == 80);
	CHECK(scan_numbers(" 1/120 999", got, 3) == 3 && got[1] == 120 && got[2] == 999);
	CHECK(scan_numbers("S 1 -1 3", got, 4) == 3 && got[1] == -1);
	CHECK(scan_numbers("7 8 9", got, 2) == 2 && got[1] == 8);
	CHECK(scan_numbers("", got, 2) == 0);
	CHECK(scan_numbers("5 -", got, 2) == 1);
	return check_done();
}
