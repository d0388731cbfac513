/* nl - number lines (POSIX.1-2017 nl). */
/*
 * Input is made of logical pages, each with a header, body and footer,
 * started by lines holding just "\:\:\:", "\:\:" or "\:" (the -d
 * characters); such a line is printed empty. Numbering starts again
 * after each of them (as GNU has it), unless -p. Which lines get numbers: -b
 * for the body (t: non-empty ones, the default), -h and -f for header and
 * footer (n: none); a for all, pBRE for those matching BRE.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mini.h"

static const char usage[] =
        "nl [-p] [-b TYPE] [-d DELIM] [-f TYPE] [-h TYPE] [-i INCR] [-l NUM]\n"
        "          [-n FORMAT] [-s SEP] [-v START] [-w WIDTH] [FILE]";

struct style {
	char type; /* a t n p */
	struct rx *regex;
};

enum { HEADER, BODY, FOOTER };

static struct style styles[3] = {{.type = 'n'}, {.type = 't'}, {.type = 'n'}};
static long start = 1, increment = 1, width = 6, blank_group = 1;
static const char *format = "rn", *separator = "\t";
static char delim[2] = {'\\', ':'};
static int no_restart;

static void
parse_style(struct style *style, const char *arg)
{
	if ((arg[0] == 'a' || arg[0] == 't' || arg[0] == 'n') &&
	    arg[1] == '\0') {
		style->type = arg[0];
		return;
	}
	if (arg[0] != 'p')
		die_msg("invalid numbering style: '%s'", arg);
	char why[128];

	style->type = 'p';
	rx_free(style->regex); // a second -b p... replaces the first
	style->regex = rx_compile(arg + 1, 0, why, sizeof(why));
	if (!style->regex)
		die_msg("invalid regular expression: '%s': %s", arg + 1, why);
}

/* Which section delimiter LINE is: 3 header, 2 body, 1 footer, 0 none. */
static int
section_line(const char *line, size_t len)
{
	if (len == 0 || len % 2 != 0 || len > 6)
		return 0;
	for (size_t i = 0; i < len; i += 2)
		if (line[i] != delim[0] || line[i + 1] != delim[1])
			return 0;
	return (int)(len / 2);
}

int
main(int argc, char **argv)
{
	struct lines reader;
	char *line;
	ssize_t len;
	long number;
	int section = BODY, blanks = 0, fd = 0, c;

	prog_init(argv[0]);
	while ((c = getopt(argc, argv, "+pb:d:f:h:i:l:n:s:v:w:")) != -1) {
		switch (c) {
		case 'p':
			no_restart = 1;
			break;
		case 'b':
			parse_style(&styles[BODY], optarg);
			break;
		case 'h':
			parse_style(&styles[HEADER], optarg);
			break;
		case 'f':
			parse_style(&styles[FOOTER], optarg);
			break;
		case 'd':
			// One character changes only the first of the pair.
			if (optarg[0])
				delim[0] = optarg[0];
			if (optarg[0] && optarg[1])
				delim[1] = optarg[1];
			break;
		case 'i':
			increment = xparse_long(optarg, LONG_MIN, LONG_MAX,
			                        "increment");
			break;
		case 'l':
			blank_group =
			        xparse_long(optarg, 1, LONG_MAX, "line count");
			break;
		case 'n':
			if (strcmp(optarg, "ln") != 0 &&
			    strcmp(optarg, "rn") != 0 &&
			    strcmp(optarg, "rz") != 0)
				die_msg("invalid line numbering format: '%s'",
				        optarg);
			format = optarg;
			break;
		case 's':
			separator = optarg;
			break;
		case 'v':
			start = xparse_long(optarg, LONG_MIN, LONG_MAX,
			                    "start");
			break;
		case 'w':
			width = xparse_long(optarg, 1, INT_MAX, "width");
			break;
		default:
			die_usage(usage);
		}
	}
	argv += optind;
	if (argv[0] && argv[1])
		die_usage(usage);
	if (argv[0] && strcmp(argv[0], "-") != 0)
		fd = xopen(argv[0], O_RDONLY, 0);

	number = start;
	lines_init(&reader, fd);
	while ((len = lines_next(&reader, &line)) > 0) {
		int newline = line[len - 1] == '\n';
		size_t text_len = (size_t)len - newline;
		int kind = section_line(line, text_len);
		if (kind) {
			section = kind == 3   ? HEADER
			          : kind == 2 ? BODY
			                      : FOOTER;
			if (!no_restart)
				number = start;
			out_char(&out_stdout, '\n');
			continue;
		}
		struct style *style = &styles[section];
		int numbered;
		switch (style->type) {
		case 'a':
			// With -l N, only every Nth of a run of empty lines.
			if (text_len == 0)
				numbered = ++blanks % blank_group == 0;
			else
				numbered = 1, blanks = 0;
			break;
		case 't':
			numbered = text_len > 0;
			break;
		case 'p':
			numbered = rx_matches(style->regex, line, text_len);
			break;
		default:
			numbered = 0;
		}
		if (numbered) {
			if (format[0] == 'l')
				out_printf(&out_stdout, "%-*ld", (int)width,
				           number);
			else if (format[1] == 'z')
				out_printf(&out_stdout, "%0*ld", (int)width,
				           number);
			else
				out_printf(&out_stdout, "%*ld", (int)width,
				           number);
			out_str(&out_stdout, separator);
			number += increment;
		} else {
			// Unnumbered lines are indented to line up with the
			// rest.
			out_printf(&out_stdout, "%*s",
			           (int)(width + (long)strlen(separator)), "");
		}
		out_write(&out_stdout, line, text_len);
		out_char(&out_stdout, '\n');
	}
	if (len < 0)
		die_sys("%s", argv[0] ? argv[0] : "-");
	lines_free(&reader);
	return finish(0);
}
