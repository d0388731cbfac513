/* err.c - messages on stderr in the form "prog: what: why". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mini.h"

const char *prog_name = "mini";
int fail_status = 1;

void
prog_init(const char *argv0)
{
	const char *slash;

	if (!argv0 || !*argv0)
		return;
	slash = strrchr(argv0, '/');
	prog_name = slash ? slash + 1 : argv0;
}

/*
 * Compose the whole message first and write it with one call, so that
 * messages from several processes sharing stderr do not interleave.
 */
static void
vmessage(const char *fmt, va_list args, int errnum)
{
	char msg[1024];
	size_t len;
	int n;

	n = snprintf(msg, sizeof(msg), "%s: ", prog_name);
	len = n < 0 ? 0 : (size_t)n;
	if (len < sizeof(msg)) {
		n = vsnprintf(msg + len, sizeof(msg) - len, fmt, args);
		len += n < 0 ? 0 : (size_t)n;
	}
	if (errnum && len < sizeof(msg)) {
		n = snprintf(msg + len, sizeof(msg) - len, ": %s",
		             strerror(errnum));
		len += n < 0 ? 0 : (size_t)n;
	}
	if (len > sizeof(msg) - 2)
		len = sizeof(msg) - 2;
	msg[len++] = '\n';
	write_full(2, msg, len);
}

void
warn_msg(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vmessage(fmt, args, 0);
	va_end(args);
}

void
warn_sys(const char *fmt, ...)
{
	int saved_errno = errno;
	va_list args;

	va_start(args, fmt);
	vmessage(fmt, args, saved_errno);
	va_end(args);
	errno = saved_errno;
}

void
die_msg(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vmessage(fmt, args, 0);
	va_end(args);
	exit(fail_status);
}

void
die_sys(const char *fmt, ...)
{
	int saved_errno = errno;
	va_list args;

	va_start(args, fmt);
	vmessage(fmt, args, saved_errno);
	va_end(args);
	exit(fail_status);
}

void
die_usage(const char *synopsis)
{
	char msg[512];
	int n;

	n = snprintf(msg, sizeof(msg), "usage: %s\n", synopsis);
	if (n > 0)
		write_full(2, msg, (size_t)n < sizeof(msg) ? (size_t)n
		                                            : sizeof(msg) - 1);
	exit(2);
}
