/* expand - convert tabs to spaces (POSIX.1-2017 expand). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "expand [-t TABLIST] [FILE...]";

/* Tab stops: every `every` columns, or the listed columns. */
static long every = 8;
static long *stops;
static size_t nstops;

static void
parse_tabs(const char *list)
{
	const char *at = list;

	while (*at) {
		char *end;
		long stop = strtol(at, &end, 10);
		if (end == at || stop <= 0 ||
		    (nstops > 0 && stop <= stops[nstops - 1]))
			die_msg("invalid tab list '%s'", list);
		stops = xreallocarray(stops, nstops + 1, sizeof(*stops));
		stops[nstops++] = stop;
		at = end;
		if (*at == ',' || *at == ' ')
			at++;
	}
	if (nstops == 1) {
		every = stops[0];
		nstops = 0;
	}
}

/* The column a tab at COLUMN moves to. */
static long
next_stop(long column)
{
	if (nstops == 0)
		return (column / every + 1) * every;
	for (size_t i = 0; i < nstops; i++)
		if (stops[i] > column)
			return stops[i];
	return column + 1; // past the last stop: one space, as GNU does
}

int
main(int argc, char **argv)
{
	struct inputs in;
	static const char spaces[] = "                                ";
	int c;
	char *line;
	ssize_t len;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+t:")) != -1) {
		if (c != 't')
			die_usage(usage);
		parse_tabs(optarg);
	}
	inputs_init(&in, argv + optind);
	while ((len = inputs_next_line(&in, &line)) > 0) {
		long column = 0;
		const char *at = line, *end = line + len;
		while (at < end) {
			const char *tab = memchr(at, '\t', (size_t)(end - at));
			const char *stop = tab ? tab : end;
			// A backspace steps back a column.
			for (const char *p = at; p < stop; p++) {
				if (*p != '\b')
					column++;
				else if (column > 0)
					column--;
			}
			out_write(&out_stdout, at, (size_t)(stop - at));
			if (!tab)
				break;
			long to = next_stop(column);
			for (long n = to - column; n > 0; n -= 32)
				out_write(&out_stdout, spaces,
				          n < 32 ? (size_t)n : 32);
			column = to;
			at = tab + 1;
		}
	}
	free(stops);
	return finish(in.status);
}
