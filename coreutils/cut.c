/* cut - cut out selected bytes, characters or fields of lines (POSIX.1-2017
 * cut). */
/*
 * -c counts bytes, as -b does (and as GNU does): mini has no multibyte
 * locales. -n is accepted and changes nothing, for the same reason.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] = "cut -b LIST [-n] [FILE...]\n"
                            "       cut -c LIST [FILE...]\n"
                            "       cut -f LIST [-d DELIM] [-s] [FILE...]";

/*
 * The selected positions (counted from 1): those below `nbits` that are
 * set in `bits`, and every position from `open_from` on (N- in the list).
 */
static unsigned char *bits;
static size_t nbits;
static size_t open_from = (size_t)-1;

static int
selected(size_t pos)
{
	return pos >= open_from || (pos < nbits && bits[pos]);
}

static void
select_range(size_t low, size_t high)
{
	if (high == (size_t)-1) {
		if (low < open_from)
			open_from = low;
		return;
	}
	if (high >= nbits) {
		bits = xrealloc(bits, high + 1);
		memset(bits + nbits, 0, high + 1 - nbits);
		nbits = high + 1;
	}
	for (size_t i = low; i <= high; i++)
		bits[i] = 1;
}

/* Parse LIST: ranges N, N-, -M, N-M, separated by commas or blanks. */
static void
parse_list(const char *list)
{
	const char *at = list;

	if (*list == '\0')
		die_msg("empty list");
	while (*at) {
		size_t low = 1, high;
		char *end;

		if (*at >= '0' && *at <= '9') {
			low = strtoul(at, &end, 10);
			at = end;
		} else if (*at != '-') {
			die_msg("invalid list '%s'", list);
		}
		high = low;
		if (*at == '-') {
			at++;
			high = (size_t)-1;
			if (*at >= '0' && *at <= '9') {
				high = strtoul(at, &end, 10);
				at = end;
			} else if (at == list + 1) {
				die_msg("invalid range with no endpoint: -");
			}
		}
		if (low == 0 || high == 0)
			die_msg("fields and positions are numbered from 1");
		if (high < low)
			die_msg("invalid decreasing range");
		select_range(low, high);
		if (*at == ',' || *at == ' ' || *at == '\t')
			at++;
		else if (*at)
			die_msg("invalid list '%s'", list);
	}
}

static void
cut_bytes(const char *line, size_t len)
{
	size_t start = 0;

	// Write runs of selected bytes in one piece.
	while (start < len) {
		while (start < len && !selected(start + 1))
			start++;
		size_t end = start;
		while (end < len && selected(end + 1))
			end++;
		out_write(&out_stdout, line + start, end - start);
		start = end;
	}
	out_char(&out_stdout, '\n');
}

static void
cut_fields(const char *line, size_t len, char delim, int only_delimited)
{
	const char *at = line, *end = line + len;
	int printed = 0;

	if (!memchr(line, delim, len)) {
		if (!only_delimited) {
			out_write(&out_stdout, line, len);
			out_char(&out_stdout, '\n');
		}
		return;
	}
	for (size_t field = 1; at <= end; field++) {
		const char *next = memchr(at, delim, (size_t)(end - at));
		if (!next)
			next = end;
		if (selected(field)) {
			if (printed++)
				out_char(&out_stdout, delim);
			out_write(&out_stdout, at, (size_t)(next - at));
		}
		// Past the last selected field: nothing more to print.
		if (open_from == (size_t)-1 && field + 1 >= nbits)
			break;
		at = next + 1;
	}
	out_char(&out_stdout, '\n');
}

int
main(int argc, char **argv)
{
	struct inputs in;
	int mode = 0, only_delimited = 0, c;
	char *line;
	ssize_t len;
	char delim = '\t';
	int have_delim = 0;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+b:c:f:d:sn")) != -1) {
		switch (c) {
		case 'b':
		case 'c':
		case 'f':
			if (mode)
				die_msg("only one list may be given");
			mode = c;
			parse_list(optarg);
			break;
		case 'd':
			if (strlen(optarg) > 1)
				die_msg("the delimiter must be a single "
				        "character");
			delim = optarg[0];
			have_delim = 1;
			break;
		case 's':
			only_delimited = 1;
			break;
		case 'n':
			break;
		default:
			die_usage(usage);
		}
	}
	if (!mode)
		die_usage(usage);
	if ((have_delim || only_delimited) && mode != 'f')
		die_msg("-d and -s go only with -f");
	inputs_init(&in, argv + optind);
	while ((len = inputs_next_line(&in, &line)) > 0) {
		if (line[len - 1] == '\n')
			len--;
		if (mode == 'f')
			cut_fields(line, (size_t)len, delim, only_delimited);
		else
			cut_bytes(line, (size_t)len);
	}
	return finish(in.status);
}
