/* unexpand - convert spaces to tabs (POSIX.1-2017 unexpand). */
/*
 * Only leading blanks are converted, unless -a; -t N (tabs every N
 * columns, which implies -a as POSIX says) sets the stops. A run of
 * blanks becomes tabs where it crosses a tab stop; a single space just
 * before a stop stays a space, as GNU leaves it.
 */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "unexpand [-a] [-t N] [FILE...]";

static long every = 8;
static int all_blanks;

static void
unexpand_line(const char *line, size_t len)
{
	long column = 0, blank_start = 0;
	size_t pending = 0; /* blanks seen but not yet written */
	int leading = 1;

	for (size_t i = 0; i < len; i++) {
		char c = line[i];
		int convert = all_blanks || leading;
		if (convert && (c == ' ' || c == '\t')) {
			if (pending == 0)
				blank_start = column;
			column = c == '\t' ? (column / every + 1) * every
			                   : column + 1;
			pending++;
			if (column % every == 0) {
				// The run reached a stop: one tab covers it (a
				// lone space stays a space).
				if (column - blank_start > 1 || c == '\t')
					out_char(&out_stdout, '\t');
				else
					out_char(&out_stdout, ' ');
				pending = 0;
			}
			continue;
		}
		// Blanks that did not reach a stop are written as they were.
		for (size_t k = i - pending; k < i; k++)
			out_char(&out_stdout, line[k]);
		pending = 0;
		leading = 0;
		out_char(&out_stdout, c);
		column = c == '\b' ? (column > 0 ? column - 1 : 0) : column + 1;
	}
	for (size_t k = len - pending; k < len; k++)
		out_char(&out_stdout, line[k]);
}

int
main(int argc, char **argv)
{
	struct inputs in;
	int c;
	char *line;
	ssize_t len;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+at:")) != -1) {
		switch (c) {
		case 'a':
			all_blanks = 1;
			break;
		case 't':
			every = xparse_long(optarg, 1, INT_MAX, "tab size");
			all_blanks = 1;
			break;
		default:
			die_usage(usage);
		}
	}
	inputs_init(&in, argv + optind);
	while ((len = inputs_next_line(&in, &line)) > 0) {
		int newline = line[len - 1] == '\n';
		unexpand_line(line, (size_t)len - newline);
		if (newline)
			out_char(&out_stdout, '\n');
	}
	return finish(in.status);
}
