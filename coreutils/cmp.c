/* cmp - compare two files byte by byte (POSIX.1-2017 cmp). */
/*
 * Exit status: 0 the same, 1 different, 2 trouble. Without options the
 * first difference is reported as "FILE1 FILE2 differ: char N, line L";
 * -l lists every differing byte (position, octal values), -s says
 * nothing. A file that is a prefix of the other gives "EOF on FILE".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "cmp [-l|-s] FILE1 FILE2";

static char buf1[65536], buf2[65536];

static int
open_input(const char *name)
{
	if (strcmp(name, "-") == 0)
		return 0;
	int fd = open(name, O_RDONLY);
	if (fd < 0)
		die_sys("%s", name);
	return fd;
}

/* Fill BUF from FD as far as it goes; die with status 2 on an error. */
static size_t
fill(int fd, char *buf, const char *name)
{
	ssize_t n = read_full(fd, buf, sizeof(buf1));
	if (n < 0)
		die_sys("%s", name);
	return (size_t)n;
}

int
main(int argc, char **argv)
{
	int list = 0, silent = 0, differ = 0, c;
	unsigned long long byte = 1, line = 1;
	int last_newline = 0; /* the last byte compared was a newline */

	prog_init(argv[0]);
	fail_status = 2;	// 1 says the files differ
	while ((c = getopt(argc, argv, "+ls")) != -1) {
		switch (c) {
		case 'l':
			list = 1;
			break;
		case 's':
			silent = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!argv[0] || !argv[1] || argv[2])
		die_usage(usage);
	const char *name1 = argv[0], *name2 = argv[1];
	int fd1 = open_input(name1), fd2 = open_input(name2);

	for (;;) {
		size_t n1 = fill(fd1, buf1, name1), n2 = fill(fd2, buf2, name2);
		size_t n = n1 < n2 ? n1 : n2;
		size_t i = 0;

		while (i < n) {
			// Same bytes are the common case: skip them a block at
			// a time.
			if (!list && memcmp(buf1 + i, buf2 + i, n - i) == 0) {
				for (size_t j = i; j < n; j++)
					line += buf1[j] == '\n';
				byte += n - i;
				i = n;
				break;
			}
			if (buf1[i] != buf2[i]) {
				if (silent)
					exit(finish(1));
				if (!list) {
					out_printf(&out_stdout,
					           "%s %s differ: char %llu, "
					           "line %llu\n",
					           name1, name2, byte, line);
					return finish(1);
				}
				out_printf(&out_stdout, "%llu %3o %3o\n", byte,
				           (unsigned char)buf1[i],
				           (unsigned char)buf2[i]);
				differ = 1;
			}
			line += buf1[i] == '\n';
			byte++;
			i++;
		}
		if (n1 != n2) {
			// One file ended first: it is a prefix of the other.
			// Worded as GNU cmp words it; POSIX leaves the detail
			// free.
			const char *shorter = n1 < n2 ? name1 : name2;
			out_flush(&out_stdout);
			if (silent)
				;
			else if (byte == 1)
				warn_msg("EOF on %s which is empty", shorter);
			else if (list)
				warn_msg("EOF on %s after byte %llu", shorter,
				         byte - 1);
			else if (n > 0 ? buf1[n - 1] == '\n' : last_newline)
				warn_msg("EOF on %s after byte %llu, line %llu",
				         shorter, byte - 1, line - 1);
			else
				warn_msg("EOF on %s after byte %llu, in line "
				         "%llu",
				         shorter, byte - 1, line);
			return finish(1);
		}
		if (n1 == 0)
			break;
		last_newline = buf1[n1 - 1] == '\n';
	}
	return finish(differ);
}
