/* paste - merge corresponding lines of files (POSIX.1-2017 paste). */
/*
 * Lines of the files are joined side by side, separated by the -d
 * characters in turn (a tab by default); with -s each file's lines are
 * joined into one line instead. The list takes \n, \t, \\ and \0 (no
 * separator at all).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "paste [-s] [-d LIST] FILE...";

static const char *delims = "\t";
static size_t ndelims = 1;

/* Decode the escapes of a -d LIST; "\0" is an empty separator, kept as NUL. */
static void
parse_delims(const char *list)
{
	// Kept for the life of the program.
	char *out = xmalloc(strlen(list) + 1);
	size_t n = 0;

	for (const char *at = list; *at; at++) {
		char c = *at;
		if (c == '\\' && at[1]) {
			c = *++at;
			c = c == 'n'   ? '\n'
			    : c == 't' ? '\t'
			    : c == '0' ? '\0'
			               : c;
		}
		out[n++] = c;
	}
	if (n == 0)
		die_msg("delimiter list is empty");
	delims = out;
	ndelims = n;
}

static void
put_delim(size_t i)
{
	char d = delims[i % ndelims];
	if (d != '\0')
		out_char(&out_stdout, d);
}

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

/* -s: each file becomes one line. */
static void
paste_serial(char **names)
{
	for (; *names; names++) {
		struct lines reader;
		char *line;
		ssize_t len;
		size_t i = 0;
		int fd = open_input(*names);

		lines_init(&reader, fd);
		while ((len = lines_next(&reader, &line)) > 0) {
			if (i > 0)
				put_delim(i - 1);
			out_write(&out_stdout, line,
			          (size_t)len - (line[len - 1] == '\n'));
			i++;
		}
		if (len < 0)
			die_sys("%s", *names);
		out_char(&out_stdout, '\n');
		lines_free(&reader);
		if (fd != 0)
			close(fd);
	}
}

static void
paste_parallel(char **names, int n)
{
	// "-" named more than once takes turns reading one standard input:
	// those entries share one reader.
	struct lines **readers = xcalloc((size_t)n, sizeof(*readers));
	struct lines *stdin_reader = NULL;
	int *done = xcalloc((size_t)n, sizeof(*done));

	for (int i = 0; i < n; i++) {
		int fd = open_input(names[i]);
		if (fd == 0 && stdin_reader) {
			readers[i] = stdin_reader;
			continue;
		}
		readers[i] = xmalloc(sizeof(**readers));
		lines_init(readers[i], fd);
		if (fd == 0)
			stdin_reader = readers[i];
	}
	for (;;) {
		int any = 0;
		for (int i = 0; i < n; i++) {
			char *line;
			ssize_t len = 0;
			if (!done[i]) {
				len = lines_next(readers[i], &line);
				if (len < 0)
					die_sys("%s", names[i]);
				done[i] = len == 0;
			}
			if (len > 0) {
				// Separators owed before the first line of this
				// round.
				if (!any)
					for (int j = 0; j < i; j++)
						put_delim((size_t)j);
				any = 1;
				out_write(&out_stdout, line,
				          (size_t)len -
				                  (line[len - 1] == '\n'));
			}
			if (any && i < n - 1)
				put_delim((size_t)i);
		}
		// A round where every file had ended prints nothing.
		if (!any)
			break;
		out_char(&out_stdout, '\n');
	}
	for (int i = 0; i < n; i++) {
		int shared = 0;
		for (int j = 0; j < i; j++)
			shared |= readers[j] == readers[i];
		if (shared)
			continue;
		if (readers[i]->fd != 0)
			close(readers[i]->fd);
		lines_free(readers[i]);
		free(readers[i]);
	}
	free(readers);
	free(done);
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = {"-", NULL};
	int serial = 0, c, n = 0;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+sd:")) != -1) {
		switch (c) {
		case 's':
			serial = 1;
			break;
		case 'd':
			parse_delims(optarg);
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (!*argv)
		argv = stdin_only;
	while (argv[n])
		n++;
	if (serial)
		paste_serial(argv);
	else
		paste_parallel(argv, n);
	return finish(0);
}
