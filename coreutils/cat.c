/* cat - concatenate and print files (POSIX.1-2017 cat; -n as in GNU). */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "cat [-nu] [FILE...]";

// Large reads keep the number of system calls low for big files.
static char buf[128 * 1024];

static int number_lines;
// Numbering runs on across files, and a file that ends without a newline
// leaves the next file's first bytes on the same, already numbered, line.
static unsigned long line_number;
static int at_line_start = 1;

/* Write LEN bytes of input to the output, numbering lines when asked. */
static void
put(const char *data, size_t len)
{
	if (!number_lines) {
		out_write(&out_stdout, data, len);
		return;
	}
	while (len > 0) {
		const char *newline = memchr(data, '\n', len);
		size_t part = newline ? (size_t)(newline - data) + 1 : len;

		if (at_line_start) {
			out_number(&out_stdout, ++line_number, 6);
			out_char(&out_stdout, '\t');
		}
		out_write(&out_stdout, data, part);
		at_line_start = newline != NULL;
		data += part;
		len -= part;
	}
}

/*
 * Copy the file open on FD, called NAME in messages, to standard output.
 * Nothing is held back, so cat is unbuffered (-u) always: a line typed at
 * a terminal comes out at once. Returns 0, or -1 after a read error
 * (reported here) or a write error (left for finish()).
 */
static int
cat_fd(int fd, const char *name)
{
	if (!number_lines) {
		if (out_copy_fd(&out_stdout, fd) < 0) {
			warn_sys("%s", name);
			return -1;
		}
		return 0;
	}
	for (;;) {
		ssize_t nread = read(fd, buf, sizeof(buf));

		if (nread < 0) {
			if (errno == EINTR)
				continue;
			warn_sys("%s", name);
			return -1;
		}
		if (nread == 0)
			return 0;
		put(buf, (size_t)nread);
		if (out_flush(&out_stdout) < 0)
			return -1;
	}
}

int
main(int argc, char **argv)
{
	struct inputs in;
	int status = 0;
	int c, fd;

	prog_init(argv[0]);
	// "+": options end at the first operand, in glibc as in musl.
	while ((c = getopt(argc, argv, "+nu")) != -1) {
		switch (c) {
		case 'n':
			number_lines = 1;
			break;
		case 'u':
			// Output is never held back; see cat_fd.
			break;
		default:
			die_usage(usage);
		}
	}
	inputs_init(&in, argv + optind);
	// After a write error the rest would be lost anyway: stop at once.
	while (!out_stdout.error && (fd = inputs_next(&in)) >= 0) {
		if (cat_fd(fd, in.name) < 0)
			status = 1;
	}
	return finish(status | in.status);
}
