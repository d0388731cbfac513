/* dmesg - print the kernel's message buffer (util-linux dmesg(1); syslog(2)). */
/*
 * The kernel keeps its log in a ring buffer; klogctl (syslog(2)) reads it
 * as text, one "<LEVEL>[  SECONDS] message" line per record (the time is
 * there when the kernel has printk.time on, as Debian's has). We drop the
 * <LEVEL> and print the rest. -c clears the buffer after reading it, -n
 * sets which levels the kernel also prints on the console.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "dmesg [-c] [-n LEVEL]";

// The operations of syslog(2), named as in its manual page.
enum { SYSLOG_ACTION_READ_ALL = 3, SYSLOG_ACTION_READ_CLEAR = 4,
       SYSLOG_ACTION_CONSOLE_LEVEL = 8, SYSLOG_ACTION_SIZE_BUFFER = 10 };

int
main(int argc, char **argv)
{
	int clear = 0;
	int c;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+cn:")) != -1) {
		switch (c) {
		case 'c':
			clear = 1;
			break;
		case 'n': {
			long level = xparse_long(optarg, 1, 8, "-n");

			if (klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, (int)level) < 0)
				die_sys("cannot set the console level");
			return finish(0);
		}
		default:
			die_usage(usage);
		}
	}
	if (argv[optind])
		die_usage(usage);

	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (size < 0)
		die_sys("cannot read the kernel log");
	char *buf = xmalloc((size_t)size + 1);
	int len = klogctl(clear ? SYSLOG_ACTION_READ_CLEAR : SYSLOG_ACTION_READ_ALL,
	                  buf, size);
	if (len < 0)
		die_sys("cannot read the kernel log");

	char *line = buf, *end = buf + len;
	while (line < end) {
		char *newline = memchr(line, '\n', (size_t)(end - line));
		char *next = newline ? newline + 1 : end;

		if (*line == '<') {
			char *close = memchr(line, '>', (size_t)(next - line));

			if (close)
				line = close + 1;
		}
		out_write(&out_stdout, line, (size_t)(next - line));
		if (!newline)
			out_char(&out_stdout, '\n');
		line = next;
	}
	free(buf);
	return finish(0);
}
