/* tac - print lines in reverse order (GNU tac; not in POSIX). */
/*
 * Each file is read whole and written from its last line to its first.
 * A line is kept as it was, with or without its newline, so a file
 * whose last line has none gives "ba\n" for "a\nb", as GNU tac does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "tac [FILE...]";

/* Read all of FD. Returns 0, or -1 on a read error (reported). */
static int
slurp(int fd, const char *name, char **data, size_t *len)
{
	size_t cap = 65536;

	*data = xmalloc(cap);
	*len = 0;
	for (;;) {
		if (cap - *len < 65536) {
			cap *= 2;
			*data = xrealloc(*data, cap);
		}
		ssize_t nread = read(fd, *data + *len, cap - *len);
		if (nread < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("%s", name);
			return -1;
		}
		if (nread == 0)
			return 0;
		*len += (size_t)nread;
	}
}

int
main(int argc, char **argv)
{
	struct inputs in;
	int status = 0, c, fd;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+")) != -1)
		die_usage(usage);
	inputs_init(&in, argv + optind);
	while ((fd = inputs_next(&in)) >= 0) {
		char *data;
		size_t len;

		if (slurp(fd, in.name, &data, &len) < 0)
			status = 1;
		// END is one past the line being written; it ends with its
		// newline.
		size_t end = len;
		while (end > 0) {
			const char *nl =
			        end > 1 ? memrchr(data, '\n', end - 1) : NULL;
			size_t start = nl ? (size_t)(nl - data) + 1 : 0;
			out_write(&out_stdout, data + start, end - start);
			end = start;
		}
		free(data);
	}
	return finish(status | in.status);
}
