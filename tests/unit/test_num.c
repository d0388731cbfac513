/* Unit tests for num.c: checked integer parsing. */
#include <errno.h>
#include <limits.h>
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
	return check_done();
}
