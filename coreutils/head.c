/* head - copy the first part of files (POSIX.1-2017 head; -c as in GNU). */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "head [-n LINES | -c BYTES] [FILE...]";

static char buf[65536];

/*
 * Copy the first COUNT lines (or bytes, if BY_BYTES) of FD to standard
 * output. Returns 0, or -1 after reporting a read error.
 */
static int
head_fd(int fd, const char *name, long count, int by_bytes)
{
	while (count > 0) {
		ssize_t nread = read(fd, buf, sizeof(buf));
		size_t take;

		if (nread < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("%s", name);
			return -1;
		}
		if (nread == 0)
			break;
		take = (size_t)nread;
		if (by_bytes) {
			if ((long)take > count)
				take = (size_t)count;
			count -= (long)take;
		} else {
			const char *at = buf, *end = buf + nread;
			while (count > 0 && at < end) {
				const char *nl =
				        memchr(at, '\n', (size_t)(end - at));
				if (!nl)
					break;
				at = nl + 1;
				count--;
			}
			if (count == 0)
				take = (size_t)(at - buf);
		}
		out_write(&out_stdout, buf, take);
		// Give back what was read past the end, where the input can
		// seek, so that `{ head -n 1; cat; } <file` hands the rest to
		// cat.
		if (take < (size_t)nread)
			lseek(fd, (off_t)take - nread, SEEK_CUR);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct inputs in;
	long count = 10;
	int by_bytes = 0, status = 0, c, fd;

	prog_init(argv[0]);
	// The old form "-NUMBER", for -n NUMBER: still what many people type.
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' &&
	    argv[1][1] <= '9' &&
	    argv[1][1 + strspn(argv[1] + 1, "0123456789")] == '\0') {
		count = xparse_long(argv[1] + 1, 0, LONG_MAX, "lines");
		optind = 2;
	}
	while ((c = getopt(argc, argv, "+n:c:")) != -1) {
		switch (c) {
		case 'n':
		case 'c':
			count = xparse_long(optarg, 0, LONG_MAX,
			                    c == 'n' ? "lines" : "bytes");
			by_bytes = c == 'c';
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	int many = argv[0] && argv[1], headers = 0;
	inputs_init(&in, argv);
	while ((fd = inputs_next(&in)) >= 0) {
		if (many)
			out_printf(&out_stdout, "%s==> %s <==\n",
			           headers++ ? "\n" : "",
			           fd == 0 ? "standard input" : in.name);
		if (head_fd(fd, in.name, count, by_bytes) < 0)
			status = 1;
	}
	return finish(status | in.status);
}
