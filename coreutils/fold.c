/* fold - wrap lines to a width (POSIX.1-2017 fold). */
/*
 * Columns are counted as a terminal would: a tab moves to the next
 * multiple of 8, backspace goes back one, carriage return to column 0.
 * With -b every byte is one column. With -s a line is broken after the
 * last blank that fits, when there is one.
 */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "fold [-bs] [-w WIDTH] [FILE...]";

static long width = 80;
static int by_bytes, at_spaces;

static size_t
advance(size_t column, char c)
{
	if (by_bytes)
		return column + 1;
	switch (c) {
	case '\t':
		return (column / 8 + 1) * 8;
	case '\b':
		return column > 0 ? column - 1 : 0;
	case '\r':
		return 0;
	default:
		return column + 1;
	}
}

/* Fold one line (without its newline). */
static void
fold_line(const char *line, size_t len)
{
	size_t start = 0, column = 0;

	for (size_t i = start; i < len;) {
		size_t next = advance(column, line[i]);
		if (next <= (size_t)width || i == start) {
			column = next;
			i++;
			continue;
		}
		// Line full before byte i: break it.
		size_t cut = i;
		if (at_spaces) {
			for (size_t j = i; j > start; j--)
				if (line[j - 1] == ' ') {
					cut = j;
					break;
				}
		}
		out_write(&out_stdout, line + start, cut - start);
		out_char(&out_stdout, '\n');
		start = cut;
		column = 0;
		for (size_t j = start; j < i; j++)
			column = advance(column, line[j]);
	}
	out_write(&out_stdout, line + start, len - start);
}

int
main(int argc, char **argv)
{
	struct inputs in;
	int c;
	char *line;
	ssize_t len;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+bsw:")) != -1) {
		switch (c) {
		case 'b':
			by_bytes = 1;
			break;
		case 's':
			at_spaces = 1;
			break;
		case 'w':
			width = xparse_long(optarg, 1, INT_MAX, "width");
			break;
		default:
			die_usage(usage);
		}
	}
	inputs_init(&in, argv + optind);
	while ((len = inputs_next_line(&in, &line)) > 0) {
		int newline = line[len - 1] == '\n';
		fold_line(line, (size_t)len - newline);
		if (newline)
			out_char(&out_stdout, '\n');
	}
	return finish(in.status);
}
